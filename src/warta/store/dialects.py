"""Everything that differs between database dialects, in one place.

* SQLite: WAL journal, foreign keys on, a busy timeout; full-text search in an FTS5 table.
* PostgreSQL: full-text search with a GIN index over ``to_tsvector`` (``indonesian`` when the
  server has that configuration, else ``simple``).
* Anything else SQLAlchemy speaks: search falls back to ``LIKE``.
* Every dialect: JSON columns written and read with orjson.
"""
from __future__ import annotations

import json
import re

import orjson as _orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from .schema import documents


def configure(engine: Engine) -> None:
    """Per-connection settings: SQLite pragmas; on PostgreSQL, NUL characters in parameters become U+FFFD."""
    if engine.dialect.name == "sqlite":

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # pragma: no cover - exercised by every SQLite test
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()
    elif engine.dialect.name == "postgresql":

        @sa.event.listens_for(engine, "before_cursor_execute", retval=True)
        def _no_nul(conn, cursor, statement, parameters, context, executemany):
            # PostgreSQL text cannot hold NUL (SQLite can): store and look up U+FFFD instead, which
            # keeps every character offset (and the content hash, made before) as it was.
            if executemany and isinstance(parameters, (list, tuple)):
                return statement, [_strip_nul(p) for p in parameters]
            return statement, _strip_nul(parameters)


def json_dumps(value) -> str:
    """JSON columns' text: orjson (several times faster than ``json``); what it refuses (integers
    beyond 64 bits, keys that are not strings) goes through ``json`` as before."""
    try:
        return _orjson.dumps(value).decode()
    except TypeError:
        return json.dumps(value)


def json_loads(text):
    """Read a JSON column; text that orjson refuses (``NaN``, which ``json`` wrote in older stores)
    goes through ``json``."""
    try:
        return _orjson.loads(text)
    except _orjson.JSONDecodeError:
        return json.loads(text)


