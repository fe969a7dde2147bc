"""Cross-article event merging: event reports -> canonical events.

Two reports of one real-world event (in two articles, or twice in one article) are *matched*
by :func:`match`, a symmetric test of the pair alone:

* the same PLOVER type (an AGREE to a planned CONSULT stays apart from the CONSULT itself, and
  from an AGREE to something else), the same modality class (real = asserted/historical;
  future; hypothetical; negated);
* compatible participants: actors overlap (a shared entity id is *strong*, a shared country code
  *weak*), recipients overlap, or one side does not say; no side contradicts (both named, no
  overlap); at least one strong overlap;
* compatible dates: each date is a period widened by how weakly it is known (a day from the
  sentence is that day; one resolved from a weekday and the publication date or from the story
  context +/- 1 day; a month carried over from context +/- 31 days; the "publication month"
  fallback also covers the month before); visits last days (+3). Periods must overlap. An
  undated report matches only a strong match on both sides (or on the actor and the same place)
  in the same article or one published within :data:`UNDATED_WINDOW_DAYS`;
* compatible places: two places named in the sentences must be in the same country (unless the
  two reports are in one article and share two named participants).

Canonical events are not the connected components of the match graph (which chain: A matches
B, B matches C, ... until one "event" holds thousands of reports). Each canonical event has an
*anchor*, its best-described report (:func:`rank`); taking reports in that order, a report joins
the event of a report before it that it matches, only when nothing in it contradicts the event's
anchor, or anchors a new one (:func:`link_document`). Every report of an event is thus
compatible with its anchor. Incremental linking (:func:`link_document`) and a rebuild from
scratch give the same clusters whatever the order the articles come in (tested). Candidates are
found by entity keys with date spans kept in the ``event_keys`` table, anchors flagged, so a new
report is compared with few others.

A canonical event's id is a hash of its anchor's id; its record keeps every report and picks the best-supported date, place and
figures (conflicting figures are listed side by side with their sources, never averaged).

The rules over reports (matching, the canonical record) are in :mod:`warta.fuse.reports`; this
module is the store side: candidates, incremental linking, refreshing clusters.
"""
from __future__ import annotations

import hashlib
import heapq
from typing import Any, Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..store.schema import (
    canonical_events, cluster_state, documents, event_blocks, event_keys, events, link_dirty,
    story_documents,
)
from .reports import UNDATED_WINDOW_DAYS, Report, canonical_record, cluster_id, match, rank
from .reports import period, widened  # noqa: F401  (read as merge.period, merge.widened)


# ---------------------------------------------------------------------------- store side
# A report's candidates are the linked reports sharing one of its entity keys (a match needs a
# shared entity in the same role, the same kind and modality class) whose widened date spans
# overlap its own, or, when either is undated, published within UNDATED_WINDOW_DAYS. Spans are
# at most a year widened by two months: MAX_SPAN_DAYS bounds the index range scanned.
MAX_SPAN_DAYS = 366 + 2 * 31 + 8
_CHUNK = 500


def _chunks(seq: list, n: int = _CHUNK):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def match_keys(r: Report) -> list[str]:
    """The entity keys of a report: two reports can match only if they share one."""
    keys = set()
    for role, args in (("a", r.actors), ("r", r.recipients)):
        for eid, _ in args:
            if eid:
                keys.add(f"{r.kind}|{r.mclass}|{role}|e:{eid}")
    return sorted(keys)


def signature(r: Report) -> str:
    """A hash of everything :func:`match` compares between two dated reports besides kind and
    modality class: dated reports with one signature match the same reports."""
    payload = repr((r.actors, r.recipients, r.place_code, r.place_strong, r.span))
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


def pub_ordinal(published: str | None) -> int | None:
    p = period(published)
    return p[0].toordinal() if p else None


