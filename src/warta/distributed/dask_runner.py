"""Analysis on a Dask cluster (``pip install 'warta[dask]'``).

The client reads the articles and sends them in batches; each worker process builds warta's
pipeline once (:func:`warta.analyse.pipeline.default_analyzer` is cached per process) and
returns the batch's Documents. At most ``max_in_flight`` batches are out at a time, so memory on
the client stays flat however long the input; results come back in input order.

Without a scheduler address a ``LocalCluster`` of ``n_workers`` processes (one thread each) is
started and stopped with the runner. With one (``tcp://HOST:8786``), the workers there must have
warta (and the same knowledge base, ``$WARTA_KB_DIR``) installed.
"""
from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator

from ..errors import EngineError
from ..model import Article, Document, Failure
from ..runner import OnFailure, analyse_many, chunks, shared_analyzer


def _analyse_batch(articles: list[Article]) -> list[Document | Failure]:
    """Runs on a worker: the pipeline is built on first use in each worker process and kept; the
    batch is analysed together (:func:`warta.runner.analyse_many`: the parse batched, a failure
    retried article by article)."""
    analyzer = shared_analyzer()
    return analyse_many(analyzer, articles)


def _warm() -> bool:
    """Build the pipeline on a worker before the first batch arrives."""
    shared_analyzer()
    return True


class DaskRunner:
    """Analyse on Dask workers: a local cluster, or the scheduler at ``scheduler``.

    ``client`` may be an existing ``distributed.Client`` (it is then neither started nor closed).
    """

    def __init__(self, scheduler: str | None = None, *, n_workers: int = 2, threads_per_worker: int = 1,
                 batch_size: int = 16, max_in_flight: int | None = None, client=None, warm: bool = True,
                 connect_timeout: str = "20s"):
        if batch_size < 1 or n_workers < 1:
            raise EngineError("batch size and number of workers must be at least 1")
        self.scheduler = scheduler
        self.n_workers = n_workers
        self.threads_per_worker = threads_per_worker
        self.batch_size = batch_size
        self.max_in_flight = max_in_flight
        self.warm = warm
        self.connect_timeout = connect_timeout
        self._client = client
        self._own_client = client is None
        self._cluster = None
        self._warmed = False

    # ------------------------------------------------------------------ lifecycle
    @property
    def client(self):
        if self._client is None:
            self._start()
        return self._client

    def _start(self) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise EngineError("the dask engine needs Dask: pip install 'warta[dask]'") from None
        try:
            if self.scheduler:
                self._client = Client(self.scheduler, timeout=self.connect_timeout)
            else:
                self._cluster = LocalCluster(
                    n_workers=self.n_workers, threads_per_worker=self.threads_per_worker, processes=True,
                    dashboard_address=None, silence_logs=logging.ERROR,
                )
                self._client = Client(self._cluster)
        except Exception as e:
            self.close()
            where = self.scheduler or "a local cluster"
            raise EngineError(f"cannot start the dask engine on {where}: {type(e).__name__}: {e}") from e

    def close(self) -> None:
        if self._own_client and self._client is not None:
            try:
                self._client.close()
            finally:
                self._client = None
        if self._cluster is not None:
            try:
                self._cluster.close()
            finally:
                self._cluster = None

    def __enter__(self) -> DaskRunner:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ work
    def _window(self) -> int:
        if self.max_in_flight:
            return self.max_in_flight
        try:
            threads = sum(w.get("nthreads", 1) for w in self.client.scheduler_info()["workers"].values())
        except Exception:
            threads = self.n_workers * self.threads_per_worker
        return max(2, 2 * threads)

    def _warm_workers(self, client) -> None:
        """Build the pipeline on every worker before the first batch, with ``Client.run`` (outside
        the task threads), on a cluster given as well as on one started here. Built lazily by the
        first task instead, the loading raced the worker's own start-up: a model file opened then
        could fail with "Bad file descriptor" and the batch was lost (seen in the test suite)."""
        if self.warm and not self._warmed:
            self._warmed = True
            try:
                client.run(_warm)
            except Exception:  # a worker that cannot build the pipeline fails its batches, reported then
                pass

    def run(self, articles: Iterable[Article], on_failure: OnFailure | None = None) -> Iterator[Document]:
        """Documents of the articles, in input order; failed articles go to ``on_failure``."""
        client = self.client
        self._warm_workers(client)
        window = self._window()
        pending: deque = deque()

        def collect(fut, batch: list[Article]) -> Iterator[Document]:
            try:
                results = fut.result()
            except Exception as e:  # the worker died, or the batch could not be sent or received
                results = [Failure(a.origin or a.doc, f"analysis failed on a worker ({type(e).__name__}: {e})")
                           for a in batch]
            finally:
                fut.release()
            for r in results:
                if isinstance(r, Failure):
                    if on_failure:
                        on_failure(r)
                else:
                    yield r

        for batch in chunks(articles, self.batch_size):
            pending.append((client.submit(_analyse_batch, batch, pure=False), batch))
            while len(pending) >= window:
                yield from collect(*pending.popleft())
        while pending:
            yield from collect(*pending.popleft())
