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


def create_app(store: Any = None, *, token: str | None = None) -> FastAPI:
    """The app serving ``store`` (a :class:`warta.Store`, a URL/path, or None for the default store).

    ``token`` (default ``$WARTA_TOKEN``) enables ``POST /api/documents`` for requests carrying
    ``Authorization: Bearer <token>``; without one the server is read-only.
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
    app.state.store = st
    app.state.token = token

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        resp = await call_next(request)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        resp.headers.setdefault("X-Frame-Options", "DENY")
        if resp.headers.get("content-type", "").startswith("text/html"):
            resp.headers.setdefault("Content-Security-Policy", CSP)
        return resp

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        msg = _messages(errors)
        if _wants_json(request):
            return JSONResponse({"detail": errors, "message": msg}, status_code=422)
        from .ui import error_page

        return error_page(request, 422, "That request has a malformed parameter", msg)

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

    from . import api, ui

    app.include_router(api.router)
    app.include_router(ui.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
