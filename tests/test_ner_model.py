"""The shipped NER model (src/warta/analyse/models/ner.crfsuite) on a few
hand-written Indonesian news sentences, tokenised as at run time."""


import pytest
import spacy

from warta.analyse.ner import MODEL_PATH, NerTagger

_NLP = spacy.blank("id")


def _find(text):
    doc = _NLP.tokenizer(text)
    spans = NerTagger.default().find(text, [(t.idx, t.idx + len(t.text)) for t in doc])
    return [(text[a:b], label) for a, b, label in spans]


def test_model_is_shipped_and_small():
    assert MODEL_PATH.is_file()
    assert MODEL_PATH.stat().st_size < 5_000_000
    assert (MODEL_PATH.parent / "ner-metrics.json").is_file()
    assert (MODEL_PATH.parent / "NER-LICENSE.md").is_file()


def test_default_is_cached():
    assert NerTagger.default() is NerTagger.default()


def test_minister_meets_president_in_city():
    text = "Menteri Luar Negeri Retno Marsudi bertemu Presiden Joko Widodo di Jakarta, Senin (12/3)."
    assert _find(text) == [("Retno Marsudi", "PER"), ("Joko Widodo", "PER"), ("Jakarta", "LOC")]


def test_char_offsets_are_exact():
    text = "Presiden Prabowo Subianto menerima Perdana Menteri Malaysia Anwar Ibrahim di Istana Merdeka."
    doc = _NLP.tokenizer(text)
    spans = NerTagger.default().find(text, [(t.idx, t.idx + len(t.text)) for t in doc])
    assert (9, 25, "PER") in spans  # "Prabowo Subianto"
    assert (text.index("Anwar"), text.index(" di "), "PER") in spans
    assert ("Malaysia", "LOC") in _find(text)


def test_party_and_candidate():
    text = "Partai Demokrasi Indonesia Perjuangan (PDI-P) mengusung Ganjar Pranowo sebagai calon presiden."
    found = _find(text)
    assert ("Partai Demokrasi Indonesia Perjuangan", "ORG") in found
    assert ("Ganjar Pranowo", "PER") in found


def test_countries_and_capital():
    text = "Amerika Serikat dan China sepakat melanjutkan perundingan dagang di Beijing pekan depan."
    assert _find(text) == [("Amerika Serikat", "LOC"), ("China", "LOC"), ("Beijing", "LOC")]


def test_lowercase_text_still_tagged():
    tags = NerTagger.default().tag("presiden joko widodo tiba di surabaya .".split())
    assert tags == ["O", "B-PER", "I-PER", "O", "O", "B-LOC", "O"]


def test_tag_output_is_valid_bio():
    tagger = NerTagger.default()
    tokens = "Kapolda Metro Jaya Irjen Karyoto mengatakan polisi menangkap 12 orang di Surabaya .".split()
    tags = tagger.tag(tokens)
    assert len(tags) == len(tokens)
    prev = "O"
    for t in tags:
        assert t == "O" or t[:2] in ("B-", "I-")
        assert t[2:] in ("", "PER", "ORG", "LOC")
        if t.startswith("I-"):
            assert prev != "O" and prev[2:] == t[2:]
        prev = t


def test_inside_without_begin_is_repaired(monkeypatch):
    tagger = NerTagger.default()

    class Fake:
        def viterbi(self, emissions):
            return [["O", "I-PER", "I-PER", "I-LOC"][: len(e)] for e in emissions]

    monkeypatch.setattr(tagger, "_decoder", Fake())
    monkeypatch.setattr(tagger, "_emissions_many", lambda sentences: list(sentences))
    assert tagger.tag(["a", "b", "c", "d"]) == ["O", "B-PER", "I-PER", "B-LOC"]
    text = "x Andi Budi Bogor"
    assert tagger.find(text, [(0, 1), (2, 6), (7, 11), (12, 17)]) == [(2, 11, "PER"), (12, 17, "LOC")]


def test_edge_cases():
    tagger = NerTagger.default()
    assert tagger.tag([]) == []
    assert tagger.find("", []) == []
    text = "Joko  Widodo"  # whitespace token from the tokenizer is ignored
    doc = _NLP.tokenizer(text)
    spans = tagger.find(text, [(t.idx, t.idx + len(t.text)) for t in doc])
    assert spans == [(0, len(text), "PER")]  # one person, both words, the double space inside


def test_missing_model_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        NerTagger(tmp_path / "nope.crfsuite")


