"""Writing documents: one transaction per article or per batch of articles (document, sentences,
entities, mentions, events and their arguments), replacing an older copy, then linking it (``Store``)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import dialects
from ..model import Document, event_record
from .fold import fold
from .schema import (
    boilerplate, documents, entities, entity_keys, event_arguments, event_pairs, events, link_pending,
    mentions, sentences, sources,
)
from .shared import _DATE_RANK, _write_lock, admin1_of, coordinates, fold_pair, node_of


class _Writes:
    """Writing documents: one transaction per article or per batch (``add``, ``add_batch``)."""

    def add(self, document: Document, origin: str | None = None, *, link: bool = True) -> bool:
        """Store one analysed document in one transaction; False when it was already there.

        The same text given again with a more precise publication date (a JSONL record's
        ``published`` for an article first read from a bare text file that only had a copyright
        year) replaces the stored copy, whose events were dated against the vaguer date, and the
        links are rebuilt (:meth:`rebuild_links`, at once, or after the batch for ``add_many``).

        With ``link`` (the default) the document is linked (canonical events, near duplicates,
        story) in the same transaction; without, it is queued (``link_pending``) and linked by
        :meth:`link_pending`, the next ``add`` that links, or the next open."""
        return self.add_batch([document], origin, link=link)[0]

    def add_batch(self, documents: Sequence[Document], origin: str | None = None, *,
                  link: bool = True) -> list[bool]:
        """Store several documents in **one** transaction, each as :meth:`add` would, in order;
        returns, for each, whether it was stored. The result (rows, canonical events, stories) is
        the same as adding them one by one: each is linked against the store as the earlier ones
        of the batch left it. All are stored or none: when one fails the transaction is rolled
        back and the error raised (:func:`warta.runner.ingest_articles` then stores that batch's
        documents one at a time, so only the faulty one is lost)."""
        if link and self._maybe_pending:
            self._link_pending_if_any()
        results: list[bool] = []
        replaced = False
        try:
            with self.engine.begin() as conn:
                _write_lock(conn)
                for document in documents:
                    stored, rep = self._store_one(conn, document, origin, link and not replaced)
                    results.append(stored)
                    replaced |= rep
        except sa.exc.IntegrityError:
            # another process stored one of them at the same time: one by one, that one is skipped
            if len(documents) == 1 and self.has(documents[0].doc_id):
                return [False]
            if len(documents) == 1:
                raise
            return [self.add(d, origin, link=link) for d in documents]
        if replaced:
            if link:
                self.rebuild_links()
            else:
                self._needs_rebuild = True
        return results

    def _store_one(self, conn: Connection, document: Document, origin: str | None, link: bool) -> tuple[bool, bool]:
        """(stored?, replaced an older copy?) for one document, inside the caller's transaction. A
        replaced copy is queued, not linked: the whole store is linked again after the batch."""
        old = conn.execute(sa.select(documents.c.published_granularity)
                           .where(documents.c.doc_id == document.doc_id)).first()
        replaced = False
        if old is not None:
            if _DATE_RANK.get(document.published.granularity, 0) <= _DATE_RANK.get(old[0], 0):
                return False, False
            self._delete(conn, document.doc_id)
            replaced = True
        self._insert(conn, document, origin)
        if link and not replaced:
            self._link(conn, document.doc_id, document.text[document.body[0]:document.body[1]])
        else:
            conn.execute(link_pending.insert().values(doc_id=document.doc_id))
            self._maybe_pending = True
        return True, replaced

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
        for i, rec in enumerate(map(event_record, d.events)):  # the PLOVER records
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
                confidence=rec.get("confidence"), lat=lat, lon=lon, admin1=admin1_of(rec), cluster=rec.get("cluster"), record=rec,
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
        wanted = sorted({k for k, _ in keys})
        known_keys: set[tuple[str, str]] = set()
        for i in range(0, len(wanted), 500):  # by key, the primary key's first column (an index seek)
            known_keys |= {(k, i_) for k, i_ in conn.execute(sa.select(entity_keys.c.key, entity_keys.c.entity_id)
                                                             .where(entity_keys.c.key.in_(wanted[i:i + 500])))}
        if updates:
            conn.execute(entities.update().where(entities.c.id == sa.bindparam("eid")).values(
                aliases=sa.bindparam("aliases"), mentions=sa.bindparam("mentions"), documents=sa.bindparam("documents"),
                code=sa.bindparam("code"), sector=sa.bindparam("sector"), wikidata=sa.bindparam("wikidata")), updates)
        if new_rows:
            conn.execute(entities.insert(), new_rows)
        if keys - known_keys:
            conn.execute(entity_keys.insert(), [{"key": k, "entity_id": i} for k, i in sorted(keys - known_keys)])
