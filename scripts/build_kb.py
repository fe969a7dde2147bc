#!/usr/bin/env python3
"""Regenerate the generated parts of warta's knowledge base (src/warta/analyse/resolve/data).

Generated files (overwritten by this script):
- ``countries.jsonl``: every country and territory, names from babel's CLDR data in
  Indonesian, Malay and English, ISO 3166-1 alpha-3 codes, canonical English names.
- ``leaders.jsonl``: heads of state and government of every sovereign country in office
  since 2010, from the Wikidata extract in
  ``../shared/data/wikidata-leaders/leaders_history.csv``. The extract is noisy and is
  filtered here (see :func:`build_leaders`): rows without a start date (under Indonesia
  they name an auditor as head of government), labels that are bare Wikidata ids or
  Portuguese renderings of a non-Lusophone name, terms that end before they start,
  dependent territories (whose heads are another country's), one-word labels that are not
  known monarchs; known wrong rows and labels are fixed by id. Skipped, keeping the
  existing file, when that CSV is not there.

Hand-written files (never touched here; the knowledge base merges entries by ``id`` at
load time, so they may add aliases and fix fields of generated entries):
``countries_extra.jsonl``, ``places.jsonl``, ``metonyms.jsonl``, ``organisations.jsonl``,
``people.jsonl``, ``roles.jsonl``.

Usage: python scripts/build_kb.py [--leaders-csv PATH] [--check]
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "warta" / "analyse" / "resolve" / "data"
# the project's shared material sits beside the checkout (or beside the worktrees' folder)
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared")
DEFAULT_CSV = SHARED / "data" / "wikidata-leaders" / "leaders_history.csv"

# ------------------------------------------------------------------ countries
DEPRECATED_A3 = {
    "BUR", "TMP", "ZAR", "ROM", "YUG", "FXX", "SCG", "ANT", "SUN", "DDR", "YMD", "DHY", "HVO",
    "NTZ", "RHO", "VDR", "AFI", "ATN", "BYS", "CSK", "CTE", "JTN", "MID", "NHB", "PCI", "PCZ",
    "PUS", "WAK", "XKK", "AAA", "QOO", "ZZZ",
}
NOT_COUNTRIES = {"EA", "EZ", "IC", "QO", "UN", "EU", "ZZ", "XA", "XB", "CQ", "DG", "CP"}
# Kosovo has no ISO code; the PLOVER codebook ("Country names") gives it "KOS", as the annotators do
A3_OVERRIDE = {"XK": "KOS", "MM": "MMR", "TL": "TLS", "CD": "COD", "RO": "ROU"}

CANONICAL = {
    "US": "United States", "GB": "United Kingdom", "MM": "Myanmar", "PS": "State of Palestine",
    "TL": "East Timor", "TR": "Turkey", "CZ": "Czech Republic", "CI": "Ivory Coast",
    "VA": "Vatican City", "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo",
    "HK": "Hong Kong", "MO": "Macau", "SZ": "Eswatini", "KP": "North Korea", "KR": "South Korea",
    "MK": "North Macedonia", "FM": "Federated States of Micronesia", "BS": "The Bahamas",
    "GM": "The Gambia", "CV": "Cape Verde", "VN": "Vietnam", "RU": "Russia", "SY": "Syria",
    "LA": "Laos", "IR": "Iran", "BN": "Brunei", "MF": "Collectivity of Saint Martin",
    "KN": "Saint Kitts and Nevis", "LC": "Saint Lucia", "VC": "Saint Vincent and the Grenadines",
    "BA": "Bosnia and Herzegovina", "AG": "Antigua and Barbuda", "TT": "Trinidad and Tobago",
    "ST": "São Tomé and Príncipe", "PM": "Saint Pierre and Miquelon", "WF": "Wallis and Futuna",
    "SH": "Saint Helena, Ascension and Tristan da Cunha", "TC": "Turks and Caicos Islands",
    "UM": "United States Minor Outlying Islands", "VI": "United States Virgin Islands",
    "VG": "British Virgin Islands", "FK": "Falkland Islands", "PN": "Pitcairn Islands",
    "CC": "Cocos (Keeling) Islands", "MP": "Northern Mariana Islands", "SJ": "Svalbard and Jan Mayen",
    "BL": "Saint Barthélemy", "BQ": "Caribbean Netherlands", "CW": "Curaçao", "RE": "Réunion",
    "AX": "Åland", "HM": "Heard Island and McDonald Islands", "GS": "South Georgia and the South Sandwich Islands",
    "IO": "British Indian Ocean Territory", "TF": "French Southern and Antarctic Lands",
    "SX": "Sint Maarten", "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania", "MD": "Moldova",
    "TW": "Taiwan", "NL": "Netherlands", "PH": "Philippines", "AE": "United Arab Emirates",
}
# forms that are ordinary words (or names of other things) in Indonesian/Malay text
RISKY = {"Cuba", "Jordan", "Dunia", "Man", "Chad"}
WIKIDATA = {
    "USA": "Q30", "CHN": "Q148", "RUS": "Q159", "IDN": "Q252", "MYS": "Q833", "MMR": "Q836",
    "UKR": "Q212", "GBR": "Q145", "FRA": "Q142", "DEU": "Q183", "JPN": "Q17", "KOR": "Q884",
    "PRK": "Q423", "IND": "Q668", "AUS": "Q408", "TUR": "Q43", "IRN": "Q794", "SAU": "Q851",
    "ISR": "Q801", "PSE": "Q219060", "SGP": "Q334", "THA": "Q869", "PHL": "Q928", "VNM": "Q881",
    "TLS": "Q574", "YEM": "Q805", "EGY": "Q79", "ITA": "Q38", "ESP": "Q29", "CAN": "Q16",
    "BRA": "Q155", "NLD": "Q55", "PAK": "Q843", "AFG": "Q889", "IRQ": "Q796", "SYR": "Q858",
    "QAT": "Q846", "ARE": "Q878", "LAO": "Q819", "KHM": "Q424", "BRN": "Q921", "BGD": "Q902",
    "NZL": "Q664", "MEX": "Q96", "ARG": "Q414", "ZAF": "Q258", "NGA": "Q1033", "POL": "Q36",
    "SWE": "Q34", "NOR": "Q20", "FIN": "Q33", "DNK": "Q35", "BEL": "Q31", "CHE": "Q39",
    "AUT": "Q40", "GRC": "Q41", "PRT": "Q45", "IRL": "Q27", "CZE": "Q213", "HUN": "Q28",
    "ROU": "Q218", "BLR": "Q184", "KAZ": "Q232", "LBN": "Q822", "JOR": "Q810", "KWT": "Q817",
    "OMN": "Q842", "BHR": "Q398", "LBY": "Q1016", "TUN": "Q948", "DZA": "Q262", "MAR": "Q1028",
    "SDN": "Q1049", "ETH": "Q115", "KEN": "Q114", "SOM": "Q1045", "LKA": "Q854", "NPL": "Q837",
    "TWN": "Q865", "MNG": "Q711", "CUB": "Q241", "VEN": "Q717", "COL": "Q739", "CHL": "Q298",
    "PER": "Q419", "SRB": "Q403", "HRV": "Q224", "GEO": "Q230", "ARM": "Q399", "AZE": "Q227",
    "FJI": "Q712", "PNG": "Q691", "BGR": "Q219", "SVK": "Q214", "SVN": "Q215", "EST": "Q191",
    "LVA": "Q211", "LTU": "Q37", "ISL": "Q189", "LUX": "Q32", "MLT": "Q233", "CYP": "Q229",
    "HKG": "Q8646", "MAC": "Q14773", "VAT": "Q237", "BTN": "Q917", "MDV": "Q826",
}


def _clean_forms(name: str) -> list[str]:
    """CLDR display name -> usable surface forms ("Myanmar (Burma)" -> Myanmar, Burma)."""
    if not name or " - " in name or "DAK" in name or "SAR" in name or "Wilayah" in name and "Palest" in name:
        return []
    out = []
    m = re.match(r"^(.*?)\s*\((.*)\)$", name)
    if m:
        out += [m.group(1), m.group(2)]
    else:
        out.append(name)
    more = []
    for f in out:
        if "&" in f:
            more.append(f.replace("&", "dan"))
            more.append(f.replace("&", "and"))
        else:
            more.append(f)
        if f.startswith("St. "):
            more.append("Saint " + f[4:])
    return [f.replace("’", "'").strip() for f in more if f.strip() and f not in RISKY]


def build_countries() -> list[dict]:
    from babel import Locale
    from babel.core import get_global

    inv: dict[str, list[str]] = {}
    for a3, a2s in get_global("territory_aliases").items():
        if len(a3) == 3 and a3.isalpha() and len(a2s) == 1 and a3 not in DEPRECATED_A3:
            inv.setdefault(a2s[0], []).append(a3)
    locs = [Locale("en"), Locale("id"), Locale("ms")]
    en, idn, ms = (loc.territories for loc in locs)
    out = []
    for a2 in sorted(en):
        if not (len(a2) == 2 and a2.isalpha()) or a2 in NOT_COUNTRIES:
            continue
        a3 = A3_OVERRIDE.get(a2) or (sorted(inv.get(a2, []))[:1] or [None])[0]
        if not a3:
            continue
        name = CANONICAL.get(a2) or en[a2].replace("&", "and").replace("St. ", "Saint ")
        aliases: list[str] = []
        for loc in (idn, ms, en):
            for f in _clean_forms(loc.get(a2, "")):
                if f not in aliases:
                    aliases.append(f)
        if name not in aliases and name not in RISKY:
            aliases.insert(0, name)
        out.append({
            "id": f"country/{a3}", "name": name, "type": "GPE", "code": a3, "sector": None,
            "wikidata": WIKIDATA.get(a3), "aliases": aliases,
        })
    return out


# ------------------------------------------------------------------ leaders
LEADER_COUNTRIES = (
    "IDN MYS SGP THA PHL VNM MMR KHM LAO BRN TLS CHN JPN KOR PRK TWN IND PAK BGD AFG LKA AUS NZL "
    "PNG USA CAN MEX BRA ARG GBR FRA DEU ITA ESP NLD BEL POL UKR RUS BLR TUR IRN IRQ SYR ISR PSE "
    "LBN JOR SAU ARE QAT KWT OMN YEM EGY LBY SDN ZAF NGA ETH KEN SWE NOR FIN HUN GRC AUT VEN CUB "
    "KAZ AZE ARM GEO SRB DNK BHR MAR DZA TUN"
).split()
# Wikidata labels that are Portuguese or not the English-press spelling
NAME_FIX = {
    "Q43274": "Charles III", "Q217096": "Naruhito", "Q1951896": "Mohamed bin Zayed Al Nahyan",
    "Q155004": "Philippe of Belgium", "Q1004037": "Frederik X", "Q191045": "Felipe VI",
    "Q57298": "Abdullah of Saudi Arabia", "Q367825": "Salman of Saudi Arabia",
    "Q307871": "Abdel Fattah el-Sisi", "Q50365049": "Abiy Ahmed",
    "Q56235580": "Alexander Turchin", "Q4150130": "Volodymyr Groysman",
    "Q64486491": "Oleksiy Honcharuk", "Q66094865": "Denys Shmyhal",
    "Q1459658": "Viktor Yanukovych", "Q3874799": "Volodymyr Zelenskyy",
    "Q13026319": "Paetongtarn Shinawatra", "Q63111184": "Abdel Fattah al-Burhan",
    "Q3847080": "Lai Ching-te", "Q551904": "Su Tseng-chang", "Q7833292": "Trần Đại Quang",
    "Q2866": "Alexander Lukashenko", "Q23530": "Dmitry Medvedev",
    "Q6892571": "Mohammed bin Salman", "Q1855372": "Tamim bin Hamad Al Thani",
    "Q3462649": "Min Aung Hlaing", "Q57550": "Abdul Halim of Kedah",
    "Q2657043": "Ibrahim of Johor", "Q5244614": "Muhammad V of Kelantan",
    "Q15467111": "Abdullah of Pahang", "Q57464": "Abdullah II of Jordan",
    "Q57553": "Mohammed VI of Morocco", "Q154952": "Willem-Alexander of the Netherlands",
    "Q57287": "Harald V", "Q3911": "Albert II of Belgium", "Q348144": "Hassan Rouhani",
    "Q181383": "Mahathir Mohamad", "Q57794": "Bidzina Ivanishvili", "Q85317569": "Mustafa Al-Kadhimi",
    "Q3700793": "Mohammed Shia' al-Sudani", "Q105319569": "Abdul Hamid Dbeibeh",
    "Q4404442": "Bakhytzhan Sagintayev", "Q56825894": "Alihan Smailov", "Q57806": "Antonis Samaras",
    "Q552751": "Kyriakos Mitsotakis", "Q57480": "Abdrabbuh Mansur Hadi",
    "Q20385886": "Ahmed Obeid bin Daghr", "Q1464": "Benigno Aquino III",
    "Q1059948": "Khalifa bin Zayed Al Nahyan", "Q57352": "Hamad bin Isa Al Khalifa",
    "Q83849153": "Khalid bin Khalifa bin Abdulaziz Al Thani",
    "Q9682": "Elizabeth II", "Q29574": "Beatrix of the Netherlands", "Q102139": "Margrethe II",
    "Q19943": "Juan Carlos I", "Q57454": "Hans-Adam II", "Q57537": "Letsie III",
    "Q161319": "Guillaume, Grand Duke of Luxembourg", "Q16004": "Henri, Grand Duke of Luxembourg",
    "Q3910": "Albert II, Prince of Monaco", "Q45068": "Carl XVI Gustaf", "Q57340": "Mswati III",
    "Q2494": "Pope Benedict XVI", "Q450675": "Pope Francis", "Q6109517": "Pope Leo XIV",
}
# rows that are wrong (fiction, ministers under the head-of-government role, elections ...)
QID_DROP = {
    "Q107054330", "Q96181216", "Q5335019", "Q30917", "Q18471338", "Q317421",
    "Q19718465", "Q105234492", "Q105444004", "Q131385525", "Q116822184",
    "Q976974", "Q12850075", "Q16091128", "Q335738",
    "Q19731911",  # Sapto Amal Damandari, an auditor, under Indonesia's head of government
    "Q124846311",  # Haiti's transitional council, not a person
}
# single rows that are wrong: Win Myint as head of state from April 2021 (the ousted
# government's claim; Myint Swe, then Min Aung Hlaing, held the office)
ROW_DROP = {("Q8023642", "2021-04-16")}
# roles a country's rows fill wrongly: South Korea's "heads of government" are its presidents
ROLE_DROP = {("KOR", "head_of_government")}
MONARCHS = {"Q37979"}  # one-word labels that are right (Akihito)
QID_FIX = {"Q3462649": "Q6862232"}  # Min Aung Hlaing (the CSV row points elsewhere)
SECTOR_FIX = {"Q6862232": "MIL", "Q63111184": "MIL"}


def slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def _hand_written_people() -> dict[str, tuple[str, str]]:
    """wikidata id -> (id, name) of the hand-written people, so that generated rows merge into them."""
    out: dict[str, tuple[str, str]] = {}
    f = DATA / "people.jsonl"
    if f.is_file():
        for line in f.open(encoding="utf-8"):
            if line.strip() and not line.lstrip().startswith(("#", "//")):
                d = json.loads(line)
                if d.get("wikidata"):
                    out[d["wikidata"]] = (d["id"], d.get("name"))
    return out


# Territories whose head of state is another country's (their rows repeat the metropole's).
DEPENDENT = set(
    "ABW AIA ALA ASM BES BMU COK CUW CXR CYM FLK FRO GGY GIB GLP GRL GUF GUM HKG IMN IOT JEY MAC MAF "
    "MNP MSR MTQ MYT NCL NFK NIU PCN PRI PYF REU SHN SPM SXM TCA TKL VGB VIR WLF ESH BLM".split()
)
LUSOPHONE = set("BRA PRT AGO MOZ CPV GNB STP TLS GNQ".split())
# Portuguese renderings of other countries' names and titles (``Carlos III do Reino Unido``)
PORTUGUESE_LABEL = re.compile(
    r"\b(?:do|da|dos|das|de)\s(?:Reino Unido|Bélgica|Espanha|Dinamarca|Países Baixos|Jordânia|Noruega|Suécia|"
    r"Marrocos|Mónaco|Liechtenstein|Lesoto|Luxemburgo|Essuatíni|Arábia Saudita|Brabante|Japão|Transição)"
    r"|Príncipe|grão-duque|Conselho|^Papa\s|^Leão\s|^Maomé\s")
# the country a head of several realms is filed under
PRIMARY_COUNTRY = {"Q9682": "GBR", "Q43274": "GBR"}
# Indonesian forms the press uses for people whose name alone is rarely written
INDONESIAN_ALIASES = {
    "Q43274": ["Raja Charles III", "Raja Charles"], "Q9682": ["Ratu Elizabeth II", "Ratu Elizabeth"],
    "Q450675": ["Paus Fransiskus"], "Q2494": ["Paus Benediktus XVI"], "Q6109517": ["Paus Leo XIV", "Paus Leo"],
    "Q367825": ["Raja Salman"], "Q217096": ["Kaisar Naruhito"], "Q37979": ["Kaisar Akihito"],
    "Q57464": ["Raja Abdullah II", "Raja Abdullah"], "Q57553": ["Raja Mohammed VI"],
}


# Arabic given names as the English press and the Indonesian press spell them
ARABIC_SPELLINGS = {"Mohammed": ("Muhammad", "Mohamed"), "Mohamed": ("Muhammad", "Mohammed"),
                    "Mohammad": ("Muhammad", "Mohammed"), "Muhammad": ("Mohammed", "Mohamed"), "Abdel": ("Abdul",)}


def spelling_variants(name: str) -> list[str]:
    """Other spellings of a name's Arabic given names (``Mohammed bin Salman`` -> ``Muhammad bin Salman``)."""
    words = name.split()
    out = []
    for i, w in enumerate(words):
        for alt in ARABIC_SPELLINGS.get(w, ()):
            variant = " ".join(words[:i] + [alt] + words[i + 1:])
            if variant not in out and variant != name:
                out.append(variant)
    return out


