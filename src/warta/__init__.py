"""warta: Indonesian news in, sourced PLOVER political event data out.

The public surface, all in one place:

* :func:`analyze`, :func:`analyze_article`, :func:`analyze_inputs`, :func:`ingest` — run the pipeline;
* :func:`read_inputs` — read files, folders, JSON Lines, HTML or stdin into :class:`Article` records;
* :class:`Store` — the database (SQLite by default, any SQLAlchemy URL);
* :class:`Article`, :class:`Document`, :class:`Entity` — the records;
* the error classes of :mod:`warta.errors`.
"""
__version__ = "0.1.0"

from .api import Failure, Report, analyze, analyze_article, analyze_inputs, example_paths, ingest  # noqa: E402
from .errors import (  # noqa: E402
    ExportError,
    InputError,
    KnowledgeBaseError,
    NotFoundError,
    StoreError,
    WartaError,
)
from .ingest.readers import read_inputs  # noqa: E402
from .model import Article, Document, Entity, Event  # noqa: E402


def __getattr__(name: str):
    # the store pulls in SQLAlchemy: import it only when it is used
    if name == "Store":
        from .store.store import Store

        return Store
    raise AttributeError(f"module 'warta' has no attribute {name!r}")


__all__ = [
    "__version__",
    "analyze", "analyze_article", "analyze_inputs", "ingest", "read_inputs", "example_paths",
    "Store", "Article", "Document", "Entity", "Event", "Report", "Failure",
    "WartaError", "InputError", "StoreError", "NotFoundError", "KnowledgeBaseError", "ExportError",
]
