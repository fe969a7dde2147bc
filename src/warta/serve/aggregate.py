"""Small aggregations the server builds from event records until the store offers its own.

* :func:`timeline`: an actor's events (as actor or recipient) ordered by date, with counts per
  period and type: ``GET /api/timeline`` and the timeline chart.
* :func:`graph`: the actor network from actor -> recipient pairs: nodes are entities (or codes,
  or names when nothing is linked), edges carry counts by PLOVER type and quad class.
* :func:`counterparts`: who an entity deals with, and how often.
* :func:`highlight`: an article's text as escaped HTML with an event's evidence sentence,
  trigger, actor and recipient marked.

Every function takes plain event records (``output.md``), so that the store can later answer
the same questions itself (stories, timelines, the actor graph) and these slot out.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

from ..store.shared import node_of

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


# --------------------------------------------------------------------------- helpers
def iso_date(date: str | None) -> str | None:
    """``2023``/``2023-07``/``2023-07-05`` as a full ISO day (first of the period) for chart axes."""
    if not date:
        return None
    parts = date.split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 1
        d = int(parts[2][:2]) if len(parts) > 2 else 1
    except ValueError:
        return None
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def period(date: str | None, granularity: str = "month") -> str | None:
    """The period a date falls in: ``YYYY-MM`` (month) or ``YYYY`` (year); None when unknown."""
    if not date:
        return None
    if granularity == "year" or len(date) < 7:
        return date[:4]
    return date[:7]


def node_key(arg: dict[str, Any]) -> str | None:
    """How an actor/recipient argument is known in the graph: entity id, else code, else name
    (the store's ``node`` column is made the same way)."""
    return node_of(arg)


def node_label(arg: dict[str, Any]) -> str:
    return str(arg.get("identifier_text") or arg.get("entity_text") or arg.get("code") or "?")


def involves(rec: dict[str, Any], key: str, roles: Iterable[str] = ("actor", "recipient")) -> bool:
    """Does ``rec`` have an argument known as ``key`` (entity id, code or name, case-insensitive)?"""
    low = key.lower()
    for role in roles:
        for a in rec.get(role) or []:
            for v in (a.get("entity_id"), a.get("code"), a.get("identifier_text"), a.get("entity_text")):
                if v and str(v).lower() == low:
                    return True
            if node_key(a) == key:
                return True
    return False


def _type(rec: dict[str, Any]) -> str:
    return (rec.get("event") or ["?"])[0]


def _sort_key(rec: dict[str, Any]) -> tuple:
    return (rec.get("date") is None, rec.get("date") or "", rec.get("doc") or "", (rec.get("text_info") or {}).get("sequence", 0))


# --------------------------------------------------------------------------- timeline
def timeline(records: Iterable[dict[str, Any]], roles: dict[str, str] | None = None, granularity: str = "month",
             actor: str | None = None, with_: str | None = None,
             counts: Iterable[tuple[str, str, int]] | None = None, total: int | None = None) -> dict[str, Any]:
    """Events ordered by date (each with its ``role`` from ``roles``: event id -> actor|recipient),
    and counts per period and type. The caller picks the events (e.g. an actor's, as actor and as
    recipient); ``actor``/``with_`` are only echoed back. ``counts`` ((period, type, n), from
    :meth:`warta.Store.event_counts`) and ``total`` give the series over every matching event when
    ``records`` is only the latest page of them.
    """
    roles = roles or {}
    seen: set[str] = set()
    items = []
    for rec in sorted(records, key=_sort_key):
        if rec.get("id") in seen:
            continue
        seen.add(rec.get("id"))
        items.append({
            "id": rec.get("id"), "doc": rec.get("doc"), "date": rec.get("date"), "day": iso_date(rec.get("date")),
            "granularity": (rec.get("date_info") or {}).get("granularity"), "type": _type(rec),
            "quad_code": rec.get("quad_code"), "modality": rec.get("modality"), "role": roles.get(rec.get("id")),
            "actor": [node_label(a) for a in rec.get("actor") or []],
            "recipient": [node_label(a) for a in rec.get("recipient") or []],
            "sentence": (rec.get("text_info") or {}).get("sentence"),
        })
    by_period: dict[str, Counter] = defaultdict(Counter)
    if counts is None:
        for it in items:
            p = period(it["date"], granularity)
            if p:
                by_period[p][it["type"]] += 1
    else:
        for p, t, n in counts:
            if p:
                by_period[p][t] += n
    series = [{"period": p, "total": sum(by_period[p].values()) if p in by_period else 0,
               "types": dict(sorted(by_period[p].items())) if p in by_period else {}}
              for p in _all_periods(sorted(by_period), granularity)]
    dated = sum(s["total"] for s in series)
    return {"actor": actor, "with": with_, "granularity": granularity, "events": items, "series": series,
            "total": total if total is not None else len(items),
            "undated": (total - dated) if total is not None else sum(1 for it in items if not it["date"])}


#: at most this many periods are drawn: a stray date centuries away must not make a million bars
MAX_PERIODS = 2400


def _all_periods(present: list[str], granularity: str) -> list[str]:
    """Every period from the first to the last of ``present``: the months (or years) with no event
    are there too, with a count of zero, so that gaps in time stay visible."""
    if len(present) < 2:
        return present
    if granularity == "year":
        lo, hi = int(present[0]), int(present[-1])
        if hi - lo >= MAX_PERIODS:
            return present
        return [f"{y:04d}" for y in range(lo, hi + 1)]
    (y0, m0), (y1, m1) = ((int(p[:4]), int(p[5:7])) for p in (present[0], present[-1]))
    n = (y1 - y0) * 12 + (m1 - m0)
    if n >= MAX_PERIODS:
        return present
    out = []
    for k in range(n + 1):
        y, m = divmod(m0 - 1 + k, 12)
        out.append(f"{y0 + y:04d}-{m + 1:02d}")
    return out


# --------------------------------------------------------------------------- graph
def graph(records: Iterable[dict[str, Any]], min_count: int = 1, max_nodes: int | None = None) -> dict[str, Any]:
    """The actor network: ``{"nodes": [...], "edges": [...]}`` from actor -> recipient pairs.

    Nodes: ``id``, ``label``, ``code``, ``sector``, ``entity_id``, ``events`` (how many events
    it takes part in). Edges: ``source``, ``target``, ``count``, ``types`` {PLOVER type: n},
    ``quad`` {quad class: n}, ``events`` (a few event ids).
    """
    nodes: dict[str, dict[str, Any]] = {}
    part: Counter = Counter()
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for rec in records:
        actors = [(node_key(a), a) for a in rec.get("actor") or []]
        recips = [(node_key(a), a) for a in rec.get("recipient") or []]
        involved = set()
        for k, a in actors + recips:
            if not k:
                continue
            involved.add(k)
            n = nodes.setdefault(k, {"id": k, "label": node_label(a), "code": a.get("code"), "sector": a.get("sector"),
                                     "entity_id": a.get("entity_id")})
            n["code"] = n["code"] or a.get("code")
            n["sector"] = n["sector"] or a.get("sector")
        for k in involved:
            part[k] += 1
        for ka, _ in actors:
            for kr, _ in recips:
                if not ka or not kr or ka == kr:
                    continue
                e = edges.setdefault((ka, kr), {"id": f"{ka}->{kr}", "source": ka, "target": kr, "count": 0,
                                                "types": Counter(), "quad": Counter(), "events": []})
                e["count"] += 1
                e["types"][_type(rec)] += 1
                if rec.get("quad_code") is not None:
                    e["quad"][str(rec["quad_code"])] += 1
                if len(e["events"]) < 20:
                    e["events"].append(rec.get("id"))
    for k, n in nodes.items():
        n["events"] = part[k]
    return _finish_graph(list(nodes.values()), list(edges.values()), min_count, max_nodes)


def _finish_graph(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], min_count: int,
                  max_nodes: int | None) -> dict[str, Any]:
    """Drop edges seen fewer than ``min_count`` times (and, then, nodes on no edge), keep the
    ``max_nodes`` most active nodes and the edges between them; counters become sorted dicts."""
    edge_list = [e for e in edges if e["count"] >= min_count]
    keep = {k for e in edge_list for k in (e["source"], e["target"])}
    node_list = sorted((n for n in nodes if n["id"] in keep or min_count <= 1), key=lambda n: (-n["events"], n["label"]))
    total_nodes = len(node_list)
    if max_nodes is not None and len(node_list) > max_nodes:
        node_list = node_list[:max_nodes]
    ids = {n["id"] for n in node_list}
    edge_list = [e for e in edge_list if e["source"] in ids and e["target"] in ids]
    for e in edge_list:
        e["types"] = dict(sorted(e["types"].items()))
        e["quad"] = dict(sorted(e["quad"].items()))
        q = Counter({int(k): v for k, v in e["quad"].items()})
        e["main_quad"] = q.most_common(1)[0][0] if q else None
    edge_list.sort(key=lambda e: (-e["count"], e["id"]))
    return {"nodes": node_list, "edges": edge_list, "total_nodes": total_nodes}


