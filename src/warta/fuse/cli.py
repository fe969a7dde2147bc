"""Commands over the linked store: ``timeline``, ``graph``, ``stories``, ``events-merged``, ``rebuild``.

The main CLI calls :func:`register` to add them.
"""
from __future__ import annotations

import json
import sys
from typing import Annotated, Optional

import typer

DbOpt = Annotated[Optional[str], typer.Option("--db", help="SQLAlchemy URL or SQLite file (default: $WARTA_DB or ./warta.db).")]


def _consoles():
    from ..console import err, out

    return out, err


def _names(rec, role):
    return ", ".join(a.get("identifier_text") or a.get("entity_text") or "?" for a in rec.get(role) or []) or "—"


def _sources(rec, limit=6):
    src = rec.get("sources") or []
    parts = [f"{s['doc']}@{s['start']}" + (f" ({s['outlet']})" if s.get("outlet") else "") for s in src[:limit]]
    if len(src) > limit:
        parts.append(f"+{len(src) - limit} more")
    return "; ".join(parts)


def _event_table(title, recs):
    from rich.table import Table

    from .timeline import precision

    t = Table("date", "precision", "event", "actor", "recipient", "where", "reports", "sources", title=title,
              title_justify="left")
    for r in recs:
        what = r["event"][0] + (f">{r['planned']}" if r.get("planned") else "") + (f" ({r['mode'][0]})" if r.get("mode") else "")
        loc = r.get("event_loc") or {}
        t.add_row(r.get("date") or "—", precision(r), what, _names(r, "actor"), _names(r, "recipient"),
                  loc.get("placename") or loc.get("country_code3") or "—", str(r.get("reports")), _sources(r))
    return t


def _check(**filters) -> None:
    from ..console import die
    from ..errors import FilterError
    from ..filters import check_filters

    try:
        check_filters(**filters)
    except FilterError as e:
        die(e)


def timeline(
    actor: Annotated[str, typer.Argument(help="Actor name, code or entity id.")],
    other: Annotated[Optional[str], typer.Option("--with", help="Only events that also involve this actor.")] = None,
    db: DbOpt = None,
    type: Annotated[Optional[str], typer.Option("--type", "-t", help="Only this PLOVER type.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines of canonical events.")] = False,
) -> None:
    """An actor's canonical events in date order, with their sources and the precision of each date."""
    from ..console import open_store

    out, _ = _consoles()
    _check(actor=actor, recipient=other, type=type)
    store = open_store(db, create=False)
    with store:
        recs = store.merged_events(actor=actor, other=other, type=type)
    if as_json:
        for r in recs:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    out.print(_event_table(f"{len(recs)} canonical event(s) of {actor}" + (f" with {other}" if other else ""), recs))


def events_merged(
    db: DbOpt = None,
    actor: Annotated[Optional[str], typer.Option(help="Actor name, code or entity id.")] = None,
    type: Annotated[Optional[str], typer.Option("--type", "-t", help="PLOVER type.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Earliest date, YYYY[-MM[-DD]].")] = None,
    until: Annotated[Optional[str], typer.Option(help="Latest date, YYYY[-MM[-DD]].")] = None,
    min_reports: Annotated[int, typer.Option("--min-reports", min=1, help="Only events with this many reports.")] = 1,
    limit: Annotated[int, typer.Option(min=1, max=100000)] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines instead of a table.")] = False,
) -> None:
    """Canonical events: each real-world event once, with every report of it."""
    from ..console import open_store

    out, _ = _consoles()
    _check(actor=actor, type=type, since=since, until=until)
    store = open_store(db, create=False)
    with store:
        recs = store.merged_events(actor=actor, type=type, since=since, until=until, min_reports=min_reports, limit=limit)
    if as_json:
        for r in recs:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    out.print(_event_table(f"{len(recs)} canonical event(s)", recs))


