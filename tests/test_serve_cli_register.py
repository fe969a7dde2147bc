"""``register(app)`` adds ``warta serve`` to a Typer app."""
from __future__ import annotations

import typer
from typer.testing import CliRunner

from warta.serve.cli import _is_loopback, register


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.command()
    def other() -> None:  # a second command, so that "serve" stays a subcommand
        pass

    register(app)
    return app


def test_serve_cli_register_adds_serve_with_its_options():
    r = CliRunner().invoke(_app(), ["serve", "--help"])
    assert r.exit_code == 0
    for opt in ("--db", "--host", "--port", "--token-file", "--allow-host", "--base-url", "127.0.0.1", "8000", "WARTA_TOKEN"):
        assert opt in r.output


def test_serve_cli_register_reports_an_unopenable_store():
    r = CliRunner().invoke(_app(), ["serve", "--db", "nosuchdialect://x/y", "--port", "0"])
    assert r.exit_code == 2
    assert "cannot open the store" in r.output


def test_serve_cli_binds_loopback_by_default():
    assert _is_loopback("127.0.0.1") and _is_loopback("localhost") and _is_loopback("::1")
    assert not _is_loopback("0.0.0.0")


def test_serve_cli_read_only_server_on_a_missing_store_says_so(tmp_path):
    from typer.testing import CliRunner

    from warta.cli import app

    missing = tmp_path / "tidak-ada.db"
    res = CliRunner().invoke(app, ["serve", "--db", str(missing)])
    assert res.exit_code == 2 and "no store at" in res.stderr
    assert not missing.exists()
