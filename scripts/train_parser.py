#!/usr/bin/env python
"""Train warta's Indonesian POS tagger and dependency parser (spaCy, small CNN tok2vec).

Usage (from the repo root)::

    python scripts/train_parser.py                         # defaults below
    python scripts/train_parser.py --max-steps 2400 --vectors-rows 10000 --dev-csui 100 --csui-weight 3

Training data (Universal Dependencies, CoNLL-U): CSUI train (``--csui-weight`` copies), GSD dev
and test, PUD. The last ``--dev-sents`` sentences of PUD and the last ``--dev-csui`` of CSUI
train are kept apart to pick the best checkpoint (and to compare settings). CSUI test is **held
out**: the UAS/LAS/POS figures written to ``parser-metrics.json`` are measured on it and on
nothing that was trained on. With ``--vectors-rows``, static word vectors are first trained on
raw IndoSum text (``scripts/train_vectors.py``) and shipped in the model's vocab.

Multiword tokens (``menyetujuinya`` = ``menyetujui`` + ``nya``) are merged into one token, as
warta's tokenizer sees them: the merged token takes the head, relation and tag of the part whose
head lies outside the word. So scores are on gold tokenisation with multiword tokens merged, not
the word-level CoNLL 2018 scores. The tagger predicts UPOS into ``token.tag_``.

Writes ``src/warta/analyse/models/parser/`` (the spaCy pipeline: tok2vec, tagger, parser) and
``src/warta/analyse/models/parser-metrics.json`` (scores, settings, sha256 of the training files).
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WARTA_SHARED") or REPO.parent / "shared")
DEFAULT_UD = SHARED / "data" / "ud"
DEFAULT_CORPUS = SHARED / "corpora" / "indosum" / "articles.jsonl"
MODEL_DIR = REPO / "src" / "warta" / "analyse" / "models" / "parser"
METRICS = REPO / "src" / "warta" / "analyse" / "models" / "parser-metrics.json"

TRAIN_FILES = ["CSUI/id_csui-ud-train.conllu", "GSD/id_gsd-ud-dev.conllu", "GSD/id_gsd-ud-test.conllu",
               "PUD/id_pud-ud-test.conllu"]
HELD_OUT = "CSUI/id_csui-ud-test.conllu"

CONFIG = """
[paths]
train = null
dev = null
[system]
seed = 0
[nlp]
lang = "id"
pipeline = ["tok2vec","tagger","parser"]
batch_size = 256
[components]
[components.tok2vec]
factory = "tok2vec"
[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"
[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = ${components.tok2vec.model.encode.width}
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [5000,1500,2500,1000]
include_static_vectors = false
[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 96
depth = 4
window_size = 1
maxout_pieces = 3
[components.tagger]
factory = "tagger"
[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null
[components.tagger.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${components.tok2vec.model.encode.width}
upstream = "tok2vec"
[components.parser]
factory = "parser"
learn_tokens = false
min_action_freq = 2
[components.parser.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "parser"
extra_state_tokens = false
hidden_width = 128
maxout_pieces = 3
use_upper = true
nO = null
[components.parser.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${components.tok2vec.model.encode.width}
upstream = "tok2vec"
[corpora]
[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${paths.train}
max_length = 0
[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${paths.dev}
max_length = 0
[training]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
seed = ${system.seed}
dropout = 0.1
accumulate_gradient = 1
patience = 1000
max_epochs = 0
max_steps = 2000
eval_frequency = 200
[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2
[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001
[training.optimizer]
@optimizers = "Adam.v1"
learn_rate = 0.001
[training.score_weights]
dep_las = 0.6
dep_uas = 0.2
tag_acc = 0.2
"""


def read_conllu(path: Path) -> list[dict]:
    """Sentences of a CoNLL-U file with multiword tokens merged: words, spaces, tags, heads, deps."""
    sents, rows, mwt = [], [], {}
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if rows:
                sents.append(_merge(rows, mwt))
            rows, mwt = [], {}
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0]:
            a, b = (int(x) for x in cols[0].split("-"))
            mwt[a] = (b, cols[1], "SpaceAfter=No" not in cols[9])
        elif "." not in cols[0]:
            rows.append((int(cols[0]), cols[1], cols[3], int(cols[6]), cols[7], "SpaceAfter=No" not in cols[9]))
    return sents


def _merge(rows, mwt) -> dict:
    """Merge multiword tokens; the part whose head is outside the word stands for it."""
    groups, i = [], 0
    while i < len(rows):
        wid = rows[i][0]
        if wid in mwt:
            end, form, space = mwt[wid]
            part = [r for r in rows[i:] if r[0] <= end]
            groups.append((form, space, part))
            i += len(part)
        else:
            groups.append((rows[i][1], rows[i][5], [rows[i]]))
            i += 1
    new_index = {}
    for g, (_, _, part) in enumerate(groups):
        for r in part:
            new_index[r[0]] = g
    words, spaces, tags, heads, deps = [], [], [], [], []
    for g, (form, space, part) in enumerate(groups):
        ids = {r[0] for r in part}
        main = next((r for r in part if r[3] not in ids), part[0])
        words.append(form)
        spaces.append(space)
        tags.append(main[2])
        if main[3] == 0:
            heads.append(g)
            deps.append("ROOT")
        else:
            heads.append(new_index[main[3]])
            deps.append(main[4])
    return {"words": words, "spaces": spaces, "tags": tags, "heads": heads, "deps": deps}


def to_docbin(nlp, sents: list[dict]) -> DocBin:
    db = DocBin()
    for s in sents:
        db.add(Doc(nlp.vocab, words=s["words"], spaces=s["spaces"], tags=s["tags"], heads=s["heads"],
                   deps=s["deps"], sent_starts=[True] + [False] * (len(s["words"]) - 1)))
    return db


def score(nlp, sents: list[dict]) -> dict:
    """UAS, LAS (punctuation counted, as spaCy does) and tag accuracy on gold tokens."""
    from spacy.training import Example

    examples = []
    for s in sents:
        gold = Doc(nlp.vocab, words=s["words"], spaces=s["spaces"], tags=s["tags"], heads=s["heads"],
                   deps=s["deps"], sent_starts=[True] + [False] * (len(s["words"]) - 1))
        examples.append(Example(Doc(nlp.vocab, words=s["words"], spaces=s["spaces"]), gold))
    t0 = time.perf_counter()
    scores = nlp.evaluate(examples)
    secs = time.perf_counter() - t0
    ntok = sum(len(s["words"]) for s in sents)
    return {"uas": round(scores["dep_uas"], 4), "las": round(scores["dep_las"], 4),
            "pos_acc": round(scores["tag_acc"], 4), "sentences": len(sents), "tokens": ntok,
            "words_per_second": round(ntok / secs)}


def sha256(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes())
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ud", type=Path, default=DEFAULT_UD, help="folder with CSUI/, GSD/, PUD/")
    ap.add_argument("--max-steps", type=int, default=2000)
    ap.add_argument("--dev-sents", type=int, default=100, help="PUD sentences kept apart to pick the checkpoint")
    ap.add_argument("--dev-csui", type=int, default=0,
                    help="last N sentences of CSUI train also kept apart for the checkpoint (not trained on)")
    ap.add_argument("--csui-weight", type=int, default=1, help="copies of CSUI train in the training data")
    ap.add_argument("--compound-as-nmod", action="store_true",
                    help="train on GSD's and PUD's `compound` as `nmod`, as CSUI annotates noun modifiers")
    ap.add_argument("--work", type=Path, default=None,
                    help="keep spaCy's training folder here (checkpoints, log) instead of a temporary one")
    ap.add_argument("--eval-frequency", type=int, default=200, help="steps between checkpoint scores")
    ap.add_argument("--patience", type=int, default=1000, help="stop after this many steps without a better dev score")
    ap.add_argument("--width", type=int, default=96, help="tok2vec width")
    ap.add_argument("--window-size", type=int, default=1, help="tok2vec CNN window (words either side)")
    ap.add_argument("--depth", type=int, default=4, help="tok2vec CNN layers")
    ap.add_argument("--rows", type=int, nargs=4, default=[5000, 1500, 2500, 1000], metavar="N",
                    help="hash-embedding rows for NORM, PREFIX, SUFFIX, SHAPE")
    ap.add_argument("--hidden-width", type=int, default=128, help="the parser's hidden layer")
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--vectors-rows", type=int, default=0,
                    help="train static vectors on --corpus (scripts/train_vectors.py) with this many words; 0: none")
    ap.add_argument("--vectors-dim", type=int, default=64)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="raw text for the vectors (IndoSum jsonl)")
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--metrics", type=Path, default=METRICS)
    ap.add_argument("--evaluate-only", action="store_true",
                    help="score the model already in --out on the held-out part and rewrite the metrics "
                         "(training settings as given: --max-steps is the run it came from)")
    args = ap.parse_args(argv)

    nlp = spacy.blank("id")
    train, dev = [], []
    for name in TRAIN_FILES:
        sents = read_conllu(args.ud / name)
        if name.startswith("PUD"):
            dev += sents[-args.dev_sents:]
            sents = sents[:-args.dev_sents]
        if name.startswith("CSUI"):
            if args.dev_csui:
                dev += sents[-args.dev_csui:]
                sents = sents[:-args.dev_csui]
            sents = sents * args.csui_weight
        elif args.compound_as_nmod:
            sents = [{**x, "deps": ["nmod" if d == "compound" else d for d in x["deps"]]} for x in sents]
        train += sents
    held = read_conllu(args.ud / HELD_OUT)
    train_secs = None
    if not args.evaluate_only:
        train_secs = _train(args, nlp, train, dev)
    _write_metrics(args, held, train, train_secs)
    return 0


def _train(args, nlp, train, dev) -> float:
    from spacy.cli.train import train as spacy_train

    with tempfile.TemporaryDirectory() as tmp:
        tmp = args.work or Path(tmp)
        tmp.mkdir(parents=True, exist_ok=True)
        to_docbin(nlp, train).to_disk(tmp / "train.spacy")
        to_docbin(nlp, dev).to_disk(tmp / "dev.spacy")
        blank = spacy.util.load_model_from_config(spacy.util.load_config_from_str(CONFIG), auto_fill=True, validate=False)
        blank.config.to_disk(tmp / "config.cfg")  # spaCy's defaults filled in
        overrides = {
            "paths.train": str(tmp / "train.spacy"), "paths.dev": str(tmp / "dev.spacy"),
            "training.max_steps": args.max_steps, "training.eval_frequency": args.eval_frequency,
            "training.patience": args.patience, "components.tok2vec.model.encode.width": args.width,
            "components.tok2vec.model.encode.window_size": args.window_size,
            "components.tok2vec.model.encode.depth": args.depth,
            "components.tok2vec.model.embed.rows": list(args.rows),
            "components.parser.model.hidden_width": args.hidden_width,
            "training.dropout": args.dropout, "system.seed": args.seed}
        t0 = time.perf_counter()
        if args.vectors_rows:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from train_vectors import write as write_vectors

            write_vectors(args.corpus, tmp / "vectors", args.vectors_rows, args.vectors_dim, window=2)
            overrides.update({"initialize.vectors": str(tmp / "vectors"),
                              "components.tok2vec.model.embed.include_static_vectors": True})
        spacy_train(tmp / "config.cfg", tmp / "out", overrides=overrides)
        train_secs = time.perf_counter() - t0
        best = spacy.load(tmp / "out" / "model-best")
        if args.out.exists():
            shutil.rmtree(args.out)
        best.to_disk(args.out)
    return train_secs


def _write_metrics(args, held, train, train_secs) -> None:
    model = spacy.load(args.out)
    held_scores = score(model, held)
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    metrics = {
        "held_out": {"file": HELD_OUT, **held_scores},
        "scoring": "gold tokens, multiword tokens merged; punctuation counted; tagger predicts UPOS",
        "train_files": TRAIN_FILES, "train_sentences": len(train),
        "checkpoint_dev": f"last {args.dev_sents} sentences of PUD" + (
            f" and last {args.dev_csui} of CSUI train" if args.dev_csui else "") + " (not trained on)",
        "checkpoint_dev_scores": {k: round(v, 4) for k, v in model.meta.get("performance", {}).items()
                                  if k in ("dep_uas", "dep_las", "tag_acc") and v is not None},
        "settings": {"csui_weight": args.csui_weight, "compound_as_nmod": args.compound_as_nmod, "tok2vec_width": args.width, "tok2vec_depth": args.depth,
                     "window_size": args.window_size, "rows": list(args.rows),
                     "hidden_width": args.hidden_width, "dropout": args.dropout, "seed": args.seed,
                     "vectors_rows": args.vectors_rows,
                     "vectors_dim": args.vectors_dim if args.vectors_rows else 0},
        "train_sha256": sha256([args.ud / n for n in TRAIN_FILES]),
        "max_steps": args.max_steps, "train_seconds": round(train_secs) if train_secs else None,
        "pipeline": model.pipe_names, "tags": sorted(model.get_pipe("tagger").labels),
        "model_bytes": size, "spacy": spacy.__version__, "date": dt.date.today().isoformat(),
    }
    args.metrics.write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(metrics, indent=2))


if __name__ == "__main__":
    sys.exit(main())
