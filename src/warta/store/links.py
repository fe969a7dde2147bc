"""Linking across articles and reading the links: canonical events, stories, near duplicates,
timelines and the actor graph (``Store``; the rules are in ``warta.fuse``)."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import NotFoundError
from ..filters import check_filters
from .schema import (
    canonical_events, documents, event_arguments, events, link_dirty, link_pending, near_duplicates,
    stories, story_documents,
)
from .shared import _escape_like, _write_lock


class _Links:
    """Linking across articles and reading the links: canonical events, stories, near duplicates,"""

    def _link(self, conn: Connection, doc_id: str, body: str) -> None:
        """Merge a new document's events into canonical events, find its near duplicates and its
        story; only candidate blocks are read. Runs inside the document's transaction."""
        from ..fuse import merge
        from ..fuse import stories as st

        new = merge._load_reports(conn, doc_id=doc_id)
        touched, moved = merge.link_document(conn, doc_id, new)
        dups = st.find_near_duplicates(conn, doc_id, body)
        st.link_story(conn, doc_id, touched, dups, [r.record for r in new], moved)

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
