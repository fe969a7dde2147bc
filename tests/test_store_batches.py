"""Storing a batch of articles in one transaction (``Store.add_batch``, what ``warta ingest``
does) leaves the store exactly as one transaction per article does, takes SQLite's write lock
before its first read, and analysing in worker processes gives the same Documents."""
from __future__ import annotations

import sqlite3
from itertools import islice

import pytest

from fixtures_db import dump_store
from warta.api import example_paths
from warta.bench import build_corpus
from warta.model import Article


def _articles() -> list[Article]:
    """Articles that link across each other: the examples, each again with another outlet's
    sentence added (a near duplicate reporting the same events), recombined articles, one
    article twice, and one given again with a more precise publication date (it replaces the
    stored copy, and the links are made again)."""
    arts = []
    for i, p in enumerate(example_paths()):
        text = p.read_text(encoding="utf-8")
        arts.append(Article(doc=p.name, text=text))
        arts.append(Article(doc=f"copy-{p.name}", text=text.replace("\n\n", "\n\nSementara itu, warga setempat mengaku tenang.\n\n", 1)))
    arts += list(build_corpus(12, seed=5))
    vague = ("Jakarta (ANTARA) - Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Jepang di Jakarta "
             "untuk membahas kerja sama maritim kedua negara.\n\nCopyright © ANTARA 2022\n")
    arts.append(Article(doc="tahun.txt", text=vague))  # dated by its copyright line alone: the year
    arts.append(arts[3])  # the same article again: unchanged
    arts.append(Article(doc="tahun.txt", text=vague, published="2022-09-05"))  # replaces the copy
    return arts


@pytest.fixture(scope="module")
def documents():
    from warta.analyse.pipeline import default_analyzer

    analyzer = default_analyzer()
    return [analyzer.analyze(a) for a in _articles()]


def test_store_batches_give_the_rows_of_one_transaction_per_article(tmp_path, documents, db_url):
    """Batches on SQLite and PostgreSQL against one transaction per article on SQLite."""
    from warta.store.store import Store

    with Store(tmp_path / "one.db") as one, Store(db_url) as batch:
        flags_one = [one.add(d) for d in documents]
        it = iter(documents)
        flags_batch = []
        while chunk := list(islice(it, 7)):
            flags_batch += batch.add_batch(chunk)
        assert flags_batch == flags_one
        assert flags_one[-2] is False and flags_one[-1] is True  # the repeat and the replacement
        counts = one.link_counts()
        # linking did real work here: reports merged into fewer canonical events, near duplicates found
        assert counts["canonical_events"] < counts["events"] and counts["near_duplicates"] >= 5
        assert batch.link_counts() == counts
        assert dump_store(batch) == dump_store(one)


def test_store_batches_failed_batch_leaves_nothing_of_it(tmp_path, documents, monkeypatch):
    from warta.store.store import Store

    with Store(tmp_path / "s.db") as store:
        store.add_batch(documents[:3])
        before = dump_store(store)
        real = store._insert

        def insert(conn, d, origin):
            if d.doc == documents[5].doc:
                raise RuntimeError("disk full")
            return real(conn, d, origin)

        monkeypatch.setattr(store, "_insert", insert)
        with pytest.raises(RuntimeError):
            store.add_batch(documents[3:8])
        assert dump_store(store) == before


def test_store_batches_take_the_sqlite_write_lock_before_reading(tmp_path):
    from warta.store.shared import _write_lock
    from warta.store.store import Store

    db = tmp_path / "lock.db"
    with Store(db) as store:
        other = sqlite3.connect(db, timeout=0, isolation_level=None)
        try:
            with store.engine.begin() as conn:
                _write_lock(conn)
                # no write yet, yet another writer is already shut out
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    other.execute("BEGIN IMMEDIATE")
            other.execute("BEGIN IMMEDIATE")  # free again once the transaction ends
            other.execute("ROLLBACK")
        finally:
            other.close()


