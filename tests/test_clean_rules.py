"""warta.ingest.clean: the edges of each boilerplate rule (which lines hold a dateline, how long
one may be, which credit and copyright lines are read how, which dated weekday gives the day)
(issue #20: tests that bite)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.ingest.clean import Segmented, segment
from warta.model import Published

BODY = "Presiden berpidato di depan DPR pada Senin."


def _dl(text):
    seg = segment(text)
    return seg.dateline, seg.source


def test_clean_rules_segmented_defaults_are_empty():
    seg = Segmented(body=(3, 9))
    assert (seg.boilerplate, seg.dateline, seg.source, seg.wire) == ([], None, None, None)
    assert seg.published == Published(None, None, None)
    assert seg.content_ranges() == [(3, 9)]


@pytest.mark.parametrize("text, place, outlet", [
    ("Liputan6.com, JAKARTA - ", "Jakarta", "Liputan6"),           # the outlet first
    ("Jakarta, Kompas.com - ", "Jakarta", "Kompas"),               # the outlet second
    ("Jakarta, Senin (ANTARA) - ", "Jakarta", "ANTARA"),           # place, weekday, outlet in brackets
    ("Jakarta, Warta Ekonomi Online - ", "Jakarta", "Warta Ekonomi Online"),  # three words: an outlet
    ("Jakarta (Kantor Berita Lokal) - ", "Jakarta", "Kantor Berita Lokal"),
    ("Kompas.com, Detik.com - ", None, None),                       # two outlets: no place, no dateline
    ("Jakarta, kemarin - ", None, None),                            # a lower-case word is no outlet
    ("Jakarta, Kata Menteri Luar Negeri - ", None, None),           # four words: a clause, not an outlet
    ("Kemarin - ", None, None),                                     # a capitalised word opening a sentence
    ("BREAKING NEWS - ", None, None),                               # only a single upper-case word is a place
    ("JAKARTA — ", "Jakarta", None), ("JAKARTA | ", "Jakarta", None), ("JAKARTA -- ", "Jakarta", None),
])
def test_clean_rules_dateline_forms(text, place, outlet):
    seg = segment(text + BODY + "\n")
    assert (seg.dateline, seg.source) == (place, outlet)
    assert [b.kind for b in seg.boilerplate] == (["dateline"] if place or outlet else [])
    assert seg.body[0] == (len(text) if place or outlet else 0)


def test_clean_rules_dateline_is_at_most_60_characters():
    def line(n):
        paren = "Kantor Berita " + "x" * (n - len("Kabupaten Bandung Barat, Jawa Barat (Kantor Berita ) - "))
        return f"Kabupaten Bandung Barat, Jawa Barat ({paren}) - {BODY}\n"
    assert len(line(60).split(" - ")[0]) + 3 == 60
    assert _dl(line(60)) == ("Kabupaten Bandung Barat", "Kantor Berita " + "x" * 5)
    assert _dl(line(61)) == (None, None)


def test_clean_rules_dateline_on_one_of_the_first_three_lines_only():
    title = "Presiden Joko Widodo meresmikan bendungan terbesar di Jawa Tengah bersama para menteri kabinet"
    assert _dl(f"{title}\n\nJAKARTA - {BODY}\n") == ("Jakarta", None)
    seg = segment(f"{title}\nSubjudul.\nFoto: ANTARA\nJAKARTA - {BODY}\n")
    assert seg.dateline is None
    # only the first dateline counts
    seg = segment(f"JAKARTA - {BODY}\nBANDUNG - Gubernur menjawab.\n")
    assert seg.dateline == "Jakarta" and [b.kind for b in seg.boilerplate] == ["dateline"]


def test_clean_rules_indented_lines_keep_their_offsets():
    text = f"  JAKARTA - {BODY}\n\t Baca juga: Harga beras naik\n Lanjutan berita.\n"
    seg = segment(text)
    dl, rel = seg.boilerplate
    assert (dl.kind, dl.start, dl.text) == ("dateline", 2, "JAKARTA - ")
    assert (rel.kind, rel.text, rel.value) == ("related", "Baca juga: Harga beras naik", "Harga beras naik")
    assert text[rel.start:rel.end] == rel.text
    assert text[seg.body[0]:seg.body[1]] == BODY + "\n\t Baca juga: Harga beras naik\n Lanjutan berita."


def test_clean_rules_credit_value_keeps_what_follows_the_first_colon():
    seg = segment(f"{BODY}\nFoto: ANTARA FOTO/Rivan Awal Lingga: Presiden tiba di Istana.\n")
    [credit] = seg.boilerplate
    assert (credit.kind, credit.value) == ("credit", "ANTARA FOTO/Rivan Awal Lingga: Presiden tiba di Istana.")


def test_clean_rules_wire_value_without_the_full_stop():
    seg = segment(f"{BODY}\nSumber: Reuters.\nSumber: AFP\n")
    assert seg.wire == "Reuters"  # the first one
    assert [b.value for b in seg.boilerplate] == ["Reuters", "AFP"]


@pytest.mark.parametrize("weekday, expected", [
    ("Sabtu (1/1/2022)", "2022-01-01"), ("Jumat (31/12/2021)", "2021-12-31"), ("Selasa (31/5/2022)", "2022-05-31"),
    ("Jum'at (5/8/2022)", "2022-08-05"), ("Ahad, (7/8/2022)", "2022-08-07"),
    ("Rabu (32/5/2022)", None), ("Rabu (5/13/2022)", None), ("Rabu (0/5/2022)", None), ("Rabu (5/0/2022)", None),
])
def test_clean_rules_dated_weekday_gives_the_day(weekday, expected):
    seg = segment(f"JAKARTA - Presiden berpidato pada {weekday} di depan DPR.\n")
    assert seg.published.to_dict() == (
        {"value": expected, "granularity": "day", "origin": "first dated weekday in text"} if expected
        else {"value": None, "granularity": None, "origin": None})


def test_clean_rules_dated_weekday_within_the_copyright_year_is_the_day():
    seg = segment("JAKARTA - Presiden berpidato pada Senin (5/9/2022) di depan DPR.\nCopyright © ANTARA 2022\n")
    assert seg.published.to_dict() == {"value": "2022-09-05", "granularity": "day",
                                       "origin": "first dated weekday in text"}


def test_clean_rules_dated_weekday_only_in_the_first_600_characters_of_the_body():
    date = "Senin (5/9/2022)"
    for pad, found in ((600 - len(date), True), (601 - len(date), False)):
        text = "JAKARTA - " + "a" * (pad - 1) + " " + date + " pidato.\n"
        assert (segment(text).published.value == "2022-09-05") is found, pad


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=__import__("datetime").date(1950, 1, 1), max_value=__import__("datetime").date(2099, 12, 31)))
def test_clean_rules_dated_weekday_property(d):
    names = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
    text = f"JAKARTA - Menteri bertemu duta besar pada {names[d.weekday()]} ({d.day}/{d.month}/{d.year}).\n"
    assert segment(text).published.value == d.isoformat()
