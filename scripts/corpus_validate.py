#!/usr/bin/env python3
"""Check annotation files against the gold format and the article texts.

usage: python3 scripts/corpus_validate.py FILE.jsonl [FILE.jsonl ...] [--texts corpus/texts]

Prints one line per problem (file:line: doc: what) and a summary; exits 1 when any problem
was found. Checks: valid JSON; `doc` names a text; each event's type is one of PLOVER's 16;
actor/recipient are lists of objects with a name; `sentence` is an exact substring of the
text; dates are ISO (YYYY, YYYY-MM, YYYY-MM-DD); modality is one of the five; counts are
integers or null; entity types are PER/ORG/GPE/LOC; no article appears twice in one file.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MODALITIES = {"asserted", "future", "hypothetical", "negated", "historical"}
ENTITY_TYPES = {"PER", "ORG", "GPE", "LOC"}
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def problems(rec: dict, texts: Path) -> list[str]:
    out = []
    doc = rec.get("doc")
    path = texts / str(doc)
    if not doc or not path.is_file():
        return [f"no text file {doc!r}"]
    text = path.read_text(encoding="utf-8")
    for ent in rec.get("entities") or []:
        if not isinstance(ent, dict) or not ent.get("name"):
            out.append(f"entity without name: {ent!r}"[:200])
        elif ent.get("type") not in ENTITY_TYPES:
            out.append(f"entity {ent['name']!r}: type {ent.get('type')!r}")
    for i, ev in enumerate(rec.get("events") or []):
        where = f"event {i}"
        if ev.get("event") not in TYPES:
            out.append(f"{where}: type {ev.get('event')!r} is not a PLOVER type")
        for alt in ev.get("alt") or []:
            if alt not in TYPES:
                out.append(f"{where}: alt {alt!r} is not a PLOVER type")
        for role in ("actor", "recipient"):
            val = ev.get(role)
            if not isinstance(val, list) or not all(isinstance(a, dict) and a.get("name") for a in val):
                out.append(f"{where}: {role} must be a list of objects with a name")
        sent = ev.get("sentence")
        if not sent or sent not in text:
            out.append(f"{where}: sentence is not a substring of the text: {str(sent)[:80]!r}")
        if ev.get("date") is not None and not ISO_DATE.match(str(ev["date"])):
            out.append(f"{where}: date {ev['date']!r} is not ISO")
        if ev.get("modality") not in MODALITIES:
            out.append(f"{where}: modality {ev.get('modality')!r}")
        for k in ("dead", "injured", "arrested"):
            if ev.get(k) is not None and not isinstance(ev[k], int):
                out.append(f"{where}: {k} must be an integer or null")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--texts", default=str(ROOT / "corpus" / "texts"))
    args = ap.parse_args()
    texts = Path(args.texts)
    bad = arts = events = 0
    for name in args.files:
        seen = set()
        for n, line in enumerate(open(name, encoding="utf-8"), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                print(f"{name}:{n}: not JSON: {e}")
                bad += 1
                continue
            doc = rec.get("doc")
            if doc in seen:
                print(f"{name}:{n}: {doc}: article appears twice")
                bad += 1
            seen.add(doc)
            arts += 1
            events += len(rec.get("events") or [])
            for p in problems(rec, texts):
                print(f"{name}:{n}: {doc}: {p}")
                bad += 1
    print(f"{arts} articles, {events} events, {bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
