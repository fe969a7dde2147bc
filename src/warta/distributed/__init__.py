"""Scale-out: analyse articles on several processes or machines, store them in one place.

A :class:`Runner` turns articles into analysed :class:`~warta.model.Document` records; where the
work happens is its business:

* :class:`LocalRunner` — in this process (what ``warta ingest`` does by default);
* :class:`DaskRunner` — on a Dask cluster: a ``LocalCluster`` of worker processes, or the
  scheduler at ``tcp://HOST:8786`` (``pip install 'warta[dask]'``).

Articles are read here (the client), sent to the workers in batches, analysed there (each
worker process builds the pipeline once), and come back as Documents that
:func:`ingest_with` stores one transaction per article, as :func:`warta.ingest` does.
Another engine (Ray, Spark) only needs a class with ``run(articles, on_failure=None)``.
"""
from __future__ import annotations

from .base import EngineError, LocalRunner, Runner, ingest_articles, ingest_with, runner_for
from .dask_runner import DaskRunner

__all__ = ["Runner", "LocalRunner", "DaskRunner", "EngineError", "ingest_with", "ingest_articles", "runner_for"]
