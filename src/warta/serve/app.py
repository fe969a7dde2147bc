"""The FastAPI application: REST API (:mod:`.api`), web pages (:mod:`.ui`), static files, OpenAPI.

``create_app(store_or_url, token=...)`` builds it; ``warta serve`` runs it with uvicorn.
Nothing is fetched from elsewhere at run time: the front-end libraries (and Swagger UI for
``/docs``) are served from ``static/vendor``.
"""
from __future__ import annotations

import os
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__

HERE = Path(__file__).parent
STATIC = HERE / "static"

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")


def _wants_json(request: Request) -> bool:
    p = request.url.path
    return p.startswith("/api") or p.startswith("/openapi") or "text/html" not in (request.headers.get("accept") or "")


def _messages(errors: list[dict[str, Any]]) -> str:
    parts = []
    for e in errors:
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body")]
        parts.append(f"{'.'.join(loc) or 'request'}: {e.get('msg')}")
    return "; ".join(parts)


#: the Host headers every server answers: its loopback names (others only by ``--allow-host``, so
#: that a page of another site cannot reach a local server through DNS rebinding)
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
#: no one database statement of a request runs longer than this (seconds)
STATEMENT_TIMEOUT_S = 10.0
_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n\r"} | {"\x7f"}


def _host_name(host: str) -> str:
    """The name of a Host header without its port: ``[::1]:8000`` -> ``[::1]``, ``a:80`` -> ``a``."""
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def create_app(store: Any = None, *, token: str | None = None, allowed_hosts: list[str] | None = None,
               base_url: str | None = None, statement_timeout: float = STATEMENT_TIMEOUT_S) -> FastAPI:
    """The app serving ``store`` (a :class:`warta.Store`, a URL/path, or None for the default store).

    ``token`` (default ``$WARTA_TOKEN``) enables ``POST /api/documents`` for requests carrying
    ``Authorization: Bearer <token>``; without one the server is read-only. ``allowed_hosts``: the
    Host names answered besides the loopback ones (a foreign Host gets 400). ``base_url``: the
    address written into ``Link`` headers (default: relative links). ``statement_timeout``: no
    database statement runs longer (seconds; the request then gets 503).
    """
    from ..store.store import Store

    owned = not hasattr(store, "events")
    st = Store(store, create=bool(token)) if owned else store  # read-only: a missing store is an error, not a new one
    if token is None:
        token = os.environ.get("WARTA_TOKEN") or None

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        if owned:
            st.close()

    app = FastAPI(
        title="warta", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
        description="Indonesian news in, sourced PLOVER political event data out. Read-only REST API over a "
                    "warta store; `POST /api/documents` needs the server's bearer token.",
    )
    if hasattr(st, "engine"):
        from ..store.dialects import statement_timeout as limit_statements

        limit_statements(st.engine, statement_timeout)
    app.state.store = st
    app.state.token = token
    app.state.base_url = (base_url or "").rstrip("/")
    hosts = {h.lower() for h in (*LOOPBACK_HOSTS, *(allowed_hosts or []))}

    _add_guards(app, hosts)
    _add_error_handlers(app, statement_timeout)

    from . import api, ui

    app.include_router(api.router)
    app.include_router(ui.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _add_guards(app: FastAPI, hosts: set[str]) -> None:
    """Middleware: the Host and parameter checks, and the security headers of every response."""

    @app.middleware("http")
    async def guard(request: Request, call_next):
        """A foreign Host is 400; a control character (NUL...) in a parameter is 422."""
        host = (request.headers.get("host") or "").lower()
        if "*" not in hosts and _host_name(host) not in hosts:
            return JSONResponse({"detail": f"host {host!r} is not served here (warta serve --allow-host)",
                                 "message": "invalid Host header"}, status_code=400)
        for key, value in [("path", request.url.path), *request.query_params.multi_items()]:
            if _CONTROL & set(key + value):
                msg = f"{key}: control characters are not allowed"
                return JSONResponse({"detail": [{"loc": ["query", key], "msg": msg, "type": "value_error"}],
                                     "message": msg}, status_code=422)
        return await call_next(request)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        resp = await call_next(request)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        resp.headers.setdefault("X-Frame-Options", "DENY")
        if resp.headers.get("content-type", "").startswith("text/html"):
            resp.headers.setdefault("Content-Security-Policy", CSP)
        return resp


def _add_error_handlers(app: FastAPI, statement_timeout: float) -> None:
    """Errors answered as JSON for API clients and as pages for browsers: 422, 503, HTTP errors."""

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        msg = _messages(errors)
        if _wants_json(request):
            return JSONResponse({"detail": errors, "message": msg}, status_code=422)
        from .ui import error_page

        return error_page(request, 422, "That request has a malformed parameter", msg)

    @app.exception_handler(OperationalError)
    async def too_slow(request: Request, exc: OperationalError):
        from ..store.dialects import is_timeout

        if not is_timeout(exc):
            raise exc
        msg = f"the query took longer than {statement_timeout:g} s: narrow the filters"
        if _wants_json(request):
            return JSONResponse({"detail": msg, "message": msg}, status_code=503)
        from .ui import error_page

        return error_page(request, 503, "Too slow", msg)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail
        if _wants_json(request):
            msg = detail if isinstance(detail, str) else _messages(detail) if isinstance(detail, list) else str(detail)
            return JSONResponse({"detail": detail, "message": msg}, status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        from .ui import error_page

        title = {404: "Not found", 401: "Not allowed", 403: "Not allowed"}.get(exc.status_code, "Error")
        return error_page(request, exc.status_code, title, detail if isinstance(detail, str) else str(detail))
