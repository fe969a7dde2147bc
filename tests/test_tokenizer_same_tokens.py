"""warta's fast Indonesian tokenizer gives the tokens of ``spacy.blank("id")`` (whose 15,614
hyphenated exceptions it answers with ``token_match`` instead of adding them one by one)."""
from __future__ import annotations

import random

import pytest
import spacy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from warta.analyse.tokenizer import _WORD_RUN, HYPHENATED, blank_indonesian, whole_word


@pytest.fixture(scope="module")
def both():
    return spacy.blank("id").tokenizer, blank_indonesian().tokenizer


def _spans(tok, text):
    return [(t.idx, t.text) for t in tok(text)]


_SAMPLE = sorted(HYPHENATED)
random.Random(7).shuffle(_SAMPLE)
_WORDS = _SAMPLE[:200] + ["anak-anak", "Jawa-Bali", "pro-Rusia", "COVID-19", "e-KTP", "kata", "Jakarta", "dll.",
                          "a.n.", "Rp", "10.000", "3-0", "U-20", "dr.", "Prof.", "tidak", "ASEAN-Jepang", "mereka"]
_PUNCT = ["", ",", ".", "(", ")", "\"", "“", "”", "'", ":", ";", "?", "!", "-", "—", "/", "…"]


def _exceptions_in(run: str) -> int:
    """How many hyphenated exceptions a run of hyphen-joined words holds (overlapping ones too):
    where it holds several, spaCy's pick among them is its matcher's order, not a rule."""
    pieces = run.split("-")
    return sum("-".join(pieces[a:b]) in HYPHENATED for a in range(len(pieces)) for b in range(a + 2, len(pieces) + 1))


def test_tokenizer_same_tokens_on_written_text(both):
    slow, fast = both
    text = ("Anak-anak (abu-abu) berlari-lari, “kupu-kupu” terbang; Jawa-Bali, pro-Rusia dan e-KTP. "
            "Sabtu-Minggu lalu: rumah-rumahnya—tidak!—dibangun kembali (dll.) oleh PT. Abu-Abu, 10-12 Mei.\n"
            "kata-kata... “Berkejang-Kejang,” katanya. Glued:kata,abu-abu.Kata-anak-anak/kupu-kupu (-8 :-)")
    assert _spans(fast, text) == _spans(slow, text), repr(text)
    # the hyphenated exceptions do keep words whole here: the test is about them
    assert any(t == "abu-abu" for _, t in _spans(fast, text))
    assert any(t == "kupu-kupu" for _, t in _spans(fast, text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PUNCT), st.sampled_from(_WORDS), st.sampled_from(_PUNCT),
                          st.sampled_from([" ", " ", "\n", "  ", ""])), min_size=1, max_size=12))
def test_tokenizer_same_tokens_on_generated_text(both, parts):
    slow, fast = both
    text = "".join(a + w + b + sp for a, w, b, sp in parts)
    assume(all(_exceptions_in(run.group()) <= 1 for run in _WORD_RUN.finditer(text)))
    assert _spans(fast, text) == _spans(slow, text), repr(text)


def test_tokenizer_whole_word_is_exact():
    assert whole_word("abu-abu") and "abu-abu" in HYPHENATED
    assert not whole_word("abu-abu,") and not whole_word("Jawa-Bali") and not whole_word("abu")
    assert len(HYPHENATED) > 15_000  # the exceptions spaCy ships for Indonesian
