"""The shared scorer, strict, on records in memory: what crossval.py and corpus_agreement.py report.

:func:`strict_score` writes the records (and, when given, the article texts) to a temporary
folder and runs ``../shared/tools/score.py --strict --json`` (``$WARTA_SHARED`` when the shared
folder is not beside the repository); without the shared scorer, warta's own
``warta.evaluate.score_files(strict=True)`` with the same measures.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WARTA_SHARED") or ROOT.parent / "shared")
SCORER = SHARED / "tools" / "score.py"


def strict_score(gold: list[dict], pred: list[dict], texts: dict[str, str] | None = None) -> dict:
    """score.py --strict of ``pred`` against ``gold``; ``texts`` (doc -> text) checks the evidence offsets."""
    with tempfile.TemporaryDirectory() as tmp:
        g, p, t = Path(tmp, "gold.jsonl"), Path(tmp, "pred.jsonl"), Path(tmp, "texts")
        g.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in gold), encoding="utf-8")
        p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in pred), encoding="utf-8")
        if texts is not None:
            t.mkdir()
            for doc, text in texts.items():
                (t / doc).write_text(text, encoding="utf-8")
        if SCORER.exists():
            args = [sys.executable, str(SCORER), str(g), str(p), "--strict", "--json"]
            if texts is not None:
                args += ["--texts", str(t)]
            return json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)
        from warta.evaluate import score_files

        return score_files(str(g), str(p), str(t) if texts is not None else None, strict=True)
