#!/usr/bin/env python3
"""Development harness for warta.analyse.events: code the dev articles and score them.

usage: python3 scripts/dev_events.py [--kb] [--out OUT.jsonl] [--show] [--doc PREFIX]

For each article of /work/shared/gold/dev-input.jsonl: split sentences (simple splitter),
build ActorMentions from the gold entities' aliases (or, with --kb, from the real gazetteer
``warta.analyse.resolve.gazetteer.Gazetteer.default()``) plus a small list of role words for unnamed
groups, run code_sentence, write document records and run the scorer.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from warta.analyse.events import ActorMention, CodedEvent, code_sentence  # noqa: E402

SHARED = Path("/work/shared")
INPUT = SHARED / "gold/dev-input.jsonl"
GOLD = SHARED / "gold/dev.jsonl"
SCORER = SHARED / "tools/score.py"

# unnamed groups written with role words: (regex, canonical name, sector)
ROLE_WORDS = [
    (r"warga sipil", "civilians", "CVL"),
    (r"penduduk desa", "villagers", "CVL"),
    (r"(?:para )?aktivis", "activists", "CVL"),
    (r"kelompok (?:HAM|hak asasi(?: manusia)?)", "human rights groups", "NGO"),
    (r"kelompok etnis bersenjata", "ethnic armed groups", "REB"),
    (r"pemberontak(?: etnis)?", "rebels", "REB"),
    (r"(?:para )?demonstran|pengunjuk rasa", "demonstrators", "CVL"),
    (r"komunitas internasional|dunia internasional|masyarakat internasional", "international community", None),
    (r"(?:para )?menteri", "ministers", "GOV"),
    (r"perlawanan", "resistance", "REB"),
    (r"(?:pasukan|tentara) [A-Z]\w+", None, "MIL"),
]
ROLE_RE = [(re.compile(r"(?<!\w)(?:%s)(?!\w)" % p, re.I if p[0] != "(" or "pasukan" not in p else 0), n, s)
           for p, n, s in ROLE_WORDS]

SENT_RE = re.compile(r"(?<=[.!?])[\"\u201d']?\s+(?=[\"\u201c(A-Z0-9])|\n+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in SENT_RE.finditer(text):
        end = m.start()
        # keep closing quotes with the sentence
        while end < len(text) and text[end] in "\"\u201d'":
            end += 1
        if text[pos:end].strip():
            s = pos + len(text[pos:end]) - len(text[pos:end].lstrip())
            out.append((s, end))
        pos = m.end()
    if text[pos:].strip():
        s = pos + len(text[pos:]) - len(text[pos:].lstrip())
        out.append((s, len(text.rstrip())))
    return out


def gold_mentions(text: str, entities: list[dict]) -> list[ActorMention]:
    forms = []
    for e in entities:
        for a in {e["name"], *e.get("aliases", [])}:
            forms.append((a, e))
    forms.sort(key=lambda x: -len(x[0]))
    taken = [False] * len(text)
    out = []
    for alias, e in forms:
        flags = 0 if (alias.isupper() or len(alias) <= 3) else re.I if alias[0].islower() else 0
        for m in re.finditer(r"(?<!\w)%s(?!\w)" % re.escape(alias), text, flags):
            if any(taken[m.start():m.end()]):
                continue
            for k in range(m.start(), m.end()):
                taken[k] = True
            out.append(ActorMention(m.start(), m.end(), m.group(), e["name"], e["type"], e.get("code"),
                                    e.get("sector"), e.get("wikidata")))
    for rx, name, sector in ROLE_RE:
        for m in rx.finditer(text):
            if any(taken[m.start():m.end()]):
                continue
            for k in range(m.start(), m.end()):
                taken[k] = True
            out.append(ActorMention(m.start(), m.end(), m.group(), name or m.group(), "GROUP", None, sector))
    out.sort(key=lambda m: m.start)
    return out


def kb_mentions(text: str, gaz) -> list[ActorMention]:
    out = []
    for g in gaz.find(text):
        e = g.entry
        out.append(ActorMention(g.start, g.end, g.text, e.name, e.type, e.code, e.sector, e.wikidata, e.id))
    taken = [False] * len(text)
    for m in out:
        for k in range(m.start, m.end):
            taken[k] = True
    for rx, name, sector in ROLE_RE:
        for m in rx.finditer(text):
            if not any(taken[m.start():m.end()]):
                out.append(ActorMention(m.start(), m.end(), m.group(), name or m.group(), "GROUP", None, sector))
    out.sort(key=lambda m: m.start)
    return out


def actor_json(m: ActorMention) -> dict:
    return {"code": m.code, "sector": m.sector, "entity_text": m.text, "identifier_id": m.wikidata,
            "identifier_text": m.name}


def event_json(doc: str, text: str, s: int, e: int, seq: int, ev: CodedEvent) -> dict:
    loc = ev.location
    return {
        "doc": doc, "event": [ev.type], "mode": [ev.mode] if ev.mode else [], "context": ev.context,
        "actor": [actor_json(a) for a in ev.actors], "recipient": [actor_json(r) for r in ev.recipients],
        "date": None, "modality": ev.modality, "attribution": ev.attribution,
        "event_loc": {"placename": loc.text, "country_code3": loc.code} if loc else None,
        "event_text": [ev.trigger[2]], "planned": ev.planned, "tense": ev.tense,
        "text_info": {"sequence": seq, "start": s, "end": e, "sentence": text[s:e]},
        "confidence": ev.confidence,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kb", action="store_true", help="use warta.analyse.resolve.gazetteer instead of gold aliases")
    ap.add_argument("--out", default=None)
    ap.add_argument("--show", action="store_true", help="print every coded event")
    ap.add_argument("--doc", default=None, help="only documents starting with this")
    ap.add_argument("--keep-negated", action="store_true", help="also write negated events")
    a = ap.parse_args()
    gold = {json.loads(l)["doc"]: json.loads(l) for l in open(GOLD, encoding="utf-8")}
    inputs = [json.loads(l) for l in open(INPUT, encoding="utf-8")]
    gaz = None
    if a.kb:
        from warta.analyse.resolve.gazetteer import Gazetteer
        gaz = Gazetteer.default()
    tmp = Path(tempfile.mkdtemp(prefix="dev_events_"))
    texts = tmp / "texts"
    texts.mkdir()
    out_path = Path(a.out) if a.out else tmp / "pred.jsonl"
    t0, nsent = time.perf_counter(), 0
    with open(out_path, "w", encoding="utf-8") as out:
        for art in inputs:
            doc, text = art["id"], art["text"]
            if a.doc and not doc.startswith(a.doc):
                continue
            (texts / doc).write_text(text, encoding="utf-8")
            ments = kb_mentions(text, gaz) if gaz else gold_mentions(text, gold[doc]["entities"])
            codes = Counter(m.code for m in ments if m.code and m.code != "IGO" and m.type in ("GPE", "ORG", "PER"))
            anchor = codes.most_common(1)[0][0] if codes else None
            events, previous = [], []
            for seq, (s, e) in enumerate(split_sentences(text)):
                nsent += 1
                if re.match(r"\s*Baca (juga|pula)\b", text[s:e], re.I):
                    continue                       # related-article links (boilerplate)
                sm = [m for m in ments if m.start >= s and m.end <= e]
                evs = code_sentence(text, s, e, sm, previous=previous[-12:], anchor_country=anchor,
                                    published=art.get("published"))
                for ev in evs:
                    if ev.modality == "negated" and not a.keep_negated:
                        continue                   # PLOVER: negated events may be left out
                    events.append(event_json(doc, text, s, e, seq, ev))
                    if a.show:
                        print(f"{doc[:3]} {ev.type:9} {ev.mode or '-':12} {ev.modality:12} "
                              f"{[x.name for x in ev.actors]} -> {[x.name for x in ev.recipients]} "
                              f"| {ev.trigger[2]} | {text[s:e][:90]}")
                previous.extend(evs)
            out.write(json.dumps({"doc": doc, "events": events}, ensure_ascii=False) + "\n")
    dt = time.perf_counter() - t0
    print(f"coded {len(inputs)} articles, {nsent} sentences in {dt*1000:.0f} ms "
          f"({len(inputs)/dt:.0f} articles/s)", file=sys.stderr)
    cmd = [sys.executable, str(SCORER), str(GOLD), str(out_path), "--texts", str(texts)]
    print("$", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=False)


if __name__ == "__main__":
    main()
