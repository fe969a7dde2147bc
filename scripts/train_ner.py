#!/usr/bin/env python
"""Train warta's Indonesian NER model (CRF) from the IndoNLU NER corpora.

Usage (from the repo root)::

    python scripts/train_ner.py                      # defaults below
    python scripts/train_ner.py --data ../shared/data/indonlu --select

Reads ``nerp_ner-prosa`` and ``nergrit_ner-grit`` (train/valid/test .txt,
``token<TAB>tag`` lines, blank line between sentences), maps their tags to
PER / ORG / LOC (everything else -> O), trains a linear-chain CRF with
python-crfsuite on the union of both train splits (+ valid for the final
model), evaluates on each test split separately (entity level, exact span
match) and writes into ``src/warta/analyse/models/``:

* ``ner.crfsuite``       the model (loaded by ``warta.analyse.ner.NerTagger``)
* ``ner-metrics.json``   test-split P/R/F1 per corpus, overall and per label,
                         plus training settings, date, model size and speed
* ``NER-LICENSE.md``     licence / attribution of the training data

``--select`` first picks c1/c2 from a small grid by mean valid-split F1
(models trained on train only), then trains the final model.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sys
import tempfile
import time
from collections import Counter
from importlib.metadata import version as _version
from pathlib import Path

import pycrfsuite

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from warta.analyse.ner import LABELS, NerTagger, bio_to_spans, repair_bio, sentence_features  # noqa: E402

DEFAULT_DATA = REPO / ".." / "shared" / "data" / "indonlu"
OUT_DIR = REPO / "src" / "warta" / "analyse" / "models"

CORPORA = {
    "nerp": "nerp_ner-prosa",
    "nergrit": "nergrit_ner-grit",
}
TAG_MAP = {
    # NERP (Prosa): PPL person, PLC place, IND institution/organisation,
    # EVT event, FNB food & beverage (dropped)
    "PPL": "PER",
    "PLC": "LOC",
    "IND": "ORG",
    # NERGrit
    "PERSON": "PER",
    "PLACE": "LOC",
    "ORGANISATION": "ORG",
}
DEFAULTS = {"c1": 0.1, "c2": 0.01, "max_iterations": 150, "minfreq": 1}
GRID = [(c1, c2) for c1 in (0.1, 0.3) for c2 in (0.01, 0.1)]


# --------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    sents, toks, tags = [], [], []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if toks:
                    sents.append((toks, tags))
                    toks, tags = [], []
                continue
            tok, _, tag = line.partition("\t")
            toks.append(tok)
            tags.append(map_tag(tag.strip()))
    if toks:
        sents.append((toks, tags))
    return sents


def map_tag(tag: str) -> str:
    if len(tag) < 3 or tag[1] != "-":
        return "O"
    lab = TAG_MAP.get(tag[2:])
    return f"{tag[0]}-{lab}" if lab else "O"


class _Redup:
    """IndoNLU splits ``sumber-sumber`` into ``sumber - sumber``; spaCy's
    Indonesian tokenizer keeps (listed) reduplications as one token but splits
    other hyphens.  Merge ``a - b`` in the training data exactly when
    ``spacy.blank("id")`` would keep ``a-b`` as one token."""

    def __init__(self) -> None:
        try:
            import spacy

            self._tok = spacy.blank("id").tokenizer
        except Exception:  # pragma: no cover - spaCy is a dependency
            self._tok = None
        self._cache: dict[str, bool] = {}
        self.merged = 0

    def one_token(self, s: str) -> bool:
        hit = self._cache.get(s)
        if hit is None:
            hit = self._cache[s] = self._tok is not None and len(self._tok(s)) == 1
        return hit

    def __call__(self, toks: list[str], tags: list[str]) -> tuple[list[str], list[str]]:
        if "-" not in toks:
            return toks, tags
        ot, og = [], []
        i = 0
        n = len(toks)
        while i < n:
            if (
                i + 2 < n
                and toks[i + 1] == "-"
                and toks[i].isalpha()
                and toks[i + 2].isalpha()
                and self.one_token(toks[i] + "-" + toks[i + 2])
            ):
                ot.append(toks[i] + "-" + toks[i + 2])
                og.append(tags[i])
                self.merged += 1
                i += 3
            else:
                ot.append(toks[i])
                og.append(tags[i])
                i += 1
        return ot, repair_bio(og)


def load(data: Path) -> dict[str, dict[str, list]]:
    out = {}
    for name, sub in CORPORA.items():
        out[name] = {}
        for split in ("train", "valid", "test"):
            p = data / sub / f"{split}.txt"
            if not p.is_file():
                raise SystemExit(f"missing {p}")
            out[name][split] = read_conll(p)
    return out


# --------------------------------------------------------------------------
# Train / evaluate
# --------------------------------------------------------------------------


def train(sents, model_path: Path, c1: float, c2: float, max_iterations: int, minfreq: float) -> float:
    tr = pycrfsuite.Trainer(verbose=False)
    for toks, tags in sents:
        tr.append(sentence_features(toks), tags)
    tr.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.minfreq": minfreq,
            "feature.possible_transitions": True,
        }
    )
    t0 = time.perf_counter()
    tr.train(str(model_path))
    return time.perf_counter() - t0


def evaluate(tagger: NerTagger, sents) -> dict:
    tp, npred, ngold = Counter(), Counter(), Counter()
    for toks, gold in sents:
        pred = tagger.tag(toks)  # run-time path: features, Viterbi, BIO repair
        g = set(bio_to_spans(gold))
        p = set(bio_to_spans(pred))
        for s in g:
            ngold[s[2]] += 1
        for s in p:
            npred[s[2]] += 1
        for s in g & p:
            tp[s[2]] += 1

    def prf(t, p, g):
        pr = t / p if p else 0.0
        rc = t / g if g else 0.0
        f = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        return {"precision": round(pr, 4), "recall": round(rc, 4), "f1": round(f, 4), "support": g}

    res = {"overall": prf(sum(tp.values()), sum(npred.values()), sum(ngold.values()))}
    res["per_label"] = {lab: prf(tp[lab], npred[lab], ngold[lab]) for lab in LABELS}
    res["sentences"] = len(sents)
    res["tokens"] = sum(len(t) for t, _ in sents)
    return res


def speed(tagger: NerTagger, sents, repeats: int = 3) -> dict:
    """Throughput of ``NerTagger.tag`` (features + Viterbi + BIO repair) on one
    core with a warm feature cache (as in a long-running pipeline); best of
    ``repeats`` runs, CPU time of this process and wall-clock time."""
    toks = [t for t, _ in sents]
    ntok = sum(len(t) for t in toks)
    for t in toks:  # warm the per-word cache
        tagger.tag(t)
    cpu = wall = float("inf")
    for _ in range(repeats):
        c0, w0 = time.process_time(), time.perf_counter()
        for t in toks:
            tagger.tag(t)
        cpu = min(cpu, time.process_time() - c0)
        wall = min(wall, time.perf_counter() - w0)
    tps = ntok / cpu
    return {
        "tokens_per_s": round(tps),
        "ms_per_400_tokens": round(400 / tps * 1000, 3),
        "tokens_per_s_wall": round(ntok / wall),
        "tokens": ntok,
        "note": "CPU seconds of one process (wall-clock also given), test splits, warm cache",
    }


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="IndoNLU data dir (default: %(default)s)")
    ap.add_argument("--out", type=Path, default=OUT_DIR, help="output dir (default: %(default)s)")
    ap.add_argument("--c1", type=float, default=DEFAULTS["c1"])
    ap.add_argument("--c2", type=float, default=DEFAULTS["c2"])
    ap.add_argument("--max-iterations", type=int, default=DEFAULTS["max_iterations"])
    ap.add_argument("--minfreq", type=float, default=DEFAULTS["minfreq"])
    ap.add_argument("--select", action="store_true", help="choose c1/c2 on the valid splits first")
    ap.add_argument("--no-valid", action="store_true", help="final model on train only (default: train+valid)")
    args = ap.parse_args(argv)

    data = args.data.resolve()  # default is relative to the repo root, --data to the cwd
    print(f"data: {data}")
    corp = load(data)
    redup = _Redup()
    for name in corp:
        for split in ("train", "valid"):
            corp[name][split] = [redup(t, g) for t, g in corp[name][split]]
    print(f"merged {redup.merged} reduplicated words (a - b -> a-b) in train/valid")

    train_sents = corp["nerp"]["train"] + corp["nergrit"]["train"]
    valid_sents = corp["nerp"]["valid"] + corp["nergrit"]["valid"]
    c1, c2 = args.c1, args.c2
    selection = None
    with tempfile.TemporaryDirectory() as tmp:
        if args.select:
            selection = []
            for gc1, gc2 in GRID:
                mp = Path(tmp) / f"sel-{gc1}-{gc2}.crfsuite"
                secs = train(train_sents, mp, gc1, gc2, args.max_iterations, args.minfreq)
                tg = NerTagger(mp)
                f = {n: evaluate(tg, corp[n]["valid"])["overall"]["f1"] for n in CORPORA}
                mean = round(sum(f.values()) / len(f), 4)
                selection.append({"c1": gc1, "c2": gc2, "valid_f1": f, "mean": mean, "model_bytes": mp.stat().st_size})
                print(f"  c1={gc1} c2={gc2}: valid F1 {f} mean {mean} ({secs:.0f}s, {mp.stat().st_size} B)")
            best = max(selection, key=lambda r: r["mean"])
            c1, c2 = best["c1"], best["c2"]
            print(f"selected c1={c1} c2={c2}")

    final = train_sents if args.no_valid else train_sents + valid_sents
    args.out.mkdir(parents=True, exist_ok=True)
    model = args.out / "ner.crfsuite"
    secs = train(final, model, c1, c2, args.max_iterations, args.minfreq)
    size = model.stat().st_size
    print(f"trained on {len(final)} sentences in {secs:.1f}s -> {model} ({size / 1e6:.2f} MB)")

    tagger = NerTagger(model)
    results = {n: evaluate(tagger, corp[n]["test"]) for n in CORPORA}
    for n, r in results.items():
        o = r["overall"]
        per = ", ".join(f"{k} {v['f1']:.3f}" for k, v in r["per_label"].items())
        print(f"{n} test: P {o['precision']:.3f} R {o['recall']:.3f} F1 {o['f1']:.3f} ({per})")
    spd = speed(tagger, corp["nerp"]["test"] + corp["nergrit"]["test"])
    print(f"speed: {spd['tokens_per_s']} tokens/s CPU ({spd['tokens_per_s_wall']} wall), {spd['ms_per_400_tokens']} ms per 400 tokens")

    metrics = {
        "model": "ner.crfsuite",
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "labels": list(LABELS),
        "tag_map": TAG_MAP,
        "dropped": ["NERP EVT (event)", "NERP FNB (food & beverage)"],
        "evaluation": "test split of each corpus separately; entity level, exact span match "
        "(BIO spans, invalid I- repaired to B-); original IndoNLU tokenisation; "
        "NERP text is all lowercase so it is tagged without case features",
        "test": results,
        "training": {
            "algorithm": "lbfgs (python-crfsuite %s, linear-chain CRF)" % _version("python-crfsuite"),
            "c1": c1,
            "c2": c2,
            "max_iterations": args.max_iterations,
            "feature.minfreq": args.minfreq,
            "data": ["nerp train", "nergrit train"] + ([] if args.no_valid else ["nerp valid", "nergrit valid"]),
            "sentences": len(final),
            "tokens": sum(len(t) for t, _ in final),
            "reduplications_merged": redup.merged,
            "seconds": round(secs, 1),
            "selection": selection,
            "python": platform.python_version(),
        },
        "model_bytes": size,
        "model_attributes": len(tagger._known),
        "speed": spd,
    }
    (args.out / "ner-metrics.json").write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_license(args.out / "NER-LICENSE.md", data)
    print(f"wrote {args.out / 'ner-metrics.json'} and NER-LICENSE.md")


LICENSE_TEXT = """\
# Licence of the NER model's training data

