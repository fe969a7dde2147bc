"""The ``warta`` command line: a thin layer over the Python API (:mod:`warta.api`)."""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.table import Table
from rich.text import Text

from . import __version__
from .api import Failure, Report, analyze_inputs, example_paths, examples_dir
from .console import DbOpt, die as _die, err, fail_line, marked, open_store, out, pipe_closed
from .errors import WartaError

app = typer.Typer(
    name="warta",
    help="Indonesian news in, sourced PLOVER political event data out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # click's plain help: typer's rich help prints a type such as <bool> beside every flag
    rich_markup_mode=None,
)
kb_app = typer.Typer(help="The knowledge base of actors and places.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(kb_app, name="kb")


def _register_extensions() -> None:
    """Commands that live beside the stage they belong to: serve/, bench, watch."""
    from .bench import register as register_bench
    from .fuse.cli import register as register_link
    from .serve.cli import register as register_serve
    from .watch import register as register_watch

    register_link(app)
    register_serve(app)
    register_bench(app)
    register_watch(app)

Inputs = Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")]


class _RateColumn(ProgressColumn):
    """Articles per second so far."""

    def render(self, task) -> Text:
        return Text(f"{task.speed:.1f} articles/s" if task.speed else "– articles/s", style="cyan")


@contextmanager
def _progress(label: str, inputs: list[str] | None = None):
    """A progress bar on stderr (rich shows it only on a terminal): with the total, the rate and
    the time left when the inputs' size is knowable (files, lines of JSON Lines), a spinner otherwise."""
    from .ingest.readers import count_articles

    total = count_articles(inputs) if inputs is not None and err.is_terminal else None
    if total is None:
        cols = (SpinnerColumn(), TextColumn(label), _RateColumn(), TimeElapsedColumn())
    else:
        cols = (TextColumn(label), BarColumn(), MofNCompleteColumn(), _RateColumn(), TextColumn("ETA"),
                TimeRemainingColumn())
    prog = Progress(*cols, console=err, transient=True, disable=not err.is_terminal)
    with prog:
        task = prog.add_task(label, total=total)
        yield lambda n=1: prog.advance(task, n)


def _summary(report: Report, what: str) -> None:
    msg = f"{what}: {report.analysed} article(s) analysed, {report.events} event(s)"
    if report.stored or report.unchanged:
        msg += f", {report.stored} stored, {report.unchanged} already in the store"
    if report.failures:
        msg += f", {len(report.failures)} input(s) failed"
    err.print(msg, highlight=False)


def version_callback(value: bool) -> None:
    if value:
        out.print(f"warta {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version.")] = False) -> None:
    """warta: Indonesian news in, sourced PLOVER political event data out."""


@app.command()
def extract(
    inputs: Inputs,
    format: Annotated[str, typer.Option("--format", "-f", help="documents | plover | csv | parquet | geojson")] = "documents",
    output: Annotated[str, typer.Option("--output", "-o", help="Output file, - for stdout.")] = "-",
) -> None:
    """Analyse inputs and write the result, no database needed."""
    from .export.formats import FORMATS, write

    if format not in FORMATS:
        _die(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")
    report = Report()
    with _progress("analysing", inputs) as tick:
        def docs():
            for d in analyze_inputs(inputs, lambda f: (fail_line(f), tick()), report):
                tick()
                yield d.to_dict()
        try:
            n = write(format, docs(), output)
        except BrokenPipeError:
            pipe_closed()
        except (WartaError, OSError) as e:
            _die(e)
    _summary(report, f"extract ({n} record(s) written)")
    if report.failures:
        raise typer.Exit(1)


@app.command()
def ingest(
    inputs: Inputs,
    db: DbOpt = None,
    engine: Annotated[str, typer.Option("--engine", help="local (this process) | dask (a Dask cluster)")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler, tcp://HOST:8786 (default: a local cluster).")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, help="Processes that analyse: local worker processes feeding this one, which stores (default 1: this process alone); with --engine dask, the local cluster's workers (default 2).")] = None,
    batch: Annotated[int, typer.Option("--batch", min=1, help="Articles stored per transaction (the result is the same as one per transaction).")] = 64,
) -> None:
    """Analyse inputs and store them; re-ingesting an article changes nothing."""
    from .distributed import EngineError, ingest_with, runner_for

    try:
        runner = runner_for(engine, scheduler=scheduler, workers=workers if workers or engine != "dask" else 2)
    except EngineError as e:
        _die(e)
    store = open_store(db)
    try:
        with store, runner, _progress("ingesting", inputs) as tick:
            report = ingest_with(runner, inputs, store, on_failure=lambda f: (fail_line(f), tick()),
                                 on_document=lambda d, s: tick(), batch=batch)
    except EngineError as e:
        _die(e)
    _summary(report, "ingest")
    if report.failures:
        raise typer.Exit(1)


@app.command()
def export(
    db: DbOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="documents | plover | csv | parquet | geojson")] = "plover",
    output: Annotated[str, typer.Option("--output", "-o", help="Output file, - for stdout.")] = "-",
) -> None:
    """Write what the store holds."""
    from .export.formats import write

    store = open_store(db, create=False)
    with store:
        try:
            n = write(format, store.document_records(), output)
        except BrokenPipeError:
            pipe_closed()
        except (WartaError, OSError) as e:
            _die(e)
    err.print(f"export: {n} record(s) written", highlight=False)


