"""The REST API under ``/api`` (JSON, read-only but for the token-protected ``POST /api/documents``).

Lists are JSON arrays; paging is ``limit`` (at most :data:`~warta.serve.query.MAX_LIMIT`) and
``offset``, and a ``Link: <...>; rel="next"`` header (plus ``X-Has-More``) says when more follow.
"""
from __future__ import annotations

import csv
import io
import json
import secrets
import threading
from collections.abc import Iterator
from typing import Annotated, Any, Literal, Optional, Union

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from ..errors import NotFoundError
from . import aggregate
from .query import (DATE_RE, MAX_DOWNLOAD, MAX_LIMIT, MAX_TEXT, EventFilters, Sort, actor_graph, event_filters,
                    find_events, party_events, place_points, province_counts, timeline_of)

router = APIRouter(prefix="/api")

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size, at most {MAX_LIMIT}.")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="How many to skip.")]
Key = Annotated[str, Query(max_length=MAX_TEXT)]

STORIES_NOTE = ("Stories (clusters of reports of the same events) are not available in this version of the store; "
                "this list stays empty until they are.")


def get_store(request: Request):
    return request.app.state.store


def _paged(request: Request, response: Response, items: list, limit: int, offset: int, more: bool) -> list:
    response.headers["X-Limit"] = str(limit)
    response.headers["X-Offset"] = str(offset)
    response.headers["X-Has-More"] = "true" if more else "false"
    if more:
        nxt = request.url.include_query_params(offset=offset + limit, limit=limit)
        # the configured base URL, else a relative link: the Host header is never echoed
        response.headers["Link"] = f'<{request.app.state.base_url}{nxt.path}?{nxt.query}>; rel="next"'
    return items


def _not_found(e: NotFoundError) -> HTTPException:
    return HTTPException(status_code=404, detail=str(e))


# --------------------------------------------------------------------------- events
@router.get("/events", summary="Events matching every filter given")
def list_events(request: Request, response: Response, f: EventFilters = Depends(event_filters),
                limit: Limit = 50, offset: Offset = 0, sort: Sort = "date", store=Depends(get_store)) -> list[dict[str, Any]]:
    """Event records (``output.md``, with ``text_info``), filtered, sorted and paged."""
    items, more = find_events(store, f, limit, offset, sort)
    return _paged(request, response, items, limit, offset, more)


def _download(store, f: EventFilters, limit: Optional[int], offset: int, sort: str) -> Iterator[dict]:
    """The matching events as a stream (read from the store a chunk at a time)."""
    return store.iter_events(**f.given(), limit=limit or MAX_DOWNLOAD, offset=offset, order=sort)


DLimit = Annotated[Optional[int], Query(ge=1, le=MAX_DOWNLOAD, description=f"At most {MAX_DOWNLOAD} rows (default: all, up to that).")]


@router.get("/events.csv", summary="The same events as CSV (flat columns, lists joined with ';')",
            response_class=StreamingResponse, responses={200: {"content": {"text/csv": {}}}})
