"""``warta serve``: the REST API and web UI over a store, run with uvicorn.

The main CLI calls :func:`register` to add the command.
"""
from __future__ import annotations

import ipaddress
from typing import Annotated, Optional

import typer


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to the ``warta`` Typer app."""

    @app.command()
    def serve(
        db: Annotated[Optional[str], typer.Option("--db", help="SQLAlchemy URL or SQLite file (default: $WARTA_DB or ./warta.db).")] = None,
        host: Annotated[str, typer.Option("--host", help="Address to listen on (default: this machine only).")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000,
        token: Annotated[Optional[str], typer.Option("--token", envvar="WARTA_TOKEN", show_envvar=True,
                                                     help="Accept POST /api/documents with 'Authorization: Bearer TOKEN'; "
                                                          "without it the server is read-only.")] = None,
        log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level.")] = "info",
    ) -> None:
        """Serve the REST API (/api, OpenAPI at /docs) and the web UI over a store."""
        from ..console import err

        try:
            import uvicorn

            from .app import create_app
        except ImportError as e:  # pragma: no cover - depends on the installation
            err.print(f"warta: error: serving needs fastapi, uvicorn and jinja2 ({e})", highlight=False)
            raise typer.Exit(2) from None
        from ..errors import WartaError

        try:
            web = create_app(db, token=token or None)
        except WartaError as e:
            err.print(f"warta: error: {e}", highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None
        if not _is_loopback(host):
            err.print(f"warta: listening on {host}: reachable from other machines"
                      + ("; POST /api/documents is enabled by the token" if token else ""), highlight=False)
        err.print(f"warta: serving {web.state.store._safe_url()} on http://{host}:{port}/ "
                  f"({'ingest enabled with token' if token else 'read-only'})", highlight=False)
        uvicorn.run(web, host=host, port=port, log_level=log_level)