def _load_reports(conn: Connection, ids: Iterable[str] | None = None, cluster_ids: Iterable[str] | None = None,
                  doc_id: str | None = None) -> list[Report]:
    q = sa.select(events.c.id, events.c.doc_id, events.c.record, documents.c.published).join(
        documents, documents.c.doc_id == events.c.doc_id)
    conds = []
    if ids is not None:
        ids = sorted(set(ids))
        if not ids:
            return []
        if len(ids) > _CHUNK:
            return [r for c in _chunks(ids) for r in _load_reports(conn, ids=c)]
        conds.append(events.c.id.in_(ids))
    if cluster_ids is not None:
        cluster_ids = sorted(set(cluster_ids))
        if not cluster_ids:
            return []
        if len(cluster_ids) > _CHUNK:
            return [r for c in _chunks(cluster_ids) for r in _load_reports(conn, cluster_ids=c)]
        conds.append(events.c.cluster.in_(cluster_ids))
    if doc_id is not None:
        conds.append(events.c.doc_id == doc_id)
    return [Report.from_record(r.record, r.doc_id, r.published) for r in conn.execute(q.where(*conds))]


def _canonical_row(rec: dict[str, Any]) -> dict[str, Any]:
    loc = rec.get("event_loc") or {}
    return dict(id=rec["cluster"], type=rec["event"][0], planned=rec.get("planned"), date=rec["date"],
                date_granularity=(rec.get("date_info") or {}).get("granularity"), location=loc.get("placename"),
                location_code=loc.get("country_code3"), quad_code=rec.get("quad_code"), reports=rec["reports"],
                documents=rec["documents"], story=None, record=rec)


def _write_canonical(conn: Connection, reports: list[Report]) -> str:
    rec = canonical_record(reports)
    conn.execute(canonical_events.insert().values(**_canonical_row(rec)))
    return rec["cluster"]


def mark_dirty(conn: Connection, kind: str, ids: Iterable[str]) -> None:
    """Queue the records of canonical events (``c``) or stories (``s``) to be made again before the next read."""
    ids = sorted(set(ids))
    if ids:
        conn.execute(_MARK_DIRTY, [{"kind": kind, "id": i} for i in ids])


_MARK_DIRTY = sa.text("INSERT INTO link_dirty (kind, id) VALUES (:kind, :id) ON CONFLICT DO NOTHING")


def refresh_clusters(conn: Connection) -> int:
    """Make the records of the canonical events queued by :func:`mark_dirty` again; returns how many."""
    ids = sorted(r[0] for r in conn.execute(sa.select(link_dirty.c.id).where(link_dirty.c.kind == "c")))
    if not ids:
        return 0
    for c in _chunks(ids):
        conn.execute(canonical_events.delete().where(canonical_events.c.id.in_(c)))
        q = (sa.select(events.c.cluster, events.c.id, events.c.doc_id, events.c.record, documents.c.published)
             .join(documents, documents.c.doc_id == events.c.doc_id).where(events.c.cluster.in_(c)))
        by_cluster: dict[str, list[Report]] = {}
        for r in conn.execute(q):
            by_cluster.setdefault(r.cluster, []).append(Report.from_record(r.record, r.doc_id, r.published))
        rows = [_canonical_row(canonical_record(reps)) for _, reps in sorted(by_cluster.items())]
        if rows:
            conn.execute(canonical_events.insert(), rows)
        conn.execute(link_dirty.delete().where(link_dirty.c.kind == "c", link_dirty.c.id.in_(c)))
        # a story's record is made from its canonical events: every story that reports one of these
        # is made again too (a report from another story may have changed its date or actors)
        sq = (sa.select(story_documents.c.story_id).distinct()
              .join(events, events.c.doc_id == story_documents.c.doc_id).where(events.c.cluster.in_(c)))
        mark_dirty(conn, "s", [r[0] for r in conn.execute(sq)])
    return len(ids)


_CAND_DATED = sa.text(
    "SELECT e.cluster, MIN(k.event_id) FROM event_keys k JOIN events e ON e.id = k.event_id "
    "WHERE k.key IN :keys AND k.span_lo >= :lo_min AND k.span_lo <= :hi AND k.span_hi >= :lo "
    "GROUP BY e.cluster, k.sig"
).bindparams(sa.bindparam("keys", expanding=True))
_CAND_UNDATED = sa.text(
    "SELECT DISTINCT e.cluster, k.event_id FROM event_keys k JOIN events e ON e.id = k.event_id "
    "WHERE k.key IN :keys AND k.pub_ord >= :p_lo AND k.pub_ord <= :p_hi AND (:any_span = 1 OR k.span_lo IS NULL)"
).bindparams(sa.bindparam("keys", expanding=True))


