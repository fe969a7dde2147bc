#!/usr/bin/env python3
"""Cross-validate warta on the annotated corpus, and score the frozen test split.

usage: python3 scripts/crossval.py [--test] [--dev] [--json] [--shipped] [--folds N] [--save DIR]

For each of the K folds of `corpus/splits.json`, every learnable component in TRAINERS is
trained on the other K-1 folds, warta analyses the held-out fold, and the fold is scored with
`../shared/tools/score.py --strict` (warta's own `warta.evaluate.score(strict=True)` when the
shared scorer is not beside the repository). Per-fold figures and their mean are printed.
`--test` also trains on all folds and scores the test split — report it, never tune on it.
`--dev` scores the 18 annotated dev articles of `../shared/gold` the same way, so the gap
between the articles the rules were written on and unseen ones is visible.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

# Learnable components: each takes the gold records and input lines of the training folds and
# returns a callable that undoes what it installed (scripts/train_learned.py).
sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring import SCORER, SHARED, strict_score  # noqa: E402
from train_learned import relevance_trainer, rescore_trainer, sentence_events_trainer, reload_shipped  # noqa: E402
from train_dates import dates_trainer  # noqa: E402

TRAINERS: list[Callable[[list[dict], list[dict]], Callable[[], None]]] = [relevance_trainer, rescore_trainer]
sys.path.insert(0, str(ROOT / "src"))
from warta.analyse.learned.components import full_mode  # noqa: E402

if full_mode():  # the sentence-event adder (WARTA_LEARNED_FULL=0: the rule coder's events, rescored)
    TRAINERS.append(sentence_events_trainer)
TRAINERS.append(dates_trainer)  # last: it reads the events the fold's other models give

MEASURES = ["event_f1", "event_p", "event_r", "type_macro_f1", "date_acc", "location_acc", "modality_acc",
            "entity_f1", "pred_per_nonpolitical", "role_actor", "role_recipient", "role_place"]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def analyse(lines: Iterable[dict]) -> list[dict]:
    import warta

    return [warta.analyze(x["text"], published=x.get("published"), doc=x["id"], source=x.get("source"),
                          url=x.get("url")).to_dict() for x in lines]


def score(gold: list[dict], pred: list[dict], texts: dict[str, str]) -> dict:
    """score.py --strict on these records (texts written out for the evidence check)."""
    return strict_score(gold, pred, texts)


def _names(xs) -> set[str]:
    return {" ".join(str(a.get(k) or "").lower().split()) for a in xs or [] for k in ("name", "identifier_text", "entity_text")
            if a.get(k)}


def _same(g: list[dict], p: list[dict]) -> bool:
    """The predicted role fillers agree with the gold ones: a shared name, or (no name shared) the
    same countries and a shared sector; no gold filler agrees only with none predicted."""
    if not g:
        return not p
    if _names(g) & _names(p):
        return True
    gc, pc = {a.get("code") for a in g}, {a.get("code") for a in p}
    return bool(pc) and gc == pc and bool({a.get("sector") for a in g} & {a.get("sector") for a in p} - {None})


def role_accuracy(gold: list[dict], pred: list[dict]) -> dict:
    """Actor, recipient and place accuracy given a correct trigger: over gold events for which a
    predicted event of an agreeing type (or ``alt``) has an overlapping evidence sentence (the
    best-agreeing such prediction, each used once)."""
    by_doc = {d["doc"]: d.get("events") or [] for d in pred}
    hits = {"actor": [0, 0], "recipient": [0, 0], "place": [0, 0]}
    for g in gold:
        used: set[int] = set()
        for ge in g["events"]:
            types = {ge["event"], *ge.get("alt", [])}
            gs = " ".join(str(ge.get("sentence") or "").split())
            cands = [(j, p) for j, p in enumerate(by_doc.get(g["doc"], [])) if j not in used and
                     set(p.get("event") or []) & types and gs and
                     (lambda ps: gs in ps or ps in gs)(" ".join(p["text_info"]["sentence"].split()))]
            if not cands:
                continue
            j, p = max(cands, key=lambda c: (_same(ge.get("actor") or [], c[1].get("actor") or []) +
                                             _same(ge.get("recipient") or [], c[1].get("recipient") or [])))
            used.add(j)
            for role in ("actor", "recipient"):
                hits[role][1] += 1
                hits[role][0] += _same(ge.get(role) or [], p.get(role) or [])
            if ge.get("location_code"):
                hits["place"][1] += 1
                hits["place"][0] += ((p.get("event_loc") or {}).get("country_code3") == ge["location_code"])
    return {f"role_{k}": round(a / b, 3) if b else None for k, (a, b) in hits.items()} | {
        "role_events": hits["actor"][1]}


def summary(r: dict, gold: list[dict], pred: list[dict]) -> dict:
    nonpol = {g["doc"] for g in gold if g.get("relevant") is False}
    n_pred = sum(len(d.get("events") or []) for d in pred if d["doc"] in nonpol)
    p, rc, f = r["event_p_r_f1"]
    return {"docs": r["docs"], "gold_events": r["gold_events"], "pred_events": r["pred_events"],
            "event_f1": f, "event_p": p, "event_r": rc, "type_macro_f1": r["type_macro_f1"],
            "date_acc": r["date_acc"], "location_acc": r["location_acc"], "modality_acc": r["modality_acc"],
            "entity_f1": r["entity_p_r_f1"][2],
            "pred_per_nonpolitical": round(n_pred / len(nonpol), 3) if nonpol else None,
            **role_accuracy(gold, pred)}


def save(path: Path | None, pred: list[dict]) -> None:
    """Write the documents analysed for one split (``--save``), to read the errors behind a figure."""
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in pred), encoding="utf-8")


def run_split(train_docs: set[str], eval_docs: set[str], gold: dict[str, dict], inputs: dict[str, dict],
              out: Path | None = None) -> dict:
    undo = [t([gold[d] for d in sorted(train_docs)], [inputs[d] for d in sorted(train_docs)]) for t in TRAINERS]
    try:
        docs = sorted(eval_docs)
        pred = analyse(inputs[d] for d in docs)
    finally:
        for u in undo:
            u()
    save(out, pred)
    g = [gold[d] for d in docs]
    return summary(score(g, pred, {d: inputs[d]["text"] for d in docs}), g, pred)


def fmt(row: dict) -> str:
    return "  ".join(f"{k}={row[k]}" for k in ["docs", "gold_events", "pred_events", "role_events", *MEASURES]
                     if k in row)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--test", action="store_true", help="also score the frozen test split")
    ap.add_argument("--dev", action="store_true", help="also score ../shared/gold/dev.jsonl")
    ap.add_argument("--json", action="store_true", help="one JSON object at the end")
    ap.add_argument("--shipped", action="store_true",
                    help="score the test split with the shipped models (trained on all folds by train_learned.py, "
                         "the same data --test trains on) instead of training them again")
    ap.add_argument("--folds", type=int, default=None, help="score only the first N folds (0: none)")
    ap.add_argument("--save", type=Path, default=None,
                    help="write each split's analysed documents here (fold-K.jsonl, test.jsonl, dev.jsonl)")
    args = ap.parse_args()
    gold = {g["doc"]: g for g in read_jsonl(CORPUS / "gold.jsonl")}
    inputs = {x["id"]: x for x in read_jsonl(CORPUS / "input.jsonl")}
    splits = json.loads((CORPUS / "splits.json").read_text())
    folds = [set(f) for f in splits["folds"]]
    print(f"trainers: {', '.join(t.__name__ for t in TRAINERS) or 'none (rule coder, scored as it is)'}; "
          f"scorer: {'score.py --strict' if SCORER.exists() else 'warta.evaluate strict'}")
    rows = []
    for k, fold in enumerate(folds[:args.folds] if args.folds is not None else folds):
        train = set().union(*(f for i, f in enumerate(folds) if i != k))
        row = run_split(train, fold, gold, inputs, args.save and args.save / f"fold-{k}.jsonl")
        rows.append(row)
        print(f"fold {k}: {fmt(row)}", flush=True)
    result: dict = {"folds": rows}
    if rows:
        mean = {m: round(statistics.mean(r[m] for r in rows if r[m] is not None), 3) for m in MEASURES}
        sd = {m: round(statistics.pstdev(r[m] for r in rows if r[m] is not None), 3) for m in MEASURES}
        print("mean:   " + "  ".join(f"{m}={mean[m]}±{sd[m]}" for m in MEASURES))
        result.update(mean=mean, sd=sd)
    if args.test:
        if args.shipped:
            reload_shipped()
            docs = sorted(splits["test"])
            pred = analyse(inputs[d] for d in docs)
            save(args.save and args.save / "test.jsonl", pred)
            g = [gold[d] for d in docs]
            test = summary(score(g, pred, {d: inputs[d]["text"] for d in docs}), g, pred)
        else:
            test = run_split(set().union(*folds), set(splits["test"]), gold, inputs, args.save and args.save / "test.jsonl")
        print(f"test:   {fmt(test)}")
        result["test"] = test
    if args.dev and (SHARED / "gold" / "dev.jsonl").exists():
        dev_gold = read_jsonl(SHARED / "gold" / "dev.jsonl")
        dev_in = read_jsonl(SHARED / "gold" / "dev-input.jsonl")
        reload_shipped()  # the shipped models (trained on all folds), as they are now
        pred = analyse(dev_in)
        save(args.save and args.save / "dev.jsonl", pred)
        dev = summary(score(dev_gold, pred, {x["id"]: x["text"] for x in dev_in}), dev_gold, pred)
        print(f"dev:    {fmt(dev)}")
        result["dev"] = dev
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
