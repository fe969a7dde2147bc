"""The eval gate: warta's quality on the annotated corpus's frozen test split, on the built-in
examples (gold annotated from their texts alone), and on the shared dev articles where they are
beside the repository, may not fall below the floors pinned in
``tests/data/quality_floors.json``. Matching is strict: a predicted event counts only when its
evidence sentence overlaps the annotated one. Floors move up only with a measured gain, and the
hash of the gold they were measured on is pinned with them."""
import hashlib
import json
from pathlib import Path

import pytest

import warta
from warta.evaluate import group_predictions, score

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SHARED_GOLD = REPO.parent / "shared" / "gold"
FLOORS = json.loads((Path(__file__).parent / "data" / "quality_floors.json").read_text())
MEASURES = {
    "type_macro_f1": lambda r: r["type_macro_f1"],
    "event_f1": lambda r: r["event_p_r_f1"][2],
    "date_acc": lambda r: r["date_acc"],
    "location_acc": lambda r: r["location_acc"],
    "modality_acc": lambda r: r["modality_acc"],
    "evidence_verbatim": lambda r: r["evidence_verbatim"],
    "entity_f1": lambda r: r["entity_p_r_f1"][2],
}


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _gold_hash(gold: list[dict]) -> str:
    return hashlib.sha256("".join(json.dumps(g, sort_keys=True, ensure_ascii=False) for g in gold).encode()).hexdigest()[:16]


def _run(gold: list[dict], inputs: dict[str, dict]) -> dict:
    docs = [warta.analyze(inputs[g["doc"]]["text"], published=inputs[g["doc"]].get("published"), doc=g["doc"],
                          source=inputs[g["doc"]].get("source")) for g in gold]
    events, entities = group_predictions(d.to_dict() for d in docs)
    return score(gold, events, entities, {d.doc: d.text for d in docs}, strict=True)


@pytest.fixture(scope="module")
def corpus_test():
    split = set(json.loads((CORPUS / "splits.json").read_text())["test"])
    gold = [g for g in _jsonl(CORPUS / "gold.jsonl") if g["doc"] in split]
    inputs = {x["id"]: x for x in _jsonl(CORPUS / "input.jsonl")}
    return gold, _run(gold, inputs)


@pytest.fixture(scope="module")
def examples():
    gold = _jsonl(Path(__file__).parent / "data" / "gold_examples.jsonl")
    paths = {p.name: p for p in warta.example_paths()}
    return gold, _run(gold, {g["doc"]: {"text": paths[g["doc"]].read_text(encoding="utf-8")} for g in gold})


@pytest.fixture(scope="module")
def dev():
    if not (SHARED_GOLD / "dev.jsonl").exists():
        pytest.skip("the shared dev articles are not beside the repository")
    gold = _jsonl(SHARED_GOLD / "dev.jsonl")
    inputs = {x["id"]: x for x in _jsonl(SHARED_GOLD / "dev-input.jsonl")}
    return gold, _run(gold, inputs)


def test_evaluate_floors_are_pinned_to_the_gold_they_were_measured_on(corpus_test):
    gold, _ = corpus_test
    assert len(gold) >= 60
    assert _gold_hash(gold) == FLOORS["corpus_test"]["gold_sha256"], "the test split's gold changed: re-measure the floors"


@pytest.mark.parametrize("measure", sorted(MEASURES))
def test_evaluate_corpus_test_split_stays_above_floor(corpus_test, measure):
    _, result = corpus_test
    assert MEASURES[measure](result) >= FLOORS["corpus_test"][measure], f"{measure} fell below its floor: {result}"


def test_evaluate_examples_floors_are_pinned_to_their_gold(examples):
    gold, _ = examples
    assert _gold_hash(gold) == FLOORS["examples"]["gold_sha256"], "the examples' gold changed: re-measure the floors"
    assert any(e["modality"] == "negated" for g in gold for e in g["events"])


@pytest.mark.parametrize("measure", sorted(MEASURES))
def test_evaluate_examples_stay_above_floor(examples, measure):
    _, result = examples
    assert MEASURES[measure](result) >= FLOORS["examples"][measure], f"{measure} fell below its floor: {result}"


@pytest.mark.parametrize("measure", sorted(MEASURES))
def test_evaluate_dev_articles_stay_above_floor(dev, measure):
    _, result = dev
    assert MEASURES[measure](result) >= FLOORS["dev"][measure], f"{measure} fell below its floor: {result}"


def test_evaluate_score_counts_a_perfect_prediction_as_perfect():
    gold = [{"doc": "a.txt", "entities": [{"name": "Russia", "type": "GPE", "aliases": ["Rusia"], "code": "RUS"}],
             "events": [{"event": "AID", "alt": [], "actor": [{"name": "Russia", "code": "RUS"}],
                         "recipient": [{"name": "Myanmar", "code": "MMR"}], "date": "2022-09", "location_code": "MMR",
                         "modality": "asserted", "sentence": "Rusia memasok Myanmar."}]}]
    pred = {"a.txt": [{"event": ["AID"], "actor": [{"code": "RUS", "identifier_text": "Russia"}],
                       "recipient": [{"code": "MMR"}], "date": "2022-09-05", "event_loc": {"country_code3": "MMR"},
                       "modality": "asserted", "text_info": {"start": 0, "end": 22, "sentence": "Rusia memasok Myanmar."}}]}
    r = score(gold, pred, {"a.txt": [{"name": "Russia", "aliases": ["Rusia"]}]}, {"a.txt": "Rusia memasok Myanmar."},
              strict=True)
    assert r["type_macro_f1"] == 1.0 and r["event_p_r_f1"] == [1.0, 1.0, 1.0]
    assert r["date_acc"] == 1.0 and r["location_acc"] == 1.0 and r["evidence_verbatim"] == 1.0
    assert r["entity_p_r_f1"] == [1.0, 1.0, 1.0]


def test_evaluate_score_rejects_wrong_type_and_wrong_country():
    gold = [{"doc": "a.txt", "events": [{"event": "AID", "alt": [], "actor": [{"code": "RUS"}], "recipient": []}]}]
    wrong_type = {"a.txt": [{"event": ["ASSAULT"], "actor": [{"code": "RUS"}], "recipient": []}]}
    wrong_code = {"a.txt": [{"event": ["AID"], "actor": [{"code": "CHN"}], "recipient": []}]}
    for pred in (wrong_type, wrong_code):
        assert score(gold, pred, {})["event_p_r_f1"] == [0.0, 0.0, 0.0]


def test_evaluate_strict_needs_the_evidence_sentences_to_overlap():
    gold = [{"doc": "a.txt", "events": [{"event": "AID", "alt": [], "actor": [{"code": "RUS"}], "recipient": [],
                                         "sentence": "Rusia memasok senjata."}]}]
    elsewhere = {"a.txt": [{"event": ["AID"], "actor": [{"code": "RUS"}], "recipient": [],
                            "text_info": {"sentence": "Rusia juga berjanji."}}]}
    containing = {"a.txt": [{"event": ["AID"], "actor": [{"code": "RUS"}], "recipient": [],
                             "text_info": {"sentence": "Kemarin, Rusia memasok senjata."}}]}
    assert score(gold, elsewhere, {})["event_p_r_f1"] == [1.0, 1.0, 1.0]
    assert score(gold, elsewhere, {}, strict=True)["event_p_r_f1"] == [0.0, 0.0, 0.0]
    assert score(gold, containing, {}, strict=True)["event_p_r_f1"] == [1.0, 1.0, 1.0]