def _candidates(conn: Connection, r: Report) -> list[tuple[str, str]]:
    """(cluster, event id) of the linked reports that may match ``r``: one per cluster and
    signature for dated pairs (look-alike reports match alike), every one for undated pairs."""
    keys = match_keys(r)
    if not keys:
        return []
    pub = pub_ordinal(r.published)
    out: list[tuple[str, str]] = []
    if r.span is not None:
        lo, hi = r.span
        out += [tuple(row) for row in conn.execute(
            _CAND_DATED, {"keys": keys, "lo_min": lo - MAX_SPAN_DAYS, "hi": hi, "lo": lo})]
    if pub is not None:
        out += [tuple(row) for row in conn.execute(
            _CAND_UNDATED, {"keys": keys, "p_lo": pub - UNDATED_WINDOW_DAYS, "p_hi": pub + UNDATED_WINDOW_DAYS,
                            "any_span": 0 if r.span is not None else 1})]
    return out


#: branches of one UNION ALL: SQLite refuses a compound SELECT of more than 500 terms
#: (SQLITE_MAX_COMPOUND_SELECT), which an article of 250 events used to reach
MAX_COMPOUND = 200


def _candidates_all(conn: Connection, reports: list[Report]) -> dict[str, list[tuple[str, str]]]:
    """:func:`_candidates` of several reports in one query (a UNION ALL of one branch per report and
    case), sent to the driver as it is: its plain values need no SQLAlchemy typing, and per-article
    statements of varying shape would only churn SQLAlchemy's compiled cache."""
    ph = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    parts: list[tuple[str, list[Any]]] = []
    for i, r in enumerate(reports):
        keys = match_keys(r)
        if not keys:
            continue
        pub = pub_ordinal(r.published)
        src = ("FROM event_keys k JOIN events e ON e.id = k.event_id WHERE k.key IN ("
               + ", ".join([ph] * len(keys)) + ")")
        if r.span is not None:
            parts.append((f"SELECT {i} AS r, e.cluster AS cluster, MIN(k.event_id) AS event_id {src}"
                          f" AND k.span_lo >= {ph} AND k.span_lo <= {ph} AND k.span_hi >= {ph} GROUP BY e.cluster, k.sig",
                          [*keys, r.span[0] - MAX_SPAN_DAYS, r.span[1], r.span[0]]))
        if pub is not None:
            parts.append((f"SELECT DISTINCT {i} AS r, e.cluster AS cluster, k.event_id AS event_id {src}"
                          f" AND k.pub_ord >= {ph} AND k.pub_ord <= {ph}"
                          + (" AND k.span_lo IS NULL" if r.span is not None else ""),
                          [*keys, pub - UNDATED_WINDOW_DAYS, pub + UNDATED_WINDOW_DAYS]))
    out: dict[str, list[tuple[str, str]]] = {r.id: [] for r in reports}
    for batch in _chunks(parts, MAX_COMPOUND):
        sql = " UNION ALL ".join(q for q, _ in batch)
        for i, cl, eid in conn.exec_driver_sql(sql, tuple(v for _, ps in batch for v in ps)):
            if cl:
                out[reports[i].id].append((cl, eid))
    return out


def _candidate_sql(conn: Connection, r: Report) -> tuple[str, list[Any]] | None:
    """One query for the stored reports that may match ``r``: sharing an entity key, with
    overlapping spans or, undated, published close by."""
    keys = match_keys(r)
    if not keys:
        return None
    ph = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    pub = pub_ordinal(r.published)
    src = "FROM event_keys k WHERE k.key IN (" + ", ".join([ph] * len(keys)) + ")"
    parts: list[str] = []
    params: list[Any] = []
    if r.span is not None:
        parts.append(f"SELECT k.event_id {src} AND k.span_lo >= {ph} AND k.span_lo <= {ph} AND k.span_hi >= {ph}")
        params += [*keys, r.span[0] - MAX_SPAN_DAYS, r.span[1], r.span[0]]
    if pub is not None:
        parts.append(f"SELECT k.event_id {src} AND k.pub_ord >= {ph} AND k.pub_ord <= {ph}"
                     + (" AND k.span_lo IS NULL" if r.span is not None else ""))
        params += [*keys, pub - UNDATED_WINDOW_DAYS, pub + UNDATED_WINDOW_DAYS]
    if not parts:
        return None
    return " UNION ".join(parts), params


