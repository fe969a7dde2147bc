#!/usr/bin/env python
"""Pairwise evaluation of cross-article event merging on the dev articles.

Reads the dev articles from ../shared (at run time only; nothing of them is kept in the repo),
ingests them into a fresh store (or uses --db), and scores the hand-annotated pairs of
tests/data/merge_pairs.jsonl: a pair is predicted "same" when its two reports (doc, sentence
offsets, type) lie in one canonical event. Prints pairwise precision and recall of "same",
the misjudged pairs, and the record-to-event ratio (event records / canonical events).

    python scripts/eval_merge.py [--shared ../shared] [--db sqlite:///dev.db] [--json]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def score_pairs(store, pairs_path) -> tuple[dict, list[dict], list[dict]]:
    """Score the annotated pairs against the store's canonical events: (figures, misjudged pairs,
    pairs with a report the coder no longer codes)."""
    recs = store.events(limit=None, order="doc")
    by_key: dict[tuple, list[dict]] = {}
    for r in recs:
        ti = r["text_info"]
        by_key.setdefault((r["doc"], ti["start"], ti["end"], r["event"][0]), []).append(r)
    tp = fp = fn = tn = 0
    missing, wrong = [], []
    for line in open(pairs_path, encoding="utf-8"):
        p = json.loads(line)
        ra = by_key.get((p["a"]["doc"], p["a"]["start"], p["a"]["end"], p["a"]["type"]), [])
        rb = by_key.get((p["b"]["doc"], p["b"]["start"], p["b"]["end"], p["b"]["type"]), [])
        if not ra or not rb:
            missing.append(p)
        same_pred = bool({x["cluster"] for x in ra} & {x["cluster"] for x in rb})
        gold = p["label"] == "same"
        tp += same_pred and gold
        fp += same_pred and not gold
        fn += (not same_pred) and gold
        tn += (not same_pred) and not gold
        if same_pred != gold:
            wrong.append(p)
    counts = store.link_counts()
    res = {
        "pairs": tp + fp + fn + tn, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "precision": round(tp / (tp + fp), 3) if tp + fp else None,
        "recall": round(tp / (tp + fn), 3) if tp + fn else None,
        "records": counts["events"], "canonical_events": counts["canonical_events"],
        "record_to_event_ratio": round(counts["events"] / max(counts["canonical_events"], 1), 3),
        "stories": counts["stories"], "near_duplicates": counts["near_duplicates"],
        "missing_reports": len(missing),
    }
    return res, wrong, missing


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared folder (default ../shared)")
    ap.add_argument("--db", default=None, help="use this already filled store instead of ingesting afresh")
    ap.add_argument("--pairs", default=str(ROOT / "tests" / "data" / "merge_pairs.jsonl"))
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    a = ap.parse_args(argv)

    from warta.api import ingest
    from warta.store.store import Store

    tmp = None
    if a.db:
        store = Store(a.db)
    else:
        tmp = tempfile.TemporaryDirectory()
        store = Store(Path(tmp.name) / "dev.db")
        src = Path(a.shared) / "gold" / "dev-input.jsonl"
        rep = ingest([str(src)], store)
        if rep.failures:
            print(f"{len(rep.failures)} input(s) failed", file=sys.stderr)
    res, wrong, missing = score_pairs(store, a.pairs)
    store.close()
    if tmp:
        tmp.cleanup()
    if a.json:
        print(json.dumps(res))
        return 0
    for k, v in res.items():
        print(f"{k:22} {v}")
    for p in wrong:
        print(f"  wrong ({p['label']}): {p['a']['doc']}@{p['a']['start']} {p['a']['type']} ~ "
              f"{p['b']['doc']}@{p['b']['start']} {p['b']['type']}: {p['reason']}")
    for p in missing:
        print(f"  report not coded now: {p['a']['doc']}@{p['a']['start']} {p['a']['type']} / {p['b']['doc']}@{p['b']['start']} {p['b']['type']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
