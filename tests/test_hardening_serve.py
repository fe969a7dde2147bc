"""The server under load, fuzzed from its OpenAPI schema, and hostile articles in its pages.

* ``bench/load_test.py`` run small (10 clients x 5 s): no errors.
* schemathesis (CLI) against a live server: every GET operation, at most 20 examples each, no 5xx.
* Write access: ``POST /api/documents`` needs the token; other write methods are refused; the
  ``serve`` command binds 127.0.0.1 unless told otherwise.
* Escaping: an article whose title, text and an entity name carry markup and ``javascript:`` URLs,
  ingested through the token-protected API (and one built by hand with the payload as an entity's
  name), shows the payloads only escaped on every page that shows it.
"""
from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from fixtures_serve import TOKEN, LiveServer

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(document.cookie)"
PAYLOADS = [SCRIPT, IMG, "<img src=x onerror=alert(1)>"]


def _load_test_module():
    spec = importlib.util.spec_from_file_location("warta_load_test", ROOT / "bench" / "load_test.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# --------------------------------------------------------------------------- load
def test_hardening_load_test_small_run_has_no_errors(serve_store_path):
    lt = _load_test_module()
    s = lt.run(clients=10, duration=5, db=str(serve_store_path), max_requests=20_000)
    assert s["total"]["errors"] == 0, s["error_samples"]
    assert s["total"]["requests"] > 20
    assert set(s["endpoints"]) == {"events", "search"}
    assert all(v["requests"] > 0 for v in s["endpoints"].values())
    assert 0 < s["total"]["p50_ms"] <= s["total"]["p95_ms"] <= s["total"]["p99_ms"] <= s["total"]["max_ms"]
    assert "req/s" in lt.format_summary(s)


def test_hardening_load_test_refuses_other_hosts_and_unbounded_runs():
    lt = _load_test_module()
    for kw in ({"clients": 0}, {"clients": 10_000}, {"duration": 0}, {"duration": 10_000},
               {"url": "http://example.com"}):
        with pytest.raises(ValueError):
            lt.run(**kw)


# --------------------------------------------------------------------------- schemathesis
def test_hardening_schemathesis_get_operations_never_5xx(live_server, tmp_path):
    exe = shutil.which("schemathesis") or shutil.which("st")
    if exe is None and importlib.util.find_spec("schemathesis") is None:
        pytest.skip("schemathesis is not installed: pip install 'schemathesis>=4'")
    cmd = ([exe] if exe else [sys.executable, "-m", "schemathesis.cli"]) + [
        "run", f"{live_server}/openapi.json", "--include-method", "GET", "--checks", "not_a_server_error",
        "--max-examples", "20", "--phases", "examples,fuzzing", "--seed", "20240917", "--no-shrink",
        "--request-timeout", "30", "--workers", "2", "--generation-database", "none"]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=400, cwd=tmp_path)
    out = r.stdout + r.stderr
    assert r.returncode == 0, out[-6000:]
    assert not re.search(r"Server error|500 Internal", out), out[-6000:]


# --------------------------------------------------------------------------- access
def test_hardening_serve_binds_loopback_by_default():
    import typer.main

    from warta.cli import _register_extensions, app

    _register_extensions()
    cmd = typer.main.get_command(app).commands["serve"]
    host = next(p for p in cmd.params if p.name == "host")
    assert host.default == "127.0.0.1"