def _leader_rows(csv_path: Path):
    """Rows of the Wikidata extract that pass the checks (see the module docstring)."""
    with csv_path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            c, qid = r["iso3"], r["person_qid"]
            if not re.fullmatch(r"Q\d+", qid or "") or qid in QID_DROP or c in DEPENDENT:
                continue
            start, end = r["start"][:10], r["end"][:10]
            if not re.match(r"^\d{4}", start) or (end and (end < "2010" or end < start)):
                continue
            if (qid, start) in ROW_DROP or (c, r["role"]) in ROLE_DROP:
                continue
            name = NAME_FIX.get(qid, r["person"])
            if re.fullmatch(r"Q\d+", name) or "/" in name:
                continue
            if qid not in NAME_FIX and c not in LUSOPHONE and PORTUGUESE_LABEL.search(name):
                continue
            if len(name.split()) == 1 and qid not in NAME_FIX and qid not in MONARCHS:
                continue
            yield c, QID_FIX.get(qid, qid), name, r["role"], start, end


def build_leaders(csv_path: Path) -> list[dict]:
    known = _hand_written_people()
    people: dict[str, dict] = {}
    for c, qid, name, role_name, start, end in _leader_rows(csv_path):
        eid = f"person/{slug(name)}"
        if qid in known:
            eid, name = known[qid][0], known[qid][1] or name
        p = people.get(qid)
        if p is None:
            p = people[qid] = {
                "id": eid, "name": name, "type": "PER", "code": c,
                "sector": SECTOR_FIX.get(qid, "GOV"), "wikidata": qid,
                "aliases": [name] + spelling_variants(name) + INDONESIAN_ALIASES.get(qid, []), "roles": [],
            }
        role = {"role": role_name.replace("_", " "), "country": c, "start": start, "end": end or None}
        key = (role["role"], role["country"])
        dup = next((x for x in p["roles"] if (x["role"], x["country"]) == key
                    and (x["start"] <= start <= (x["end"] or "9999") or start <= x["start"] <= (end or "9999"))), None)
        if dup:
            dup["start"] = min(dup["start"], start)
            dup["end"] = None if (dup["end"] is None or not end) else max(dup["end"], end)
        else:
            p["roles"].append(role)
    order = {c: i for i, c in enumerate(LEADER_COUNTRIES)}
    for qid, p in people.items():
        countries = Counter(r["country"] for r in p["roles"])
        p["code"] = PRIMARY_COUNTRY.get(qid) or min(countries, key=lambda c: (-countries[c], order.get(c, 999), c))
    ids = Counter(p["id"] for p in people.values())
    for qid, p in people.items():  # two people with one name: keep both, told apart by their ids
        if ids[p["id"]] > 1 and qid not in known:
            p["id"] = f"{p['id']}-{qid.lower()}"
    out = sorted(people.values(), key=lambda p: (p["code"], p["name"]))
    for p in out:
        p["roles"].sort(key=lambda x: x["start"])
    return out


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows):5d} entries to {path.relative_to(ROOT)}")


def check() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from warta.analyse.resolve.kb import KnowledgeBase, packaged_files

    for f in packaged_files():
        n = KnowledgeBase.validate_file(f)
        print(f"{f.name:28s} {n:5d} lines ok")
    kb = KnowledgeBase.load([])
    print(f"{len(kb)} entries, {len(kb.roles)} roles")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--leaders-csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--check", action="store_true", help="only validate the data files")
    args = ap.parse_args()
    if args.check:
        return check()
    write_jsonl(DATA / "countries.jsonl", build_countries())
    if args.leaders_csv.is_file():
        write_jsonl(DATA / "leaders.jsonl", build_leaders(args.leaders_csv))
    else:
        print(f"{args.leaders_csv} not found: leaders.jsonl kept as it is")
    return check()


if __name__ == "__main__":
    sys.exit(main())
