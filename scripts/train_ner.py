#!/usr/bin/env python
"""Train warta's Indonesian NER model (CRF) from the IndoNLU NER corpora and idner-news-2k.

Usage (from the repo root)::

    python scripts/train_ner.py                      # compare the variants, ship the better
    python scripts/train_ner.py --variants crf,crf+clusters     # compare only these
    python scripts/train_ner.py --data ../shared/data/indonlu --select

Reads ``nerp_ner-prosa`` and ``nergrit_ner-grit`` (train/valid/test .txt,
``token<TAB>tag`` lines, blank line between sentences) and idner-news-2k
(``token POS tag``; train and dev), maps their tags to PER / ORG / LOC
(everything else -> O) and compares feature variants of a linear-chain CRF
(python-crfsuite):

* ``crf``: word, affix, shape and cue-word features (the model shipped before);
* ``crf+clusters``: the same plus word classes learned from raw news text
  (``scripts/train_clusters.py``, ``models/ner.clusters.tsv``) for the word and
  its neighbours;
* ``crf+clusters+gazetteer``: the same plus, for the word and its neighbours, the
  kinds of known names (PER, ORG, LOC) it occurs in, from the packaged knowledge
  base (``models/ner.gazetteer.tsv``, written here; words raw news mostly
  writes in lower case left out).

Each variant is trained on the three train splits and scored on the NERP and
NERGrit valid splits; the better mean valid F1 wins and is shipped as it was
compared (``--with-valid`` retrains it on train + the IndoNLU valid splits;
measured on 2026-11-29 that scored lower on NERGrit test, 0.710 against 0.721).
Everything is scored (entity level, exact span match) on the NERP and NERGrit
test splits and on the idner-news-2k dev split, which no model here is trained
on. The model shipped before is scored on the same
splits. Writes into ``src/warta/analyse/models/``:

* ``ner.crfsuite``       the model (loaded by ``warta.analyse.ner.NerTagger``)
* ``ner.clusters.tsv``   its word clusters (removed when the winner uses none)
* ``ner.gazetteer.tsv``  its name words (removed when the winner uses none)
* ``ner-metrics.json``   P/R/F1 per split, overall and per label, the variant
                         comparison, the training data's sha256, settings,
                         date, model size and speed
* ``NER-LICENSE.md``     licence / attribution of the training data

``--select`` first picks c1/c2 from a small grid by mean valid-split F1
(models trained on train only), then trains the final model.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import shutil
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
sys.path.insert(0, str(REPO / "scripts"))

from ner_data import DEFAULT_EXTRA, SHARED, TAG_MAP, corpus_silver, read_conll  # noqa: E402

from warta.analyse.ner import (  # noqa: E402
    LABELS, NerTagger, bio_to_spans, clusters_path, gazetteer_path, load_clusters, load_gazetteer, repair_bio,
    sentence_features, word_features)

DEFAULT_DATA = SHARED / "data" / "indonlu"
OUT_DIR = REPO / "src" / "warta" / "analyse" / "models"
CLUSTERS = OUT_DIR / "ner.clusters.tsv"
GAZETTEER = OUT_DIR / "ner.gazetteer.tsv"
VARIANTS = ("crf", "crf+clusters", "crf+clusters+gazetteer")
RAW_NEWS = SHARED / "corpora" / "indosum" / "articles.jsonl"
LOWERCASE_SHARE = 0.5  # a word written in lower case this often in raw news (not sentence-first) is no name word

CORPORA = {
    "nerp": "nerp_ner-prosa",
    "nergrit": "nergrit_ner-grit",
}
DEFAULTS = {"c1": 0.1, "c2": 0.01, "max_iterations": 150, "minfreq": 1}
GRID = [(c1, c2) for c1 in (0.1, 0.3) for c2 in (0.01, 0.1)]


# --------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------


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


def load(data: Path, extra: Path) -> tuple[dict[str, dict[str, list]], list[Path]]:
    """The corpora by name and split, and the files read (for the data hash)."""
    out: dict[str, dict[str, list]] = {}
    files: list[Path] = []
    wanted = [(name, data / sub, ("train", "valid", "test")) for name, sub in CORPORA.items()]
    wanted.append(("idner", extra, ("train", "dev")))
    for name, folder, splits in wanted:
        out[name] = {}
        for split in splits:
            p = folder / f"{split}.txt"
            if not p.is_file():
                raise SystemExit(f"missing {p}")
            out[name][split] = read_conll(p)
            files.append(p)
    return out, files


def data_hash(files: list[Path]) -> str:
    """sha256 over the training and evaluation files, in load order (name and bytes)."""
    h = hashlib.sha256()
    for p in files:
        h.update(p.parent.name.encode() + b"/" + p.name.encode() + b"\0")
        h.update(p.read_bytes())
    return h.hexdigest()


# --------------------------------------------------------------------------
# Train / evaluate
# --------------------------------------------------------------------------


def _lowercase_words(corpus: Path) -> set[str]:
    """Words raw news writes in lower case more often than not (sentence-initial words not counted)."""
    low, seen = Counter(), Counter()
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            for para in json.loads(line).get("text", "").split("\n"):
                toks = para.split()
                for i, t in enumerate(toks):
                    if i == 0 or toks[i - 1] in (".", "!", "?", '"') or not t.isalpha():
                        continue
                    w = t.lower()
                    seen[w] += 1
                    if t == w:
                        low[w] += 1
    return {w for w, n in seen.items() if low[w] > LOWERCASE_SHARE * n}


def build_gazetteer(path: Path, corpus: Path = RAW_NEWS, min_city_population: int | None = None) -> None:
    """Name words of the packaged knowledge base by the kinds of names they occur in, leaving
    out words that raw news mostly writes in lower case (``dewan``, ``utara``, ``bank``); with
    ``min_city_population``, also the words of GeoNames cities of at least that many people (LOC)."""
    from warta.analyse.resolve.kb import KnowledgeBase

    common = _lowercase_words(corpus)
    kinds: dict[str, set[str]] = {}

    def add(name: str, kind: str) -> None:
        for w in name.split():
            w = w.lower().strip(".,()'\"")
            if len(w) >= 3 and w.isalpha() and w not in common:
                kinds.setdefault(w, set()).add(kind)

    for e in KnowledgeBase.load([], include_packaged=True).entries:
        kind = {"GPE": "LOC"}.get(e.type, e.type)
        for alias in e.aliases:
            add(alias, kind)
    if min_city_population is not None:
        from warta.analyse.resolve import geo

        for place in geo.gazetteer().places:
            if place.kind == "city" and place.population >= min_city_population:
                add(geo.fold(place.name), "LOC")
    with path.open("w", encoding="utf-8") as fh:
        fh.write(f"# name words of warta's packaged knowledge base by kind; words {corpus.name} mostly writes in "
                 f"lower case left out\n")
        for w in sorted(kinds):
            fh.write(f"{w}\t{','.join(sorted(kinds[w]))}\n")


def train(sents, model_path: Path, c1: float, c2: float, max_iterations: int, minfreq: float,
          clusters=None, gazetteer=None) -> float:
    """Train a CRF; the cluster and name-word files it uses are written beside it."""
    tr = pycrfsuite.Trainer(verbose=False)
    feats = word_features(clusters, gazetteer)
    for toks, tags in sents:
        tr.append(sentence_features(toks, word_feats=feats), tags)
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
    place_lexicons(model_path, clusters, gazetteer)
    return time.perf_counter() - t0


def place_lexicons(model_path: Path, clusters, gazetteer) -> None:
    """Put the lexicon files a model uses beside it, and remove those it does not use."""
    for used, src, dest in ((clusters, CLUSTERS, clusters_path(model_path)),
                            (gazetteer, GAZETTEER, gazetteer_path(model_path))):
        if used is not None:
            if src.resolve() != dest.resolve():
                shutil.copyfile(src, dest)
        elif dest.exists():
            dest.unlink()


def span_scores(golds, preds) -> dict:
    """Entity-level precision, recall and F1 (exact spans), overall and per label, of predicted
    BIO tag sequences against gold ones."""
    tp, npred, ngold = Counter(), Counter(), Counter()
    for gold, pred in zip(golds, preds):
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

    return {"overall": prf(sum(tp.values()), sum(npred.values()), sum(ngold.values())),
            "per_label": {lab: prf(tp[lab], npred[lab], ngold[lab]) for lab in LABELS}}


def evaluate(tagger: NerTagger, sents) -> dict:
    # run-time path: features, Viterbi, BIO repair
    res = span_scores([gold for _, gold in sents], [tagger.tag(toks) for toks, _ in sents])
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


def _line(name: str, r: dict) -> str:
    o = r["overall"]
    per = ", ".join(f"{k} {v['f1']:.3f}" for k, v in r["per_label"].items())
    return f"  {name}: P {o['precision']:.3f} R {o['recall']:.3f} F1 {o['f1']:.3f} ({per})"


def held_out(tagger: NerTagger, corp) -> dict:
    """Scores on the splits no model here is trained on."""
    res = {n: evaluate(tagger, corp[n]["test"]) for n in CORPORA}
    res["idner-dev"] = evaluate(tagger, corp["idner"]["dev"])
    return res


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="IndoNLU data dir (default: %(default)s)")
    ap.add_argument("--extra", type=Path, default=DEFAULT_EXTRA, help="idner-news-2k dir (default: %(default)s)")
    ap.add_argument("--out", type=Path, default=OUT_DIR, help="output dir (default: %(default)s)")
    ap.add_argument("--c1", type=float, default=DEFAULTS["c1"])
    ap.add_argument("--c2", type=float, default=DEFAULTS["c2"])
    ap.add_argument("--max-iterations", type=int, default=DEFAULTS["max_iterations"])
    ap.add_argument("--minfreq", type=float, default=DEFAULTS["minfreq"])
    ap.add_argument("--variants", default=",".join(VARIANTS), help="feature variants to compare (default: %(default)s)")
    ap.add_argument("--select", action="store_true", help="choose c1/c2 on the valid splits first")
    ap.add_argument("--city-population", type=int, default=None, metavar="N",
                    help="name words also from GeoNames cities of at least N people (LOC)")
    ap.add_argument("--corpus-silver", action="store_true",
                    help="also train on the annotated corpus (corpus/, test split left out), its gold entities "
                         "projected onto its sentences (ner_data.corpus_silver)")
    ap.add_argument("--with-valid", action="store_true",
                    help="retrain the winner on train+valid (default: ship the compared model, trained on train only)")
    args = ap.parse_args(argv)

    data = args.data.resolve()  # default is relative to the repo root, --data to the cwd
    print(f"data: {data} and {args.extra.resolve()}")
    corp, files = load(data, args.extra.resolve())
    redup = _Redup()
    for name in corp:
        for split in ("train", "valid"):
            if split in corp[name]:
                corp[name][split] = [redup(t, g) for t, g in corp[name][split]]
    print(f"merged {redup.merged} reduplicated words (a - b -> a-b) in train/valid")
    clusters = load_clusters(CLUSTERS)
    variants = [v for v in args.variants.split(",") if v]
    if any("clusters" in v for v in variants) and clusters is None:
        raise SystemExit(f"no word clusters at {CLUSTERS}: run scripts/train_clusters.py first")
    # the model shipped before, with the lexicon files it was shipped with, kept apart before
    # this run rewrites the name words
    prev_dir = Path(tempfile.mkdtemp())
    prev_path = None
    old = args.out / "ner.crfsuite"
    if old.is_file():
        prev_path = prev_dir / "previous.crfsuite"
        shutil.copyfile(old, prev_path)
        old_variant = json.loads((args.out / "ner-metrics.json").read_text()).get("training", {}).get("variant", "")
        for used, where in (("clusters", clusters_path), ("gazetteer", gazetteer_path)):
            if used in (old_variant or "") and where(old).is_file():
                shutil.copyfile(where(old), where(prev_path))
    gazetteer = None
    if any("gazetteer" in v for v in variants):
        build_gazetteer(GAZETTEER, min_city_population=args.city_population)
        gazetteer = load_gazetteer(GAZETTEER)

    def lexicons(v: str):
        return (clusters if "clusters" in v else None), (gazetteer if "gazetteer" in v else None)

    train_sents = corp["nerp"]["train"] + corp["nergrit"]["train"] + corp["idner"]["train"]
    if args.corpus_silver:
        test_split = set(json.loads((REPO / "corpus" / "splits.json").read_text(encoding="utf-8"))["test"])
        silver = corpus_silver(REPO / "corpus", exclude=test_split)
        files += [REPO / "corpus" / "gold.jsonl", REPO / "corpus" / "input.jsonl"]
        print(f"corpus silver: {len(silver)} sentences")
        train_sents = train_sents + silver
    valid_sents = corp["nerp"]["valid"] + corp["nergrit"]["valid"]
    c1, c2 = args.c1, args.c2
    selection = None
    comparison = {}
    previous = None
    with tempfile.TemporaryDirectory() as tmp:
        if prev_path is not None:  # the model shipped before, scored on the same splits
            previous = held_out(NerTagger(prev_path), corp)
            print("previous model:")
            for n, r in previous.items():
                print(_line(n, r))
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
        for v in variants:
            mp = Path(tmp) / f"variant-{v}.crfsuite"
            secs = train(train_sents, mp, c1, c2, args.max_iterations, args.minfreq, *lexicons(v))
            tg = NerTagger(mp)
            valid = {n: evaluate(tg, corp[n]["valid"])["overall"]["f1"] for n in CORPORA}
            test = held_out(tg, corp)
            comparison[v] = {"valid_f1": valid, "valid_mean": round(sum(valid.values()) / len(valid), 4),
                             "held_out_f1": {n: r["overall"]["f1"] for n, r in test.items()},
                             "held_out_per_label_f1": {n: {k: x["f1"] for k, x in r["per_label"].items()}
                                                       for n, r in test.items()},
                             "seconds": round(secs, 1), "model_bytes": mp.stat().st_size}
            print(f"variant {v} (train only, {secs:.0f}s): valid F1 {valid}")
            for n, r in test.items():
                print(_line(n, r))
        winner = max(variants, key=lambda v: comparison[v]["valid_mean"])
        print(f"winner by mean valid F1: {winner}")

        final = train_sents + valid_sents if args.with_valid else train_sents
        args.out.mkdir(parents=True, exist_ok=True)
        model = args.out / "ner.crfsuite"
        if args.with_valid:
            secs = train(final, model, c1, c2, args.max_iterations, args.minfreq, *lexicons(winner))
        else:  # the compared model itself (the valid splits stay held out, as they chose it)
            shutil.copyfile(Path(tmp) / f"variant-{winner}.crfsuite", model)
            place_lexicons(model, *lexicons(winner))
            secs = comparison[winner]["seconds"]
    size = model.stat().st_size
    print(f"trained on {len(final)} sentences in {secs:.1f}s -> {model} ({size / 1e6:.2f} MB)")

    tagger = NerTagger(model)
    results = held_out(tagger, corp)
    print("shipped model:")
    for n, r in results.items():
        print(_line(n, r))
    spd = speed(tagger, corp["nerp"]["test"] + corp["nergrit"]["test"])
    print(f"speed: {spd['tokens_per_s']} tokens/s CPU ({spd['tokens_per_s_wall']} wall), {spd['ms_per_400_tokens']} ms per 400 tokens")

    metrics = {
        "model": "ner.crfsuite",
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "labels": list(LABELS),
        "tag_map": TAG_MAP,
        "dropped": ["NERP EVT (event)", "NERP FNB (food & beverage)"],
        "evaluation": "NERP and NERGrit test splits and the idner-news-2k dev split, each separately "
        "(no model here is trained on them); entity level, exact span match "
        "(BIO spans, invalid I- repaired to B-); original tokenisation; "
        "NERP text is all lowercase so it is tagged without case features",
        "test": results,
        "previous_model": previous,
        "comparison": {"selected_by": "mean F1 on the NERP and NERGrit valid splits (models trained on train only)",
                       "winner": winner, "variants": comparison},
        "data_sha256": data_hash(files),
        "data_files": [f"{p.parent.name}/{p.name}" for p in files],
        "training": {
            "algorithm": "lbfgs (python-crfsuite %s, linear-chain CRF)" % _version("python-crfsuite"),
            "variant": winner,
            "c1": c1,
            "c2": c2,
            "max_iterations": args.max_iterations,
            "feature.minfreq": args.minfreq,
            "city_population": args.city_population,
            "corpus_silver": args.corpus_silver,
            "data": ["nerp train", "nergrit train", "idner-news-2k train"]
            + (["corpus of #9 (silver, test split left out)"] if args.corpus_silver else [])
            + (["nerp valid", "nergrit valid"] if args.with_valid else []),
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
    write_license(args.out / "NER-LICENSE.md", data, args.extra.resolve())
    print(f"wrote {args.out / 'ner-metrics.json'} and NER-LICENSE.md")
    shutil.rmtree(prev_dir, ignore_errors=True)


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

It is also trained on the train split of **idner-news-2k**
(<https://github.com/khairunnisaor/idner-news-2k>, re-annotated from
Syaifudin & Nurwidyantoro, 2016), licensed under the **MIT License**
({extra_note}):

{extra_copyright}

The MIT licence asks that its copyright notice and permission notice be
included in copies or substantial portions of the software; the model holds
no text of the corpus, and the notice is kept here.

`ner.clusters.tsv` lists lower-cased words and class numbers learned from raw
IndoSum news text by `scripts/train_clusters.py` (no sentences of it).

Tags were mapped to PER / ORG / LOC (NERP PPL/IND/PLC, NERGrit
PERSON/ORGANISATION/PLACE, idner-news-2k PER/ORG/LOC); NERP EVT and FNB were
dropped.
"""


