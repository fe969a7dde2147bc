#!/usr/bin/env python3
"""Events coded in real sport, showbiz, technology, entertainment and inspiration articles, which
should hold almost none: events per article on IndoSum articles that no model saw.

usage: python3 scripts/eval_nonpolitical.py [--per-half 150] [--seed 0] [--show]

The IndoSum articles outside the annotated corpus and outside headline news are split in two
halves by a hash of their id. For each half the relevance model is trained as
``scripts/train_learned.py`` trains it (the corpus folds' labels plus IndoSum's categories as
weak labels) but without that half's articles, and warta (the shipped event models, full mode as
configured) analyses a seeded sample of the half. Prints events per article by category and
overall, and the share of articles with any event. The rescoring and sentence models are trained
on the annotated corpus only, so they never saw these articles either. Never used to choose
anything.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import zlib
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_prepare import detokenise, published  # noqa: E402
from train_learned import CORPUS, INDOSUM, _install, read_jsonl, train_relevance  # noqa: E402

POLITICAL = "tajuk utama"


def half(doc_id: str) -> int:
    return zlib.crc32(doc_id.encode()) % 2


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-half", type=int, default=150, help="articles analysed from each half")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--show", action="store_true", help="also print each event: article, category, type, sentence")
    args = ap.parse_args()
    import warta
    from warta.analyse.learned.components import added_by_sentence_model

    gold = {g["doc"]: g for g in read_jsonl(CORPUS / "gold.jsonl")}
    inputs = {x["id"]: x for x in read_jsonl(CORPUS / "input.jsonl")}
    splits = json.loads((CORPUS / "splits.json").read_text())
    train = sorted(set().union(*map(set, splits["folds"])))
    in_corpus = {d.removesuffix(".txt") for d in inputs}
    pool = [x for x in read_jsonl(INDOSUM) if x["category"] != POLITICAL and x["id"] not in in_corpus]
    per_cat: dict[str, list[int]] = defaultdict(list)
    for h in (0, 1):
        held = [x for x in pool if half(x["id"]) == h]
        exclude = set(splits["test"]) | {x["id"] for x in held}
        undo = _install("warta_relevance", train_relevance([gold[d] for d in train], [inputs[d] for d in train], exclude))
        try:
            for x in random.Random(args.seed + h).sample(held, min(args.per_half, len(held))):
                doc = warta.analyze(detokenise(x["text"]), published=published(x["id"]), doc=x["id"])
                per_cat[x["category"]].append(len(doc.events))
                for e in doc.events if args.show else []:
                    print(f"{x['id'][:40]}\t{x['category']}\t{e['event'][0]}\t{e['modality']}\t{e['confidence']}\t"
                          f"{added_by_sentence_model(e)}\t{e['text_info']['sentence'][:150]}")
        finally:
            undo()
    counts = [n for ns in per_cat.values() for n in ns]
    for cat, ns in sorted(per_cat.items()):
        print(f"{cat:12s} articles={len(ns):4d}  events/article={statistics.mean(ns):.3f}  "
              f"with any event={sum(n > 0 for n in ns) / len(ns):.3f}")
    print(f"{'all':12s} articles={len(counts):4d}  events/article={statistics.mean(counts):.3f}  "
          f"with any event={sum(n > 0 for n in counts) / len(counts):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
