"""spaCy's Indonesian tokenizer, made in milliseconds instead of seconds.

``spacy.blank("id")`` adds 15,963 tokenizer exceptions one by one when it is made (about 2 s of
CPU, the largest part of warta's start-up). 15,573 of them only keep letters joined by hyphens whole
(``abu-abu``, ``Berkejang-Kejang``): one token whose text is the exception itself. Here those are
answered by a set lookup: the tokenizer's ``token_match`` (asked at the same points of its loop
as the exceptions are) and an infix finder that does not split such a word where it is glued to
other text (spaCy splits it there and joins it again with its exception matcher). Only the other
exceptions (abbreviations, emoticons, spaces) are added one by one. The tokens are the same as
``spacy.blank("id")``'s on every IndoSum article and on generated text
(``tests/test_tokenizer_same_tokens.py``); they may differ only where hyphenated exceptions are
glued to each other by hyphens (``abu-abu-abu``), where spaCy's choice between overlapping
matches is its matcher's order. The pipeline and the bench's tokenizer floor use this one.
"""
from __future__ import annotations

import re
from pathlib import Path

from spacy.lang.id import Indonesian
from spacy.lang.id.tokenizer_exceptions import TOKENIZER_EXCEPTIONS
from spacy.symbols import ORTH


_WORD_RUN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")  # letters joined by hyphens, as long as it goes


def _whole_word(key: str, value) -> bool:
    """An exception that only keeps letters joined by hyphens as one token with its own text."""
    return (_WORD_RUN.fullmatch(key) is not None and len(value) == 1 and list(value[0]) == [ORTH]
            and value[0][ORTH] == key)


#: the hyphenated exceptions answered by ``token_match`` and the infix finder
HYPHENATED = frozenset(k for k, v in TOKENIZER_EXCEPTIONS.items() if _whole_word(k, v))


def _defaults():
    class Defaults(Indonesian.Defaults):
        tokenizer_exceptions = {k: v for k, v in TOKENIZER_EXCEPTIONS.items() if k not in HYPHENATED}

    return Defaults


class _Indonesian(Indonesian):
    Defaults = _defaults()


def whole_word(text: str) -> bool:
    """``token_match``: whether ``text`` is one of the hyphenated exceptions (kept whole)."""
    return text in HYPHENATED


def _kept_hyphens(text: str, bounds: set[int]) -> set[int]:
    """Offsets of the hyphens inside the hyphenated exceptions found in ``text``: a run of words
    joined by hyphens, or its longest, then leftmost, part that is one, when both its ends are
    token boundaries (``bounds``: the text's ends and its other infixes' ends), as spaCy's
    exception matcher needs them to be."""
    kept: set[int] = set()
    for run in _WORD_RUN.finditer(text):
        pieces = run.group().split("-")
        starts = [run.start()]
        for p in pieces[:-1]:
            starts.append(starts[-1] + len(p) + 1)
        taken = [False] * len(pieces)
        for size in range(len(pieces), 1, -1):
            for a in range(0, len(pieces) - size + 1):
                end = starts[a + size - 1] + len(pieces[a + size - 1])
                if (any(taken[a:a + size]) or starts[a] not in bounds or end not in bounds
                        or "-".join(pieces[a:a + size]) not in HYPHENATED):
                    continue
                taken[a:a + size] = [True] * size
                kept.update(starts[k] - 1 for k in range(a + 1, a + size))
    return kept


def _infix_finditer(base):
    """The infixes ``base`` finds, less the hyphens inside hyphenated exceptions: where spaCy
    would split such a word glued to other text (``kata,abu-abu``) and join it again with its
    exception, the word is not split."""

    def finditer(text: str):
        found = list(base(text))
        if "-" not in text or not found:
            return found
        bounds = {0, len(text)} | {m.start() for m in found} | {m.end() for m in found}
        kept = _kept_hyphens(text, bounds)
        return [m for m in found if m.start() not in kept or m.group() != "-"] if kept else found

    return finditer


def _fast(nlp):
    nlp.tokenizer.token_match = whole_word
    nlp.tokenizer.infix_finditer = _infix_finditer(nlp.tokenizer.infix_finditer)
    return nlp


def blank_indonesian():
    """A blank Indonesian spaCy pipeline that tokenizes as ``spacy.blank("id")``."""
    return _fast(_Indonesian())


def load_indonesian(path: Path):
    """A trained Indonesian pipeline saved in ``path`` (``spacy.load``'s result), made with this
    module's tokenizer instead of the saved one: ``spacy.load`` adds spaCy's exceptions one by one
    twice (making the language, then reading its tokenizer back), 3.5 s of a 3.8 s load."""
    import spacy

    nlp = _Indonesian.from_config(spacy.util.load_config(Path(path) / "config.cfg"))
    nlp.from_disk(path, exclude=["tokenizer"])
    return _fast(nlp)


#: the most frequent chunks of raw Indonesian news, most frequent first (``scripts/build_wordlist.py``)
FREQUENT_WORDS = Path(__file__).resolve().parent / "models" / "tokenizer-words.txt"


def prime(nlp, path: Path = FREQUENT_WORDS) -> int:
    """Tokenize the frequent word forms once, outside any memory zone, so that their lexemes and
    the tokenizer's cached splits stay for the rest of the process (an article analysed in a
    memory zone otherwise makes its words again: README, Speed). Changes no token. Returns the
    number of forms read (0 when the list is not there)."""
    try:
        words = path.read_text(encoding="utf-8").split()
    except OSError:
        return 0
    for i in range(0, len(words), 1000):
        nlp.tokenizer(" ".join(words[i:i + 1000]))
    return len(words)
