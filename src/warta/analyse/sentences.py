"""Sentence boundaries for Indonesian news, as character offsets into the original text.

A sentence ends at a line break, or at ``.``, ``!``, ``?`` or ``…`` (with any closing quote or
bracket) followed by space and a capital letter, a digit or an opening quote, unless the
word before the stop is an abbreviation (``Jl.``, ``Dr.``, ``dll.``), an initial (``A.``) or
a number's decimal point (``6.366``).

Scraped text often loses the space after a full stop (``kata Yuyuk.Sebelumnya``): a stop
glued to a capitalised word (a capital then a lower-case letter) also ends a sentence, when
the word before it has two letters or more and is no abbreviation, and the run of text
around it is no URL, e-mail address or domain (``Liputan6.com``, ``humas@Polri.go.id``,
``www.Tempo.Co``).
"""
from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """dll dsb dkk tsb dst jl no dr drs prof ir h hj st sdr bpk yth tn ny kol brigjen mayjen letjen
    jend kapt kompol kombes irjen komjen laksma laksda marsda marsma mr mrs ms vs an up sh msi rp
    us inc co ltd corp sen rep gen lt col jan feb mar apr jun jul agu agt ags sep sept okt nov
    des dec oct aug bp pt tbk kh ust dra ssi se mm mba phd ph.d u.s a.s km kg vol hal no.
    moh muh mhd muhd
    """.split()
)

#: the longest stretch analysed as one sentence. The event coder's cost grows with the square of
#: a sentence's length (500 characters: 6 ms, 4,000: 215 ms), so a line with no full stop
#: (a 100 kB scraped blob) is cut into pieces of at most this many characters, at a clause
#: boundary (``;``, ``,``, then a space) in the last half of the piece. The annotated dev
#: articles' longest sentence is 411 characters: real sentences are not cut.
MAX_SENTENCE_CHARS = 600

_STOP = re.compile(r"[.!?…]+[\"'”’)\]]*")
_NEXT = re.compile(r"\s+[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ]")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
# A stop glued to the next word: ``Yuyuk.Sebelumnya`` (capital, then a lower-case letter).
_GLUED_NEXT = re.compile(r"[\"'“‘(\[]?[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]")
# Runs of text (between spaces) that are addresses, not sentences: URLs, e-mail, domains.
_ADDRESS = re.compile(r"@|://|^www\.|\.(?:com|co|id|org|net|go|ac|or|gov|edu|info|io)(?:\.|/|$)", re.I)


def _is_abbreviation(text: str, stop_start: int, line_start: int) -> bool:
    m = _WORD_BEFORE.search(text, max(line_start, stop_start - 20), stop_start)
    if not m:
        return False
    word = m.group(1)
    low = word.lower().rstrip(".")
    if low in ABBREVIATIONS:
        return True
    # single capital initial: "A. Yani", "J. Biden"
    if len(word) == 1 and word.isupper():
        return True
    # dotted acronym in progress: "U.S."
    if "." in word and all(len(p) <= 2 for p in word.split(".") if p):
        return True
    return False


def _glued_break(text: str, stop: re.Match, line_start: int, line_end: int) -> bool:
    """A stop with no space after it that still ends a sentence (see the module docstring)."""
    if not _GLUED_NEXT.match(text, stop.end(), line_end):
        return False
    before = _WORD_BEFORE.search(text, max(line_start, stop.start() - 20), stop.start())
    if not before or sum(c.isalpha() for c in before.group(1)) < 2:
        return False
    if stop.group(0)[0] == "." and _is_abbreviation(text, stop.start(), line_start):
        return False
    run_start = stop.start()
    while run_start > line_start and not text[run_start - 1].isspace():
        run_start -= 1
    run_end = stop.end()
    while run_end < line_end and not text[run_end].isspace():
        run_end += 1
    return not _ADDRESS.search(text[run_start:run_end].rstrip(".,;:!?)\"'”’"))


def split_range(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` as (start, end) offsets, stripped of surrounding space."""
    out: list[tuple[int, int]] = []
    pos = start
    line_start = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        s = pos
        for m in _STOP.finditer(text, pos, line_end):
            stop_end = m.end()
            if m.group(0)[0] == "." and m.end() - m.start() == 1:
                # decimal point or thousands separator: digit on both sides
                if m.start() > 0 and text[m.start() - 1].isdigit() and stop_end < len(text) and text[stop_end].isdigit():
                    continue
            nxt = _NEXT.match(text, stop_end, line_end)
            if not nxt:
                if _glued_break(text, m, line_start, line_end):
                    out.append((s, stop_end))
                    s = stop_end
                continue
            if m.group(0)[0] == "." and _is_abbreviation(text, m.start(), line_start):
                continue
            out.append((s, stop_end))
            s = stop_end
        out.append((s, line_end))
        pos = line_end + 1
        line_start = pos
    result = []
    for s0, e0 in out:
        for s, e in _bounded(text, s0, e0):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                result.append((s, e))
    return result


def _bounded(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """``text[s:e]`` in pieces of at most :data:`MAX_SENTENCE_CHARS`, cut at clause boundaries."""
    pieces = []
    while e - s > MAX_SENTENCE_CHARS:
        lo, hi = s + MAX_SENTENCE_CHARS // 2, s + MAX_SENTENCE_CHARS
        cut = -1
        for sep in ("; ", ", ", " "):
            i = text.rfind(sep, lo, hi)
            if i >= 0:
                cut = i + len(sep) - 1  # the separator stays with the piece before, the space starts the next
                break
        if cut <= s:
            cut = hi
        pieces.append((s, cut))
        s = cut
    pieces.append((s, e))
    return pieces


def split_sentences(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences of every content range, in order."""
    out: list[tuple[int, int]] = []
    for s, e in ranges:
        out.extend(split_range(text, s, e))
    return out
