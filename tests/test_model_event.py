"""The typed event record (``warta.model.Event``): its PLOVER record, and what the analysis gives."""
from __future__ import annotations

import json

import pytest

import warta
from warta.model import Event, event_record

# PLOVER's fields plus warta's, in the order the outputs write them (README "Output formats")
KEYS = ["id", "doc", "doc_id", "event", "mode", "context", "actor", "recipient", "date", "date_info",
        "event_loc", "modality", "attribution", "dead", "injured", "arrested", "amounts", "event_text",
        "trigger", "text_info", "confidence", "quad_code", "coder", "codebook"]


def _event(**over) -> Event:
    sentence = "Menlu Retno bertemu Menlu Wang Yi di Beijing."
    fields = dict(
        id="e1", doc="a.txt", doc_id="0123456789abcdef", event=["CONSULT"], mode=["visit"], context=[],
        actor=[{"entity_text": "Retno", "identifier_text": "Retno Marsudi", "code": "IDN", "sector": "GOV"}],
        recipient=[{"entity_text": "Wang Yi", "identifier_text": "Wang Yi", "code": "CHN", "sector": "GOV"}],
        date="2022-07-05", date_info={"granularity": "day", "text": "Selasa", "resolved_from": "published"},
        event_loc={"placename": "Beijing", "country_code3": "CHN"}, modality="asserted", attribution=None,
        dead=None, injured=None, arrested=None, amounts=[], event_text=["bertemu"],
        trigger={"start": 12, "end": 19, "text": "bertemu"},
        text_info={"sequence": 0, "start": 0, "end": len(sentence), "sentence": sentence},
        confidence=0.8, quad_code=1, coder="warta test", codebook="plover-1.0")
    fields.update(over)
    return Event(**fields)


def test_model_event_to_dict_keeps_the_record_key_order():
    assert list(_event().to_dict()) == KEYS


def test_model_event_planned_and_outlet_only_when_set():
    d = _event(event=["AGREE"], planned="CONSULT", outlet="Antara").to_dict()
    assert list(d) == KEYS + ["planned", "outlet"]
    assert (d["planned"], d["outlet"]) == ("CONSULT", "Antara")
    assert "planned" not in _event(planned="").to_dict() and "outlet" not in _event(outlet=None).to_dict()


def test_model_event_from_dict_round_trips_and_refuses_unknown_keys():
    ev = _event(planned="AID", outlet="Kompas")
    assert Event.from_dict(ev.to_dict()) == ev
    with pytest.raises(ValueError, match="cluster"):
        Event.from_dict({**ev.to_dict(), "cluster": "c1"})


def test_model_event_typed_fields_and_reads_by_key():
    ev = _event()
    assert ev.type == "CONSULT" and ev.sentence.startswith("Menlu Retno")
    assert ev["date"] == ev.date == "2022-07-05" and ev.get("planned") is None and "event_loc" in ev
    assert event_record(ev) == ev.to_dict() and event_record({"id": "x"}) == {"id": "x"}


def test_model_event_analysis_gives_typed_events_that_documents_write():
    text = ("Jakarta (ANTARA) - Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri China "
            "Wang Yi di Beijing pada Selasa (5/7/2022).\n")
    doc = warta.analyze(text, published="2022-07-06")
    assert doc.events and all(isinstance(e, Event) for e in doc.events)
    for e in doc.events:
        start, end = e.text_info["start"], e.text_info["end"]
        assert text[start:end] == e.sentence
        assert e.type == e.event[0] and e.doc_id == doc.doc_id
    d = doc.to_dict()
    assert d["events"] == [e.to_dict() for e in doc.events]
    assert json.loads(json.dumps(d))["events"][0]["event"] == [doc.events[0].type]


def test_model_event_item_assignment_sets_known_fields_only():
    import pytest

    d = warta.analyze("Polisi menangkap tiga tersangka di Jakarta pada Senin.", published="2024-05-06")
    ev = d.events[0]
    ev["confidence"] = 0.25
    assert ev.confidence == 0.25 and ev.to_dict()["confidence"] == 0.25
    with pytest.raises(KeyError):
        ev["no_such_field"] = 1
