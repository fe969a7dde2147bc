"""Score warta's output against analyst annotations (the gold format of ``spec/gold-format.md``).

The measures are those the project is judged by:

* ``type_macro_f1``: per-article sets of PLOVER types, F1 per type, averaged over types
  (a predicted type listed in a gold event's ``alt`` counts as that event's type);
* ``event_p_r_f1``: events matched one to one, best pairs first; a pair needs an agreeing
  type (or alt) and, where gold names actor/recipient countries, one of them among the
  predicted actor or recipient codes;
* over matched pairs: ``date_acc`` (prefix agreement at gold precision), ``location_acc``
  (country code of the event place), ``modality_acc`` (mean of per-class accuracy),
  ``actor_name_acc``;
* ``evidence_verbatim``: the share of predicted events whose offsets slice their sentence
  out of the article text;
* ``entity_p_r_f1``: predicted entities matched to gold entities sharing a surface form.

With ``strict`` (``warta evaluate --strict``, ``score.py --strict``) a predicted event stands
for a gold event only when their evidence sentences overlap (one contains the other), so that
a right type read from the wrong sentence does not count.

Use :func:`score` on parsed records, or ``warta evaluate GOLD PRED --texts DIR``.
"""
from __future__ import annotations

import json
import os
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


def _norm(s: Any) -> str:
    s = unicodedata.normalize("NFKD", str(s or "")).encode("ascii", "ignore").decode()
    return " ".join(s.lower().replace("-", " ").split())


def _list(x: Any) -> list:
    if x is None:
        return []
    return x if isinstance(x, list) else [x]


def _codes(actors: Any) -> set[str]:
    return {a["code"] for a in _list(actors) if isinstance(a, dict) and a.get("code")}


def _names(actors: Any) -> set[str]:
    out = set()
    for a in _list(actors):
        if isinstance(a, dict):
            for k in ("identifier_text", "name", "entity_text"):
                if a.get(k):
                    out.add(_norm(a[k]))
    return out


def _date(ev: dict) -> str | None:
    d = ev.get("date")
    if isinstance(d, dict):
        d = d.get("value")
    return str(d) if d else None


def _loc_code(ev: dict) -> str | None:
    loc = ev.get("event_loc") or {}
    return loc.get("country_code3") if isinstance(loc, dict) else None


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _sentence(ev: dict) -> str:
    ti = ev.get("text_info") or {}
    s = ev.get("sentence") or (ti.get("sentence") if isinstance(ti, dict) else None) or ""
    return " ".join(str(s).split())


def same_evidence(g: dict, p: dict) -> bool:
    """Whether the gold and predicted evidence sentences overlap (one contains the other)."""
    gs, ps = _sentence(g), _sentence(p)
    return not gs or (bool(ps) and (gs in ps or ps in gs))


def _pair_score(g: dict, p: dict, strict: bool = False) -> int:
    if not ({t for t in _list(p.get("event")) if t} & {g["event"], *g.get("alt", [])}):
        return 0
    if strict and not same_evidence(g, p):
        return 0
    gac, grc = _codes(g.get("actor")), _codes(g.get("recipient"))
    pac, prc = _codes(p.get("actor")), _codes(p.get("recipient"))
    if (gac and not gac & (pac | prc)) or (grc and not grc & (prc | pac)):
        return 0
    s = 1 + bool(gac & pac) + bool(grc & prc) + bool(_names(g.get("actor")) & _names(p.get("actor")))
    pd = _date(p)
    return s + bool(g.get("date") and pd and pd[:len(g["date"])] == g["date"])


