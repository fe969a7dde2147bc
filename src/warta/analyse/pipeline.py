"""warta's analysis pipeline: small spaCy components on ``spacy.blank("id")``, one job each.

The Doc is made from the article's *original* text, so every token and span offset is an
offset into what was read. Components, in order (each declares what it needs and sets):

=====================  ==========================================  ==============================
component              sets                                        needs
=====================  ==========================================  ==============================
``warta_clean``        ``doc._.segmented`` (body, boilerplate)     ``doc._.article``
``warta_sentences``    ``doc._.sentences``, ``token.is_sent_start``  ``doc._.segmented``
``warta_language``     ``doc._.language``                          ``doc._.segmented``
``warta_relevance``    ``doc._.relevance`` (learned)               ``doc._.segmented``
``warta_entities``     ``doc._.entities``, ``doc._.mentions``      ``doc._.sentences``
``warta_syntax``       ``doc._.parses`` (sentences with a trigger)  ``doc._.sentences``, ``doc._.mentions``, ``doc._.relevance``
``warta_events``       ``doc._.events``                            ``doc._.mentions``
``warta_sentence_events`` ``doc._.events`` (learned: adds)        ``doc._.events``
``warta_records``      ``doc._.records`` (PLOVER event records)    ``doc._.events``
``warta_rescore``      ``doc._.records`` (learned: kept, confidence) ``doc._.records``, ``doc._.relevance``
``warta_places``       ``event_loc`` geocoded (``doc._.records``)  ``doc._.records``
=====================  ==========================================  ==============================

The learned components live in :mod:`warta.analyse.learned` (models trained on the corpus by
``scripts/train_learned.py``).

:func:`build` composes them; :class:`Analyzer` runs articles through and returns
:class:`~warta.model.Document` records.
"""
from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from .. import __version__
from ..ingest.clean import segment, url_day
from ..ingest.langid import detect
from ..errors import WartaError
from ..model import Article, Document, Published, Span
from .doc import doc_text
from .loading import collector_paused, keep_loaded
from .learned import components as _learned  # noqa: F401  (registers warta_relevance, warta_rescore)
from .sentences import split_sentences
from .tokenizer import blank_indonesian, prime
from . import syntax  # noqa: F401  (registers the warta_syntax factory)

#: every component, the dependency parse (``warta_syntax``) included
WITH_PARSE = ["warta_clean", "warta_sentences", "warta_language", "warta_relevance", "warta_entities", "warta_syntax",
              "warta_events", "warta_sentence_events", "warta_records", "warta_rescore", "warta_places"]
#: the default pipeline: every component. ``$WARTA_PARSE=0`` leaves the dependency parse out (the
#: event coder's word-order rules then fill every role; analysis about 6 ms an article faster on
#: real news, README "Speed").
COMPONENTS = [c for c in WITH_PARSE if c != "warta_syntax"] if os.environ.get("WARTA_PARSE") == "0" else WITH_PARSE

#: the least population of a town the gazetteer knows for its bare name to open a dateline
DATELINE_TOWN_MIN = 100_000


@lru_cache(maxsize=4096)
def dateline_place(name: str) -> bool:
    """Whether a bare name before a dash at the top of an article (``Jakarta - ``) is a place: a
    country, province or regency the gazetteer knows, or a town of at least
    :data:`DATELINE_TOWN_MIN` people (a person's name is seldom also such a place's)."""
    from .resolve.geo import gazetteer

    return any(p.kind in ("country", "admin1", "admin2") or p.population >= DATELINE_TOWN_MIN
               for p in gazetteer().candidates(name))


@Language.component("warta_clean", assigns=["doc._.segmented", "doc._.anchor"], requires=["doc._.article"])
def clean_component(doc: Doc) -> Doc:
    """Body, boilerplate, dateline, outlet, wire and publication hints of the original text."""
    art: Article | None = doc._.article
    seg = segment(doc_text(doc), is_place=dateline_place, title=art.title if art is not None else None)
    if art is not None:
        seg.published = _published(art, seg.published)
    doc._.segmented = seg
    doc._.anchor = _anchor(seg.published)
    return doc


@Language.component("warta_sentences", assigns=["doc._.sentences", "token.is_sent_start"], requires=["doc._.segmented"])
def sentences_component(doc: Doc) -> Doc:
    """Sentence spans of the body (boilerplate left out), mirrored on the tokens."""
    text = doc_text(doc)
    spans = split_sentences(text, doc._.segmented.content_ranges())
    doc._.sentences = [Span("sentence", s, e, text[s:e]) for s, e in spans]
    if len(doc):
        idx = doc.to_array("IDX")
        starts = numpy.fromiter((s for s, _ in spans), dtype=idx.dtype, count=len(spans))
        flags = numpy.where(numpy.isin(idx, starts), 1, -1).astype("uint64")
        flags[0] = 1
        doc.from_array(["SENT_START"], flags.reshape(-1, 1))
    return doc


