"""Indonesian affix stripping: reduce a word form to candidate (root, prefix, suffix) analyses.

The analyser over-generates on purpose: it returns every segmentation that the productive
affix rules allow (meN-/peN- with nasal assimilation, di-, ter-, ber-, ke-, se-, per-,
memper-/diper-, the suffixes -kan, -i, -an, the clitics -nya/-lah/-kah, and full
reduplication).  The trigger lexicon then decides which candidate root is a real lemma,
so a spurious segmentation costs nothing unless it collides with a lexicon root.

Prefix labels: ``meN`` ``peN`` ``di`` ``ter`` ``ber`` ``ke`` ``se`` ``per`` ``pasca``; a chain
is joined with ``+`` (``meN+per`` for *memperkuat*).  Suffix labels: ``kan`` ``i`` ``an`` or "".

>>> ("kunjung", "meN", "i") in analyse("mengunjungi")
True
>>> ("tewas", "meN", "kan") in analyse("menewaskan")
True
"""
from __future__ import annotations

import re
from functools import lru_cache

VOWELS = frozenset("aeiou")
Analysis = tuple[str, str, str]  # root, prefix chain, suffix

_CLITICS = ("nya", "lah", "kah")
_SUFFIXES = ("kan", "i", "an")
_MIN_ROOT = 2


def _nasal(rest: str, label: str, out: list[tuple[str, str]]) -> None:
    """Undo meN-/peN- nasal assimilation.  ``rest`` is the word after ``me``/``pe``."""
    if rest.startswith("nge") and len(rest) > 5:          # mengebom, pengeboman: monosyllabic roots
        out.append((rest[3:], label))
    if rest.startswith("ng"):
        r = rest[2:]
        if r:
            if r[0] in VOWELS:
                out.append((r, label))                    # mengambil -> ambil
                out.append(("k" + r, label))              # mengunjungi -> kunjungi
            else:
                out.append((r, label))                    # menggulingkan -> gulingkan, menghadiri
    elif rest.startswith("ny"):
        r = rest[2:]
        if r and r[0] in VOWELS:
            out.append(("s" + r, label))                  # menyerang -> serang
            out.append(("ny" + r, label))
    elif rest.startswith("m"):
        r = rest[1:]
        if r:
            if r[0] in "bfvp":
                out.append((r, label))                    # membantah -> bantah, mempunyai
            elif r[0] in VOWELS:
                out.append(("p" + r, label))              # memasok -> pasok
                out.append(("m" + r, label))              # memakan? -> makan (me+makan)
    elif rest.startswith("n"):
        r = rest[1:]
        if r:
            if r[0] in "dcjzs":
                out.append((r, label))                    # mendesak -> desak
            elif r[0] in VOWELS:
                out.append(("t" + r, label))              # menembak -> tembak
                out.append(("n" + r, label))              # menanti -> nanti
    if rest and rest[0] in "lrwy":
        out.append((rest, label))                         # melawat -> lawat, merebut -> rebut
    if rest.startswith(("m", "n")) and len(rest) > 3:
        out.append((rest, label))                         # meminta -> minta, menikah -> nikah


