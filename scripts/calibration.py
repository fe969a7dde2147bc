#!/usr/bin/env python3
"""How well warta's event confidences are calibrated, on the corpus test split (for the record).

usage: python3 scripts/calibration.py [--bins 10] [--json]
       python3 scripts/calibration.py --fit-added DIR
       python3 scripts/calibration.py --fit-rules [DIR]

Analyses the articles with the shipped models and pairs each predicted event with the gold by
strict one-to-one matching (``score.py --strict``). An event is right when it is matched. Prints
the reliability table (per confidence bin: events, mean confidence, share right) and the
expected calibration error (ECE: the events-weighted mean of |share right - mean confidence|).
Never used to choose anything.

``--fit-added DIR`` fits the confidence of the events the sentence model adds (its probability
of the type, which runs high) to the share of them that match the gold: Platt scaling,
P(right) = 1 / (1 + exp(-(a * logit(p) + b))), on the out-of-fold output of
``crossval.py --save DIR`` (``DIR/fold-*.jsonl``: models trained on four folds, the fifth
analysed; never the test split), and writes ``[a, b]`` as ``confidence_platt`` into the shipped
sentence model's ``meta.json``. Run crossval.py on models without it (its fold models are).

``--fit-rules`` fits the confidence of the rule coder's records (the rescoring model's
probability) the same way, on the corpus training articles the shipped rescoring model was not
trained on (the draws its meta names in ``without_strata``; never the test split), analysed with
the shipped models and the model's probability unscaled, and writes ``[a, b]`` as
``confidence_platt`` into the rescoring model's ``meta.json``. ``--fit-rules DIR`` fits it on the
rule records of ``crossval.py --save DIR`` output instead, for a model trained on all folds.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_learned import CORPUS, MODELS, matched, read_jsonl  # noqa: E402
from warta.analyse.learned.components import added_by_sentence_model  # noqa: E402


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


def fit_platt(pairs: list[tuple[float, int]], steps: int = 50) -> tuple[float, float]:
    """(a, b) of the logistic regression of right on logit(p), by Newton's method (tiny ridge)."""
    import math

    from warta.analyse.learned.adder import logit

    xs = [logit(p) for p, _ in pairs]
    a, b = 1.0, 0.0
    for _ in range(steps):
        ga = gb = haa = hab = hbb = 0.0
        for x, (_, y) in zip(xs, pairs):
            q = 1 / (1 + math.exp(-(a * x + b)))
            w = q * (1 - q)
            ga += (q - y) * x
            gb += q - y
            haa += w * x * x
            hab += w * x
            hbb += w
        haa, hbb = haa + 1e-6, hbb + 1e-6
        det = haa * hbb - hab * hab
        a, b = a - (hbb * ga - hab * gb) / det, b - (haa * gb - hab * ga) / det
    return round(a, 4), round(b, 4)


def analysed_pairs(docs: list[str], keep=lambda record: True) -> list[tuple[float, int]]:
    """(confidence, right?) of each event record ``keep`` selects, for the corpus articles ``docs``
    analysed as they are (right: matched to the gold by ``score.py --strict``'s pairing)."""
    import warta

    gold = {g["doc"]: g for g in read_jsonl(CORPUS / "gold.jsonl")}
    inputs = {x["id"]: x for x in read_jsonl(CORPUS / "input.jsonl")}
    pairs = []
    for d in docs:
        x = inputs[d]
        recs = warta.analyze(x["text"], published=x.get("published"), doc=d, source=x.get("source"),
                             url=x.get("url")).to_dict()["events"]
        hit = matched(gold[d]["events"], recs)
        pairs += [(float(r.get("confidence") or 0.0), int(j in hit)) for j, r in enumerate(recs) if keep(r)]
    return pairs


