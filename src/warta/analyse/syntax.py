"""Dependency parses of the sentences that may hold an event (component ``warta_syntax``).

The tagger and parser are a small spaCy pipeline (CNN tok2vec, UPOS tagger, transition parser)
trained on Universal Dependencies Indonesian by ``scripts/train_parser.py`` and shipped in
``models/parser/`` (its held-out scores in ``models/parser-metrics.json``). Only sentences with
a trigger candidate of the event lexicon and at least two linked mentions are parsed, batched with
``nlp.pipe``: the rest of an article never reaches the parser, nor does an article the relevance
model rules out (none of its events is coded). A sentence reaches the parser as a ``Doc`` made from
the article's own tokens (:meth:`SyntaxComponent.sentence_doc`), not tokenized a second time.

``doc._.parses`` maps a sentence's start offset to its :class:`Parsed` tree (of the sentence's
text, so token offsets are relative to the sentence start; ``tag_`` is the UPOS tag, ``dep_`` the
UD relation), plain Python copied out of the spaCy ``Doc``: the parser runs in a memory zone, so
that the words of an archive do not pile up in its vocabulary. The event coder reads it through
:mod:`warta.analyse.events.parse_roles`.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from functools import lru_cache
from pathlib import Path

import numpy
from spacy.attrs import DEP, HEAD, IDX, LENGTH, NORM, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch
from thinc.api import NumpyOps

from .doc import doc_text
from .learned.components import ruled_out
from .tokenizer import load_indonesian

MODEL_DIR = Path(__file__).parent / "models" / "parser"
#: sentences longer than this many characters are left to the rules: the coder already cuts text
#: without full stops at 600 characters, and a parse over a run-on enumeration helps nobody
MAX_PARSE_CHARS = 600
#: sentences per ``nlp.pipe`` batch
BATCH = 64
#: articles whose sentences are parsed together when articles come as a stream (:meth:`SyntaxComponent.pipe`)
ARTICLES_PER_BATCH = 16

#: the token attributes :meth:`Parsed.of` reads, and the modulus of their unsigned integers
_COLUMNS = [IDX, LENGTH, TAG, DEP, HEAD]
_WRAP = 2**64

if not Doc.has_extension("parses"):
    Doc.set_extension("parses", default=None)


class MatmulOps(NumpyOps):
    """thinc's CPU operations with its matrix products done by numpy (the BLAS numpy is built
    with) instead of thinc's own kernels: the same parses (every tag, relation and head of 2,894
    sentences compared, ``tests/test_syntax_model.py`` checks the example articles), the parse
    about a third faster on this machine (README, Speed). The parse runs with the BLAS on one
    thread (:func:`one_blas_thread`): analysis processes already share the cores out."""

    def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):
        x = x.T if trans1 else x
        y = y.T if trans2 else y
        if out is None:
            return numpy.matmul(x, y)
        numpy.matmul(x, y, out=out)
        return out


@lru_cache(maxsize=1)
def _blas() -> "object | None":
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return ThreadpoolController()


def one_blas_thread():
    """A context in which the BLAS libraries numpy loaded use one thread (about 8 µs to enter and
    leave). Two worker processes whose BLAS each started a thread per core halved the
    throughput of ``--workers 2`` (80 → 40 articles/s on IndoSum)."""
    controller = _blas()
    return controller.limit(limits=1, user_api="blas") if controller is not None else nullcontext()


def use_matmul_ops(nlp: Language) -> Language:
    """Every layer of ``nlp``'s trained components computes with :class:`MatmulOps`."""
    ops = MatmulOps()
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops
    return nlp


@lru_cache(maxsize=4)
def load_parser(path: str = str(MODEL_DIR)) -> Language:
    """The shipped tagger + parser (loaded once per process, with warta's tokenizer: the same
    tokens as the saved one, in a tenth of the time; its matrix products by numpy)."""
    return use_matmul_ops(load_indonesian(Path(path)))


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


class Node:
    """One parsed token, with the attributes of a spaCy ``Token`` that the coder reads."""

    __slots__ = ("i", "idx", "text", "lower_", "tag_", "dep_", "head", "children")

    def __init__(self, i: int, idx: int, text: str, tag: str, dep: str):
        self.i, self.idx, self.text, self.lower_, self.tag_, self.dep_ = i, idx, text, text.lower(), tag, dep
        self.head: Node = self
        self.children: list[Node] = []

    def __repr__(self) -> str:
        return f"Node({self.i}, {self.text!r}, {self.dep_}, head={self.head.i})"


