"""Case- and accent-folding for lookups the database does: ``Café`` and ``cafe`` fold alike.

SQLite's ``lower()`` folds ASCII only, so folded copies of names are stored beside them
(``event_arguments.fold``, ``entity_keys.key``) and every lookup folds its value the same way.
"""
from __future__ import annotations

import unicodedata


def fold(s: str | None) -> str:
    """``s`` case-folded, compatibility-decomposed and stripped of combining marks."""
    if not s:
        return ""
    decomposed = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
