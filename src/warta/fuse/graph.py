"""The actor network: actors as nodes, their interactions (canonical events) as directed edges.

Each edge (actor -> recipient) counts the canonical events between the two, by PLOVER type
and by quad class (cooperation: quad 1-2; conflict: quad 3-4), and the reports behind them.
Built from the canonical events, so it follows every new article without reprocessing.
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Any, Iterable
from xml.sax.saxutils import escape, quoteattr

PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "SANCTION", "THREATEN", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT"]


def node_key(a: dict[str, Any]) -> str | None:
    if a.get("entity_id"):
        return a["entity_id"]
    name = a.get("identifier_text") or a.get("entity_text")
    if not name:
        return None
    return f"{a.get('code') or '-'}:{name.lower()}"


def build(canonical: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """{"nodes": [...], "edges": [...], "summary": {...}} from canonical event records."""
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for rec in canonical:
        t = rec["event"][0]
        quad = rec.get("quad_code")
        acts = [(node_key(a), a) for a in rec.get("actor") or []]
        recs = [(node_key(a), a) for a in rec.get("recipient") or []]
        for k, a in acts + recs:
            if k is None:
                continue
            n = nodes.setdefault(k, {"id": k, "name": a.get("identifier_text") or a.get("entity_text"),
                                     "code": a.get("code"), "sector": a.get("sector"), "events": 0})
            n["events"] += 1
        for ka, _ in acts:
            for kr, _ in recs:
                if ka is None or kr is None or ka == kr:
                    continue
                e = edges.setdefault((ka, kr), {"source": ka, "target": kr, "events": 0, "reports": 0,
                                                "cooperation": 0, "conflict": 0, "types": Counter()})
                e["events"] += 1
                e["reports"] += rec.get("reports") or 1
                e["types"][t] += 1
                if quad in (1, 2):
                    e["cooperation"] += 1
                elif quad in (3, 4):
                    e["conflict"] += 1
    neighbours: dict[str, set[str]] = {k: set() for k in nodes}
    for (a, b) in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    for k, n in nodes.items():
        n["degree"] = len(neighbours[k])
    dyads: Counter = Counter()
    dyad_detail: dict[tuple[str, str], dict[str, int]] = {}
    for (a, b), e in edges.items():
        key = tuple(sorted((a, b)))
        dyads[key] += e["events"]
        d = dyad_detail.setdefault(key, {"cooperation": 0, "conflict": 0})
        d["cooperation"] += e["cooperation"]
        d["conflict"] += e["conflict"]
    edge_list = [dict(e, types=dict(sorted(e["types"].items()))) for _, e in sorted(edges.items())]
    node_list = sorted(nodes.values(), key=lambda n: n["id"])
    summary = {
        "nodes": len(node_list),
        "edges": len(edge_list),
        "events": sum(e["events"] for e in edge_list),
        "cooperation": sum(e["cooperation"] for e in edge_list),
        "conflict": sum(e["conflict"] for e in edge_list),
        "top_degree": [{"id": n["id"], "name": n["name"], "degree": n["degree"]}
                       for n in sorted(node_list, key=lambda n: (-n["degree"], n["id"]))[:10]],
        "strongest_dyads": [{"a": nodes[a]["name"], "b": nodes[b]["name"], "a_id": a, "b_id": b, "events": c,
                             **dyad_detail[(a, b)]}
                            for (a, b), c in sorted(dyads.items(), key=lambda kv: (-kv[1], kv[0]))[:10]],
    }
    return {"nodes": node_list, "edges": edge_list, "summary": summary}


def to_json(g: dict[str, Any]) -> str:
    return json.dumps(g, ensure_ascii=False, indent=1)


def to_graphml(g: dict[str, Any]) -> str:
    """GraphML (directed), with per-type counts as edge attributes ``t_<TYPE>``."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">']
    node_attrs = [("name", "string"), ("code", "string"), ("sector", "string"), ("events", "int"), ("degree", "int")]
    edge_attrs = [("events", "int"), ("reports", "int"), ("cooperation", "int"), ("conflict", "int")]
    for name, typ in node_attrs:
        out.append(f'  <key id="n_{name}" for="node" attr.name="{name}" attr.type="{typ}"/>')
    for name, typ in edge_attrs:
        out.append(f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{typ}"/>')
    for t in PLOVER_TYPES:
        out.append(f'  <key id="t_{t}" for="edge" attr.name="{t}" attr.type="int"><default>0</default></key>')
    out.append('  <graph id="warta" edgedefault="directed">')
    for n in g["nodes"]:
        out.append(f'    <node id={quoteattr(n["id"])}>')
        for name, _ in node_attrs:
            if n.get(name) is not None:
                out.append(f'      <data key="n_{name}">{escape(str(n[name]))}</data>')
        out.append('    </node>')
    for i, e in enumerate(g["edges"]):
        out.append(f'    <edge id="e{i}" source={quoteattr(e["source"])} target={quoteattr(e["target"])}>')
        for name, _ in edge_attrs:
            out.append(f'      <data key="e_{name}">{e[name]}</data>')
        for t, c in e["types"].items():
            if t in PLOVER_TYPES:
                out.append(f'      <data key="t_{t}">{c}</data>')
        out.append('    </edge>')
    out.append('  </graph>')
    out.append('</graphml>')
    return "\n".join(out) + "\n"
