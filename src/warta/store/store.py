"""The store: analysed documents, their entities and events, in SQLite or PostgreSQL.

``Store()`` opens the default SQLite file (``$WARTA_DB`` or ``./warta.db``); ``Store(url)``
takes any SQLAlchemy URL or a plain file path. Every article is written in one
transaction: it is stored whole or not at all, and storing it again changes nothing.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..errors import NotFoundError, StoreError
from ..filters import check_filters
from ..model import Document
from . import dialects
from .fold import fold
from .migrations import coordinates, fold_pair, migrate, node_of
from .schema import (boilerplate, canonical_events, documents, entities, entity_keys, event_arguments, event_pairs, events,
                     link_dirty, link_pending, mentions, near_duplicates, sentences, sources, stories, story_documents)

DEFAULT_DB = "warta.db"


def resolve_url(url: str | os.PathLike | None) -> str:
    """A SQLAlchemy URL from a URL, a file path or None (``$WARTA_DB`` or ``./warta.db``)."""
    if url is None:
        url = os.environ.get("WARTA_DB") or DEFAULT_DB
    url = str(url)
    if "://" in url:
        return url
    return f"sqlite:///{Path(url).expanduser().absolute()}"


def _with_cluster(rec: dict[str, Any], cluster: str | None, reports: int | None) -> dict[str, Any]:
    """An event record with its canonical event's id (``cluster``) and report count (``reports``)."""
    if cluster is None:
        return rec
    return {**rec, "cluster": cluster, "reports": reports}


_PG_WRITE_LOCK = 0x77617274  # "wart"


