"""The tokenizer primed with the frequent words of news (``tokenizer.prime``) keeps them across
memory zones and gives the same tokens as one that was not primed."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import pytest

from warta.analyse.tokenizer import FREQUENT_WORDS, blank_indonesian, prime

_FREQUENT = FREQUENT_WORDS.read_text(encoding="utf-8").split()
_OTHER = ["abu-abu", "Jawa-Bali", "COVID-19", "Rp10.000", "(ANTARA)", "dll.", "Prof.", "kata,abu-abu.Kata", "3-0"]
_PUNCT = ["", ",", ".", "(", ")", "\"", "“", "”", ":", "-", "—", "/", "…"]


@pytest.fixture(scope="module")
def pair():
    plain, primed = blank_indonesian(), blank_indonesian()
    assert prime(primed) == len(_FREQUENT)
    return plain, primed


def _spans(nlp, text):
    with nlp.memory_zone():
        return [(t.idx, t.text) for t in nlp.tokenizer(text)]


def test_tokenizer_prime_list_is_ordered_news_words():
    assert len(_FREQUENT) == len(set(_FREQUENT)) >= 10_000
    # most frequent first: Indonesian function words lead
    assert {"yang", "dan", "di"} <= set(_FREQUENT[:10])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PUNCT), st.sampled_from(_FREQUENT[:3000] + _FREQUENT[-200:] + _OTHER),
                          st.sampled_from(_PUNCT), st.sampled_from([" ", "\n", "  ", ""])), min_size=1, max_size=15))
def test_tokenizer_prime_changes_no_token(pair, parts):
    plain, primed = pair
    text = "".join(a + w + b + sp for a, w, b, sp in parts)
    assert _spans(primed, text) == _spans(plain, text), repr(text)


def test_tokenizer_prime_words_outlive_memory_zones(pair):
    plain, primed = pair
    rare = next(w for w in reversed(_FREQUENT) if w.isalpha())  # one token, its own lexeme
    for nlp in (plain, primed):
        with nlp.memory_zone():
            nlp.tokenizer(f"kata {rare} baru")
    assert rare in primed.vocab.strings
    # an unprimed tokenizer makes the word in the zone and drops it with the zone
    assert rare not in plain.vocab.strings


def test_tokenizer_prime_missing_list_reads_nothing(tmp_path):
    assert prime(blank_indonesian(), tmp_path / "absent.txt") == 0