@Language.component("warta_language", assigns=["doc._.language"], requires=["doc._.segmented"])
def language_component(doc: Doc) -> Doc:
    """Language of the body: id, ms, en or und."""
    s, e = doc._.segmented.body
    text = doc_text(doc)
    doc._.language = detect(text[s:e] or text)
    return doc


@Language.component("warta_entities", assigns=["doc._.entities", "doc._.mentions"], requires=["doc._.sentences"])
def entities_component(doc: Doc) -> Doc:
    """People, organisations and places, linked to the knowledge base and to each other."""
    from .resolve.linker import link_document

    doc._.entities, doc._.mentions = link_document(doc)
    return doc


@Language.component("warta_events", assigns=["doc._.events"], requires=["doc._.mentions", "doc._.sentences"])
def events_component(doc: Doc) -> Doc:
    """PLOVER events coded sentence by sentence from triggers and the linked mentions (none in an
    article the relevance model rules out: its records would all be dropped)."""
    from .coding import code_document

    doc._.events = [] if _learned.ruled_out(doc) else code_document(doc)
    return doc


@Language.component("warta_records", assigns=["doc._.records"], requires=["doc._.events"])
def records_component(doc: Doc) -> Doc:
    """Event records with dates, places, figures and evidence, as ``output.md`` describes."""
    from .records import build_records

    doc._.records = build_records(doc)
    return doc


@Language.component("warta_places", assigns=["doc._.records"], requires=["doc._.records", "doc._.mentions"])
def places_component(doc: Doc) -> Doc:
    """Each record's place resolved to a gazetteer entry: coordinates, province, country, precision."""
    from .resolve.geo import locate_records

    seg = doc._.segmented
    locate_records(doc._.records or [], doc._.mentions or [], seg.dateline if seg is not None else None,
                   home="IDN" if getattr(doc._.language, "code", None) == "id" else None)
    return doc


#: the longest article analysed (characters), unless ``$WARTA_MAX_CHARS`` says otherwise. spaCy's
#: own limit (1,000,000, error E088) guards its parser's memory, which warta does not use: the
#: blank tokenizer and warta's components are linear in the text (sentences are bounded, see
#: :data:`warta.analyse.sentences.MAX_SENTENCE_CHARS`), about 20 µs and a few hundred bytes a character.
DEFAULT_MAX_CHARS = 5_000_000


def max_chars() -> int:
    try:
        return int(os.environ.get("WARTA_MAX_CHARS") or DEFAULT_MAX_CHARS)
    except ValueError:
        return DEFAULT_MAX_CHARS


def build(components: Iterable[str] | None = None) -> Language:
    """A blank Indonesian pipeline with warta's components (all, or the names given, in order)."""
    nlp = blank_indonesian()  # spacy.blank("id")'s tokens, without its 2 s of exceptions
    nlp.max_length = 2**31 - 1  # warta checks the length itself (Analyzer.make_doc), with its own message
    for name in components or COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def _anchor(published: Published) -> tuple[dt.date | None, str | None]:
    """The date relative expressions are resolved against, and its granularity."""
    v = published.value
    if not v:
        return None, None
    try:
        if published.granularity == "day":
            return dt.date.fromisoformat(v[:10]), "day"
        if published.granularity == "month":
            return dt.date(int(v[:4]), int(v[5:7]), 1), "month"
        return dt.date(int(v[:4]), 1, 1), "year"
    except ValueError:
        return None, None


def _published(article: Article, hint: Published) -> Published:
    """A published date given with the article wins over what the text allows; without one, the
    day in the article's address (:func:`~warta.ingest.clean.url_day`) does: outlets put it
    there when they publish, and it is finer than a copyright year."""
    if article.published:
        v = article.published
        gran = {10: "day", 7: "month", 4: "year"}.get(len(v))
        if gran:
            return Published(v, gran, "input")
    day = url_day(article.url)
    if day is not None:
        return Published(day.isoformat(), "day", "address")
    return hint


class ArticleTooLong(WartaError):
    """An article is longer than :func:`max_chars`."""


