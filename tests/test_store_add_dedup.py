"""Store.add: the same text twice is stored once, a more precise date replaces a vaguer copy and
rebuilds the links (at once, or after the batch), a queued article is linked by the next add that
links, and an article linked at once finds its near duplicates (issue #20: tests that bite)."""
from __future__ import annotations

from dataclasses import replace

import pytest
import sqlalchemy as sa

from warta.model import Published
from warta.store.schema import link_pending

TEXT = ("Mesir dan Sudan membahas perbatasan di Kairo. Menteri Mesir menuduh Sudan melanggar perjanjian. "
        "Kedua negara sepakat membentuk komisi bersama.")
OTHER = "Sudan menolak tuduhan Mesir. Juru bicara Sudan menyebut tuduhan itu tidak berdasar."
NO_DATE = Published(None, None, None)
YEAR = Published("2022", "year", "copyright line")
DAY = Published("2022-09-05", "day", "input")


def _pending(store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(link_pending)).scalar()


@pytest.fixture
def rebuilds(store, monkeypatch):
    """How many times the whole store was linked again."""
    calls = []
    real = store.rebuild_links
    monkeypatch.setattr(store, "rebuild_links", lambda: calls.append(1) or real())
    return calls


@pytest.mark.parametrize("published", [NO_DATE, YEAR, DAY])
def test_store_add_dedup_same_text_and_date_is_stored_once(store, make_document, rebuilds, published):
    doc = replace(make_document("a.txt", TEXT), published=published)
    assert store.add(doc) is True
    assert store.add(replace(doc, doc="b.txt")) is False
    assert store.count()["documents"] == 1
    assert store.document(doc.doc_id)["doc"] == "a.txt"
    assert rebuilds == []  # storing a new article links it alone, never the whole store


@pytest.mark.parametrize("first, then", [(NO_DATE, YEAR), (NO_DATE, DAY), (YEAR, DAY)])
def test_store_add_dedup_more_precise_date_replaces_and_relinks_at_once(store, make_document, rebuilds, first, then):
    doc = replace(make_document("a.txt", TEXT), published=first)
    assert store.add(doc) is True
    assert store.add(replace(doc, doc="a.jsonl", published=then)) is True
    assert store.count()["documents"] == 1
    d = store.document(doc.doc_id)
    assert (d["doc"], d["published"]) == ("a.jsonl", then.value)
    assert rebuilds == [1]
    # and a vaguer copy after it changes nothing
    assert store.add(replace(doc, doc="c.txt", published=first)) is False
    assert store.document(doc.doc_id)["doc"] == "a.jsonl"


def test_store_add_dedup_replacement_in_a_batch_relinks_after_the_batch(store, make_document, rebuilds):
    doc = replace(make_document("a.txt", TEXT), published=YEAR)
    other = make_document("b.txt", OTHER)
    assert store.add(doc) is True
    assert [stored for _, stored in store.add_many([replace(doc, published=DAY), other])] == [True, True]
    assert rebuilds == [1]
    assert _pending(store) == 0
    assert store.link_counts()["events"] == len(doc.events) + len(other.events)


def test_store_add_dedup_queued_articles_wait_for_the_next_add_that_links(store, make_document):
    a, b, c = (make_document(n, t) for n, t in (("a", TEXT), ("b", OTHER), ("c", OTHER + " Lagi.")))
    assert store.add(a, link=False) and store.add(b, link=False)
    assert _pending(store) == 2  # queued, none linked yet
    assert store.add(c) is True
    assert _pending(store) == 0
    assert store.link_counts()["canonical_events"] >= 1


def test_store_add_dedup_article_linked_at_once_finds_its_near_duplicate(store, make_document):
    long = " ".join([TEXT] * 3)
    assert store.add(make_document("asli.txt", long))
    assert store.add(make_document("salinan.txt", long + " Demikian laporan itu."))
    [dup] = store.near_duplicates()
    assert (dup["doc"], dup["of_doc"]) == ("salinan.txt", "asli.txt")


def test_store_add_dedup_other_writer_waits_until_this_article_is_stored(store, make_document, monkeypatch, tmp_path):
    """The write lock is taken before the look-up: no other writer can store the same article
    between this one's look-up and its insert; once it is stored, the other finds it there."""
    import sqlite3

    from warta.store.store import Store

    doc = make_document("a.txt", TEXT)
    real_insert = store._insert

    def insert_while_another_tries(conn, d, origin):
        other = sqlite3.connect(tmp_path / "test.db", timeout=0, isolation_level=None)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()
        real_insert(conn, d, origin)

    monkeypatch.setattr(store, "_insert", insert_while_another_tries)
    assert store.add(doc) is True
    with Store(tmp_path / "test.db") as other:
        assert other.add(doc) is False
    assert store.count()["documents"] == 1 and store.has(doc.doc_id)


def test_store_add_dedup_article_stored_meanwhile_by_another_process(store, make_document, monkeypatch, tmp_path):
    """A writer that does not take the lock (an older warta) stored the article after this one
    looked: the insert's integrity error means "already there", not a failure."""
    from warta.store.store import Store

    doc = make_document("a.txt", TEXT)
    with Store(tmp_path / "test.db") as other:
        assert other.add(doc) is True

    def looked_before_the_other_stored(conn, d, origin, link):
        raise sa.exc.IntegrityError("INSERT INTO documents", {}, Exception("UNIQUE constraint failed"))

    monkeypatch.setattr(store, "_store_one", looked_before_the_other_stored)
    assert store.add(doc) is False
    assert store.count()["documents"] == 1 and store.has(doc.doc_id)
