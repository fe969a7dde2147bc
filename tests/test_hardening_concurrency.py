"""Concurrency: two ``warta ingest`` processes into one store at once (SQLite and PostgreSQL),
with a reader process that must never wait long; several processes opening a new store at once."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fixtures_hardening import consistency_problems, doc_ids, start_ingest, write_corpus

N = 30
SEED = 515

READER = r"""
import json, sys, time
from pathlib import Path
from warta.store.store import Store
url, stop, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
worst, calls, errors = 0.0, 0, []
store = Store(url)
deadline = time.monotonic() + 300
while not stop.exists() and time.monotonic() < deadline:
    t0 = time.perf_counter()
    try:
        store.events(limit=200)
    except Exception as e:
        errors.append(f"{type(e).__name__}: {e}"[:500])
    worst = max(worst, time.perf_counter() - t0)
    calls += 1
    time.sleep(0.01)
store.close()
out.write_text(json.dumps({"worst": worst, "calls": calls, "errors": errors[:5]}))
"""


def _url(dialect: str, tmp_path: Path, request) -> str:
    if dialect == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.db'}"
    return request.getfixturevalue("pg_url")


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_hardening_two_ingests_at_once_store_each_article_once_and_readers_wait_little(dialect, tmp_path, request):
    from warta.store.store import Store

    url = _url(dialect, tmp_path, request)
    Store(url).close()  # the schema exists before the writers start (a new store: see the test below)
    # A: articles 0-19, B: articles 10-29, the shared ten first in both, so that both work on them at once
    a, b = tmp_path / "a", tmp_path / "b"
    names = write_corpus(tmp_path / "all", N, seed=SEED)
    for folder, idx in ((a, list(range(10, 20)) + list(range(0, 10))), (b, list(range(10, 30)))):
        folder.mkdir()
        for i in idx:
            (folder / names[i]).write_text((tmp_path / "all" / names[i]).read_text(encoding="utf-8"), encoding="utf-8")
    stop, out = tmp_path / "stop", tmp_path / "reader.json"
    reader = subprocess.Popen([sys.executable, "-c", READER, url, str(stop), str(out)])
    try:
        time.sleep(1.0)
        pa, pb = start_ingest([a], url), start_ingest([b], url)
        _, ea = pa.communicate(timeout=300)
        _, eb = pb.communicate(timeout=300)
    finally:
        stop.touch()
        reader.wait(timeout=60)
    res = json.loads(out.read_text())
    assert pa.returncode == 0, ea.decode()[-3000:]
    assert pb.returncode == 0, eb.decode()[-3000:]
    assert res["errors"] == [] and res["calls"] > 5, res
    assert res["worst"] < 2.0, f"a reader waited {res['worst']:.2f}s during the writes"
    with Store(url) as s:
        assert sorted(doc_ids(s)) == sorted(names)  # each article exactly once
        assert s.count()["documents"] == N
        assert consistency_problems(s) == []


OPENER = r"""
import sys, time
from warta.store.store import Store
url, at = sys.argv[1], float(sys.argv[2])
while time.time() < at:
    time.sleep(0.001)
Store(url).close()
"""


MIGRATE_RACE = ("warta.store.migrations.migrate: processes opening a new store at once race in CREATE TABLE "
                "(SQLite: 'table schema_version already exists'; PostgreSQL: UniqueViolation on pg_type): "
                "one of two `warta ingest --db new.db` started together fails with exit 2")


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_hardening_processes_opening_a_new_store_at_once_all_succeed(dialect, tmp_path, request):
    """``warta ingest --db new.db`` started twice at once: both must open (migrate) the new store."""
    from warta.store.store import Store

    failures = []
    for round_ in range(3):
        if dialect == "sqlite":
            url = f"sqlite:///{tmp_path / f'new{round_}.db'}"
        else:
            url = request.getfixturevalue("pg_url") if round_ == 0 else None
            if url is None:
                break  # one fresh schema per test on PostgreSQL
        at = time.time() + 1.5
        procs = [subprocess.Popen([sys.executable, "-c", OPENER, url, str(at)], stderr=subprocess.PIPE)
                 for _ in range(4)]
        for p in procs:
            _, err = p.communicate(timeout=60)
            if p.returncode != 0:
                failures.append(err.decode()[-600:])
        with Store(url) as s:
            assert s.version >= 2
        if failures:
            break
    assert not failures, MIGRATE_RACE + f" ({len(failures)} failed: {failures[0][-300:]})"


def _doc(i: int):
    from warta.model import Document, Published, Span, content_hash

    text = f"Jakarta - Presiden menerima tamu ke-{i} di Istana pada Senin. Mereka membahas kerja sama."
    return Document(doc=f"race-{i}.txt", doc_id=content_hash(text), text=text, language="id", title=None,
                    source="Uji", wire=None, dateline="Jakarta", published=Published("2023-01-02", "day", "input"),
                    body=(0, len(text)), sentences=[Span("sentence", 0, len(text), text)], entities=[], events=[])


ADD_RACE = ("warta.store.store.Store.add: the 'already stored?' SELECT and the INSERT are not atomic; two "
            "writers adding the same article at once: the second gets IntegrityError (duplicate key "
            "documents_pkey) instead of False, and `warta ingest` reports 'could not be stored' and exits 1")


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_hardening_same_article_added_by_two_writers_at_once(dialect, tmp_path, request):
    """Two stores (as two processes would have) add the same articles at the same moment:
    each article is stored once, one writer gets True and the other False, neither an error."""
    import threading

    from warta.store.store import Store

    url = _url(dialect, tmp_path, request)
    stores = [Store(url), Store(url)]
    errors: list[str] = []
    results: dict[int, list[bool]] = {}
    try:
        for i in range(8):
            d = _doc(i)
            barrier = threading.Barrier(2)

            def add(s, i=i, d=d, barrier=barrier):
                barrier.wait()
                try:
                    results.setdefault(i, []).append(s.add(d))
                except Exception as e:
                    errors.append(f"{type(e).__name__}: {str(e)[:300]}")

            ts = [threading.Thread(target=add, args=(s,)) for s in stores]
            for t in ts:
                t.start()
            for t in ts:
                t.join(timeout=60)
        assert not errors, ADD_RACE + f" ({len(errors)} of 8 collided: {errors[0]})"
        assert errors == [], (ADD_RACE, errors)
        assert all(sorted(r) == [False, True] for r in results.values()), results
        assert stores[0].count()["documents"] == 8
        assert consistency_problems(stores[0]) == []
    finally:
        for s in stores:
            s.close()