def graph(
    db: DbOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="graphml | json")] = "graphml",
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Output file, - for stdout.")] = None,
    top: Annotated[int, typer.Option(min=1, help="How many actors and dyads to list.")] = 10,
) -> None:
    """The actor network: actors as nodes, interactions as edges (by PLOVER type and quad class)."""
    from rich.table import Table

    from ..console import open_store
    from .graph import to_graphml, to_json

    out, err = _consoles()
    if format not in ("graphml", "json"):
        err.print(f"warta: error: unknown format {format!r}: choose graphml or json", highlight=False)
        raise typer.Exit(2)
    store = open_store(db, create=False)
    with store:
        g = store.graph()
    text = to_graphml(g) if format == "graphml" else to_json(g)
    if output == "-":
        sys.stdout.write(text)
    elif output:
        try:
            with open(output, "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as e:
            err.print(f"warta: error: cannot write {output}: {e}", highlight=False)
            raise typer.Exit(2)
    s = g["summary"]
    con = err if output == "-" else out
    con.print(f"{s['nodes']} actor(s), {s['edges']} edge(s), {s['events']} interaction(s): "
              f"{s['cooperation']} cooperation, {s['conflict']} conflict" + (f"; written to {output}" if output and output != "-" else ""),
              highlight=False)
    t = Table("actor", "degree", title="most connected actors", title_justify="left")
    for n in s["top_degree"][:top]:
        t.add_row(n["name"] or n["id"], str(n["degree"]))
    con.print(t)
    t = Table("dyad", "events", "cooperation", "conflict", title="strongest dyads", title_justify="left")
    for d in s["strongest_dyads"][:top]:
        t.add_row(f"{d['a']} — {d['b']}", str(d["events"]), str(d["cooperation"]), str(d["conflict"]))
    con.print(t)


def stories(
    db: DbOpt = None,
    story: Annotated[Optional[str], typer.Argument(help="A story id, or a document whose story to show.")] = None,
    min_documents: Annotated[int, typer.Option("--min-documents", min=1)] = 1,
    limit: Annotated[int, typer.Option(min=1, max=100000)] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines instead of a table.")] = False,
) -> None:
    """Stories (articles about one unfolding story) with their span and key actors; near duplicates flagged."""
    from rich.table import Table
    from rich.text import Text

    from ..console import open_store, plural
    from ..errors import NotFoundError

    out, err = _consoles()
    store = open_store(db, create=False)
    with store:
        try:
            recs = [store.story(story)] if story else store.stories(limit=limit, min_documents=min_documents)
        except NotFoundError as e:
            err.print(f"warta: error: {e}", highlight=False)
            raise typer.Exit(1)
    if as_json:
        for r in recs:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    t = Table("story", "span", "key actors", "articles", title=plural(len(recs), "story", "stories"), title_justify="left")
    for r in recs:
        docs = "\n".join(d["doc"] + (f"  [near duplicate of {d['near_duplicate_of']}, {d['similarity']:.2f}]"
                                     if d.get("near_duplicate_of") else "") for d in r["documents"])
        span = f"{r['start'] or '?'} – {r['end'] or '?'}"
        t.add_row(Text(r["title"] or "") + Text("\n" + r["id"], style="dim"), span, ", ".join(r["key_actors"]), docs)
    out.print(t)


def rebuild(db: DbOpt = None) -> None:
    """Link the whole store again from scratch: canonical events, stories, near duplicates."""
    from ..console import open_store, plural

    _, err = _consoles()
    store = open_store(db, create=False)
    with store:
        counts = store.rebuild_links()
    err.print(f"rebuild: {counts['events']} event report(s) -> {counts['canonical_events']} canonical event(s), "
              f"{plural(counts['stories'], 'story', 'stories')}, {counts['near_duplicates']} near duplicate(s)", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the linking commands to the ``warta`` Typer app."""
    app.command()(timeline)
    app.command("events-merged")(events_merged)
    app.command()(graph)
    app.command()(stories)
    app.command()(rebuild)