def write_fit(meta_path: Path, pairs: list[tuple[float, int]], what: str) -> None:
    """Fit Platt scaling to ``pairs``, write it as ``confidence_platt`` into ``meta_path``, say so."""
    from warta.analyse.learned.adder import calibrated

    a, b = fit_platt(pairs)
    meta = json.loads(meta_path.read_text())
    meta["confidence_platt"] = [a, b]
    meta_path.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n")
    before = reliability(pairs)[1]
    after = reliability([(calibrated(p, meta), y) for p, y in pairs])[1]
    print(f"{what}: {len(pairs)}, {sum(y for _, y in pairs)} right; a={a} b={b}; "
          f"ECE on them {before} -> {after} (in-sample); wrote {meta_path}")


def out_of_fold_pairs(folder: Path, keep) -> list[tuple[float, int]]:
    """(confidence, right?) of the records ``keep`` selects in ``crossval.py --save DIR`` output
    (``DIR/fold-*.jsonl``: each fold analysed by models trained on the other four, which carry
    no scaling, so the confidence is the model's own probability)."""
    gold = {g["doc"]: g for g in read_jsonl(CORPUS / "gold.jsonl")}
    pairs = []
    for path in sorted(folder.glob("fold-*.jsonl")):
        for doc in read_jsonl(path):
            recs = doc["events"]
            hit = matched(gold[doc["doc"]]["events"], recs)
            pairs += [(float(r["confidence"]), int(j in hit)) for j, r in enumerate(recs) if keep(r)]
    return pairs


def fit_added(folder: Path) -> int:
    pairs = out_of_fold_pairs(folder, added_by_sentence_model)
    if not pairs:
        print(f"no added events in {folder}/fold-*.jsonl", file=sys.stderr)
        return 1
    write_fit(MODELS / "sentence_events" / "meta.json", pairs, f"added events of {folder}")
    return 0


def fit_rules_out_of_fold(folder: Path) -> int:
    """The rule records' scaling for a rescoring model trained on all folds (no training article
    it never saw): fitted on the folds' out-of-fold output, as the added events' is."""
    from warta.analyse.learned.components import full_mode

    pairs = out_of_fold_pairs(folder, lambda r: not added_by_sentence_model(r))
    if not pairs:
        print(f"no rule records in {folder}/fold-*.jsonl", file=sys.stderr)
        return 1
    write_fit(MODELS / ("rescore_full" if full_mode() else "rescore") / "meta.json", pairs,
              f"rule records of {folder}")
    return 0


def fit_rules() -> int:
    from warta.analyse.learned.components import full_mode
    from warta.api import _analyzer

    meta_path = MODELS / ("rescore_full" if full_mode() else "rescore") / "meta.json"
    left_out = set(json.loads(meta_path.read_text()).get("without_strata") or [])
    if not left_out:
        print(f"{meta_path} names no left-out draws: no held-out articles to fit on", file=sys.stderr)
        return 1
    strata = {r["doc"]: r["stratum"] for r in json.loads((CORPUS / "selection.json").read_text())}
    splits = json.loads((CORPUS / "splits.json").read_text())
    docs = sorted(d for fold in splits["folds"] for d in fold if strata.get(d) in left_out)
    rescore = _analyzer().nlp.get_pipe("warta_rescore")
    rescore.model.meta.pop("confidence_platt", None)     # the probability as the model gives it
    pairs = analysed_pairs(docs, keep=lambda r: not added_by_sentence_model(r))
    write_fit(meta_path, pairs, f"rule records of {len(docs)} articles the rescoring model never saw")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bins", type=int, default=10)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--fit-added", type=Path, default=None, metavar="DIR",
                    help="fit the added events' confidence on crossval.py --save DIR output")
    ap.add_argument("--fit-rules", nargs="?", const=True, default=None, type=Path, metavar="DIR",
                    help="fit the rule records' confidence on the articles the rescoring model left out, or "
                         "with DIR on crossval.py --save DIR output (a model trained on all folds)")
    args = ap.parse_args()
    if args.fit_added:
        return fit_added(args.fit_added)
    if args.fit_rules is True:
        return fit_rules()
    if args.fit_rules:
        return fit_rules_out_of_fold(args.fit_rules)
    test = sorted(json.loads((CORPUS / "splits.json").read_text())["test"])
    pairs = analysed_pairs(test)
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