def graph_from_counts(pairs: Iterable[dict[str, Any]], parties: Iterable[dict[str, Any]], min_count: int = 1,
                      max_nodes: int | None = None) -> dict[str, Any]:
    """:func:`graph`'s answer from counts the database made (:meth:`warta.Store.actor_pairs` rows
    and :meth:`warta.Store.party_counts` rows) instead of from every record."""
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for p in pairs:
        e = edges.setdefault((p["source"], p["target"]), {"id": f"{p['source']}->{p['target']}", "source": p["source"],
                                                          "target": p["target"], "count": 0, "types": Counter(),
                                                          "quad": Counter(), "events": []})
        e["count"] += p["count"]
        e["types"][p["type"]] += p["count"]
        if p.get("quad_code") is not None:
            e["quad"][str(p["quad_code"])] += p["count"]
        if p.get("event") and len(e["events"]) < 20:
            e["events"].append(p["event"])
    nodes = [{"id": n["id"], "label": node_label(n), "code": n.get("code"), "sector": n.get("sector"),
              "entity_id": n.get("entity_id"), "events": n["events"]} for n in parties]
    return _finish_graph(nodes, list(edges.values()), min_count, max_nodes)


def counterparts(records: Iterable[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Who the party known as ``key`` acts on and is acted on by: label, counts by direction and type."""
    out: dict[str, dict[str, Any]] = {}
    for rec in records:
        for mine, other in (("actor", "recipient"), ("recipient", "actor")):
            if not involves(rec, key, (mine,)):
                continue
            for a in rec.get(other) or []:
                k = node_key(a)
                if not k or k == key or involves({"actor": [a]}, key, ("actor",)):
                    continue
                c = out.setdefault(k, {"id": k, "label": node_label(a), "code": a.get("code"), "entity_id": a.get("entity_id"),
                                       "as_actor": 0, "as_recipient": 0, "types": Counter()})
                c["as_actor" if mine == "actor" else "as_recipient"] += 1
                c["types"][_type(rec)] += 1
    res = []
    for c in out.values():
        c["count"] = c["as_actor"] + c["as_recipient"]
        c["types"] = dict(c["types"].most_common())
        res.append(c)
    return sorted(res, key=lambda c: (-c["count"], c["label"]))


# --------------------------------------------------------------------------- highlighting
def _span(d: dict[str, Any] | None, text: str, within: tuple[int, int], fallback: str | None) -> tuple[int, int] | None:
    """A valid (start, end) for a mark: the record's offsets, else the first occurrence of its words."""
    lo, hi = within
    if d:
        s, e = d.get("start"), d.get("end")
        if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text):
            return s, e
    if fallback:
        i = text.find(fallback, lo, hi)
        if i >= 0:
            return i, i + len(fallback)
    return None


def marks_for(event: dict[str, Any], text: str) -> list[tuple[int, int, str]]:
    """The spans to mark for one event: (start, end, kind), kind in evidence|trigger|actor|recipient."""
    ti = event.get("text_info") or {}
    s, e = ti.get("start"), ti.get("end")
    marks: list[tuple[int, int, str]] = []
    if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text):
        sent = (s, e)
        marks.append((s, e, "evidence"))
    else:
        sent = (0, len(text))
    trig = event.get("trigger") if isinstance(event.get("trigger"), dict) else None
    t = _span(trig, text, sent, (trig or {}).get("text") or next(iter(event.get("event_text") or []), None))
    if t:
        marks.append((*t, "trigger"))
    for role in ("actor", "recipient"):
        for a in event.get(role) or []:
            sp = _span(a, text, sent, a.get("entity_text"))
            if sp:
                marks.append((*sp, role))
    return marks


