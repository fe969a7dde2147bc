"""warta.distributed: a two-worker Dask cluster stores what a single process stores.

The Dask tests share one ``LocalCluster`` (two worker processes, one thread each) per module;
they are skipped when Dask is not installed (``pip install 'warta[dask]'``).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import warta
from warta.api import example_paths
from warta.distributed import DaskRunner, EngineError, LocalRunner, Runner, ingest_with, runner_for
from warta.store.store import Store


def _corpus(root: Path, samples: dict[str, str]) -> list[str]:
    """The built-in examples, the test samples, a JSON Lines file (one bad line) and a broken input."""
    d = root / "corpus"
    (d / "sub").mkdir(parents=True)
    for p in example_paths():
        (d / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    for name, text in samples.items():
        (d / "sub" / name).write_text(text, encoding="utf-8")
    lines = [json.dumps({"id": f"j{i}", "text": t, "published": "2024-05-0" + str(i + 1)})
             for i, t in enumerate(list(samples.values())[:3])]
    lines.insert(1, "{not json")
    (d / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (d / "empty.txt").write_text("   \n", encoding="utf-8")
    return [str(d), str(root / "missing.txt")]


def _single_process(inputs, url):
    with Store(url) as s:
        report = warta.ingest(inputs, s)
        from fixtures_db import dump_store

        return report, dump_store(s)


@pytest.fixture(scope="module")
def dask_client(tmp_path_factory):
    pytest.importorskip("distributed", reason="the dask engine needs: pip install 'warta[dask]'")
    from distributed import Client, LocalCluster

    # the workers inherit the environment they start in: the same (empty) user knowledge base as the tests
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WARTA_KB_DIR", str(tmp_path_factory.mktemp("kb-workers")))
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_local_runner_is_a_runner_and_equals_warta_ingest(tmp_path, samples, store_rows):
    inputs = _corpus(tmp_path, samples)
    want_report, want = _single_process(inputs, tmp_path / "one.db")
    runner = runner_for("local")
    assert isinstance(runner, LocalRunner) and isinstance(runner, Runner)
    seen = []
    with runner, Store(tmp_path / "local.db") as s:
        report = ingest_with(runner, inputs, s, on_document=lambda d, new: seen.append((d.doc, new)))
        assert store_rows(s) == want
    assert (report.analysed, report.stored, report.unchanged, report.events) == (
        want_report.analysed, want_report.stored, want_report.unchanged, want_report.events)
    assert [str(f) for f in report.failures] == [str(f) for f in want_report.failures]
    assert len(seen) == report.analysed and sum(new for _, new in seen) == report.stored
    assert report.unchanged == 3  # the JSON lines repeat three sample texts: same content, stored once


def test_dask_runner_warms_the_workers_of_a_given_cluster_once(dask_client, monkeypatch):
    """The pipeline is built on every worker with Client.run before the first batch, on a cluster
    the runner was given too (a lazy build in the first task raced the worker's start-up)."""
    ran = []
    real_run = dask_client.run
    monkeypatch.setattr(dask_client, "run", lambda fn, *a, **k: ran.append(fn.__name__) or real_run(fn, *a, **k))
    runner = DaskRunner(client=dask_client, batch_size=3)
    assert list(runner.run([])) == [] and list(runner.run([])) == []
    assert ran == ["_warm"]
    built = real_run(lambda: __import__("warta.analyse.pipeline", fromlist=["x"]).default_analyzer.cache_info().currsize)
    assert set(built.values()) == {1}


def test_two_worker_dask_cluster_stores_what_one_process_stores(dask_client, db_url, tmp_path, samples, store_rows):
    inputs = _corpus(tmp_path, samples)
    want_report, want = _single_process(inputs, tmp_path / "one.db")
    assert want_report.analysed >= 15 and want["events"] and want["entities"]
    failures = []
    runner = DaskRunner(client=dask_client, batch_size=3)
    assert isinstance(runner, Runner)
    with Store(db_url) as s:
        report = ingest_with(runner, inputs, s, on_failure=failures.append)
        got = store_rows(s)
        assert (report.analysed, report.stored, report.unchanged, report.events) == (
            want_report.analysed, want_report.stored, want_report.unchanged, want_report.events)
        assert sorted(map(str, report.failures)) == sorted(map(str, want_report.failures)) == sorted(map(str, failures))
        assert len(report.failures) == 3  # the bad JSON line, the empty file, the missing file
        for table in ("documents", "events", "entities", "mentions", "event_arguments", "sentences", "boilerplate",
                      "sources"):
            assert got.get(table) == want.get(table), table
        assert got == want
        # ingesting again (in other batches) changes nothing
        again = ingest_with(DaskRunner(client=dask_client, batch_size=5), inputs, s)
        assert (again.stored, again.unchanged) == (0, want_report.analysed)
        assert store_rows(s) == want


def test_dask_runner_reports_an_article_whose_analysis_fails(dask_client, tmp_path):
    from warta.model import Article

    class NotAnArticle(Article):
        @property
        def doc_id(self):  # the pipeline asks for it; this one cannot answer
            raise RuntimeError("boom")

    good = Article(doc="ok.txt", text="Jakarta - Presiden bertemu Perdana Menteri Jepang di Istana Merdeka.")
    bad = NotAnArticle(doc="bad.txt", text="Jakarta - teks apa saja.", origin="/x/bad.txt")
    failures = []
    docs = list(DaskRunner(client=dask_client, batch_size=1).run([good, bad, good], on_failure=failures.append))
    assert [d.doc for d in docs] == ["ok.txt", "ok.txt"]
    assert [f.source for f in failures] == ["/x/bad.txt"] and "boom" in failures[0].reason


def test_runner_for_refuses_what_it_cannot_do():
    with pytest.raises(EngineError, match="unknown engine"):
        runner_for("spark")
    with pytest.raises(EngineError, match="--engine dask"):
        runner_for("local", scheduler="tcp://127.0.0.1:8786")
    assert isinstance(runner_for("dask", workers=3), DaskRunner)


def test_unreachable_scheduler_is_an_engine_error():
    pytest.importorskip("distributed")
    runner = DaskRunner(scheduler="tcp://127.0.0.1:9", connect_timeout="2s")
    with pytest.raises(EngineError, match="tcp://127.0.0.1:9"):
        list(runner.run([]))
    runner.close()


def test_cli_ingest_engine_dask_on_a_local_cluster(tmp_path, samples, store_rows):
    pytest.importorskip("distributed")
    from typer.testing import CliRunner

    from warta.cli import app

    inputs = _corpus(tmp_path, samples)[:1]
    _, want = _single_process(inputs, tmp_path / "one.db")
    db = tmp_path / "dask.db"
    res = CliRunner().invoke(app, ["ingest", *inputs, "--db", str(db), "--engine", "dask", "--workers", "2"])
    assert res.exit_code == 1, res.output  # the bad JSON line and the empty file
    with Store(db) as s:
        assert store_rows(s) == want
    res = CliRunner().invoke(app, ["ingest", *inputs, "--db", str(db), "--engine", "spark"])
    assert res.exit_code == 2 and "unknown engine" in res.output
    assert os.path.exists(db)
