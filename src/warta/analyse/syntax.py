"""Dependency parses of the sentences that may hold an event (component ``warta_syntax``).

The tagger and parser are a small spaCy pipeline (CNN tok2vec, UPOS tagger, transition parser)
trained on Universal Dependencies Indonesian by ``scripts/train_parser.py`` and shipped in
``models/parser/`` (its held-out scores in ``models/parser-metrics.json``). Only sentences with
a trigger candidate of the event lexicon and at least one linked mention are parsed, batched with
``nlp.pipe``: the rest of an article never reaches the parser.

``doc._.parses`` maps a sentence's start offset to its parsed spaCy ``Doc`` (made from the
sentence's text, so token offsets are relative to the sentence start; ``token.tag_`` is the
UPOS tag, ``token.dep_`` the UD relation). The event coder reads it through
:mod:`warta.analyse.events.parse_roles`.
"""
from __future__ import annotations

import bisect
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .doc import doc_text

MODEL_DIR = Path(__file__).parent / "models" / "parser"
#: sentences longer than this many characters are left to the rules: the coder already cuts text
#: without full stops at 600 characters, and a parse over a run-on enumeration helps nobody
MAX_PARSE_CHARS = 600
#: sentences per ``nlp.pipe`` batch
BATCH = 64

if not Doc.has_extension("parses"):
    Doc.set_extension("parses", default=None)


@lru_cache(maxsize=4)
def load_parser(path: str = str(MODEL_DIR)) -> Language:
    """The shipped tagger + parser (loaded once per process)."""
    return spacy.load(path)


def has_trigger(text: str, start: int, end: int) -> bool:
    """Whether the event lexicon finds a trigger candidate in ``text[start:end]``."""
    from .events import coder
    from .events.lexicon import Lexicon
    from .events.morphology import tokenize

    if coder.LEX is None:
        coder.LEX = Lexicon.default()
    lex = coder.LEX
    toks = tokenize(text, start, end)
    if not any(lex.keys_of(t[2]) for t in toks):
        return False
    return bool(lex.find(toks, text))


def _names_someone(starts: list[int], start: int, end: int) -> bool:
    k = bisect.bisect_left(starts, start)
    return k < len(starts) and starts[k] < end


class SyntaxComponent:
    """Parses the body sentences with a trigger candidate; sets ``doc._.parses``."""

    def __init__(self, model: str = str(MODEL_DIR)):
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        # a sentence naming nobody gives the parse no unit to choose: left to the rules
        named = sorted(m.start for m in doc._.mentions or [])
        todo = [s for s in doc._.sentences or []
                if s.end - s.start <= MAX_PARSE_CHARS and _names_someone(named, s.start, s.end)
                and has_trigger(text, s.start, s.end)]
        parses = {}
        if todo:
            nlp = load_parser(self.model)
            for s, parsed in zip(todo, nlp.pipe((s.text for s in todo), batch_size=BATCH)):
                parses[s.start] = parsed
        doc._.parses = parses
        return doc


@Language.factory("warta_syntax", assigns=["doc._.parses"], requires=["doc._.sentences", "doc._.mentions"],
                  default_config={"model": str(MODEL_DIR)})
def make_syntax(nlp: Language, name: str, model: str) -> SyntaxComponent:
    return SyntaxComponent(model)
