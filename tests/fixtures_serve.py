"""Fixtures for the serving layer's tests (``warta serve``): registered from the global conftest.

* ``serve_store_path``: a SQLite store (one per test session) holding the built-in examples,
  analysed by the pipeline, plus :data:`HOSTILE_DOCS`, built by hand: article text and entity
  names carrying ``<script>`` payloads, quotes, ``%``/``_`` and non-Latin script, and events
  with coordinates (for the map).
* ``live_server``: a real uvicorn server on 127.0.0.1 (a free port) serving that store
  read-only, in a background thread; its base URL. ``token_server``: a fresh store served with
  a token (``TOKEN``), for ``POST /api/documents``; yields ``(url, store_path)``.
* ``http``: an ``httpx.Client`` on ``live_server``.
* ``browser``: Debian's Chromium driven by Playwright (one per test module), for the browser
  tests; :func:`shot` saves a page's screenshot under ``test-artifacts/``.
"""
from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from warta.model import Document, Entity, Mention, Published, Span, content_hash

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


TOKEN = "s3cret-test-token"
XSS = "<script>window.__xss=1</script>"
XSS_NAME = "<img src=x onerror=window.__xss=2>Ali"


def _sentences(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    while pos < len(text):
        nxt = text.find(". ", pos)
        end = len(text) if nxt < 0 else nxt + 1
        if text[pos:end].strip():
            out.append((pos, end))
        pos = end + 1 if nxt >= 0 else len(text)
    return out


def _arg(text: str, words: str, code: str, name: str, entity_id: str | None, sector: str = "GOV", within: int = 0) -> dict:
    i = text.index(words, within)
    return {"code": code, "sector": sector, "entity_text": words, "identifier_id": None, "identifier_text": name,
            "entity_id": entity_id, "start": i, "end": i + len(words)}


def _record(doc: str, text: str, sent: tuple[int, int], seq: int, *, type: str, trigger: str, actor: list[dict],
            recipient: list[dict], date: str | None, quad: int, modality: str = "asserted",
            lat: float | None = None, lon: float | None = None, place: str | None = None) -> dict:
    s, e = sent
    t = text.index(trigger, s)
    return {
        "id": hashlib.sha256(f"{doc}|{s}|{e}|{type}".encode()).hexdigest()[:20], "doc": doc,
        "event": [type], "mode": [None], "context": ["diplomatic"], "actor": actor, "recipient": recipient,
        "date": date, "date_info": {"granularity": "day" if date and len(date) == 10 else "month", "text": None,
                                    "resolved_from": "text"},
        "event_loc": {"placename": place, "country_code3": "IDN" if place else None, "geonameid": None,
                      "lat": lat, "lon": lon},
        "modality": modality, "attribution": None, "dead": None, "injured": None, "arrested": None, "amounts": [],
        "event_text": [trigger], "trigger": {"start": t, "end": t + len(trigger), "text": trigger},
        "text_info": {"sequence": seq, "start": s, "end": e, "sentence": text[s:e]},
        "confidence": 0.7, "quad_code": quad, "coder": "warta test", "codebook": "plover-1.0",
    }


def _document(doc: str, text: str, entities: list[tuple[str, str, str, str, list[str]]], events: list[dict]) -> Document:
    ents = []
    for eid, name, code, etype, forms in entities:
        ments = []
        for f in forms:
            i = text.find(f)
            while i >= 0:
                ments.append(Mention(f, i, i + len(f)))
                i = text.find(f, i + 1)
        ents.append(Entity(id=eid, name=name, type=etype, code=code, sector="GOV", aliases=[], mentions=ments))
    sents = _sentences(text)
    return Document(doc=doc, doc_id=content_hash(text), text=text, language="id", title=None, source="Uji Coba",
                    wire=None, dateline="Jakarta", published=Published("2021-05-03", "day", "input"),
                    body=(0, len(text)), sentences=[Span("sentence", s, e, text[s:e]) for s, e in sents],
                    entities=ents, events=events)


def hostile_documents() -> list[Document]:
    """Hand-made documents whose text and names try to break out of HTML, SQL and LIKE."""
    t1 = (f"Jakarta - Menteri Ali {XSS} bertemu Perdana Menteri O'Brien di Istana pada Senin. "
          "Kedua pihak sepakat 100% soal kerja_sama \"baru\" & lain-lain.")
    s1 = _sentences(t1)
    ev1 = [
        _record("uji_xss.txt", t1, s1[0], 0, type="CONSULT", trigger="bertemu",
                actor=[_arg(t1, "Menteri Ali", "IDN", XSS_NAME, "person/uji-ali")],
                recipient=[_arg(t1, "O'Brien", "IRL", "O'Brien", "person/uji-obrien")],
                date="2021-05-03", quad=1, lat=-6.1754, lon=106.8272, place="Istana Merdeka"),
        _record("uji_xss.txt", t1, s1[1], 1, type="AGREE", trigger="sepakat",
                actor=[_arg(t1, "Kedua pihak", "IDN", "Kedua pihak", None)],
                recipient=[], date="2021-05", quad=1),
    ]
    d1 = _document("uji_xss.txt", t1, [("person/uji-ali", XSS_NAME, "IDN", "PER", ["Menteri Ali"]),
                                       ("person/uji-obrien", "O'Brien", "IRL", "PER", ["O'Brien"])], ev1)
    t2 = "Tokyo - 日本の外務大臣 Ñandú mengecam serangan di Gaza pada Selasa (4/5/2021). Dia menuntut gencatan senjata."
    s2 = _sentences(t2)
    ev2 = [
        _record("uji_unicode.txt", t2, s2[0], 0, type="ACCUSE", trigger="mengecam",
                actor=[_arg(t2, "日本の外務大臣 Ñandú", "JPN", "Ñandú", "person/uji-nandu")],
                recipient=[_arg(t2, "Gaza", "PSE", "Gaza", None, sector="REB")],
                date="2021-05-04", quad=3, modality="asserted"),
    ]
    d2 = _document("uji_unicode.txt", t2, [("person/uji-nandu", "Ñandú", "JPN", "PER", ["日本の外務大臣 Ñandú"])], ev2)
    return [d1, d2]


# --------------------------------------------------------------------------- servers
def free_socket() -> socket.socket:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    return s


class LiveServer:
    """A uvicorn server for ``app`` on 127.0.0.1 in a daemon thread."""

    def __init__(self, app):
        import uvicorn

        self.sock = free_socket()
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
        self.sock.close()


@pytest.fixture(scope="session")
def serve_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the built-in examples (analysed) and the hostile hand-made documents."""
    from warta.api import examples_dir, ingest
    from warta.store.store import Store

    path = tmp_path_factory.mktemp("serve") / "serve.db"
    with Store(path) as store:
        report = ingest([examples_dir()], store)
        assert report.ok, [str(f) for f in report.failures]
        for d in hostile_documents():
            assert store.add(d)
    return path


@pytest.fixture(scope="session")
def live_server(serve_store_path: Path) -> Iterator[str]:
    """Base URL of a read-only server over ``serve_store_path``."""
    from warta.serve import create_app
    from warta.store.store import Store

    with Store(serve_store_path) as store, LiveServer(create_app(store, token="")) as srv:
        yield srv.url


@pytest.fixture
def http(live_server: str):
    import httpx

    with httpx.Client(base_url=live_server, timeout=60) as c:
        yield c


@pytest.fixture
def serve_store(serve_store_path: Path):
    """The session store, opened for reading what the server should answer."""
    from warta.store.store import Store

    with Store(serve_store_path) as s:
        yield s


@pytest.fixture
def token_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A server that accepts ``POST /api/documents`` with ``Bearer TOKEN``, over a fresh store."""
    from warta.serve import create_app
    from warta.store.store import Store

    path = tmp_path / "ingest.db"
    with Store(path) as store, LiveServer(create_app(store, token=TOKEN)) as srv:
        yield srv.url, path
