#!/usr/bin/env python
"""Word clusters for the name recogniser, learned from raw Indonesian news text.

Usage (from the repo root)::

    python scripts/train_clusters.py [--corpus ../shared/corpora/indosum/articles.jsonl]

Brown-style hierarchical word classes, computed in a way that takes a minute on a CPU:
each word of the corpus seen at least ``MIN_COUNT`` times is described by the words to its
left and right (counts over the ``CONTEXTS`` most frequent words, positive PMI), reduced to
``DIMS`` dimensions (SVD), and grouped by k-means into ``FINE`` classes; the class centres
are grouped again into ``MID`` and then ``COARSE`` classes, so that a word's three class
numbers form a path in one tree, like the prefixes of a Brown cluster's bit string.

Writes ``src/warta/analyse/models/ner.clusters.tsv`` (``word<TAB>coarse<TAB>mid<TAB>fine``,
lower-cased words), read by :class:`warta.analyse.ner.NerTagger` beside ``ner.crfsuite``.
The corpus text itself is not shipped, only the word list and class numbers.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import time
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
# the project's shared material sits beside the checkout (or beside the worktrees' folder)
SHARED = next((p / "shared" for p in (REPO.parent, REPO.parent.parent) if (p / "shared").is_dir()), REPO.parent / "shared")
DEFAULT_CORPUS = SHARED / "corpora" / "indosum" / "articles.jsonl"
OUT = REPO / "src" / "warta" / "analyse" / "models" / "ner.clusters.tsv"

MIN_COUNT = 3  # words seen fewer times have too few contexts to place
CONTEXTS = 2000  # most frequent words used as left/right contexts
DIMS = 80  # SVD dimensions kept
FINE, MID, COARSE = 600, 120, 24  # k-means classes at the three levels
SEED = 13
_TOKEN = re.compile(r"\S+")


def tokens(corpus: Path):
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            for para in rec.get("text", "").split("\n"):
                toks = [t.lower() for t in _TOKEN.findall(para)]
                if toks:
                    yield toks


def kmeans(x: np.ndarray, k: int, iters: int, rng: np.random.Generator, weights: np.ndarray | None = None):
    """Lloyd's k-means (k-means++ start) on the rows of ``x``; labels and centres."""
    n = len(x)
    w = np.ones(n) if weights is None else weights
    centres = [x[rng.choice(n, p=w / w.sum())]]
    d2 = ((x - centres[0]) ** 2).sum(1)
    for _ in range(1, k):
        p = d2 * w
        c = x[rng.choice(n, p=p / p.sum())]
        centres.append(c)
        d2 = np.minimum(d2, ((x - c) ** 2).sum(1))
    c = np.array(centres)
    xx = (x ** 2).sum(1)[:, None]
    for _ in range(iters):
        dist = xx - 2 * x @ c.T + (c ** 2).sum(1)[None, :]
        lab = dist.argmin(1)
        for j in range(k):
            m = lab == j
            if m.any():
                c[j] = np.average(x[m], axis=0, weights=w[m])
    return lab, c


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    sents = list(tokens(args.corpus.resolve()))
    counts = Counter(t for s in sents for t in s)
    vocab = [w for w, c in counts.most_common() if c >= MIN_COUNT and any(ch.isalpha() for ch in w)]
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, (w, _) in enumerate(counts.most_common(CONTEXTS))}
    m = np.zeros((len(vocab), 2 * CONTEXTS), dtype=np.float32)
    for s in sents:
        padded = ["<s>"] + s + ["</s>"]
        for i in range(1, len(padded) - 1):
            r = index.get(padded[i])
            if r is None:
                continue
            left, right = ctx.get(padded[i - 1]), ctx.get(padded[i + 1])
            if left is not None:
                m[r, left] += 1
            if right is not None:
                m[r, CONTEXTS + right] += 1
    total = m.sum()
    pw = m.sum(1, keepdims=True) / total
    pc = m.sum(0, keepdims=True) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log((m / total) / (pw * pc))
    ppmi = np.nan_to_num(np.maximum(pmi, 0), posinf=0.0).astype(np.float32)
    # SVD through the small Gram matrix of the contexts
    gram = ppmi.T @ ppmi
    vals, vecs = np.linalg.eigh(gram)
    top = vecs[:, np.argsort(vals)[::-1][:DIMS]]
    emb = ppmi @ top
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    rng = np.random.default_rng(SEED)
    freq = np.array([counts[w] for w in vocab], dtype=np.float64)
    fine, centres = kmeans(emb, FINE, 15, rng, weights=np.sqrt(freq))
    sizes = np.bincount(fine, weights=freq, minlength=FINE) + 1
    mid_of, mid_c = kmeans(centres, MID, 20, rng, weights=np.sqrt(sizes))
    sizes_mid = np.bincount(mid_of, weights=sizes, minlength=MID) + 1
    coarse_of, _ = kmeans(mid_c, COARSE, 20, rng, weights=np.sqrt(sizes_mid))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write(f"# word clusters from {args.corpus.name} (sha256 {_sha(args.corpus)[:16]}): "
                 f"min_count {MIN_COUNT}, contexts {CONTEXTS}, dims {DIMS}, k {COARSE}/{MID}/{FINE}, seed {SEED}\n")
        for w, f in zip(vocab, fine):
            mid = mid_of[f]
            fh.write(f"{w}\t{coarse_of[mid]}\t{mid}\t{f}\n")
    print(f"{len(sents)} paragraphs, {sum(counts.values())} tokens, {len(vocab)} words clustered "
          f"in {time.perf_counter() - t0:.0f}s -> {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


if __name__ == "__main__":
    main()
