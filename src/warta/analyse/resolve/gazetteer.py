"""A fast dictionary matcher: every alias of the knowledge base, found in a text.

Rules:
- matches start and end on token boundaries (no letter or digit adjacent), so ``Rusia`` is not
  found in ``Rusianya`` but is in ``Rusia,`` or ``Rusia-Myanmar``; nor after a lower-case prefix
  and a hyphen, where it ends a derived word (``anti-Suriah``, ``pro-Rusia``);
- the longest match wins and matches never overlap (``Washington Post`` the newspaper, not
  ``Washington``; ``Dewan Keamanan PBB``, not ``PBB``);
- case: all-caps aliases and aliases of three letters or fewer match only in their exact case
  (``AS`` but not ``as``; ``ANTARA`` but not ``antara``); other aliases match in their own case
  or fully upper-cased (``MOSKOW``); a word written in lower case in the alias may also be
  capitalised in the text (sentence start, headlines), never the other way round (``Barat``
  the West does not match ``barat`` 'west');
- ``Barat`` (and other compass words used as region names) is not taken right after a
  capitalised word, where it ends a place name (``Pakistan Barat``, ``Sumatera Barat``);
- accents and typographic quotes are ignored (``Cavusoglu`` = ``Çavuşoğlu``);
- a hyphen inside an alias may be spaced out in the text (``Kim Jong - un``, as tokenised
  corpora write it).

The text is scanned once with one compiled regex; aliases are indexed by their first token.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Iterable

from .kb import FOLD_TABLE, KBEntry, KnowledgeBase, case_strict

TOKEN_RE = re.compile(r"[^\W_]+|\S")
# Compass words that name a region on their own (``Barat`` the West) but are the tail of a
# place name after a capitalised word (``Sumatera Barat``, ``Pakistan Barat``, ``Pasukan Barat``).
NOT_AFTER_NAME = frozenset({"Barat", "Timur", "Utara", "Selatan", "Tengah"})


@dataclass(frozen=True)
class GazMatch:
    start: int
    end: int
    text: str
    entry: KBEntry
    candidates: tuple[KBEntry, ...] = ()  # every entry with this alias, ``entry`` first

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


class _Pattern:
    __slots__ = ("n", "toks", "ups", "caps", "gaps", "strict", "entries", "not_after_name")

    def __init__(self, toks: list[str], gaps: list[bool], strict: bool):
        self.n = len(toks)
        self.toks = tuple(toks)
        self.ups = tuple(t.upper() for t in toks)
        self.caps = tuple(t[0].upper() + t[1:] if t[0].islower() else None for t in toks)
        self.gaps = tuple(gaps)
        self.strict = strict
        self.entries: list[KBEntry] = []
        self.not_after_name = len(toks) == 1 and toks[0] in NOT_AFTER_NAME


def _tokenize(s: str) -> tuple[list[str], list[bool]]:
    toks, gaps, prev_end = [], [], None
    for m in TOKEN_RE.finditer(s):
        if prev_end is not None:
            gaps.append(m.start() > prev_end)
        toks.append(m.group())
        prev_end = m.end()
    return toks, gaps


class Gazetteer:
    def __init__(self, kb: KnowledgeBase, exclude: Iterable[str] = ()):
        self.kb = kb
        skip = set(exclude)
        by_form: dict[tuple, _Pattern] = {}
        index: dict[str, list[_Pattern]] = {}
        for entry in kb.entries:
            if entry.id in skip:
                continue
            for alias in entry.aliases:
                folded = alias.strip().translate(FOLD_TABLE)
                toks, gaps = _tokenize(folded)
                if not toks or not any(c.isalnum() for c in folded):
                    continue
                key = (tuple(toks), tuple(gaps))
                pat = by_form.get(key)
                if pat is None:
                    pat = by_form[key] = _Pattern(toks, gaps, case_strict(folded))
                    index.setdefault(toks[0].lower(), []).append(pat)
                if entry not in pat.entries:
                    pat.entries.append(entry)
        for pats in index.values():
            pats.sort(key=lambda p: -p.n)
        self._index = index
        self.n_aliases = len(by_form)

    _default: "Gazetteer | None" = None
    _lock = threading.Lock()

    @classmethod
    def default(cls) -> "Gazetteer":
        kb = KnowledgeBase.default()
        with cls._lock:
            if cls._default is None or cls._default.kb is not kb:
                cls._default = cls(kb)
            return cls._default

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[GazMatch]:
        """All non-overlapping, longest matches in ``text[start:end]``, offsets into ``text``."""
        if end is None or end > len(text):
            end = len(text)
        if start < 0:
            start = 0
        if start >= end:
            return []
        toks: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        table = FOLD_TABLE
        for m in TOKEN_RE.finditer(text, start, end):
            t = m.group()
            if not t.isascii():
                t = t.translate(table)
            toks.append(t)
            starts.append(m.start())
            ends.append(m.end())
        if not toks:
            return []
        # a token cut by the range's edges is not a whole token
        if start > 0 and starts[0] == start and text[start - 1].isalnum() and text[start].isalnum():
            toks[0] = "\x00"
        if end < len(text) and ends[-1] == end and text[end].isalnum() and text[end - 1].isalnum():
            toks[-1] = "\x00"

        index = self._index
        out: list[GazMatch] = []
        ntok = len(toks)
        i = 0
        while i < ntok:
            pats = index.get(toks[i].lower())
            if pats is None:
                i += 1
                continue
            hit = None
            for p in pats:
                n = p.n
                if i + n > ntok:
                    continue
                ok = True
                for k in range(n):
                    t = toks[i + k]
                    a = p.toks[k]
                    if t != a:
                        if p.strict or (t != p.ups[k] and t != p.caps[k]):
                            ok = False
                            break
                    if k and p.gaps[k - 1] != (starts[i + k] > ends[i + k - 1]) \
                            and (p.gaps[k - 1] or "-" not in (a, p.toks[k - 1])):
                        ok = False  # (a hyphen the text spaces out, "Kim Jong - un", still joins)
                        break
                if ok:
                    hit = p
                    break
            if hit is not None and hit.not_after_name and i > 0 and starts[i] > ends[i - 1] \
                    and toks[i - 1][:1].isupper() and toks[i - 1][:1].isalpha():
                hit = None
            if hit is not None and i > 1 and toks[i - 1] == "-" and starts[i] == ends[i - 1] \
                    and starts[i - 1] == ends[i - 2] and toks[i - 2].isalpha() and toks[i - 2].islower():
                hit = None  # the tail of a derived word: anti-Suriah, pro-Rusia, se-Jawa
            if hit is None:
                i += 1
                continue
            j = i + hit.n - 1
            s, e = starts[i], ends[j]
            out.append(GazMatch(s, e, text[s:e], hit.entries[0], tuple(hit.entries)))
            i = j + 1
        return out


__all__ = ["Gazetteer", "GazMatch", "TOKEN_RE"]
