"""Property tests: segment() never raises and every span it gives slices the original text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from warta.ingest.clean import segment

# Pieces that trigger every rule, mixed with arbitrary text: control chars, RTL, emoji.
PIECES = [
    "Kairo (ANTARA) - ", "JAKARTA - ", "Liputan6.com, JAKARTA -- ", "Bandung, kabarberita.id — ",
    "WahanaNews.co | ", "RIAU24.COM - ", "Makassar, Fajar- ", "Baca juga: ", "Sumber: Reuters",
    "Editor: Budi", "Penerjemah: X", "Copyright © ANTARA 2022", "(abc/def)", "(Budi Santoso)",
    "Senin (12/10/2022)", "Rabu (31/13/2022)", "\n", "\n\n", " ", "\r", "\t", "\x00", "\x0b", "\u200f",
    "مرحبا بالعالم", "שלום", "😀🇮🇩", "\u202e", "\ufeff", "Presiden berkata.", "-", "—", "|", "(", ")",
    "ADVERTISEMENT", "Ikuti berita Okezone di Google News", "[Gambas:Video CNN]", "Artikel ini telah tayang di ",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=30)), max_size=25).map("".join)


def _check(text: str, title: str | None = None) -> None:
    seg = segment(text, title=title)
    n = len(text)
    s, e = seg.body
    assert 0 <= s <= e <= n
    for b in seg.boilerplate:
        assert 0 <= b.start <= b.end <= n
        assert text[b.start:b.end] == b.text
    prev = s
    for a, z in seg.content_ranges():
        assert s <= a < z <= e
        assert a >= prev
        prev = z
    starts = [b.start for b in seg.boilerplate]
    assert starts == sorted(starts)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_clean_segment_never_raises_and_spans_slice_back(text):
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_clean_segment_never_raises_on_any_unicode(text):
    _check(text)


@settings(max_examples=300, deadline=None)
@given(texts, st.one_of(st.none(), st.text(max_size=20), st.sampled_from(["Presiden berkata.", "JAKARTA"])))
def test_clean_segment_with_a_title_never_raises_and_spans_slice_back(text, title):
    """With a title (the text's own first line, or any string) the spans still slice the text and
    at most one title span opens it."""
    first = next((line for line in text.split("\n") if line.strip()), None)
    for t in (title, first, f"{first} - Kompas.com" if first else None):
        _check(text, t)
        kinds = [b.kind for b in segment(text, title=t).boilerplate]
        assert kinds.count("title") <= 1 and (not kinds.count("title") or kinds[0] == "title")
