"""Where analysis runs: the :class:`Runner` interface, the in-process :class:`LocalRunner`, and
:func:`ingest_with`, which stores what a runner gives back, a batch of articles per transaction.

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


#: articles analysed together by :func:`analyse_many` (their sentences parsed in one batch)
CHUNK = 16


def analyse_many(analyzer, articles: list[Article]) -> list[Document | Failure]:
    """:func:`analyse_one` of each article, analysed together where the analyzer can
    (``analyze_many``: the same Documents, the parse batched across the articles). If anything in
    the batch fails, each article goes through :func:`analyse_one` again, so that only the one at
    fault fails."""
    many = getattr(analyzer, "analyze_many", None)
    if many is None or len(articles) < 2:
        return [analyse_one(analyzer, a) for a in articles]
    try:
        return list(many(articles))
    except Exception:  # one article's failure must not stop the others: each alone, as before
        return [analyse_one(analyzer, a) for a in articles]


def chunks(articles: Iterable[Article], size: int = CHUNK) -> Iterator[list[Article]]:
    """``articles`` in lists of ``size`` (the last one shorter), read as they are needed."""
    from itertools import islice

    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


class LocalRunner:
    """Analyse on this machine: in this process, or with ``workers`` > 1 in that many worker
    processes while this one stores what they give back (one writer; the order of the
    articles is kept, and at most ``workers * IN_FLIGHT`` articles are in flight, so memory stays flat).
    Worker processes are forked where the platform can (they share the pipeline this process
    loaded, so they start at once), spawned elsewhere (each builds the default pipeline)."""

    def __init__(self, analyzer=None, workers: int = 1):
        self._analyzer = analyzer
        self.workers = max(1, int(workers))
        self._pool = None

    @property
    def analyzer(self):
        if self._analyzer is None:
            self._analyzer = shared_analyzer()
        return self._analyzer

    def run(self, articles: Iterable[Article], on_failure: OnFailure | None = None) -> Iterator[Document]:
        results = self._in_workers(articles) if self.workers > 1 else (
            res for chunk in chunks(articles) for res in analyse_many(self.analyzer, chunk))
        for res in results:
            if isinstance(res, Failure):
                if on_failure:
                    on_failure(res)
                continue
            yield res

    def _in_workers(self, articles: Iterable[Article]) -> Iterator[Document | Failure]:
        from collections import deque

        pool = self._start()
        in_flight: deque = deque()
        for chunk in chunks(articles):
            in_flight.append(pool.submit(_analyse_in_worker, chunk))
            if len(in_flight) * CHUNK >= self.workers * IN_FLIGHT:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()

    def _start(self):
        if self._pool is None:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor

            global _WORKER_ANALYZER
            if "fork" in mp.get_all_start_methods():
                # loaded once here and shared by the forked workers (an analyzer given to the runner loads
                # its models on first use: warmed here as the shared one is when built)
                from .analyse.pipeline import WARM_UP

                _WORKER_ANALYZER = self.analyzer
                _WORKER_ANALYZER.analyze(Article(doc="warm-up", text=WARM_UP))
                if hasattr(_WORKER_ANALYZER, "prime"):  # a long run: the frequent words once, shared
                    _WORKER_ANALYZER.prime()
                ctx = mp.get_context("fork")
            else:  # pragma: no cover - not on Linux
                ctx = mp.get_context("spawn")
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx)
        return self._pool

    def __enter__(self) -> LocalRunner:
        if self.workers > 1:  # fork the workers now, before the caller starts threads (a progress bar)
            self._start().submit(int).result()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


#: articles in flight per worker process: enough to keep the workers busy while this process
#: stores a batch (64 articles, a few hundred ms) instead of waiting for it
IN_FLIGHT = 64

#: the pipeline of a worker process of :class:`LocalRunner` (inherited when forked, else built there)
_WORKER_ANALYZER = None


def shared_analyzer():
    """This process's shared analyzer (:func:`warta.analyse.pipeline.default_analyzer`, built
    once, its models loaded), spaCy and the pipeline imported with the collector paused: most of
    a cold start (see :mod:`warta.analyse.loading`)."""
    from .analyse.loading import collector_paused

    with collector_paused():
        from .analyse.pipeline import default_analyzer

        return default_analyzer()


def _analyse_in_worker(articles: list[Article]) -> list[Document | Failure]:
    global _WORKER_ANALYZER
    if _WORKER_ANALYZER is None:  # pragma: no cover - spawned workers
        _WORKER_ANALYZER = shared_analyzer()
    return analyse_many(_WORKER_ANALYZER, articles)


#: documents stored per transaction by :func:`ingest_articles`
BATCH = 64


def ingest_articles(runner: Runner, items: Iterable[Article | InputError], store, on_failure: OnFailure | None = None,
                    on_document: Callable[[Document, bool], None] | None = None, report: Report | None = None,
                    batch: int = BATCH) -> Report:
    """Analyse articles (InputError items are reported as failures) with ``runner`` and store the
    Documents, ``batch`` per transaction (:meth:`Store.add_batch`: the same result as one
    transaction per article). When a batch cannot be stored its documents are stored one per
    transaction, so that only the one at fault is reported and lost. The core of
    :func:`ingest_with`, for callers that read the articles themselves (the folder watcher, the
    feed poller)."""
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

    pending: list[Document] = []
    for d in runner.run(articles(), on_failure=fail):
        report.analysed += 1
        report.events += len(d.events)
        pending.append(d)
        if len(pending) >= batch:
            _store(store, pending, report, fail, on_document)
            pending = []
    if pending:
        _store(store, pending, report, fail, on_document)
    return report


def _store(store, docs: list[Document], report: Report, fail: OnFailure,
           on_document: Callable[[Document, bool], None] | None) -> None:
    """One batch into the store (one transaction); one transaction each when the batch fails."""
    try:
        results = store.add_batch(docs)
    except Exception:
        results = []
        for d in docs:
            try:
                results.append(store.add(d))
            except Exception as e:
                fail(Failure(d.doc, f"could not be stored ({type(e).__name__}: {e})"))
                results.append(None)
    for d, stored in zip(docs, results):
        if stored is None:
            continue
        if stored:
            report.stored += 1
        else:
            report.unchanged += 1
        if on_document:
            on_document(d, stored)


def ingest_with(runner: Runner, inputs: Iterable[str], store, on_failure: OnFailure | None = None,
                on_document: Callable[[Document, bool], None] | None = None, batch: int = BATCH) -> Report:
    """:func:`warta.ingest` with the analysis done by ``runner``.

    Inputs are read here; the analysed Documents are stored ``batch`` per transaction, with the
    result of one transaction per article (storing an article again changes nothing). Returns
    the :class:`~warta.api.Report`.
    """
    return ingest_articles(runner, read_inputs(inputs), store, on_failure, on_document, batch=batch)
