"""The Python API that the CLI mirrors.

>>> import warta
>>> doc = warta.analyze("Jakarta (ANTARA) - Presiden ...", published="2024-05-01")
>>> [e.type for e in doc.events]
>>> with warta.Store("sqlite:///berita.db") as store:
...     report = warta.ingest(["artikel/"], store)
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import InputError, WartaError
from .ingest.readers import read_inputs
from .model import Article, Document, Failure, Report


def _analyzer():
    from .runner import shared_analyzer

    return shared_analyzer()


def analyze(text: str, *, published: str | None = None, doc: str | None = None, title: str | None = None,
            source: str | None = None, url: str | None = None) -> Document:
    """Analyse one article's text: boilerplate, sentences, language, entities and PLOVER events.

    ``published`` (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) anchors relative dates; without it
    warta uses what the text allows (a copyright year, a dated weekday) and says so.
    """
    art = Article(doc="", text=text, title=title, published=published, source=source, url=url)
    art.doc = doc or art.doc_id
    return _analyzer().analyze(art)


def analyze_article(article: Article) -> Document:
    """Analyse an :class:`~warta.model.Article` read by :func:`read_inputs`."""
    return _analyzer().analyze(article)


def analyze_inputs(inputs: Iterable[str], on_failure: Callable[[Failure], None] | None = None,
                   report: Report | None = None) -> Iterator[Document]:
    """Read and analyse every article of the inputs; failures go to ``on_failure`` and ``report``."""
    report = report if report is not None else Report()
    analyzer = _analyzer()
    for item in read_inputs(inputs):
        if isinstance(item, InputError):
            f = Failure(item.source, item.reason)
            report.failures.append(f)
            if on_failure:
                on_failure(f)
            continue
        try:
            d = analyzer.analyze(item)
        except WartaError as e:  # refused on purpose (too long): warta's own message
            f = Failure(item.origin or item.doc, str(e))
            report.failures.append(f)
            if on_failure:
                on_failure(f)
            continue
        except Exception as e:  # one article's failure must not stop the batch
            f = Failure(item.origin or item.doc, f"analysis failed ({type(e).__name__}: {e})")
            report.failures.append(f)
            if on_failure:
                on_failure(f)
            continue
        report.analysed += 1
        report.events += len(d.events)
        yield d


def ingest(inputs: Iterable[str], store, on_failure: Callable[[Failure], None] | None = None,
           on_document: Callable[[Document, bool], None] | None = None) -> Report:
    """Analyse the inputs in this process and store them, a batch per transaction with the result
    of one transaction per article; returns a :class:`Report`.

    (:func:`warta.runner.ingest_with` does the same with any runner, a Dask cluster's included.)
    """
    from .runner import LocalRunner, ingest_with

    return ingest_with(LocalRunner(), inputs, store, on_failure, on_document)


def example_paths() -> list[Path]:
    """The built-in example articles shipped with warta."""
    root = Path(str(resources.files("warta") / "examples"))
    return sorted(p for p in root.iterdir() if p.suffix == ".txt")


def examples_dir() -> str:
    return os.fspath(Path(str(resources.files("warta") / "examples")))


def documents_as_dicts(docs: Iterable[Document]) -> Iterator[dict[str, Any]]:
    for d in docs:
        yield d.to_dict()
