"""The spaCy ``Doc`` that carries an article through analysis: the extension attributes each
component reads and sets (see ``pipeline.COMPONENTS`` for who sets which), and its text.

Every component module imports this one; it imports none of them.
"""
from __future__ import annotations

from spacy.tokens import Doc

for _name, _default in [
    ("article", None), ("segmented", None), ("sentences", None), ("language", None),
    ("entities", None), ("mentions", None), ("events", None), ("records", None), ("anchor", None),
    ("relevance", None),
]:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def doc_text(doc: Doc) -> str:
    """The Doc's text without rebuilding it from the tokens (``doc.text`` does, each time)."""
    art = doc._.article
    return art.text if art is not None else doc.text