def events_csv(f: EventFilters = Depends(event_filters), limit: DLimit = None, offset: Offset = 0, sort: Sort = "date",
               store=Depends(get_store)):
    from ..export.formats import CSV_COLUMNS, flat_event

    items = _download(store, f, limit, offset, sort)

    def rows():
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        w.writeheader()
        for rec in items:
            w.writerow(flat_event(rec))
            if buf.tell() > 65536:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()

    return StreamingResponse(rows(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="warta-events.csv"'})


@router.get("/events.geojson", summary="The same events as GeoJSON (one Point feature per event with coordinates)",
            response_class=StreamingResponse, responses={200: {"content": {"application/geo+json": {}}}})
def events_geojson(f: EventFilters = Depends(event_filters), limit: DLimit = None, offset: Offset = 0,
                   sort: Sort = "date", store=Depends(get_store)):
    from ..export.formats import geojson_chunks

    items = _download(store, f, limit, offset, sort)
    return StreamingResponse(geojson_chunks(items), media_type="application/geo+json",
                             headers={"Content-Disposition": 'attachment; filename="warta-events.geojson"'})


@router.get("/events.jsonl", summary="The same events as JSON Lines (one event record a line)",
            response_class=StreamingResponse, responses={200: {"content": {"application/x-ndjson": {}}}})
def events_jsonl(f: EventFilters = Depends(event_filters), limit: DLimit = None, offset: Offset = 0, sort: Sort = "date",
                 store=Depends(get_store)):
    items = _download(store, f, limit, offset, sort)
    return StreamingResponse((json.dumps(r, ensure_ascii=False) + "\n" for r in items),
                             media_type="application/x-ndjson; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="warta-events.jsonl"'})


@router.get("/events/{event_id}", summary="One event record")
def get_event(event_id: str, store=Depends(get_store)) -> dict[str, Any]:
    try:
        return store.event(event_id)
    except NotFoundError as e:
        raise _not_found(e) from None


# --------------------------------------------------------------------------- documents
@router.get("/documents", summary="Stored articles, newest first")
def list_documents(request: Request, response: Response, limit: Limit = 50, offset: Offset = 0,
                   source: Annotated[Optional[str], Query(max_length=MAX_TEXT, description="Outlet.")] = None,
                   store=Depends(get_store)) -> list[dict[str, Any]]:
    items = store.documents(limit=limit + 1, offset=offset, source=source or None)
    return _paged(request, response, items[:limit], limit, offset, len(items) > limit)


@router.get("/documents/{doc_id:path}", summary="One article: text, sentences, boilerplate, entities and events")
def get_document(doc_id: str, store=Depends(get_store)) -> dict[str, Any]:
    try:
        return store.document(doc_id)
    except NotFoundError as e:
        raise _not_found(e) from None


class ArticleIn(BaseModel):
    """One article to analyse and store (the JSON Lines input format)."""

    id: str = Field(min_length=1, max_length=500)
    text: str = Field(min_length=1, max_length=2_000_000)
    title: Optional[str] = Field(None, max_length=2000)
    published: Optional[str] = Field(None, pattern=DATE_RE)
    source: Optional[str] = Field(None, max_length=500)
    url: Optional[str] = Field(None, max_length=4000)


_articles = TypeAdapter(Union[ArticleIn, list[ArticleIn]])
_analysis_lock = threading.Lock()
MAX_POST = 100  # articles per request
MAX_BODY = 20 * 1024 * 1024


async def _bounded_body(request: Request) -> bytes:
    """The request body, counted while it streams in: past :data:`MAX_BODY` bytes it is 413 at once
    (a chunked body without Content-Length is never read whole first)."""
    too_big = HTTPException(status_code=413, detail=f"at most {MAX_BODY} bytes a request")
    try:
        declared = int(request.headers.get("content-length") or 0)
    except ValueError:
        raise HTTPException(status_code=400, detail="bad Content-Length") from None
    if declared > MAX_BODY:
        raise too_big
    parts, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise too_big
        parts.append(chunk)
    return b"".join(parts)


def _check_token(request: Request) -> None:
    token = request.app.state.token
    if not token:
        raise HTTPException(status_code=403, detail="this server is read-only: start it with --token-file "
                                                    "(or $WARTA_TOKEN) to accept articles")
    auth = request.headers.get("authorization") or ""
    scheme, _, given = auth.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(status_code=401, detail="give the token as 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})
    # the server reads header bytes as latin-1: take them back to bytes and compare with the
    # token's UTF-8, so that a non-ASCII token sent as UTF-8 matches
    if not secrets.compare_digest(given.strip().encode("latin-1", "replace"), token.encode("utf-8")):
        raise HTTPException(status_code=403, detail="wrong token")


@router.post("/documents", summary="Analyse and store articles (needs the server's token)", status_code=201,
             openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {
                 "oneOf": [{"$ref": "#/components/schemas/ArticleIn"},
                           {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}}]}}}}},
             responses={200: {"description": "Every article was already stored: nothing changed."},
                        401: {"description": "No bearer token given."}, 403: {"description": "Read-only server or wrong token."}})
