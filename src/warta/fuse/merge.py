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

Canonical events are the connected components of the match graph. Components only grow when
reports are added, so adding one article can only merge clusters: incremental linking
(:func:`link_document`) and a rebuild from scratch give the same clusters whatever the order.
Candidates come from *blocks* (type + actor/recipient code or entity id) kept in the
``event_blocks`` table, so a new report is compared with few others.

A canonical event's id is a hash of its earliest report's id (earliest by publication date,
document, offset); its record keeps every report and picks the best-supported date, place and
figures (conflicting figures are listed side by side with their sources, never averaged).
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..store.schema import (canonical_events, cluster_state, documents, event_blocks, event_keys, events, link_dirty,
                            story_documents)
from .components import Components

UNDATED_WINDOW_DAYS = 7
GRAN_RANK = {"day": 3, "month": 2, "year": 1}
PROV_RANK = {"text": 3, "published": 2, "context": 1, "fallback": 0}
COOPERATION = {1, 2}
CONFLICT = {3, 4}


def modality_class(m: str | None) -> str:
    m = m or "asserted"
    return "real" if m in ("asserted", "historical") else m


def provenance(date_info: dict | None) -> str | None:
    """How firmly the date is known: text > published (weekday + publication date) > context > fallback."""
    rf = (date_info or {}).get("resolved_from")
    if not rf:
        return None
    if rf.startswith("published ("):
        return "fallback"
    if rf == "published":
        return "published"
    if rf == "context":
        return "context"
    return "text"


