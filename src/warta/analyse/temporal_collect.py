"""Candidate time expressions in a text: one collector per pattern (weekdays, dates, months,
years, relative days and units, vague words), each resolved against the anchor (``temporal``)."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from warta.analyse.figures import parse_number
from .temporal_calendar import (
    _add_days, _add_months, _Cand, _degrade, _iso, _month_of, _month_rel_date, _nearest_year_for,
    _resolve_weekday, _safe_date, _tense_at, _valid_year, _weekday_date, _year2,
)
from .temporal_patterns import (
    _ABBR, _MON_WORDS, _MONTH_CUE_BEFORE, _RE_DAYMONTH, _RE_ISO, _RE_MONTH, _RE_MONTHDAY_EN,
    _RE_NUMDATE, _RE_NUMREL, _RE_RELDAY, _RE_UNITREL, _RE_VAGUE, _RE_WEEKDAY, _RE_YEAR, _REL_WORDS,
    _UNIT_WORDS, _VAGUE_WORDS, _WD_WORDS, _WEAK_FULL, _wfinditer, _windows, _YEAR_BAD_AFTER, _LAW_NUMBER_BEFORE,
    _YEAR_CUE_BEFORE,
)


@dataclass
class _Scan:
    """What each pattern of ``_collect`` reads: the text, its anchor and tense, which key words it
    has, and the windows of the text around them (None: search the whole text)."""

    text: str
    anchor: _dt.date | None
    agran: str
    tense: str | None
    digits: bool
    has_anchor: bool
    has_wd: bool
    has_mon: bool
    has_unit: bool
    has_rel: bool
    has_vague: bool
    w_wd: list | None
    w_mon: list | None
    w_dig: list | None
    w_unit: list | None
    w_rel: list | None
    w_vague: list | None


def _scan(text: str, anchor: _dt.date | None, agran: str, tense: str | None,
          words: frozenset, digits: bool) -> _Scan:
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
    has_anchor = anchor is not None
    return _Scan(text, anchor, agran, tense, digits, has_anchor, has_wd, has_mon, has_unit, has_rel, has_vague,
                 w_wd, w_mon, w_dig, w_unit, w_rel, w_vague)


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


def _weekdays(sc: _Scan, add) -> None:
    """Weekdays (``pada Senin``, ``Selasa (12/7)``)."""
    text, anchor, agran, tense, has_wd, w_wd = sc.text, sc.anchor, sc.agran, sc.tense, sc.has_wd, sc.w_wd
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


def _day_months(sc: _Scan, add) -> None:
    """Day and month, with or without a year (``5 Juli``, ``5 Juli 2022``, ``5 Juli lalu``)."""
    text, anchor, agran, tense = sc.text, sc.anchor, sc.agran, sc.tense
    digits, has_anchor, has_mon, w_mon = sc.digits, sc.has_anchor, sc.has_mon, sc.w_mon
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


def _month_days_en(sc: _Scan, add) -> None:
    """English month-day-year dates (``July 5, 2022``)."""
    text, digits, has_mon, w_mon = sc.text, sc.digits, sc.has_mon, sc.w_mon
    for m in (_wfinditer(_RE_MONTHDAY_EN, text, w_mon) if has_mon and digits else ()):
        mo = _month_of(m.group("mon"))
        if mo is None or m.group("mon")[0].islower():
            continue
        date = _safe_date(int(m.group("y")), mo, int(m.group("d")))
        if date:
            add(_Cand(m.start(), m.end(), _iso(date, "day"), "day", "absolute", "text", 4))


def _numeric_dates(sc: _Scan, add) -> None:
    """Numeric dates (``12/7/2022``, ``(12/7)``)."""
    text, anchor, agran, tense = sc.text, sc.anchor, sc.agran, sc.tense
    digits, has_anchor, w_dig = sc.digits, sc.has_anchor, sc.w_dig
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


def _iso_dates(sc: _Scan, add) -> None:
    """ISO dates (``2022-07-12``)."""
    text, digits, w_dig = sc.text, sc.digits, sc.w_dig
    for m in (_wfinditer(_RE_ISO, text, w_dig) if digits else ()):
        y, mo = int(m.group("y")), int(m.group("m"))
        if m.group("d"):
            date = _safe_date(y, mo, int(m.group("d")))
            if date:
                add(_Cand(m.start(), m.end(), _iso(date, "day"), "day", "absolute", "text", 3))


def _months(sc: _Scan, add) -> None:
    """Month names with a cue (``Juli 2022``, ``pada Juli``, ``Juli lalu``)."""
    text, anchor, agran, tense = sc.text, sc.anchor, sc.agran, sc.tense
    has_anchor, has_mon, w_mon = sc.has_anchor, sc.has_mon, sc.w_mon
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


def _years(sc: _Scan, add) -> None:
    """Years with a cue (``tahun 2021``, ``pada 2021``)."""
    text, digits, w_dig = sc.text, sc.digits, sc.w_dig
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
        if m.group("tahun") and _LAW_NUMBER_BEFORE.search(text[max(0, m.start("tahun") - 30):m.start("tahun")]):
            continue
        if not m.group("tahun") and re.match(r"\s*[.,]\d", text[m.end():m.end() + 3]):
            continue
        s = _pre_trim(m)
        add(_Cand(s, m.end(), f"{y:04d}", "year", "absolute", "text", 1))


#: a day and month in brackets right after a word: "kemarin (12/7)", "hari ini (13/7/2017)"
_DATE_IN_PARENS = re.compile(r"\s*\(\s*\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?\s*\)")


def _relative_days(sc: _Scan, add) -> None:
    """Relative days (``kemarin``, ``besok``, ``hari ini``, ``semalam``)."""
    text, anchor, agran, has_anchor = sc.text, sc.anchor, sc.agran, sc.has_anchor
    has_rel, w_rel = sc.has_rel, sc.w_rel
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
        if _DATE_IN_PARENS.match(text, m.end()):
            continue   # "kemarin (12/7)": the date in brackets says which day, read by _numeric_dates
        if not has_anchor:
            add(_Cand(s, m.end(), None, None, "relative", None, 1))
            continue
        v, g = _degrade(anchor, "day", agran, _add_days(anchor, k), "day")
        add(_Cand(s, m.end(), v, g, "relative", "published" if v else None, 1))


def _unit_relatives(sc: _Scan, add) -> None:
    """A unit and a relative word (``pekan lalu``, ``bulan depan``, ``tahun ini``)."""
    text, anchor, agran, has_anchor = sc.text, sc.anchor, sc.agran, sc.has_anchor
    has_unit, w_unit = sc.has_unit, sc.w_unit
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


def _number_units(sc: _Scan, add) -> None:
    """A number, a unit and a relative word (``dua tahun lalu``, ``tiga hari lagi``)."""
    text, anchor, agran, has_anchor = sc.text, sc.anchor, sc.agran, sc.has_anchor
    has_unit, w_unit = sc.has_unit, sc.w_unit
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


def _vague(sc: _Scan, add) -> None:
    """Vague time words (``baru-baru ini``, ``kini``)."""
    text, has_vague, w_vague = sc.text, sc.has_vague, sc.w_vague
    for m in (_wfinditer(_RE_VAGUE, text, w_vague) if has_vague else ()):
        add(_Cand(m.start("w"), m.end("w"), None, None, "vague", None, -1))


# in this order: a candidate's place in the list breaks ties when candidates are selected
_COLLECTORS = (_weekdays, _day_months, _month_days_en, _numeric_dates, _iso_dates, _months, _years,
               _relative_days, _unit_relatives, _number_units, _vague)


def _collect(text: str, anchor: _dt.date | None, agran: str, tense: str | None,
             words: frozenset = frozenset(), digits: bool = True) -> list[_Cand]:
    out: list[_Cand] = []
    sc = _scan(text, anchor, agran, tense, words, digits)
    for collect in _COLLECTORS:
        collect(sc, out.append)
    return out
