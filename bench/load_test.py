"""Load test for ``warta serve``: N concurrent clients for S seconds against the read API.

What it does
------------
1. Unless ``--url`` names a running server, it builds a store (``--db``, default: a temporary
   SQLite file) from the built-in example articles (``src/warta/examples``) with
   ``python -m warta.cli ingest``, and starts ``python -m warta.cli serve`` on 127.0.0.1 on a
   free port (read-only: no token), waiting for ``/healthz``.
2. ``--clients`` asyncio tasks share one ``httpx.AsyncClient`` (one connection each) and send
   requests back to back for ``--duration`` seconds (or until ``--max-requests`` were sent):
   ``GET /api/events`` with a rotating set of filters (actor, recipient, type, since/until,
   modality, q, limit/offset) and ``GET /api/search?q=...``.
3. It prints one summary line per endpoint and in total: requests, errors (any non-2xx answer
   or a transport error/timeout), throughput (requests per second of wall time) and the
   p50/p95/p99/max latency in milliseconds; ``--json`` prints the summary as one JSON object.
   The exit status is 1 when any request failed, else 0. The server is stopped afterwards.

Bounds: at most 500 clients, 600 seconds and ``--max-requests`` requests (default 1,000,000);
each request times out after ``--timeout`` seconds (default 30). Only 127.0.0.1 is contacted.

Usage::

    python bench/load_test.py --clients 50 --duration 60
    python bench/load_test.py --clients 10 --duration 5 --json
    python bench/load_test.py --url http://127.0.0.1:8000 --clients 20 --duration 30

Needs only the standard library and ``httpx`` (plus warta itself, to fill and serve the store).
:func:`run` is the same as a function (the tests call it) and returns the summary dict.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx

MAX_CLIENTS = 500
MAX_DURATION = 600.0

#: The request mix: (label, path, params). Clients walk through it, each from its own offset.
REQUESTS: list[tuple[str, str, dict[str, str]]] = [
    ("events", "/api/events", {}),
    ("events", "/api/events", {"limit": "20"}),
    ("events", "/api/events", {"actor": "IDN"}),
    ("events", "/api/events", {"actor": "indonesia", "limit": "50"}),
    ("events", "/api/events", {"recipient": "USA"}),
    ("events", "/api/events", {"type": "CONSULT"}),
    ("events", "/api/events", {"type": "ACCUSE", "modality": "asserted"}),
    ("events", "/api/events", {"since": "2020", "until": "2030-12-31"}),
    ("events", "/api/events", {"q": "presiden", "limit": "10"}),
    ("events", "/api/events", {"modality": "future", "offset": "1", "limit": "5"}),
    ("events", "/api/events", {"country": "IDN", "sort": "-date"}),
    ("search", "/api/search", {"q": "presiden"}),
    ("search", "/api/search", {"q": "sanksi"}),
    ("search", "/api/search", {"q": "unjuk rasa", "limit": "5"}),
    ("search", "/api/search", {"q": "Myanmar"}),
]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _examples_dir() -> str:
    from warta.api import examples_dir

    return examples_dir()


def fill_store(db: str) -> None:
    """Ingest the built-in examples into ``db`` (a SQLite path or URL) with the CLI."""
    subprocess.run([sys.executable, "-m", "warta.cli", "ingest", _examples_dir(), "--db", db],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600)


class Server:
    """``warta serve`` in a subprocess on 127.0.0.1 (a context manager; ``.url`` once started)."""

    def __init__(self, db: str, port: int | None = None, start_timeout: float = 120.0):
        self.db, self.port, self.start_timeout = db, port or _free_port(), start_timeout
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self._log = tempfile.TemporaryFile()

    def __enter__(self) -> Server:
        env = dict(os.environ)
        env.pop("WARTA_TOKEN", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "warta.cli", "serve", "--db", self.db, "--host", "127.0.0.1",
             "--port", str(self.port), "--log-level", "warning"],
            stdout=self._log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + self.start_timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"warta serve exited with {self.proc.returncode}: {self.log()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError(f"warta serve did not answer within {self.start_timeout}s: {self.log()}")
            time.sleep(0.1)

    def log(self) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")[-4000:]

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        self._log.close()


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``values`` (0.0 when empty)."""
    if not values:
        return 0.0
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def _summary(latencies: list[float], errors: int, wall: float) -> dict[str, float]:
    n = len(latencies)
    ms = [x * 1000 for x in latencies]
    return {"requests": n, "errors": errors, "rps": round(n / wall, 1) if wall > 0 else 0.0,
            "p50_ms": round(percentile(ms, 50), 1), "p95_ms": round(percentile(ms, 95), 1),
            "p99_ms": round(percentile(ms, 99), 1), "max_ms": round(max(ms), 1) if ms else 0.0}