class Parsed(list):
    """A parsed sentence: its :class:`Node` s in order (``parsed[i]``), and its ``text``."""

    def __init__(self, nodes: list[Node], text: str):
        super().__init__(nodes)
        self.text = text

    @classmethod
    def of(cls, doc: Doc) -> "Parsed":
        """The parse of ``doc``, read from one array of its tokens' offsets, lengths, tags,
        relations and (relative) heads rather than token by token."""
        text, strings = doc.text, doc.vocab.strings
        rows = doc.to_array(_COLUMNS).tolist()
        nodes = [Node(i, idx, text[idx:idx + n], strings[tag], strings[dep])
                 for i, (idx, n, tag, dep, _) in enumerate(rows)]
        for n, row in zip(nodes, rows):
            rel = row[4] - _WRAP if row[4] >= _WRAP // 2 else row[4]   # stored unsigned
            if rel:
                n.head = nodes[n.i + rel]
                n.head.children.append(n)   # in token order, as spaCy gives them
        return cls(nodes, text)


def _names_two(starts: list[int], start: int, end: int) -> bool:
    """Whether at least two linked mentions start in ``[start, end)``."""
    k = bisect.bisect_left(starts, start)
    return k + 1 < len(starts) and starts[k + 1] < end


class SyntaxComponent:
    """Parses the body sentences with a trigger candidate; sets ``doc._.parses``."""

    def __init__(self, model: str = str(MODEL_DIR)):
        self.model = model
        self.nlp = load_parser(model)   # with the pipeline: its load is paused and frozen with it

    def __call__(self, doc: Doc) -> Doc:
        return self.parse_all([doc])[0]

    def pipe(self, docs: Iterable[Doc], batch_size: int = ARTICLES_PER_BATCH) -> Iterator[Doc]:
        """:meth:`__call__` over a stream of docs, the sentences of ``batch_size`` of them parsed in
        one batch (spaCy's ``nlp.pipe`` calls this): the parser's fixed cost per call is shared."""
        for batch in minibatch(docs, size=batch_size):
            yield from self.parse_all(list(batch))

    def parse_all(self, docs: list[Doc]) -> list[Doc]:
        """Set ``doc._.parses`` on each doc, their sentences parsed together."""
        todo = [(doc, s) for doc in docs for s in self._to_parse(doc)]
        for doc in docs:
            doc._.parses = {}
        if todo:
            with self.nlp.memory_zone(), one_blas_thread():
                sentences = (self.sentence_doc(doc, s) for doc, s in todo)
                for (doc, s), parsed in zip(todo, self.nlp.pipe(sentences, batch_size=BATCH)):
                    doc._.parses[s.start] = Parsed.of(parsed)
        return docs

    def sentence_doc(self, doc: Doc, sentence) -> "Doc | str":
        """The sentence as a ``Doc`` of the parser's vocabulary made from ``doc``'s own tokens (the
        tokenizer's affix rules not run a second time), or its text where a whitespace-separated
        chunk of the article crosses the sentence's edge (a full stop glued to the next word): the
        tokenizer splits each chunk on its own, so inside whole chunks both give the same tokens,
        their token-level norms (of the tokenizer's exceptions) copied over."""
        text = doc_text(doc)
        s, e = sentence.start, sentence.end
        span = doc.char_span(s, e)
        if (span is None or len(span) == 0 or (s > 0 and not text[s - 1].isspace())
                or (e < len(text) and not text[e].isspace())):
            return sentence.text
        words = [t.text for t in span]
        spaces = [bool(t.whitespace_) for t in span]
        spaces[-1] = False
        made = Doc(self.nlp.vocab, words=words, spaces=spaces)
        norms = span.to_array([NORM])[:, 0]   # the sentence's tokens only, not the whole article's
        for i in numpy.flatnonzero(norms != made.to_array(NORM)):
            made[int(i)].norm_ = span[int(i)].norm_
        return made

    @staticmethod
    def _to_parse(doc: Doc) -> list:
        """The sentences of ``doc`` worth a parse: none in an article the relevance model rules out
        (warta_events codes nothing there); else those with a trigger candidate naming two parties
        (a sentence naming fewer leaves the parse little to choose: left to the rules, in
        cross-validation the same event F1 as parsing those with one, README "Speed")."""
        if ruled_out(doc):
            return []
        text = doc_text(doc)
        named = sorted(m.start for m in doc._.mentions or [])
        return [s for s in doc._.sentences or []
                if s.end - s.start <= MAX_PARSE_CHARS and _names_two(named, s.start, s.end)
                and has_trigger(text, s.start, s.end)]


@Language.factory("warta_syntax", assigns=["doc._.parses"],
                  requires=["doc._.sentences", "doc._.mentions", "doc._.relevance"],
                  default_config={"model": str(MODEL_DIR)})
def make_syntax(nlp: Language, name: str, model: str) -> SyntaxComponent:
    return SyntaxComponent(model)
