"""A logistic model over hashed string features: ``p = sigmoid(w · x + b)``.

Features are strings (``"w=presiden"``, ``"t=ACCUSE|r=tuduh"``) hashed with CRC-32 into
:data:`DIMS` buckets, so the model is a weight vector and needs no vocabulary. Run time needs
only numpy; :func:`fit` (used by the training scripts) uses scipy's L-BFGS and is
deterministic (no random initialisation, no shuffling).
"""
from __future__ import annotations

import json
import math
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy

#: hashing buckets: 2**18 keeps collisions rare for the ~100k distinct features of the corpus
#: and IndoSum while a model stays under 1 MB on disk (only trained weights are stored)
DIMS = 2**18


def index(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % DIMS


@dataclass
class LinearModel:
    """Weights of a binary logistic model over hashed features, and what it was trained for."""
    weights: numpy.ndarray
    bias: float
    meta: dict = field(default_factory=dict)

    def score(self, features: Iterable[str]) -> float:
        idx = {index(f) for f in features}
        z = self.bias + float(self.weights[list(idx)].sum()) if idx else self.bias
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        nz = numpy.flatnonzero(self.weights)
        numpy.savez_compressed(folder / "weights.npz", index=nz.astype("int32"),
                               value=self.weights[nz].astype("float32"), bias=numpy.float32(self.bias))
        (folder / "meta.json").write_text(json.dumps(self.meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "LinearModel":
        with numpy.load(folder / "weights.npz") as z:
            w = numpy.zeros(DIMS, dtype="float64")
            w[z["index"]] = z["value"]
            bias = float(z["bias"])
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        return cls(w, bias, meta)


def fit(rows: Sequence[Iterable[str]], labels: Sequence[int], weights: Sequence[float] | None = None,
        l2: float = 1.0, max_iter: int = 300) -> LinearModel:
    """L2-regularised logistic regression over hashed binary features (scipy L-BFGS)."""
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    indptr, cols = [0], []
    for feats in rows:
        cols.extend(sorted({index(f) for f in feats}))
        indptr.append(len(cols))
    x = csr_matrix((numpy.ones(len(cols)), numpy.array(cols, dtype="int64"), numpy.array(indptr)),
                   shape=(len(indptr) - 1, DIMS))
    used = numpy.unique(numpy.array(cols, dtype="int64"))
    x = x[:, used].tocsr()
    y = numpy.asarray(labels, dtype="float64")
    sw = numpy.ones_like(y) if weights is None else numpy.asarray(weights, dtype="float64")

    def loss(theta: numpy.ndarray) -> tuple[float, numpy.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        p = 1.0 / (1.0 + numpy.exp(-numpy.clip(z, -30, 30)))
        nll = -(sw * (y * numpy.log(p + 1e-12) + (1 - y) * numpy.log(1 - p + 1e-12))).sum()
        g = sw * (p - y)
        grad = numpy.concatenate([x.T @ g + l2 * w, [g.sum()]])
        return nll + 0.5 * l2 * float(w @ w), grad

    res = minimize(loss, numpy.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B", options={"maxiter": max_iter})
    full = numpy.zeros(DIMS)
    full[used] = res.x[:-1]
    return LinearModel(full, float(res.x[-1]))


@dataclass
class SoftmaxModel:
    """A multinomial logistic model over hashed features: one weight row per hashed feature seen
    in training (``used``, sorted), one column per class."""
    classes: list[str]
    used: numpy.ndarray
    weights: numpy.ndarray
    bias: numpy.ndarray
    meta: dict = field(default_factory=dict)

    def probs(self, features: Iterable[str]) -> dict[str, float]:
        idx = numpy.array(sorted({index(f) for f in features}), dtype="int64")
        pos = numpy.searchsorted(self.used, idx)
        ok = pos < len(self.used)
        pos = pos[ok][self.used[pos[ok]] == idx[ok]]
        z = self.bias + self.weights[pos].sum(axis=0)
        z = numpy.exp(z - z.max())
        z /= z.sum()
        return dict(zip(self.classes, (float(v) for v in z)))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        numpy.savez_compressed(folder / "weights.npz", used=self.used.astype("int32"),
                               weights=self.weights.astype("float32"), bias=self.bias.astype("float32"))
        meta = dict(self.meta, classes=self.classes)
        (folder / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "SoftmaxModel":
        with numpy.load(folder / "weights.npz") as z:
            used, w, b = z["used"].astype("int64"), z["weights"].astype("float64"), z["bias"].astype("float64")
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        return cls(list(meta["classes"]), used, w, b, meta)


def fit_softmax(rows: Sequence[Iterable[str]], labels: Sequence[str], classes: Sequence[str],
                l2: float = 1.0, max_iter: int = 80, weights: Sequence[float] | None = None) -> SoftmaxModel:
    """L2-regularised multinomial logistic regression over hashed binary features (scipy L-BFGS)."""
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    indptr, cols = [0], []
    for feats in rows:
        cols.extend(sorted({index(f) for f in feats}))
        indptr.append(len(cols))
    used = numpy.unique(numpy.array(cols, dtype="int64"))
    remap = numpy.searchsorted(used, numpy.array(cols, dtype="int64"))
    x = csr_matrix((numpy.ones(len(cols)), remap, numpy.array(indptr)), shape=(len(indptr) - 1, len(used)))
    cls_index = {c: i for i, c in enumerate(classes)}
    y = numpy.zeros((x.shape[0], len(classes)))
    y[numpy.arange(x.shape[0]), [cls_index[c] for c in labels]] = 1.0
    n_f, n_c = x.shape[1], len(classes)
    if weights is not None:
        y = y * numpy.asarray(weights, dtype="float64")[:, None]

    def loss(theta: numpy.ndarray) -> tuple[float, numpy.ndarray]:
        w, b = theta[:n_f * n_c].reshape(n_f, n_c), theta[n_f * n_c:]
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = numpy.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        nll = -(y * numpy.log(p + 1e-12)).sum()
        g = p * y.sum(axis=1, keepdims=True) - y
        gw = x.T @ g + l2 * w
        return nll + 0.5 * l2 * float((w * w).sum()), numpy.concatenate([gw.ravel(), g.sum(axis=0)])

    res = minimize(loss, numpy.zeros(n_f * n_c + n_c), jac=True, method="L-BFGS-B", options={"maxiter": max_iter})
    w, b = res.x[:n_f * n_c].reshape(n_f, n_c), res.x[n_f * n_c:]
    return SoftmaxModel(list(classes), used, w, b)
