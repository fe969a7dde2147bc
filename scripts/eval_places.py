#!/usr/bin/env python3
"""Score warta's event places on the annotated corpus: country accuracy and place resolution.

usage: python3 scripts/eval_places.py [--test] [--json]

Analyses the cross-validation folds' articles (all but the frozen test split; `--test` scores
the test split instead: report it, never tune on it) and prints, over event pairs matched as
`score.py --strict` matches them:

- `country`: the event place's country equals the gold `location_code` (the scorer's
  location accuracy), for all articles, for domestic news (the strata law, politics, protest,
  papua, disaster, terror of `corpus/selection.json`) and for international news;
- `place`: where the gold names a place, the predicted place is the gazetteer entry the gold
  name resolves to (`warta.analyse.resolve.geo.resolve(name, code)`), same coordinates;
- `gold names resolved`: the share of gold place names the gazetteer resolves to the gold
  country, with the precision reached (point, admin1, country).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DOMESTIC = {"law", "politics", "protest", "papua", "disaster", "terror"}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def pairs(gold: dict, pred: list[dict]):
    from warta.evaluate import match_events

    for i, j in match_events(gold["events"], pred, strict=True):
        yield gold["events"][i], pred[j]


def ratio(c: list[int]) -> float | None:
    return round(c[0] / c[1], 3) if c[1] else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--test", action="store_true", help="score the frozen test split instead of the folds")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    import warta
    from warta.analyse.resolve.geo import resolve

    splits = json.loads((CORPUS / "splits.json").read_text())
    docs = set(splits["test"]) if args.test else set().union(*map(set, splits["folds"]))
    stratum = {s["doc"]: s["stratum"] for s in json.loads((CORPUS / "selection.json").read_text())}
    gold = {g["doc"]: g for g in read_jsonl(CORPUS / "gold.jsonl") if g["doc"] in docs}
    inputs = [x for x in read_jsonl(CORPUS / "input.jsonl") if x["id"] in docs]
    country = {k: [0, 0] for k in ("all", "domestic", "international")}
    place, names = [0, 0], [0, 0]
    precision: Counter = Counter()
    for x in sorted(inputs, key=lambda x: x["id"]):
        d = warta.analyze(x["text"], published=x.get("published"), doc=x["id"], source=x.get("source"),
                          url=x.get("url")).to_dict()
        g = gold[x["id"]]
        for ge in g["events"]:
            if ge.get("location") and ge.get("location_code"):
                p = resolve(ge["location"])
                names[1] += 1
                names[0] += p is not None and p.country_code3 == ge["location_code"]
                precision[p.precision if p is not None else "unresolved"] += 1
        for ge, pe in pairs(g, d["events"]):
            code = ge.get("location_code")
            if not code:
                continue
            loc = pe.get("event_loc") or {}
            ok = loc.get("country_code3") == code
            s = stratum.get(x["id"])
            for k in ("all", "domestic" if s in DOMESTIC else "international" if s == "international" else None):
                if k:
                    country[k][0] += ok
                    country[k][1] += 1
            if ge.get("location"):
                want = resolve(ge["location"], code)
                if want is not None:
                    place[1] += 1
                    place[0] += (loc.get("lat"), loc.get("lon")) == (want.lat, want.lon)
    result = {"split": "test" if args.test else "folds", "articles": len(inputs),
              **{f"country_{k}": ratio(v) for k, v in country.items()},
              **{f"n_{k}": v[1] for k, v in country.items()},
              "place": ratio(place), "n_place": place[1],
              "gold_names_resolved": ratio(names), "n_gold_names": names[1], "gold_name_precision": dict(precision)}
    print(json.dumps(result) if args.json else "  ".join(f"{k}={v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
