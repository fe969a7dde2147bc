"""Database fixtures: run a test against SQLite *and* PostgreSQL.

Registered by the global conftest (``pytest_plugins = ["fixtures_db"]``).

* ``db_url``: a SQLAlchemy URL to a fresh, empty store, parametrized ``[sqlite]`` and
  ``[postgresql]``. The PostgreSQL run needs a server: ``eval "$(.ci/install-postgres.sh --export)"``
  sets ``$WARTA_TEST_PG_URL``; without it the ``[postgresql]`` runs are skipped (and say why).
  Each PostgreSQL test gets its own schema (``search_path`` set in the URL), dropped afterwards,
  so tests never see each other's rows and can run in any order.
* ``db_store``: a :class:`warta.Store` opened on ``db_url``, closed afterwards.
* ``pg_url``: the PostgreSQL URL alone (skips without a server), for PostgreSQL-only tests.

Select one dialect with ``-k sqlite`` or ``-k postgresql``.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

PG_ENV = "WARTA_TEST_PG_URL"
DIALECTS = ("sqlite", "postgresql")


def _pg_base_url() -> str | None:
    url = os.environ.get(PG_ENV, "").strip()
    return url or None


def _skip_reason() -> str:
    return (f"PostgreSQL tests need ${PG_ENV} (a postgresql+psycopg:// URL); "
            f"run: eval \"$(.ci/install-postgres.sh --export)\"")


def _fresh_pg_schema(base: str) -> Iterator[str]:
    """A uniquely named schema on the test server; the URL that makes it the search path."""
    import sqlalchemy as sa

    try:
        import psycopg  # noqa: F401
    except ImportError:  # pragma: no cover - depends on the environment
        pytest.skip("PostgreSQL tests need psycopg 3: pip install 'warta[postgres]'")
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(base, poolclass=sa.pool.NullPool)
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    except Exception as e:
        admin.dispose()
        pytest.fail(f"${PG_ENV} is set but the server cannot be used: {e}")
    url = sa.engine.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql("SET LOCAL lock_timeout = '20s'")  # a leaked open transaction fails loudly
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture(params=DIALECTS)
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A URL to a fresh, empty database: SQLite in ``tmp_path``, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    base = _pg_base_url()
    if base is None:
        pytest.skip(_skip_reason())
    yield from _fresh_pg_schema(base)


@pytest.fixture
def pg_url(tmp_path) -> Iterator[str]:
    """A fresh PostgreSQL schema's URL (skips without ``$WARTA_TEST_PG_URL``)."""
    base = _pg_base_url()
    if base is None:
        pytest.skip(_skip_reason())
    yield from _fresh_pg_schema(base)


@pytest.fixture
def db_store(db_url: str):
    """A fresh :class:`warta.Store` on every dialect of ``db_url``."""
    from warta.store.store import Store

    s = Store(db_url)
    yield s
    s.close()


def dump_store(store) -> dict[str, list[tuple]]:
    """Every row of every table as sorted tuples, comparable across runs and dialects.

    Left out: times of ingestion and migration, and autoincrement ids (they depend on the
    order articles were stored in); JSON values are compared as canonical JSON text.
    """
    import json

    import sqlalchemy as sa

    from warta.store.schema import metadata

    out = {}
    with store.engine.connect() as conn:
        for t in metadata.sorted_tables:
            if t.name == "schema_version":
                continue
            cols = [c for c in t.c if c.name != "ingested_at"
                    and not (c.name == "id" and t.name in ("boilerplate", "mentions", "event_arguments"))]
            rows = conn.execute(sa.select(*cols)).all()
            out[t.name] = sorted((tuple(json.dumps(v, sort_keys=True, ensure_ascii=False)
                                        if isinstance(v, (dict, list)) else v for v in r) for r in rows), key=repr)
    return out


@pytest.fixture
def store_rows():
    """``store_rows(store)``: :func:`dump_store`, as a fixture."""
    return dump_store
