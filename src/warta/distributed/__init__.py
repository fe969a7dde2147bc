"""Scale-out: analyse articles on several processes or machines, store them in one place.

A :class:`Runner` turns articles into analysed :class:`~warta.model.Document` records; where the
work happens is its business:

* :class:`LocalRunner` — in this process (what ``warta ingest`` does by default), or in
  ``--workers N`` local worker processes feeding this one, which stores;
* :class:`DaskRunner` — on a Dask cluster: a ``LocalCluster`` of worker processes, or the
  scheduler at ``tcp://HOST:8786`` (``pip install 'warta[dask]'``).

Articles are read here (the client), sent to the workers in batches, analysed there (each
worker process builds the pipeline once), and come back as Documents that
:func:`warta.runner.ingest_with` stores a batch per transaction, as :func:`warta.ingest` does.
Another engine (Ray, Spark) only needs a class with ``run(articles, on_failure=None)``.
"""
from __future__ import annotations

from ..errors import EngineError
from ..runner import LocalRunner, Runner, ingest_articles, ingest_with
from .dask_runner import DaskRunner

ENGINES = ("local", "dask")


def runner_for(engine: str = "local", *, scheduler: str | None = None, workers: int | None = None,
               batch_size: int | None = None) -> Runner:
    """The runner the CLI's ``--engine``/``--scheduler``/``--workers`` ask for (raises EngineError)."""
    if engine == "local":
        if scheduler:
            raise EngineError("--scheduler needs a distributed engine: add --engine dask")
        return LocalRunner(workers=workers or 1)
    if engine == "dask":
        from .dask_runner import DaskRunner

        kwargs = {}
        if workers is not None:
            kwargs["n_workers"] = workers
        if batch_size is not None:
            kwargs["batch_size"] = batch_size
        return DaskRunner(scheduler=scheduler, **kwargs)
    raise EngineError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")


__all__ = ["Runner", "LocalRunner", "DaskRunner", "EngineError", "ingest_with", "ingest_articles", "runner_for"]
