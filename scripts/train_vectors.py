#!/usr/bin/env python
"""Static word vectors for warta's parser, trained here on raw Indonesian text (IndoSum).

Usage (from the repo root)::

    python scripts/train_vectors.py --out /tmp/vectors          # then train_parser.py --vectors /tmp/vectors

Count-based vectors (positive PMI of lowercased words within ``--window`` words either side,
context counts smoothed by the power 0.75, truncated SVD, rows scaled by the square root of the
singular values and normalised to unit length): deterministic, numpy and scipy only. The
``--rows`` most frequent lowercased words keep a vector; the table is keyed on ``LOWER`` so
``Jakarta`` and ``jakarta`` share one. Writes a blank spaCy ``id`` pipeline whose vocab holds the
vectors (``[initialize] vectors`` of the parser config reads it).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WARTA_SHARED") or REPO.parent / "shared")
DEFAULT_CORPUS = SHARED / "corpora" / "indosum" / "articles.jsonl"


def sentences(path: Path):
    """Lowercased token lists, one per line of each article's (already tokenised) text."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            for para in json.loads(line)["text"].split("\n"):
                toks = para.lower().split()
                if toks:
                    yield toks


def cooccurrence(sents: list[list[str]], index: dict[str, int], window: int):
    """Sparse word-by-context counts within ``window`` tokens, weighted 1/distance."""
    from scipy import sparse

    rows, cols, vals = [], [], []
    for toks in sents:
        ids = np.array([index.get(t, -1) for t in toks])
        for d in range(1, window + 1):
            a, b = ids[:-d], ids[d:]
            keep = (a >= 0) & (b >= 0)
            a, b = a[keep], b[keep]
            rows += [a, b]
            cols += [b, a]
            vals += [np.full(len(a), 1.0 / d), np.full(len(a), 1.0 / d)]
    n = len(index)
    m = sparse.coo_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))
    return m.tocsr()


def ppmi_svd(counts, dim: int, seed: int = 0) -> np.ndarray:
    """Unit-length rows of the truncated SVD of the positive PMI matrix (context smoothing 0.75)."""
    from scipy import sparse
    from scipy.sparse.linalg import svds

    total = counts.sum()
    row = np.asarray(counts.sum(axis=1)).ravel()
    ctx = np.asarray(counts.sum(axis=0)).ravel() ** 0.75
    ctx_total = ctx.sum()
    coo = counts.tocoo()
    pmi = np.log((coo.data / total) / ((row[coo.row] / total) * (ctx[coo.col] / ctx_total)))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=counts.shape)
    v0 = np.random.default_rng(seed).standard_normal(min(ppmi.shape))
    u, s, _ = svds(ppmi, k=dim, v0=v0)
    order = np.argsort(-s)
    vecs = u[:, order] * np.sqrt(s[order])
    vecs *= np.sign(vecs.sum(axis=0, keepdims=True) + 1e-12)  # fix each dimension's sign
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return (vecs / np.maximum(norms, 1e-8)).astype("float32")


def build(corpus: Path, rows: int, dim: int, window: int, min_count: int = 3):
    sents = list(sentences(corpus))
    freq = Counter(t for s in sents for t in s)
    words = [w for w, c in sorted(freq.items(), key=lambda x: (-x[1], x[0])) if c >= min_count][:rows]
    index = {w: i for i, w in enumerate(words)}
    vecs = ppmi_svd(cooccurrence(sents, index, window), dim)
    return words, vecs, sum(len(s) for s in sents)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="IndoSum articles.jsonl")
    ap.add_argument("--out", type=Path, required=True, help="folder for the blank pipeline with the vectors")
    ap.add_argument("--rows", type=int, default=10000, help="words kept (most frequent first)")
    ap.add_argument("--dim", type=int, default=64)
    ap.add_argument("--window", type=int, default=2)
    args = ap.parse_args(argv)
    write(args.corpus, args.out, args.rows, args.dim, args.window)
    return 0


def write(corpus: Path, out: Path, rows: int, dim: int, window: int) -> dict:
    import spacy
    from spacy.vectors import Vectors

    words, vecs, ntok = build(corpus, rows, dim, window)
    nlp = spacy.blank("id")
    keys = [nlp.vocab.strings.add(w) for w in words]
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=vecs, keys=keys, attr="LOWER",
                                name="warta_indosum_ppmi")
    nlp.to_disk(out)
    info = {"corpus_tokens": ntok, "rows": len(words), "dim": dim, "window": window}
    print(json.dumps(info))
    return info


if __name__ == "__main__":
    sys.exit(main())
