#!/usr/bin/env python
"""Score warta's whole name finding (knowledge base + recogniser + linker) on a CoNLL NER file.

Usage (from the repo root)::

    python scripts/eval_ner_pipeline.py                       # idner-news-2k dev split
    python scripts/eval_ner_pipeline.py ../shared/data/indonlu/nergrit_ner-grit/test.txt

The sentences are joined with single spaces (a line break between sentences) into
pseudo-articles of ``SENTENCES_PER_ARTICLE`` sentences, with no publication date, and
analysed with :func:`warta.analyze`; every entity mention is compared with the gold spans:
entity level, exact character span and type (GPE counts as LOC). The linker extends a
person's mention over a title before it (``Menteri Luar Negeri Retno Marsudi``, ``Gubernur
DKI Jakarta Joko Widodo``); the title words and a country or region before the name are taken
off again here (longest title first), since the gold spans are the names alone. Prints P/R/F1 overall and per type.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))

import warta  # noqa: E402
from ner_data import DEFAULT_EXTRA, read_conll  # noqa: E402
from warta.analyse.ner import bio_to_spans  # noqa: E402
from warta.analyse.resolve import linker  # noqa: E402

SENTENCES_PER_ARTICLE = 20  # about the length of a news article
TYPES = ("PER", "ORG", "LOC")


def articles(sents):
    """(text, gold spans as (start, end, type)) for each group of sentences."""
    for i in range(0, len(sents), SENTENCES_PER_ARTICLE):
        parts, gold, pos = [], set(), 0
        for toks, tags in sents[i:i + SENTENCES_PER_ARTICLE]:
            offs = []
            for t in toks:
                offs.append((pos, pos + len(t)))
                parts.append(t)
                pos += len(t) + 1
            parts[-1] += "\n"
            for a, b, lab in bio_to_spans(tags):
                gold.add((offs[a][0], offs[b - 1][1], lab))
        yield "".join(p if p.endswith("\n") else p + " " for p in parts), gold


def name_span(text: str, start: int, end: int, kb) -> int:
    """Start of the name in a person mention, past title words and a nationality.

    Takes off, again and again, the longest run of the mention's first words (up to six) that
    is a title as the linker reads one (``Wakil Ketua DPR``, ``Menteri Luar Negeri``) or names a
    country or region (``Amerika Serikat``, ``DKI Jakarta``), as long as a word is left; first,
    everything up to the last bracketed part before the name."""
    title_re = linker._title_regex()
    # a bracketed abbreviation of the title or the country ends them (``Menteri Koordinator ...
    # (Menko Polhukam) Wiranto``, ``Menteri Pertahanan (Menhan) AS James Mattis``)
    last = None
    for last in re.finditer(r"\)\s+", text[start:end]):
        pass
    if last is not None and "(" in text[start:start + last.start()]:
        start += last.end()
    while True:
        words = list(re.finditer(r"\S+", text[start:end]))
        for k in range(min(len(words) - 1, 6), 0, -1):
            phrase = text[start:start + words[k - 1].end()]
            if title_re.match(phrase) or any(h.type == "GPE" for h in kb.lookup(phrase.rstrip(",:"))):
                start += words[k].start()
                break
        else:
            return start


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("conll", type=Path, nargs="?", default=DEFAULT_EXTRA / "dev.txt")
    args = ap.parse_args(argv)
    sents = read_conll(args.conll)
    kb = linker._kb()
    tp, npred, ngold = Counter(), Counter(), Counter()
    for text, gold in articles(sents):
        doc = warta.analyze(text)
        pred = set()
        for e in doc.entities:
            lab = {"GPE": "LOC"}.get(e.type, e.type)
            if lab not in TYPES:
                continue
            for m in e.mentions:
                s = name_span(text, m.start, m.end, kb) if lab == "PER" else m.start
                pred.add((s, m.end, lab))
        for s in gold:
            ngold[s[2]] += 1
        for s in pred:
            npred[s[2]] += 1
        for s in gold & pred:
            tp[s[2]] += 1

    def prf(t, p, g):
        pr, rc = (t / p if p else 0.0), (t / g if g else 0.0)
        return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)

    p, r, f = prf(sum(tp.values()), sum(npred.values()), sum(ngold.values()))
    print(f"{args.conll}: {len(sents)} sentences, {sum(ngold.values())} gold names")
    print(f"overall P {p:.3f} R {r:.3f} F1 {f:.3f}")
    for lab in TYPES:
        p, r, f = prf(tp[lab], npred[lab], ngold[lab])
        print(f"  {lab}: P {p:.3f} R {r:.3f} F1 {f:.3f} (gold {ngold[lab]})")


if __name__ == "__main__":
    main()
