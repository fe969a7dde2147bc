"""Versioned schema migrations.

Each migration is a function of a connection, applied once, in order, inside one
transaction, and recorded in ``schema_version``. To change the schema, append a
migration; never edit one that has shipped.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from . import dialects
from .schema import metadata, schema_version


def _v1_initial(conn: Connection) -> None:
    """Documents, boilerplate, sentences, sources, entities, mentions, events, arguments; full-text search."""
    metadata.create_all(conn, tables=[t for t in metadata.sorted_tables if t.name != "schema_version"])
    dialects.create_search(conn)


def _v2_links(conn: Connection) -> None:
    """Cross-article linking: canonical events, blocking keys, stories, MinHash bands, near duplicates.

    Existing events are linked afterwards by ``Store.rebuild_links`` (the Store runs it when it
    finds a store with events but no canonical events)."""
    from .schema import LINK_TABLES

    metadata.create_all(conn, tables=LINK_TABLES, checkfirst=True)


def _v3_link_state(conn: Connection) -> None:
    """Incremental linking state: candidate keys with date spans, the first report of each cluster
    and the first document of each story, records to make again, articles to link.

    Links made by an older warta are dropped and every stored article is queued to be linked
    again (the Store does it when it opens: the result equals the old links)."""
    from .schema import (LINK_STATE_TABLES, canonical_events, document_bands, document_minhash, documents,
                         event_blocks, events, link_pending, near_duplicates, stories, story_documents)

    metadata.create_all(conn, tables=LINK_STATE_TABLES, checkfirst=True)
    for t in (event_blocks, canonical_events, stories, story_documents, near_duplicates, document_bands,
              document_minhash):
        conn.execute(t.delete())
    conn.execute(events.update().where(events.c.cluster.is_not(None)).values(cluster=None))
    conn.execute(link_pending.insert().from_select(["doc_id"], sa.select(documents.c.doc_id)))


def _v4_bounded_reads(conn: Connection) -> None:
    """Columns and indexes that let every read be answered in SQL with bounded memory: folded
    actor/recipient names and graph node keys, entity keys (names and aliases, folded), the
    actor -> recipient pairs of each event, event coordinates, an index for each sort key the
    API offers."""
    from .fold import fold
    from .schema import entities, entity_keys, event_arguments, event_pairs, events
    from .shared import coordinates, fold_pair

    have = {t: {c["name"] for c in sa.inspect(conn).get_columns(t)} for t in ("event_arguments", "events")}
    for table, column, kind in (("event_arguments", "fold", "TEXT"), ("event_arguments", "node", "VARCHAR(420)"),
                                ("events", "lat", "FLOAT"), ("events", "lon", "FLOAT")):
        if column not in have[table]:
            conn.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN {column} {kind}"))
    insp = sa.inspect(conn)
    named = {i["name"] for t in ("events", "event_arguments") for i in insp.get_indexes(t)}
    # (as SQL text: an sa.Index made here would attach itself to the shared metadata's tables)
    for name, table, columns in (("ix_events_confidence", "events", "confidence"),
                                 ("ix_event_arguments_node", "event_arguments", "node, event_id")):
        if name not in named:  # a store made by v1 of this warta has them already
            conn.execute(sa.text(f"CREATE INDEX {name} ON {table} ({columns})"))
    a = event_arguments
    conn.execute(a.update().where(a.c.node.is_(None)).values(node=sa.case(
        (a.c.entity_id.is_not(None), a.c.entity_id), (a.c.code.is_not(None), sa.literal("code:") + a.c.code),
        (sa.func.coalesce(a.c.name, a.c.text).is_not(None), sa.literal("name:") + sa.func.coalesce(a.c.name, a.c.text)),
        else_=sa.null())))
    for table in (entity_keys, event_pairs):
        if not insp.has_table(table.name):
            table.create(conn)
    rows = conn.execute(sa.select(event_arguments.c.id, event_arguments.c.name, event_arguments.c.text)
                        .where(event_arguments.c.fold.is_(None))).all()
    if rows:
        conn.execute(event_arguments.update().where(event_arguments.c.id == sa.bindparam("aid"))
                     .values(fold=sa.bindparam("f")), [{"aid": r[0], "f": fold_pair(r[1], r[2])} for r in rows])
    a, r = event_arguments.alias("a"), event_arguments.alias("r")
    pairs = (sa.select(a.c.event_id, a.c.node, r.c.node, events.c.type, events.c.quad_code).distinct()
             .select_from(a.join(r, r.c.event_id == a.c.event_id).join(events, events.c.id == a.c.event_id))
             .where(a.c.role == "actor", r.c.role == "recipient", a.c.node.is_not(None), r.c.node.is_not(None),
                    a.c.node != r.c.node))
    if conn.execute(sa.select(sa.func.count()).select_from(event_pairs)).scalar() == 0:
        conn.execute(event_pairs.insert().from_select(["event_id", "source", "target", "type", "quad_code"], pairs))
    keys = {(fold(k), r[0]) for r in conn.execute(sa.select(entities.c.id, entities.c.name, entities.c.aliases))
            for k in [r[1], *(r[2] or [])] if k}
    known = set(conn.execute(sa.select(entity_keys.c.key, entity_keys.c.entity_id)))
    if keys - known:
        conn.execute(entity_keys.insert(), [{"key": k[:400], "entity_id": e} for k, e in sorted(keys - known)])
    for rid, rec in conn.execute(sa.select(events.c.id, events.c.record)):
        lat, lon = coordinates(rec)
        if lat is not None:
            conn.execute(events.update().where(events.c.id == rid).values(lat=lat, lon=lon))


def _v5_anchored_links(conn: Connection) -> None:
    """Links that cannot chain: a report joins a canonical event only when it is compatible with
    the event's anchor, and an article's story is that of the canonical event its lede reports.
    Links made by an older warta were transitive chains: they are dropped and every stored article
    is queued to be linked again (the Store does it when it opens)."""
    from .schema import (canonical_events, cluster_state, documents, event_keys, events, link_dirty, link_pending,
                         near_duplicates, stories, story_documents, story_key_events, story_state)

    for t in (event_keys, cluster_state, canonical_events, story_state, story_key_events, stories, story_documents,
              near_duplicates, link_dirty, link_pending):
        conn.execute(t.delete())
    from .schema import document_bands, document_minhash

    for t in (document_bands, document_minhash):
        conn.execute(t.delete())
    conn.execute(events.update().where(events.c.cluster.is_not(None)).values(cluster=None))
    conn.execute(link_pending.insert().from_select(["doc_id"], sa.select(documents.c.doc_id)))


def _v6_admin1(conn: Connection) -> None:
    """The event place's first-level division (``event_loc.admin1_code``) as a column, so that the
    map's events-by-province counts are a ``GROUP BY``; filled from the stored records."""
    from .schema import events
    from .shared import admin1_of

    if "admin1" not in {c["name"] for c in sa.inspect(conn).get_columns("events")}:
        conn.execute(sa.text("ALTER TABLE events ADD COLUMN admin1 VARCHAR(16)"))
    if "ix_events_admin1" not in {i["name"] for i in sa.inspect(conn).get_indexes("events")}:
        conn.execute(sa.text("CREATE INDEX ix_events_admin1 ON events (admin1)"))
    rows = [{"eid": rid, "a1": a1} for rid, rec in conn.execute(sa.select(events.c.id, events.c.record))
            if (a1 := admin1_of(rec))]
    if rows:
        conn.execute(events.update().where(events.c.id == sa.bindparam("eid")).values(admin1=sa.bindparam("a1")), rows)


MIGRATIONS: list[tuple[int, Callable[[Connection], None]]] = [
    (1, _v1_initial),
    (2, _v2_links),
    (3, _v3_link_state),
    (4, _v4_bounded_reads),
    (5, _v5_anchored_links),
    (6, _v6_admin1),
]

LATEST = MIGRATIONS[-1][0]


def current_version(conn: Connection) -> int:
    if not sa.inspect(conn).has_table("schema_version"):
        return 0
    v = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
    return int(v or 0)


def migrate(engine: Engine) -> int:
    """Bring the database to the latest schema; returns the version it is at."""
    with engine.begin() as conn:
        schema_version.create(conn, checkfirst=True)
        have = current_version(conn)
        if have > LATEST:
            from ..errors import StoreError

            raise StoreError(f"the store's schema (version {have}) is newer than this warta (version {LATEST}): upgrade warta")
        for version, fn in MIGRATIONS:
            if version > have:
                fn(conn)
                conn.execute(schema_version.insert().values(version=version, applied_at=dt.datetime.now(dt.timezone.utc).isoformat()))
                have = version
    return have
