"""Crash safety: ``warta ingest`` killed with SIGKILL mid-batch, restarted, leaves a store equal
to one clean run (every article whole or absent, no orphans, no duplicates)."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from fixtures_db import dump_store
from fixtures_hardening import consistency_problems, doc_events, doc_ids, run_ingest, start_ingest, write_corpus

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

N_ARTICLES = 40
BATCH = 3  # articles per transaction: kills land inside batches, and between them
SEED = 20240917


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:  # not created yet, or mid-migration
        return 0


def _kill_at(db: Path, corpus: Path, rng: random.Random, *, after_docs: int | None, delay: float) -> int:
    """Start an ingest; once ``after_docs`` more documents are stored (or at once), wait ``delay``
    seconds and SIGKILL it. Returns the number of documents stored when it died."""
    before = _stored(db)
    proc = start_ingest([corpus], str(db), "--batch", str(BATCH))
    try:
        deadline = time.monotonic() + 180
        if after_docs is not None:
            while _stored(db) < before + after_docs:
                assert proc.poll() is None, f"ingest ended before it was killed: {proc.communicate()[1][-2000:]!r}"
                assert time.monotonic() < deadline, "ingest made no progress"
                time.sleep(0.02)
        time.sleep(delay)
        assert proc.poll() is None, "ingest finished before the kill: lower the kill points"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    return _stored(db)


def test_hardening_sigkill_during_ingest_then_restart_equals_clean_run(tmp_path):
    from warta.store.store import Store

    corpus = tmp_path / "corpus"
    names = write_corpus(corpus, N_ARTICLES, seed=SEED)
    clean_db, crash_db = tmp_path / "clean.db", tmp_path / "crash.db"
    clean = start_ingest([corpus], str(clean_db))  # the reference, alongside the crashes

    rng = random.Random(SEED)
    # kill 1: early, by time alone (while starting: opening/migrating the store or loading the model)
    # kills 2 and 3: after a seeded number of further articles, plus a seeded delay (mid-write)
    plan = [(None, rng.uniform(0.5, 3.0)), (rng.randint(2, 8), rng.uniform(0.0, 0.3)),
            (rng.randint(2, 8), rng.uniform(0.0, 0.3))]
    counts = []
    for after, delay in plan:
        counts.append(_kill_at(crash_db, corpus, rng, after_docs=after, delay=delay))
        if crash_db.exists():
            # consistent after every crash, before any restart has repaired it; checked on a copy,
            # since reading makes the lazily kept link records (and so would change the crashed store)
            snap = tmp_path / f"snapshot{len(counts)}.db"
            src, dst = sqlite3.connect(crash_db), sqlite3.connect(snap)
            try:
                src.backup(dst)
            finally:
                src.close()
                dst.close()
            with Store(snap) as s:
                assert consistency_problems(s) == [], (counts, consistency_problems(s))
    assert counts[-1] < N_ARTICLES, counts

    final = run_ingest([corpus], str(crash_db))
    assert final.returncode == 0, final.stderr[-3000:]
    out, err = clean.communicate(timeout=240)
    assert clean.returncode == 0, err[-3000:]

    with Store(crash_db) as crashed, Store(clean_db) as ref:
        assert consistency_problems(crashed) == []
        assert consistency_problems(ref) == []
        ids = doc_ids(crashed)
        assert sorted(ids) == sorted(names)
        assert ids == doc_ids(ref)
        got, want = doc_events(crashed), doc_events(ref)
        assert set(got) == set(want)
        for k in want:  # each article's events are those of one clean run (ids included)
            assert got[k] == want[k], k
        for k, evs in got.items():
            assert len({e["id"] for e in evs}) == len(evs), k
        assert crashed.count() == ref.count()
        for s in (crashed, ref):
            if hasattr(s, "refresh_links"):
                s.refresh_links()
        a, b = dump_store(crashed), dump_store(ref)
        for table in sorted(set(a) | set(b)):
            assert a.get(table) == b.get(table), table


def test_hardening_reading_between_ingests_changes_nothing(tmp_path):
    """Ingest half, read (refresh the lazily made link records), ingest the rest: the store equals
    one clean run. (What a crash-restart with a reader in between, or a server, does.)"""
    import warta
    from warta.store.store import Store

    names = write_corpus(tmp_path / "all", N_ARTICLES, seed=SEED)
    half = tmp_path / "half"
    half.mkdir()
    for n in names[:20]:
        (half / n).write_text((tmp_path / "all" / n).read_text(encoding="utf-8"), encoding="utf-8")
    with Store(tmp_path / "x.db") as x, Store(tmp_path / "y.db") as y:
        assert warta.ingest([str(half / n) for n in names[:20]], x).ok
        x.refresh_links()  # as any read does
        assert warta.ingest([str(tmp_path / "all" / n) for n in names], x).ok
        assert warta.ingest([str(tmp_path / "all" / n) for n in names], y).ok
        x.refresh_links()
        y.refresh_links()
        a, b = dump_store(x), dump_store(y)
        for table in sorted(set(a) | set(b)):
            if table == "documents":  # the origin (path) differs for the first half
                continue
            assert a.get(table) == b.get(table), table
