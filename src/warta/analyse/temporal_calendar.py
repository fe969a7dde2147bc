"""Calendar arithmetic for time expressions: ISO values at a granularity, month and day offsets,
the year nearest an anchor, weekdays, and how a resolution degrades on a coarse anchor (``temporal``)."""
from __future__ import annotations

import calendar
import datetime as _dt
import re

from warta.analyse.figures import NUMWORD_RE_SRC
from .temporal_patterns import _FUTURE, _MONTHS, weekday_index


# --------------------------------------------------------------------------- date helpers
def _iso(d: _dt.date, gran: str) -> str:
    if gran == "day":
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def period_end(value: str) -> _dt.date | None:
    """The last day of the ISO period ``value`` (a day, a month or a year); None if it is none."""
    try:
        parts = [int(p) for p in value.split("-")]
    except ValueError:
        return None
    if len(parts) == 3:
        return _dt.date(*parts)
    if len(parts) == 2:
        return _dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return _dt.date(parts[0], 12, 31)


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


def _occurrences(anchor: _dt.date, m: int, d: int) -> list[_dt.date]:
    """A year-less day/month in the anchor's year and the years either side (where it exists)."""
    return [x for x in (_safe_date(anchor.year + k, m, d) for k in (-1, 0, 1)) if x]


def _nearest_year_for(anchor: _dt.date, m: int, d: int, direction: str) -> _dt.date | None:
    """Year-less day/month: the occurrence nearest the anchor in the given direction."""
    cands = _occurrences(anchor, m, d)
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


#: a weekday whose bracketed day and month is not that weekday and lies more than this many days
#: from the news day is read as the weekday nearest the news day (_resolve_weekday)
WEEKDAY_OVER_FAR_DATE = 14


def _weekday_against_numbers(explicit: _dt.date, wd: int, anchor: _dt.date, mode: str,
                             year_given: bool) -> tuple[_dt.date, bool]:
    """The day a weekday with a bracketed day and month names when the two disagree, and whether
    the numbers were taken for a slip (the weekday nearest the news day wins)."""
    if explicit.weekday() != wd and not year_given:
        # the weekday tells the direction: "Kamis (31/8)" in an article of Monday 28 August is
        # this week's Thursday, though a report of the past reads a bare day-month as past
        near = [c for c in _occurrences(anchor, explicit.month, explicit.day)
                if c.weekday() == wd and abs((c - anchor).days) <= WEEKDAY_OVER_FAR_DATE]
        if near:
            explicit = near[0]
    if explicit.weekday() == wd:
        return explicit, False
    alt = _weekday_date(anchor, wd, mode)
    # a month typo (same day of month, adjacent month), or a day and month that is not the
    # weekday and lies weeks from the news day while the weekday lies within a week of it: the
    # weekday is the writer's, the numbers a slip (in the corpus the annotators took the weekday
    # for 7 of the 8 such dates more than WEEKDAY_OVER_FAR_DATE days off, and the numbers for 15
    # of the 20 within three days)
    mdiff = (alt.month - explicit.month) % 12
    far = abs((explicit - anchor).days) > WEEKDAY_OVER_FAR_DATE
    if (((alt.day == explicit.day and mdiff in (1, 11)) or far)
            and (not year_given or abs(alt.year - explicit.year) <= 1)
            and abs((alt - anchor).days) <= 7):
        return alt, True
    return explicit, False


def _resolve_weekday(m, text, anchor, agran, tense):
    wd_word = m.group("wd")
    wd = weekday_index(wd_word)
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
        if anchor is not None and agran == "day":
            explicit, slip = _weekday_against_numbers(explicit, wd, anchor, mode, year_given)
            if slip:
                return ("weekday", _iso(explicit, "day"), "day", "published")
        return ("weekday", _iso(explicit, "day"), "day", "text" if year_given else "published")
    if has_date and year_given:
        return ("weekday", None, None, None)   # impossible date such as 31/2/2021
    if anchor is None:
        return ("weekday", None, None, None)
    date = _weekday_date(anchor, wd, mode)
    v, g = _degrade(anchor, "day", agran, date, "day")
    return ("weekday", v, g, "published" if v else None)


#: days of the news day's month that must have gone (or be left) for "<its month> lalu" ("nanti")
#: to mean this year's month (_month_rel_date)
SAME_MONTH_DAYS = 7


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
    # the news day's own month told as past or to come is this year's once a week of it has gone
    # (or while more than a week of it is left): "awal November lalu" on 16 November, "akhir
    # Januari nanti" on 13 January; in the corpus every such month (16 of 16, with a day or
    # without) was the news day's year. Early in the month "September lalu" is last year's
    if rel in ("lalu", "yang lalu", "kemarin", "silam"):
        return (ay, mo) if mo < am or (mo == am and anchor.day > SAME_MONTH_DAYS) else (ay - 1, mo)
    if rel in ("depan", "mendatang", "nanti"):
        return (ay, mo) if mo > am or (mo == am and anchor.day <= 31 - SAME_MONTH_DAYS) else (ay + 1, mo)
    if rel == "ini":
        return ay, mo
    if direction == "future":
        return (ay, mo) if mo >= am else (ay + 1, mo)
    return (ay, mo) if mo <= am else (ay - 1, mo)
