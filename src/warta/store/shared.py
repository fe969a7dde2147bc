"""What the store's parts share: the row-level helpers of reads and writes, the write lock, and
the limits and sort orders of listings (``store``)."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .fold import fold
from .schema import documents, events


def _with_cluster(rec: dict[str, Any], cluster: str | None, reports: int | None) -> dict[str, Any]:
    """An event record with its canonical event's id (``cluster``) and report count (``reports``)."""
    if cluster is None:
        return rec
    return {**rec, "cluster": cluster, "reports": reports}


_PG_WRITE_LOCK = 0x77617274  # "wart"


def _write_lock(conn: Connection) -> None:
    """Serialize the store's writers (storing and linking read what earlier writers linked): on
    PostgreSQL a transaction-level advisory lock; on SQLite the write lock taken up front
    (``BEGIN IMMEDIATE``), so that a transaction that reads before it writes, as a batch of
    articles does, never finds another writer between its read and its first write (SQLite would
    answer that with a busy error at once instead of waiting)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_WRITE_LOCK})
    elif conn.dialect.name == "sqlite":
        raw = conn.connection.dbapi_connection
        if raw is not None and not raw.in_transaction:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def _reports_of_cluster():
    """How many reports the event's canonical event has (counted on the ``events.cluster`` index,
    so listing events needs no canonical record made)."""
    e2 = events.alias("e2")
    return sa.select(sa.func.count()).select_from(e2).where(e2.c.cluster == events.c.cluster).scalar_subquery()


#: precision of a publication date: a copy with a more precise one replaces the stored copy
_DATE_RANK = {"day": 3, "month": 2, "year": 1}


def _escape_like(s: str) -> str:
    """``s`` with LIKE's wildcards taken literally (escape character: backslash)."""
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


#: documents and mentions listed with one entity (the rest are counted in ``documents``/``mentions``)
MAX_ENTITY_ROWS = 500


#: event records read at a time (pages, downloads, exports)
READ_CHUNK = 500


#: search hits an event filter ``q`` looks at (the best-ranked articles)
MAX_SEARCH_HITS = 10_000


#: the orders :meth:`Store.events` offers, each backed by an index or the primary key
ORDERS = {
    "date": (events.c.date.is_(None), events.c.date, documents.c.doc, events.c.seq),
    "-date": (events.c.date.is_(None), events.c.date.desc(), documents.c.doc, events.c.seq),
    "doc": (documents.c.doc, events.c.seq),
    "type": (events.c.type, events.c.date.is_(None), events.c.date, documents.c.doc, events.c.seq),
    "confidence": (events.c.confidence.is_(None), events.c.confidence, documents.c.doc, events.c.seq),
    "-confidence": (events.c.confidence.is_(None), events.c.confidence.desc(), documents.c.doc, events.c.seq),
}


def _argument_matches(a, val: str):
    """An actor/recipient argument known as ``val``: entity id, country code, or a folded substring
    of its name or surface text (wildcards literal). A NUL matches nothing (SQLite would end the
    pattern there and match everything)."""
    if "\x00" in val:
        return sa.false()
    like = f"%{_escape_like(fold(val))}%"
    return sa.or_(a.c.fold.like(like, escape="\\"), a.c.code == val.upper(), a.c.entity_id == val)


def _arg_dict(name, text, code, sector, entity_id) -> dict[str, Any]:
    return {"identifier_text": name, "entity_text": text, "code": code, "sector": sector, "entity_id": entity_id}


# ------------------------------------------------ record -> columns (writes and migration v4)
def fold_pair(name: str | None, text: str | None) -> str:
    """What an actor/recipient filter matches: the folded name and surface text, apart."""
    return f"{fold(name)}\x1f{fold(text)}"


def node_of(arg: dict) -> str | None:
    """How the actor graph knows an actor/recipient argument: entity id, else ``code:XXX``, else
    ``name:`` and its name (or surface text). The store's ``node`` column and the graph built
    from records (``warta.serve.aggregate``) both use it."""
    if arg.get("entity_id"):
        return str(arg["entity_id"])
    if arg.get("code"):
        return "code:" + str(arg["code"])
    name = arg.get("identifier_text") or arg.get("entity_text")
    return "name:" + str(name) if name else None


def coordinates(rec: dict) -> tuple[float | None, float | None]:
    """The event place's (lat, lon) from a record, when both are there and valid."""
    loc = rec.get("event_loc") if isinstance(rec, dict) else None
    try:
        lat, lon = float(loc["lat"]), float(loc["lon"])
    except (TypeError, KeyError, ValueError):
        return None, None
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else (None, None)


def admin1_of(rec: dict) -> str | None:
    """The event place's first-level division from a record (``event_loc.admin1_code``, GeoNames'
    code after the country's: ``IDN.04``), when it has one."""
    loc = rec.get("event_loc") if isinstance(rec, dict) else None
    code = loc.get("admin1_code") if isinstance(loc, dict) else None
    return code if isinstance(code, str) and 0 < len(code) <= 16 else None