class _Linker:
    """Anchored linking of one article's new reports (see :func:`link_document`)."""

    def __init__(self, conn: Connection, new: list[Report]):
        self.conn = conn
        self.new = {r.id: r for r in new}
        self.reports: dict[str, Report] = dict(self.new)
        self.cluster: dict[str, str | None] = {r.id: None for r in new}  # current cluster of each report seen
        self.anchor: dict[str, Report | None] = {}  # cluster id -> its anchor (None: no such cluster now)
        self.cands: dict[str, list[str]] = {}
        self.touched: set[str] = set()
        self.moved: set[str] = set()  # stored reports whose cluster changed
        self.state_rows: dict[str, Report | None] = {}  # cluster_state to write: id -> anchor, None to delete

    # -- reading
    def load(self, ids: Iterable[str]) -> None:
        need = sorted({i for i in ids if i not in self.reports})
        for c in _chunks(need):
            q = (sa.select(events.c.id, events.c.doc_id, events.c.record, events.c.cluster, documents.c.published)
                 .join(documents, documents.c.doc_id == events.c.doc_id).where(events.c.id.in_(c)))
            for row in self.conn.execute(q):
                self.reports[row.id] = Report.from_record(row.record, row.doc_id, row.published)
                self.cluster[row.id] = row.cluster

    def anchor_of(self, cid: str | None) -> Report | None:
        if cid is None:
            return None
        if cid not in self.anchor:
            row = self.conn.execute(sa.select(cluster_state.c.first_id).where(cluster_state.c.id == cid)).first()
            if row is not None:
                self.load([row[0]])
            self.anchor[cid] = self.reports.get(row[0]) if row is not None else None
        return self.anchor[cid]

    def candidates(self, r: Report) -> list[str]:
        """Stored reports that may match ``r`` (the new ones' fetched together, the others' on demand),
        and the new reports."""
        if r.id not in self.cands:
            q = _candidate_sql(self.conn, r)
            self.cands[r.id] = [row[0] for row in self.conn.exec_driver_sql(q[0], tuple(q[1]))] if q else []
        return self.cands[r.id] + [i for i in self.new if i != r.id]

    def prefetch(self) -> None:
        reps = list(self.new.values())
        parts = [(i, q) for i, r in enumerate(reps) if (q := _candidate_sql(self.conn, r))]
        for r in reps:
            self.cands[r.id] = []
        for batch in _chunks(parts, MAX_COMPOUND):
            sql = " UNION ALL ".join(f"SELECT {i} AS r, q{i}.event_id FROM ({q}) AS q{i}" for i, (q, _) in batch)
            for i, eid in self.conn.exec_driver_sql(sql, tuple(v for _, (_, ps) in batch for v in ps)):
                self.cands[reps[i].id].append(eid)
        self.load({i for ids in self.cands.values() for i in ids})

    # -- deciding
    def choose(self, r: Report) -> Report | None:
        """The anchor of the event ``r`` joins: among the events of the reports ranked before it that
        it matches, the one with the first anchor that ``r`` is compatible with; None: ``r`` anchors."""
        ids = self.candidates(r)
        self.load(ids)
        key = rank(r)
        best = None
        for i in ids:
            o = self.reports.get(i)
            if o is None or o.id == r.id or rank(o) >= key or not match(r, o):
                continue
            a = self.anchor_of(self.cluster.get(o.id))
            if a is None or (best is not None and rank(a) >= rank(best)):
                continue
            if a.id == o.id or match(r, a, strong=False):
                best = a
        return best

    def run(self) -> None:
        self.prefetch()
        heap = [(rank(r), r.id) for r in self.new.values()]
        heapq.heapify(heap)
        while heap:
            _, rid = heapq.heappop(heap)
            for item in self.evaluate(self.reports[rid]):
                heapq.heappush(heap, item)

    def evaluate(self, r: Report) -> list[tuple[tuple, str]]:
        old = self.cluster.get(r.id)
        was_anchor = old is not None and old == cluster_id(r.id)
        a = self.choose(r)
        cid = cluster_id(a.id if a else r.id)
        if cid == old:
            return []
        self.cluster[r.id] = cid
        self.touched.update(c for c in (old, cid) if c)
        if r.id not in self.new:
            self.moved.add(r.id)
            self.conn.execute(events.update().where(events.c.id == r.id).values(cluster=cid))
        if a is None:
            self.anchor[cid] = r
            self.state_rows[cid] = r
        key = rank(r)
        # the reports ranked after r that match it may now join r's event, or lost their way to one
        later = self.candidates(r)
        self.load(later)
        push = [i for i in later if i in self.reports and rank(self.reports[i]) > key
                and self.cluster.get(i) is not None and match(r, self.reports[i])]
        if was_anchor:  # r no longer anchors its old event: its members choose again
            self.anchor[old] = None
            self.state_rows[old] = None
            members = [row[0] for row in self.conn.execute(sa.select(events.c.id).where(events.c.cluster == old))]
            members += [i for i, c in self.cluster.items() if c == old]
            self.load(members)
            push += [m for m in members if m != r.id and self.cluster.get(m) == old]
        return [(rank(self.reports[i]), i) for i in dict.fromkeys(push)]

    # -- writing what the new reports became
    def write(self) -> None:
        key_rows: list[dict[str, Any]] = []
        for r in self.new.values():
            pub, sig = pub_ordinal(r.published), signature(r)
            key_rows += [{"key": k, "event_id": r.id, "span_lo": r.span[0] if r.span else None,
                          "span_hi": r.span[1] if r.span else None, "pub_ord": pub, "sig": sig} for k in match_keys(r)]
        if key_rows:
            self.conn.execute(event_keys.insert(), key_rows)
        relabel = [{"eid": r.id, "cid": self.cluster[r.id]} for r in self.new.values()]
        if relabel:
            self.conn.execute(events.update().where(events.c.id == sa.bindparam("eid"))
                              .values(cluster=sa.bindparam("cid")), relabel)
        gone = sorted(c for c, a in self.state_rows.items() if a is None or self.anchor.get(c) is None)
        for c in _chunks(gone):
            self.conn.execute(cluster_state.delete().where(cluster_state.c.id.in_(c)))
        rows = []
        for c, a in sorted(self.state_rows.items()):
            if a is not None and self.anchor.get(c) is a:
                k = a.order_key()
                rows.append(dict(id=c, first_pub=k[0], first_doc=k[1], first_start=k[2], first_id=k[3]))
        if rows:
            self.conn.execute(cluster_state.delete().where(cluster_state.c.id.in_([r["id"] for r in rows])))
            self.conn.execute(cluster_state.insert(), rows)