@app.command()
def demo(
    db: DbOpt = None,
    format: Annotated[Optional[str], typer.Option("--format", "-f", help="Also write the result: documents | plover | csv")] = None,
    output: Annotated[str, typer.Option("--output", "-o")] = "-",
) -> None:
    """Analyse the built-in example articles and show what was found."""
    from .export.formats import write

    paths = [str(p) for p in example_paths()]
    report = Report()
    docs = list(analyze_inputs(paths, fail_line, report))
    for d in docs:
        t = Table(title=f"{d.doc} — {d.source or '?'}{' / ' + d.wire if d.wire else ''}, "
                        f"{d.dateline or 'no dateline'}, published {d.published.value or '?'}",
                  title_justify="left", show_lines=False, expand=out.is_terminal)
        for col in ("event", "actor", "recipient", "date", "where", "modality", "evidence"):
            t.add_column(col, overflow="fold")
        for e in d.events:
            t.add_row(
                "/".join(e.event) + (f" ({e.mode[0]})" if e.mode and e.mode[0] else ""),
                ", ".join(f"{a.get('identifier_text') or a.get('entity_text')} {a.get('code') or ''}{'/' + a['sector'] if a.get('sector') else ''}" for a in e.actor),
                ", ".join(f"{a.get('identifier_text') or a.get('entity_text')} {a.get('code') or ''}" for a in e.recipient),
                f"{e.date or '—'}",
                (e.event_loc or {}).get("placename") or "—",
                e.modality or "",
                (e.sentence[:110] + ("…" if len(e.sentence) > 110 else "")),
            )
        out.print(t)
        ents = ", ".join(f"{en.name} ({en.code or '-'} {en.sector or en.type})" for en in d.entities)
        out.print(Text(f"entities: {ents}", style="dim"), soft_wrap=True)
        out.print()
    if db:
        store = open_store(db)
        with store:
            for d in docs:
                store.add(d)
        err.print(f"stored in {store.url}", highlight=False)
    if format:
        write(format, (d.to_dict() for d in docs), output)
    _summary(report, f"demo on {examples_dir()}")
    if report.failures:
        raise typer.Exit(1)


@app.command()
def search(query: Annotated[str, typer.Argument(help="Words to look for.")], db: DbOpt = None,
           limit: Annotated[int, typer.Option(min=1, max=1000)] = 20) -> None:
    """Full-text search over the stored articles."""
    store = open_store(db, create=False)
    with store:
        hits = store.search(query, limit=limit)
    t = Table("doc", "title", "snippet", title=f"{len(hits)} article(s) for {query!r}", title_justify="left")
    for h in hits:
        t.add_row(h["doc"], h["title"] or "", marked(h["snippet"] or "", h.get("marks")))
    out.print(t)