async def post_documents(request: Request, response: Response) -> dict[str, Any]:
    """One article ``{id, text, title?, published?, source?, url?}`` or a list of them (at most 100).

    Each is analysed and stored in its own transaction; one already stored changes nothing
    (the answer is then 200 rather than 201)."""
    _check_token(request)
    raw = await _bounded_body(request)
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as e:
        raise HTTPException(status_code=422, detail=f"the body is not JSON: {e}") from None
    try:
        parsed = _articles.validate_python(body)
    except ValidationError as e:
        raise HTTPException(status_code=422, detail=[{"loc": list(err["loc"]), "msg": err["msg"]} for err in e.errors()]) from None
    items = parsed if isinstance(parsed, list) else [parsed]
    if not items:
        raise HTTPException(status_code=422, detail="no article given")
    if len(items) > MAX_POST:
        raise HTTPException(status_code=422, detail=f"at most {MAX_POST} articles a request")
    from starlette.concurrency import run_in_threadpool

    results = await run_in_threadpool(_ingest, request.app.state.store, items)
    stored = sum(1 for r in results if r["stored"])
    if not stored:
        response.status_code = 200
    return {"stored": stored, "unchanged": len(results) - stored, "results": results}


def _ingest(store, items: list[ArticleIn]) -> list[dict[str, Any]]:
    from ..api import analyze_article
    from ..model import Article

    out = []
    for a in items:
        art = Article(doc=a.id, text=a.text, title=a.title, published=a.published, source=a.source, url=a.url,
                      origin="api")
        if store.has(art.doc_id):
            out.append({"doc": a.id, "doc_id": art.doc_id, "stored": False, "events": None})
            continue
        with _analysis_lock:
            doc = analyze_article(art)
        stored = store.add(doc, origin="api")
        out.append({"doc": doc.doc, "doc_id": doc.doc_id, "stored": stored, "events": len(doc.events)})
    return out


# --------------------------------------------------------------------------- entities
@router.get("/entities", summary="Canonical entities, most mentioned first")
def list_entities(request: Request, response: Response, limit: Limit = 50, offset: Offset = 0,
                  q: Annotated[Optional[str], Query(max_length=MAX_TEXT, description="Name contains.")] = None,
                  type: Annotated[Optional[Literal["PER", "ORG", "GPE", "LOC"]], Query(description="PER | ORG | GPE | LOC")] = None,
                  store=Depends(get_store)) -> list[dict[str, Any]]:
    items = store.entities(q=q or None, type=type, limit=limit + 1, offset=offset)
    return _paged(request, response, items[:limit], limit, offset, len(items) > limit)


@router.get("/entities/{entity_id:path}", summary="One entity: aliases, codes, documents, counterparts")
def get_entity(entity_id: str, store=Depends(get_store)) -> dict[str, Any]:
    from .query import entity_events

    try:
        e = store.entity(entity_id)
    except NotFoundError as err:
        raise _not_found(err) from None
    recs, _ = entity_events(store, e)
    e["events_count"] = len(recs)
    e["counterparts"] = aggregate.counterparts(recs, e["id"])
    return e


