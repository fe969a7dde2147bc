"""``warta bench --input FILES`` (or ``--block N`` alone): ingest as ``warta ingest`` does, into one
fresh store, measured per block of articles so that a store that slows as it grows shows.

Real articles (any input ``warta ingest`` reads: the IndoSum JSON Lines, a folder of files) or the
synthetic corpus of :mod:`warta.bench` go through the same path as ``warta ingest`` (a
:class:`~warta.runner.LocalRunner`, ``--workers`` processes, ``--batch`` articles per
transaction). For each block it prints articles/s (wall clock, and, with one process, per second
of this process's CPU, which a busy machine does not distort) and where the time went: analysis,
writing rows, linking (canonical events, near duplicates, stories), and the rest (commits,
reading the inputs). At the end: peak memory, the largest canonical event and story as a share
of the corpus (one that swallows the corpus would show there), and the last block's rate as a
share of the first's.
"""
from __future__ import annotations

import tempfile
import time
from itertools import islice
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .model import Article


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    import resource
    import sys

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1048576 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


class _Clock:
    """Seconds spent inside the wrapped callables, by name."""

    def __init__(self):
        self.spent: dict[str, float] = {"analysis": 0.0, "writes": 0.0, "linking": 0.0}

    def wrap(self, name: str, fn):
        perf = time.perf_counter

        def timed(*args, **kwargs):
            t = perf()
            try:
                return fn(*args, **kwargs)
            finally:
                self.spent[name] += perf() - t

        return timed


def _blocks_report(blocks: list[dict[str, Any]]) -> dict[str, Any]:
    first, last = blocks[0]["articles_per_s"], blocks[-1]["articles_per_s"]
    return {"last_to_first": round(last / first, 3) if first else None}


def run_growth(articles: Iterable[Article], *, db: str | None = None, block: int = 1000, workers: int = 1,
               batch: int = 64) -> dict[str, Any]:
    """Ingest ``articles`` into a fresh store (``db``, default a temporary SQLite file) and
    measure each block of ``block`` articles; returns the figures (``warta bench --json``)."""
    from .model import Report
    from .runner import LocalRunner, ingest_articles
    from .store.store import Store

    tmp = None
    if db is None:
        tmp = tempfile.TemporaryDirectory(prefix="warta-bench-")
        db = str(Path(tmp.name) / "bench.db")
    clock = _Clock()
    blocks: list[dict[str, Any]] = []
    try:
        with Store(db) as store, LocalRunner(workers=workers) as runner:
            _warm_up(runner.analyzer)  # lazy loads before the clock starts (workers fork from it)
            if workers == 1:
                runner.analyzer.analyze = clock.wrap("analysis", runner.analyzer.analyze)
                runner.analyzer.analyze_many = clock.wrap("analysis", runner.analyzer.analyze_many)
            store._insert = clock.wrap("writes", store._insert)
            store._link = clock.wrap("linking", store._link)
            state = {"t": time.perf_counter(), "c": time.process_time(), "spent": dict(clock.spent)}
            report, it = Report(), iter(articles)
            while chunk := list(islice(it, block)):  # each block ends with a commit: its time is its own
                before = report.analysed + len(report.failures)
                ingest_articles(runner, chunk, store, report=report, batch=batch)
                blocks.append(_block(state, clock, report.analysed + len(report.failures) - before, workers))
            sizes = _cluster_sizes(store)
            dialect = store.engine.dialect.name
    finally:
        if tmp is not None:
            tmp.cleanup()
    n = report.analysed
    return {
        "articles": n, "stored": report.stored, "unchanged": report.unchanged, "failed": len(report.failures),
        "events": report.events, "db": dialect, "workers": workers, "batch": batch, "block": block,
        "blocks": blocks,
        "articles_per_s": round(n / sum(b["seconds"] for b in blocks), 2) if blocks else None,
        **(_blocks_report(blocks) if blocks else {}),
        **sizes,
        "largest_event_share": round(sizes["largest_event_articles"] / n, 4) if n else None,
        "largest_story_share": round(sizes["largest_story_articles"] / n, 4) if n else None,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def _warm_up(analyzer) -> None:
    """Load what loads on first use (knowledge base, gazetteer, NER model, MinHash permutations)
    on an article that is neither counted nor stored."""
    from .api import example_paths
    from .fuse.stories import _permutations, lsh_params

    analyzer.analyze(Article(doc="warm-up", text=example_paths()[0].read_text(encoding="utf-8")))
    _permutations()
    lsh_params()


def _block(state: dict[str, Any], clock: _Clock, n: int, workers: int) -> dict[str, Any]:
    now, cpu = time.perf_counter(), time.process_time()
    wall, used = now - state["t"], cpu - state["c"]
    spent = {k: clock.spent[k] - state["spent"].get(k, 0.0) for k in clock.spent}
    state.update(t=now, c=cpu, spent=dict(clock.spent))
    out = {"articles": n, "seconds": round(wall, 3), "articles_per_s": round(n / wall, 2) if wall > 0 else None,
           "cpu_articles_per_s": round(n / used, 2) if workers == 1 and used > 0 else None}
    shares = {k: v for k, v in spent.items() if not (k == "analysis" and workers > 1)}
    shares["other"] = max(0.0, wall - sum(shares.values())) if workers == 1 else None
    out["ms_per_article"] = {k: round(v * 1000 / n, 2) for k, v in shares.items() if v is not None}
    return out


def _cluster_sizes(store) -> dict[str, Any]:
    """The largest canonical event (reports) and story (articles), and how many there are."""
    import sqlalchemy as sa

    from .store.schema import canonical_events, stories

    store.refresh_links()
    with store.engine.connect() as conn:
        ce = conn.execute(sa.select(sa.func.count(), sa.func.max(canonical_events.c.documents))).one()
        st = conn.execute(sa.select(sa.func.count(), sa.func.max(stories.c.documents))).one()
    return {"canonical_events": ce[0], "stories": st[0], "largest_event_articles": ce[1] or 0,
            "largest_story_articles": st[1] or 0}


def format_growth(r: dict[str, Any]) -> str:
    """The figures as the plain text ``warta bench --input`` prints."""
    lines = [f"warta bench (ingest): {r['articles']} articles ({r['stored']} stored, {r['unchanged']} unchanged, "
             f"{r['failed']} failed; {r['events']} events) into one fresh {r['db']} store, "
             f"{r['workers']} process(es) analysing, {r['batch']} articles per transaction",
             "  block      articles   seconds  articles/s  (per CPU s)   ms/article: analysis  writes  linking  other"]
    for i, b in enumerate(r["blocks"], 1):
        ms = b["ms_per_article"]
        cpu = f"{b['cpu_articles_per_s']:>10}" if b["cpu_articles_per_s"] else f"{'-':>10}"
        lines.append(f"  {i:>5}  {b['articles']:>12}  {b['seconds']:>8.1f}  {b['articles_per_s']:>10}  {cpu}   "
                     f"{ms.get('analysis', '-'):>19}  {ms['writes']:>6}  {ms['linking']:>7}  {ms.get('other', '-'):>5}")
    lines += [f"  overall: {r['articles_per_s']} articles/s; last block at {r.get('last_to_first')} of the first's rate",
              f"  largest canonical event: {r['largest_event_articles']} articles ({100 * (r['largest_event_share'] or 0):.2f} % "
              f"of the corpus) of {r['canonical_events']}; largest story: {r['largest_story_articles']} articles "
              f"({100 * (r['largest_story_share'] or 0):.2f} %) of {r['stories']}",
              f"  peak memory: {r['peak_rss_mb']} MB resident"]
    return "\n".join(lines)
