#!/usr/bin/env python
"""Compare warta's CRF recogniser with spaCy's neural NER (a CNN tok2vec with word vectors
learned from raw Indonesian news), trained and scored on the same splits.

Usage (from the repo root)::

    python scripts/compare_ner_spacy.py                    # defaults below, about 40 minutes on one core
    python scripts/compare_ner_spacy.py --max-steps 500    # a quick look

The spaCy model is trained on the train splits the shipped CRF is trained on (IndoNLU NERP and
NERGrit train, idner-news-2k train; ``scripts/train_ner.py`` reads and merges them), picks its
best checkpoint on the NERP and NERGrit valid splits (as the CRF's variants were chosen), and
is scored, like the CRF, entity by entity with exact spans on the splits neither is trained
on: NERP test, NERGrit test and idner-news-2k dev. Its tok2vec reads the word's norm, prefix,
suffix and shape, and static vectors trained on raw IndoSum text (``scripts/train_vectors.py``,
``--vectors-rows`` words, 64 dimensions). The shipped CRF (``NerTagger.default()``) is scored
in the same run, and both taggers' speed is taken on the test splits (one process, warm).

Nothing is shipped: the figures go to ``scripts/data/ner-spacy-comparison.json`` and the
README's Names section, so the choice of recogniser can be judged on data.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_ner import DEFAULT_DATA, _Redup, data_hash, load, span_scores  # noqa: E402
from train_parser import CONFIG as PARSER_CONFIG  # noqa: E402
from ner_data import DEFAULT_EXTRA  # noqa: E402

from warta.analyse.ner import NerTagger, repair_bio  # noqa: E402

OUT = REPO / "scripts" / "data" / "ner-spacy-comparison.json"
DEFAULT_CORPUS = Path(os.environ.get("WARTA_SHARED") or REPO.parent / "shared") / "corpora" / "indosum" / "articles.jsonl"

#: the NER component; everything else (tok2vec, corpora, training) is the parser's configuration
#: (scripts/train_parser.py), so that the comparison runs on the same small CNN tok2vec
NER_COMPONENT = {
    "factory": "ner",
    "model": {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner", "extra_state_tokens": False,
              "hidden_width": 64, "maxout_pieces": 2, "use_upper": True, "nO": None,
              "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1",
                          "width": "${components.tok2vec.model.encode.width}", "upstream": "tok2vec"}},
}


def ner_config():
    """The parser's spaCy configuration with the tagger and parser replaced by :data:`NER_COMPONENT`,
    checkpoints chosen by entity F1."""
    from spacy.util import load_config_from_str

    cfg = load_config_from_str(PARSER_CONFIG, interpolate=False)
    cfg["nlp"]["pipeline"] = ["tok2vec", "ner"]
    del cfg["components"]["tagger"], cfg["components"]["parser"]
    cfg["components"]["ner"] = NER_COMPONENT
    cfg["training"].update(patience=3000, max_steps=6000, eval_frequency=500, score_weights={"ents_f": 1.0})
    return cfg


def to_docbin(nlp, sents):
    from spacy.tokens import Doc, DocBin
    from spacy.training import biluo_tags_to_spans, iob_to_biluo

    db = DocBin()
    for toks, tags in sents:
        doc = Doc(nlp.vocab, words=toks)
        doc.ents = biluo_tags_to_spans(doc, iob_to_biluo(tags))
        db.add(doc)
    return db


def spacy_tagger(nlp):
    """BIO tags of one tokenised sentence from the spaCy pipeline."""
    from spacy.tokens import Doc

    def tag_many(sents: list[list[str]]) -> list[list[str]]:
        docs = [Doc(nlp.vocab, words=toks) for toks in sents]
        out = []
        for doc in nlp.pipe(docs):
            tags = ["O"] * len(doc)
            for e in doc.ents:
                tags[e.start] = f"B-{e.label_}"
                for i in range(e.start + 1, e.end):
                    tags[i] = f"I-{e.label_}"
            out.append(tags)
        return out
    return tag_many


def evaluate(tag_many, sents) -> dict:
    """Entity-level precision, recall and F1 with exact spans, overall and per label, as
    ``scripts/train_ner.py`` scores the CRF (:func:`train_ner.span_scores`)."""
    preds = tag_many([t for t, _ in sents])
    return span_scores([g for _, g in sents], [repair_bio(p) for p in preds])


def tokens_per_second(tag_many, sents) -> int:
    toks = [t for t, _ in sents]
    tag_many(toks)  # warm
    t0 = time.process_time()
    tag_many(toks)
    return round(sum(map(len, toks)) / (time.process_time() - t0))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--extra", type=Path, default=DEFAULT_EXTRA)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="raw text for the vectors (IndoSum jsonl)")
    ap.add_argument("--max-steps", type=int, default=6000)
    ap.add_argument("--eval-frequency", type=int, default=500)
    ap.add_argument("--vectors-rows", type=int, default=20000, help="0: no static vectors")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    import spacy
    from spacy.cli.train import train as spacy_train

    corp, files = load(args.data, args.extra)
    redup = _Redup()
    for name in corp:
        for split in corp[name]:
            corp[name][split] = [redup(t, g) for t, g in corp[name][split]]
    train = corp["nerp"]["train"] + corp["nergrit"]["train"] + corp["idner"]["train"]
    valid = corp["nerp"]["valid"] + corp["nergrit"]["valid"]
    held = {"NERP test": corp["nerp"]["test"], "NERGrit test": corp["nergrit"]["test"],
            "idner-news-2k dev": corp["idner"]["dev"]}
    nlp = spacy.blank("id")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        to_docbin(nlp, train).to_disk(tmp / "train.spacy")
        to_docbin(nlp, valid).to_disk(tmp / "dev.spacy")
        blank = spacy.util.load_model_from_config(ner_config(), auto_fill=True, validate=False)
        blank.config.to_disk(tmp / "config.cfg")
        overrides = {"paths.train": str(tmp / "train.spacy"), "paths.dev": str(tmp / "dev.spacy"),
                     "training.max_steps": args.max_steps, "training.eval_frequency": args.eval_frequency,
                     "system.seed": args.seed}
        t0 = time.perf_counter()
        if args.vectors_rows:
            from train_vectors import write as write_vectors

            write_vectors(args.corpus, tmp / "vectors", args.vectors_rows, 64, window=2)
            overrides.update({"initialize.vectors": str(tmp / "vectors"),
                              "components.tok2vec.model.embed.include_static_vectors": True})
        spacy_train(tmp / "config.cfg", tmp / "out", overrides=overrides)
        train_secs = round(time.perf_counter() - t0)
        model = spacy.load(tmp / "out" / "model-best")
        size = sum(p.stat().st_size for p in (tmp / "out" / "model-best").rglob("*") if p.is_file())
        neural = spacy_tagger(model)
        crf = NerTagger.default().tag_many
        result = {"date": dt.date.today().isoformat(), "data_sha256": data_hash(files),
                  "train_sentences": len(train), "valid_sentences": len(valid),
                  "settings": {"max_steps": args.max_steps, "vectors_rows": args.vectors_rows, "seed": args.seed,
                               "tok2vec": "MultiHashEmbed NORM/PREFIX/SUFFIX/SHAPE + static vectors, "
                                          "MaxoutWindowEncoder width 96 depth 4", "ner_hidden_width": 64},
                  "train_seconds": train_secs, "spacy_model_bytes": size,
                  "valid_best": {k: v for k, v in model.meta.get("performance", {}).items() if k.startswith("ents_")},
                  "held_out": {name: {"spacy_cnn": evaluate(neural, s), "crf_shipped": evaluate(crf, s)}
                               for name, s in held.items()},
                  "tokens_per_second": {"spacy_cnn": tokens_per_second(neural, held["NERP test"]),
                                        "crf_shipped": tokens_per_second(crf, held["NERP test"])}}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for name, r in result["held_out"].items():
        for m, s in r.items():
            o = s["overall"]
            per = ", ".join(f"{k} {v['f1']:.3f}" for k, v in s["per_label"].items())
            print(f"{name:18s} {m:12s} P {o['precision']:.3f} R {o['recall']:.3f} F1 {o['f1']:.3f} ({per})")
    print("tokens/s", result["tokens_per_second"], "train", train_secs, "s; wrote", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
