"""BIO repair / span extraction and feature extraction of warta.analyse.ner
(no model needed)."""

from warta.analyse.ner import bio_to_spans, is_cased, repair_bio, sentence_features


def test_repair_leading_inside_becomes_begin():
    assert repair_bio(["I-PER", "I-PER", "O"]) == ["B-PER", "I-PER", "O"]


def test_repair_inside_after_outside_and_type_switch():
    tags = ["O", "I-LOC", "B-PER", "I-ORG", "I-ORG", "O", "I-PER"]
    assert repair_bio(tags) == ["O", "B-LOC", "B-PER", "B-ORG", "I-ORG", "O", "B-PER"]


def test_repair_keeps_valid_sequence_and_drops_garbage():
    tags = ["B-PER", "I-PER", "O", "B-LOC"]
    assert repair_bio(tags) == tags
    assert repair_bio(["X", "", "B-", "PER"]) == ["O", "O", "O", "O"]


def test_spans_from_invalid_bio():
    # an I- without a B- opens an entity; a type switch closes the previous one
    assert bio_to_spans(["I-PER", "I-PER", "O", "I-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC")]
    assert bio_to_spans(["B-ORG", "I-LOC", "I-LOC"]) == [(0, 1, "ORG"), (1, 3, "LOC")]
    assert bio_to_spans(["B-PER", "B-PER", "I-PER"]) == [(0, 1, "PER"), (1, 3, "PER")]
    assert bio_to_spans([]) == []
    assert bio_to_spans(["O", "O"]) == []


def test_is_cased():
    assert is_cased(["Presiden", "Joko", "Widodo"])
    assert not is_cased(["presiden", "joko", "widodo"])  # NERP style
    assert not is_cased(["PRESIDEN", "JOKO", "WIDODO"])  # all caps headline
    assert not is_cased([])


def test_features_one_list_per_token_and_case_only_when_cased():
    toks = ["Menteri", "Retno", "Marsudi", "tiba", "di", "Jakarta", "."]
    feats = sentence_features(toks)
    assert len(feats) == len(toks)
    assert all(isinstance(f, list) and all(isinstance(a, str) for a in f) for f in feats)
    assert "w=retno" in feats[1] and "-1:w=menteri" in feats[1] and "+1:w=marsudi" in feats[1]
    assert "-1:cue=L" in feats[5]  # "di" before "Jakarta"
    assert "up1" in feats[1]
    low = sentence_features([t.lower() for t in toks])
    assert not any(a == "up1" or a.startswith("sh=") for f in low for a in f)
    # same lexical features either way
    assert "w=retno" in low[1] and "-1:w=menteri" in low[1]