def _copyright_lines(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip().startswith("Copyright (c)")]
    return "\n".join(f"> {ln}  " for ln in lines) or "> (no copyright lines found)"


def write_license(path: Path, data: Path, extra: Path) -> None:
    lic = data / "LICENSE"
    copyright_lines = []
    note = "not found at training time"
    if lic.is_file():
        text = lic.read_text(encoding="utf-8", errors="replace")
        ok = "Apache License" in text and "Version 2.0" in text
        note = "Apache License 2.0" if ok else "NOT recognised as Apache-2.0, check by hand"
        copyright_lines = [ln.strip() for ln in text.splitlines() if ln.strip().startswith("Copyright (c)")]
    cp = "\n".join(f"> {ln}  " for ln in copyright_lines) or "> (no copyright lines found)"
    extra_lic = extra / "LICENSE"
    extra_text = extra_lic.read_text(encoding="utf-8", errors="replace") if extra_lic.is_file() else ""
    extra_note = ("checked against its `LICENSE` file at training time: MIT License" if "MIT License" in extra_text
                  else "LICENSE not found or NOT recognised as MIT at training time, check by hand")
    path.write_text(LICENSE_TEXT.format(license_note=note, copyright=cp, extra_note=extra_note,
                                        extra_copyright=_copyright_lines(extra_text)), encoding="utf-8")


if __name__ == "__main__":
    main()
