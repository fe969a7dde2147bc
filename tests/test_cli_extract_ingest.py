"""The ``warta`` CLI: extract and ingest, bad inputs, exit codes, re-ingesting.

Tests using the ``light_analyzer`` fixture run without entity linking and event coding;
the ``end to end`` tests at the bottom use the full pipeline.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warta.cli import app
from warta.store.store import Store

from conftest import EXPECTED, SAMPLES

runner = CliRunner()


def _flat(s: str) -> str:
    return " ".join(s.split())


def _fail_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("warta: ")]


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _check_document_record(rec: dict, text: str) -> None:
    """What output.md says of a documents-format record, checked against the original text."""
    exp = EXPECTED[rec["doc"]]
    assert rec["doc_id"] and rec["language"] == "id"
    assert rec["source"] == exp["source"]
    assert rec["wire"] == exp["wire"]
    assert rec["dateline"] == exp["dateline"]
    v, g, o = exp["published"]
    assert rec["published"] == {"value": v, "granularity": g, "origin": o}
    assert [b["kind"] for b in rec["boilerplate"]] == exp["kinds"]
    for b in rec["boilerplate"]:
        assert text[b["start"]:b["end"]] == b["text"]
    s, e = rec["body"]["start"], rec["body"]["end"]
    assert 0 <= s < e <= len(text)
    body = text[s:e]
    assert body == body.strip()
    for b in rec["boilerplate"]:
        if b["kind"] == "dateline":
            assert b["end"] <= s
        elif b["kind"] in ("wire", "copyright"):
            assert b["start"] >= e
    for sent in rec.get("sentences", []):
        assert s <= sent["start"] < sent["end"] <= e
        for b in rec["boilerplate"]:
            assert sent["end"] <= b["start"] or sent["start"] >= b["end"]


# ------------------------------------------------------------------------------ extract
def test_cli_extract_documents_of_a_folder(tmp_path, sample_dir, light_analyzer):
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["extract", str(sample_dir), "--format", "documents", "-o", str(out)])
    assert res.exit_code == 0, res.output
    recs = _read_jsonl(out)
    assert [r["doc"] for r in recs] == sorted(SAMPLES)
    for r in recs:
        _check_document_record(r, SAMPLES[r["doc"]])
    antara = next(r for r in recs if r["doc"] == "antara.txt")
    text = SAMPLES["antara.txt"]
    assert text[antara["body"]["start"]:antara["body"]["end"]].startswith("Menteri Luar Negeri Mesir")
    assert _fail_lines(res.stderr) == []
    assert "7 record(s) written" in _flat(res.stderr)


def test_cli_extract_to_stdout_and_from_stdin(light_analyzer):
    text = SAMPLES["jakarta.txt"]
    res = runner.invoke(app, ["extract", "-", "--format", "documents", "-o", "-"], input=text)
    assert res.exit_code == 0, res.output
    [rec] = [json.loads(line) for line in res.stdout.splitlines()]
    assert rec["doc"].startswith("stdin-") and rec["dateline"] == "Jakarta"


def test_cli_extract_csv_header_without_events(tmp_path, sample_dir, light_analyzer):
    from warta.export.formats import CSV_COLUMNS

    out = tmp_path / "out.csv"
    res = runner.invoke(app, ["extract", str(sample_dir), "--format", "csv", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_text(encoding="utf-8").splitlines()[0] == ",".join(CSV_COLUMNS)


def test_cli_extract_bad_inputs_exit_nonzero_with_one_line_each(tmp_path, sample_dir, light_analyzer, monkeypatch):
    bad = tmp_path / "bad"
    bad.mkdir()
    empty = bad / "kosong.txt"
    empty.write_bytes(b"")
    binary = bad / "biner.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    big = bad / "besar.txt"
    with open(big, "wb") as f:
        f.truncate(50 * 1024 * 1024)
    html = bad / "menu.html"
    html.write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    locked = bad / "terkunci.txt"
    locked.write_text(SAMPLES["jakarta.txt"] + "tambahan", encoding="utf-8")
    jsonl = bad / "batch.jsonl"
    jsonl.write_text(
        json.dumps({"id": "berita-1", "text": SAMPLES["antara.txt"], "published": "2021-03-04"}) + "\n"
        + '{"id": "rusak", "text": \n', encoding="utf-8")
    missing = tmp_path / "tidak-ada"
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "terkunci.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["extract", str(missing), str(bad), str(sample_dir), "--format", "documents", "-o", str(out)])
    assert res.exit_code != 0
    lines = _fail_lines(res.stderr)
    expected_sources = [str(missing), str(big), str(binary), str(empty), f"{jsonl}:2", str(html), str(locked)]
    assert len(lines) == len(expected_sources), res.stderr
    for line, src in zip(sorted(lines), sorted(f"warta: {s}: " for s in expected_sources)):
        assert line.startswith(src), (line, src)
        assert len(line) > len(src)  # the problem is named too
    assert "7 input(s) failed" in _flat(res.stderr)
    # the rest of the batch went on
    recs = _read_jsonl(out)
    assert [r["doc"] for r in recs] == ["berita-1", *sorted(SAMPLES)]
    # a published date given with a JSONL article wins over the copyright line
    assert recs[0]["published"] == {"value": "2021-03-04", "granularity": "day", "origin": "input"}
    assert recs[0]["source"] == "ANTARA"


def test_cli_extract_unknown_format_is_an_error(tmp_path, sample_dir):
    res = runner.invoke(app, ["extract", str(sample_dir), "--format", "xml", "-o", str(tmp_path / "x")])
    assert res.exit_code == 2
    assert "unknown format" in res.stderr


# ------------------------------------------------------------------------------ ingest
def _dump(db: Path) -> dict:
    with Store(db) as s:
        with s.engine.connect() as conn:
            return {t: sorted(map(tuple, conn.exec_driver_sql(f"SELECT * FROM {t}").all()), key=repr)
                    for t in ("boilerplate", "sentences", "sources", "entities", "mentions", "events", "documents_fts")} | {
                "documents": sorted(conn.exec_driver_sql("SELECT doc_id, doc, text FROM documents").all())}


def test_cli_ingest_twice_changes_nothing(tmp_path, sample_dir, light_analyzer):
    db = tmp_path / "tmp.db"
    res = runner.invoke(app, ["ingest", str(sample_dir), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "7 stored" in _flat(res.stderr)
    with Store(db) as s:
        first = s.count()
    before = _dump(db)
    assert first["documents"] == 7
    res = runner.invoke(app, ["ingest", str(sample_dir), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "0 stored, 7 already in the store" in _flat(res.stderr)
    with Store(db) as s:
        assert s.count() == first
    assert _dump(db) == before


def test_cli_ingest_bad_input_keeps_what_is_stored(tmp_path, sample_dir, light_analyzer):
    db = tmp_path / "tmp.db"
    assert runner.invoke(app, ["ingest", str(sample_dir), "--db", str(db)]).exit_code == 0
    before = _dump(db)
    new = tmp_path / "baru.txt"
    new.write_text("SURABAYA - Gubernur meresmikan pasar baru pada Jumat.\n", encoding="utf-8")
    missing = tmp_path / "hilang.txt"
    res = runner.invoke(app, ["ingest", str(missing), str(sample_dir / "antara.txt"), str(new), "--db", str(db)])
    assert res.exit_code == 1
    assert _fail_lines(res.stderr) == [f"warta: {missing}: no such file or folder"]
    assert "1 stored, 1 already in the store" in _flat(res.stderr)
    after = _dump(db)
    assert set(before["documents"]) < set(after["documents"])
    assert len(after["documents"]) == 8
    with Store(db) as s:
        assert s.document("baru.txt")["dateline"] == "Surabaya"


def test_cli_ingest_unavailable_engine_is_refused(tmp_path, sample_dir):
    res = runner.invoke(app, ["ingest", str(sample_dir), "--db", str(tmp_path / "x.db"), "--engine", "spark"])
    assert res.exit_code == 2 and "engine" in res.stderr


def test_cli_bad_db_url_is_a_clear_error(sample_dir):
    res = runner.invoke(app, ["ingest", str(sample_dir), "--db", "nosuchdialect://x"])
    assert res.exit_code == 2
    assert res.stderr.startswith("warta: error: cannot open the store")


def test_cli_version():
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.startswith("warta ")


# ------------------------------------------------------------------------------ end to end (full pipeline)
def test_cli_demo_exits_zero(tmp_path):
    res = runner.invoke(app, ["demo", "--db", str(tmp_path / "demo.db")])
    assert res.exit_code == 0, res.output
    with Store(tmp_path / "demo.db") as s:
        c = s.count()
    assert c["documents"] == 5 and c["events"] > 0


def test_cli_end_to_end_extract_plover_ingest_query(tmp_path, sample_dir):
    out = tmp_path / "ev.jsonl"
    res = runner.invoke(app, ["extract", str(sample_dir), "--format", "plover", "-o", str(out)])
    assert res.exit_code == 0, res.output
    recs = _read_jsonl(out)
    assert recs, "no event in seven news articles"
    for r in recs:
        text = SAMPLES[r["doc"]]
        ti = r["text_info"]
        assert text[ti["start"]:ti["end"]] == ti["sentence"]
        assert r["codebook"] == "plover-1.0" and r["coder"].startswith("warta ")
        assert r["modality"] in {"asserted", "future", "hypothetical", "negated", "historical"}
    assert len({r["id"] for r in recs}) == len(recs)

    db = tmp_path / "e2e.db"
    assert runner.invoke(app, ["ingest", str(sample_dir), "--db", str(db)]).exit_code == 0
    res = runner.invoke(app, ["ingest", str(sample_dir), "--db", str(db)])
    assert res.exit_code == 0 and "0 stored, 7 already in the store" in _flat(res.stderr)
    res = runner.invoke(app, ["events", "--db", str(db), "--json", "--limit", "1000"])
    assert res.exit_code == 0
    stored = [json.loads(line) for line in res.stdout.splitlines()]
    assert sorted(r["id"] for r in stored) == sorted(r["id"] for r in recs)


def test_cli_subprocess_extract(tmp_path, sample_dir):
    out = tmp_path / "out.jsonl"
    missing = tmp_path / "tidak-ada.txt"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "warta.cli", "extract", str(sample_dir), str(missing), "--format", "documents",
         "-o", str(out)],
        capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stderr
    assert _fail_lines(proc.stderr) == [f"warta: {missing}: no such file or folder"], proc.stderr
    recs = _read_jsonl(out)
    assert [r["doc"] for r in recs] == sorted(SAMPLES)
    for r in recs:
        _check_document_record(r, SAMPLES[r["doc"]])


def test_cli_ingest_progress_shows_total_rate_and_eta_on_a_terminal(tmp_path, monkeypatch):
    """Files and JSON Lines have a knowable size: the bar shows N/total, the rate and the time left."""
    import io

    import warta.cli as cli
    from warta.console import WartaConsole

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(2):
        (folder / f"a{i}.txt").write_text(f"Presiden Mesir bertemu utusan Sudan di Kairo pada Senin ke-{i}.", encoding="utf-8")
    lines = tmp_path / "b.jsonl"
    lines.write_text("".join(json.dumps({"id": f"j{i}", "text": f"Polisi Thailand menangkap {i + 2} demonstran di Bangkok."})
                             + "\n\n" for i in range(3)), encoding="utf-8")
    buf = io.StringIO()
    monkeypatch.setattr(cli, "err", WartaConsole(file=buf, force_terminal=True, width=160))
    res = CliRunner().invoke(cli.app, ["ingest", str(folder), str(lines), "--db", str(tmp_path / "p.db")])
    assert res.exit_code == 0, res.output
    shown = buf.getvalue()
    assert "/5" in shown and "5/5" in shown
    assert "articles/s" in shown and "ETA" in shown
    assert "?" not in shown.split("ingest:")[0].replace("\x1b[?25l", "").replace("\x1b[?25h", "")


def test_cli_count_articles_counts_files_and_jsonl_lines(tmp_path):
    from warta.ingest.readers import count_articles

    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "x.txt").write_text("a", encoding="utf-8")
    (tmp_path / "d" / "y.html").write_text("<html></html>", encoding="utf-8")
    (tmp_path / "z.jsonl").write_text('{"id": 1}\n\n{"id": 2}\n{"id": 3}', encoding="utf-8")
    assert count_articles([str(tmp_path / "d"), str(tmp_path / "z.jsonl")]) == 5
    assert count_articles([str(tmp_path / "z.jsonl"), "-"]) is None