@app.command()
def events(
    db: DbOpt = None,
    actor: Annotated[Optional[str], typer.Option(help="Actor name, code or entity id.")] = None,
    recipient: Annotated[Optional[str], typer.Option(help="Recipient name, code or entity id.")] = None,
    type: Annotated[Optional[str], typer.Option("--type", "-t", help="PLOVER type, e.g. CONSULT.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Earliest date, YYYY[-MM[-DD]].")] = None,
    until: Annotated[Optional[str], typer.Option(help="Latest date, YYYY[-MM[-DD]].")] = None,
    modality: Annotated[Optional[str], typer.Option(help="asserted | future | hypothetical | negated | historical")] = None,
    country: Annotated[Optional[str], typer.Option(help="ISO 3166-1 alpha-3 code of the place or a party.")] = None,
    doc: Annotated[Optional[str], typer.Option(help="Only this document (doc key or id).")] = None,
    min_confidence: Annotated[Optional[float], typer.Option(min=0.0, max=1.0, help="Only events whose confidence (the models' probability that the event is right) is at least this.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=100000)] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines instead of a table.")] = False,
    merged: Annotated[bool, typer.Option("--merged", help="Canonical events: one per real-world event, with all its reports.")] = False,
) -> None:
    """List stored events, filtered."""
    _check(actor=actor, recipient=recipient, type=type, since=since, until=until, modality=modality, country=country)
    store = open_store(db, create=False)
    with store:
        if merged:
            recs = store.merged_events(actor=actor, type=type, since=since, until=until, limit=limit)
        else:
            recs = store.events(actor=actor, recipient=recipient, type=type, since=since, until=until,
                                modality=modality, country=country, doc=doc, limit=limit,
                                min_confidence=min_confidence)
    if as_json:
        for r in recs:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    if merged:  # canonical events have no one document: their reports' sources instead
        from .fuse.cli import _event_table

        out.print(_event_table(f"{len(recs)} canonical event(s)", recs))
        return
    t = Table("date", "event", "actor", "recipient", "where", "modality", "doc", "reports",
              title=f"{len(recs)} event(s)", title_justify="left")
    for r in recs:
        t.add_row(r.get("date") or "—", "/".join(r["event"]),
                  ", ".join(a.get("identifier_text") or a.get("entity_text") or "?" for a in r["actor"]),
                  ", ".join(a.get("identifier_text") or a.get("entity_text") or "?" for a in r["recipient"]),
                  (r.get("event_loc") or {}).get("placename") or "—", r.get("modality") or "", str(r.get("doc") or ""),
                  str(r.get("reports") or 1))
    out.print(t)


def _check(**filters) -> None:
    """Bad filter values end the command with warta.filters' message (the REST API's 422 says the same)."""
    from .filters import check_filters

    try:
        check_filters(**filters)
    except WartaError as e:
        _die(e)


def _highlighted(text: str, start: int, end: int, marks: list[tuple[int, int, str]]) -> Text:
    t = Text(text[start:end])
    for s, e, style in marks:
        if start <= s < e <= end:
            t.stylize(style, s - start, e - start)
    return t


@app.command()
def show(doc: Annotated[str, typer.Argument(help="Document key (file name or JSONL id) or content hash.")], db: DbOpt = None) -> None:
    """One article: its boilerplate, sentences, entities and events (trigger, actor, recipient highlighted)."""
    from .errors import NotFoundError

    store = open_store(db, create=False)
    with store:
        try:
            d = store.document(doc)
        except NotFoundError as e:
            _die(e, 1)
    text = d["text"]
    out.rule(f"{d['doc']}  ({d['doc_id']})")
    out.print(f"source: {d['source'] or '—'}   wire: {d['wire'] or '—'}   dateline: {d['dateline'] or '—'}   "
              f"published: {d['published'] or '—'} ({d['published_granularity'] or '?'}, {d['published_origin'] or '?'})   "
              f"language: {d['language']}", highlight=False)
    if d["boilerplate"]:
        bt = Table("kind", "text", title="boilerplate (kept out of the body)", title_justify="left")
        for b in d["boilerplate"]:
            bt.add_row(b["kind"], text[b["start"]:b["end"]])
        out.print(bt)
    by_sentence: dict[int, list[dict]] = {}
    for ev in d["events"]:
        by_sentence.setdefault(ev["text_info"]["start"], []).append(ev)
    for s in d["sentences"]:
        evs = by_sentence.get(s["start"], [])
        marks = []
        for ev in evs:
            for key, style in (("actor", "bold cyan"), ("recipient", "bold magenta")):
                for a in ev.get(key) or []:
                    if a.get("start") is not None:
                        marks.append((a["start"], a["end"], style))
            tr = ev.get("trigger")
            if tr:
                marks.append((tr["start"], tr["end"], "bold yellow underline"))
        line = Text(f"[{s['seq']}] ", style="dim") + _highlighted(text, s["start"], s["end"], marks)
        out.print(line)
        for ev in evs:
            out.print(Text(
                f"    ▸ {'/'.join(ev['event'])}"
                f"{' (' + ev['mode'][0] + ')' if ev.get('mode') and ev['mode'][0] else ''}  "
                f"actor: {', '.join((a.get('identifier_text') or '?') + ' ' + (a.get('code') or '') for a in ev['actor']) or '—'}  "
                f"recipient: {', '.join((a.get('identifier_text') or '?') + ' ' + (a.get('code') or '') for a in ev['recipient']) or '—'}  "
                f"date: {ev.get('date') or '—'}  modality: {ev.get('modality')}", style="green"), highlight=False)
    if d["entities"]:
        et = Table("entity", "type", "code", "sector", "mentions", title="entities", title_justify="left")
        for e in d["entities"]:
            et.add_row(e["name"], e["type"], e["code"] or "", e["sector"] or "", ", ".join(sorted({m["text"] for m in e["mentions"]})))
        out.print(et)


