#!/usr/bin/env python3
"""Assemble the annotated corpus: `corpus/gold.jsonl` and `corpus/splits.json`.

usage: python3 scripts/corpus_build.py

Each article's gold record is its adjudicated annotation (`corpus/annotations/adjudicated/`)
where it was annotated twice, else its first-pass annotation (`corpus/annotations/pass1/`).
Every record is validated (scripts/corpus_validate.py) before it is written.

`splits.json` holds the frozen test split (drawn by scripts/corpus_prepare.py before any model
or rule was tuned on the corpus) and K folds of the remaining articles for cross-validation,
stratified by kind (political / not) and seeded, so they never change between runs.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
K = 5
SEED = 5

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_validate import problems  # noqa: E402


def load_dir(folder: Path) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                out[rec["doc"]] = rec
    return out


def main() -> int:
    selection = json.loads((CORPUS / "selection.json").read_text())
    pass1 = load_dir(CORPUS / "annotations" / "pass1")
    adjudicated = load_dir(CORPUS / "annotations" / "adjudicated")
    gold, missing, bad = [], [], 0
    for row in selection:
        rec = adjudicated.get(row["doc"]) or pass1.get(row["doc"])
        if rec is None:
            missing.append(row["doc"])
            continue
        rec = {**rec, "published": row["published"]}
        for p in problems(rec, CORPUS / "texts"):
            print(f"{row['doc']}: {p}")
            bad += 1
        gold.append(rec)
    if bad:
        print(f"{bad} problem(s): nothing written")
        return 1
    with open(CORPUS / "gold.jsonl", "w", encoding="utf-8") as f:
        for rec in gold:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    annotated = {r["doc"] for r in gold}
    rows = [r for r in selection if r["doc"] in annotated]
    test = sorted(r["doc"] for r in rows if r["split"] == "test")
    rng = random.Random(SEED)
    folds: list[list[str]] = [[] for _ in range(K)]
    for kind in ("political", "nonpolitical"):
        docs = sorted(r["doc"] for r in rows if r["split"] == "train" and r["kind"] == kind)
        rng.shuffle(docs)
        for i, doc in enumerate(docs):
            folds[i % K].append(doc)
    splits = {"_about": "test: frozen before any tuning, never tuned on; folds: cross-validation over the rest",
              "test": test, "folds": [sorted(f) for f in folds]}
    (CORPUS / "splits.json").write_text(json.dumps(splits, indent=1) + "\n")
    events = sum(len(r["events"]) for r in gold)
    kinds = {r["doc"]: r["kind"] for r in rows}
    print(f"{len(gold)} articles ({sum(k == 'political' for k in kinds.values())} political), {events} events, "
          f"{len(adjudicated)} adjudicated; test {len(test)}, folds {[len(f) for f in folds]}"
          + (f"; {len(missing)} not annotated yet" if missing else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
