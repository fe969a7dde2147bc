"""Indonesian temporal expressions in news text, resolved against the publication date.

Pure Python (no dateparser: it misreads Indonesian relative expressions); every regex is
compiled once at import, and a text with no date word is rejected by one fast pre-check.

Resolution rules (the decisions the brief left open)
----------------------------------------------------
* Bare weekday (``pada Senin``, ``hari Selasa``, ``Jumat dini hari``): with ``tense`` past or
  None the latest such day on or before the anchor (the anchor day itself included); with
  ``tense == "future"`` the first such day after the anchor.  ``Selasa kemarin`` /
  ``Selasa lalu``: strictly before; ``Selasa depan`` / ``mendatang`` / ``besok``: strictly after;
  ``Selasa pekan lalu`` / ``pekan depan``: that weekday in the previous / next Monday-Sunday
  week.  ``tense="auto"`` looks for a future marker (akan, bakal, dijadwalkan, ...) in the
  same clause before the expression.
* Weekday with an explicit date (``Selasa (12/7/2022)``, ``Minggu 20 Juni``): the date wins.
  Year-less dates take the year that puts them nearest the anchor in the tense's direction
  (past/None: the latest on or before the anchor, since a report of the past is never dated
  after its article; future: on or after anchor - 2 days).  If the
  written weekday contradicts the written date and the weekday-only reading falls on the same
  day of the month (``Selasa sore (27/7)`` in an article of 29 June: a typo for 27/6), the
  weekday reading wins.
* Weeks: ``pekan lalu`` / ``minggu lalu`` resolve to the *month* of the day seven days before
  the anchor (granularity "month"; ISO dates have no week), ``pekan depan`` the month of
  anchor + 7, ``pekan ini`` the anchor month, ``N pekan lalu`` the month of anchor - 7N.
* Bare months (``pada Juli``): past/None: the latest such month on or before the anchor
  month; future: the next such month after it.  ``Juli lalu``: the latest July strictly
  before the anchor month; ``Juli mendatang``/``depan``: the first one strictly after.
  A month name is only taken when a cue makes it a date (a year, a day, ``lalu``/``depan``/
  ``tahun ini``..., or a preceding ``pada``/``bulan``/``sejak``/``awal``/``akhir``/...), so
  ``Mei`` and ``Juni`` as personal names are left alone.
* ``awal``/``akhir``/``pertengahan`` keep the granularity of what they modify
  (``awal tahun lalu`` -> previous year, ``akhir bulan lalu`` -> previous month).
* Coarse anchors (``anchor_granularity`` "month" or "year"): an expression whose resolution
  needs a finer anchor than given degrades to the anchor's own precision, e.g. ``pada Senin``
  on a "2023-03" anchor -> "2023-03" (month), on a "2022" anchor -> "2022" (year);
  ``bulan lalu`` on a year anchor -> that year.  Month names with ``lalu`` on a year anchor
  stay in the anchor year (journalists write ``Juli tahun lalu`` for the previous year).
* No anchor: only expressions that carry their own year resolve; the rest get value None.
* Durations and expressions anchored on another event (``lebih dari dua tahun``,
  ``dalam waktu dua bulan``, ``dua hari setelah``, ``sejak kudeta``, ``kini``, ``saat ini``,
  ``sedang berlangsung``) are kind "vague" with value None.  ``tadi`` / ``tadi pagi`` /
  ``hari ini`` / ``malam ini`` are the anchor day; ``semalam`` / ``tadi malam`` the day before.
* ``role``: "since" for an expression inside a ``sejak``/``semenjak``/``sedari`` phrase
  (``sejak kudeta pada 2021``) and "until" inside ``hingga``/``sampai``/``sampe``/``selambatnya``;
  ``role_start`` is the offset of that marker word.

``pick_event_time`` rule
------------------------
Expressions with a "since"/"until" role date the start or end of a span, not an event that
happens in the clause: they are ignored unless the trigger itself lies inside that phrase
(between the marker and the expression's end, e.g. the trigger ``kudeta``/``merebut`` in
``sejak Min Aung Hlaing merebut kekuasaan dalam kudeta tahun 2021``).  Among the remaining
ones a resolvable expression is preferred (with no trigger: the most precise, then the
earliest); ties are broken by distance to the trigger,
counting every clause boundary (``, ; : —`` or a subordinating word) between them as 40
characters and a sentence boundary as 1000 (only when ``text`` is given).  With no resolvable
candidate, the nearest vague one in the same sentence is returned (so the caller can report
``date_text`` with a null date).
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

from warta.analyse.figures import NUMWORD_RE_SRC, parse_number

__all__ = ["TimeExpr", "find_times", "resolve_published", "pick_event_time"]


@dataclass
class TimeExpr:
    start: int
    end: int
    text: str
    value: str | None
    granularity: str | None
    kind: str                        # absolute | relative | weekday | vague
    resolved_from: str | None        # "published" | "text" | None
    role: str | None = None          # "since" | "until" | None
    role_start: int | None = None    # offset of the sejak/hingga marker


# --------------------------------------------------------------------------- lexicon
_MONTHS = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "febuari": 2, "february": 2, "feb": 2, "peb": 2,
    "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "agus": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}
_ABBR = {"jan", "feb", "peb", "mar", "apr", "jun", "jul", "agu", "agt", "ags", "aug", "agus",
         "sep", "sept", "okt", "oct", "nov", "nop", "des", "dec"}
# English "may"/"march" are ordinary words in English quotes; accepted only with a day or year
_WEAK_FULL = {"may", "march"}
_MON_FULL_ALT = "|".join(sorted((k for k in _MONTHS if k not in _ABBR), key=len, reverse=True))
_MON_ABBR_ALT = "|".join(sorted(_ABBR, key=len, reverse=True))
# a month name: full (capitalised or all caps) or abbreviation with optional dot
_MON = rf"(?P<{{n}}>(?i:{_MON_FULL_ALT})|(?i:{_MON_ABBR_ALT})\.?)"

_WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4,
             "jum’at": 4, "sabtu": 5, "minggu": 6, "ahad": 6}
_WD_ALT = r"senin|selasa|rabu|kamis|jum['’]?at|sabtu|minggu|ahad"

_NUMW = NUMWORD_RE_SRC
_N = rf"(?:\d{{1,3}}|{_NUMW}|se|beberapa)"

_TOD = r"(?:pagi|siang|sore|petang|malam|dini\s+hari|subuh|tengah\s+malam|pagi\s+hari|malam\s+hari|siang\s+hari|sore\s+hari)"
_PREP = r"(?:(?:pada|sepanjang|selama|per|di)\s+)?"

# ---- weekday expression
_RE_WEEKDAY = re.compile(
    rf"\b(?P<pre>(?i:pada\s+|di\s+)?(?i:hari\s+)?)"
    rf"(?P<wd>(?i:{_WD_ALT}))\b"
    rf"(?:\s+(?P<tod>(?i:{_TOD})))?"
    rf"(?:\s+(?P<rel>(?i:kemarin|lalu|yang\s+lalu|depan|mendatang|besok|ini|nanti|"
    rf"(?:pekan|minggu)\s+(?:lalu|depan|ini|mendatang))))?(?!\w)"
    rf"(?:\s*,?\s*\(\s*(?P<d>\d{{1,2}})\s*[/.-]\s*(?P<m>\d{{1,2}})(?:\s*[/.-]\s*(?P<y>\d{{4}}|\d{{2}}))?\s*\))?"
    rf"(?:\s*,?\s+(?:(?i:tanggal|tgl\.?)\s+)?(?P<d2>\d{{1,2}})\s+{_MON.format(n='mon2')}"
    rf"(?:\s+(?P<y2>\d{{4}}))?(?!\w))?"
    rf"(?:\s+(?P<tod2>(?i:{_TOD}))(?!\w))?")

# ---- day month [year]
_RE_DAYMONTH = re.compile(
    rf"\b(?P<pre>(?i:(?:pada|per|sejak|hingga|sampai|tanggal|tgl\.?)\s+)*)"
    rf"(?<![\d.,/])(?P<d>\d{{1,2}})(?:\s*(?:-|–|hingga|sampai|s/d|dan)\s*(?P<dto>\d{{1,2}}))?\s+"
    rf"{_MON.format(n='mon')}(?!\w)"
    rf"(?:\s*,?\s*(?P<y>\d{{4}})(?!\d)|\s+(?P<rel>(?i:tahun\s+(?:ini|lalu|depan|kemarin)|lalu|silam)))?")
_RE_MONTHDAY_EN = re.compile(
    rf"\b(?P<mon>[A-Z][A-Za-z]{{2,8}}\.?)\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:,\s*|\s+)(?P<y>\d{{4}})(?!\d)")
# ---- numeric dates
_RE_NUMDATE = re.compile(
    r"(?P<paren>\()?\s*(?<![\d/.-])(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})"
    r"(?:\s*(?P=sep)\s*(?P<y>\d{4}|\d{2}))?(?![\d/])\s*(?P<close>\))?")
_RE_ISO = re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?(?![\d-])")

# ---- month [year | relative]
_RE_MONTH = re.compile(
    rf"\b(?P<pre>(?i:(?:pada|sepanjang|selama|per|di)\s+)?)"
    rf"(?:(?P<pos>(?i:awal|akhir|pertengahan|medio|penghujung|ujung))\s+)?"
    rf"(?P<bulan>(?i:bulan|bln\.?)\s+)?"
    rf"{_MON.format(n='mon')}(?!\w)"
    rf"(?:\s*,?\s*(?P<y>(?:19|20)\d{{2}}|'\d{{2}})(?![\d%])"
    rf"|\s+(?P<rel>(?i:tahun\s+(?:ini|lalu|depan|kemarin|sebelumnya|mendatang)|yang\s+lalu|lalu|kemarin|"
    rf"silam|depan|mendatang|nanti|ini|mendatang)))?(?!\w)")

# ---- year
_RE_YEAR = re.compile(
    rf"\b(?P<pre>(?i:(?:pada|sepanjang|selama|per|di)\s+)?)"
    rf"(?:(?P<pos>(?i:awal|akhir|pertengahan|medio|penghujung))\s+)?"
    rf"(?P<tahun>(?i:tahun|thn\.?|th\.?)\s+)?"
    r"(?<![\d.,/$-])(?P<y>(?:1[89]|20)\d{2})(?![\d.,]\d|\w|%)"
    r"(?:\s*(?:-|–|hingga|sampai|sampe|s/d)\s*(?P<y2>(?:1[89]|20)\d{2})(?![\d.,]\d|\w|%))?")
_YEAR_CUE_BEFORE = re.compile(
    r"(?i:\b(?:sejak|semenjak|sedari|hingga|sampai|sampe|dari|mulai|antara|pada|per|sebelum|"
    r"setelah|sesudah|pasca|usai|jelang|menjelang|periode|era|untuk|tahun|dan|atau|di|"
    r"kudeta|pemilu|pilpres|pemilihan|invasi|perang|sensus|anggaran|in|since|by)\s*$)")
_YEAR_BAD_AFTER = re.compile(
    r"\s*(?i:orang|jiwa|warga|kali|unit|buah|ekor|personel|tentara|pasukan|anggota|rumah|"
    r"km|kilometer|meter|ton|kg|dolar|dollar|rupiah|euro|yuan|rubel|juta|ribu|miliar|triliun|"
    r"hektare|hektar|ha|mw|barel|kasus|korban|suara|peserta|%|persen)\b")

# ---- relative day words
_RE_RELDAY = re.compile(
    r"\b(?P<pre>(?i:(?:pada|sejak|hingga|sampai)\s+)?)"
    r"(?P<w>(?i:kemarin\s+lusa|kemarin(?:\s+(?:pagi|siang|sore|malam))?|"
    r"hari\s+ini|pagi\s+ini|siang\s+ini|sore\s+ini|malam\s+ini|"
    r"besok(?:\s+(?:lusa|pagi|siang|sore|malam))?|esok(?:\s+hari)?|lusa|"
    r"tadi\s+malam|semalam|tadi(?:\s+(?:pagi|siang|sore))?))(?!\w)")
# ---- unit + relative ("bulan lalu", "awal tahun lalu", "pekan depan")
_RE_UNITREL = re.compile(
    rf"\b{_PREP}"
    rf"(?:(?P<pos>(?i:awal|akhir|pertengahan|medio|penghujung))\s+)?"
    rf"(?P<unit>(?i:pekan|minggu|bulan|tahun|abad|dekade|dasawarsa))\s+"
    rf"(?P<rel>(?i:lalu|yang\s+lalu|kemarin|silam|depan|mendatang|ini|berikutnya|sebelumnya|"
    rf"ke\s+depan|terakhir))(?!\w)")
# ---- number + unit + relative ("tiga hari lalu", "dua tahun silam", "lebih dari dua tahun")
_RE_NUMREL = re.compile(
    rf"\b(?P<pre>(?i:(?:pada|sejak|dalam|selama|sekitar|kurang\s+dari|lebih\s+dari|hampir|"
    rf"sudah|telah|waktu|kira-kira|lebih|setidaknya|sedikitnya)\s+)*)"
    rf"(?P<n>(?i:{_N}))\s*(?P<unit>(?i:hari|pekan|minggu|bulan|tahun|dekade|dasawarsa|abad|jam))"
    rf"(?:\s+(?P<rel>(?i:yang\s+lalu|lalu|silam|lagi|kemudian|sebelumnya|setelahnya|setelah|"
    rf"sesudahnya|sesudah|sebelum|terakhir|belakangan|mendatang|ke\s+depan|berikutnya)))?(?!\w)")
# ---- vague expressions (value None)
_RE_VAGUE = re.compile(
    r"(?<!\w)(?P<w>(?i:kini|saat\s+ini|sekarang|dewasa\s+ini|baru-baru\s+ini|belakangan\s+ini|"
    r"akhir-akhir\s+ini|sedang\s+berlangsung|masih\s+berlangsung|tengah\s+berlangsung|"
    r"dalam\s+waktu\s+dekat|dalam\s+waktu\s+singkat|telah\s+lama|sudah\s+lama|selama\s+ini|"
    r"sejauh\s+ini|sebelumnya|beberapa\s+waktu\s+(?:lalu|terakhir)|saat\s+itu|waktu\s+itu|"
    r"ketika\s+itu|kala\s+itu|pada\s+saat\s+itu|keesokan\s+harinya|hari\s+berikutnya|"
    r"(?:sejak|semenjak|setelah|sesudah|sebelum|pasca|usai|menjelang|jelang|selama|sepanjang)\s+"
    r"(?:(?:terjadinya|berlangsungnya|dimulainya|pecahnya|meletusnya)\s+)?"
    r"(?:kudeta|perang|invasi|pemilu|pemilihan\s+umum|pemilihan|pandemi|reformasi|kemerdekaan|"
    r"revolusi|gencatan\s+senjata|serangan|insiden|konflik|krisis|gempa|tsunami|KTT|pertemuan|"
    r"kunjungan|lawatan|pelantikan|referendum)|"
    r"pasca(?:kudeta|perang|invasi|pemilu|pandemi|reformasi|kemerdekaan|serangan|gempa|konflik)))"
    r"(?!\w)")

_SINCE = re.compile(r"(?i:\b(sejak|semenjak|sedari|mulai|hingga|sampai|sampe|selambat-lambatnya|"
                    r"selambatnya|paling\s+lambat)\b)")
_CLAUSE_BREAK = re.compile(r"[,;:.!?—–()\"“”]|\s-\s|(?i:\b(?:ketika|saat|namun|tetapi|"
                           r"sementara|karena|sehingga|setelah|sebelum|dan)\b)")
_FUTURE = re.compile(r"(?i:\b(?:akan|bakal|hendak|dijadwalkan|direncanakan|berencana|"
                     r"rencananya|terjadwal|mendatang|nanti)\b)")

# fast pre-check on the lower-cased word set: any digit, month or weekday name, or a word
# that can start or end a relative/vague time expression
_DIGIT = re.compile(r"\d")
_WD_WORDS = frozenset({"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "jum’at", "sabtu",
                       "minggu", "ahad"})
_MON_WORDS = frozenset(_MONTHS)
_UNIT_WORDS = frozenset({"hari", "pekan", "minggu", "bulan", "tahun", "dekade", "dasawarsa",
                         "abad", "jam"})
_REL_WORDS = frozenset({"kemarin", "besok", "esok", "lusa", "tadi", "semalam", "ini"})
_VAGUE_WORDS = frozenset({"baru-baru", "akhir-akhir", "kini", "saat", "sekarang", "dewasa", "baru", "belakangan", "akhir",
                          "berlangsung", "dekat", "lama", "selama", "sejauh", "sebelumnya",
                          "waktu", "ketika", "kala", "keesokan", "berikutnya", "sejak",
                          "semenjak", "setelah", "sesudah", "sebelum", "usai", "menjelang",
                          "jelang", "sepanjang"})
_ANY_WORDS = _WD_WORDS | _MON_WORDS | _UNIT_WORDS | _REL_WORDS | _VAGUE_WORDS | {
    "lalu", "silam", "depan", "mendatang"}


_PUNCT = "\"'“”‘’()[]{}<>.,;:!?«»-–—/\\|*_#@&%$+=~`^"


def _word_set(low: str) -> frozenset:
    return frozenset(w.strip(_PUNCT) for w in low.split())


def _windows(low: str, keys, before: int = 60, after: int = 90) -> list[tuple[int, int]]:
    """Merged text windows around every occurrence of the given lower-case keywords."""
    spans = []
    n = len(low)
    for k in keys:
        i = low.find(k)
        while i >= 0:
            spans.append((max(0, i - before), min(n, i + len(k) + after)))
            i = low.find(k, i + 1)
    if not spans:
        return []
    spans.sort()
    merged = [list(spans[0])]
    for a, b in spans[1:]:
        if a <= merged[-1][1]:
            if b > merged[-1][1]:
                merged[-1][1] = b
        else:
            merged.append([a, b])
    out = []
    for a, b in merged:
        # extend to whitespace so that look-aheads at the window end see a real boundary
        while b < n and not low[b].isspace():
            b += 1
        while a > 0 and not low[a - 1].isspace():
            a -= 1
        out.append((a, b))
    return out


def _wfinditer(rx: re.Pattern, text: str, wins: list[tuple[int, int]] | None):
    if wins is None:
        yield from rx.finditer(text)
        return
    last_end = -1
    for a, b in wins:
        for m in rx.finditer(text, a, b):
            if m.start() >= last_end:
                last_end = m.end()
                yield m


# --------------------------------------------------------------------------- date helpers
def _iso(d: _dt.date, gran: str) -> str:
    if gran == "day":
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def _valid_year(y: int) -> bool:
    return 1800 <= y <= 2199


def _safe_date(y: int, m: int, d: int) -> _dt.date | None:
    if not (_valid_year(y) and 1 <= m <= 12):
        return None
    if not 1 <= d <= calendar.monthrange(y, m)[1]:
        return None
    return _dt.date(y, m, d)


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def _add_days(d: _dt.date, k: int) -> _dt.date | None:
    try:
        return d + _dt.timedelta(days=k)
    except OverflowError:
        return None


_GRAN_RANK = {"day": 0, "week": 0, "month": 1, "year": 2}


def _degrade(anchor: _dt.date, need: str, agran: str, value_date: _dt.date | None,
             gran: str) -> tuple[str | None, str | None]:
    """Format a resolved date, degrading to the anchor's precision when it is coarser
    than what the resolution needed."""
    if value_date is None:
        return None, None
    if _GRAN_RANK.get(agran, 0) > _GRAN_RANK[need]:
        # the computation needed a finer anchor: fall back to the anchor's precision,
        # or coarser still when the result itself was coarser
        g = agran if _GRAN_RANK[agran] >= _GRAN_RANK[gran] else gran
        return _iso(anchor, g), g
    if not _valid_year(value_date.year):
        return None, None
    return _iso(value_date, gran), gran


def _year2(y: str) -> int:
    v = int(y.lstrip("'"))
    if len(y.lstrip("'")) == 2:
        v += 2000 if v < 70 else 1900
    return v


def _month_of(name: str) -> int | None:
    return _MONTHS.get(name.lower().rstrip("."))


def _nearest_year_for(anchor: _dt.date, m: int, d: int, direction: str) -> _dt.date | None:
    """Year-less day/month: the occurrence nearest the anchor in the given direction."""
    cands = [x for x in (_safe_date(anchor.year + k, m, d) for k in (-1, 0, 1)) if x]
    if not cands:
        return None
    if direction == "future":
        ok = [c for c in cands if c >= anchor - _dt.timedelta(days=2)]
        return min(ok) if ok else None
    ok = [c for c in cands if c <= anchor]  # a report of the past: never after its publication
    return max(ok) if ok else None


def _weekday_date(anchor: _dt.date, wd: int, mode: str) -> _dt.date:
    """mode: 'onbefore' | 'before' | 'after' | 'onafter' | 'thisweek' | 'lastweek' | 'nextweek'"""
    delta = (anchor.weekday() - wd) % 7
    if mode == "onbefore":
        return anchor - _dt.timedelta(days=delta)
    if mode == "before":
        return anchor - _dt.timedelta(days=delta or 7)
    fwd = (wd - anchor.weekday()) % 7
    if mode == "after":
        return anchor + _dt.timedelta(days=fwd or 7)
    if mode == "onafter":
        return anchor + _dt.timedelta(days=fwd)
    monday = anchor - _dt.timedelta(days=anchor.weekday())
    if mode == "lastweek":
        monday -= _dt.timedelta(days=7)
    elif mode == "nextweek":
        monday += _dt.timedelta(days=7)
    return monday + _dt.timedelta(days=wd)


# --------------------------------------------------------------------------- matching
class _Cand:
    __slots__ = ("start", "end", "value", "gran", "kind", "src", "prio")

    def __init__(self, start, end, value, gran, kind, src, prio):
        self.start, self.end, self.value, self.gran = start, end, value, gran
        self.kind, self.src, self.prio = kind, src, prio


def _tense_at(text: str, pos: int, tense: str | None) -> str | None:
    if tense != "auto":
        return tense
    lo = max(0, pos - 120)
    seg = text[lo:pos]
    cut = max((m.end() for m in re.finditer(r"[.;!?\n]", seg)), default=0)
    return "future" if _FUTURE.search(seg[cut:]) else "past"


def _resolve_weekday(m, text, anchor, agran, tense):
    wd_word = m.group("wd")
    wd = _WEEKDAYS.get(wd_word.lower().replace("’", "'"))
    if wd is None:
        wd = 4 if wd_word.lower().startswith("jum") else None
    if wd is None:
        return None
    pre = m.group("pre") or ""
    rel = (m.group("rel") or "").lower()
    has_date = m.group("d") is not None or m.group("d2") is not None
    # "minggu" = week unless it is clearly the day: capitalised, "hari minggu", or a date
    if wd_word.lower() == "minggu":
        if not has_date:
            if rel and rel.split()[0] in ("lalu", "yang", "depan", "mendatang", "ini", "kemarin",
                                          "nanti"):
                return None
            if wd_word[0] != "M" and "hari" not in pre.lower():
                return None
            before = text[max(0, m.start() - 30):m.start()]
            if re.search(r"(?i:\b(?:\d+|" + NUMWORD_RE_SRC + r"|beberapa|selama|dalam|setiap|"
                         r"tiap|per|akhir|awal|pertengahan|sepekan|se)\s*)$", before):
                return None
            if re.match(r"\s*(?i:ke-?\s*\d|ke\w*|pertama|terakhir|depan|ini|kemarin)\b",
                        text[m.end("wd"):m.end("wd") + 15]):
                return None
    t = _tense_at(text, m.start(), tense)
    direction = "future" if t == "future" else "past"
    # explicit date
    explicit = None
    year_given = False
    if m.group("d") is not None:
        d, mo = int(m.group("d")), int(m.group("m"))
        y = m.group("y")
        if y:
            year_given = True
            explicit = _safe_date(_year2(y), mo, d)
        elif anchor is not None and agran != "year":
            explicit = _nearest_year_for(anchor, mo, d, direction)
        if explicit is None and not year_given and anchor is None:
            return ("weekday", None, None, None)
    elif m.group("d2") is not None:
        d, mo = int(m.group("d2")), _month_of(m.group("mon2"))
        if mo is None:
            return None
        if m.group("y2"):
            year_given = True
            explicit = _safe_date(int(m.group("y2")), mo, d)
        elif anchor is not None and agran != "year":
            explicit = _nearest_year_for(anchor, mo, d, direction)
    if rel.startswith(("kemarin", "lalu", "yang")):
        mode = "before"
    elif rel.startswith(("depan", "mendatang", "besok", "nanti")):
        mode = "after"
    elif rel == "ini":
        mode = "thisweek"
    elif rel.startswith(("pekan", "minggu")):
        mode = {"lalu": "lastweek", "depan": "nextweek", "mendatang": "nextweek"}.get(
            rel.split()[-1], "thisweek")
    else:
        mode = "after" if direction == "future" else "onbefore"
    if explicit is not None:
        if explicit.weekday() != wd and anchor is not None and agran == "day":
            alt = _weekday_date(anchor, wd, mode)
            # a month typo: same day of month, adjacent month, within a week of the anchor
            mdiff = (alt.month - explicit.month) % 12
            if (alt.day == explicit.day and mdiff in (1, 11)
                    and (not year_given or abs(alt.year - explicit.year) <= 1)
                    and abs((alt - anchor).days) <= 7):
                return ("weekday", _iso(alt, "day"), "day", "published")
        return ("weekday", _iso(explicit, "day"), "day", "text" if year_given else "published")
    if has_date and year_given:
        return ("weekday", None, None, None)   # impossible date such as 31/2/2021
    if anchor is None:
        return ("weekday", None, None, None)
    date = _weekday_date(anchor, wd, mode)
    v, g = _degrade(anchor, "day", agran, date, "day")
    return ("weekday", v, g, "published" if v else None)


def _month_rel_date(anchor, mo, rel, direction, agran):
    """Resolve a bare month name (with optional relative word) to (year, month)."""
    rel = rel.lower() if rel else ""
    ay, am = anchor.year, anchor.month
    if rel.startswith("tahun"):
        w = rel.split()[-1]
        k = {"ini": 0, "lalu": -1, "kemarin": -1, "depan": 1, "mendatang": 1}.get(w)
        if k is None:
            return None
        return ay + k, mo
    if agran == "year":
        # month unknown: "Juli lalu" stays in the anchor year (journalists say "Juli tahun
        # lalu" for the previous year); "Juli depan" likewise
        return ay, mo
    if rel in ("lalu", "yang lalu", "kemarin", "silam"):
        return (ay, mo) if mo < am else (ay - 1, mo)
    if rel in ("depan", "mendatang", "nanti"):
        return (ay, mo) if mo > am else (ay + 1, mo)
    if rel == "ini":
        return ay, mo
    if direction == "future":
        return (ay, mo) if mo >= am else (ay + 1, mo)
    return (ay, mo) if mo <= am else (ay - 1, mo)


_MONTH_CUE_BEFORE = re.compile(
    r"(?i:\b(?:pada|sejak|semenjak|sedari|hingga|sampai|sampe|awal|akhir|pertengahan|medio|"
    r"bulan|selama|sepanjang|per|dari|mulai|jelang|menjelang|sebelum|setelah|sesudah|usai|"
    r"pasca|antara|periode|di|dan|atau|in|since|by|until)\s*$)")


def _collect(text: str, anchor: _dt.date | None, agran: str, tense: str | None,
             words: frozenset = frozenset(), digits: bool = True) -> list[_Cand]:
    out: list[_Cand] = []
    low = text.lower()
    exact = len(low) == len(text)       # lower() kept offsets: windows can be used
    wd_k = words & _WD_WORDS
    mon_k = words & _MON_WORDS
    unit_k = words & _UNIT_WORDS
    rel_k = words & _REL_WORDS
    vague_k = words & _VAGUE_WORDS
    if "pasca" in low:
        vague_k = vague_k | {"pasca"}
    has_wd, has_mon, has_unit, has_rel, has_vague = (
        bool(wd_k), bool(mon_k), bool(unit_k), bool(rel_k), bool(vague_k))

    def W(keys):
        return _windows(low, keys) if exact else None

    if has_wd and exact and "jum" in wd_k:
        wd_k = wd_k | {"jum"}
    w_wd = W(wd_k | ({"jum"} if any(k.startswith("jum") for k in wd_k) else set())) if has_wd else []
    w_mon = W(mon_k) if has_mon else []
    w_dig = None
    if digits and exact:
        w_dig = _windows(low, [str(i) for i in range(10)], 50, 60)
    w_unit = W(unit_k) if has_unit else []
    w_rel = W(rel_k) if has_rel else []
    w_vague = W(vague_k) if has_vague else []
    add = out.append
    has_anchor = anchor is not None

    def _pre_trim(m, grp="pre"):
        """Span start: include a leading pada/per/sepanjang but not sejak/hingga."""
        s = m.start()
        pre = m.group(grp) if grp in m.re.groupindex else None
        if pre:
            low = pre.lower()
            if low.startswith(("sejak", "hingga", "sampai", "sampe", "semenjak", "di ")):
                s = m.start(grp) + len(pre)
                # keep later words of the prefix ("sejak tanggal")
                for w in ("pada ", "tanggal ", "tgl"):
                    i = low.find(w)
                    if i > 0:
                        s = m.start(grp) + i
                        break
        return s

    # weekdays
    for m in (_wfinditer(_RE_WEEKDAY, text, w_wd) if has_wd else ()):
        r = _resolve_weekday(m, text, anchor, agran, tense)
        if r is None:
            continue
        kind, v, g, src = r
        s = _pre_trim(m)
        if m.group("pre") and m.group("pre").lower().startswith("di "):
            s = m.start("pre") + 3
        add(_Cand(s, m.end(), v, g, kind, src, 5))

    # day month [year]
    for m in (_wfinditer(_RE_DAYMONTH, text, w_mon) if has_mon and digits else ()):
        mo = _month_of(m.group("mon"))
        d = int(m.group("d"))
        if mo is None:
            continue
        monw = m.group("mon")
        if monw[0].islower() and monw.lower() in _ABBR | _WEAK_FULL:
            continue
        if monw.lower() in _WEAK_FULL and not m.group("y"):
            continue
        y = m.group("y")
        rel = (m.group("rel") or "").lower()
        s = _pre_trim(m)
        if y:
            date = _safe_date(int(y), mo, d)
            if date is None:
                continue
            add(_Cand(s, m.end(), _iso(date, "day"), "day", "absolute", "text", 4))
            continue
        if not has_anchor:
            add(_Cand(s, m.end(), None, None, "absolute", None, 4))
            continue
        t = _tense_at(text, m.start(), tense)
        if rel.startswith("tahun") or rel in ("lalu", "silam"):
            k = {"ini": 0, "lalu": -1, "kemarin": -1, "depan": 1}.get(rel.split()[-1], 0)
            if rel in ("lalu", "silam"):
                date = _nearest_year_for(anchor, mo, d, "past") if agran != "year" else \
                    _safe_date(anchor.year, mo, d)
            else:
                date = _safe_date(anchor.year + k, mo, d)
        elif agran == "year":
            date = _safe_date(anchor.year, mo, d)
        else:
            date = _nearest_year_for(anchor, mo, d, "future" if t == "future" else "past")
        if date is None:
            continue
        add(_Cand(s, m.end(), _iso(date, "day"), "day", "absolute", "published", 4))

    for m in (_wfinditer(_RE_MONTHDAY_EN, text, w_mon) if has_mon and digits else ()):
        mo = _month_of(m.group("mon"))
        if mo is None or m.group("mon")[0].islower():
            continue
        date = _safe_date(int(m.group("y")), mo, int(m.group("d")))
        if date:
            add(_Cand(m.start(), m.end(), _iso(date, "day"), "day", "absolute", "text", 4))

    # numeric dates
    for m in (_wfinditer(_RE_NUMDATE, text, w_dig) if digits else ()):
        d, mo = int(m.group("d")), int(m.group("m"))
        y = m.group("y")
        paren = m.group("paren") and m.group("close")
        sep = m.group("sep")
        if y is None:
            if not paren or sep != "/":
                continue                       # "3/4" fraction, "1-2" range, "5.30" time
            s, e = m.start(), m.end()
            if not has_anchor or agran == "year":
                v = _iso(anchor, "year") if has_anchor and _safe_date(anchor.year, mo, d) else None
                add(_Cand(s, e, v, "year" if v else None, "absolute", "published" if v else None, 3))
                continue
            date = _nearest_year_for(anchor, mo, d,
                                     "future" if _tense_at(text, s, tense) == "future" else "past")
            if date is None:
                continue
            add(_Cand(s, e, _iso(date, "day"), "day", "absolute", "published", 3))
            continue
        if sep == "." and len(y) != 4:
            continue
        date = _safe_date(_year2(y), mo, d)
        if date is None:
            continue
        if paren:
            s, e = m.start(), m.end()
        else:
            s, e = m.start("d"), m.end("y")
        add(_Cand(s, e, _iso(date, "day"), "day", "absolute", "text", 3))

    for m in (_wfinditer(_RE_ISO, text, w_dig) if digits else ()):
        y, mo = int(m.group("y")), int(m.group("m"))
        if m.group("d"):
            date = _safe_date(y, mo, int(m.group("d")))
            if date:
                add(_Cand(m.start(), m.end(), _iso(date, "day"), "day", "absolute", "text", 3))
        # "2019-2023" ranges are years, not YYYY-MM: handled by the year pattern

    # months
    for m in (_wfinditer(_RE_MONTH, text, w_mon) if has_mon else ()):
        monw = m.group("mon")
        mo = _month_of(monw)
        if mo is None:
            continue
        low = monw.lower().rstrip(".")
        y = m.group("y")
        rel = m.group("rel")
        if monw[0].islower():
            continue                            # months are capitalised in news prose
        if (low in _ABBR or low in _WEAK_FULL) and not y:
            continue
        if not y and not rel:
            cue = m.group("pos") or m.group("bulan") or (m.group("pre") or "").strip()
            if not cue:
                if not _MONTH_CUE_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
                    continue
        # "Mei" etc. directly followed by a capitalised word is likely a name ("Mei Ling")
        if not y and not rel and not m.group("bulan") and re.match(r"\s+[A-Z][a-z]", text[m.end():m.end() + 3]):
            continue
        s = _pre_trim(m)
        if y:
            yy = _year2(y)
            if not _valid_year(yy):
                continue
            add(_Cand(s, m.end(), f"{yy:04d}-{mo:02d}", "month", "absolute", "text", 2))
            continue
        if not has_anchor:
            add(_Cand(s, m.end(), None, None, "relative", None, 2))
            continue
        t = _tense_at(text, m.start(), tense)
        ym = _month_rel_date(anchor, mo, rel, "future" if t == "future" else "past", agran)
        if ym is None or not _valid_year(ym[0]):
            continue
        add(_Cand(s, m.end(), f"{ym[0]:04d}-{ym[1]:02d}", "month", "relative", "published", 2))

    # years
    for m in (_wfinditer(_RE_YEAR, text, w_dig) if digits else ()):
        y = int(m.group("y"))
        has_cue = bool(m.group("tahun") or m.group("pos") or (m.group("pre") or "").strip()
                       or m.group("y2"))
        if not has_cue:
            if not _YEAR_CUE_BEFORE.search(text[max(0, m.start() - 15):m.start()]):
                continue
        if _YEAR_BAD_AFTER.match(text[m.end():m.end() + 14]):
            continue
        if not m.group("tahun") and re.match(r"\s*[.,]\d", text[m.end():m.end() + 3]):
            continue
        s = _pre_trim(m)
        add(_Cand(s, m.end(), f"{y:04d}", "year", "absolute", "text", 1))

    # relative days
    for m in (_wfinditer(_RE_RELDAY, text, w_rel) if has_rel else ()):
        w = re.sub(r"\s+", " ", m.group("w").lower())
        if w.startswith("kemarin lusa"):
            k = -2
        elif w.startswith("kemarin"):
            k = -1
        elif w.startswith(("besok lusa",)):
            k = 3
        elif w.startswith(("besok", "esok")):
            k = 1
        elif w == "lusa":
            k = 2
        elif w in ("semalam", "tadi malam"):
            k = -1
        else:
            k = 0
        s = _pre_trim(m)
        if not has_anchor:
            add(_Cand(s, m.end(), None, None, "relative", None, 1))
            continue
        v, g = _degrade(anchor, "day", agran, _add_days(anchor, k), "day")
        add(_Cand(s, m.end(), v, g, "relative", "published" if v else None, 1))

    # unit + relative
    for m in (_wfinditer(_RE_UNITREL, text, w_unit) if has_unit else ()):
        unit = m.group("unit").lower()
        rel = re.sub(r"\s+", " ", m.group("rel").lower())
        pos = (m.group("pos") or "").lower()
        if rel in ("sebelumnya", "berikutnya", "terakhir", "ke depan") or unit in (
                "abad", "dekade", "dasawarsa"):
            if rel in ("ini",) and unit in ("abad", "dekade", "dasawarsa"):
                pass
            add(_Cand(m.start(), m.end(), None, None, "vague", None, 0))
            continue
        if unit == "minggu" and text[m.start("unit")] == "M" and re.match(
                r"\s*\(\s*\d", text[m.end():m.end() + 4]):
            continue   # "Minggu lalu (20/6)": weekday handled elsewhere
        k = {"lalu": -1, "yang lalu": -1, "kemarin": -1, "silam": -1, "depan": 1,
             "mendatang": 1, "ini": 0}[rel]
        if not has_anchor:
            add(_Cand(m.start(), m.end(), None, None, "relative", None, 1))
            continue
        if unit in ("pekan", "minggu"):
            if pos == "akhir" and k == -1:
                # last weekend: the latest Saturday strictly before the anchor
                date = _weekday_date(anchor, 5, "before")
            else:
                date = _add_days(anchor, 7 * k)
            v, g = _degrade(anchor, "day", agran, date, "month")
        elif unit == "bulan":
            yy, mm = _add_months(anchor.year, anchor.month, k)
            v, g = _degrade(anchor, "month", agran, _safe_date(yy, mm, 1), "month")
        else:
            v, g = _degrade(anchor, "year", agran, _safe_date(anchor.year + k, 1, 1), "year")
        add(_Cand(m.start(), m.end(), v, g, "relative", "published" if v else None, 1))

    # number + unit (+ relative)
    for m in (_wfinditer(_RE_NUMREL, text, w_unit) if has_unit else ()):
        ntxt = m.group("n").lower()
        unit = m.group("unit").lower()
        rel = re.sub(r"\s+", " ", (m.group("rel") or "").lower())
        pre = (m.group("pre") or "").lower()
        # "dua tahun" without a cue is a plain duration/quantity, not a time expression
        if not rel and not pre.strip():
            continue
        s = m.start()
        if pre.startswith(("sejak", "pada")) and not rel:
            s = m.start("n")
        if ntxt in ("se",):
            n = 1
        elif ntxt == "beberapa":
            n = None
        else:
            n = parse_number(ntxt)
        resolvable = (rel in ("lalu", "yang lalu", "silam", "lagi") and n is not None
                      and isinstance(n, int) and 0 < n < 5000 and has_anchor
                      and unit != "jam" and not re.search(r"(?:dalam|selama)", pre))
        if not resolvable:
            add(_Cand(s, m.end(), None, None, "vague", None, 0))
            continue
        k = -n if rel != "lagi" else n
        try:
            if unit == "hari":
                v, g = _degrade(anchor, "day", agran, _add_days(anchor, k), "day")
            elif unit in ("pekan", "minggu"):
                v, g = _degrade(anchor, "day", agran, _add_days(anchor, 7 * k), "month")
            elif unit == "bulan":
                yy, mm = _add_months(anchor.year, anchor.month, k)
                v, g = _degrade(anchor, "month", agran, _safe_date(yy, mm, 1), "month")
            else:
                mult = {"tahun": 1, "dekade": 10, "dasawarsa": 10, "abad": 100}[unit]
                v, g = _degrade(anchor, "year", agran, _safe_date(anchor.year + k * mult, 1, 1),
                                "year")
        except (OverflowError, ValueError):
            v, g = None, None
        add(_Cand(s, m.end(), v, g, "relative" if v else "vague", "published" if v else None, 1))

    for m in (_wfinditer(_RE_VAGUE, text, w_vague) if has_vague else ()):
        add(_Cand(m.start("w"), m.end("w"), None, None, "vague", None, -1))
    return out


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Keep non-overlapping candidates, preferring longer spans, then priority."""
    cands.sort(key=lambda c: (-(c.end - c.start), -c.prio, c.start))
    chosen: list[_Cand] = []
    for c in cands:
        if c.end <= c.start:
            continue
        if any(c.start < o.end and o.start < c.end for o in chosen):
            continue
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _role(text: str, c: _Cand, prev_end: int = 0) -> tuple[str | None, int | None]:
    lo = max(0, c.start - 90, prev_end)
    seg = text[lo:c.start]
    last = None
    for m in _SINCE.finditer(seg):
        last = m
    if last is None:
        return None, None
    between = seg[last.end():]
    if re.search(r"[,;:.!?()\n]|\s[-–—]\s", between):
        return None, None
    if len(between.split()) > 9:
        return None, None
    word = last.group(1).lower()
    role = "since" if word in ("sejak", "semenjak", "sedari", "mulai") else "until"
    return role, lo + last.start()


