#!/usr/bin/env python
"""Mutation testing of warta's core with mutmut's mutation engine (issue #20).

For each named module (or the named functions in it) the mutants are listed by mutmut
(``mutmut.list_mutations``: operators flip comparisons, numbers, strings, booleans, arithmetic,
``and``/``or``, remove calls' results, ...); a seeded sample of them (``--sample N``; ``--all``
for every one) is applied, one at a time, to a copy of the source and the tests that cover that
module are run against it. A mutant is *killed* when those tests fail (or run past the time
limit), *survived* when they pass. Writes a Markdown report (killed share per module and every
survivor with its line) and a JSON file beside it.

The sources are never changed where they stand: the whole repository is copied into a scratch
folder first (``git worktree``-free: a plain copy of ``src/``, ``tests/`` and ``scripts/``) and
the mutants are written there.

    nice python3 scripts/mutation.py                       # every module, 30 mutants each, seed 20
    nice python3 scripts/mutation.py --module merge --all  # every mutant of one module
    nice python3 scripts/mutation.py --report mutation-report.md --sample 40 --seed 7

Slow: each mutant costs one pytest run of the module's tests (seconds to a minute), so this is a
manual or scheduled target, not part of every CI run.
"""
from __future__ import annotations

import argparse
import ast
import datetime as _dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Target:
    name: str
    path: str                       # relative to the repository root
    functions: list[str] | None     # qualified names ("Class.method"), or None for the whole module
    tests: list[str]                # pytest arguments: files, -k expressions
    what: str = ""


TARGETS = [
    Target("temporal", "src/warta/analyse/temporal_calendar.py",
           ["_valid_year", "_safe_date", "_add_months", "_add_days", "_degrade", "_year2", "_month_of",
            "_nearest_year_for", "_weekday_date", "_month_rel_date"],
           ["tests/test_temporal_rules.py", "tests/test_temporal_year_boundaries.py",
            "tests/test_temporal_properties.py"],
           "temporal resolution: calendar arithmetic, relative months and years, weekdays"),
    Target("temporal-published", "src/warta/analyse/temporal.py", ["resolve_published"],
           ["tests/test_temporal_rules.py", "tests/test_temporal_year_boundaries.py"],
           "temporal resolution: the publication date read from the text"),
    Target("modality", "src/warta/analyse/events/modality.py",
           ["_Modality.modality", "_Modality._future_span"],
           ["tests/test_events_modality.py", "tests/test_events_coder.py", "tests/test_events_clauses.py"],
           "modality and negation of a coded event"),
    Target("clean", "src/warta/ingest/clean.py", None,
           ["tests/test_clean_segment.py", "tests/test_clean_boundaries.py", "tests/test_clean_properties.py",
            "tests/test_clean_outlets.py", "tests/test_clean_rules.py"],
           "boilerplate segmentation and its offsets"),
    Target("dedup", "src/warta/model.py", ["content_hash", "Article.doc_id"],
           ["tests/test_store_sqlite.py", "tests/test_readers_inputs.py"],
           "dedup: the content hash that names an article"),
    Target("dedup-store", "src/warta/store/writes.py", ["_Writes.add", "_Writes.add_batch", "_Writes._store_one"],
           ["tests/test_store_sqlite.py", "tests/test_store_add_dedup.py", "tests/test_store_batches.py"],
           "dedup: storing the same article twice, alone or in a batch"),
    Target("merge", "src/warta/fuse/reports.py",
           ["modality_class", "provenance", "period", "_granularity", "widened", "_relation", "_days_apart",
            "match", "_apart_in_article"],
           ["tests/test_merge_periods.py", "tests/test_merge_match.py", "tests/test_merge_places_and_days.py", "tests/test_merge_linking.py"],
           "merging event reports into canonical events"),
    Target("escaping", "src/warta/serve/aggregate.py", ["_span", "marks_for", "highlight", "snippet_html"],
           ["tests/test_serve_aggregate_highlight.py"],
           "escaping and highlighting article text"),
    Target("readers", "src/warta/ingest/readers.py", None,
           ["tests/test_readers_inputs.py", "tests/test_readers_properties.py", "tests/test_readers_errors.py",
            "tests/test_readers_files.py", "tests/test_readers_decoding.py"],
           "readers and their input errors"),
    Target("exports", "src/warta/export/formats.py", None,
           ["tests/test_export_formats.py", "tests/test_export_csv_roundtrip.py"],
           "export writers: documents, PLOVER, CSV, Parquet"),
]


