"""Helpers for the hardening tests (``tests/test_hardening_*.py``): imported directly by them.

* :func:`write_corpus`: ``warta.bench.build_corpus`` articles written as ``.txt`` files.
* :func:`run_ingest` / :func:`start_ingest`: ``python -m warta.cli ingest`` in a subprocess.
* :func:`consistency_problems`: every orphan row, missing part and duplicate in a store (SQLite
  or PostgreSQL), as a list of messages (empty: consistent).
* :func:`doc_events`: each stored document's event records, keyed by ``doc``.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CLI = [sys.executable, "-m", "warta.cli"]


def write_corpus(folder: Path, n: int, seed: int = 0, start: int = 0) -> list[str]:
    """Write articles ``start..n-1`` of ``build_corpus(n, seed)`` into ``folder``; their file names."""
    from warta.bench import build_corpus

    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i, a in enumerate(build_corpus(n, seed=seed)):
        if i >= start:
            (folder / a.doc).write_text(a.text, encoding="utf-8")
            names.append(a.doc)
    return names


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def start_ingest(inputs: list[str | Path], db: str, *options: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([*CLI, "ingest", *map(str, inputs), "--db", db, *options], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=_env(), **kw)


def run_ingest(inputs: list[str | Path], db: str, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "ingest", *map(str, inputs), "--db", db], capture_output=True, text=True,
                          env=_env(), timeout=timeout)


def consistency_problems(store) -> list[str]:
    """What is wrong with the store's rows: orphans, documents without sentences, duplicates."""
    import sqlalchemy as sa

    if hasattr(store, "refresh_links"):  # canonical events and stories are made lazily: as any read does
        store.refresh_links()
    problems: list[str] = []
    with store.engine.connect() as conn:
        def count(sql: str) -> int:
            return conn.execute(sa.text(sql)).scalar() or 0

        insp = sa.inspect(conn)
        tables = set(insp.get_table_names())
        cols = {t: {c["name"] for c in insp.get_columns(t)} for t in tables}
        # rows pointing at a document or an event that is not there (every table, whichever
        # the schema version: link state tables included)
        for t in sorted(tables):
            if t == "documents" or t.startswith("documents_fts"):
                continue
            for col in ("doc_id", "of_doc_id", "first_doc_id"):
                if col in cols[t]:
                    n = count(f"SELECT count(*) FROM {t} WHERE {col} NOT IN (SELECT doc_id FROM documents)")
                    if n:
                        problems.append(f"{n} orphan row(s) in {t} ({col})")
            if "event_id" in cols[t] and t != "events":
                n = count(f"SELECT count(*) FROM {t} WHERE event_id NOT IN (SELECT id FROM events)")
                if n:
                    problems.append(f"{n} orphan row(s) in {t} (event_id)")
        # articles queued for linking (a newer schema links lazily) are left out of the link checks
        pending = "SELECT doc_id FROM link_pending" if "link_pending" in tables else "SELECT NULL WHERE 1 = 0"
        n = count("SELECT count(*) FROM mentions WHERE entity_id NOT IN (SELECT id FROM entities)")
        if n:
            problems.append(f"{n} mention(s) of a missing entity")
        n = count("SELECT count(*) FROM events WHERE (cluster IS NULL OR cluster NOT IN "
                  f"(SELECT id FROM canonical_events)) AND doc_id NOT IN ({pending})")
        if n:
            problems.append(f"{n} event(s) without their canonical event")
        n = count("SELECT count(*) FROM canonical_events WHERE id NOT IN "
                  "(SELECT cluster FROM events WHERE cluster IS NOT NULL)")
        if n:
            problems.append(f"{n} canonical event(s) with no report")
        n = count("SELECT count(*) FROM story_documents WHERE story_id NOT IN (SELECT id FROM stories)")
        if n:
            problems.append(f"{n} story_documents row(s) of a missing story")
        n = count("SELECT count(*) FROM stories WHERE id NOT IN (SELECT story_id FROM story_documents)")
        if n:
            problems.append(f"{n} stor(y/ies) without documents")
        # every document whole
        n = count("SELECT count(*) FROM documents WHERE doc_id NOT IN (SELECT doc_id FROM sentences)")
        if n:
            problems.append(f"{n} document(s) without sentences")
        n = count("SELECT count(*) FROM documents WHERE doc_id NOT IN (SELECT doc_id FROM story_documents) "
                  f"AND doc_id NOT IN ({pending})")
        if n:
            problems.append(f"{n} document(s) without a story")
        # duplicates
        n = count("SELECT count(*) FROM (SELECT doc FROM documents GROUP BY doc HAVING count(*) > 1) d")
        if n:
            problems.append(f"{n} doc key(s) stored more than once")
        n = count("SELECT count(*) FROM (SELECT doc_id, seq FROM events GROUP BY doc_id, seq HAVING count(*) > 1) d")
        if n:
            problems.append(f"{n} duplicate event position(s)")
        n = count("SELECT count(*) FROM (SELECT doc_id, sentence_start, sentence_end, type FROM events "
                  "GROUP BY doc_id, sentence_start, sentence_end, type HAVING count(*) > 1) d")
        if n:
            problems.append(f"{n} duplicate event(s) (same document, sentence and type)")
        # counters agree with the rows
        for r in conn.execute(sa.text(
                "SELECT e.id, e.documents, (SELECT count(DISTINCT m.doc_id) FROM mentions m WHERE m.entity_id = e.id) "
                "FROM entities e")):
            if r[1] != r[2]:
                problems.append(f"entity {r[0]}: documents={r[1]} but mentioned in {r[2]} document(s)")
                break
        for r in conn.execute(sa.text(
                "SELECT c.id, c.reports, (SELECT count(*) FROM events e WHERE e.cluster = c.id) FROM canonical_events c")):
            if r[1] != r[2]:
                problems.append(f"canonical event {r[0]}: reports={r[1]} but {r[2]} event(s) point at it")
                break
        for r in conn.execute(sa.text(
                "SELECT s.name, s.kind, s.documents, (SELECT count(*) FROM documents d WHERE "
                "(s.kind = 'outlet' AND d.source = s.name) OR (s.kind = 'wire' AND d.wire = s.name)) FROM sources s")):
            if r[2] != r[3]:
                problems.append(f"source {r[0]}/{r[1]}: documents={r[2]} but {r[3]} stored")
                break
    return problems


def doc_events(store, *, with_links: bool = True) -> dict[str, list[dict]]:
    """``doc`` -> its stored event records in order (without cluster/reports unless ``with_links``)."""
    out = {}
    if hasattr(store, "refresh_links"):
        store.refresh_links()
    with store.engine.connect() as conn:
        import sqlalchemy as sa

        keys = [r[0] for r in conn.execute(sa.text("SELECT doc FROM documents ORDER BY doc"))]
    for k in keys:
        evs = store.document(k)["events"]
        if not with_links:
            evs = [{f: v for f, v in e.items() if f not in ("cluster", "reports")} for e in evs]
        out[k] = evs
    return out


def doc_ids(store) -> dict[str, str]:
    """``doc`` -> ``doc_id`` of every stored document."""
    import sqlalchemy as sa

    with store.engine.connect() as conn:
        return {r[0]: r[1] for r in conn.execute(sa.text("SELECT doc, doc_id FROM documents"))}
