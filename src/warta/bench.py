"""``warta bench``: end-to-end throughput, time per pipeline stage, memory, and the tokenizer floor.

The corpus is made from the built-in example articles, deterministically (a seeded RNG): each
article gets a dateline from one example, four to nine body sentences drawn from all of them,
sometimes a "Baca juga:" line, and credits and a copyright line, so the cleaner has work. The
first sentence carries a date that differs for every article, so no two articles are the same.
The corpus is a generator and every Document is dropped once stored: memory stays flat however
many articles are asked for.

One run measures, on the same corpus:

* every pipeline component, over the articles as the runner sends them (16 at a time, component
  by component: ``Analyzer.run_components``), plus making the Doc (``tokenize``), the Document
  record (``document``) and the store's write (``store``);
* spaCy's bare Indonesian tokenizer (:func:`warta.analyse.tokenizer.blank_indonesian`): the floor under any spaCy pipeline,
  and the ratio of warta's time to it;
* peak resident memory (``getrusage``), and how much it grew while the articles ran.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from .model import Article

_CREDIT = re.compile(r"^(Pewarta|Editor|Penerjemah|Sumber|Reporter|Penulis|Copyright|Baca juga)\b", re.I)
_DATELINE = re.compile(r"^(?P<dl>[A-Z][^\n]{0,60}?\s[-–—]{1,2}\s)(?P<rest>.+)$", re.S)
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_DATE_IN_TEXT = re.compile(r"(?:\b(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\s+)?\(\d{1,2}/\d{1,2}/\d{4}\)")
_WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
_RELATED = ["Indonesia dan Jepang perkuat kerja sama energi", "Harga beras naik menjelang Lebaran",
            "DPR setujui anggaran pertahanan", "Presiden resmikan bendungan baru di Jawa Tengah"]
_CREDITS = [("Pewarta", "Rina Wulandari"), ("Editor", "Budi Santoso"), ("Penerjemah", "Andi Wijaya"),
            ("Editor", "Siti Rahmawati"), ("Pewarta", "Rudi Hartono")]


class _Pools:
    """What the example articles are cut into: datelines, first sentences, other body sentences."""

    def __init__(self, texts: list[str]):
        self.datelines: list[str] = []
        self.leads: list[str] = []
        self.sentences: list[str] = []
        for text in texts:
            paras = [p.strip() for p in text.split("\n") if p.strip()]
            body = [p for p in paras if not _CREDIT.match(p)]
            if not body:
                continue
            m = _DATELINE.match(body[0])
            first = body[0]
            if m:
                self.datelines.append(m.group("dl"))
                first = m.group("rest")
            sents = _SENT.split(first)
            self.leads.append(sents[0])
            self.sentences.extend(sents[1:])
            for p in body[1:]:
                self.sentences.extend(s for s in _SENT.split(p) if s)
        if not self.datelines:
            self.datelines = ["Jakarta (ANTARA) - "]
        if not self.leads or not self.sentences:
            raise ValueError("the example articles give no sentences to build a corpus from")


def _example_texts() -> list[str]:
    from .api import example_paths

    return [p.read_text(encoding="utf-8") for p in example_paths()]


def build_corpus(n: int, seed: int = 0, texts: list[str] | None = None) -> Iterator[Article]:
    """``n`` distinct articles recombined from the example articles (a generator, deterministic per seed)."""
    pools = _Pools(texts if texts is not None else _example_texts())
    base = dt.date(2023, 1, 2)
    for i in range(n):
        rng = random.Random(f"{seed}:{i}")
        day = base + dt.timedelta(days=i % 3650)
        stamp = f"{_WEEKDAYS[day.weekday()]} ({day.day}/{day.month}/{day.year})"
        lead = rng.choice(pools.leads)
        lead = _DATE_IN_TEXT.sub(stamp, lead, count=1) if _DATE_IN_TEXT.search(lead) \
            else lead.rstrip(".") + f" pada {stamp}."
        if i >= 3650:  # past ten years of distinct days, the article number keeps them apart
            lead = lead.rstrip(".") + f", menurut laporan ke-{i // 3650 + 1}."
        body = rng.sample(pools.sentences, k=min(len(pools.sentences), rng.randint(4, 9)))
        paras = [rng.choice(pools.datelines) + lead]
        while body:
            take = rng.randint(1, 2)
            paras.append(" ".join(body[:take]))
            body = body[take:]
            if body and rng.random() < 0.25:
                paras.append("Baca juga: " + rng.choice(_RELATED))
        credits = rng.sample(_CREDITS, k=2)
        tail = "\n".join(f"{k}: {v}" for k, v in credits) + f"\nCopyright © ANTARA {day.year}"
        text = "\n\n".join(paras) + "\n\n" + tail + "\n"
        yield Article(doc=f"bench-{seed}-{i:06d}.txt", text=text, origin=f"bench:{i}")


# ---------------------------------------------------------------------------------------------- measuring
def _rss_now_mb() -> float | None:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1048576
    except (OSError, ValueError, IndexError):
        return None


def run_bench(n: int = 200, db: str | None = None, seed: int = 0) -> dict[str, Any]:
    """Run the benchmark on ``n`` articles; returns the figures (what ``warta bench --json`` prints)."""
    from .analyse.pipeline import Analyzer, build
    from .bench_ingest import peak_rss_mb
    from .store.store import Store

    if n < 1:
        raise ValueError("the benchmark needs at least one article")
    t0 = time.perf_counter()
    nlp = build()
    analyzer = Analyzer(nlp)
    build_s = time.perf_counter() - t0
    # warm-up (lazy loads: knowledge base, lexicons) on an article that is not counted or stored
    warm = next(build_corpus(1, seed=seed + 1_000_003))
    analyzer.analyze(warm)
    # the store's lazy loads too (datasketch, which imports scipy, for near-duplicate MinHash)
    from .fuse.stories import _permutations, lsh_params

    _permutations()
    lsh_params()

    tmp = None
    if db is None:
        tmp = tempfile.TemporaryDirectory(prefix="warta-bench-")
        db = str(Path(tmp.name) / "bench.db")
    stages: dict[str, float] = {"tokenize": 0.0}
    stages.update({name.removeprefix("warta_"): 0.0 for name, _ in nlp.pipeline})
    stages.update({"document": 0.0, "store": 0.0})
    counts = {"articles": 0, "chars": 0, "tokens": 0, "sentences": 0, "entities": 0, "events": 0,
              "stored": 0, "unchanged": 0}
    rss_start = _rss_now_mb()
    try:
        with Store(db) as store:
            dialect = store.engine.dialect.name
            total = _run_stages(analyzer, store, n, seed, stages, counts)
    finally:
        if tmp is not None:
            tmp.cleanup()
    peak = peak_rss_mb()

    tok_s = _tokenizer_s(warm, n, seed)

    pipeline_s = sum(v for k, v in stages.items() if k != "store")
    long_line = _long_line(analyzer, seed)
    return {
        "articles": counts["articles"],
        "seed": seed,
        "db": dialect,
        "chars": counts["chars"],
        "tokens": counts["tokens"],
        "sentences": counts["sentences"],
        "entities": counts["entities"],
        "events": counts["events"],
        "stored": counts["stored"],
        "unchanged": counts["unchanged"],
        "build_s": round(build_s, 3),
        "total_s": round(total, 3),
        "articles_per_s": round(counts["articles"] / total, 2) if total > 0 else None,
        "pipeline_articles_per_s": round(counts["articles"] / pipeline_s, 2) if pipeline_s > 0 else None,
        "stages_ms": {k: round(v * 1000, 2) for k, v in stages.items()},
        "stages_ms_per_article": {k: round(v * 1000 / counts["articles"], 3) for k, v in stages.items()},
        "tokenizer_s": round(tok_s, 4),
        "tokenizer_articles_per_s": round(counts["articles"] / tok_s, 1) if tok_s > 0 else None,
        "ratio_to_tokenizer": round(total / tok_s, 1) if tok_s > 0 else None,
        "pipeline_ratio_to_tokenizer": round(pipeline_s / tok_s, 1) if tok_s > 0 else None,
        "long_line_us_per_char": long_line,
        "peak_rss_mb": round(peak, 1),
        "rss_growth_mb": round(max(0.0, peak - rss_start), 1) if rss_start is not None else None,
    }


def _run_stages(analyzer, store, n: int, seed: int, stages: dict[str, float], counts: dict[str, int]) -> float:
    """Analyse and store ``n`` articles, adding each stage's time to ``stages`` and the sizes to
    ``counts``; returns the seconds it all took. Articles go through the pipeline as the runner
    sends them: :data:`warta.runner.CHUNK` at a time, component by component
    (:meth:`~warta.analyse.pipeline.Analyzer.run_components`, as ``analyze_many``)."""
    from .runner import chunks

    perf = time.perf_counter
    start = perf()
    for chunk in chunks(build_corpus(n, seed=seed)):
        t = perf()
        docs = [analyzer.make_doc(art) for art in chunk]
        stages["tokenize"] += perf() - t
        docs = analyzer.run_components(docs, clock=stages)
        for art, doc in zip(chunk, docs):
            t = perf()
            d = analyzer.to_document(doc)
            stages["document"] += perf() - t
            t = perf()
            new = store.add(d)
            stages["store"] += perf() - t
            counts["articles"] += 1
            counts["chars"] += len(art.text)
            counts["tokens"] += len(doc)
            counts["sentences"] += len(d.sentences)
            counts["entities"] += len(d.entities)
            counts["events"] += len(d.events)
            counts["stored" if new else "unchanged"] += 1
        del docs
    return perf() - start


def _tokenizer_s(warm, n: int, seed: int) -> float:
    """The floor: seconds spaCy's bare tokenizer takes on the same ``n`` articles."""
    from .analyse.tokenizer import blank_indonesian

    perf = time.perf_counter
    tokenizer = blank_indonesian().tokenizer
    tokenizer(warm.text)  # its first call loads lookups: not part of the floor
    tok_s = 0.0
    for art in build_corpus(n, seed=seed):
        t = perf()
        tokenizer(art.text)
        tok_s += perf() - t
    return tok_s


