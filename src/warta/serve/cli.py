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


#: uvicorn's connection limits: an idle keep-alive connection is closed after this many seconds,
#: a request's head may not grow past this many bytes, and no more connections are served at once
KEEP_ALIVE_S = 5
MAX_HEAD_BYTES = 64 * 1024
MAX_CONNECTIONS = 200
HEAD_TIMEOUT_S = 10.0  # a request head must arrive within this many seconds (serve/connections.py)


def read_token(token_file: str | None) -> str | None:
    """The write token: from ``--token-file`` (its first line), else ``$WARTA_TOKEN``, else none."""
    import os

    if token_file:
        from pathlib import Path

        try:
            first = Path(token_file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as e:
            raise typer.BadParameter(f"cannot read the token file {token_file}: {e}") from None
        token = first[0].strip() if first else ""
        if not token:
            raise typer.BadParameter(f"the token file {token_file} is empty")
        return token
    return os.environ.get("WARTA_TOKEN") or None


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to the ``warta`` Typer app."""

    @app.command()
    def serve(
        db: Annotated[Optional[str], typer.Option("--db", help="SQLAlchemy URL or SQLite file (default: $WARTA_DB or ./warta.db).")] = None,
        host: Annotated[str, typer.Option("--host", help="Address to listen on (default: this machine only).")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000,
        token_file: Annotated[Optional[str], typer.Option(
            "--token-file", help="Accept POST /api/documents with 'Authorization: Bearer TOKEN', TOKEN being this "
                                 "file's first line (or set $WARTA_TOKEN); without a token the server is read-only.")] = None,
        allow_host: Annotated[Optional[list[str]], typer.Option(
            "--allow-host", help="Also answer requests for this Host name (repeatable; '*' for any). "
                                 "By default only 127.0.0.1, localhost and ::1 are answered.")] = None,
        base_url: Annotated[Optional[str], typer.Option(
            "--base-url", help="Public address written into Link headers, e.g. https://warta.example.org "
                               "(default: relative links).")] = None,
        log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level.")] = "info",
        head_timeout: Annotated[float, typer.Option(
            "--head-timeout", min=0.1, help="Close a connection whose request head has not arrived after this many "
                                            "seconds (a silent or trickling client).")] = HEAD_TIMEOUT_S,
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

        token = read_token(token_file)
        hosts = list(allow_host or [])
        if not _is_loopback(host) and host not in ("0.0.0.0", "::"):
            hosts.append(host)
        try:
            web = create_app(db, token=token, allowed_hosts=hosts, base_url=base_url)
        except WartaError as e:
            err.print(f"warta: error: {e}", highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None
        if not _is_loopback(host):
            err.print(f"warta: listening on {host}: reachable from other machines"
                      + ("; POST /api/documents is enabled by the token" if token else ""), highlight=False)
        err.print(f"warta: serving {web.state.store._safe_url()} on http://{host}:{port}/ "
                  f"({'ingest enabled with token' if token else 'read-only'})", highlight=False)
        from .connections import head_timeout_protocol

        uvicorn.run(web, host=host, port=port, log_level=log_level, timeout_keep_alive=KEEP_ALIVE_S,
                    h11_max_incomplete_event_size=MAX_HEAD_BYTES, limit_concurrency=MAX_CONNECTIONS,
                    http=head_timeout_protocol(head_timeout))
