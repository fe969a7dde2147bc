#!/usr/bin/env python3
"""Train the choice of a date for events their own sentence does not date
(``src/warta/analyse/temporal_context.py``) on the corpus gold.

usage: python3 scripts/train_dates.py [--cv] [--l2 X]

Runs warta on the training articles of ``corpus/splits.json`` (never the test split), pairs its
events with the gold ones as ``score.py --strict`` does, and for each paired gold event with a
date whose predicted event took its date from the story (not from its own sentence) labels every
candidate date: right when it agrees with the gold date at the gold's precision. The model is a
logistic model over the candidates' features (``learned/linear.py``); at run time the likeliest
candidate is taken.

``--cv`` trains on four of the five folds and scores the fifth, for each fold: how often the rules'
choice, the model's choice and any candidate are right. Without it, trains on all training
articles and writes ``src/warta/analyse/models/context_dates/``.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

#: the L2 penalty, chosen with ``--cv`` on the training folds
L2 = 3.0


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def groups(gold: list[dict], lines: list[dict]) -> list[list[tuple[list[str], int]]]:
    """For each paired gold event with a date dated from the story: its candidates' features and labels."""
    import warta
    from warta.analyse import temporal_context as tc
    from warta.evaluate import match_events

    inputs = {x["id"]: x for x in lines}
    out = []
    for g in gold:
        x = inputs[g["doc"]]
        with tc.tracing() as trace:
            pred = warta.analyze(x["text"], published=x.get("published"), doc=g["doc"], source=x.get("source"),
                                 url=x.get("url")).to_dict()
        choices = {(t["start"], t["trigger"], t["type"]): t["candidates"] for t in trace}
        events = pred.get("events") or []
        for i, j in match_events(g["events"], events, strict=True):
            ge, p = g["events"][i], events[j]
            key = ((p.get("text_info") or {}).get("start"), (p.get("trigger") or {}).get("start"), p["event"][0])
            if not ge.get("date") or key not in choices:
                continue
            gd = ge["date"]
            out.append([(feats, int(value[:len(gd)] == gd)) for value, feats in choices[key]])
    return out


def fit_groups(train: list[list[tuple[list[str], int]]], l2: float = L2, max_iter: int = 300):
    """A conditional logit: one weight vector scoring each candidate, trained so that the right
    candidates of each event take the largest share of its softmax (events with no right
    candidate teach nothing). Returned as a ``LinearModel`` (bias 0), whose score orders the
    candidates the same way."""
    import numpy
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    from warta.analyse.learned.linear import DIMS, LinearModel, index

    train = [grp for grp in train if any(y for _, y in grp)]
    indptr, cols, ys, starts = [0], [], [], []
    for grp in train:
        starts.append(len(ys))
        for feats, y in grp:
            cols.extend(sorted({index(f) for f in feats}))
            indptr.append(len(cols))
            ys.append(y)
    used = numpy.unique(numpy.array(cols, dtype="int64"))
    remap = numpy.searchsorted(used, numpy.array(cols, dtype="int64"))
    x = csr_matrix((numpy.ones(len(cols)), remap, numpy.array(indptr)), shape=(len(ys), len(used)))
    y = numpy.asarray(ys, dtype="float64")
    starts_a = numpy.asarray(starts)
    group = numpy.repeat(numpy.arange(len(starts)), numpy.diff(numpy.append(starts_a, len(ys))))

    def loss(w):
        z = x @ w
        zmax = numpy.maximum.reduceat(z, starts_a)[group]
        e = numpy.exp(z - zmax)
        tot = numpy.add.reduceat(e, starts_a)
        pos = numpy.add.reduceat(e * y, starts_a)
        nll = -float(numpy.log(pos / tot).sum())
        p = e / tot[group]
        q = e * y / pos[group]
        return nll + 0.5 * l2 * float(w @ w), x.T @ (p - q) + l2 * w

    res = minimize(loss, numpy.zeros(len(used)), jac=True, method="L-BFGS-B", options={"maxiter": max_iter})
    full = numpy.zeros(DIMS)
    full[used] = res.x
    return LinearModel(full, 0.0)


def chosen(model, grp: list[tuple[list[str], int]]) -> int:
    """The index the run time would choose (the rules' choice, first, wins ties)."""
    if model is None or len(grp) < 2:
        return 0
    scores = [model.score(f) for f, _ in grp]
    return max(range(len(grp)), key=lambda i: (scores[i], -i))


def dates_trainer(gold: list[dict], lines: list[dict]) -> Callable[[], None]:
    """For ``crossval.py``: train on the training folds' articles and put the model in place."""
    from warta.analyse import temporal_context as tc

    undo_none = tc.use(None)  # the candidates are traced with the rules' choice first, model or not
    model = fit_groups(groups(gold, lines))
    undo_none()
    return tc.use(model)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--l2", type=float, nargs="*", default=[L2])
    a = ap.parse_args()
    from warta.analyse import temporal_context as tc

    tc.use(None)
    splits = json.loads((CORPUS / "splits.json").read_text())
    gold = {g["doc"]: g for g in read_jsonl(CORPUS / "gold.jsonl")}
    lines = read_jsonl(CORPUS / "input.jsonl")
    test = set(splits["test"])
    folds = [[d for d in f if d not in test] for f in splits["folds"]]
    by_fold = [groups([gold[d] for d in f], lines) for f in folds]
    if a.cv:
        for l2 in a.l2:
            tot = [0, 0, 0, 0]
            for k, held in enumerate(by_fold):
                model = fit_groups([grp for j, gs in enumerate(by_fold) if j != k for grp in gs], l2)
                for grp in held:
                    tot[0] += 1
                    tot[1] += grp[0][1]
                    tot[2] += grp[chosen(model, grp)][1]
                    tot[3] += any(y for _, y in grp)
            print(f"l2={l2}: events {tot[0]}, rules right {tot[1]}, model right {tot[2]}, any candidate right {tot[3]}")
        return 0
    model = fit_groups([grp for gs in by_fold for grp in gs], a.l2[0])
    n = sum(len(gs) for gs in by_fold)
    from train_learned import sha256_of

    docs = sorted(d for f in folds for d in f)
    model.meta = {"trained_on": "corpus training folds", "events": n, "l2": a.l2[0], "articles": len(docs),
                  "data_sha256": sha256_of(docs, [gold[d]["events"] for d in docs])}
    model.save(ROOT / "src" / "warta" / "analyse" / "models" / tc.MODEL_NAME)
    print(f"wrote models/{tc.MODEL_NAME} from {n} events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