def _line_ranges(source: str, functions: list[str] | None) -> list[tuple[int, int]] | None:
    """1-based inclusive line ranges of the named functions (decorators included)."""
    if functions is None:
        return None
    tree = ast.parse(source)
    found: dict[str, tuple[int, int]] = {}

    def walk(node, prefix=""):
        for ch in ast.iter_child_nodes(node):
            if isinstance(ch, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                q = prefix + ch.name
                start = min([ch.lineno] + [d.lineno for d in getattr(ch, "decorator_list", [])])
                if not isinstance(ch, ast.ClassDef):
                    found[q] = (start, ch.end_lineno)
                walk(ch, q + ".")

    walk(tree)
    missing = [f for f in functions if f not in found]
    if missing:
        raise SystemExit(f"mutation.py: no function {missing} in the module (renamed? update TARGETS)")
    return [found[f] for f in functions]


def list_mutants(source: str, filename: str, ranges) -> list:
    from mutmut import Context, list_mutations

    ids = list_mutations(Context(source=source, filename=filename))
    if ranges is None:
        return ids
    # mutmut numbers lines from 0
    return [m for m in ids if any(a <= m.line_number + 1 <= b for a, b in ranges)]


def apply_mutant(source: str, filename: str, mid) -> str:
    from mutmut import Context, mutate

    ctx = Context(source=source, filename=filename, mutation_id=mid)
    mutated, n = mutate(ctx)
    if n != 1:
        raise RuntimeError(f"mutant {mid} applied {n} times")
    return mutated


def _pytest(work: Path, tests: list[str], timeout: float) -> tuple[str, float]:
    env = dict(os.environ, PYTHONPATH=str(work / "src"), PYTHONDONTWRITEBYTECODE="1")
    env.pop("WARTA_TEST_PG_URL", None)  # SQLite only: a mutant must not leave a shared server in a state
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--no-header",
           "-o", "addopts=", *tests]
    t0 = time.monotonic()
    try:
        rc = subprocess.run(cmd, cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            timeout=timeout).returncode
    except subprocess.TimeoutExpired:
        return "timeout", time.monotonic() - t0
    return ("passed" if rc == 0 else "failed"), time.monotonic() - t0


@dataclass
class Result:
    target: str
    total: int
    sampled: int
    killed: int = 0
    timeouts: int = 0
    survivors: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def share(self) -> float:
        return self.killed / self.sampled if self.sampled else 1.0


