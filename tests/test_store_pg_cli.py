"""The CLI and the Python API on every dialect (SQLite and PostgreSQL), with the real pipeline."""
from __future__ import annotations

import json

from typer.testing import CliRunner

import warta
from warta.api import examples_dir
from warta.cli import app
from warta.store.store import Store


def _run(*args: str):
    res = CliRunner().invoke(app, list(args))
    return res


def test_api_ingest_is_idempotent_on_every_dialect(db_url, store_rows):
    with Store(db_url) as s:
        r1 = warta.ingest([examples_dir()], s)
        assert r1.ok and r1.analysed == r1.stored == 5 and r1.events > 0
        before = store_rows(s)
        r2 = warta.ingest([examples_dir()], s)
        assert (r2.stored, r2.unchanged) == (0, 5)
        assert store_rows(s) == before
        assert s.count()["documents"] == 5


def test_cli_ingest_query_and_export_on_every_dialect(db_url, tmp_path):
    res = _run("ingest", examples_dir(), "--db", db_url)
    assert res.exit_code == 0, res.output
    res = _run("ingest", examples_dir(), "--db", db_url)
    assert res.exit_code == 0 and "5 already in the store" in res.output
    res = _run("search", "sanksi", "--db", db_url)
    assert res.exit_code == 0 and "02_sanksi.txt" in res.output
    res = _run("events", "--db", db_url, "--json", "--limit", "1000")
    assert res.exit_code == 0
    recs = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    assert recs and {r["doc"] for r in recs} <= {p for p in (
        "01_kunjungan_menlu.txt", "02_sanksi.txt", "03_serangan_udara.txt", "04_pertemuan_puncak.txt", "05_unjuk_rasa.txt")}
    some_type = recs[0]["event"][0]
    res = _run("events", "--db", db_url, "--json", "--type", some_type)
    assert all(json.loads(x)["event"][0] == some_type for x in res.stdout.splitlines() if x.strip())
    out = tmp_path / "events.jsonl"
    res = _run("export", "--db", db_url, "--format", "plover", "-o", str(out))
    assert res.exit_code == 0, res.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(recs)
    res = _run("export", "--db", db_url, "--format", "documents", "-o", str(tmp_path / "docs.jsonl"))
    assert res.exit_code == 0 and len((tmp_path / "docs.jsonl").read_text(encoding="utf-8").splitlines()) == 5
    res = _run("show", "02_sanksi.txt", "--db", db_url)
    assert res.exit_code == 0 and "02_sanksi.txt" in res.output
    res = _run("entities", "--db", db_url)
    assert res.exit_code == 0
    with Store(db_url) as s:
        top = s.entities(limit=1)[0]
    res = _run("entity", top["id"], "--db", db_url)
    assert res.exit_code == 0 and top["name"] in res.output
    res = _run("show", "nope.txt", "--db", db_url)
    assert res.exit_code == 1


def test_cli_and_api_store_the_same_on_both_dialects(db_url, tmp_path, store_rows):
    """What the CLI stores in this dialect equals what the API stores in SQLite."""
    with Store(tmp_path / "ref.db") as ref:
        warta.ingest([examples_dir()], ref)
        want = store_rows(ref)
    assert _run("ingest", examples_dir(), "--db", db_url).exit_code == 0
    with Store(db_url) as s:
        assert store_rows(s) == want
