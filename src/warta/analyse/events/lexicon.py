"""The trigger lexicon: ``data/triggers.tsv`` read into matchable patterns.

See the header of ``triggers.tsv`` for the pattern language.  ``Lexicon.find(tokens, text)``
returns non-overlapping trigger matches (longest first) for one sentence.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .morphology import analyse, roots

DATA = Path(__file__).with_name("data") / "triggers.tsv"
GAP = 4  # words a ".." may skip

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

MODES = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                "crowd-control", "unconventional"},
}

CONTEXTS = {"military", "intelligence", "executive", "legislative", "election", "political_institutions",
            "pro_democracy", "pro_autocracy", "economic", "legal", "human_rights", "rights_freedoms",
            "repression", "human_security", "lgbt", "religion_ethnicity", "inequality", "diplomatic",
            "territory", "health", "asylum", "migration", "disasters", "natural_resource", "environment",
            "technology", "terrorism", "cbrn", "cyber", "misinformation", "crime", "corruption",
            "illegal_drugs", "trafficking"}


@dataclass(frozen=True)
class Element:
    literal: str | None = None          # exact lower-case word
    root: str | None = None             # morphological root
    forms: tuple[tuple[str, str | None], ...] = ()   # allowed (prefix, suffix|None); () = any
    gap_before: bool = False

    def matches(self, word: str) -> bool:
        w = word.lower()
        if self.literal is not None:
            return w == self.literal
        return _root_match(w, self.root, self.forms)


@lru_cache(maxsize=300_000)
def _root_match(word: str, root: str, forms: tuple) -> bool:
    for r, pre, suf in analyse(word):
        if r != root:
            continue
        if not forms:
            # any derivation but the agent noun (peN- alone: ``penuntut`` prosecutor, ``pemohon``
            # petitioner, ``penggugat`` plaintiff), which names a person, not an act (corpus folds'
            # output: 2 of 23 such triggers matched gold); a pattern that means it lists "peN"
            if pre == "peN" and suf in ("", "nya"):
                continue
            return True
        for fp, fs in forms:
            if fp == pre and (fs is None or fs == suf):
                return True
    return False


def _has_root(words: list[str], wanted: frozenset[str]) -> bool:
    """Whether one of ``words`` is one of ``wanted`` or a derivation of one (:func:`.morphology.roots`)."""
    return any(w in wanted or not roots(w).isdisjoint(wanted) for w in words)


def _compound_tail(before: str, word: str, gap: str) -> bool:
    """Whether ``word`` is the second half of a hyphenated word written with spaces around the
    hyphen, as tokenised text spells them (``perundang - undangan`` 'legislation', ``undang -
    undang`` 'law'): the halves share a root, and the tail names no act of its own (the corpus
    folds' output coded 'undangan', an invitation, from 'Perundang - undangan')."""
    return gap.strip() == "-" and not roots(before).isdisjoint(roots(word))


@dataclass(frozen=True)
class Entry:
    pattern: str
    elements: tuple[Element, ...]
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    flags: frozenset[str] = frozenset()
    requires: frozenset[str] = frozenset()
    notnext: frozenset[str] = frozenset()
    confidence: float = 0.6
    line: int = 0
    #: the word right before the match must be one of these (``prev=``)
    prev: frozenset[str] = frozenset()
    #: the word right before the match must not be one of these (``notprev=``)
    notprev: frozenset[str] = frozenset()
    #: no word of the sentence may have one of these roots (``unless=``)
    unless: frozenset[str] = frozenset()

    @property
    def key(self) -> str:
        e = self.elements[0]
        return e.literal if e.literal is not None else e.root


@dataclass
class Match:
    entry: Entry
    tokens: list[int]                   # indexes of the matched words
    start: int
    end: int


#: the flags that list words (``req=a|b``) and the Entry field each fills
_WORD_FLAGS = {"req": "requires", "notnext": "notnext", "prev": "prev", "notprev": "notprev",
               "unless": "unless"}


def _parse_forms(spec: str) -> tuple[tuple[str, str | None], ...]:
    out = []
    for f in spec.split(","):
        f = f.strip()
        if not f:
            continue
        if f == "0":
            out.append(("", ""))
        elif f.startswith("-"):
            out.append(("", f[1:]))
        elif "-" in f:
            p, s = f.split("-", 1)
            out.append((p, s))
        else:
            out.append((f, None))
    return tuple(out)


def _parse_pattern(pat: str) -> tuple[Element, ...]:
    els: list[Element] = []
    gap = False
    for part in pat.split():
        if part == "..":
            gap = True
            continue
        if part.startswith("="):
            els.append(Element(literal=part[1:].lower(), gap_before=gap))
        else:
            root, _, spec = part.partition("/")
            els.append(Element(root=root.lower(), forms=_parse_forms(spec), gap_before=gap))
        gap = False
    return tuple(els)


def load(path: Path | str = DATA) -> list[Entry]:
    entries = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 5:
            raise ValueError(f"{path}:{n}: expected 5+ tab-separated columns: {line!r}")
        pat, typ, mode, ctx, flags = (c.strip() for c in cols[:5])
        if typ not in TYPES and typ != "NONE":
            raise ValueError(f"{path}:{n}: unknown PLOVER type {typ}")
        mode = None if mode in ("-", "") else mode
        if mode and mode not in MODES.get(typ, ()):
            raise ValueError(f"{path}:{n}: mode {mode} is not a {typ} mode")
        contexts = tuple(c for c in ctx.split(",") if c and c != "-")
        for c in contexts:
            if c not in CONTEXTS:
                raise ValueError(f"{path}:{n}: unknown context {c}")
        fl, conf = set(), 0.6
        words: dict[str, set[str]] = {k: set() for k in _WORD_FLAGS}   # the flags that list words
        for f in flags.split(","):
            f = f.strip()
            if not f or f == "-":
                continue
            key, eq, value = f.partition("=")
            if eq and key in words:
                words[key] |= set(value.split("|"))
            elif eq and key == "conf":
                conf = float(value)
            else:
                fl.add(f)
        entries.append(Entry(pat, _parse_pattern(pat), typ, mode, contexts, frozenset(fl), confidence=conf, line=n,
                             **{field: frozenset(words[k]) for k, field in _WORD_FLAGS.items()}))
    return entries


class Lexicon:
    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self.by_key: dict[str, list[Entry]] = {}
        for e in entries:
            self.by_key.setdefault(e.key, []).append(e)
        for lst in self.by_key.values():   # longest patterns first, then file order
            lst.sort(key=lambda e: (-len(e.elements), e.line))
        self.keys = frozenset(self.by_key)
        self._cache: dict[str, tuple[str, ...]] = {}

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "Lexicon":
        return cls(load())

    def keys_of(self, word: str) -> tuple[str, ...]:
        """Lexicon keys a word can start (cached per word form): the fast pre-check."""
        w = word.lower()
        hit = self._cache.get(w)
        if hit is None:
            ks = {r for r, _, _ in analyse(w)} & self.keys
            if w in self.keys:
                ks.add(w)
            # keep only keys whose entries can start on this form (affix constraints)
            ks = {k for k in ks if any(e.elements[0].matches(w) for e in self.by_key[k])}
            hit = tuple(sorted(ks))
            if len(self._cache) < 500_000:
                self._cache[w] = hit
        return hit

    def find(self, tokens: list[tuple[int, int, str]], text: str) -> list[Match]:
        cands: list[Match] = []
        lower = [t[2].lower() for t in tokens]
        for i, (s, e, w) in enumerate(tokens):
            if i and _compound_tail(lower[i - 1], lower[i], text[tokens[i - 1][1]:s]):
                continue
            for key in self.keys_of(w):
                for entry in self.by_key[key]:
                    m = self._match_at(entry, tokens, lower, text, i)
                    if m is not None:
                        cands.append(m)
        # longest (most words) first, then earliest; one word per trigger
        cands.sort(key=lambda m: (-len(m.tokens), m.entry.confidence * -1, m.start))
        used: set[int] = set()
        out = []
        for m in cands:
            if used.intersection(m.tokens):
                continue
            used.update(m.tokens)
            out.append(m)
        out.sort(key=lambda m: m.start)
        return out

    def _match_at(self, entry: Entry, tokens, lower, text, i) -> Match | None:
        els = entry.elements
        if not els[0].matches(lower[i]):
            return None
        idx = [i]
        j = i
        for el in els[1:]:
            limit = GAP + 1 if el.gap_before else 1
            found = None
            for k in range(j + 1, min(len(tokens), j + 1 + limit)):
                if el.gap_before and any(c in text[tokens[k - 1][1]:tokens[k][0]] for c in ",;:.()\""):
                    break
                if el.matches(lower[k]):
                    found = k
                    break
            if found is None:
                return None
            idx.append(found)
            j = found
        if entry.notnext and j + 1 < len(tokens) and lower[j + 1] in entry.notnext:
            return None
        if entry.prev and (i == 0 or lower[i - 1] not in entry.prev):
            return None
        if entry.notprev and i > 0 and lower[i - 1] in entry.notprev:
            return None
        if entry.requires and not _has_root(lower, entry.requires):
            return None
        if entry.unless and _has_root(lower, entry.unless):
            return None
        first = tokens[idx[0]]
        last = tokens[idx[-1]]
        return Match(entry, idx, first[0], last[1])