# --------------------------------------------------------------------------- canonical events
@router.get("/canonical-events", summary="Canonical events: each real-world event once, with every report of it")
def list_canonical_events(
        request: Request, response: Response,
        actor: Annotated[Optional[str], Query(max_length=MAX_TEXT, description="A party: name (substring), code or entity id.")] = None,
        with_: Annotated[Optional[str], Query(alias="with", max_length=MAX_TEXT, description="Only events also involving this party.")] = None,
        type: Annotated[Optional[str], Query(max_length=MAX_TEXT, description="PLOVER event type, e.g. CONSULT.")] = None,
        since: Annotated[Optional[str], Query(max_length=MAX_TEXT, description="Earliest date: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
        until: Annotated[Optional[str], Query(max_length=MAX_TEXT, description="Latest date: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
        min_reports: Annotated[int, Query(ge=1, le=10**6, description="Only events with at least this many reports.")] = 1,
        limit: Limit = 50, offset: Offset = 0, store=Depends(get_store)) -> list[dict[str, Any]]:
    """What ``warta events --merged`` and ``warta timeline`` list: by date, each with ``sources``
    (its reports) and ``reports``; the filters are checked as for ``/api/events``."""
    from .query import EventFilters, _checked

    _checked(EventFilters(actor=actor or None, recipient=with_ or None, type=type or None, since=since or None,
                          until=until or None))
    items = store.merged_events(actor=actor or None, other=with_ or None, type=type or None, since=since or None,
                                until=until or None, min_reports=min_reports, limit=limit + 1, offset=offset)
    return _paged(request, response, items[:limit], limit, offset, len(items) > limit)


# --------------------------------------------------------------------------- stories, timeline, graph, search
@router.get("/stories", summary="Stories: articles about one unfolding story, with their span and key actors")
def list_stories(response: Response, limit: Limit = 50, offset: Offset = 0, store=Depends(get_store)) -> list[dict[str, Any]]:
    """Stories, largest and latest first: each with its title, time span, key actors and documents
    (near duplicates flagged), as ``warta stories`` lists them."""
    if hasattr(store, "stories"):
        return store.stories(limit=limit, offset=offset)
    response.headers["X-Warta-Note"] = STORIES_NOTE
    return []


Granularity = Literal["month", "year"]


@router.get("/timeline", summary="A party's events ordered by date, with counts per period and type")
def get_timeline(actor: Annotated[Optional[str], Query(max_length=MAX_TEXT, description="Name, code or entity id; "
                                                       "absent: every event.")] = None,
                 with_: Annotated[Optional[str], Query(alias="with", max_length=MAX_TEXT, description="Only events also involving this party.")] = None,
                 granularity: Granularity = "month", f: EventFilters = Depends(event_filters),
                 store=Depends(get_store)) -> dict[str, Any]:
    return build_timeline(store, actor or None, with_ or None, granularity, f)


def build_timeline(store, actor: str | None, with_: str | None, granularity: str, f: EventFilters) -> dict[str, Any]:
    return timeline_of(store, actor, with_, granularity, f)


@router.get("/graph", summary="The actor network: nodes and actor -> recipient edges with counts by type and quad class")
def get_graph(f: EventFilters = Depends(event_filters),
              min_count: Annotated[int, Query(ge=1, le=10**6, description="Drop edges seen fewer times.")] = 1,
              max_nodes: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Keep the most active nodes.")] = 200,
              store=Depends(get_store)) -> dict[str, Any]:
    return actor_graph(store, f, min_count=min_count, max_nodes=max_nodes)


@router.get("/search", summary="Search articles, events and entities at once")
def search(q: Annotated[str, Query(min_length=1, max_length=MAX_TEXT, description="Words to look for.")],
           limit: Annotated[int, Query(ge=1, le=100)] = 20, store=Depends(get_store)) -> dict[str, Any]:
    return {"query": q, "documents": store.search(q, limit=limit), "events": store.events(q=q, limit=limit),
            "entities": store.entities(q=q, limit=limit)}


@router.get("/stats", summary="How much the store holds, and from which sources")
def stats(store=Depends(get_store)) -> dict[str, Any]:
    return {"counts": store.count(), "sources": store.sources()}


@router.get("/places", summary="Events whose place has coordinates (for the map)")
def get_places(f: EventFilters = Depends(event_filters), store=Depends(get_store)) -> list[dict[str, Any]]:
    return place_points(store, f)


@router.get("/provinces", summary="Indonesia's provinces with their numbers of matching events (for the map's choropleth)")
def get_provinces(f: EventFilters = Depends(event_filters), store=Depends(get_store)) -> list[dict[str, Any]]:
    return province_counts(store, f)


@router.get("/places/events", summary="The matching events at one map point (latitude and longitude as /api/places gives them)")
def get_place_events(lat: Annotated[float, Query(ge=-90, le=90)], lon: Annotated[float, Query(ge=-180, le=180)],
                     f: EventFilters = Depends(event_filters),
                     limit: Annotated[int, Query(ge=1, le=500)] = 50, store=Depends(get_store)) -> list[dict[str, Any]]:
    return store.events_at(lat, lon, limit=limit, **f.given())
