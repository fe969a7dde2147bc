"""Turn coded events into PLOVER event records (``../spec/output.md``).

Adds what the coder leaves to others: the event's own date (from the sentence's temporal
expressions, anchored on the publication date, never silently the publication date
itself), its place and country, casualty and money figures, the evidence sentence with
offsets, a stable record id and the quad class.
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from typing import Any

from .. import __version__
from .figures import find_amounts, find_casualties, parse_number
from .pipeline import doc_text
from .temporal import find_times, pick_event_time

QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
CODER = f"warta {__version__}"
CODEBOOK = "plover-1.0"
#: An asserted event this many days or more before the publication date is background.
HISTORICAL_DAYS = 90
# types whose place defaults to the country where the actor acts on its own ground
DOMESTIC_TYPES = {"PROTEST", "COERCE", "MOBILIZE", "ASSAULT"}


def event_id(doc: str, doc_id: str, start: int, end: int, type_: str, trigger_start: int) -> str:
    """Stable across runs: a hash of the document key and content hash, the evidence span, the type and the trigger."""
    key = f"{doc}\x00{doc_id}\x00{start}\x00{end}\x00{type_}\x00{trigger_start}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _actor(m) -> dict[str, Any]:
    return {
        "code": m.code,
        "sector": m.sector,
        "entity_text": m.text,
        "identifier_id": m.wikidata,
        "identifier_text": m.name,
        "entity_id": m.entity_id,
        "start": m.start,
        "end": m.end,
    }


def _period_end(value: str) -> dt.date | None:
    try:
        parts = [int(p) for p in value.split("-")]
    except ValueError:
        return None
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return dt.date(parts[0], 12, 31)


def _location(ev, type_: str) -> dict[str, Any] | None:
    loc = ev.location
    if loc is not None:
        return {"placename": loc.text, "country_code3": loc.code, "geonameid": None, "lat": None, "lon": None,
                "resolved_from": "sentence"}
    # no place named: the country is implied for visits (the host) and domestic events (the actor's)
    code = None
    if type_ == "CONSULT" and (ev.mode == "visit") and ev.recipients:
        code = next((r.code for r in ev.recipients if r.code and r.code != "IGO"), None)
    elif type_ in DOMESTIC_TYPES:
        code = next((a.code for a in ev.actors if a.code and a.code != "IGO"), None)
        if code and ev.recipients and all(r.code and r.code not in (code, "IGO") for r in ev.recipients):
            code = None  # acting against another country: the place is not implied
    if code:
        return {"placename": None, "country_code3": code, "geonameid": None, "lat": None, "lon": None,
                "resolved_from": "actors"}
    return None


def _own_date(ev, sent, s_text, anchor, anchor_gran, cache) -> tuple[str | None, dict[str, Any]]:
    """The date the event's own sentence gives it, with its date_info."""
    tense = ev.tense or "auto"
    key = (sent.start, tense)
    if key not in cache:
        cache[key] = find_times(s_text, anchor, anchor_gran or "day", tense)
    t = pick_event_time(cache[key], ev.trigger[0] - sent.start, s_text)
    info: dict[str, Any] = {"granularity": None, "text": None, "resolved_from": None}
    if t is None:
        return None, info
    info["text"] = t.text
    if not t.value:
        return None, info
    info.update(granularity=t.granularity, resolved_from=t.resolved_from)
    if t.resolved_from == "published" and anchor is not None:
        info["anchor"] = anchor.isoformat()[: {"day": 10, "month": 7}.get(anchor_gran, 4)]
    return t.value, info


# "dua hari setelah X": X happened two days before the event the sentence is about
_OFFSET = re.compile(r"(?i)\b(\w+(?:\s+(?:puluh|belas))?)\s+(hari|pekan|minggu|bulan)\s+(setelah|sesudah|usai|sebelum)\s")


