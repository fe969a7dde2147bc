"""Where analysis runs: the :class:`Runner` interface, the in-process :class:`LocalRunner`, and
:func:`ingest_with`, which stores what a runner gives back, one transaction per article.

This module knows no engine: the Dask runner (:mod:`warta.distributed`) plugs into the same
interface, and so would any other with ``run(articles, on_failure=None)``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, runtime_checkable

from .errors import InputError
from .ingest.readers import read_inputs
from .model import Article, Document, Failure, Report

OnFailure = Callable[[Failure], None]


@runtime_checkable
class Runner(Protocol):
    """Analyses articles somewhere and gives back their Documents.

    ``run`` yields one Document per article that could be analysed (in the order given for the
    runners here); an article whose analysis failed goes to ``on_failure`` instead. Runners are
    context managers: ``__exit__`` releases what they started (workers, a cluster).
    """

    def run(self, articles: Iterable[Article], on_failure: OnFailure | None = None) -> Iterator[Document]: ...

    def __enter__(self) -> Runner: ...

    def __exit__(self, *exc) -> None: ...


def analyse_one(analyzer, article: Article) -> Document | Failure:
    """One article through an analyzer; a failure is returned, never raised (as :func:`warta.analyze_inputs`)."""
    from .errors import WartaError

    try:
        return analyzer.analyze(article)
    except WartaError as e:  # refused on purpose (too long): warta's own message
        return Failure(article.origin or article.doc, str(e))
    except Exception as e:  # one article's failure must not stop the batch
        return Failure(article.origin or article.doc, f"analysis failed ({type(e).__name__}: {e})")


class LocalRunner:
    """Analyse in this process, with the shared analyzer (or the one given)."""

    def __init__(self, analyzer=None):
        self._analyzer = analyzer

    @property
    def analyzer(self):
        if self._analyzer is None:
            from .analyse.pipeline import default_analyzer

            self._analyzer = default_analyzer()
        return self._analyzer

    def run(self, articles: Iterable[Article], on_failure: OnFailure | None = None) -> Iterator[Document]:
        for art in articles:
            res = analyse_one(self.analyzer, art)
            if isinstance(res, Failure):
                if on_failure:
                    on_failure(res)
                continue
            yield res

    def __enter__(self) -> LocalRunner:
        return self

    def __exit__(self, *exc) -> None:
        pass

    def close(self) -> None:
        pass


def ingest_articles(runner: Runner, items: Iterable[Article | InputError], store, on_failure: OnFailure | None = None,
                    on_document: Callable[[Document, bool], None] | None = None, report: Report | None = None) -> Report:
    """Analyse articles (InputError items are reported as failures) with ``runner`` and store each
    Document in its own transaction. The core of :func:`ingest_with`, for callers that read the
    articles themselves (the folder watcher, the feed poller)."""
    report = report if report is not None else Report()

    def fail(f: Failure) -> None:
        report.failures.append(f)
        if on_failure:
            on_failure(f)

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                fail(Failure(item.source, item.reason))
                continue
            yield item

    for d in runner.run(articles(), on_failure=fail):
        report.analysed += 1
        report.events += len(d.events)
        try:
            stored = store.add(d)
        except Exception as e:
            fail(Failure(d.doc, f"could not be stored ({type(e).__name__}: {e})"))
            continue
        if stored:
            report.stored += 1
        else:
            report.unchanged += 1
        if on_document:
            on_document(d, stored)
    return report


def ingest_with(runner: Runner, inputs: Iterable[str], store, on_failure: OnFailure | None = None,
                on_document: Callable[[Document, bool], None] | None = None) -> Report:
    """:func:`warta.ingest` with the analysis done by ``runner``.

    Inputs are read here; each analysed Document is stored in its own transaction (storing an
    article again changes nothing). Returns the :class:`~warta.api.Report`.
    """
    return ingest_articles(runner, read_inputs(inputs), store, on_failure, on_document)