def link_document(conn: Connection, doc_id: str, new: list[Report] | None = None) -> tuple[set[str], set[str]]:
    """Assign the events of one newly stored document to canonical events.

    Linking cannot chain. Reports are placed in :func:`rank` order (best described first); a
    canonical event's *anchor* is its first report in that order (the event's id is made from
    it). A report joins the event of a report placed before it that it matches, provided nothing
    in it contradicts the event's anchor (same type, no participant named against the anchor's,
    overlapping dates, the same country); of several, the event whose anchor comes first; else it
    anchors a new event. Every member is thus compatible with the anchor: an event spans at most
    twice one report's date span, however many reports it has. The result is that of placing
    every report in rank order, whatever order the articles came in: a report placed anew makes the
    reports ranked after it that match it choose again, and the members of an anchor that loses
    its place too (each choice depends only on reports ranked before it).

    Reads the candidates by index ranges (``event_keys``) and the anchors of their events. Returns
    the canonical events created or changed (their records are made again before the next read,
    :func:`refresh_clusters`) and the stored reports that moved to another event."""
    if new is None:
        new = _load_reports(conn, doc_id=doc_id)
    if not new:
        return set(), set()
    lk = _Linker(conn, sorted(new, key=rank))
    lk.run()
    lk.write()
    mark_dirty(conn, "c", lk.touched)
    return lk.touched, lk.moved


def clear(conn: Connection) -> None:
    for t in (event_blocks, event_keys, cluster_state, canonical_events):
        conn.execute(t.delete())
    conn.execute(link_dirty.delete().where(link_dirty.c.kind == "c"))
    conn.execute(events.update().where(events.c.cluster.is_not(None)).values(cluster=None))
