"""Pin warta's outputs: one SHA-256 per document of its ``--format documents`` line.

    python3 scripts/snapshot_outputs.py           # compare with tests/data/outputs_snapshot.json
    python3 scripts/snapshot_outputs.py --write   # rewrite the snapshot (only when an output is meant to change)

It runs ``warta extract corpus/input.jsonl --format documents`` and the same over the
built-in examples (``src/warta/examples``), and hashes each output line byte for byte, so
that a refactoring that changes any output, however small, is caught.
``tests/test_snapshot_outputs.py`` recomputes the examples' part on every test run.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "tests" / "data" / "outputs_snapshot.json"
CORPUS = ROOT / "corpus" / "input.jsonl"


def digest_lines(lines: list[str]) -> dict[str, dict[str, object]]:
    """``doc -> {sha256, events}`` for each documents-format line (the line's exact UTF-8 bytes)."""
    out: dict[str, dict[str, object]] = {}
    for line in lines:
        line = line.rstrip("\n")
        if not line:
            continue
        rec = json.loads(line)
        out[rec["doc"]] = {"sha256": hashlib.sha256(line.encode("utf-8")).hexdigest(),
                           "events": len(rec["events"])}
    return out


def extract_lines(inputs: list[str]) -> list[str]:
    """Run the ``warta extract --format documents`` CLI of this checkout and return its lines."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        cmd = [sys.executable, "-c", "from warta.cli import app; app()",
               "extract", *inputs, "--format", "documents", "-o", str(out)]
        env = {**os.environ, "WARTA_KB_DIR": str(Path(tmp) / "kb")}  # the packaged knowledge base only
        subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL, env=env)
        return out.read_text(encoding="utf-8").splitlines()


def examples_dir() -> str:
    from warta.api import examples_dir as d
    return d()


def snapshot() -> dict[str, dict[str, dict[str, object]]]:
    return {"examples": digest_lines(extract_lines([examples_dir()])),
            "corpus": digest_lines(extract_lines([str(CORPUS)]))}


def compare(old: dict, new: dict) -> list[str]:
    """Human-readable differences between two snapshots (empty when equal)."""
    diffs = []
    for part in sorted(set(old) | set(new)):
        a, b = old.get(part, {}), new.get(part, {})
        for doc in sorted(set(a) | set(b)):
            if a.get(doc) != b.get(doc):
                diffs.append(f"{part}/{doc}: {a.get(doc)} -> {b.get(doc)}")
    return diffs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help="rewrite the snapshot instead of comparing")
    args = ap.parse_args()
    new = snapshot()
    if args.write:
        SNAPSHOT.write_text(json.dumps(new, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {SNAPSHOT.relative_to(ROOT)}: {sum(len(v) for v in new.values())} documents")
        return 0
    diffs = compare(json.loads(SNAPSHOT.read_text(encoding="utf-8")), new)
    for d in diffs:
        print(d)
    n = sum(len(v) for v in new.values())
    print(f"{n} documents, {len(diffs)} changed" if diffs else f"{n} documents, outputs unchanged")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