def test_runner_workers_give_the_documents_of_one_process(monkeypatch):
    from warta.api import documents_as_dicts
    from warta.runner import LocalRunner

    monkeypatch.setenv("WARTA_MAX_CHARS", "600")  # the longer articles fail, in both runners alike
    arts = _articles()[:14]
    failures: dict[str, list] = {"one": [], "two": []}
    with LocalRunner() as one:
        docs_one = list(documents_as_dicts(one.run(arts, on_failure=failures["one"].append)))
    with LocalRunner(workers=2) as two:
        docs_two = list(documents_as_dicts(two.run(arts, on_failure=failures["two"].append)))
    assert failures["one"] and len(docs_one) + len(failures["one"]) == len(arts)
    assert [(f.source, f.reason) for f in failures["two"]] == [(f.source, f.reason) for f in failures["one"]]
    assert docs_two == docs_one


def test_store_batches_replacement_inside_a_batch_relinks_everything(tmp_path, documents):
    """A copy replaced in the middle of a batch (not its last article): the store is linked again
    after the batch, as one transaction per article would leave it."""
    from warta.store.store import Store

    vague, precise = (d for d in documents if d.doc == "tahun.txt")
    assert (vague.published.granularity, precise.published.granularity) == ("year", "day")
    order = [d for d in documents if d.doc != "tahun.txt"]
    order.insert(2, vague)
    order.insert(len(order) - 3, precise)  # the vague copy early, the precise one with three articles after it
    with Store(tmp_path / "one.db") as one, Store(tmp_path / "batch.db") as batch:
        for d in order:
            one.add(d)
        head, tail = order[:-6], order[-6:]  # the replacement sits inside the last batch
        batch.add_batch(head)
        flags = batch.add_batch(tail)
        assert flags == batch_flags(tail, head) and flags[tail.index(precise)] is True
        assert batch.link_counts() == one.link_counts()
        assert dump_store(batch) == dump_store(one)


def batch_flags(tail, head):
    """What add would answer for each of ``tail`` after ``head``: stored, unless the same text
    was stored before with a date at least as precise."""
    rank = {"day": 3, "month": 2, "year": 1}
    seen: dict[str, int] = {}
    for d in head:
        seen[d.doc_id] = max(seen.get(d.doc_id, -1), rank.get(d.published.granularity, 0))
    out = []
    for d in tail:
        r = rank.get(d.published.granularity, 0)
        out.append(d.doc_id not in seen or r > seen[d.doc_id])
        seen[d.doc_id] = max(seen.get(d.doc_id, -1), r)
    return out


def test_store_batches_integrity_error_in_a_batch_stores_them_one_by_one(tmp_path, documents, monkeypatch):
    """An article another writer stored after this batch looked (an integrity error): the batch
    is stored one article at a time, and each gets its own answer."""
    import sqlalchemy as sa

    from warta.store.store import Store

    a, b = documents[0], documents[1]
    with Store(tmp_path / "s.db") as other:
        assert other.add(a) is True
    with Store(tmp_path / "s.db") as store:
        real = store._store_one
        calls = {"n": 0}

        def raced_once(conn, d, origin, link):
            calls["n"] += 1
            if calls["n"] == 1:
                raise sa.exc.IntegrityError("INSERT INTO documents", {}, Exception("UNIQUE constraint failed"))
            return real(conn, d, origin, link)

        monkeypatch.setattr(store, "_store_one", raced_once)
        assert store.add_batch([a, b]) == [False, True]
        assert store.count()["documents"] == 2


def test_store_batches_integrity_error_of_an_absent_article_is_raised(tmp_path, documents, monkeypatch):
    """An integrity error for an article that is not in the store is a real failure: raised."""
    import sqlalchemy as sa

    from warta.store.store import Store

    with Store(tmp_path / "s.db") as store:
        def broken(conn, d, origin, link):
            raise sa.exc.IntegrityError("INSERT INTO events", {}, Exception("FOREIGN KEY constraint failed"))

        monkeypatch.setattr(store, "_store_one", broken)
        with pytest.raises(sa.exc.IntegrityError):
            store.add(documents[2])
        with pytest.raises(sa.exc.IntegrityError):
            store.add_batch(documents[2:4])
        assert store.count()["documents"] == 0
