"""Filtering stored events on their confidence (``--min-confidence`` in the CLI, ``min_confidence``
in the API and the UI's filter form all come down to the store's condition)."""
from __future__ import annotations

import pytest


def test_store_min_confidence_filters_events(store, make_document):
    d = make_document("a.txt", "Mesir bertemu Sudan. Mesir menuduh Sudan. Mesir setuju dengan Sudan.")
    for e, c in zip(d.events, (0.2, 0.5, 0.9)):
        e["confidence"] = c
    store.add(d)
    assert len(store.events()) == 3
    assert sorted(e["confidence"] for e in store.events(min_confidence="0.5")) == [0.5, 0.9]
    assert store.count_events(min_confidence=0.95) == 0
    from warta.errors import FilterError

    with pytest.raises(FilterError, match="min_confidence"):
        store.events(min_confidence="tinggi")


def test_cli_events_min_confidence_option_is_documented():
    from typer.testing import CliRunner

    from warta.cli import app

    res = CliRunner().invoke(app, ["events", "--help"])
    assert res.exit_code == 0 and "--min-confidence" in res.output
