"""What every command shares: the consoles, the ``--db`` option, one line per failed input,
one error line and exit code 2, opening the store, and printing tables and article text.
Imported by each command module; it imports none of them.

The consoles never read rich markup: article text, titles and names are printed as they are
(``[/b]`` in an article is text, not a closing tag), and styling is applied with
:class:`rich.text.Text`. When standard output is not a terminal (a pipe, a file), tables are
laid out at :data:`PIPE_WIDTH` columns instead of rich's default of 80, so that no cell is cut.
"""
from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.console import Console, ConsoleDimensions
from rich.text import Text

from .errors import WartaError
from .model import Failure

#: columns a table may take when written to a pipe or a file: wide enough that rows are not
#: wrapped (an evidence sentence is a few hundred characters), not so wide that a rule or an
#: expanded table becomes megabytes of padding
PIPE_WIDTH = 4096


class WartaConsole(Console):
    """A rich console with markup off, and the full width when not writing to a terminal."""

    def __init__(self, **kw):
        kw.setdefault("markup", False)
        kw.setdefault("highlight", False)
        super().__init__(**kw)

    @property
    def size(self) -> ConsoleDimensions:
        dims = super().size
        if self._width is None and not self.is_terminal and not (self._environ.get("COLUMNS") or "").isdigit():
            return ConsoleDimensions(PIPE_WIDTH, dims.height)
        return dims

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        self._width, self._height = new_size


out = WartaConsole()
err = WartaConsole(stderr=True)

DbOpt = Annotated[Optional[str], typer.Option("--db", help="SQLAlchemy URL or SQLite file (default: $WARTA_DB or ./warta.db).")]


def fail_line(f: Failure) -> None:
    """One line on stderr for an input that failed (every command that reads inputs uses it)."""
    err.print(Text(f"warta: {f}", style="red"), soft_wrap=True)


def die(e: Exception | str, code: int = 2) -> None:
    err.print(Text(f"warta: error: {e}", style="red"), soft_wrap=True)
    raise typer.Exit(code)


def open_store(db: str | None, *, create: bool = True):
    """The store at ``db``, or one clear error line and exit code 2 (every command that opens one uses it).

    Commands that only read pass ``create=False``: a path with no store is then an error that
    says so, rather than a new empty ``warta.db`` and an empty answer.
    """
    from .store.store import Store

    try:
        return Store(db, create=create)
    except WartaError as e:
        die(e)


def marked(text: str, marks, style: str = "bold reverse") -> Text:
    """``text`` as rich Text (never parsed as markup) with ``marks`` ((start, end) pairs) styled."""
    t = Text(text)
    for s, e in marks or ():
        t.stylize(style, s, e)
    return t


def pipe_closed() -> None:
    """The reader of standard output went away (``warta export | head``): stop quietly, exit 0.

    Standard output is pointed at /dev/null so that the interpreter's last flush raises nothing."""
    import os
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    raise typer.Exit(0)


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
