"""warta's serving layer: a FastAPI app with the REST API under ``/api`` and a server-rendered web UI.

>>> from warta.serve import create_app
>>> app = create_app("sqlite:///berita.db", token=None)   # read-only; run with uvicorn

FastAPI is imported when ``create_app`` is first asked for, not with this package: the command
line imports ``warta.serve.cli`` to register ``warta serve`` and should not pay for it.
"""
from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str):
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