def test_hardening_write_endpoints_need_the_token(token_server, live_server):
    url, path = token_server
    art = {"id": "tok.txt", "text": "Jakarta - Presiden bertemu menteri di Istana pada Senin."}
    with httpx.Client(base_url=url, timeout=120) as c:
        assert c.post("/api/documents", json=art).status_code == 401
        for auth in (f"Bearer {TOKEN}x", "Bearer wrong", f"Basic {TOKEN}", f"bearer  {TOKEN[:-1]}", TOKEN,
                     "Bearer x", f"Token {TOKEN}"):
            r = c.post("/api/documents", json=art, headers={"Authorization": auth})
            assert r.status_code in (401, 403), (auth, r.status_code)
        for method in ("PUT", "DELETE", "PATCH"):
            for p in ("/api/documents", "/api/documents/tok.txt", "/api/events", "/api/entities/x"):
                r = c.request(method, p, headers={"Authorization": f"Bearer {TOKEN}"})
                assert r.status_code in (401, 403, 404, 405), (method, p, r.status_code)
        assert c.get("/api/documents").json() == []  # nothing was stored
        r = c.post("/api/documents", json=art, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 201, r.text
    with httpx.Client(base_url=live_server, timeout=60) as c:  # a server without a token: read-only
        r = c.post("/api/documents", json=art, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 403


# --------------------------------------------------------------------------- escaping
def _hostile_entity_document():
    from warta.model import Document, Entity, Mention, Published, Span, content_hash

    name = f"Ali {SCRIPT}{IMG}"
    text = (f"Jakarta - Menteri Ali {SCRIPT} bertemu utusan {IMG} di Istana pada Senin. "
            f"Lihat {JS_URL} untuk rincian.")
    i = text.index("Menteri Ali")
    ent = Entity(id="person/uji-hostile", name=name, type="PER", code="IDN", sector="GOV", aliases=[JS_URL],
                 mentions=[Mention("Menteri Ali", i, i + len("Menteri Ali"))])
    s = text.index(". ") + 1
    t = text.index("bertemu")
    rec = {"id": "hostile0000000000001", "doc": "hostile_entity.txt", "event": ["CONSULT"], "mode": [None],
           "context": [], "actor": [{"code": "IDN", "sector": "GOV", "entity_text": "Menteri Ali",
                                     "identifier_id": None, "identifier_text": name, "entity_id": ent.id,
                                     "start": i, "end": i + 11}],
           "recipient": [], "date": "2021-05-03", "date_info": {"granularity": "day", "text": None, "resolved_from": "text"},
           "event_loc": {"placename": IMG, "country_code3": "IDN", "geonameid": None, "lat": None, "lon": None},
           "modality": "asserted", "attribution": None, "dead": None, "injured": None, "arrested": None, "amounts": [],
           "event_text": ["bertemu"], "trigger": {"start": t, "end": t + 7, "text": "bertemu"},
           "text_info": {"sequence": 0, "start": 0, "end": s, "sentence": text[:s]},
           "confidence": 0.7, "quad_code": 1, "coder": "warta test", "codebook": "plover-1.0"}
    return Document(doc="hostile_entity.txt", doc_id=content_hash(text), text=text, language="id",
                    title=f"Judul {SCRIPT} {IMG}", source=f"Sumber {IMG}", wire=None, dateline="Jakarta",
                    url=JS_URL, published=Published("2021-05-03", "day", "input"), body=(0, len(text)),
                    sentences=[Span("sentence", 0, s, text[:s]), Span("sentence", s + 1, len(text), text[s + 1:])],
                    entities=[ent], events=[rec])


JS_HREF = re.compile(r"""(href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I)


def _assert_escaped(html: str, where: str) -> None:
    for p in PAYLOADS:
        assert p not in html, (where, p)
    assert "<img src=x" not in html and "<script>alert" not in html, where  # JSON islands escape < as \\u003c


def test_hardening_article_markup_reaches_pages_only_escaped(tmp_path):
    from warta.serve import create_app
    from warta.store.store import Store

    article = {
        "id": "hostile_api.txt", "title": f"Presiden {SCRIPT} {IMG}", "url": JS_URL, "source": f"Kabar {IMG}",
        "published": "2023-03-06",
        "text": (f"Jakarta (ANTARA) - Presiden Joko Widodo bertemu Perdana Menteri {SCRIPT} Anthony Albanese "
                 f"di Istana Merdeka pada Senin untuk membahas kerja sama ekonomi {IMG}.\n\n"
                 f"Menteri Luar Negeri Retno Marsudi {IMG} mengecam serangan itu, kata juru bicara "
                 f"kementerian. Rincian di {JS_URL} dan <a href=\"{JS_URL}\">tautan</a>.\n"),
    }
    with Store(tmp_path / "x.db") as store:
        assert store.add(_hostile_entity_document())
        with LiveServer(create_app(store, token=TOKEN)) as srv, httpx.Client(base_url=srv.url, timeout=120) as c:
            r = c.post("/api/documents", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
            assert r.status_code == 201, r.text
            pages: dict[str, str] = {}
            for doc in ("hostile_api.txt", "hostile_entity.txt"):
                d = c.get(f"/api/documents/{quote(doc)}").json()
                assert SCRIPT in d["text"]  # stored as given
                pages[f"article {doc}"] = c.get(f"/documents/{quote(doc)}").text
                for e in d["events"]:
                    pages[f"event {e['id']}"] = c.get(f"/events/{e['id']}").text
                    pages[f"article {doc} at event"] = c.get(f"/documents/{quote(doc)}", params={"event": e["id"]}).text
                for ent in d["entities"]:
                    pages[f"entity {ent['id']}"] = c.get(f"/entities/{quote(ent['id'], safe='/')}").text
            pages["home"] = c.get("/").text
            pages["search"] = c.get("/", params={"q": "Presiden"}).text
            pages["search payload"] = c.get("/", params={"q": SCRIPT}).text
            pages["events"] = c.get("/events").text
            pages["events filtered"] = c.get("/events", params={"actor": "Ali"}).text
            pages["documents"] = c.get("/documents").text
            pages["entities"] = c.get("/entities").text
            pages["network"] = c.get("/network").text
            pages["timeline"] = c.get("/timeline", params={"actor": "person/uji-hostile"}).text
            pages["stories"] = c.get("/stories").text
            for where, html in pages.items():
                assert html.lstrip().lower().startswith("<!doctype html") or "<html" in html[:500].lower(), where
                _assert_escaped(html, where)
            art_page = pages["article hostile_api.txt"]
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in art_page
            assert "&lt;img src=x onerror=alert(1)&gt;" in art_page
            ent_page = pages["entity person/uji-hostile"]
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in ent_page
            assert any("&lt;script&gt;" in pages[k] for k in ("events", "home", "search", "events filtered"))


JS_LINK = ("src/warta/serve/templates/document.html (article page, line `<a href=\"{{ d.url }}\" ...>original</a>`): "
           "an article's url is made a link whatever its scheme, so url='javascript:...' (accepted by "
           "POST /api/documents and the readers) gives <a href=\"javascript:...\">; only http(s) URLs should be links")


def test_hardening_javascript_urls_never_become_links(tmp_path):
    from warta.serve import create_app
    from warta.store.store import Store

    with Store(tmp_path / "x.db") as store:
        assert store.add(_hostile_entity_document())
        with LiveServer(create_app(store, token=TOKEN)) as srv, httpx.Client(base_url=srv.url, timeout=120) as c:
            pages = {p: c.get(p).text for p in ("/documents/hostile_entity.txt", "/events/hostile0000000000001",
                                                "/entities/person/uji-hostile", "/", "/documents", "/events")}
    for where, html in pages.items():
        assert not JS_HREF.search(html), where