@app.command()
def entities(db: DbOpt = None, q: Annotated[Optional[str], typer.Option("--q", help="Name contains.")] = None,
             type: Annotated[Optional[str], typer.Option("--type", "-t", help="PER | ORG | GPE | LOC")] = None,
             limit: Annotated[int, typer.Option(min=1, max=100000)] = 50) -> None:
    """Canonical entities in the store, most mentioned first."""
    store = open_store(db, create=False)
    with store:
        rows = store.entities(q=q, type=type, limit=limit)
    t = Table("name", "type", "code", "sector", "wikidata", "mentions", "documents", "aliases", title=f"{len(rows)} entities", title_justify="left")
    for r in rows:
        t.add_row(r["name"], r["type"], r["code"] or "", r["sector"] or "", r["wikidata"] or "", str(r["mentions"]),
                  str(r["documents"]), ", ".join(r["aliases"][:6]))
    out.print(t)


@app.command()
def entity(name: Annotated[str, typer.Argument(help="Entity name, alias or id.")], db: DbOpt = None) -> None:
    """One entity: aliases, codes, the documents and mentions."""
    from .errors import NotFoundError

    store = open_store(db, create=False)
    with store:
        try:
            e = store.entity(name)
        except NotFoundError as ex:
            _die(ex, 1)
    out.print(Text(e["name"], style="bold") + Text(f"  {e['type']}  code {e['code'] or '—'}  sector {e['sector'] or '—'}  "
                                                   f"wikidata {e['wikidata'] or '—'}  id {e['id']}"))
    out.print(f"aliases: {', '.join(e['aliases']) or '—'}")
    t = Table("document", "title", "mentions", title=f"{e['mentions']} mention(s) in {e['documents']} document(s)", title_justify="left")
    for d in e["documents_list"]:
        t.add_row(d["doc"], d["title"] or "", str(d["mentions"]))
    out.print(t)


@kb_app.command("add")
def kb_add(file: Annotated[Path, typer.Argument(help="A JSON Lines file of knowledge-base entries.")]) -> None:
    """Check a knowledge-base file and add it to the user's knowledge base."""
    from .analyse.resolve.kb import KnowledgeBase

    try:
        dest = KnowledgeBase.default().add_file(file)
    except (WartaError, OSError) as e:
        _die(e, 1)
    err.print(f"added {file} as {dest}", highlight=False)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold annotations (JSON Lines, spec/gold-format.md).")],
    pred: Annotated[Path, typer.Argument(help="warta output: documents or plover JSON Lines.")],
    texts: Annotated[Optional[Path], typer.Option("--texts", help="Folder of the article files, to check evidence offsets.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Events match only when their evidence sentences overlap.")] = False,
) -> None:
    """Score event and entity output against analyst annotations."""
    from .evaluate import score_files

    try:
        result = score_files(str(gold), str(pred), str(texts) if texts else None, strict)
    except (OSError, ValueError, KeyError) as e:
        _die(f"cannot score {pred} against {gold}: {e}")
    missing = result.pop("gold_docs_without_prediction")
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        err.print(Text(f"warta: warning: {pred} has nothing for {len(missing)} of {result['docs']} gold article(s) "
                       f"({shown}): their events count as missed; was every gold article analysed?", style="yellow"),
                  soft_wrap=True)
    if as_json:
        sys.stdout.write(json.dumps(result) + "\n")
        return
    for k, v in result.items():
        out.print(f"{k:22} {v}", highlight=False)


_register_extensions()

if __name__ == "__main__":  # pragma: no cover
    app()
