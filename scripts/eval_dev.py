#!/usr/bin/env python3
"""Score warta on the annotated dev articles the way the held-out set is scored.

    python3 scripts/eval_dev.py [--shared ../shared] [--out /tmp/warta-dev] [--json]

Runs ``warta extract SHARED/gold/dev-input.jsonl --format documents``, gathers the article
texts into one folder, and runs ``SHARED/tools/score.py`` on the result. Needs the shared
material beside the repository (it is not shipped with warta).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default="/tmp/warta-dev")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    shared, out = Path(a.shared), Path(a.out)
    if not (shared / "gold" / "dev-input.jsonl").exists():
        print(f"no gold data under {shared}", file=sys.stderr)
        return 2
    texts = out / "texts"
    if texts.exists():
        shutil.rmtree(texts)
    texts.mkdir(parents=True)
    for f in [*(shared / "seeds").glob("*.txt"), *(shared / "gold" / "articles").glob("*.txt")]:
        shutil.copy(f, texts / f.name)
    pred = out / "dev.jsonl"
    subprocess.run([sys.executable, "-m", "warta.cli", "extract", str(shared / "gold" / "dev-input.jsonl"),
                    "--format", "documents", "-o", str(pred)], check=True)
    cmd = [sys.executable, str(shared / "tools" / "score.py"), str(shared / "gold" / "dev.jsonl"), str(pred),
           "--texts", str(texts)]
    if a.json:
        cmd.append("--json")
    return subprocess.run(cmd).returncode


if __name__ == "__main__":
    sys.exit(main())
