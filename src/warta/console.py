"""What every command shares: the consoles, the ``--db`` option, one line per failed input,
one error line and exit code 2, and opening the store. Imported by each command module; it
imports none of them."""
from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.text import Text

from .errors import WartaError
from .model import Failure

out = Console()
err = Console(stderr=True)

DbOpt = Annotated[Optional[str], typer.Option("--db", help="SQLAlchemy URL or SQLite file (default: $WARTA_DB or ./warta.db).")]


def fail_line(f: Failure) -> None:
    """One line on stderr for an input that failed (every command that reads inputs uses it)."""
    err.print(Text(f"warta: {f}", style="red"), soft_wrap=True, highlight=False)


def die(e: Exception, code: int = 2) -> None:
    err.print(Text(f"warta: error: {e}", style="red"), soft_wrap=True, highlight=False)
    raise typer.Exit(code)


def open_store(db: str | None):
    """The store at ``db``, or one clear error line and exit code 2 (every command that opens one uses it)."""
    from .store.store import Store

    try:
        return Store(db)
    except WartaError as e:
        die(e)
