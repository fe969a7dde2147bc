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
  two reports share two named participants).

Canonical events are the connected components of the match graph. Components only grow when
reports are added, so adding one article can only merge clusters: incremental linking
(:func:`link_document`) and a rebuild from scratch give the same clusters whatever the order.
Candidates come from *blocks* (type + actor/recipient code or entity id) kept in the
``event_blocks`` table, so a new report is compared with few others.

A canonical event's id is a hash of its earliest report's id (earliest by publication date,
document, offset); its record keeps every report and picks the best-supported date, place and
figures (conflicting figures are listed side by side with their sources, never averaged).

The rules over reports (matching, the canonical record) are in :mod:`warta.fuse.reports`; this
module is the store side: candidates, incremental linking, refreshing clusters.
"""
from __future__ import annotations

import hashlib
from typing import Any, Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..store.schema import (
    canonical_events, cluster_state, documents, event_blocks, event_keys, events, link_dirty,
    story_documents,
)
from .components import Components
from .reports import UNDATED_WINDOW_DAYS, Report, canonical_record, cluster_id, match
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


def link_document(conn: Connection, doc_id: str, new: list[Report] | None = None) -> set[str]:
    """Assign the events of one newly stored document to canonical events, reading only candidate
    reports (by index ranges) and the first report of the clusters they join: the cost does not
    grow with the size of the clusters. Returns the ids of the canonical events it created or
    changed; their records are made again before the next read (:func:`refresh_clusters`)."""
    if new is None:
        new = _load_reports(conn, doc_id=doc_id)
    new = sorted(new, key=Report.order_key)
    if not new:
        return set()
    uf = Components()

    # the candidates of every new report first (they do not depend on one another), then one read
    cands = _candidates_all(conn, new)
    need = sorted({eid for cs in cands.values() for _, eid in cs})
    loaded = {c.id: c for c in _load_reports(conn, ids=need)} if need else {}
    key_rows: list[dict[str, Any]] = []
    done: list[Report] = []
    for r in new:
        mine = "new:" + r.id
        uf.find(mine)
        for d in done:
            if match(r, d):
                uf.union(mine, "new:" + d.id)
        for cl, eid in sorted(cands[r.id]):
            if uf.find(cl) == uf.find(mine):
                continue
            if match(r, loaded[eid]):
                uf.union(mine, cl)
        pub, sig = pub_ordinal(r.published), signature(r)
        key_rows += [{"key": k, "event_id": r.id, "span_lo": r.span[0] if r.span else None,
                      "span_hi": r.span[1] if r.span else None, "pub_ord": pub, "sig": sig} for k in match_keys(r)]
        done.append(r)
    if key_rows:
        conn.execute(event_keys.insert(), key_rows)
    groups = uf.groups()
    old_all = sorted({m for ms in groups.values() for m in ms if not m.startswith("new:")})
    firsts: dict[str, tuple] = {}
    for c in _chunks(old_all):
        for row in conn.execute(sa.select(cluster_state).where(cluster_state.c.id.in_(c))):
            firsts[row.id] = (row.first_pub, row.first_doc, row.first_start, row.first_id)
    by_id = {r.id: r for r in new}
    touched: set[str] = set()
    dirty: set[str] = set()
    relabel: list[dict[str, str]] = []
    state_new: list[dict[str, Any]] = []
    for members in groups.values():
        old_ids = sorted(m for m in members if not m.startswith("new:"))
        new_ids = sorted(m[4:] for m in members if m.startswith("new:"))
        first = min([firsts[o] for o in old_ids] + [by_id[i].order_key() for i in new_ids])
        cid = cluster_id(first[3])
        away = [o for o in old_ids if o != cid]
        if away:
            conn.execute(events.update().where(events.c.cluster.in_(away)).values(cluster=cid))
            conn.execute(cluster_state.delete().where(cluster_state.c.id.in_(away)))
            conn.execute(canonical_events.delete().where(canonical_events.c.id.in_(away)))
            conn.execute(link_dirty.delete().where(link_dirty.c.kind == "c", link_dirty.c.id.in_(away)))
        relabel += [{"eid": i, "cid": cid} for i in new_ids]
        row = dict(first_pub=first[0], first_doc=first[1], first_start=first[2], first_id=first[3])
        if cid in firsts:
            if firsts[cid] != first:
                conn.execute(cluster_state.update().where(cluster_state.c.id == cid).values(**row))
        else:
            state_new.append(dict(id=cid, **row))
        dirty.add(cid)
        touched.add(cid)
    if relabel:
        conn.execute(events.update().where(events.c.id == sa.bindparam("eid")).values(cluster=sa.bindparam("cid")),
                     relabel)
    if state_new:
        conn.execute(cluster_state.insert(), state_new)
    mark_dirty(conn, "c", dirty)
    return touched


def clear(conn: Connection) -> None:
    for t in (event_blocks, event_keys, cluster_state, canonical_events):
        conn.execute(t.delete())
    conn.execute(link_dirty.delete().where(link_dirty.c.kind == "c"))
    conn.execute(events.update().where(events.c.cluster.is_not(None)).values(cluster=None))
