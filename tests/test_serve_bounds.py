"""Serving under abuse: every read answered in SQL and bounded, the Host checked, control
characters refused, bodies and lines counted while they stream, the token compared as UTF-8.

The store here is synthetic (``warta.synthetic``): the expected answers are computed from the
records that were written, independently of the store's queries and of the server."""
from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import httpx
import pytest

from warta import synthetic
from warta.serve import aggregate
from warta.store.store import Store

N_EVENTS = 400


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory):
    """A synthetic store, the records written into it, and a live read-only server over it."""
    from fixtures_serve import LiveServer
    from warta.serve import create_app

    path = tmp_path_factory.mktemp("bounds") / "bounds.db"
    records = [e for d in synthetic.documents(N_EVENTS) for e in d.events]
    with Store(path) as store:
        synthetic.fill(store, N_EVENTS)
        with LiveServer(create_app(store, token="", allowed_hosts=["warta.example"])) as srv:
            yield store, records, srv.url


def test_serve_bounds_foreign_host_is_refused(synth):
    _, _, url = synth
    r = httpx.get(url + "/api/events", headers={"Host": "evil.example"})
    assert r.status_code == 400
    assert "evil.example" in r.json()["detail"]


def test_serve_bounds_loopback_and_allowed_hosts_are_served(synth):
    _, _, url = synth
    port = url.rsplit(":", 1)[1]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "warta.example", f"WARTA.example:{port}"):
        assert httpx.get(url + "/api/stats", headers={"Host": host}).status_code == 200, host


@pytest.mark.parametrize("query", ["actor=%00", "q=a%01b", "type=CONSULT&mode=%1b", "recipient=x%7f"])
def test_serve_bounds_control_characters_are_422(synth, query):
    _, _, url = synth
    r = httpx.get(f"{url}/api/events?{query}")
    assert r.status_code == 422
    assert "control characters" in r.json()["message"]


def test_serve_bounds_sort_by_confidence_is_exact(synth):
    _, records, url = synth
    top = sorted((r["confidence"] for r in records), reverse=True)[:7]
    got = httpx.get(url + "/api/events", params={"sort": "-confidence", "limit": 7}).json()
    assert [e["confidence"] for e in got] == top
    low = sorted(r["confidence"] for r in records)[:3]
    got = httpx.get(url + "/api/events", params={"sort": "confidence", "limit": 3}).json()
    assert [e["confidence"] for e in got] == low


def test_serve_bounds_sort_by_type_and_newest_first(synth):
    _, records, url = synth
    got = httpx.get(url + "/api/events", params={"sort": "type", "limit": 500}).json()
    assert len(got) == len(records)
    assert [(e["event"][0]) for e in got] == sorted(r["event"][0] for r in records)
    newest = max(r["date"] for r in records)
    assert httpx.get(url + "/api/events", params={"sort": "-date", "limit": 1}).json()[0]["date"] == newest


@pytest.mark.parametrize("value", ["erdogan", "ERDOĞAN", "Erdoğan", "tayyip erd"])
def test_serve_bounds_actor_filter_folds_case_and_accents_in_sql(synth, value):
    _, records, url = synth
    expected = sum(1 for r in records if r["actor"][0]["identifier_text"] == "Recep Tayyip Erdoğan")
    assert expected > 0
    got = httpx.get(url + "/api/events", params={"actor": value, "limit": 500}).json()
    assert len(got) == expected
    assert all(e["actor"][0]["identifier_text"] == "Recep Tayyip Erdoğan" for e in got)


@pytest.mark.parametrize("value", ["%", "_", "\\"])
def test_serve_bounds_wildcards_are_literal(synth, value):
    _, _, url = synth
    assert httpx.get(url + "/api/events", params={"actor": value}).json() == []


def test_serve_bounds_graph_counted_in_sql_equals_the_records(synth):
    _, records, url = synth
    expected = aggregate.graph(records)
    got = httpx.get(url + "/api/graph", params={"max_nodes": 500}).json()
    assert {(e["source"], e["target"], e["count"]) for e in got["edges"]} == \
           {(e["source"], e["target"], e["count"]) for e in expected["edges"]}
    assert {(n["id"], n["events"], n["label"]) for n in got["nodes"]} == \
           {(n["id"], n["events"], n["label"]) for n in expected["nodes"]}
    first = got["edges"][0]
    assert first["types"] == next(e for e in expected["edges"] if e["id"] == first["id"])["types"]


