"""Deferred and batched linking: ``add(link=False)`` queues an article, ``add_many`` links once per
batch, and a store reopened with queued articles links them; every way gives the links of
article-by-article incremental linking."""
from __future__ import annotations

import random

import sqlalchemy as sa

from test_merge_linking import EVENTS, build, snapshot
from warta.store.schema import link_dirty, link_pending
from warta.store.store import Store


def _ref(tmp_path):
    st = Store(tmp_path / "ref.db")
    for n in sorted(EVENTS):
        st.add(build(n))
    want = snapshot(st)
    st.close()
    return want


def _pending(st):
    with st.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(link_pending)).scalar()


def test_add_unlinked_then_reopen_links(tmp_path):
    want = _ref(tmp_path)
    names = sorted(EVENTS)
    random.Random(3).shuffle(names)
    st = Store(tmp_path / "d.db")
    for n in names:
        assert st.add(build(n), link=False)
    assert _pending(st) == len(names)
    st.close()  # as if the process died before linking
    st = Store(tmp_path / "d.db")
    assert _pending(st) == 0
    assert snapshot(st) == want
    st.close()


def test_add_links_what_is_pending_first(tmp_path):
    want = _ref(tmp_path)
    names = sorted(EVENTS)
    st = Store(tmp_path / "p.db")
    for n in names[:-1]:
        st.add(build(n), link=False)
    st.add(build(names[-1]))
    assert _pending(st) == 0
    assert snapshot(st) == want
    st.close()


def test_add_many_batches(tmp_path):
    want = _ref(tmp_path)
    names = sorted(EVENTS)
    random.Random(5).shuffle(names)
    for batch in (1, 2, 64):
        st = Store(tmp_path / f"m{batch}.db")
        out = list(st.add_many([build(n) for n in names], batch=batch))
        assert [s for _, s in out] == [True] * len(names)
        assert _pending(st) == 0
        assert snapshot(st) == want
        assert [s for _, s in st.add_many([build(names[0])])] == [False]
        st.close()


def test_records_made_once_before_reading(tmp_path):
    st = Store(tmp_path / "r.db")
    for n in sorted(EVENTS):
        st.add(build(n))
    with st.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(link_dirty)).scalar() > 0
    st.merged_events()
    with st.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(link_dirty)).scalar() == 0
    assert st.refresh_links() == 0
    st.close()