def find_times(text: str, anchor: _dt.date | None, anchor_granularity: str = "day",
               tense: str | None = None) -> list[TimeExpr]:
    """All temporal expressions in ``text``, ordered by start offset.

    ``anchor``: publication date (None if unknown); ``anchor_granularity``: "day", "month" or
    "year" (how much of ``anchor`` is real); ``tense``: "past", "future", None (= past) or
    "auto" (future when a future marker precedes the expression in its clause).
    """
    if not isinstance(text, str) or not text:
        return []
    low = text.lower()
    words = _word_set(low)
    digits = _DIGIT.search(text) is not None
    if not digits and words.isdisjoint(_ANY_WORDS) and "pasca" not in low:
        return []
    if anchor is not None and not isinstance(anchor, _dt.date):
        anchor = None
    if isinstance(anchor, _dt.datetime):
        anchor = anchor.date()
    agran = anchor_granularity if anchor_granularity in ("day", "month", "year") else "day"
    out = []
    prev = None
    for c in _select(_collect(text, anchor, agran, tense, words, digits)):
        role, rstart = _role(text, c, prev.end if prev else 0)
        if role is None and prev is not None:
            # "sejak kudeta pada 2021": the marker opens the preceding expression
            pm = _SINCE.match(text, prev.start)
            gap = text[prev.end:c.start]
            if pm and len(gap.split()) <= 3 and not re.search(r"[,;:.!?()\n]", gap):
                role = "since" if pm.group(1).lower() in ("sejak", "semenjak", "sedari",
                                                          "mulai") else "until"
                rstart = prev.start
        prev = c
        value = c.value
        if value is not None and not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value):
            value = None
        out.append(TimeExpr(c.start, c.end, text[c.start:c.end], value,
                            c.gran if value else None, c.kind,
                            c.src if value else None, role, rstart))
    return out