def match_events(gold_events: list[dict], pred_events: list[dict], strict: bool = False) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) as the scorer makes them: the best-scoring
    pairs first (:func:`_pair_score`), each event used once, no pair that scores 0."""
    pairs = sorted(((_pair_score(ge, p, strict), i, j) for i, ge in enumerate(gold_events)
                    for j, p in enumerate(pred_events)), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for s, i, j in pairs:
        if s == 0 or i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j))
    return out


def group_predictions(records: Iterable[dict]) -> tuple[dict[str, list], dict[str, list]]:
    """Events and entities by document key, from document records or flat event records."""
    events: dict[str, list] = defaultdict(list)
    entities: dict[str, list] = defaultdict(list)
    for rec in records:
        key = os.path.basename(str(rec.get("doc") or ""))
        if "events" in rec or "entities" in rec:
            for ev in rec.get("events") or []:
                events[os.path.basename(str(ev.get("doc") or key))].append(ev)
            entities[key].extend(rec.get("entities") or [])
        else:
            events[key].append(rec)
    return events, entities


def score(gold: list[dict], pred_events: dict[str, list], pred_entities: dict[str, list],
          texts: dict[str, str] | None = None, strict: bool = False) -> dict[str, Any]:
    """The measures of the module docstring for gold records against predictions by document."""
    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    ev = [0, 0, 0]
    ent = [0, 0, 0]
    dates, locs, named, evid = [0, 0], [0, 0], [0, 0], [0, 0]
    modal: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for g in gold:
        doc = g["doc"]
        pe = pred_events.get(doc, [])
        labels = {e["event"] for e in g["events"]}
        got: set[str] = set()
        for p in pe:
            for t in (t for t in _list(p.get("event")) if t):
                if t not in labels:
                    sub = [e["event"] for e in g["events"] if t in e.get("alt", []) and e["event"] not in got]
                    t = sub[0] if sub else t
                got.add(t)
        for t in labels | got:
            c = per_type[t]
            c[0] += t in labels and t in got
            c[1] += t in got and t not in labels
            c[2] += t in labels and t not in got
        matched = match_events(g["events"], pe, strict)
        for i, j in matched:
            ge, p = g["events"][i], pe[j]
            if ge.get("date"):
                dates[1] += 1
                pd = _date(p)
                dates[0] += bool(pd) and pd[:len(ge["date"])] == ge["date"]
            if ge.get("location_code"):
                locs[1] += 1
                locs[0] += _loc_code(p) == ge["location_code"]
            if ge.get("modality"):
                modal[ge["modality"]][1] += 1
                modal[ge["modality"]][0] += (p.get("modality") or "asserted") == ge["modality"]
            gn = _names(ge.get("actor"))
            if gn:
                named[1] += 1
                named[0] += bool(gn & _names(p.get("actor")))
        ev[0] += len(matched)
        ev[2] += len(g["events"]) - len(matched)
        ev[1] += len(pe) - len(matched)
        if texts is not None and doc in texts:
            _score_evidence(texts[doc], pe, evid)
        if g.get("entities") is not None:
            _score_entities(g["entities"], pred_entities.get(doc, []), ent)
    rows = {t: _f1(*per_type[t]) for t in TYPES if any(per_type[t])}
    return {
        "docs": len(gold),
        "gold_events": sum(len(g["events"]) for g in gold),
        "pred_events": sum(len(pred_events.get(g["doc"], [])) for g in gold),
        "type_macro_f1": round(sum(r[2] for r in rows.values()) / len(rows), 3) if rows else 0.0,
        "event_p_r_f1": [round(x, 3) for x in _f1(*ev)],
        "date_acc": round(dates[0] / dates[1], 3) if dates[1] else None,
        "location_acc": round(locs[0] / locs[1], 3) if locs[1] else None,
        "modality_acc": round(sum(a / b for a, b in modal.values()) / len(modal), 3) if modal else None,
        "actor_name_acc": round(named[0] / named[1], 3) if named[1] else None,
        "evidence_verbatim": round(evid[0] / evid[1], 3) if evid[1] else None,
        "entity_p_r_f1": [round(x, 3) for x in _f1(*ent)],
        "per_type_f1": {t: round(r[2], 3) for t, r in rows.items()},
    }


def _score_evidence(text: str, pe: list[dict], evid: list[int]) -> None:
    """Count into ``evid`` (verbatim, all) the predictions whose evidence sentence is the text at its offsets."""
    for p in pe:
        evid[1] += 1
        ti = p.get("text_info") or {}
        st, en = ti.get("start"), ti.get("end")
        ok = isinstance(st, int) and isinstance(en, int) and 0 <= st < en <= len(text)
        evid[0] += bool(ok and text[st:en] == ti.get("sentence"))


def _score_entities(gold_entities: list[dict], predicted: list[dict], ent: list[int]) -> None:
    """Count into ``ent`` (tp, fp, fn) the predicted entities that match a gold one by any form."""
    gold_forms = [({_norm(e["name"])} | {_norm(a) for a in e.get("aliases", [])}) for e in gold_entities
                  if e.get("type") in ("PER", "ORG", "GPE", "LOC")]
    hit: set[int] = set()
    for e in predicted:
        forms = {_norm(e.get("name"))} | {_norm(a) for a in e.get("aliases", [])}
        forms |= {_norm(m.get("text")) for m in e.get("mentions", []) if isinstance(m, dict)}
        forms.discard("")
        if not forms:
            continue
        k = next((i for i, gf in enumerate(gold_forms) if i not in hit and gf & forms), None)
        if k is None:
            ent[1] += 1
        else:
            hit.add(k)
            ent[0] += 1
    ent[2] += len(gold_forms) - len(hit)

def load_jsonl(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def score_files(gold_path: str, pred_path: str, texts_dir: str | None = None, strict: bool = False) -> dict[str, Any]:
    """:func:`score` on a gold file and a prediction file (documents or plover format)."""
    gold = load_jsonl(gold_path)
    events, entities = group_predictions(load_jsonl(pred_path))
    texts = None
    if texts_dir:
        texts = {}
        for g in gold:
            p = os.path.join(texts_dir, g["doc"])
            if os.path.exists(p):
                with open(p, encoding="utf-8") as f:
                    texts[g["doc"]] = f.read()
    result = score(gold, events, entities, texts, strict)
    predicted = set(events) | set(entities)
    result["gold_docs_without_prediction"] = sorted({g["doc"] for g in gold} - predicted)
    return result
