"""The numpy decoder of the name recogniser's CRF gives crfsuite's own labels."""
from __future__ import annotations

from pathlib import Path

import numpy
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.analyse.crf import Decoder
from warta.analyse.ner import NerTagger, repair_bio

EXAMPLES = Path(__file__).resolve().parent.parent / "src" / "warta" / "examples"


def _crfsuite(tagger: NerTagger, tokens: list[str]) -> list[str]:
    """crfsuite's own tagger on the same attributes, one sentence at a time."""
    if not tokens or tagger._no_candidate(tokens):
        return ["O"] * len(tokens)
    return repair_bio(tagger._tagger.tag(tagger.features(tokens)))


def test_crf_decodes_the_example_articles_as_crfsuite_does():
    tagger = NerTagger.default()
    sentences = [s.split() for f in sorted(EXAMPLES.glob("*.txt"))
                 for s in f.read_text(encoding="utf-8").replace("\n", " ").split(". ") if s.split()]
    assert len(sentences) > 20
    assert tagger.tag_many(sentences) == [_crfsuite(tagger, s) for s in sentences]
    assert any(t != "O" for tags in tagger.tag_many(sentences) for t in tags)


WORDS = ["Presiden", "Joko", "Widodo", "bertemu", "Menteri", "Luar", "Negeri", "Retno", "Marsudi", "di",
         "Jakarta", ",", ".", "kata", "dia", "KPK", "menahan", "Gubernur", "Jawa", "Barat", "PBB", "dan",
         "Amerika", "Serikat", "polisi", "Namun", "yang", "(", ")", "-", "Putin", "Moskow", "pada", "Senin"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=0, max_size=30), min_size=1, max_size=6))
def test_crf_batch_of_sentences_equals_one_at_a_time(sentences):
    tagger = NerTagger.default()
    assert tagger.tag_many(sentences) == [_crfsuite(tagger, s) for s in sentences]


def test_crf_word_cache_stays_bounded_and_gives_crfsuite_labels(monkeypatch):
    """With room for only a few words, the tagger's cache of word weights is emptied before a batch
    that would overflow it, never in the middle of one: every batch still gets crfsuite's labels."""
    import warta.analyse.ner as ner

    tagger = NerTagger.default()
    monkeypatch.setattr(ner, "_TAGGER_CACHE_MAX", 12)
    monkeypatch.setattr(tagger, "_ids", {})
    monkeypatch.setattr(tagger, "_lows", [])
    monkeypatch.setattr(tagger, "_table", tagger._table.copy())  # the shared cache is left as it was
    batches = [[WORDS[i:i + 9], WORDS[i + 3:i + 11]] for i in range(0, len(WORDS) - 11, 4)]
    for batch in batches:
        assert tagger.tag_many(batch) == [_crfsuite(tagger, s) for s in batch]
        assert len(tagger._ids) <= 12 + sum(map(len, batch))
        assert len(tagger._lows) == len(tagger._ids)


def test_crf_viterbi_finds_the_best_path_of_a_small_model():
    """Against brute force over every label sequence of a two-label model."""
    import itertools

    rng = numpy.random.default_rng(3)
    trans = rng.normal(size=(2, 2))
    decoder = Decoder(["A", "B"], {}, numpy.zeros((0, 2)), trans)
    emissions = [rng.normal(size=(n, 2)) for n in (1, 2, 5, 3)]
    for em, got in zip(emissions, decoder.viterbi(emissions)):
        def total(path):
            return sum(em[i, p] for i, p in enumerate(path)) + sum(trans[a, b] for a, b in zip(path, path[1:]))
        best = max(itertools.product([0, 1], repeat=len(em)), key=total)
        assert got == ["AB"[j] for j in best]


def test_crf_reads_crfsuite_dump_sections():
    dump = ["LABELS = {\n", "      0: O\n", "      1: B-PER\n", "}\n",
            "TRANSITIONS = {\n", "  (1) O --> B-PER: 0.5\n", "  (1) B-PER --> O: -1.25\n", "}\n",
            "STATE_FEATURES = {\n", "  (0) w=joko --> B-PER: 2.0\n", "  (0) w=joko --> O: -0.5\n",
            "  (0) bl=a|b --> O: 1.0\n", "}\n"]
    d = Decoder.parse("".join(dump))
    assert d.labels == ["O", "B-PER"]
    assert d.transitions.tolist() == [[0.0, 0.5], [-1.25, 0.0]]
    assert d.vector(["w=joko", "w=joko", "unknown"]).tolist() == [-1.0, 4.0]
    assert d.vector(["bl=a|b"]).tolist() == [1.0, 0.0]


def test_crf_many_sentences_in_groups_keep_their_labels_and_order():
    """More sentences than one group, one of them very long: each still gets crfsuite's labels, in
    the order given."""
    import random

    tagger = NerTagger.default()
    rng = random.Random(7)
    sentences = [[rng.choice(WORDS) for _ in range(rng.randint(0, 25))] for _ in range(70)]
    sentences[40] = [rng.choice(WORDS) for _ in range(400)]
    assert len(sentences) > 2 * Decoder.GROUP
    assert tagger.tag_many(sentences) == [_crfsuite(tagger, s) for s in sentences]