# --------------------------------------------------------------------------- published
_RE_PUB_ISO = re.compile(r"^\s*(?P<y>(?:19|20)\d{2})(?:[-/](?P<m>\d{1,2})(?:[-/](?P<d>\d{1,2}))?)?"
                         r"(?:[T\s].*)?$")


def resolve_published(text: str) -> tuple[str | None, str | None]:
    """Parse a publication date string -> (ISO value, granularity) or (None, None).

    Accepts ISO ("2022-09-05", "2022-09", "2022", with or without a time), Indonesian and
    English written dates ("5 September 2022", "Senin, 21 Juni 2021 10:30 WIB",
    "June 5, 2022", "September 2022") and news datelines ("Senin (21/6/2021)", "21/06/2021").
    """
    if not isinstance(text, str) or not text.strip():
        return None, None
    m = _RE_PUB_ISO.match(text)
    if m:
        y = int(m.group("y"))
        if m.group("d"):
            d = _safe_date(y, int(m.group("m")), int(m.group("d")))
            return (_iso(d, "day"), "day") if d else (None, None)
        if m.group("m"):
            mo = int(m.group("m"))
            return (f"{y:04d}-{mo:02d}", "month") if 1 <= mo <= 12 else (None, None)
        return f"{y:04d}", "year"
    times = find_times(text, None)
    best = None
    for t in times:
        if t.value and t.resolved_from == "text":
            r = _GRAN_RANK.get(t.granularity or "year", 2)
            if best is None or r < best[0]:
                best = (r, t)
    if best:
        return best[1].value, best[1].granularity
    # a bare year anywhere ("© 2022 ANTARA")
    m = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)
    if m:
        return m.group(1), "year"
    return None, None