def period(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            d = dt.date(*parts)
            return d, d
        if len(parts) == 2:
            return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    except (ValueError, TypeError):
        return None
    return None


def _granularity(value: str | None, info: dict | None) -> str | None:
    g = (info or {}).get("granularity")
    if g:
        return g
    if not value:
        return None
    return {3: "day", 2: "month", 1: "year"}.get(len(value.split("-")))


def widened(value: str | None, gran: str | None, prov: str | None, visit: bool) -> tuple[int, int] | None:
    p = period(value)
    if p is None:
        return None
    lo, hi = p[0].toordinal(), p[1].toordinal()
    if gran == "day":
        slack = {"text": 0, "published": 1, "context": 1, "fallback": 1}.get(prov or "text", 0)
        if visit:
            slack += 3
        return lo - slack, hi + slack
    if prov == "context":
        return lo - 31, hi + 31
    if prov == "fallback":
        return lo - 31, hi
    return lo, hi


def _arg_keys(args: list[dict]) -> list[tuple[str | None, str | None]]:
    return [(a.get("entity_id"), a.get("code")) for a in args or [] if a.get("entity_id") or a.get("code")]


@dataclass
class Report:
    """One event report as the matcher sees it."""

    id: str
    doc_id: str
    doc: str
    published: str | None
    start: int
    type: str
    planned: str | None
    visit: bool
    mclass: str
    actors: list[tuple[str | None, str | None]]
    recipients: list[tuple[str | None, str | None]]
    date: str | None
    gran: str | None
    prov: str | None
    span: tuple[int, int] | None
    place_code: str | None
    place_strong: bool
    record: dict[str, Any] = field(repr=False, default_factory=dict)

    @classmethod
    def from_record(cls, rec: dict[str, Any], doc_id: str, published: str | None) -> Report:
        info = rec.get("date_info") or {}
        prov = provenance(info)
        gran = _granularity(rec.get("date"), info)
        visit = "visit" in (rec.get("mode") or []) or rec.get("planned") == "CONSULT"
        loc = rec.get("event_loc") or {}
        return cls(
            id=rec["id"], doc_id=doc_id, doc=rec.get("doc") or doc_id, published=published,
            start=(rec.get("text_info") or {}).get("start", 0), type=(rec.get("event") or ["?"])[0],
            planned=rec.get("planned"), visit=visit, mclass=modality_class(rec.get("modality")),
            actors=_arg_keys(rec.get("actor")), recipients=_arg_keys(rec.get("recipient")),
            date=rec.get("date"), gran=gran, prov=prov, span=widened(rec.get("date"), gran, prov, visit),
            place_code=loc.get("country_code3"), place_strong=loc.get("resolved_from", "sentence") == "sentence"
            and bool(loc.get("placename")), record=rec,
        )

    @property
    def kind(self) -> str:
        return self.type + (f">{self.planned}" if self.planned else "")

    def blocks(self) -> set[str]:
        keys = {f"S|{self.doc_id}|{self.start}|{self.kind}"}
        for role, args in (("a", self.actors), ("r", self.recipients)):
            for eid, code in args:
                if eid:
                    keys.add(f"{self.kind}|{role}|e:{eid}")
                if code:
                    keys.add(f"{self.kind}|{role}|c:{code}")
        return keys

    def order_key(self) -> tuple:
        return (self.published or "9999", self.doc, self.start, self.id)


def _relation(a: list, b: list) -> str:
    """strong (a shared entity), weak (a shared code), unknown (one side empty, or only described,
    e.g. "para pemimpin") or conflict (named entities on both sides, none shared)."""
    if not a or not b:
        return "unknown"
    if {e for e, _ in a if e} & {e for e, _ in b if e}:
        return "strong"
    if {c for _, c in a if c} & {c for _, c in b if c}:
        return "weak"
    if not any(e for e, _ in a) or not any(e for e, _ in b):
        return "unknown"  # a description without an entity does not contradict a name
    return "conflict"


def _days_apart(a: str | None, b: str | None) -> int | None:
    pa, pb = period(a), period(b)
    if pa is None or pb is None:
        return None
    return abs((pa[0] - pb[0]).days)


def match(a: Report, b: Report) -> bool:
    """Are ``a`` and ``b`` reports of one real-world event? Symmetric; depends on the pair alone."""
    if a.id == b.id:
        return True
    if a.kind != b.kind or a.mclass != b.mclass:
        return False
    if a.doc_id == b.doc_id and _apart_in_article(a, b):
        return False
    ra, rr = _relation(a.actors, b.actors), _relation(a.recipients, b.recipients)
    if "conflict" in (ra, rr):
        return False
    pa = {e for e, _ in a.actors + a.recipients if e}
    pb = {e for e, _ in b.actors + b.recipients if e}
    # within one article, the same two named participants on one date are one event even where a
    # sentence names a slipped place (the speaker's country); across articles two countries part
    # them: the same air force striking the same group in Syria and in Lebanon on one day is two events
    dyad = a.doc_id == b.doc_id and len(pa & pb) >= 2
    if not dyad and a.place_strong and b.place_strong and a.place_code and b.place_code and a.place_code != b.place_code:
        return False
    if "strong" not in (ra, rr):
        return False
    if a.span is not None and b.span is not None:
        return a.span[0] <= b.span[1] and b.span[0] <= a.span[1]
    # an undated report: only a strong match, close in time of publication
    if a.doc_id != b.doc_id:
        gap = _days_apart(a.published, b.published)
        if gap is None or gap > UNDATED_WINDOW_DAYS:
            return False
    if ra != "strong":
        return False
    return rr == "strong" or (a.place_code is not None and a.place_code == b.place_code)


def _apart_in_article(a: Report, b: Report) -> bool:
    """Two reports of one article that the article keeps apart by their dates: different dates of
    the same precision (the July visit and the September one), or a year-only date beside a more
    precise one (``pada Senin`` on a copyright year says 2022, ``pada Juli lalu`` says 2022-07:
    the year cannot tell whether they are one event, and one article does not tell one event
    twice with different precision)."""
    if not (a.date and b.date) or a.start == b.start:
        return False
    ga, gb = GRAN_RANK.get(a.gran or "", 0), GRAN_RANK.get(b.gran or "", 0)
    if (ga == GRAN_RANK["year"]) != (gb == GRAN_RANK["year"]):
        return True
    return ga == gb and a.date != b.date


def cluster_id(first_report_id: str) -> str:
    return "c" + hashlib.sha1(first_report_id.encode("utf-8")).hexdigest()[:19]


# ---------------------------------------------------------------------------- canonical record
def _arg_key(a: dict[str, Any]) -> tuple:
    return (a.get("entity_id"),) if a.get("entity_id") else (a.get("code"), (a.get("identifier_text") or a.get("entity_text") or "").lower())


def _arg_merge(reports: list[Report], role: str) -> list[dict[str, Any]]:
    """The canonical event's parties in ``role``: those its reports agree on, not the union of every
    report's mentions. A party stays when more than half of the reports that name anyone in this
    role name it there (and it is named in this role more often than in the other); when no party
    has that support, the parties of the earliest report that names any."""
    other = "recipient" if role == "actor" else "actor"
    seen: dict[tuple, dict[str, Any]] = {}
    counts: Counter = Counter()
    elsewhere: Counter = Counter()
    naming = [r for r in reports if r.record.get(role)]
    for r in naming:
        for key in {_arg_key(a) for a in r.record.get(role) or []}:
            counts[key] += 1
        for a in r.record.get(role) or []:
            seen.setdefault(_arg_key(a), {k: a.get(k) for k in ("code", "sector", "entity_text", "identifier_id",
                                                                 "identifier_text", "entity_id")})
    for r in reports:
        for key in {_arg_key(a) for a in r.record.get(other) or []}:
            elsewhere[key] += 1
    keep = [k for k, n in counts.items() if 2 * n > len(naming) and n > elsewhere[k]]
    if not keep and naming:
        first = min(naming, key=Report.order_key)
        keep = list(dict.fromkeys(_arg_key(a) for a in first.record.get(role) or []))
    return [seen[k] for k in sorted(keep, key=lambda k: (-counts[k], str(k)))]


def best_date(reports: list[Report]) -> tuple[str | None, dict[str, Any]]:
    """The most precise date consistent with the most others (sentence dates beat context/published ones)."""
    dated = [r for r in reports if r.date and r.span is not None]
    if not dated:
        return None, {"granularity": None, "resolved_from": None}
    freq = Counter(r.date for r in dated)
    # a report's support (the others whose spans overlap its date) depends on its date alone: every
    # report's span covers its own date, so it is the overlap count less the report itself
    spans = Counter(r.span for r in dated)
    support_of: dict[str, int] = {}
    for d in freq:
        p = period(d)
        lo, hi = p[0].toordinal(), p[1].toordinal()
        support_of[d] = sum(n for s, n in spans.items() if s[0] <= hi and lo <= s[1]) - 1

    def key(c: Report):
        support = support_of[c.date]
        strength = GRAN_RANK.get(c.gran or "", 0) - (2 if c.prov == "fallback" else 0) - (0.5 if c.prov == "context" else 0)
        return (-support, -strength, -PROV_RANK.get(c.prov or "text", 0), -freq[c.date], c.date, c.order_key())

    best = min(dated, key=key)
    info = dict(best.record.get("date_info") or {})
    return best.date, {"granularity": best.gran, "resolved_from": info.get("resolved_from"), "text": info.get("text"),
                       "report": best.id, "doc": best.doc}


def _best_place(reports: list[Report]) -> dict[str, Any] | None:
    named = Counter()
    codes = Counter()
    first: dict[Any, dict] = {}
    for r in sorted(reports, key=Report.order_key):
        loc = r.record.get("event_loc") or {}
        if r.place_strong:
            k = (loc.get("placename"), loc.get("country_code3"))
            named[k] += 1
            first.setdefault(k, loc)
        if loc.get("country_code3"):
            codes[loc["country_code3"]] += 1
    if named:
        k = min(named, key=lambda k: (-named[k], str(k)))
        return dict(first[k])
    if codes:
        c = min(codes, key=lambda c: (-codes[c], c))
        return {"placename": None, "country_code3": c, "geonameid": None, "lat": None, "lon": None, "resolved_from": "reports"}
    return None


def _source(r: Report) -> dict[str, Any]:
    ti = r.record.get("text_info") or {}
    return {"id": r.id, "doc": r.doc, "doc_id": r.doc_id, "outlet": r.record.get("outlet"), "published": r.published,
            "start": ti.get("start"), "end": ti.get("end"), "sequence": ti.get("sequence"),
            "date": r.date, "granularity": r.gran, "resolved_from": (r.record.get("date_info") or {}).get("resolved_from"),
            "modality": r.record.get("modality")}


def canonical_record(reports: list[Report]) -> dict[str, Any]:
    """The canonical event of a cluster of reports."""
    reports = sorted(reports, key=Report.order_key)
    first = reports[0]
    cid = cluster_id(first.id)
    date, date_info = best_date(reports)
    figures: dict[str, list[dict[str, Any]]] = {}
    agreed: dict[str, Any] = {}
    for fig in ("dead", "injured", "arrested"):
        vals: dict[Any, list[dict]] = {}
        for r in reports:
            v = r.record.get(fig)
            if v is not None:
                vals.setdefault(v, []).append({"id": r.id, "doc": r.doc, "outlet": r.record.get("outlet")})
        if vals:
            figures[fig] = [{"value": v, "reports": src} for v, src in sorted(vals.items(), key=lambda kv: (-len(kv[1]), str(kv[0])))]
        agreed[fig] = next(iter(vals)) if len(vals) == 1 else None
    amounts: dict[tuple, dict[str, Any]] = {}
    for r in reports:
        for a in r.record.get("amounts") or []:
            k = (a.get("value"), a.get("currency"))
            amounts.setdefault(k, {"value": a.get("value"), "currency": a.get("currency"), "text": a.get("text"), "reports": []})
            amounts[k]["reports"].append({"id": r.id, "doc": r.doc})
    modes = Counter(m for r in reports for m in (r.record.get("mode") or []) if m)
    contexts = sorted({c for r in reports for c in (r.record.get("context") or [])})
    modalities = Counter(r.record.get("modality") or "asserted" for r in reports)
    modality = "asserted" if modalities.get("asserted") else min(modalities, key=lambda m: (-modalities[m], m))
    docs = sorted({r.doc_id for r in reports})
    outlets = sorted({r.record.get("outlet") for r in reports if r.record.get("outlet")})
    rec: dict[str, Any] = {
        "cluster": cid,
        "event": [first.type],
        "mode": [min(modes, key=lambda m: (-modes[m], m))] if modes else [],
        "context": contexts,
        "actor": _arg_merge(reports, "actor"),
        "recipient": _arg_merge(reports, "recipient"),
        "date": date,
        "date_info": date_info,
        "event_loc": _best_place(reports),
        "modality": modality,
        **agreed,
        "figures": figures,
        "amounts": list(amounts.values()),
        "quad_code": first.record.get("quad_code"),
        "reports": len(reports),
        "documents": len(docs),
        "outlets": outlets,
        "sources": [_source(r) for r in reports],
    }
    if first.planned:
        rec["planned"] = first.planned
    return rec


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
