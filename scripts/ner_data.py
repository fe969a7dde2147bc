"""Reading the NER corpora (CoNLL-style files), shared by train_ner.py and eval_ner_pipeline.py."""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# the project's shared material sits beside the checkout (or beside the worktrees' folder)
SHARED = next((p / "shared" for p in (REPO.parent, REPO.parent.parent) if (p / "shared").is_dir()), REPO.parent / "shared")
DEFAULT_EXTRA = SHARED / "data" / "ner-extra" / "idner-news-2k"

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
    # idner-news-2k
    "PER": "PER",
    "ORG": "ORG",
    "LOC": "LOC",
}


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of a CoNLL-style file: the token first, the tag last on each line."""
    sents, toks, tags = [], [], []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if toks:
                    sents.append((toks, tags))
                    toks, tags = [], []
                continue
            if "\t" in line:
                tok, _, tag = line.partition("\t")
            else:  # idner-news-2k: "token POS tag"
                tok, tag = line.split()[0], line.split()[-1]
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
