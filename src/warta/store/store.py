"""The store: analysed documents, their entities and events, in SQLite or PostgreSQL.

``Store()`` opens the default SQLite file (``$WARTA_DB`` or ``./warta.db``); ``Store(url)``
takes any SQLAlchemy URL or a plain file path. Every article is written in one
transaction (``add``), or a batch of them (``add_batch``, with the same result): it is stored
whole or not at all, and storing it again changes nothing.

Its methods are grouped by concern: ``writes`` (storing an article), ``queries`` (reading),
``links`` (linking across articles and reading the links); ``shared`` holds what they share.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from . import dialects
from ..errors import StoreError
from .links import _Links
from .migrations import migrate
from .queries import _Queries
from .schema import documents
from .writes import _Writes

DEFAULT_DB = "warta.db"


def resolve_url(url: str | os.PathLike | None) -> str:
    """A SQLAlchemy URL from a URL, a file path or None (``$WARTA_DB`` or ``./warta.db``)."""
    if url is None:
        url = os.environ.get("WARTA_DB") or DEFAULT_DB
    url = str(url)
    if "://" in url:
        return url
    return f"sqlite:///{Path(url).expanduser().absolute()}"


def _migrate_with_retry(engine, attempts: int = 5) -> int:
    """Migrate; when another process is creating the same store at that moment, wait and read again."""
    import time

    for i in range(attempts):
        try:
            return migrate(engine)
        except StoreError:
            raise
        except Exception:
            if i == attempts - 1:
                raise
            time.sleep(0.2 * (i + 1))
    raise AssertionError("unreachable")


def _must_exist(url: str) -> None:
    """For a reader: a SQLite file that is not there is an error, not a new empty store."""
    u = sa.engine.make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return
    if not Path(u.database).exists():
        raise StoreError(f"no store at {u.database}: ingest articles into it first "
                         f"(warta ingest FILES --db {u.database}), or give --db / $WARTA_DB")


class Store(_Writes, _Queries, _Links):
    """A warta database. Use as a context manager or call :meth:`close`."""

    def __init__(self, url: str | os.PathLike | None = None, *, echo: bool = False, create: bool = True):
        self.url = resolve_url(url)
        if not create:
            _must_exist(self.url)
        try:
            kwargs: dict[str, Any] = {"echo": echo, "future": True, "json_serializer": dialects.json_dumps,
                                      "json_deserializer": dialects.json_loads}
            if self.url.startswith("sqlite"):
                kwargs["connect_args"] = {"timeout": 30}
            self.engine: Engine = sa.create_engine(self.url, **kwargs)
            dialects.configure(self.engine)
            self.version = _migrate_with_retry(self.engine)
            self._maybe_pending = True  # articles queued by an earlier process (a crash): linked now
            self._needs_rebuild = False  # a replaced copy waits for the end of its batch
            self._link_unlinked()
        except StoreError:
            raise
        except Exception as e:  # bad URL, unreachable server, unwritable file
            raise StoreError(f"cannot open the store at {self._safe_url()}: {e}") from e

    def _safe_url(self) -> str:
        try:
            return sa.engine.make_url(self.url).render_as_string(hide_password=True)
        except Exception:
            return "<unparseable URL>"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def has(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(documents.c.doc_id).where(documents.c.doc_id == doc_id)).first() is not None
