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


def corpus_silver(corpus: Path, exclude: set[str] = frozenset()) -> list[tuple[list[str], list[str]]]:
    """Sentences of the annotated corpus of #9 (``corpus/``) with BIO tags projected from its
    gold entities: every alias an article's entity lists, found in that article's body as
    written (longest first, on word boundaries), tagged with the entity's type (GPE as LOC).
    A silver label, since the gold names each entity once with its surface forms, not each span:
    aliases that hold a lower-case word (``pemerintah``, ``polisi Malaysia``) or, for people, start
    with a title (``Menteri Luar Negeri Retno Marsudi``) are not names as the recognisers' corpora
    tag them and are left out, and so are the sentences they occur in. ``exclude``: articles
    kept out (the frozen test split). Sentences and tokens come from warta's own analysis, as the
    recogniser sees them at run time."""
    import json
    import re

    import warta
    from warta.analyse.resolve.linker import _title_sectors

    titles = _title_sectors()
    texts = {}
    with (corpus / "input.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            texts[r["id"]] = r
    out = []
    with (corpus / "gold.jsonl").open(encoding="utf-8") as fh:
        golds = [json.loads(line) for line in fh]
    for g in golds:
        if g["doc"] in exclude or g["doc"] not in texts:
            continue
        names, skip = {}, set()
        for e in g["entities"]:
            lab = {"GPE": "LOC"}.get(e["type"], e["type"])
            if lab not in ("PER", "ORG", "LOC"):
                continue
            for a in {e["name"], *e.get("aliases", [])}:
                words = a.split()
                if not words:
                    continue
                if any(w[:1].islower() for w in words) or (lab == "PER" and words[0].lower() in titles):
                    skip.add(a)
                else:
                    names.setdefault(a, lab)
        r = texts[g["doc"]]
        doc = warta.analyze(r["text"], published=r.get("published"))
        text = doc.text
        spans = []
        for a in sorted(names, key=len, reverse=True):
            for m in re.finditer(r"(?<!\w)" + re.escape(a) + r"(?!\w)", text):
                if all(m.end() <= s or m.start() >= e for s, e, _ in spans):
                    spans.append((m.start(), m.end(), names[a]))
        unsure = [m.span() for a in skip for m in re.finditer(r"(?<!\w)" + re.escape(a) + r"(?!\w)", text)]
        for s in doc.sentences:
            if s.start < doc.body[0] or any(s.start < ue and us < s.end for us, ue in unsure):
                continue
            toks = [(m.start(), m.end()) for m in re.finditer(r"\w+(?:[-'’.]\w+)*|\S", text[s.start:s.end])]
            toks = [(s.start + a, s.start + b) for a, b in toks]
            tags = ["O"] * len(toks)
            for ss, se, lab in spans:
                inside = [i for i, (a, b) in enumerate(toks) if a >= ss and b <= se]
                if inside and toks[inside[0]][0] == ss and toks[inside[-1]][1] == se:
                    tags[inside[0]] = f"B-{lab}"
                    for i in inside[1:]:
                        tags[i] = f"I-{lab}"
            out.append(([text[a:b] for a, b in toks], tags))
    return out