def test_serve_bounds_timeline_counted_in_sql_equals_the_records(synth):
    _, records, url = synth
    per_month = Counter(r["date"][:7] for r in records)
    got = httpx.get(url + "/api/timeline").json()
    assert {s["period"]: s["total"] for s in got["series"] if s["total"]} == dict(per_month)
    assert got["series"][0]["period"] == min(per_month) and got["series"][-1]["period"] == max(per_month)
    assert got["total"] == len(records) and got["undated"] == 0
    assert len(got["events"]) <= 500


def test_serve_bounds_party_timeline_counts_every_event_of_the_party(synth):
    _, records, url = synth
    mine = [r for r in records if "Q4" in {r["actor"][0]["entity_id"], r["recipient"][0]["entity_id"]}]
    got = httpx.get(url + "/api/timeline", params={"actor": "Q4", "granularity": "year"}).json()
    assert {s["period"]: s["total"] for s in got["series"] if s["total"]} == dict(Counter(r["date"][:4] for r in mine))
    roles = Counter(e["role"] for e in got["events"])
    assert roles["actor"] == sum(1 for r in mine if r["actor"][0]["entity_id"] == "Q4")


def test_serve_bounds_map_points_count_events_by_place_and_type(synth):
    _, records, url = synth
    expected = Counter((r["event_loc"]["placename"], r["event"][0]) for r in records)
    got = httpx.get(url + "/api/places").json()
    assert {(p["place"], p["type"]): p["count"] for p in got} == dict(expected)


def test_serve_bounds_unknown_entity_is_404_and_aliases_fold(synth):
    store, _, url = synth
    assert httpx.get(url + "/api/entities/nobody-at-all").status_code == 404
    assert store.entity("RECEP TAYYIP ERDOGAN")["id"] == "Q6"


def test_serve_bounds_next_link_is_relative_without_a_base_url(synth):
    _, _, url = synth
    r = httpx.get(url + "/api/events", params={"limit": 2}, headers={"Host": "warta.example"})
    link = r.headers["link"]
    assert link.startswith("</api/events?") and "warta.example" not in link


def test_serve_bounds_next_link_uses_the_configured_base_url(tmp_path: Path):
    from fastapi.testclient import TestClient

    from warta.serve import create_app

    with Store(tmp_path / "b.db") as store:
        synthetic.fill(store, 10)
        client = TestClient(create_app(store, token="", allowed_hosts=["testserver"], base_url="https://news.example/"))
        r = client.get("/api/events", params={"limit": 2})
    assert r.headers["link"].startswith("<https://news.example/api/events?")


def test_serve_bounds_chunked_body_over_the_limit_is_413(token_server, monkeypatch):
    from warta.serve import api

    monkeypatch.setattr(api, "MAX_BODY", 4096)
    url, _ = token_server
    sent = {"bytes": 0}

    def body():
        for _ in range(64):
            sent["bytes"] += 1024
            yield b" " * 1024

    r = httpx.post(url + "/api/documents", content=body(), headers={"Authorization": "Bearer " + _token()})
    assert r.status_code == 413


def _token() -> str:
    from fixtures_serve import TOKEN

    return TOKEN


def test_serve_bounds_non_ascii_token_matches_as_utf8(tmp_path: Path):
    from fixtures_serve import LiveServer
    from warta.serve import create_app

    token = "rahasia-ñ-ß"
    with Store(tmp_path / "t.db") as store, LiveServer(create_app(store, token=token)) as srv:
        auth = ("Bearer " + token).encode("utf-8")
        ok = httpx.post(srv.url + "/api/documents", content=b"[]", headers={"Authorization": auth})
        wrong = httpx.post(srv.url + "/api/documents", content=b"[]",
                           headers={"Authorization": ("Bearer " + token).encode("latin-1", "replace").replace(b"\xf1", b"n")})
    assert ok.status_code == 422  # authorised: the empty list is then refused as no article
    assert wrong.status_code == 403


