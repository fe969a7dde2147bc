"""Reading the store: documents, events (filtered, sorted and paged in the database), counts
and aggregates for the server, entities, search (``Store``)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import dialects
from ..errors import NotFoundError
from ..filters import check_filters
from .fold import fold
from .schema import (
    boilerplate, documents, entities, entity_keys, event_arguments, event_pairs, events, mentions,
    sentences, sources,
)
from .shared import (
    _arg_dict, _argument_matches, _escape_like, _reports_of_cluster, _with_cluster, MAX_ENTITY_ROWS,
    MAX_SEARCH_HITS, ORDERS, READ_CHUNK,
)


class _Queries:
    """Reading the store: documents, events (filtered, sorted and paged in the database), counts"""

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
                    q: str | None = None, doc: str | None = None, min_confidence: str | float | None = None) -> list:
        """SQL conditions on ``events`` (joined to ``documents``) for the filters given.

        actor/recipient/party: a name or surface text (substring, case- and accent-folded, LIKE
        wildcards taken literally), a country code or an entity id; ``party`` and ``other`` in
        either role. A malformed filter (an unknown PLOVER type, a date that is not
        ``YYYY[-MM[-DD]]``, ...) raises :class:`~warta.errors.FilterError`."""
        f = check_filters(actor=actor, recipient=recipient, party=party, other=other, type=type, mode=mode,
                          country=country, since=since, until=until, modality=modality, q=q,
                          min_confidence=None if min_confidence is None else str(min_confidence))
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
        if f["min_confidence"]:  # the models' probability that an annotator would code the event
            conds.append(events.c.confidence >= float(f["min_confidence"]))
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

    def admin1_counts(self, within: str = "IDN", **filters: str | None) -> dict[str, int]:
        """How many matching events lie in each first-level division of the country ``within``
        (ISO 3166-1 alpha-3): GeoNames admin1 code (``IDN.04``) -> count; divisions with none
        are absent."""
        code, country = events.c.admin1, within.upper()
        q = (sa.select(code, sa.func.count())  # the codes that start "IDN.", as a range the index answers
             .where(code >= country + ".", code < country + "/", *self._conditions(**filters))
             .group_by(code))
        with self.engine.connect() as conn:
            return {c: n for c, n in conn.execute(q)}

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
