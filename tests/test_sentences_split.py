"""warta.analyse.sentences: sentence offsets into the original text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from warta.analyse.sentences import split_range, split_sentences
from warta.ingest.clean import segment

from conftest import SAMPLES


def _sents(text, start=0, end=None):
    return [text[s:e] for s, e in split_range(text, start, len(text) if end is None else end)]


def test_sentences_split_at_stop_and_capital():
    text = "Presiden tiba di Tokyo. Ia bertemu Perdana Menteri Jepang! Apakah ada kesepakatan? Belum."
    assert _sents(text) == ["Presiden tiba di Tokyo.", "Ia bertemu Perdana Menteri Jepang!", "Apakah ada kesepakatan?", "Belum."]


def test_sentences_no_split_after_abbreviation_initial_or_decimal():
    text = ("Kantor itu di Jl. Merdeka No. 5 dipimpin Dr. Budi dan Prof. A. Yani. "
            "Nilainya Rp6.366 miliar atau 2.5 persen. Ia tiba di A.S. kemarin.")
    assert _sents(text) == [
        "Kantor itu di Jl. Merdeka No. 5 dipimpin Dr. Budi dan Prof. A. Yani.",
        "Nilainya Rp6.366 miliar atau 2.5 persen.",
        "Ia tiba di A.S. kemarin.",
    ]


def test_sentences_line_break_ends_a_sentence_and_quotes_stay_with_it():
    text = "\"Kami menolak,\" katanya.\n  \"Ini tidak adil.\" Ia lalu pergi.\n\n"
    assert _sents(text) == ["\"Kami menolak,\" katanya.", "\"Ini tidak adil.\"", "Ia lalu pergi."]


def test_sentences_lowercase_after_stop_does_not_split():
    assert _sents("Harga naik 5 persen. dan itu memberatkan.") == ["Harga naik 5 persen. dan itu memberatkan."]


def test_sentences_offsets_within_a_subrange():
    text = "JUDUL\nPresiden tiba. Menteri menyambut.\nEditor: X"
    s = text.index("Presiden")
    e = text.index("\nEditor")
    spans = split_range(text, s, e)
    assert [text[a:b] for a, b in spans] == ["Presiden tiba.", "Menteri menyambut."]
    assert all(s <= a < b <= e for a, b in spans)


def test_sentences_of_sample_bodies_leave_boilerplate_out():
    text = SAMPLES["antara.txt"]
    seg = segment(text)
    sents = [text[a:b] for a, b in split_sentences(text, seg.content_ranges())]
    assert sents == [
        "Menteri Luar Negeri Mesir bertemu dengan utusan khusus Sudan di Kairo pada Senin untuk membahas gencatan senjata.",
        "Kedua pihak sepakat melanjutkan perundingan pekan depan, kata juru bicara kementerian.",
    ]


def test_sentences_empty_and_blank_ranges():
    assert split_range("", 0, 0) == []
    assert split_range("   \n\n  ", 0, 7) == []
    assert split_sentences("abc", []) == []


PIECES = [". ", "! ", "? ", "… ", ".\" ", "Jl. ", "Dr. ", "A. ", "6.366", "U.S. ", "\n", "\r", "\x00", "\u200f",
          "مرحبا. ", "😀. ", "Presiden", "Menteri", "ia", " ", "(", ")", "“", "”"]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts, st.data())
def test_sentences_split_range_never_raises_and_stays_in_bounds(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    spans = split_range(text, start, end)
    prev = start
    for a, b in spans:
        assert prev <= a < b <= end
        piece = text[a:b]
        assert piece == piece.strip() and piece
        assert "\n" not in piece
        prev = b


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=150)
@given(st.text(alphabet=st.sampled_from(list("abc ,;.\nXY")), max_size=4000))
def test_sentences_no_piece_is_longer_than_the_bound_and_pieces_keep_order(text):
    from warta.analyse.sentences import MAX_SENTENCE_CHARS, split_range

    spans = split_range(text, 0, len(text))
    assert all(0 < e - s <= MAX_SENTENCE_CHARS for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())  # nothing but space is left out


def test_sentences_a_long_line_without_full_stop_is_cut_at_clause_boundaries():
    from warta.analyse.sentences import MAX_SENTENCE_CHARS, split_range

    clause = "pasukan menembaki desa di perbatasan, warga mengungsi ke kota terdekat; "
    text = clause * 100
    spans = split_range(text, 0, len(text))
    assert len(spans) >= len(text) // MAX_SENTENCE_CHARS
    assert all(text[s:e].endswith((",", ";")) for s, e in spans[:-1])


def test_sentences_glued_full_stop_before_a_capitalised_word_ends_a_sentence():
    text = "Penyidik memeriksa Fatmawati.Hati Fatma lalu pulang, kata Yuyuk.Sebelumnya ia ditahan."
    assert _sents(text) == ["Penyidik memeriksa Fatmawati.", "Hati Fatma lalu pulang, kata Yuyuk.",
                            "Sebelumnya ia ditahan."]
    assert _sents("Benarkah?Ia diam!Lalu pergi.") == ["Benarkah?", "Ia diam!", "Lalu pergi."]


def test_sentences_glued_stop_kept_in_abbreviations_initials_decimals_and_addresses():
    text = ("Ia tinggal di Jl.Merdeka bersama M.Hatta dan Dr.Budi, naik 6.5 persen, "
            "kata Liputan6.com dan www.Tempo.Co lewat humas@Polri.Go.Id hari ini.")
    assert _sents(text) == [text]


def test_sentences_glued_stop_before_lowercase_or_acronym_does_not_split():
    assert _sents("Harga naik.dan turun lagi.") == ["Harga naik.dan turun lagi."]
    assert _sents("Kantor PT.Freeport dan versi 2.0.PDF ada.") == ["Kantor PT.Freeport dan versi 2.0.PDF ada."]


WORDS = ["Presiden", "Yuyuk", "Sebelumnya", "Jl", "Dr", "A", "KPK", "itu", "6", "com", "www", "Tempo", "@Polri",
         "Fatmawati", "Hati"]
SEPS = [" ", ".", ". ", "?", "!", "\n", ", ", ".\"", "…"]
glued_texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPS)), max_size=25).map(
    lambda parts: "".join(w + s for w, s in parts))


@settings(max_examples=400, deadline=None)
@given(glued_texts)
def test_sentences_offsets_slice_the_original_text_with_glued_stops(text):
    spans = split_range(text, 0, len(text))
    prev = 0
    for a, b in spans:
        assert text[prev:a].strip() == ""  # only space between sentences: nothing lost, nothing moved
        assert text[a:b] == text[a:b].strip() and text[a:b]
        prev = b
    assert text[prev:].strip() == ""


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["Fatmawati", "Yuyuk", "Sitompul", "pulang"]), st.sampled_from(["Pria", "Sebelumnya", "Hati"]))
def test_sentences_glued_stop_between_words_always_splits(before, after):
    text = f"Ia bertemu {before}.{after} datang."
    assert _sents(text) == [f"Ia bertemu {before}.", f"{after} datang."]