def _offset_from_story(ev, sent, s_text: str, story_date: tuple[str, dict[str, Any]],
                       info: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """The date of an event told as "N days after/before" it inside that phrase, from the story's date.

    ``Kunjungan ini terjadi dua hari setelah Blinken berjanji ...``: the promise is two days
    before the visit. Only a day-precise story date is shifted; otherwise nothing is said.
    """
    value, sinfo = story_date
    if sinfo.get("granularity") != "day":
        return None, info
    trig = ev.trigger[0] - sent.start
    for m in _OFFSET.finditer(s_text):
        if not m.end() <= trig:
            continue
        n = parse_number(m.group(1))
        if not isinstance(n, int) or not 0 < n <= 400:
            continue
        days = n * {"hari": 1, "pekan": 7, "minggu": 7, "bulan": 30}[m.group(2).lower()]
        sign = -1 if m.group(3).lower() != "sebelum" else 1
        try:
            when = dt.date.fromisoformat(value) + dt.timedelta(days=sign * days)
        except ValueError:
            return None, info
        gran = "day" if m.group(2).lower() == "hari" else "month"
        shown = when.isoformat() if gran == "day" else when.isoformat()[:7]
        return shown, {"granularity": gran, "text": m.group(0).strip(), "resolved_from": "context",
                       "relative_to": value}
    return None, info


def build_records(doc) -> list[dict[str, Any]]:
    """PLOVER records of the coded events of ``doc`` (``doc._.events``).

    An event whose sentence names no date or place takes them from the story being told,
    with ``resolved_from: "context"``: the date of the first current (not background) event
    that had one of its own, and the latest place named for such an event. A current event with no date anywhere gets the month of
    publication, said as ``resolved_from: "published (month; no date in the text)"``.
    """
    text: str = doc_text(doc)
    art = doc._.article
    sentences = doc._.sentences or []
    anchor, anchor_gran = doc._.anchor or (None, None)
    seg = doc._.segmented
    records: list[dict[str, Any]] = []
    cache: dict[tuple[int, str | None], list] = {}
    figures: dict[int, tuple] = {}
    story_date: tuple[str, dict[str, Any]] | None = None
    story_place: dict[str, Any] | None = None
    for seq, ev in doc._.events or []:
        sent = sentences[seq]
        s_text = text[sent.start:sent.end]
        date, date_info = _own_date(ev, sent, s_text, anchor, anchor_gran, cache)
        if date is None and story_date is not None:
            date, date_info = _offset_from_story(ev, sent, s_text, story_date, date_info)
        modality = ev.modality
        if modality == "asserted" and date and anchor is not None and anchor_gran in ("day", "month"):
            end = _period_end(date)
            if end is not None and (anchor - end).days >= HISTORICAL_DAYS:
                modality = "historical"
        loc = _location(ev, ev.type)
        current = modality not in ("historical",)
        if current and date and story_date is None:
            story_date = (date, date_info)  # the lead's date: later dated sentences are mostly background
        if current and loc and loc.get("placename"):
            story_place = loc  # the latest place named: stories move between places
        if date is None and current and modality != "hypothetical":
            if story_date is not None:
                date = story_date[0]
                date_info = {"granularity": story_date[1].get("granularity"), "text": story_date[1].get("text"),
                             "resolved_from": "context"}
            elif anchor is not None and anchor_gran in ("day", "month") and modality in ("asserted", "future"):
                date = anchor.isoformat()[:7]
                date_info = {"granularity": "month", "text": None,
                             "resolved_from": "published (month; no date in the text)"}
        if loc is None and current and story_place is not None:
            loc = dict(story_place, resolved_from="context")
        if seq not in figures:
            figures[seq] = (find_casualties(s_text), find_amounts(s_text))
        cas, amounts = figures[seq]
        dead = injured = arrested = None
        if ev.type in ("ASSAULT", "COERCE"):
            dead, injured = cas.dead, cas.injured
        if ev.type == "COERCE":
            arrested = cas.arrested
        rec = {
            "id": event_id(art.doc, art.doc_id, sent.start, sent.end, ev.type, ev.trigger[0]),
            "doc": art.doc,
            "doc_id": art.doc_id,
            "event": [ev.type],
            "mode": [ev.mode] if ev.mode else [],
            "context": list(ev.context or []),
            "actor": [_actor(a) for a in ev.actors],
            "recipient": [_actor(r) for r in ev.recipients],
            "date": date,
            "date_info": date_info,
            "event_loc": loc,
            "modality": modality,
            "attribution": ev.attribution,
            "dead": dead,
            "injured": injured,
            "arrested": arrested,
            "amounts": [{"value": a.value, "currency": a.currency, "text": a.text,
                         "start": sent.start + a.start, "end": sent.start + a.end} for a in amounts],
            "event_text": [ev.trigger[2]],
            "trigger": {"start": ev.trigger[0], "end": ev.trigger[1], "text": ev.trigger[2]},
            "text_info": {"sequence": seq, "start": sent.start, "end": sent.end, "sentence": s_text},
            "confidence": round(float(ev.confidence), 3),
            "quad_code": QUAD.get(ev.type),
            "coder": CODER,
            "codebook": CODEBOOK,
        }
        if ev.planned:
            rec["planned"] = ev.planned
        if art.source or seg.source:
            rec["outlet"] = art.source or seg.source
        records.append(rec)
    return records
