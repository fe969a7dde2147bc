#!/usr/bin/env python
"""The word forms the tokenizer learns once per process: the most frequent whitespace-separated
chunks of raw Indonesian news.

Usage (from the repo root)::

    python scripts/build_wordlist.py [--corpus ../shared/corpora/indosum/articles.jsonl] [--size 20000]

warta analyses each article in a spaCy memory zone, so that an archive's new words do not stay in
memory; but then every article's words are made again (a lexeme and its attributes, and the
tokenizer's prefix, suffix and infix search for each chunk): 7 ms of an article's 19. A long run
tokenizes the words written here once, outside any zone (:func:`warta.analyse.tokenizer.prime`),
and they stay. The chunks are counted on the detokenised IndoSum articles (``corpus_prepare``)
and written most frequent first, one per line. The corpus text itself is not shipped, only the
list (no sentence can be read back from it).

Writes ``src/warta/analyse/models/tokenizer-words.txt``.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_prepare import detokenise  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = next((p / "shared" for p in (REPO.parent, REPO.parent.parent) if (p / "shared").is_dir()), REPO.parent / "shared")
DEFAULT_CORPUS = SHARED / "corpora" / "indosum" / "articles.jsonl"
OUT = REPO / "src" / "warta" / "analyse" / "models" / "tokenizer-words.txt"


def count(corpus: Path) -> Counter:
    counts: Counter = Counter()
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            counts.update(detokenise(json.loads(line)["text"]).split())
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--size", type=int, default=20000, help="chunks kept, most frequent first")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    counts = count(args.corpus)
    top = counts.most_common(args.size)
    # ties broken by the chunk itself, so that the file is the same on every run
    top.sort(key=lambda wc: (-wc[1], wc[0]))
    args.out.write_text("".join(f"{w}\n" for w, _ in top), encoding="utf-8")
    total = sum(counts.values())
    print(f"{len(top)} of {len(counts)} chunks, {sum(c for _, c in top) / total:.1%} of {total} in the corpus -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
