"""The web pages: server-rendered Jinja2 templates (autoescaped), charts drawn by ``static/app.js``.

Data for the charts travels inside the page as ``<script type="application/json">`` blocks
(``|tojson`` escapes ``<``, ``>``, ``&`` and quotes), so no page runs inline script and the
Content-Security-Policy can forbid it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import __version__
from ..errors import NotFoundError
from . import aggregate
from .api import STORIES_NOTE, build_timeline, get_store
from .query import (MAX_DOWNLOAD, MAX_LIMIT, MAX_TEXT, MODALITIES, EventFilters, actor_graph, entity_events, find_events,
                    html_filters, place_points, province_counts)

router = APIRouter(include_in_schema=False)

env = Environment(loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
                  autoescape=select_autoescape(default=True, default_for_string=True), trim_blocks=True, lstrip_blocks=True)
env.globals["version"] = __version__
env.globals["modalities"] = MODALITIES
env.globals["quad_names"] = aggregate.QUAD_NAMES
env.filters["snippet"] = aggregate.snippet_html


def _url(path: str, **params: Any) -> str:
    qs = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return path + ("?" + qs if qs else "")


env.globals["url"] = _url


def render(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    html = env.get_template(name).render(request=request, path=request.url.path, **ctx)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, title: str, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, title=title, message=message)


def _args(rec: dict[str, Any], role: str) -> list[dict[str, Any]]:
    return [{"label": aggregate.node_label(a), "code": a.get("code"), "sector": a.get("sector"),
             "entity_id": a.get("entity_id"), "text": a.get("entity_text")} for a in rec.get(role) or []]


env.globals["args"] = _args

Page = Query(1, ge=1, le=10**6)
PerPage = Query(50, ge=1, le=MAX_LIMIT)


# --------------------------------------------------------------------------- pages
@router.get("/", response_class=HTMLResponse)
def home(request: Request, q: Optional[str] = Query(None, max_length=MAX_TEXT), store=Depends(get_store)):
    q = (q or "").strip() or None
    results = None
    if q:
        results = {"documents": store.search(q, limit=20), "events": store.events(q=q, limit=20),
                   "entities": store.entities(q=q, limit=20)}
    return render(request, "home.html", q=q, results=results, counts=store.count(), sources=store.sources()[:10],
                  documents=store.documents(limit=10), entities=store.entities(limit=12),
                  events=find_events(store, EventFilters(), 10, 0, "-date")[0])


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, f: EventFilters = Depends(html_filters), page: int = Page, per_page: int = PerPage,
                sort: str = Query("-date", pattern=r"^-?(date|doc|type|confidence)$"), store=Depends(get_store)):
    """The event table, newest first unless another sort is chosen."""
    offset = (page - 1) * per_page
    items, more = find_events(store, f, per_page, offset, sort)
    given = f.given()
    return render(request, "events.html", f=f, given=given, items=items, page=page, per_page=per_page, more=more,
                  sort=sort, offset=offset,
                  csv_url=_url("/api/events.csv", **given, sort=sort), jsonl_url=_url("/api/events.jsonl", **given, sort=sort),
                  api_url=_url("/api/events", **given, sort=sort, limit=per_page, offset=offset))


def _document_page(request: Request, store, key: str, event_id: str | None):
    try:
        d = store.document(key)
    except NotFoundError as e:
        raise HTTPException(404, str(e)) from None
    event = None
    if event_id:
        event = next((e for e in d["events"] if e.get("id") == event_id), None)
        if event is None:
            raise HTTPException(404, f"no event {event_id!r} in document {key!r}")
    text = d["text"]
    html = aggregate.highlight(text, aggregate.marks_for(event, text)) if event else aggregate.highlight(text, [])
    return render(request, "document.html", d=d, event=event, text_html=html)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str, store=Depends(get_store)):
    try:
        rec = store.event(event_id)
    except NotFoundError as e:
        raise HTTPException(404, str(e)) from None
    return _document_page(request, store, rec["doc"], event_id)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, page: int = Page, source: Optional[str] = Query(None, max_length=MAX_TEXT),
                   store=Depends(get_store)):
    per = 50
    items = store.documents(limit=per + 1, offset=(page - 1) * per, source=source or None)
    return render(request, "documents.html", items=items[:per], more=len(items) > per, page=page, source=source)


@router.get("/documents/{key:path}", response_class=HTMLResponse)
def document_page(request: Request, key: str, event: Optional[str] = Query(None, max_length=MAX_TEXT),
                  store=Depends(get_store)):
    return _document_page(request, store, key, event)


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, q: Optional[str] = Query(None, max_length=MAX_TEXT), page: int = Page,
                  store=Depends(get_store)):
    per = 100
    items = store.entities(q=(q or "").strip() or None, limit=per + 1, offset=(page - 1) * per)
    return render(request, "entities.html", items=items[:per], more=len(items) > per, page=page, q=q)


@router.get("/entities/{key:path}", response_class=HTMLResponse)
def entity_page(request: Request, key: str, store=Depends(get_store)):
    try:
        e = store.entity(key)
    except NotFoundError as err:
        raise HTTPException(404, str(err)) from None
    recs, roles = entity_events(store, e)
    tl = aggregate.timeline(recs, roles, actor=e["id"])
    g = aggregate.graph(recs, max_nodes=60)
    return render(request, "entity.html", e=e, events=sorted(recs, key=lambda r: r.get("date") or "~"), roles=roles,
                  timeline=tl, graph=g, counterparts=aggregate.counterparts(recs, e["id"]))


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, store=Depends(get_store)):
    items = store.stories(limit=100, offset=0) if hasattr(store, "stories") else []
    return render(request, "stories.html", items=items, note=None if hasattr(store, "stories") else STORIES_NOTE)


#: actors the network page starts with (by event count): more than about 30 labelled nodes no
#: longer read on a screen; the page offers the next 30 at a time
TOP_ACTORS = 30


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, f: EventFilters = Depends(html_filters),
                 min_count: int = Query(1, ge=1, le=10**6), max_nodes: int = Query(TOP_ACTORS, ge=1, le=MAX_LIMIT),
                 store=Depends(get_store)):
    """The most active actors first (TOP_ACTORS of them), labelled, in a force-directed layout; a
    link shows TOP_ACTORS more."""
    g = actor_graph(store, f, min_count=min_count, max_nodes=max_nodes)
    more = min(max_nodes + TOP_ACTORS, MAX_LIMIT)
    return render(request, "network.html", f=f, graph=g, min_count=min_count, max_nodes=max_nodes,
                  more_url=_url("/network", **f.given(), min_count=min_count, max_nodes=more)
                  if g["total_nodes"] > len(g["nodes"]) else None,
                  fewer_url=_url("/network", **f.given(), min_count=min_count, max_nodes=max(TOP_ACTORS, max_nodes - TOP_ACTORS))
                  if max_nodes > TOP_ACTORS else None,
                  api_url=_url("/api/graph", **f.given(), min_count=min_count, max_nodes=max_nodes))


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, actor: Optional[str] = Query(None, max_length=MAX_TEXT),
                  with_: Optional[str] = Query(None, alias="with", max_length=MAX_TEXT),
                  granularity: str = Query("month", pattern="^(month|year)$"),
                  f: EventFilters = Depends(html_filters), store=Depends(get_store)):
    actor = (actor or "").strip() or None
    with_ = (with_ or "").strip() or None
    f.actor = f.recipient = None
    tl = build_timeline(store, actor, with_, granularity, f)
    return render(request, "timeline.html", f=f, actor=actor, with_=with_, granularity=granularity, timeline=tl,
                  api_url=_url("/api/timeline", **f.given(), actor=actor, **{"with": with_}, granularity=granularity))


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, f: EventFilters = Depends(html_filters), store=Depends(get_store)):
    """Points by place and type (clustered in the browser when dense) and Indonesia's provinces
    coloured by their number of events."""
    return render(request, "map.html", f=f, points=place_points(store, f), provinces=province_counts(store, f),
                  total=store.count_events(**f.given()))


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request):
    """Swagger UI for ``/openapi.json``, served from ``static/vendor`` (no CDN)."""
    return render(request, "docs.html")


@router.get("/healthz")
def healthz(store=Depends(get_store)) -> dict[str, Any]:
    return {"ok": True, "version": __version__, "counts": store.count()}
