"""Outputs unchanged: the built-in examples' documents lines hash as pinned in
``tests/data/outputs_snapshot.json``.

This is the one test whose expected values are today's output on purpose: it guards
refactorings (moving and splitting code) against changing any output, byte for byte.
``python3 scripts/snapshot_outputs.py`` checks the whole corpus the same way.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from typer.testing import CliRunner

from warta import cli
from warta.api import examples_dir

REPO = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("snapshot_outputs", REPO / "scripts" / "snapshot_outputs.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_snapshot_outputs_examples_unchanged(tmp_path):
    snap = _script()
    out = tmp_path / "examples.jsonl"
    res = CliRunner().invoke(cli.app, ["extract", examples_dir(), "--format", "documents", "-o", str(out)])
    assert res.exit_code == 0, res.output
    new = snap.digest_lines(out.read_text(encoding="utf-8").splitlines())
    pinned = json.loads(snap.SNAPSHOT.read_text(encoding="utf-8"))["examples"]
    assert snap.compare({"examples": pinned}, {"examples": new}) == []


def test_snapshot_outputs_compare_names_the_changed_document():
    snap = _script()
    old = {"examples": {"a.txt": {"sha256": "1", "events": 1}, "b.txt": {"sha256": "2", "events": 0}}}
    new = {"examples": {"a.txt": {"sha256": "1", "events": 1}, "b.txt": {"sha256": "3", "events": 0}}}
    diffs = snap.compare(old, new)
    assert len(diffs) == 1 and diffs[0].startswith("examples/b.txt:")