def highlight(text: str, marks: list[tuple[int, int, str]]) -> Markup:
    """``text`` as escaped HTML with ``<mark class="hl hl-KIND">`` around each span.

    The ``evidence`` span is the outer mark; the others nest inside it (clipped to it) and
    never overlap one another (a later overlapping span is dropped).
    """
    outer = next(((s, e) for s, e, k in marks if k == "evidence"), None)
    inner: list[tuple[int, int, str]] = []
    for s, e, k in sorted((m for m in marks if m[2] != "evidence"), key=lambda m: (m[0], -m[1])):
        if outer and (s < outer[0] < e or s < outer[1] < e):  # straddles the sentence edge: clip
            s, e = max(s, outer[0]), min(e, outer[1])
        if s >= e or any(s < pe and ps < e for ps, pe, _ in inner):
            continue
        inner.append((s, e, k))
    inner.sort()

    def tag(kind: str, body: Markup) -> Markup:
        ident = Markup(' id="evidence"') if kind == "evidence" else Markup("")
        return Markup('<mark class="hl hl-{0}" data-kind="{0}"{1}>').format(kind, ident) + body + Markup("</mark>")

    def render(lo: int, hi: int) -> Markup:
        out = Markup("")
        pos = lo
        for s, e, k in inner:
            if s < lo or e > hi:
                continue
            out += escape(text[pos:s]) + tag(k, escape(text[s:e]))
            pos = e
        return out + escape(text[pos:hi])

    if outer:
        return render(0, outer[0]) + tag("evidence", render(outer[0], outer[1])) + render(outer[1], len(text))
    return render(0, len(text))


def snippet_html(snippet: str | None, marks=()) -> Markup:
    """A search snippet as escaped HTML, the matched words (``marks``: offsets into it) in ``<mark>``."""
    if not snippet:
        return Markup("")
    out, pos = Markup(""), 0
    for s, e in sorted(marks or ()):
        if s < pos or e > len(snippet):
            continue
        out += escape(snippet[pos:s]) + Markup("<mark>") + escape(snippet[s:e]) + Markup("</mark>")
        pos = e
    return out + escape(snippet[pos:])