# --------------------------------------------------------------------------- event time
def _boundary_cost(text: str | None, a: int, b: int) -> int:
    if text is None or b <= a:
        return 0
    seg = text[a:b]
    cost = 0
    if re.search(r"[.!?]\s|\n", seg):
        cost += 1000
    cost += 40 * len(_CLAUSE_BREAK.findall(seg))
    return cost


# A date after these, past the trigger, dates the speech that reports the event, not the event.
_ATTRIBUTION = re.compile(r"[,\"”’]\s*(?:kata|ujar|ungkap|tutur|ucap|jelas|menurut|sebut|imbuh|tambah|lapor)\w*\b", re.I)
# ", yang ..." opens a clause about something else: its date is that clause's.
_RELATIVE = re.compile(r",\s*yang\b", re.I)
# A bare year right after these nouns names that thing ("pemilu 2020"), not the event's time.
_YEAR_NOUNS = frozenset("""pemilu pemilihan pilpres pileg pilkada olimpiade piala ktt konferensi anggaran resolusi
    undang-undang uu perjanjian kesepakatan sensus musim edisi tahun-tahun""".split())
_BARE_YEAR = re.compile(r"^(?:19|20)\d\d$")
# a year or span of years "for" which something holds ("kemitraan untuk 2019 sampai 2023",
# "anggaran untuk tahun 2025") is that thing's period, not the time of the event
_PERIOD_YEARS = re.compile(r"^(?:tahun\s+)?(?:19|20)\d\d(?:\s*(?:-|–|sampai|sampe|hingga|s/d)\s*(?:19|20)\d\d)?$", re.I)
_PERIOD_WORDS = frozenset({"untuk", "periode", "masa", "bagi"})