class Analyzer:
    """Runs articles through the pipeline and returns :class:`~warta.model.Document` records."""

    #: articles analysed before the tokenizer learns the frequent words (:func:`.tokenizer.prime`):
    #: worth its 0.5 s in a run of a few hundred articles, not in a one-article ``warta extract``
    PRIME_AFTER = 32

    def __init__(self, nlp: Language | None = None):
        self.nlp = nlp or build()
        self._analysed = 0
        self._primed = False

    def make_doc(self, article: Article) -> Doc:
        limit = max_chars()
        if len(article.text) > limit:
            raise ArticleTooLong(f"article of {len(article.text):,} characters is longer than warta's limit of "
                                 f"{limit:,}: set $WARTA_MAX_CHARS to raise it (analysis takes about 20 µs a character)")
        doc = self.nlp.make_doc(article.text)
        doc._.article = article
        return doc

    def analyze(self, article: Article) -> Document:
        return self._analyse([article])[0]

    def analyze_many(self, articles: Sequence[Article]) -> list[Document]:
        """:meth:`analyze` of each article (the same Documents), analysed together, component by
        component: a component with a ``pipe`` method takes all the docs at once (the dependency
        parse of all their sentences runs in one batch, ``SyntaxComponent.pipe``), the others one
        after another, so that each component's code and data stay warm (README, Speed). An error
        in any article is raised: the runners then analyse the articles one by one
        (:func:`warta.runner.analyse_many`)."""
        return self._analyse(list(articles))

    def _analyse(self, articles: list[Article]) -> list[Document]:
        if not self._primed:
            self._analysed += len(articles)
            if self._analysed >= self.PRIME_AFTER:
                self.prime()
        # spaCy's vocabulary would keep every new word of every article (an archive's memory would
        # grow without end): what the articles add is dropped once their Documents, plain Python, are made
        with self.nlp.memory_zone():
            docs = self.run_components([self.make_doc(a) for a in articles])
            return [self.to_document(d) for d in docs]

    def run_components(self, docs: list[Doc], clock: dict[str, float] | None = None) -> list[Doc]:
        """Every component over ``docs``, one component at a time; ``clock`` (optional) adds each
        component's seconds under its name less ``warta_`` (``warta bench``'s stages)."""
        for name, proc in self.nlp.pipeline:
            t = time.perf_counter()
            docs = list(proc.pipe(docs, batch_size=len(docs))) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            if clock is not None:
                key = name.removeprefix("warta_")
                clock[key] = clock.get(key, 0.0) + time.perf_counter() - t
        return docs

    def prime(self) -> None:
        """Let the tokenizer keep the frequent words of news for good (done by :meth:`analyze`
        after :attr:`PRIME_AFTER` articles, by a runner before it forks workers); what it made
        leaves the collector's sight."""
        self._primed = True
        with collector_paused():
            prime(self.nlp)
            if "warta_syntax" in self.nlp.pipe_names:   # the parser's own tokenizer and vocabulary
                prime(self.nlp.get_pipe("warta_syntax").nlp)
        keep_loaded()

    def pipe(self, articles: Iterable[Article]) -> Iterator[Document]:
        for art in articles:
            yield self.analyze(art)

    @staticmethod
    def to_document(doc: Doc) -> Document:
        art: Article = doc._.article
        seg = doc._.segmented
        lang = doc._.language
        flags = []
        if lang is not None and lang.code != "id":
            flags.append(f"language:{lang.code}")
        if art.encoding and art.encoding != "utf-8":
            flags.append(f"encoding:{art.encoding}")  # decoded by detection: say how
        return Document(
            doc=art.doc,
            doc_id=art.doc_id,
            text=art.text,
            language=lang.code if lang else "und",
            title=art.title,
            source=art.source or seg.source,
            wire=seg.wire,
            dateline=seg.dateline,
            published=seg.published,
            body=seg.body,
            url=art.url,
            boilerplate=list(seg.boilerplate),
            sentences=list(doc._.sentences or []),
            entities=list(doc._.entities or []),
            events=list(doc._.records or []),
            flags=flags,
            origin=art.origin,
        )


#: analysed once when the shared analyzer is built, so that the models that load on first use
#: (knowledge base, gazetteers, recogniser) load then, with the collector paused
WARM_UP = ("Jakarta (ANTARA) - Presiden Indonesia bertemu Perdana Menteri Malaysia di Jakarta pada Senin "
           "untuk membahas kerja sama perbatasan kedua negara.")


@lru_cache(maxsize=1)
def default_analyzer() -> Analyzer:
    """The shared analyzer with every component (built once per process, its models loaded)."""
    with collector_paused():
        analyzer = Analyzer()
        analyzer.analyze(Article(doc="warm-up", text=WARM_UP))
    keep_loaded()
    return analyzer


CODER = f"warta {__version__}"