async def _load(url: str, clients: int, duration: float, max_requests: int, timeout: float) -> dict:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    lat: dict[str, list[float]] = {"events": [], "search": []}
    errs: dict[str, int] = {"events": 0, "search": 0}
    samples: list[str] = []
    sent = 0
    stop_at = time.monotonic() + duration

    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout) as client:
        async def worker(i: int) -> None:
            nonlocal sent
            k = i
            while time.monotonic() < stop_at and sent < max_requests:
                sent += 1
                label, path, params = REQUESTS[k % len(REQUESTS)]
                k += 1
                t0 = time.perf_counter()
                try:
                    r = await client.get(path, params=params)
                    ok = 200 <= r.status_code < 300
                    why = f"{r.status_code} {path}?{params}: {r.text[:200]}"
                except httpx.HTTPError as e:
                    ok, why = False, f"{type(e).__name__} {path}?{params}: {e}"
                lat[label].append(time.perf_counter() - t0)
                if not ok:
                    errs[label] += 1
                    if len(samples) < 5:
                        samples.append(why)

        t0 = time.monotonic()
        await asyncio.gather(*(worker(i) for i in range(clients)))
        wall = time.monotonic() - t0

    out = {"url": url, "clients": clients, "duration_s": round(wall, 2),
           "total": _summary(lat["events"] + lat["search"], errs["events"] + errs["search"], wall),
           "endpoints": {k: _summary(v, errs[k], wall) for k, v in lat.items()}, "error_samples": samples}
    return out


def run(clients: int = 10, duration: float = 5.0, *, url: str | None = None, db: str | None = None,
        max_requests: int = 1_000_000, timeout: float = 30.0) -> dict:
    """Run the load test (starting a server over the examples unless ``url`` is given); the summary."""
    if not 1 <= clients <= MAX_CLIENTS:
        raise ValueError(f"--clients must be 1..{MAX_CLIENTS}")
    if not 0 < duration <= MAX_DURATION:
        raise ValueError(f"--duration must be in (0, {MAX_DURATION}]")
    if url is not None:
        host = urlsplit(url).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("only a server on this machine (127.0.0.1) may be load-tested")
        return asyncio.run(_load(url, clients, duration, max_requests, timeout))
    with tempfile.TemporaryDirectory(prefix="warta-load-") as tmp:
        if db is None:
            db = str(Path(tmp) / "load.db")
            fill_store(db)
        with Server(db) as srv:
            return asyncio.run(_load(srv.url, clients, duration, max_requests, timeout))


def format_summary(s: dict) -> str:
    lines = [f"{s['clients']} clients x {s['duration_s']} s against {s['url']}"]
    for name, v in [("total", s["total"]), *s["endpoints"].items()]:
        lines.append(f"{name:>7}: {v['requests']} requests, {v['errors']} errors, {v['rps']} req/s, "
                     f"p50 {v['p50_ms']} ms, p95 {v['p95_ms']} ms, p99 {v['p99_ms']} ms, max {v['max_ms']} ms")
    for e in s["error_samples"]:
        lines.append(f"  error: {e}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", "-c", type=int, default=10, help=f"concurrent clients (1..{MAX_CLIENTS}; default 10)")
    ap.add_argument("--duration", "-d", type=float, default=5.0, help=f"seconds (at most {MAX_DURATION:.0f}; default 5)")
    ap.add_argument("--max-requests", type=int, default=1_000_000, help="stop after this many requests")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per request (default 30)")
    ap.add_argument("--url", help="a running server on 127.0.0.1 (default: start one over the examples)")
    ap.add_argument("--db", help="serve this store instead of a fresh one filled from the examples")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    a = ap.parse_args(argv)
    try:
        s = run(a.clients, a.duration, url=a.url, db=a.db, max_requests=a.max_requests, timeout=a.timeout)
    except ValueError as e:
        ap.error(str(e))
    print(json.dumps(s) if a.json else format_summary(s))
    return 1 if s["total"]["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
