"""warta.api: analyze, analyze_inputs and ingest (reports, failures, idempotency, published dates)."""
from __future__ import annotations

import json

import warta
from warta import api
from warta.api import Failure, Report, analyze_inputs, ingest
from warta.model import content_hash
from warta.store.store import Store

from conftest import SAMPLES


def _jsonl(tmp_path, rows, name="batch.jsonl"):
    p = tmp_path / name
    p.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return p


def test_api_given_published_wins_over_the_copyright_line(tmp_path, light_analyzer):
    p = _jsonl(tmp_path, [
        {"id": "dengan-tanggal", "text": SAMPLES["antara.txt"], "published": "2021-03-04"},
        {"id": "bulan", "text": SAMPLES["antara.txt"] + " ", "published": "2021-03"},
        {"id": "tanpa-tanggal", "text": SAMPLES["antara.txt"] + "  "},
    ])
    docs = {d.doc: d for d in analyze_inputs([str(p)])}
    assert docs["dengan-tanggal"].published.to_dict() == {"value": "2021-03-04", "granularity": "day", "origin": "input"}
    assert docs["bulan"].published.to_dict() == {"value": "2021-03", "granularity": "month", "origin": "input"}
    assert docs["tanpa-tanggal"].published.to_dict() == {"value": "2022", "granularity": "year", "origin": "copyright line"}


def test_api_analyze_inputs_reports_failures_and_goes_on(tmp_path, sample_dir, light_analyzer):
    missing = tmp_path / "hilang.txt"
    seen: list[Failure] = []
    report = Report()
    docs = list(analyze_inputs([str(missing), str(sample_dir)], on_failure=seen.append, report=report))
    assert [d.doc for d in docs] == sorted(SAMPLES)
    assert report.analysed == 7 and not report.ok
    assert [str(f) for f in seen] == [f"{missing}: no such file or folder"]
    assert report.failures == seen


def test_api_analysis_exception_is_one_failure(tmp_path, sample_dir, light_analyzer, monkeypatch):
    real = light_analyzer.analyze

    def analyze(article):
        if article.doc == "fajar.txt":
            raise ValueError("rusak")
        return real(article)

    monkeypatch.setattr(light_analyzer, "analyze", analyze)
    report = Report()
    docs = list(analyze_inputs([str(sample_dir)], report=report))
    assert len(docs) == 6
    [f] = report.failures
    assert f.source == str(sample_dir / "fajar.txt")
    assert "analysis failed" in f.reason and "ValueError" in f.reason and "rusak" in f.reason


def test_api_ingest_counts_and_is_idempotent(tmp_path, sample_dir, light_analyzer):
    with Store(tmp_path / "api.db") as store:
        stored_flags = []
        r1 = ingest([str(sample_dir)], store, on_document=lambda d, s: stored_flags.append(s))
        assert (r1.analysed, r1.stored, r1.unchanged, r1.ok) == (7, 7, 0, True)
        assert stored_flags == [True] * 7
        counts = store.count()
        r2 = ingest([str(sample_dir)], store)
        assert (r2.analysed, r2.stored, r2.unchanged, r2.ok) == (7, 0, 7, True)
        assert store.count() == counts
        doc = store.document("antara.txt")
        assert doc["published"] == "2022" and doc["published_origin"] == "copyright line"
        assert doc["text"] == SAMPLES["antara.txt"] and doc["dateline"] == "Kairo"
        assert [b["kind"] for b in doc["boilerplate"]] == ["dateline", "related", "wire", "credit", "credit", "copyright"]


def test_api_ingest_store_failure_is_reported_and_batch_goes_on(tmp_path, sample_dir, light_analyzer, monkeypatch):
    with Store(tmp_path / "api.db") as store:
        real = store._insert

        def insert(conn, d, origin):  # fails inside the transaction of kabar.txt's batch
            if d.doc == "kabar.txt":
                raise RuntimeError("disk penuh")
            return real(conn, d, origin)

        monkeypatch.setattr(store, "_insert", insert)
        failures = []
        report = ingest([str(sample_dir)], store, on_failure=failures.append)
        assert report.stored == 6 and len(report.failures) == 1
        assert failures[0].source == "kabar.txt" and "could not be stored" in failures[0].reason
        assert store.count()["documents"] == 6
        assert {d["doc"] for d in store.documents()} == set(SAMPLES) - {"kabar.txt"}


def test_api_example_paths_are_shipped():
    paths = api.example_paths()
    assert len(paths) == 5 and all(p.suffix == ".txt" and p.is_file() for p in paths)


# ------------------------------------------------------------------------------ end to end (full pipeline)
def test_api_analyze_end_to_end():
    text = SAMPLES["antara.txt"]
    d = warta.analyze(text, published="2022-09-05", doc="antara-1")
    assert d.doc == "antara-1" and d.doc_id == content_hash(text)
    assert d.published.to_dict() == {"value": "2022-09-05", "granularity": "day", "origin": "input"}
    assert (d.source, d.wire, d.dateline, d.language) == ("ANTARA", "Reuters", "Kairo", "id")
    for s in d.sentences:
        assert text[s.start:s.end] == s.text
        assert d.body[0] <= s.start < s.end <= d.body[1]
        assert "Baca juga" not in s.text
    for e in d.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    for ev in d.events:
        ti = ev["text_info"]
        assert text[ti["start"]:ti["end"]] == ti["sentence"]
        assert ev["doc"] == "antara-1"
    # stable: the same text gives the same records
    again = warta.analyze(text, published="2022-09-05", doc="antara-1")
    assert [e["id"] for e in again.events] == [e["id"] for e in d.events]


def test_api_analyze_without_doc_uses_content_hash():
    d = warta.analyze(SAMPLES["jakarta.txt"])
    assert d.doc == d.doc_id and len(d.doc_id) == 16
    assert d.published.to_dict() == {"value": None, "granularity": None, "origin": None}


def test_api_ingest_end_to_end(tmp_path, sample_dir):
    with Store(tmp_path / "e2e.db") as store:
        r1 = ingest([str(sample_dir)], store)
        assert r1.ok and r1.stored == 7
        r2 = ingest([str(sample_dir)], store)
        assert r2.ok and (r2.stored, r2.unchanged) == (0, 7)
        assert r1.events > 0 and store.count()["events"] == r1.events
        assert {e["doc"] for e in store.events()} <= set(SAMPLES)