def _write_lock(conn: Connection) -> None:
    """Serialize the store's writers (storing and linking read what earlier writers linked): on
    PostgreSQL a transaction-level advisory lock; SQLite has one writer at a time already."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_WRITE_LOCK})


def _reports_of_cluster():
    """How many reports the event's canonical event has (counted on the ``events.cluster`` index,
    so listing events needs no canonical record made)."""
    e2 = events.alias("e2")
    return sa.select(sa.func.count()).select_from(e2).where(e2.c.cluster == events.c.cluster).scalar_subquery()


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


class Store:
    """A warta database. Use as a context manager or call :meth:`close`."""

    def __init__(self, url: str | os.PathLike | None = None, *, echo: bool = False, create: bool = True):
        self.url = resolve_url(url)
        if not create:
            _must_exist(self.url)
        try:
            kwargs: dict[str, Any] = {"echo": echo, "future": True}
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

    # ------------------------------------------------------------------ writing
    def has(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(documents.c.doc_id).where(documents.c.doc_id == doc_id)).first() is not None

    def add(self, document: Document, origin: str | None = None, *, link: bool = True) -> bool:
        """Store one analysed document in one transaction; False when it was already there.

        The same text given again with a more precise publication date (a JSONL record's
        ``published`` for an article first read from a bare text file that only had a copyright
        year) replaces the stored copy, whose events were dated against the vaguer date, and the
        links are rebuilt (:meth:`rebuild_links`, at once, or after the batch for ``add_many``).

        With ``link`` (the default) the document is linked (canonical events, near duplicates,
        story) in the same transaction; without, it is queued (``link_pending``) and linked by
        :meth:`link_pending`, the next ``add`` that links, or the next open."""
        if link and self._maybe_pending:
            self._link_pending_if_any()
        replaced = False
        try:
            with self.engine.begin() as conn:
                _write_lock(conn)
                old = conn.execute(sa.select(documents.c.published_granularity)
                                   .where(documents.c.doc_id == document.doc_id)).first()
                if old is not None:
                    if _DATE_RANK.get(document.published.granularity, 0) <= _DATE_RANK.get(old[0], 0):
                        return False
                    self._delete(conn, document.doc_id)
                    replaced = True
                self._insert(conn, document, origin)
                if link and not replaced:
                    self._link(conn, document.doc_id, document.text[document.body[0]:document.body[1]])
                else:
                    conn.execute(link_pending.insert().values(doc_id=document.doc_id))
                    self._maybe_pending = True
        except sa.exc.IntegrityError:
            if self.has(document.doc_id):  # another process stored it at the same time
                return False
            raise
        if replaced:
            if link:
                self.rebuild_links()
            else:
                self._needs_rebuild = True
        return True

    def _delete(self, conn: Connection, doc_id: str) -> None:
        """Remove one document and all that hangs on it (the links are rebuilt afterwards; until
        then the canonical events it reported are made again without its reports)."""
        from ..fuse.merge import mark_dirty

        mark_dirty(conn, "c", [r[0] for r in conn.execute(
            sa.select(events.c.cluster).distinct().where(events.c.doc_id == doc_id, events.c.cluster.is_not(None)))])
        counts = conn.execute(sa.select(mentions.c.entity_id, sa.func.count()).where(mentions.c.doc_id == doc_id)
                              .group_by(mentions.c.entity_id)).all()
        if counts:
            conn.execute(entities.update().where(entities.c.id == sa.bindparam("eid")).values(
                mentions=entities.c.mentions - sa.bindparam("n"), documents=entities.c.documents - 1),
                [dict(eid=e, n=n) for e, n in counts])
        row = conn.execute(sa.select(documents.c.source, documents.c.wire).where(documents.c.doc_id == doc_id)).one()
        for kind, name in (("outlet", row.source), ("wire", row.wire)):
            if name:
                conn.execute(sources.update().where(sa.and_(sources.c.name == name, sources.c.kind == kind))
                             .values(documents=sources.c.documents - 1))
        dialects.unindex_document(conn, doc_id)
        conn.execute(documents.delete().where(documents.c.doc_id == doc_id))

    def add_many(self, docs: Iterable[Document], *, batch: int = 64) -> Iterator[tuple[Document, bool]]:
        """Store documents one transaction each (each stored whole or not at all); yields (document,
        stored?). Linking is done once per ``batch`` documents, in one transaction; documents stored
        but not linked yet (a crash in between) are linked on the next open or add."""
        n = 0
        try:
            for d in docs:
                stored = self.add(d, link=False)
                n += stored
                if n >= batch:
                    self.flush_links()
                    n = 0
                yield d, stored
        finally:
            if n or self._needs_rebuild:
                self.flush_links()

    def flush_links(self) -> None:
        """Link what ``add(link=False)`` queued: the queued documents, or the whole store again
        when a stored copy was replaced (its old reports may have joined other events)."""
        if self._needs_rebuild:
            self._needs_rebuild = False
            self.rebuild_links()
        else:
            self.link_pending()

    def _insert(self, conn: Connection, d: Document, origin: str | None) -> None:
        pub = d.published
        conn.execute(documents.insert().values(
            doc_id=d.doc_id, doc=d.doc, language=d.language, title=d.title, source=d.source, wire=d.wire,
            dateline=d.dateline, url=d.url, published=pub.value, published_granularity=pub.granularity,
            published_origin=pub.origin, body_start=d.body[0], body_end=d.body[1], text=d.text,
            flags=list(d.flags), origin=origin or d.origin, ingested_at=dt.datetime.now(dt.timezone.utc).isoformat(),
        ))
        if d.boilerplate:
            conn.execute(boilerplate.insert(), [
                dict(doc_id=d.doc_id, kind=b.kind, start=b.start, end=b.end, value=b.value) for b in d.boilerplate
            ])
        if d.sentences:
            conn.execute(sentences.insert(), [
                dict(doc_id=d.doc_id, seq=i, start=s.start, end=s.end) for i, s in enumerate(d.sentences)
            ])
        for kind, name in (("outlet", d.source), ("wire", d.wire)):
            if name:
                self._bump_source(conn, name, kind)
        self._upsert_entities(conn, d.entities)
        mention_rows = [dict(doc_id=d.doc_id, entity_id=e.id, start=m.start, end=m.end, text=m.text)
                        for e in d.entities for m in e.mentions]
        if mention_rows:
            conn.execute(mentions.insert(), mention_rows)
        seen: set[str] = set()
        event_rows, args = [], []
        for i, rec in enumerate(d.events):
            if rec["id"] in seen:
                continue
            seen.add(rec["id"])
            ti = rec.get("text_info") or {}
            loc = rec.get("event_loc") or {}
            lat, lon = coordinates(rec)
            event_rows.append(dict(
                id=rec["id"], doc_id=d.doc_id, seq=i, type=(rec.get("event") or ["?"])[0],
                mode=(rec.get("mode") or [None])[0], date=rec.get("date"),
                date_granularity=(rec.get("date_info") or {}).get("granularity"),
                modality=rec.get("modality") or "asserted", location=loc.get("placename"),
                location_code=loc.get("country_code3"), quad_code=rec.get("quad_code"),
                sentence_start=ti.get("start", 0), sentence_end=ti.get("end", 0),
                confidence=rec.get("confidence"), lat=lat, lon=lon, cluster=rec.get("cluster"), record=rec,
            ))
            for role in ("actor", "recipient"):
                for pos, a in enumerate(rec.get(role) or []):
                    args.append(dict(event_id=rec["id"], role=role, position=pos, entity_id=a.get("entity_id"),
                                     name=a.get("identifier_text"), code=a.get("code"), sector=a.get("sector"),
                                     text=a.get("entity_text"),
                                     fold=fold_pair(a.get("identifier_text"), a.get("entity_text")), node=node_of(a)))
        if event_rows:
            conn.execute(events.insert(), event_rows)
        if args:
            conn.execute(event_arguments.insert(), args)
        sides: dict[str, tuple[set, set]] = {r["id"]: (set(), set()) for r in event_rows}
        for a in args:
            if a["node"]:
                sides[a["event_id"]][a["role"] == "recipient"].add(a["node"])
        pairs = [dict(event_id=r["id"], source=src, target=tgt, type=r["type"], quad_code=r["quad_code"])
                 for r in event_rows for src in sorted(sides[r["id"]][0]) for tgt in sorted(sides[r["id"]][1]) if src != tgt]
        if pairs:
            conn.execute(event_pairs.insert(), pairs)
        body = d.text[d.body[0]:d.body[1]]
        dialects.index_document(conn, d.doc_id, d.title, body)

    @staticmethod
    def _bump_source(conn: Connection, name: str, kind: str) -> None:
        cond = sa.and_(sources.c.name == name, sources.c.kind == kind)
        if not conn.execute(sources.update().where(cond).values(documents=sources.c.documents + 1)).rowcount:
            conn.execute(sources.insert().values(name=name, kind=kind, documents=1))

    @staticmethod
    def _upsert_entities(conn: Connection, ents) -> None:
        """Insert the article's new entities and merge aliases and counts into known ones (one read)."""
        if not ents:
            return
        known = {r["id"]: r for r in conn.execute(
            sa.select(entities).where(entities.c.id.in_([e.id for e in ents]))).mappings()}
        new_rows, updates = [], []
        for e in ents:
            forms = [e.name, *e.aliases, *(m.text for m in e.mentions)]
            row = known.get(e.id)
            if row is None:
                new_rows.append(dict(
                    id=e.id, name=e.name, type=e.type, code=e.code, sector=e.sector, wikidata=e.wikidata,
                    aliases=sorted({f for f in forms if f and f != e.name}), mentions=len(e.mentions), documents=1,
                ))
                continue
            aliases = sorted(set(row["aliases"] or []) | {f for f in forms if f and f != row["name"]})
            updates.append(dict(
                eid=e.id, aliases=aliases, mentions=row["mentions"] + len(e.mentions), documents=row["documents"] + 1,
                code=row["code"] or e.code, sector=row["sector"] or e.sector, wikidata=row["wikidata"] or e.wikidata,
            ))
        keys = {(fold(f)[:400], e.id) for e in ents for f in [e.name, *e.aliases, *(m.text for m in e.mentions)] if f}
        known_keys = set(conn.execute(sa.select(entity_keys.c.key, entity_keys.c.entity_id).where(
            entity_keys.c.entity_id.in_([e.id for e in ents]))))
        if updates:
            conn.execute(entities.update().where(entities.c.id == sa.bindparam("eid")).values(
                aliases=sa.bindparam("aliases"), mentions=sa.bindparam("mentions"), documents=sa.bindparam("documents"),
                code=sa.bindparam("code"), sector=sa.bindparam("sector"), wikidata=sa.bindparam("wikidata")), updates)
        if new_rows:
            conn.execute(entities.insert(), new_rows)
        if keys - known_keys:
            conn.execute(entity_keys.insert(), [{"key": k, "entity_id": i} for k, i in sorted(keys - known_keys)])

    # ------------------------------------------------------------------ reading
    def count(self) -> dict[str, int]:
        """How many documents, events, entities and mentions the store holds."""
        with self.engine.connect() as conn:
            return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() or 0
                    for t in (documents, events, entities, mentions)}

    def documents(self, limit: int = 50, offset: int = 0, source: str | None = None) -> list[dict[str, Any]]:
        q = sa.select(documents.c.doc_id, documents.c.doc, documents.c.title, documents.c.source, documents.c.wire,
                      documents.c.dateline, documents.c.published, documents.c.language, documents.c.flags)
        if source:
            q = q.where(documents.c.source == source)
        q = q.order_by(documents.c.published.desc(), documents.c.doc).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    def _find_doc_id(self, conn: Connection, key: str) -> str:
        row = conn.execute(sa.select(documents.c.doc_id).where(
            sa.or_(documents.c.doc_id == key, documents.c.doc == key))).first()
        if row is None:
            raise NotFoundError("document", key)
        return row[0]

    def document(self, key: str) -> dict[str, Any]:
        """One document by content hash or ``doc`` key: its record of the documents format plus text and sentences."""
        with self.engine.connect() as conn:
            doc_id = self._find_doc_id(conn, key)
            d = dict(conn.execute(sa.select(documents).where(documents.c.doc_id == doc_id)).mappings().one())
            d["boilerplate"] = [dict(r) for r in conn.execute(
                sa.select(boilerplate.c.kind, boilerplate.c.start, boilerplate.c.end, boilerplate.c.value)
                .where(boilerplate.c.doc_id == doc_id).order_by(boilerplate.c.start)).mappings()]
            d["sentences"] = [dict(r) for r in conn.execute(
                sa.select(sentences.c.seq, sentences.c.start, sentences.c.end)
                .where(sentences.c.doc_id == doc_id).order_by(sentences.c.seq)).mappings()]
            d["entities"] = self._doc_entities(conn, doc_id)
            d["events"] = [_with_cluster(r[0], r[1], r[2]) for r in conn.execute(
                sa.select(events.c.record, events.c.cluster, _reports_of_cluster())
                .where(events.c.doc_id == doc_id).order_by(events.c.seq))]
        return d

    @staticmethod
    def _doc_entities(conn: Connection, doc_id: str) -> list[dict[str, Any]]:
        rows = conn.execute(
            sa.select(entities.c.id, entities.c.name, entities.c.type, entities.c.code, entities.c.sector,
                      entities.c.wikidata, mentions.c.start, mentions.c.end, mentions.c.text)
            .join(mentions, mentions.c.entity_id == entities.c.id)
            .where(mentions.c.doc_id == doc_id).order_by(mentions.c.start)
        ).mappings()
        out: dict[str, dict[str, Any]] = {}
        for r in rows:
            e = out.setdefault(r["id"], {k: r[k] for k in ("id", "name", "type", "code", "sector", "wikidata")}
                               | {"aliases": [], "mentions": []})
            e["mentions"].append({"text": r["text"], "start": r["start"], "end": r["end"]})
            if r["text"] != e["name"] and r["text"] not in e["aliases"]:
                e["aliases"].append(r["text"])
        return list(out.values())

    def document_records(self) -> Iterator[dict[str, Any]]:
        """Every stored document as a documents-format record (what ``warta export --format documents`` writes)."""
        with self.engine.connect() as conn:
            ids = [r[0] for r in conn.execute(sa.select(documents.c.doc_id).order_by(documents.c.doc))]
        for doc_id in ids:
            d = self.document(doc_id)
            yield {
                "doc": d["doc"], "doc_id": d["doc_id"], "language": d["language"], "title": d["title"],
                "source": d["source"], "wire": d["wire"], "dateline": d["dateline"], "url": d["url"],
                "published": {"value": d["published"], "granularity": d["published_granularity"],
                              "origin": d["published_origin"]},
                "body": {"start": d["body_start"], "end": d["body_end"]},
                "boilerplate": [{"kind": b["kind"], "start": b["start"], "end": b["end"],
                                 "text": d["text"][b["start"]:b["end"]], **({"value": b["value"]} if b["value"] else {})}
                                for b in d["boilerplate"]],
                "sentences": [{"start": s["start"], "end": s["end"]} for s in d["sentences"]],
                "entities": d["entities"], "events": d["events"], "flags": d["flags"],
            }

    def _conditions(self, *, actor: str | None = None, recipient: str | None = None, party: str | None = None,
                    other: str | None = None,
                    type: str | None = None, mode: str | None = None, country: str | None = None,
                    since: str | None = None, until: str | None = None, modality: str | None = None,
                    q: str | None = None, doc: str | None = None) -> list:
        """SQL conditions on ``events`` (joined to ``documents``) for the filters given.

        actor/recipient/party: a name or surface text (substring, case- and accent-folded, LIKE
        wildcards taken literally), a country code or an entity id; ``party`` and ``other`` in
        either role. A malformed filter (an unknown PLOVER type, a date that is not
        ``YYYY[-MM[-DD]]``, ...) raises :class:`~warta.errors.FilterError`."""
        f = check_filters(actor=actor, recipient=recipient, party=party, other=other, type=type, mode=mode,
                          country=country, since=since, until=until, modality=modality, q=q)
        actor, recipient, type, country = f["actor"], f["recipient"], f["type"], f["country"]
        conds = []
        for roles, val in ((("actor",), actor), (("recipient",), recipient), (("actor", "recipient"), party),
                           (("actor", "recipient"), other)):
            if val:  # one pass over the arguments, then events by key (no per-event subquery)
                conds.append(events.c.id.in_(sa.select(event_arguments.c.event_id).where(
                    event_arguments.c.role.in_(roles), _argument_matches(event_arguments, val))))
        if type:
            conds.append(events.c.type == type.upper())
        if mode:
            conds.append(events.c.mode == mode)
        if modality:
            conds.append(events.c.modality == modality)
        if country:
            a = event_arguments.alias()
            conds.append(sa.or_(events.c.location_code == country.upper(), sa.exists(
                sa.select(a.c.id).where(a.c.event_id == events.c.id, a.c.code == country.upper()))))
        if since:
            conds.append(events.c.date >= since)
        if until:
            conds.append(events.c.date <= until + "\uffff")
        if doc:
            conds.append(events.c.doc_id.in_(sa.select(documents.c.doc_id).where(
                sa.or_(documents.c.doc == doc, documents.c.doc_id == doc))))
        if q:
            with self.engine.connect() as conn:
                hits = [h["doc_id"] for h in dialects.search(conn, q, limit=MAX_SEARCH_HITS)]
            conds.append(events.c.doc_id.in_(hits))
        return conds

    def _page_ids(self, conn: Connection, limit: int | None, offset: int, order: str, filters: dict) -> list[str]:
        if order not in ORDERS:
            raise ValueError(f"unknown order {order!r}: choose one of {', '.join(ORDERS)}")
        ids = (sa.select(events.c.id).join(documents, documents.c.doc_id == events.c.doc_id)
               .where(*self._conditions(**filters)).order_by(*ORDERS[order]).offset(offset))
        if limit is not None:
            ids = ids.limit(limit)
        return [r[0] for r in conn.execute(ids)]

    @staticmethod
    def _records(conn: Connection, ids: list[str]) -> list[dict[str, Any]]:
        """The records of ``ids``, in that order (read in chunks of :data:`READ_CHUNK`)."""
        recs: dict[str, dict[str, Any]] = {}
        for i in range(0, len(ids), READ_CHUNK):
            for r in conn.execute(sa.select(events.c.id, events.c.record, events.c.cluster, _reports_of_cluster())
                                  .where(events.c.id.in_(ids[i:i + READ_CHUNK]))):
                recs[r[0]] = _with_cluster(r[1], r[2], r[3])
        return [recs[i] for i in ids if i in recs]

    def events(self, *, limit: int | None = 100, offset: int = 0, order: str = "date",
               **filters: str | None) -> list[dict[str, Any]]:
        """Event records matching every filter given (see :meth:`_conditions`), in ``order``
        (one of :data:`ORDERS`), one page of ``limit`` from ``offset``.

        The page is chosen on narrow rows (ids and sort keys) and only its records are read, so a
        page costs the same whatever the store's size and the sort key."""
        with self.engine.connect() as conn:
            return self._records(conn, self._page_ids(conn, limit, offset, order, filters))

    def iter_events(self, *, limit: int | None = None, offset: int = 0, order: str = "date",
                    **filters: str | None) -> Iterator[dict[str, Any]]:
        """:meth:`events` as a stream: the matching ids are listed first, then their records are
        read and given out :data:`READ_CHUNK` at a time, so memory stays flat however many match."""
        with self.engine.connect() as conn:
            ids = self._page_ids(conn, limit, offset, order, filters)
        for i in range(0, len(ids), READ_CHUNK):
            with self.engine.connect() as conn:
                yield from self._records(conn, ids[i:i + READ_CHUNK])

    def count_events(self, **filters: str | None) -> int:
        """How many events match the filters."""
        q = sa.select(sa.func.count()).select_from(events).where(*self._conditions(**filters))
        with self.engine.connect() as conn:
            return conn.execute(q).scalar() or 0

    def event_counts(self, granularity: str = "month", **filters: str | None) -> list[tuple[str, str, int]]:
        """(period, type, events) for the matching events: ``YYYY-MM`` periods (``YYYY`` for
        year-only dates, and for every date with ``granularity="year"``); period None for the
        undated ones."""
        width = 4 if granularity == "year" else 7
        period = sa.func.substr(events.c.date, 1, width)
        q = (sa.select(period, events.c.type, sa.func.count()).select_from(events)
             .where(*self._conditions(**filters)).group_by(period, events.c.type))
        with self.engine.connect() as conn:
            return [(p, t, n) for p, t, n in conn.execute(q)]

    def actor_pairs(self, limit: int = 5000, **filters: str | None) -> list[dict[str, Any]]:
        """Actor -> recipient pairs of the matching events with counts by type and quad class,
        the most frequent ``limit`` (pair, type, quad) rows first: what the actor graph is made of.
        Each row names its source and target node keys, an example event and the nodes' labels."""
        p = event_pairs
        n = sa.func.count().label("n")
        q = sa.select(p.c.source, p.c.target, p.c.type, p.c.quad_code, n, sa.func.max(p.c.event_id))
        conds = self._conditions(**filters)
        if conds:
            q = q.where(p.c.event_id.in_(sa.select(events.c.id).where(*conds)))
        q = (q.group_by(p.c.source, p.c.target, p.c.type, p.c.quad_code)
             .order_by(n.desc(), p.c.source, p.c.target, p.c.type).limit(limit))
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
            labels = self._node_labels(conn, {k for row in rows for k in row[:2]})
        return [{"source": s_, "target": t, "type": typ, "quad_code": quad, "count": c, "event": eid,
                 "source_arg": labels.get(s_, {}), "target_arg": labels.get(t, {})}
                for s_, t, typ, quad, c, eid in rows]

    def party_counts(self, limit: int = 500, **filters: str | None) -> list[dict[str, Any]]:
        """The parties (actor or recipient) of the matching events, most active first: node key,
        a label, code, sector, entity id and how many events each takes part in."""
        a = event_arguments
        n = sa.func.count(sa.distinct(a.c.event_id)).label("n")
        q = sa.select(a.c.node, n).where(a.c.node.is_not(None))
        conds = self._conditions(**filters)
        if conds:
            q = q.where(a.c.event_id.in_(sa.select(events.c.id).where(*conds)))
        q = q.group_by(a.c.node).order_by(n.desc(), a.c.node).limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
            labels = self._node_labels(conn, {k for k, _ in rows})
        return [{"id": k, "events": c, **labels.get(k, {})} for k, c in rows]

    @staticmethod
    def _node_labels(conn: Connection, keys: set[str]) -> dict[str, dict[str, Any]]:
        """Name, surface text, code, sector and entity id of each node key (over the node index)."""
        a, first = event_arguments, event_arguments.alias("first")
        out: dict[str, dict[str, Any]] = {}
        keys_l = sorted(keys)
        for i in range(0, len(keys_l), READ_CHUNK):
            ids = sa.select(sa.func.min(first.c.id)).where(first.c.node.in_(keys_l[i:i + READ_CHUNK])).group_by(first.c.node)
            q = sa.select(a.c.node, a.c.name, a.c.text, a.c.code, a.c.sector, a.c.entity_id).where(a.c.id.in_(ids))
            for k, *rest in conn.execute(q):
                out[k] = _arg_dict(*rest)
        return out

    def place_counts(self, limit: int = 5000, **filters: str | None) -> list[dict[str, Any]]:
        """Places with coordinates among the matching events: one row per place and type with the
        number of events, the latest date and an example event id."""
        q = (sa.select(events.c.lat, events.c.lon, sa.func.max(events.c.location), events.c.location_code,
                       events.c.type, sa.func.count().label("n"), sa.func.max(events.c.date), sa.func.max(events.c.id))
             .where(events.c.lat.is_not(None), events.c.lon.is_not(None), *self._conditions(**filters))
             .group_by(events.c.lat, events.c.lon, events.c.location_code, events.c.type)
             .order_by(sa.desc("n")).limit(limit))
        with self.engine.connect() as conn:
            return [{"lat": lat, "lon": lon, "place": place, "country": code, "type": typ, "count": n, "date": date,
                     "id": eid} for lat, lon, place, code, typ, n, date, eid in conn.execute(q)]

    def events_at(self, lat: float, lon: float, *, limit: int = 50, **filters: str | None) -> list[dict[str, Any]]:
        """The matching events placed at (``lat``, ``lon``), latest first: what one map point holds."""
        q = (sa.select(events.c.id).where(events.c.lat == lat, events.c.lon == lon, *self._conditions(**filters))
             .order_by(events.c.date.desc(), events.c.id).limit(limit))
        with self.engine.connect() as conn:
            return self._records(conn, [r[0] for r in conn.execute(q)])

    def event(self, event_id: str) -> dict[str, Any]:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(events.c.record, events.c.cluster, _reports_of_cluster())
                               .where(events.c.id == event_id)).first()
        if row is None:
            raise NotFoundError("event", event_id)
        return _with_cluster(row[0], row[1], row[2])

    def search(self, q: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Full-text search over titles and bodies: doc_id, doc, title, snippet, rank."""
        with self.engine.connect() as conn:
            return dialects.search(conn, q, limit=limit, offset=offset)

    def entities(self, q: str | None = None, type: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Canonical entities, most mentioned first."""
        query = sa.select(entities)
        if q:
            query = query.where(sa.func.lower(entities.c.name).like(f"%{_escape_like(q.lower())}%", escape="\\"))
        if type:
            query = query.where(entities.c.type == type.upper())
        query = query.order_by(entities.c.mentions.desc(), entities.c.name).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def entity(self, key: str) -> dict[str, Any]:
        """One canonical entity by id, name or alias, with the documents that mention it."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(entities).where(sa.or_(entities.c.id == key, entities.c.name == key))).mappings().first()
            if row is None:  # a name or alias in another case or spelling: one indexed lookup
                row = conn.execute(sa.select(entities).join(entity_keys, entity_keys.c.entity_id == entities.c.id)
                                   .where(entity_keys.c.key == fold(key)[:400])
                                   .order_by(entities.c.mentions.desc(), entities.c.id).limit(1)).mappings().first()
            if row is None:
                raise NotFoundError("entity", key)
            e = dict(row)
            e["documents_list"] = [dict(r) for r in conn.execute(
                sa.select(documents.c.doc_id, documents.c.doc, documents.c.title, sa.func.count().label("mentions"))
                .join(mentions, mentions.c.doc_id == documents.c.doc_id)
                .where(mentions.c.entity_id == e["id"]).group_by(documents.c.doc_id, documents.c.doc, documents.c.title)
                .order_by(documents.c.doc).limit(MAX_ENTITY_ROWS)).mappings()]
            e["mentions_list"] = [dict(r) for r in conn.execute(
                sa.select(mentions.c.doc_id, mentions.c.start, mentions.c.end, mentions.c.text)
                .where(mentions.c.entity_id == e["id"]).order_by(mentions.c.doc_id, mentions.c.start)
                .limit(MAX_ENTITY_ROWS)).mappings()]
        return e

    def sources(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(sa.select(sources).order_by(sources.c.documents.desc())).mappings()]

    # ------------------------------------------------------------------ linking (warta.fuse)
    def _link(self, conn: Connection, doc_id: str, body: str) -> None:
        """Merge a new document's events into canonical events, find its near duplicates and its
        story; only candidate blocks are read. Runs inside the document's transaction."""
        from ..fuse import merge
        from ..fuse import stories as st

        new = merge._load_reports(conn, doc_id=doc_id)
        touched = merge.link_document(conn, doc_id, new)
        dups = st.find_near_duplicates(conn, doc_id, body)
        st.link_story(conn, doc_id, touched, dups, [r.record for r in new])

    def _link_unlinked(self) -> None:
        """Link the documents stored but not linked yet (``add(link=False)``, a crash between storing
        and linking, a store made by an older warta: the migration queues its documents)."""
        self._link_pending_if_any()

    def _link_pending_if_any(self) -> None:
        with self.engine.connect() as conn:
            pending = conn.execute(sa.select(link_pending.c.doc_id).limit(1)).first()
        if pending is not None:
            self.link_pending()
        self._maybe_pending = False

    def link_pending(self) -> int:
        """Link every queued document, in order of publication, in one transaction; returns how many."""
        with self.engine.begin() as conn:
            _write_lock(conn)
            rows = conn.execute(sa.select(documents.c.doc_id, documents.c.text, documents.c.body_start,
                                          documents.c.body_end, documents.c.published, documents.c.doc)
                                .join(link_pending, link_pending.c.doc_id == documents.c.doc_id)).all()
            for r in sorted(rows, key=lambda r: (r.published or "9999", r.doc, r.doc_id)):
                self._link(conn, r.doc_id, r.text[r.body_start:r.body_end])
            ids = [r.doc_id for r in rows]
            for i in range(0, len(ids), 500):
                conn.execute(link_pending.delete().where(link_pending.c.doc_id.in_(ids[i:i + 500])))
        return len(rows)

    def refresh_links(self) -> int:
        """Make the records of the canonical events and stories changed since the last read again
        (linking only queues them); returns how many. Every read of them calls it first."""
        from ..fuse import merge
        from ..fuse import stories as st

        with self.engine.connect() as conn:
            if conn.execute(sa.select(link_dirty.c.id).limit(1)).first() is None:
                return 0
        try:
            with self.engine.begin() as conn:
                _write_lock(conn)
                return merge.refresh_clusters(conn) + st.refresh_stories(conn)
        except sa.exc.DBAPIError:
            # another reader made them at the same time: what it wrote is what this one would have
            with self.engine.connect() as conn:
                if conn.execute(sa.select(link_dirty.c.id).limit(1)).first() is None:
                    return 0
            raise

    def rebuild_links(self) -> dict[str, int]:
        """Drop every canonical event, story and near-duplicate flag and link the whole store again,
        document by document in order of publication (the result equals incremental linking)."""
        from ..fuse import merge
        from ..fuse import stories as st

        with self.engine.begin() as conn:
            _write_lock(conn)
            st.clear(conn)
            merge.clear(conn)
            conn.execute(link_pending.delete())
            conn.execute(link_pending.insert().from_select(["doc_id"], sa.select(documents.c.doc_id)))
        self.link_pending()
        return self.link_counts()

    def link_counts(self) -> dict[str, int]:
        self.refresh_links()
        with self.engine.connect() as conn:
            return {name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() or 0
                    for name, t in (("events", events), ("canonical_events", canonical_events),
                                    ("stories", stories), ("near_duplicates", near_duplicates))}

    def merged_events(self, *, actor: str | None = None, other: str | None = None, type: str | None = None,
                      since: str | None = None, until: str | None = None, min_reports: int = 1,
                      limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Canonical events (each with every report in ``sources``), by date; filters as for :meth:`events`."""
        f = check_filters(actor=actor, recipient=other, type=type, since=since, until=until)
        type = f["type"]
        self.refresh_links()
        from ..fuse.timeline import involves, sort_key

        q = sa.select(canonical_events.c.record).where(canonical_events.c.reports >= min_reports)
        if type:
            q = q.where(canonical_events.c.type == type.upper())
        if since:
            q = q.where(canonical_events.c.date >= since)
        if until:
            q = q.where(canonical_events.c.date <= until + "\uffff")
        for who in (actor, other):
            if who:
                like = f"%{_escape_like(who.lower())}%"
                a = event_arguments.alias()
                e = events.alias()
                q = q.where(canonical_events.c.id.in_(
                    sa.select(e.c.cluster).join(a, a.c.event_id == e.c.id).where(sa.or_(
                        sa.func.lower(a.c.name).like(like, escape="\\"), sa.func.lower(a.c.text).like(like, escape="\\"),
                        a.c.code == who.upper(), a.c.entity_id == who))))
        with self.engine.connect() as conn:
            recs = [r[0] for r in conn.execute(q)]
        recs = [r for r in recs if all(involves(r, w) for w in (actor, other) if w)]
        recs.sort(key=sort_key)
        return recs[offset:offset + limit if limit is not None else None]

    def merged_event(self, cluster: str) -> dict[str, Any]:
        self.refresh_links()
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(canonical_events.c.record).where(canonical_events.c.id == cluster)).first()
        if row is None:
            raise NotFoundError("canonical event", cluster)
        return row[0]

    def timeline(self, actor: str, other: str | None = None) -> list[dict[str, Any]]:
        """The canonical events of ``actor`` (with ``other``, when given) in date order."""
        return self.merged_events(actor=actor, other=other)

    def graph(self) -> dict[str, Any]:
        """The actor network of the canonical events (``warta.fuse.graph.build``)."""
        from ..fuse.graph import build

        return build(self.merged_events())

    def stories(self, limit: int | None = 100, offset: int = 0, min_documents: int = 1) -> list[dict[str, Any]]:
        """Stories, largest and latest first."""
        self.refresh_links()
        q = (sa.select(stories.c.record).where(stories.c.documents >= min_documents)
             .order_by(stories.c.documents.desc(), stories.c.end.desc(), stories.c.id).offset(offset))
        if limit is not None:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(q)]

    def story(self, key: str) -> dict[str, Any]:
        """One story by id, or the story of a document (doc key or content hash)."""
        self.refresh_links()
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(stories.c.record).where(stories.c.id == key)).first()
            if row is None:
                try:
                    doc_id = self._find_doc_id(conn, key)
                except NotFoundError:
                    raise NotFoundError("story", key) from None
                row = conn.execute(sa.select(stories.c.record).join(
                    story_documents, story_documents.c.story_id == stories.c.id).where(story_documents.c.doc_id == doc_id)).first()
        if row is None:
            raise NotFoundError("story", key)
        return row[0]

    def near_duplicates(self) -> list[dict[str, Any]]:
        d2 = documents.alias()
        q = (sa.select(documents.c.doc.label("doc"), d2.c.doc.label("of_doc"), near_duplicates.c.doc_id,
                       near_duplicates.c.of_doc_id, near_duplicates.c.similarity)
             .join(documents, documents.c.doc_id == near_duplicates.c.doc_id)
             .join(d2, d2.c.doc_id == near_duplicates.c.of_doc_id).order_by(documents.c.doc, d2.c.doc))
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]
