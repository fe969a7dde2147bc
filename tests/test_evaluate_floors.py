"""The eval gate: warta's quality on its own annotated examples may not fall below pinned floors."""
import json
from pathlib import Path

import pytest

import warta
from warta.evaluate import group_predictions, score

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def result():
    gold = [json.loads(line) for line in (DATA / "gold_examples.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    paths = {p.name: p for p in warta.example_paths()}
    docs = [warta.analyze_article(warta.Article(doc=g["doc"], text=paths[g["doc"]].read_text(encoding="utf-8")))
            for g in gold]
    events, entities = group_predictions(d.to_dict() for d in docs)
    return score(gold, events, entities, {d.doc: d.text for d in docs})


FLOORS = json.loads((DATA / "quality_floors.json").read_text())
MEASURES = {
    "type_macro_f1": lambda r: r["type_macro_f1"],
    "event_f1": lambda r: r["event_p_r_f1"][2],
    "date_acc": lambda r: r["date_acc"],
    "location_acc": lambda r: r["location_acc"],
    "modality_acc": lambda r: r["modality_acc"],
    "evidence_verbatim": lambda r: r["evidence_verbatim"],
    "entity_f1": lambda r: r["entity_p_r_f1"][2],
}


@pytest.mark.parametrize("measure", sorted(MEASURES))
def test_evaluate_quality_stays_above_floor(result, measure):
    assert MEASURES[measure](result) >= FLOORS[measure], f"{measure} fell below its floor: {result}"


def test_evaluate_score_counts_a_perfect_prediction_as_perfect():
    gold = [{"doc": "a.txt", "entities": [{"name": "Russia", "type": "GPE", "aliases": ["Rusia"], "code": "RUS"}],
             "events": [{"event": "AID", "alt": [], "actor": [{"name": "Russia", "code": "RUS"}],
                         "recipient": [{"name": "Myanmar", "code": "MMR"}], "date": "2022-09", "location_code": "MMR",
                         "modality": "asserted", "sentence": "Rusia memasok Myanmar."}]}]
    pred = {"a.txt": [{"event": ["AID"], "actor": [{"code": "RUS", "identifier_text": "Russia"}],
                       "recipient": [{"code": "MMR"}], "date": "2022-09-05", "event_loc": {"country_code3": "MMR"},
                       "modality": "asserted", "text_info": {"start": 0, "end": 22, "sentence": "Rusia memasok Myanmar."}}]}
    r = score(gold, pred, {"a.txt": [{"name": "Russia", "aliases": ["Rusia"]}]}, {"a.txt": "Rusia memasok Myanmar."})
    assert r["type_macro_f1"] == 1.0 and r["event_p_r_f1"] == [1.0, 1.0, 1.0]
    assert r["date_acc"] == 1.0 and r["location_acc"] == 1.0 and r["evidence_verbatim"] == 1.0
    assert r["entity_p_r_f1"] == [1.0, 1.0, 1.0]


def test_evaluate_score_rejects_wrong_type_and_wrong_country():
    gold = [{"doc": "a.txt", "events": [{"event": "AID", "alt": [], "actor": [{"code": "RUS"}], "recipient": []}]}]
    wrong_type = {"a.txt": [{"event": ["ASSAULT"], "actor": [{"code": "RUS"}], "recipient": []}]}
    wrong_code = {"a.txt": [{"event": ["AID"], "actor": [{"code": "CHN"}], "recipient": []}]}
    for pred in (wrong_type, wrong_code):
        assert score(gold, pred, {})["event_p_r_f1"] == [0.0, 0.0, 0.0]
