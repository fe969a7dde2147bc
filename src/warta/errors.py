"""warta's error classes: each says what went wrong and with which input."""
from __future__ import annotations


class WartaError(Exception):
    """Base class of every error warta raises on purpose."""


class InputError(WartaError):
    """An input (file, folder, JSON line, stdin) could not be read as articles.

    ``source`` names the input (a path, ``path:line`` or ``-``), ``reason`` says why.
    """

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class StoreError(WartaError):
    """The store could not be opened, migrated, read or written."""


class NotFoundError(WartaError):
    """A document, event or entity asked for by id or name is not in the store."""

    def __init__(self, kind: str, key: str):
        self.kind = kind
        self.key = key
        super().__init__(f"no {kind} {key!r} in the store")


class FilterError(WartaError, ValueError):
    """A filter value (type, date, modality, country, ...) is malformed; ``problems`` holds
    ``(field, message)`` pairs, and the message names each bad value and what it should be."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(m for _, m in problems))


class KnowledgeBaseError(WartaError):
    """A knowledge-base file has a bad line; the message names the file and the line."""


class ExportError(WartaError):
    """An export format is unknown or its writer is missing (e.g. pyarrow for Parquet)."""


class EngineError(WartaError):
    """A runner could not be started: unknown engine, missing extra, unreachable scheduler."""
