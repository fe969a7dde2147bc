#!/usr/bin/env python3
"""How well warta's event confidences are calibrated, on the corpus test split (for the record).

usage: python3 scripts/calibration.py [--bins 10] [--json]

Analyses the articles with the shipped models and pairs each predicted event with the gold by
strict one-to-one matching (``score.py --strict``). An event is right when it is matched. Prints
the reliability table (per confidence bin: events, mean confidence, share right) and the
expected calibration error (ECE: the events-weighted mean of |share right - mean confidence|).
Never used to choose anything.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_learned import CORPUS, matched, read_jsonl  # noqa: E402


def reliability(pairs: list[tuple[float, int]], bins: int = 10) -> tuple[list[dict], float]:
    rows, ece = [], 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, y) for c, y in pairs if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if not inside:
            continue
        conf = sum(c for c, _ in inside) / len(inside)
        acc = sum(y for _, y in inside) / len(inside)
        ece += len(inside) / len(pairs) * abs(acc - conf)
        rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "events": len(inside), "mean_confidence": round(conf, 3),
                     "share_right": round(acc, 3)})
    return rows, round(ece, 4)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bins", type=int, default=10)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    import warta

    gold = {g["doc"]: g for g in read_jsonl(CORPUS / "gold.jsonl")}
    inputs = {x["id"]: x for x in read_jsonl(CORPUS / "input.jsonl")}
    test = sorted(json.loads((CORPUS / "splits.json").read_text())["test"])
    pairs = []
    for d in test:
        x = inputs[d]
        recs = warta.analyze(x["text"], published=x.get("published"), doc=d, source=x.get("source"),
                             url=x.get("url")).to_dict()["events"]
        hit = matched(gold[d]["events"], recs)
        pairs += [(float(r.get("confidence") or 0.0), int(j in hit)) for j, r in enumerate(recs)]
    rows, ece = reliability(pairs, args.bins)
    if args.json:
        print(json.dumps({"events": len(pairs), "ece": ece, "table": rows}))
        return 0
    print(f"test split: {len(pairs)} events, ECE {ece}")
    print("| confidence | events | mean confidence | share right |\n|---|---|---|---|")
    for r in rows:
        print(f"| {r['bin']} | {r['events']} | {r['mean_confidence']} | {r['share_right']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
