#!/usr/bin/env python3
"""Date errors of warta's events on the corpus training folds, tabulated by cause.

usage: python3 scripts/eval_dates.py [--folds 0,1,2,3,4] [--show CAUSE] [--limit N] [--json] [--rules]

Runs warta (the shipped models) on the articles of the chosen folds of `corpus/splits.json`
(never the test split), matches predicted to gold events as ``score.py --strict`` does (best
pairs first: agreeing type, overlapping evidence sentence, agreeing actor codes), and, among
matched gold events with a date, sorts each wrong date into one cause (see :func:`cause`).
``--show CAUSE`` prints the sentence, the gold date and text and the predicted date of the
errors of that cause.

The shipped choice of context dates (``analyse/temporal_context.py``) was trained on these folds,
so its figure here is in-sample: ``--rules`` leaves it out (the rules' choices alone), and
``crossval.py`` gives the out-of-fold figure.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def match(gold_events: list[dict], pred_events: list[dict]) -> list[tuple[dict, dict]]:
    """(gold, predicted) pairs as the strict scorer pairs them."""
    from warta.evaluate import match_events

    return [(gold_events[i], pred_events[j]) for i, j in match_events(gold_events, pred_events, strict=True)]


def _in(needle: str | None, hay: str) -> bool:
    return bool(needle) and " ".join(needle.split()).lower() in " ".join(hay.split()).lower()


def cause(g: dict, p: dict) -> str:
    """Why the predicted date of ``p`` disagrees with the gold date of ``g`` (one label)."""
    gd, pd = g["date"], p.get("date")
    info = p.get("date_info") or {}
    src = str(info.get("resolved_from") or "")
    sent = g.get("sentence") or ""
    gtext_here = _in(g.get("date_text"), sent)
    if not pd:
        return "no date predicted (gold text in sentence)" if gtext_here else "no date predicted (gold from context)"
    if pd.startswith(gd[:4]) and len(pd) < len(gd) and gd.startswith(pd):
        return "too coarse (" + ("publication month fallback" if src.startswith("published (month") else src) + ")"
    if src.startswith("published (month"):
        return "publication month fallback, gold another month"
    if pd[:4] != gd[:4] and pd[4:] == gd[4:] and len(gd) == 10:
        return "right day-month, wrong year"
    ptext = info.get("text")
    if src == "context":
        return "carried from context/neighbour" + (" (gold text in sentence)" if gtext_here else "")
    if ptext and (_in(ptext, g.get("date_text") or "") or _in(g.get("date_text"), ptext)):
        kind = "weekday" if re.search(r"(?i)senin|selasa|rabu|kamis|jumat|sabtu|minggu", ptext or "") else "other"
        return f"right expression, wrong resolution ({kind})"
    if gtext_here:
        return "wrong expression picked in sentence"
    return "own expression, gold dates it from context"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", default="0,1,2,3,4")
    ap.add_argument("--show", default=None, help="print the errors whose cause starts with this")
    ap.add_argument("--limit", type=int, default=30)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--rules", action="store_true", help="without the learned choice of context dates")
    a = ap.parse_args()
    import warta
    from warta.analyse import temporal_context

    if a.rules:
        temporal_context.use(None)

    splits = json.loads((CORPUS / "splits.json").read_text())
    docs = sorted(set().union(*(set(splits["folds"][int(k)]) for k in a.folds.split(","))) - set(splits["test"]))
    gold = {g["doc"]: g for g in read_jsonl(CORPUS / "gold.jsonl")}
    inputs = {x["id"]: x for x in read_jsonl(CORPUS / "input.jsonl")}
    causes: collections.Counter = collections.Counter()
    shown: list[str] = []
    right = total = 0
    by_source: collections.Counter = collections.Counter()
    for d in docs:
        x = inputs[d]
        pred = warta.analyze(x["text"], published=x.get("published"), doc=d, source=x.get("source"),
                             url=x.get("url")).to_dict()
        for g, p in match(gold[d]["events"], pred.get("events") or []):
            if not g.get("date"):
                continue
            total += 1
            pd = p.get("date")
            src = str((p.get("date_info") or {}).get("resolved_from") or "none")[:20]
            ok = bool(pd) and pd[:len(g["date"])] == g["date"]
            by_source[(src, ok)] += 1
            if ok:
                right += 1
                continue
            c = cause(g, p)
            causes[c] += 1
            if a.show and c.startswith(a.show) and len(shown) < a.limit:
                shown.append(f"[{d[:40]} pub {x.get('published')} ({dt.date.fromisoformat(x['published']).strftime('%a')})] "
                             f"gold {g['date']} {g.get('date_text')!r} pred {pd} {p.get('date_info')} "
                             f"{g['event']}/{g.get('modality')}\n    {g.get('sentence')}")
    print(f"matched gold events with a date: {total}; date right: {right} ({right / max(total, 1):.3f})")
    for c, n in causes.most_common():
        print(f"{n:5d}  {c}")
    print("by source of the predicted date (right/total):")
    for src in sorted({k for k, _ in by_source}):
        print(f"  {src:22s} {by_source[(src, True)]:4d}/{by_source[(src, True)] + by_source[(src, False)]}")
    for s in shown:
        print(s)
    if a.json:
        print(json.dumps({"total": total, "right": right, "causes": dict(causes)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
