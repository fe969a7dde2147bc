#!/usr/bin/env python3
"""Inter-annotator agreement on the doubly annotated articles, measured with the scorer.

usage: python3 scripts/corpus_agreement.py [--a corpus/annotations/pass1] [--b corpus/annotations/pass2]

The first pass is taken as gold and the second as a prediction (converted to PLOVER records),
then scored with `../shared/tools/score.py --strict` when it is there (else warta's own
`warta.evaluate.score` with the same measures): event F1 is agreement on events (type, actor
and recipient countries, overlapping evidence sentence), type macro F1 agreement on which
types each article holds, and date / location / modality accuracy agreement on the events
both annotators found. The figures are symmetric up to which side is called gold (P and R
swap).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_build import load_dir  # noqa: E402
from scoring import strict_score  # noqa: E402


def as_prediction(rec: dict) -> dict:
    """A gold-format article as the document record the scorer reads as a prediction."""
    def role(actors):
        return [{"code": a.get("code"), "sector": a.get("sector"), "identifier_text": a.get("name")} for a in actors or []]

    events = [{"event": [e["event"]], "mode": [e["mode"]] if e.get("mode") else [], "actor": role(e.get("actor")),
               "recipient": role(e.get("recipient")), "date": e.get("date"),
               "event_loc": {"placename": e.get("location"), "country_code3": e.get("location_code")},
               "modality": e.get("modality"), "text_info": {"sentence": e.get("sentence")}}
              for e in rec.get("events") or []]
    return {"doc": rec["doc"], "events": events, "entities": rec.get("entities") or []}


def agreement(a: dict[str, dict], b: dict[str, dict]) -> dict:
    docs = sorted(set(a) & set(b))
    return strict_score([a[d] for d in docs], [as_prediction(b[d]) for d in docs])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--a", default=str(ROOT / "corpus" / "annotations" / "pass1"))
    ap.add_argument("--b", default=str(ROOT / "corpus" / "annotations" / "pass2"))
    args = ap.parse_args()
    a, b = load_dir(Path(args.a)), load_dir(Path(args.b))
    r = agreement(a, b)
    for k, v in r.items():
        print(f"{k:22} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
