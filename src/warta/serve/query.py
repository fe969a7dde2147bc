"""Event filters shared by the REST API and the web pages, and the queries behind them.

Every value reaches the database as a bound parameter (the store builds SQLAlchemy
expressions); here the values are also checked for shape and length, so that a malformed one
is a 422 with a message rather than an error or a silent empty page.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Annotated, Any, Literal, Optional

from fastapi import Query

from ..filters import MAX_TEXT, MODALITIES, PLOVER_TYPES, check_filters, problems
from . import aggregate

MAX_LIMIT = 500  # one page of a JSON listing or an HTML table
MAX_DOWNLOAD = 100_000  # one CSV / JSON Lines download
DATE_RE = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # the shape of a publication date given to POST /api/documents
Sort = Literal["date", "-date", "doc", "type", "confidence", "-confidence"]

Text = Annotated[Optional[str], Query(max_length=MAX_TEXT)]


@dataclass
class EventFilters:
    actor: Optional[str] = None
    recipient: Optional[str] = None
    type: Optional[str] = None
    mode: Optional[str] = None
    country: Optional[str] = None
    since: Optional[str] = None
    until: Optional[str] = None
    modality: Optional[str] = None
    q: Optional[str] = None

    def given(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}


def _checked(f: EventFilters) -> EventFilters:
    """``f`` normalised, or a 422 whose messages are :mod:`warta.filters`' (the CLI prints the same)."""
    bad = problems(asdict(f))
    if bad:
        from fastapi.exceptions import RequestValidationError

        raise RequestValidationError([{"type": "value_error", "loc": ("query", k), "msg": m, "input": getattr(f, k)}
                                      for k, m in bad])
    return EventFilters(**check_filters(**asdict(f)))


def event_filters(
    actor: Annotated[Optional[str], Query(max_length=MAX_TEXT, description="Actor: a name (substring), a code or an entity id.")] = None,
    recipient: Annotated[Optional[str], Query(max_length=MAX_TEXT, description="Recipient, as for actor.")] = None,
    type: Annotated[Optional[str], Query(max_length=MAX_TEXT, description="PLOVER event type: " + ", ".join(PLOVER_TYPES) + ".")] = None,
    mode: Annotated[Optional[str], Query(max_length=60, description="PLOVER mode, e.g. visit.")] = None,
    country: Annotated[Optional[str], Query(max_length=MAX_TEXT, description="ISO 3166-1 alpha-3 code of the place or a party.")] = None,
    since: Annotated[Optional[str], Query(max_length=MAX_TEXT, description="Earliest event date: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], Query(max_length=MAX_TEXT, description="Latest event date: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    modality: Annotated[Optional[str], Query(max_length=MAX_TEXT, description=" | ".join(MODALITIES))] = None,
    q: Annotated[Optional[str], Query(max_length=MAX_TEXT, description="Full-text search over the articles.")] = None,
) -> EventFilters:
    # HTML forms send empty fields; treat them as absent
    return _checked(EventFilters(actor or None, recipient or None, type or None, mode or None, country or None,
                                 since or None, until or None, modality or None, q or None))


def html_filters(
    actor: Text = None, recipient: Text = None, type: Text = None, mode: Text = None, country: Text = None,
    since: Text = None, until: Text = None, modality: Text = None, q: Text = None,
) -> EventFilters:
    """The same filters from an HTML form: empty fields are absent, values are checked as for the API."""
    return _checked(EventFilters(*(v.strip() if isinstance(v, str) and v.strip() else None
                                   for v in (actor, recipient, type, mode, country, since, until, modality, q))))


def check(f: EventFilters) -> list[tuple[str, str]]:
    """What is wrong with the filters (:func:`warta.filters.problems`)."""
    return problems(asdict(f))


_WILD = re.compile(r"[%_\\]")


def _needs_python(val: str) -> bool:
    """Match this actor/recipient value here rather than in SQL: it holds LIKE wildcards (which the
    store would treat as patterns), or non-ASCII letters (SQLite's lower() folds ASCII only)."""
    return bool(_WILD.search(val)) or not val.isascii()


def _literal_match(rec: dict[str, Any], role: str, val: str) -> bool:
    low = val.lower()
    for a in rec.get(role) or []:
        if a.get("entity_id") == val or (a.get("code") or "") == val.upper():
            return True
        if any(low in str(a.get(k) or "").lower() for k in ("identifier_text", "entity_text")):
            return True
    return False


def find_events(store, f: EventFilters, limit: int | None, offset: int = 0, sort: str = "date") -> tuple[list[dict], bool]:
    """One page of events matching ``f``, and whether more follow.

    The store sorts by date or by document; other sorts, and actor/recipient values holding
    LIKE wildcards (``%``, ``_``: matched literally here), are done over every match in Python.
    """
    kw = f.given()
    wild = {r: kw.pop(r) for r in ("actor", "recipient") if r in kw and _needs_python(kw[r])}
    if sort in ("date", "-date", "doc") and not wild:
        rows = store.events(**kw, limit=None if limit is None else limit + 1, offset=offset, order=sort)
        if limit is None:
            return rows, False
        return rows[:limit], len(rows) > limit
    rows = store.events(**kw, limit=None, offset=0, order="date")
    for r, val in wild.items():
        rows = [rec for rec in rows if _literal_match(rec, r, val)]
    if sort == "-date":
        dated = [r for r in rows if r.get("date")]
        rows = sorted(dated, key=lambda r: r["date"], reverse=True) + [r for r in rows if not r.get("date")]
    elif sort == "doc":
        rows = sorted(rows, key=lambda r: (r.get("doc") or "", (r.get("text_info") or {}).get("sequence", 0)))
    elif sort == "type":
        rows = sorted(rows, key=lambda r: (r.get("event") or [""])[0])
    elif sort in ("confidence", "-confidence"):
        rows = sorted(rows, key=lambda r: r.get("confidence") or 0.0, reverse=sort.startswith("-"))
    if limit is None:
        return rows[offset:], False
    return rows[offset:offset + limit], len(rows) > offset + limit


def party_events(store, key: str, f: EventFilters | None = None) -> tuple[list[dict], dict[str, str]]:
    """Every event with ``key`` as actor or recipient (plus filters), and each event's role for it."""
    kw = (f or EventFilters()).given()
    kw.pop("actor", None)
    kw.pop("recipient", None)
    roles: dict[str, str] = {}
    recs: dict[str, dict] = {}
    here = _needs_python(key)
    for role in ("recipient", "actor"):  # actor wins when both
        for rec in store.events(**kw, **({} if here else {role: key}), limit=MAX_DOWNLOAD, order="date"):
            if here and not _literal_match(rec, role, key):
                continue
            roles[rec["id"]] = role
            recs[rec["id"]] = rec
    return list(recs.values()), roles


def entity_events(store, entity: dict[str, Any]) -> tuple[list[dict], dict[str, str]]:
    """An entity's events: those whose actor/recipient is linked to its id (exactly)."""
    recs, roles = party_events(store, entity["id"])
    keep = [r for r in recs if aggregate.involves(r, entity["id"])]
    return keep, {r["id"]: roles[r["id"]] for r in keep}