`ner.crfsuite` is a CRF model trained by `scripts/train_ner.py` on two
Indonesian NER corpora distributed with **IndoNLU**
(<https://github.com/IndoNLP/indonlu>, Wilie et al., 2020, "IndoNLU: Benchmark
and Resources for Evaluating Indonesian Natural Language Understanding",
AACL-IJCNLP 2020):

* `nerp_ner-prosa` (NERP, from Prosa.ai)
* `nergrit_ner-grit` (NERGrit, from the Grit-ID NERGrit corpus)

The IndoNLU repository, including these data files, is licensed under the
**Apache License, Version 2.0** (checked against the `LICENSE` file shipped
next to the data at training time: {license_note}).  Its copyright notice
reads:

{copyright}

The model file contains only learned feature weights (word / affix / shape
attributes and label transitions), not the corpus text.  It is redistributed
as a derivative work under the Apache License 2.0, the same licence as warta.
A copy of the licence: <https://www.apache.org/licenses/LICENSE-2.0>.

Tags were mapped to PER / ORG / LOC (NERP PPL/IND/PLC, NERGrit
PERSON/ORGANISATION/PLACE); NERP EVT and FNB were dropped.
"""


def write_license(path: Path, data: Path) -> None:
    lic = data / "LICENSE"
    copyright_lines = []
    note = "not found at training time"
    if lic.is_file():
        text = lic.read_text(encoding="utf-8", errors="replace")
        ok = "Apache License" in text and "Version 2.0" in text
        note = "Apache License 2.0" if ok else "NOT recognised as Apache-2.0, check by hand"
        copyright_lines = [ln.strip() for ln in text.splitlines() if ln.strip().startswith("Copyright (c)")]
    cp = "\n".join(f"> {ln}  " for ln in copyright_lines) or "> (no copyright lines found)"
    path.write_text(LICENSE_TEXT.format(license_note=note, copyright=cp), encoding="utf-8")


if __name__ == "__main__":
    main()