def test_serve_cli_token_comes_from_a_file_or_the_environment(tmp_path: Path, monkeypatch):
    from warta.serve.cli import read_token

    f = tmp_path / "token"
    f.write_text("s3cret-é\nignored\n", encoding="utf-8")
    monkeypatch.setenv("WARTA_TOKEN", "from-env")
    assert read_token(str(f)) == "s3cret-é"
    assert read_token(None) == "from-env"
    monkeypatch.delenv("WARTA_TOKEN")
    assert read_token(None) is None


class _Lazy(io.RawIOBase):
    """A stream of one huge line then a good one, made as it is read; records the largest read."""

    def __init__(self, huge: int, tail: bytes):
        self.left, self.tail, self.largest = huge, tail, 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        self.largest = max(self.largest, len(b))
        if self.left:
            n = min(len(b), self.left)
            b[:n] = b"x" * n
            self.left -= n
            return n
        n = min(len(b), len(self.tail))
        b[:n] = self.tail[:n]
        self.tail = self.tail[n:]
        return n


def test_readers_long_jsonl_line_is_refused_without_being_read_whole(monkeypatch):
    from warta.errors import InputError
    from warta.ingest import readers

    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 10_000)
    raw = _Lazy(3_000_000, b'\n{"id": "ok", "text": "Presiden bertemu menteri."}\n')
    out = list(readers.read_jsonl(io.BufferedReader(raw, buffer_size=8192), "big.jsonl"))
    assert isinstance(out[0], InputError) and out[0].source == "big.jsonl:1" and "longer than" in out[0].reason
    assert out[1].doc == "ok"
    assert raw.largest <= 1 << 20  # read in bounded pieces, never the whole 3 MB line


def test_readers_stdin_jsonl_is_read_line_by_line_and_plain_text_is_bounded(monkeypatch):
    from warta.errors import InputError
    from warta.ingest import readers

    lines = b'{"id": "a", "text": "Satu."}\n{"id": "b", "text": "Dua."}\n'
    got = list(readers.read_inputs(["-"], stdin=io.BytesIO(lines)))
    assert [a.doc for a in got] == ["a", "b"]
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1000)
    got = list(readers.read_inputs(["-"], stdin=io.BytesIO(b"kata " * 1000)))
    assert len(got) == 1 and isinstance(got[0], InputError) and "limit" in got[0].reason


def test_serve_bounds_a_statement_past_its_timeout_is_503(tmp_path: Path):
    from fastapi.testclient import TestClient

    from warta.serve import create_app

    with Store(tmp_path / "slow.db") as store:
        synthetic.fill(store, 3000)
        client = TestClient(create_app(store, token="", allowed_hosts=["testserver"], statement_timeout=1e-9))
        r = client.get("/api/graph")
    assert r.status_code == 503
    assert "took longer than" in r.json()["message"]


def test_serve_cli_closes_silent_and_trickling_connections(tmp_path: Path):
    """A real `warta serve`: a client that sends nothing, or its request head a byte at a time,
    loses the connection after --head-timeout; a normal request on the same server still works."""
    import socket
    import subprocess
    import sys
    import time

    from fixtures_serve import free_socket

    with Store(tmp_path / "s.db") as store:
        synthetic.fill(store, 5)
    s = free_socket()
    port = s.getsockname()[1]
    s.close()
    server = subprocess.Popen([sys.executable, "-m", "warta.cli", "serve", "--db", str(tmp_path / "s.db"),
                               "--port", str(port), "--head-timeout", "1", "--log-level", "warning"],
                              stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.2)

        def closed_within(seconds: float, trickle: bool) -> bool:
            c = socket.create_connection(("127.0.0.1", port))
            c.settimeout(0.2)
            start = time.monotonic()
            head = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 200
            i = 0
            try:
                while time.monotonic() - start < seconds:
                    if trickle and i < len(head):
                        c.send(head[i:i + 1])
                        i += 1
                    try:
                        if c.recv(100) == b"":
                            return True
                    except socket.timeout:
                        pass
                    except ConnectionResetError:
                        return True
                return False
            finally:
                c.close()

        assert closed_within(6, trickle=False)
        assert closed_within(6, trickle=True)
        assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