def statement_timeout(engine: Engine, seconds: float) -> None:
    """Stop any one statement of ``engine`` that runs longer than ``seconds`` (the server sets
    this): PostgreSQL's ``statement_timeout``; on SQLite a progress handler that interrupts the
    statement once its deadline has passed (the deadline is set as each statement starts and
    covers the fetching of its rows, where SQLite does most of its work)."""
    import time

    if engine.dialect.name == "sqlite":

        @sa.event.listens_for(engine, "before_cursor_execute")
        def _deadline(conn, cursor, statement, parameters, context, executemany):
            info = conn.connection.info
            state = info.get("warta_deadline")
            if state is None:
                state = info["warta_deadline"] = [0.0]
                conn.connection.dbapi_connection.set_progress_handler(
                    lambda: int(time.monotonic() > state[0]), PROGRESS_STEPS)
            state[0] = time.monotonic() + seconds
    elif engine.dialect.name == "postgresql":

        @sa.event.listens_for(engine, "connect")
        def _pg_timeout(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute(f"SET statement_timeout = {max(1, int(seconds * 1000))}")
            cur.close()
            dbapi_conn.commit()

        engine.dispose()  # connections made before this have no timeout: make them again


#: SQLite virtual-machine steps between two looks at a statement's deadline
PROGRESS_STEPS = 20_000


def is_timeout(exc: BaseException) -> bool:
    """Whether a database error is a statement stopped by :func:`statement_timeout`."""
    text = str(getattr(exc, "orig", exc)).lower()
    return "interrupted" in text or "statement timeout" in text


def _strip_nul(params):
    if isinstance(params, dict):
        if any(isinstance(v, str) and "\x00" in v for v in params.values()):
            return {k: v.replace("\x00", "\ufffd") if isinstance(v, str) else v for k, v in params.items()}
        return params
    if isinstance(params, (list, tuple)) and any(isinstance(v, str) and "\x00" in v for v in params):
        return type(params)(v.replace("\x00", "\ufffd") if isinstance(v, str) else v for v in params)
    return params


def pg_text_search_config(conn: Connection) -> str:
    """``indonesian`` when the PostgreSQL server has that text search configuration, else ``simple``.

    Asked once per pooled connection (the answer is kept in the connection's ``info``).
    """
    cached = conn.info.get("warta_ts_config")
    if cached is None:
        found = conn.execute(sa.text("SELECT 1 FROM pg_catalog.pg_ts_config WHERE cfgname = 'indonesian'")).first()
        cached = conn.info["warta_ts_config"] = "indonesian" if found else "simple"
    return cached


_pg_config = pg_text_search_config  # the old private name


def create_search(conn: Connection) -> None:
    """Create the full-text index over document titles and bodies."""
    name = conn.dialect.name
    if name == "sqlite":
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
            "doc_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
    elif name == "postgresql":
        cfg = pg_text_search_config(conn)
        conn.exec_driver_sql(
            f"CREATE INDEX IF NOT EXISTS documents_fts ON documents USING GIN "
            f"(to_tsvector('{cfg}', coalesce(title, '') || ' ' || text))"
        )


def index_document(conn: Connection, doc_id: str, title: str | None, body: str) -> None:
    """Add one document to the full-text index (PostgreSQL indexes the row itself)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "INSERT INTO documents_fts (doc_id, title, body) VALUES (?, ?, ?)", (doc_id, title or "", body)
        )


def unindex_document(conn: Connection, doc_id: str) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("DELETE FROM documents_fts WHERE doc_id = ?", (doc_id,))


_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)


def _fts5_query(q: str) -> str:
    """A user's words as an FTS5 query: every word must occur (quoted, so no syntax leaks in)."""
    words = _FTS_TOKEN.findall(q)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


#: where the database marks a match in a snippet: private-use characters, which no article's
#: text is taken to hold (brackets were ambiguous: ``[`` in the text read as a marker)
MARK_START, MARK_END = "\ue000", "\ue001"


def _marked(raw: str | None) -> dict:
    """A snippet with the database's match markers as plain text plus ``marks``: (start, end) offsets into it."""
    if raw is None:
        return {"snippet": None, "marks": []}
    text, marks, start = [], [], None
    n = 0
    for ch in raw:
        if ch == MARK_START:
            start = n
        elif ch == MARK_END:
            if start is not None and n > start:
                marks.append([start, n])
            start = None
        else:
            text.append(ch)
            n += 1
    return {"snippet": "".join(text), "marks": marks}


def search(conn: Connection, q: str, limit: int = 20, offset: int = 0) -> list[dict]:
    """Documents matching the words of ``q``, best first: doc_id, doc, title, snippet, marks (the
    matched words' offsets in the snippet), rank."""
    name = conn.dialect.name
    if not _FTS_TOKEN.search(q or ""):
        return []
    if name == "sqlite":
        rows = conn.exec_driver_sql(
            "SELECT f.doc_id, d.doc, d.title, snippet(documents_fts, 2, '\ue000', '\ue001', ' … ', 12) AS snip, "
            "bm25(documents_fts) AS rank FROM documents_fts f JOIN documents d ON d.doc_id = f.doc_id "
            "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
            (_fts5_query(q), limit, offset),
        ).all()
        return [dict(doc_id=r[0], doc=r[1], title=r[2], **_marked(r[3]), rank=float(r[4])) for r in rows]
    if name == "postgresql":
        cfg = pg_text_search_config(conn)
        # the words alone (as FTS5 gets them): every word must occur, no NUL byte reaches the server
        words = " ".join(_FTS_TOKEN.findall(q))
        vec = f"to_tsvector('{cfg}', coalesce(title, '') || ' ' || text)"
        rows = conn.execute(
            sa.text(
                f"SELECT doc_id, doc, title, ts_headline('{cfg}', text, plainto_tsquery('{cfg}', :q), "
                f"'StartSel=\ue000,StopSel=\ue001,MaxWords=24,MinWords=8') AS snip, "
                f"ts_rank({vec}, plainto_tsquery('{cfg}', :q)) AS rank FROM documents "
                f"WHERE {vec} @@ plainto_tsquery('{cfg}', :q) ORDER BY rank DESC LIMIT :limit OFFSET :offset"
            ),
            {"q": words, "limit": limit, "offset": offset},
        ).all()
        return [dict(doc_id=r[0], doc=r[1], title=r[2], **_marked(r[3]), rank=float(r[4])) for r in rows]
    words = _FTS_TOKEN.findall(q)
    cond = sa.and_(*[documents.c.text.ilike(f"%{w}%") for w in words])
    rows = conn.execute(
        sa.select(documents.c.doc_id, documents.c.doc, documents.c.title).where(cond).limit(limit).offset(offset)
    ).all()
    return [dict(doc_id=r[0], doc=r[1], title=r[2], snippet=None, marks=[], rank=0.0) for r in rows]