def test_ner_model_long_article_tags_each_sentence_alike():
    """A ~400-token article of one sentence repeated: every copy gets the same labels, one per token
    (the tagger's speed is measured by warta bench, not asserted here)."""
    tagger = NerTagger.default()
    sent = _NLP.tokenizer(
        "Menteri Luar Negeri Retno Marsudi bertemu Presiden Joko Widodo di Istana Bogor, "
        "Jawa Barat, untuk membahas kerja sama dengan Malaysia dan Singapura."
    )
    toks = [t.text for t in sent]
    article = [toks] * (400 // len(toks) + 1)
    first = tagger.tag(toks)
    assert len(first) == len(toks) and "B-PER" in first
    assert all(tagger.tag(s) == first for s in article)


def _metrics():
    import json

    return json.loads((MODEL_PATH.parent / "ner-metrics.json").read_text(encoding="utf-8"))


def test_ner_model_metadata_matches_the_shipped_model():
    from warta.analyse.ner import clusters_path, gazetteer_path

    meta = _metrics()
    tagger = NerTagger(MODEL_PATH)
    assert meta["model_bytes"] == MODEL_PATH.stat().st_size
    assert meta["model_attributes"] == len(tagger._known)
    variant = meta["training"]["variant"]
    assert meta["comparison"]["winner"] == variant and variant in meta["comparison"]["variants"]
    assert (tagger.clusters is not None) == ("clusters" in variant) == clusters_path(MODEL_PATH).is_file()
    assert (tagger.gazetteer is not None) == ("gazetteer" in variant) == gazetteer_path(MODEL_PATH).is_file()
    assert len(meta["data_sha256"]) == 64 and int(meta["data_sha256"], 16) >= 0
    for split in ("nerp", "nergrit", "idner-dev"):
        scores = meta["test"][split]
        assert set(scores["per_label"]) == {"PER", "ORG", "LOC"}
        assert 0.0 < scores["overall"]["f1"] <= 1.0
    # the model kept is the better one on the valid splits it was chosen by
    means = {v: r["valid_mean"] for v, r in meta["comparison"]["variants"].items()}
    assert means[variant] == max(means.values())


def test_ner_model_data_hash_matches_the_training_data_when_present():
    import sys
    from pathlib import Path

    scripts = Path(__file__).resolve().parents[1] / "scripts"
    sys.path.insert(0, str(scripts))
    try:
        import ner_data
        import train_ner
    finally:
        sys.path.remove(str(scripts))
    meta = _metrics()
    files = [ner_data.SHARED / "data" / ("ner-extra" if f.startswith("idner") else "indonlu") / f
             for f in meta["data_files"]]
    if not all(f.is_file() for f in files):
        pytest.skip("the training corpora are not on this machine")
    assert train_ner.data_hash(files) == meta["data_sha256"]


def test_ner_model_decoder_weights_are_crfsuites_own():
    """The decoder's reading of the model dump gives the attributes, weights and transitions
    crfsuite's own info() lists."""
    tagger = NerTagger.default()
    info = tagger._tagger.info()
    decoder = tagger._decoder
    assert len(decoder.attributes) > 1000 and frozenset(decoder.attributes) == frozenset(
        a for a, _ in info.state_features) == tagger._known
    label = {lab: i for i, lab in enumerate(decoder.labels)}
    for (attr, lab), w in list(info.state_features.items())[::97]:
        assert abs(decoder.state[decoder.attributes[attr], label[lab]] - w) < 1e-6
    for (a, b), w in info.transitions.items():
        assert abs(decoder.transitions[label[a], label[b]] - w) < 1e-6


def test_ner_hyphenated_name_is_read_as_one_word():
    assert _find("Menurut Pierre-Alain Dubois , rapat itu ditunda hingga pekan depan .") == [
        ("Pierre-Alain Dubois", "PER")]
    assert ("Bosnia-Herzegovina", "LOC") in _find("Pengungsi dari Bosnia-Herzegovina tiba di Jerman .")


def test_ner_hyphen_join_keeps_spaced_dashes_and_offsets():
    from warta.analyse.ner import _join_hyphenated

    text = "Jean-Luc - Paris"
    doc = _NLP.tokenizer(text)
    offs = _join_hyphenated([(t.idx, t.idx + len(t.text)) for t in doc], text)
    assert [text[a:b] for a, b in offs] == ["Jean-Luc", "-", "Paris"]


def test_ner_model_skips_the_crf_only_where_no_name_can_be(monkeypatch):
    """A cased sentence with nothing capitalised after a common first word is not sent to the CRF;
    a capitalised word later, a name word first, a domain, or uncased text still is."""
    tagger = NerTagger.default()
    calls = []

    class Counting:
        def viterbi(self, emissions):
            calls.extend(len(e) for e in emissions)
            return [["O"] * len(e) for e in emissions]

    monkeypatch.setattr(tagger, "_decoder", Counting())
    monkeypatch.setattr(tagger, "_emissions_many", lambda sentences: list(sentences))
    assert tagger.tag("Namun hujan turun sejak pagi .".split()) == ["O"] * 6
    assert calls == []
    for words in ("Namun hujan turun di Bogor .", "Budi pergi ke pasar .", "Semua ada di contoh.com .",
                  "namun hujan turun sejak pagi ."):
        tagger.tag(words.split())
    assert calls == [6, 5, 5, 6]