def _belongs_elsewhere(t: TimeExpr, trigger_start: int, text: str) -> bool:
    """True when ``t`` dates something other than the event whose trigger is at ``trigger_start``."""
    if t.start <= trigger_start < t.end:
        return False
    if t.start > trigger_start:
        between = text[trigger_start:t.start]
        if _ATTRIBUTION.search(between) or _RELATIVE.search(between):
            return True
    before = text[max(0, t.start - 30):t.start].split()
    prev = before[-1].lower().strip(",.") if before else ""
    if _BARE_YEAR.match(t.text.strip()) and prev in _YEAR_NOUNS:
        return True
    if _PERIOD_YEARS.match(t.text.strip()) and prev in _PERIOD_WORDS:
        return True
    return False


def pick_event_time(times: list[TimeExpr], trigger_start: int | None,
                    text: str | None = None) -> TimeExpr | None:
    """The expression that most likely dates an event whose trigger starts at
    ``trigger_start`` (offsets in the same text as ``times``); see the module docstring."""
    if not times:
        return None
    cands = []
    for t in times:
        if t.role in ("since", "until"):
            if trigger_start is None or t.role_start is None:
                continue
            if not (t.role_start <= trigger_start < t.end):
                continue
        cands.append(t)
    if not cands:
        return None
    if trigger_start is None:
        # no trigger: the most precise resolvable expression, then the earliest
        res = [t for t in cands if t.value is not None]
        if res:
            return min(res, key=lambda t: (_GRAN_RANK.get(t.granularity or "year", 2), t.start))
        return cands[0]

    def score(t: TimeExpr) -> int:
        if t.start <= trigger_start < t.end:
            return 0
        if t.end <= trigger_start:
            return (trigger_start - t.end) + _boundary_cost(text, t.end, trigger_start)
        return (t.start - trigger_start) + _boundary_cost(text, trigger_start, t.start)

    if text is not None:
        cands = [t for t in cands if not _belongs_elsewhere(t, trigger_start, text)]
    res = [t for t in cands if t.value is not None]
    if res:
        return min(res, key=lambda t: (score(t), t.start))
    vague = [t for t in cands if score(t) < 1000]
    if vague:
        return min(vague, key=lambda t: (score(t), t.start))
    return None
