"""Event reports and the rules over them: when two reports are one real-world event
(:func:`match`, explained in ``merge``), and the canonical record of a cluster of reports."""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any


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


def match(a: Report, b: Report, strong: bool = True) -> bool:
    """Are ``a`` and ``b`` reports of one real-world event? Symmetric; depends on the pair alone.
    Without ``strong``: could they be (nothing contradicts, though no named participant is shared)?"""
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
    if strong and "strong" not in (ra, rr):
        return False
    if a.span is not None and b.span is not None:
        return a.span[0] <= b.span[1] and b.span[0] <= a.span[1]
    # an undated report: only a strong match, close in time of publication
    if a.doc_id != b.doc_id:
        gap = _days_apart(a.published, b.published)
        if gap is None or gap > UNDATED_WINDOW_DAYS:
            return False
    if not strong:
        return True
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


def rank(r: Report) -> tuple:
    """The order in which reports are placed (and the earliest of a canonical event is its anchor):
    the best-described first (named participants, up to a pair; date precision; how the date is
    known), then by publication (:meth:`Report.order_key`)."""
    named = len({e for e, _ in r.actors + r.recipients if e})
    return (-min(named, 2), -GRAN_RANK.get(r.gran or "", 0), -PROV_RANK.get(r.prov or "", -1), r.order_key())


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
    cid = cluster_id(min(reports, key=rank).id)
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
