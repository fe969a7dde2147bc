"""Event filters shared by the REST API and the web pages, and the queries behind them.

Every value reaches the database as a bound parameter (the store builds SQLAlchemy
expressions); here the values are also checked for shape and length, so that a malformed one
is a 422 with a message rather than an error or a silent empty page.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

from fastapi import Query

from ..filters import MAX_TEXT, MODALITIES, PLOVER_TYPES, check_filters, problems
from . import aggregate

MAX_LIMIT = 500  # one page of a JSON listing or an HTML table
MAX_DOWNLOAD = 100_000  # one CSV / JSON Lines download
DATE_RE = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # the shape of a publication date given to POST /api/documents
MAX_PAIRS = 20_000  # (actor, recipient, type, quad) rows an actor graph is built from, most frequent first
MAX_PARTIES = 5_000  # parties an actor graph picks its nodes from, most active first
MAX_PLACES = 5_000  # (place, type) points on the map, most frequent first
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
    min_confidence: Optional[str] = None

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
    min_confidence: Annotated[Optional[str], Query(max_length=20, description="Only events whose confidence (0-1, the models' probability that the event is right) is at least this.")] = None,
) -> EventFilters:
    # HTML forms send empty fields; treat them as absent
    return _checked(EventFilters(actor or None, recipient or None, type or None, mode or None, country or None,
                                 since or None, until or None, modality or None, q or None, min_confidence or None))


def html_filters(
    actor: Text = None, recipient: Text = None, type: Text = None, mode: Text = None, country: Text = None,
    since: Text = None, until: Text = None, modality: Text = None, q: Text = None, min_confidence: Text = None,
) -> EventFilters:
    """The same filters from an HTML form: empty fields are absent, values are checked as for the API."""
    return _checked(EventFilters(*(v.strip() if isinstance(v, str) and v.strip() else None
                                   for v in (actor, recipient, type, mode, country, since, until, modality, q,
                                             min_confidence))))


def check(f: EventFilters) -> list[tuple[str, str]]:
    """What is wrong with the filters (:func:`warta.filters.problems`)."""
    return problems(asdict(f))


def find_events(store, f: EventFilters, limit: int, offset: int = 0, sort: str = "date") -> tuple[list[dict], bool]:
    """One page of events matching ``f``, and whether more follow: filtered, sorted and paged in
    the database, so a page costs the same whatever the store's size."""
    rows = store.events(**f.given(), limit=min(limit, MAX_DOWNLOAD) + 1, offset=offset, order=sort)
    return rows[:limit], len(rows) > limit


def party_events(store, key: str, f: EventFilters | None = None, limit: int = MAX_LIMIT) -> tuple[list[dict], dict[str, str]]:
    """The latest ``limit`` events with ``key`` as actor or recipient (plus filters), and each
    event's role for it (actor wins when both)."""
    kw = (f or EventFilters()).given()
    kw.pop("actor", None)
    kw.pop("recipient", None)
    recs = store.events(**kw, party=key, limit=limit, order="-date")
    return recs, _roles(recs, key)


def _roles(recs: list[dict], key: str) -> dict[str, str]:
    """Each event's role for the party ``key``: recipient when it is only that, else actor."""
    return {r["id"]: "actor" if aggregate.involves(r, key, ("actor",)) or not aggregate.involves(r, key, ("recipient",))
            else "recipient" for r in recs}


def entity_events(store, entity: dict[str, Any]) -> tuple[list[dict], dict[str, str]]:
    """An entity's events: those whose actor/recipient is linked to its id (exactly)."""
    recs, roles = party_events(store, entity["id"])
    keep = [r for r in recs if aggregate.involves(r, entity["id"])]
    return keep, {r["id"]: roles[r["id"]] for r in keep}


def actor_graph(store, f: EventFilters, min_count: int = 1, max_nodes: int | None = None) -> dict[str, Any]:
    """The actor network of the matching events, counted in the database."""
    kw = f.given()
    return aggregate.graph_from_counts(store.actor_pairs(limit=MAX_PAIRS, **kw), store.party_counts(limit=MAX_PARTIES, **kw),
                                       min_count=min_count, max_nodes=max_nodes)


def place_points(store, f: EventFilters) -> list[dict[str, Any]]:
    """Points for the map: places with coordinates and how many matching events each holds, by
    type, with the type's PLOVER quad class."""
    from ..analyse.records import QUAD

    return [dict(p, quad=QUAD.get(p["type"])) for p in store.place_counts(limit=MAX_PLACES, **f.given())]


PROVINCES = Path(__file__).resolve().parent / "static" / "vendor" / "indonesia-provinces.json"


@lru_cache(maxsize=1)
def provinces() -> dict[str, str]:
    """Indonesia's provinces: GeoNames admin1 code (``IDN.04``) -> name (``DKI Jakarta``), as the
    shipped outlines have them (the gazetteer's; a test keeps them equal), read once."""
    doc = json.loads(PROVINCES.read_text(encoding="utf-8"))
    return {f["properties"]["code"]: f["properties"]["name"] for f in doc["features"]}


def province_counts(store, f: EventFilters) -> list[dict[str, Any]]:
    """Every Indonesian province with how many matching events lie in it (zeros too), counted in
    the database from the events' GeoNames province codes."""
    counts = store.admin1_counts("IDN", **f.given())
    return [{"code": code, "name": name, "count": counts.get(code, 0)} for code, name in sorted(provinces().items())]


def timeline_of(store, actor: str | None, with_: str | None, granularity: str, f: EventFilters) -> dict[str, Any]:
    """The latest events of ``actor`` (with ``with_``; every event when no actor), and the
    counts per period and type over all of them, counted in the database."""
    kw = f.given()
    if actor:
        kw.pop("actor", None)
        kw.pop("recipient", None)
    scope = dict(kw, party=actor, other=with_)
    recs = store.events(**scope, limit=MAX_LIMIT, order="-date")
    counts = store.event_counts(granularity, **scope)  # undated events come with period None
    return aggregate.timeline(recs, _roles(recs, actor) if actor else {}, granularity, actor=actor, with_=with_,
                              counts=counts, total=sum(n for _, _, n in counts))