def _strip_prefixes(w: str) -> list[tuple[str, str]]:
    """All (stem, prefix-label) pairs for one level of prefix removal."""
    out: list[tuple[str, str]] = []
    if len(w) < 4:
        return out
    if w.startswith("me"):
        _nasal(w[2:], "meN", out)
    if w.startswith("pe"):
        _nasal(w[2:], "peN", out)
        if w.startswith("per") and len(w) > 5:
            out.append((w[3:], "per"))                    # pertemuan -> temuan
        if len(w) > 4 and w[2] == "r":
            out.append((w[2:], "per"))                    # perundingan -> rundingan (per+runding)
        if w.startswith("pel") and len(w) > 5:
            out.append((w[3:], "per"))                    # pelajar
    if w.startswith("di") and len(w) > 4:
        out.append((w[2:], "di"))
    if w.startswith("ter") and len(w) > 5:
        out.append((w[3:], "ter"))
        if w[3] == "r":
            out.append((w[2:], "ter"))
    if w.startswith("be") and len(w) > 4:
        if w.startswith("ber"):
            out.append((w[3:], "ber"))
        if w[2] == "r":
            out.append((w[2:], "ber"))                    # berunding -> runding
        if w.startswith("bel"):
            out.append((w[3:], "ber"))                    # belajar -> ajar
        if w.startswith("beker"):
            out.append((w[2:], "ber"))                    # bekerja -> kerja
    if w.startswith("ke") and len(w) > 4:
        out.append((w[2:], "ke"))
    if w.startswith("se") and len(w) > 4:
        out.append((w[2:], "se"))
    if w.startswith("pasca") and len(w) > 7:
        out.append((w[5:], "pasca"))
    return out


def _suffix_forms(stem: str) -> list[tuple[str, str]]:
    out = [(stem, "")]
    for suf in _SUFFIXES:
        if stem.endswith(suf) and len(stem) - len(suf) >= _MIN_ROOT + 1:
            out.append((stem[: -len(suf)], suf))
    return out


def _dereduplicate(w: str) -> str:
    """serangan-serangan -> serangan; musuh-musuhnya -> musuhnya; tempat-tempat -> tempat."""
    if "-" not in w:
        return w
    parts = w.split("-")
    if len(parts) == 2:
        a, b = parts
        if a and b.startswith(a):
            return b
        if a and b and a.startswith(b):                    # sanksi-sanksi / bom-boman (rare)
            return a
        if a in ("pasca", "antar"):
            return b
    return w


@lru_cache(maxsize=200_000)
def analyse(word: str) -> tuple[Analysis, ...]:
    """Candidate analyses of a word form, most literal first.  Cached per word."""
    w = _dereduplicate(word.lower())
    bases = [w]
    for c in _CLITICS:
        if w.endswith(c) and len(w) - len(c) >= 3:
            bases.append(w[: -len(c)])
    seen: dict[Analysis, None] = {}
    for base in bases:
        for stem, suf in _suffix_forms(base):
            seen.setdefault((stem, "", suf), None)
        level1 = _strip_prefixes(base)
        for stem1, p1 in level1:
            for stem, suf in _suffix_forms(stem1):
                if len(stem) >= _MIN_ROOT:
                    seen.setdefault((stem, p1, suf), None)
            # second prefix layer: memper-, diper-, keber-, diber- ...
            for stem2, p2 in _strip_prefixes(stem1):
                if p2 in ("per", "ber", "ter", "peN") or (p1 == "ke" and p2 == "ber"):
                    for stem, suf in _suffix_forms(stem2):
                        if len(stem) >= _MIN_ROOT:
                            seen.setdefault((stem, f"{p1}+{p2}", suf), None)
    return tuple(seen)


@lru_cache(maxsize=200_000)
def roots(word: str) -> frozenset[str]:
    """The set of candidate roots of a word form (the root part of every analysis)."""
    return frozenset(a[0] for a in analyse(word))


_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Word tokens of ``text[start:end]`` as (start, end, surface) with article offsets."""
    end = len(text) if end is None else end
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]


def voice(prefix: str, suffix: str) -> str:
    """Rough grammatical voice/category of an analysed form.

    ``passive`` (di-, ter- with a transitive suffix), ``nominal`` (peN-an, per-an, ke-an, -an,
    peN- agent nouns), ``active`` (meN-, ber-, memper-) or ``bare``.
    """
    p = prefix.split("+")[0] if prefix else ""
    if p == "di":
        return "passive"
    if p == "ter":
        return "passive" if suffix in ("kan", "i") or "+" not in prefix else "active"
    if p in ("peN", "per", "ke", "pasca") or (not p and suffix == "an"):
        return "nominal"
    if p in ("meN", "ber"):
        return "active"
    return "bare"
