"""warta's serving layer: a FastAPI app with the REST API under ``/api`` and a server-rendered web UI.

>>> from warta.serve import create_app
>>> app = create_app("sqlite:///berita.db", token=None)   # read-only; run with uvicorn
"""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
