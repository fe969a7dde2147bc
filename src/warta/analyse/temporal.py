"""Indonesian temporal expressions in news text, resolved against the publication date.

Pure Python (no dateparser: it misreads Indonesian relative expressions); every regex is
compiled once at import, and a text with no date word is rejected by one fast pre-check.
The patterns live in ``temporal_patterns``, calendar arithmetic in ``temporal_calendar``,
and one collector per pattern in ``temporal_collect``; this module selects and places them.

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
``sejak Min Aung Hlaing merebut kekuasaan dalam kudeta tahun 2021``), or unless ``sejak`` is
followed by the date itself (``ditahan sejak Sabtu (13/1)``: the act has gone on since that
day, which dates it; counted one clause further away than a date of the act's own).  Among the remaining
ones a resolvable expression is preferred (with no trigger: the most precise, then the
earliest); ties are broken by distance to the trigger,
counting every clause boundary (``, ; : —`` or a subordinating word) between them as 40
characters and a sentence boundary as 1000 (only when ``text`` is given).  A date after the
trigger that follows an attribution (``..., kata Mustafa, Senin (13/11)``) dates the speech; it
is taken only when nothing else in the sentence dates the event.  With no resolvable
candidate, the nearest vague one in the same sentence is returned (so the caller can report
``date_text`` with a null date).
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .temporal_calendar import _Cand, _GRAN_RANK, _iso, _safe_date
from .temporal_collect import _collect
from .temporal_patterns import _ANY_WORDS, _CLAUSE_BREAK, _DIGIT, _SINCE, _word_set

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
_YEAR_SPAN = re.compile(r"^(?:19|20)\d\d\s*(?:-|–|sampai|hingga|s/d)\s*(?:19|20)\d\d$")
#: words of time before a span of years ("pada 2009 - 2012"): then the span dates the act, else it
#: is the period of the noun before it (also read by events/modality.py)
TIME_WORDS = frozenset("pada sejak selama sepanjang tahun hingga sampai antara dari dalam di medio awal akhir "
                       "pertengahan kurun rentang waktu semenjak mulai era periode".split())


def _speech_date(t: TimeExpr, trigger_start: int, text: str) -> bool:
    """True when ``t`` dates the speech that reports the event (``..., kata Mustafa, Senin``)."""
    return t.start > trigger_start and bool(_ATTRIBUTION.search(text[trigger_start:t.start]))


def _other_clause(t: TimeExpr, trigger_start: int, text: str) -> bool:
    """True when ``t`` lies in a ``, yang ...`` clause after the trigger, about something else."""
    return t.start > trigger_start and bool(_RELATIVE.search(text[trigger_start:t.start]))


def _since_a_date(t: TimeExpr, text: str | None) -> bool:
    """``t`` follows its ``sejak`` directly (``ditahan sejak Sabtu (13/1)``, ``dikepung sejak 2013``):
    the act the clause tells has gone on since that date, which dates it (on the corpus folds the
    gold dates 25 of 36 such events by it). Not a ``sejak`` phrase about another act (``sejak kudeta
    pada 2021``): that date is the other act's."""
    if t.role != "since" or t.role_start is None or text is None:
        return False
    between = text[t.role_start:t.start].split()
    return len(between) <= 1 or (len(between) == 2 and between[1].lower() in ("tahun", "awal", "akhir", "pertengahan"))


def _belongs_elsewhere(t: TimeExpr, trigger_start: int, text: str) -> bool:
    """True when ``t`` dates something other than the event whose trigger is at ``trigger_start``."""
    if t.start <= trigger_start < t.end:
        return False
    if _speech_date(t, trigger_start, text) or _other_clause(t, trigger_start, text):
        return True
    before = text[max(0, t.start - 30):t.start].split()
    prev = before[-1].lower().strip(",.") if before else ""
    if _BARE_YEAR.match(t.text.strip()) and prev in _YEAR_NOUNS:
        return True
    if _PERIOD_YEARS.match(t.text.strip()) and prev in _PERIOD_WORDS:
        return True
    # a span of years right after a noun, with no word of time before it, is that thing's period
    # ("korupsi pembangunan pasar 2009 - 2012", "krisis keuangan 2007 - 2009")
    if _YEAR_SPAN.match(t.text.strip()) and prev.isalpha() and prev not in TIME_WORDS:
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
            if not (t.role_start <= trigger_start < t.end or _since_a_date(t, text)):
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
        # a span's start counts as far as a clause away: a date of the act's own comes first
        extra = 40 if t.role == "since" else 0
        if t.end <= trigger_start:
            return (trigger_start - t.end) + _boundary_cost(text, t.end, trigger_start) + extra
        return (t.start - trigger_start) + _boundary_cost(text, trigger_start, t.start) + extra

    speech = []
    if text is not None:
        speech = [t for t in cands if t.value is not None and _speech_date(t, trigger_start, text)
                  and not _other_clause(t, trigger_start, text)]
        cands = [t for t in cands if not _belongs_elsewhere(t, trigger_start, text)]
    res = [t for t in cands if t.value is not None]
    if res:
        return min(res, key=lambda t: (score(t), t.start))
    if speech:
        # nothing else dates it: the event was told when the speech was made (a request, a
        # pledge of support said in the quote), and the speech's date is the nearest there is
        return min(speech, key=lambda t: (score(t), t.start))
    vague = [t for t in cands if score(t) < 1000]
    if vague:
        return min(vague, key=lambda t: (score(t), t.start))
    return None