def run_target(t: Target, work: Path, sample: int | None, seed: int, log) -> Result:
    path = work / t.path
    original = path.read_text(encoding="utf-8")
    mids = list_mutants(original, t.path, _line_ranges(original, t.functions))
    chosen = list(mids) if sample is None or sample >= len(mids) else random.Random(f"{seed}:{t.name}").sample(mids, sample)
    chosen.sort(key=lambda m: (m.line_number, m.index))
    res = Result(t.name, len(mids), len(chosen))
    state, base = _pytest(work, t.tests, timeout=1800)
    if state != "passed":
        raise SystemExit(f"mutation.py: the tests of {t.name} fail without any mutant: {' '.join(t.tests)}")
    limit = max(60.0, 3 * base)
    log(f"{t.name}: {len(mids)} mutants, running {len(chosen)}; tests take {base:.0f} s unmutated")
    t0 = time.monotonic()
    try:
        for i, mid in enumerate(chosen, 1):
            mutated = apply_mutant(original, t.path, mid)
            path.write_text(mutated, encoding="utf-8")
            state, _ = _pytest(work, t.tests, limit)
            path.write_text(original, encoding="utf-8")
            if state == "passed":
                new = mutated.splitlines()[mid.line_number] if mid.line_number < len(mutated.splitlines()) else ""
                res.survivors.append({"line": mid.line_number + 1, "original": mid.line.strip(), "mutant": new.strip(),
                                      "index": mid.index})
            else:
                res.killed += 1
                res.timeouts += state == "timeout"
            log(f"  [{i}/{len(chosen)}] line {mid.line_number + 1} #{mid.index}: {state}")
    finally:
        path.write_text(original, encoding="utf-8")
    res.seconds = time.monotonic() - t0
    return res


def report_md(results: list[Result], args, targets: dict[str, Target]) -> str:
    day = _dt.date.today().isoformat()
    how = "every mutant" if args.all else f"a seeded sample of {args.sample} mutants per module (seed {args.seed})"
    out = [f"# Mutation report ({day})", "",
           f"`{' '.join(['python3', 'scripts/mutation.py', *sys.argv[1:]])}`: mutmut's operators, {how}; "
           "a mutant is killed when the module's tests fail or time out.", "",
           "| module | what | mutants | run | killed (of which by time-out) | share |", "|---|---|---|---|---|---|"]
    for r in results:
        out.append(f"| {r.target} (`{targets[r.target].path}`) | {targets[r.target].what} | {r.total} | {r.sampled} | "
                   f"{r.killed} ({r.timeouts}) | {r.share:.0%} |")
    for r in results:
        if r.survivors:
            out += ["", f"## Survivors: {r.target}", ""]
            for s in r.survivors:
                out.append(f"- line {s['line']}: `{s['original']}` -> `{s['mutant']}`")
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--module", action="append", choices=[t.name for t in TARGETS],
                    help="only this module (repeatable); default every one")
    ap.add_argument("--sample", type=int, default=30, help="mutants per module (seeded sample; default 30)")
    ap.add_argument("--all", action="store_true", help="every mutant, no sample")
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--report", default="mutation-report.md", help="Markdown report (a .json is written beside it)")
    ap.add_argument("--list", action="store_true", help="only count the mutants of each module")
    args = ap.parse_args(argv)
    targets = {t.name: t for t in TARGETS}
    chosen = [targets[n] for n in (args.module or targets)]

    if args.list:
        for t in chosen:
            src = (ROOT / t.path).read_text(encoding="utf-8")
            print(f"{t.name:12} {len(list_mutants(src, t.path, _line_ranges(src, t.functions))):5}  {t.path}")
        return 0

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    results = []
    with tempfile.TemporaryDirectory(prefix="warta-mutation-") as tmp:
        work = Path(tmp) / "repo"
        for part in ("src", "tests", "scripts", "pyproject.toml", "corpus"):
            p = ROOT / part
            if p.is_dir():
                shutil.copytree(p, work / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            elif p.exists():
                (work / part).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(p, work / part)
        for t in chosen:
            results.append(run_target(t, work, None if args.all else args.sample, args.seed, log))
            r = results[-1]
            log(f"{t.name}: {r.killed}/{r.sampled} killed ({r.share:.0%}; {r.timeouts} by time-out) in {r.seconds:.0f} s")
            # the report so far, rewritten after each module: a long run stopped half-way still leaves one
            md = report_md(results, args, targets)
            Path(args.report).write_text(md, encoding="utf-8")
            Path(args.report).with_suffix(".json").write_text(json.dumps(
                [{**r.__dict__, "share": round(r.share, 3)} for r in results], indent=1), encoding="utf-8")
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