#: lengths of the one-line, no-full-stop article whose analysis time per character is measured:
#: it should stay flat (sentences are analysed in bounded pieces)
LONG_LINE_CHARS = (5_000, 50_000)


def _long_line(analyzer, seed: int) -> dict[str, float]:
    """Analysis time per character (µs) of one line with no full stop, at each of :data:`LONG_LINE_CHARS`."""
    words = " ".join(_example_texts()).replace(".", " ").replace("\n", " ").split()
    blob = " ".join(words)
    out = {}
    for n in LONG_LINE_CHARS:
        text = (blob * (n // max(1, len(blob)) + 1))[:n]
        t = time.perf_counter()
        analyzer.analyze(Article(doc=f"bench-long-{n}", text=text, origin="bench:long"))
        out[str(n)] = round((time.perf_counter() - t) * 1e6 / n, 2)
    return out


def format_report(r: dict[str, Any]) -> str:
    """The figures as the plain text ``warta bench`` prints."""
    lines = [
        f"warta bench: {r['articles']} articles ({r['chars']} characters, {r['tokens']} tokens, "
        f"{r['events']} events) into {r['db']}, seed {r['seed']}",
        f"  pipeline built in {r['build_s']:.2f} s",
        f"  end to end:   {r['total_s']:.2f} s = {r['articles_per_s']} articles/s "
        f"(analysis alone {r['pipeline_articles_per_s']} articles/s)",
        "  per stage:    ms total   ms/article   share",
    ]
    total_ms = sum(r["stages_ms"].values()) or 1.0
    for k, v in r["stages_ms"].items():
        lines.append(f"    {k:<12}{v:>10.1f}{r['stages_ms_per_article'][k]:>13.3f}{100 * v / total_ms:>7.1f}%")
    lines += [
        f"  tokenizer floor (spaCy's bare Indonesian tokenizer): {r['tokenizer_s']:.3f} s = "
        f"{r['tokenizer_articles_per_s']} articles/s",
        f"  ratio to the floor: {r['ratio_to_tokenizer']}x end to end, {r['pipeline_ratio_to_tokenizer']}x analysis alone",
        "  one line with no full stop: " + ", ".join(f"{int(k):,} characters {v} µs/character"
                                                     for k, v in r["long_line_us_per_char"].items()),
        f"  peak memory: {r['peak_rss_mb']} MB resident (grew {r['rss_growth_mb']} MB while the articles ran)",
    ]
    return "\n".join(lines)


def register(app) -> None:
    """Add ``warta bench`` to the Typer app."""

    @app.command("bench")
    def bench(
        articles: Annotated[int, typer.Option("--articles", "-n", min=1, help="How many articles to run.")] = 200,
        db: Annotated[Optional[str], typer.Option("--db", help="Store to write to (default: a temporary SQLite file).")] = None,
        seed: Annotated[int, typer.Option("--seed", help="Seed of the corpus.")] = 0,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON object instead of text.")] = False,
        inputs: Annotated[Optional[list[str]], typer.Option("--input", "-i", help="Ingest these real articles (files, folders, JSON Lines), measured per block; repeatable.")] = None,
        block: Annotated[Optional[int], typer.Option("--block", min=1, help="Measure ingest per block of this many articles (the synthetic corpus unless --input).")] = None,
        workers: Annotated[int, typer.Option("--workers", min=1, help="With --input/--block: processes that analyse.")] = 1,
        batch: Annotated[int, typer.Option("--batch", min=1, help="With --input/--block: articles per transaction.")] = 64,
    ) -> None:
        """Benchmark: articles/s end to end, time per stage, peak memory, and spaCy's tokenizer as the floor;
        with --input or --block, ingest into one growing store measured per block."""
        from .errors import WartaError

        try:
            if inputs or block:
                from .bench_ingest import format_growth, run_growth
                from .ingest.readers import read_inputs

                source = (a for a in read_inputs(inputs) if isinstance(a, Article)) if inputs else build_corpus(articles, seed=seed)
                r = run_growth(source, db=db, block=block or 1000, workers=workers, batch=batch)
                text = format_growth(r)
            else:
                r = run_bench(articles, db=db, seed=seed)
                text = format_report(r)
        except (WartaError, ValueError) as e:
            typer.echo(f"warta: error: {e}", err=True)
            raise typer.Exit(2) from None
        typer.echo(json.dumps(r) if as_json else text)
