"""Titles before people's names (``Presiden Rusia Vladimir Putin``, ``Kapolda Banten Irjen Agus``):
the words that make one, the sector and, for a title only one country's officials bear, the
country they give, and the linker step that extends a person's mention over its title."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .kb import KnowledgeBase
from .roles import exact_case_title, take_title


# Role words that make a title before a person's name, with the sector they give.
TITLE_SECTORS = {
    "presiden": "GOV", "wakil presiden": "GOV", "perdana menteri": "GOV", "pm": "GOV", "menteri": "GOV",
    "menteri luar negeri": "GOV", "menlu": "GOV", "menteri pertahanan": "MIL", "menhan": "MIL",
    "raja": "GOV", "ratu": "GOV", "pangeran": "GOV", "putra mahkota": "GOV", "kanselir": "GOV",
    "kepala negara": "GOV", "kepala pemerintahan": "GOV", "gubernur": "GOV", "wali kota": "GOV",
    "walikota": "GOV", "bupati": "GOV", "juru bicara": "GOV", "jubir": "GOV", "duta besar": "GOV",
    "dubes": "GOV", "sekretaris jenderal": "IGO", "sekjen": "IGO", "utusan khusus": "GOV",
    "penasihat keamanan nasional": "GOV", "jenderal": "MIL", "jenderal senior": "MIL",
    "panglima": "MIL", "panglima militer": "MIL", "kepala militer": "MIL", "pemimpin junta": "MIL",
    "pemimpin junta militer": "MIL", "laksamana": "MIL", "marsekal": "MIL", "kolonel": "MIL",
    "mayor jenderal": "MIL", "letnan jenderal": "MIL", "kepala staf": "MIL", "komandan": "MIL",
    "kapolri": "COP", "kepala polisi": "COP", "hakim": "JUD", "jaksa agung": "JUD", "ketua": None,
    "wakil ketua": None, "direktur": None, "kepala": None, "pemimpin": None, "pemimpin oposisi": "OPP",
    "anggota parlemen": "LEG", "senator": "LEG", "ketua parlemen": "LEG", "ketua dpr": "LEG",
    "aktivis": "CVL", "pengacara": "CVL", "wartawan": "JRN", "jurnalis": "JRN", "pakar": None,
    "analis": None, "profesor": "EDU", "uskup": "REL", "paus": "REL", "imam": "REL", "ulama": "REL",
    "bapak": None, "ibu": None, "tuan": None, "nyonya": None, "sri paus": "REL", "saksi": "CVL",
    "warga": "CVL", "kepala industri senjata": "BUS", "ceo": "BUS", "pendiri": None, "bos": "BUS",
}
TITLE_PREFIX_WORDS = ("mantan", "eks", "calon", "wakil", "plt", "pelaksana tugas")


@lru_cache(maxsize=1)
def _title_regex() -> re.Pattern:
    """A title (with an optional ``mantan``/``wakil``... prefix) that ends where the text ends.

    The title starts on a word boundary; short titles and honorifics must match in their case."""
    loose = {f for f in TITLE_SECTORS if not exact_case_title(f)}
    exact: set[str] = set()
    for r in KnowledgeBase.default().roles:
        if r.get("kind") == "title":
            form = r["form"].strip()
            (exact if exact_case_title(form) else loose).add(form if exact_case_title(form) else form.lower())
    for f in TITLE_SECTORS:
        if exact_case_title(f) and f.upper() not in exact and f.capitalize() not in exact:
            exact.add(f.capitalize() if len(f) > 2 else f.upper())
    alts = "|".join(re.escape(f) for f in sorted(loose, key=len, reverse=True))
    exact_alts = "|".join(re.escape(f) for f in sorted(exact, key=len, reverse=True))
    pre = "|".join(re.escape(p) for p in TITLE_PREFIX_WORDS)
    return re.compile(rf"(?<![\w-])(?:(?i:{pre})\s+)?(?:(?i:{alts})|{exact_alts})\s*,?\s*$")


@lru_cache(maxsize=1)
def _title_sectors() -> dict[str, str | None]:
    out = dict(TITLE_SECTORS)
    for r in KnowledgeBase.default().roles:
        if r.get("kind") == "title":
            out.setdefault(r["form"].lower(), r.get("sector"))
    return out


@lru_cache(maxsize=1)
def _title_countries() -> dict[str, str]:
    """Titles only one country's officials bear (``menko polhukam``, ``kapolda``, ``bupati``, Polri's
    ranks: the KB's ``country`` of a title), lower-cased, with that country."""
    return {r["form"].lower(): r["country"] for r in KnowledgeBase.default().roles
            if r.get("kind") == "title" and r.get("country")}


#: a short bracketed part right before a name or between a title and a country: the title's
#: abbreviation (``Menteri Pertahanan (Menhan) AS James Mattis``, ``Menteri Koordinator Bidang
#: Politik, Hukum dan Keamanan (Menko Polhukam) Wiranto``) or the country's (``Amerika Serikat (AS)``)
_BRACKETS_END = re.compile(r"\(\s*([^()\d]{1,30}?)\s*\)$")


def _bracketed_title(stripped: str, title_re: re.Pattern) -> tuple[str, str | None, str | None]:
    """``stripped`` without a bracketed part at its end, that part when it is a title, and the
    part itself (None: no brackets)."""
    bm = _BRACKETS_END.search(stripped)
    if bm is None:
        return stripped, None, None
    inner = bm.group(1)
    tm = title_re.search(inner)
    return stripped[:bm.start()].rstrip(), (inner if tm is not None and tm.start() == 0 else None), inner


#: what a bracket after a rank says of it: ``Brigjen (Pol)`` is a police rank (Polri's)
_BRACKET_SECTORS = {"pol": ("COP", "IDN"), "polisi": ("COP", "IDN")}


def _opens_phrase(text: str, sent_start: int, pos: int, inner: str) -> bool:
    """Whether a title found at ``pos`` opens the phrase that the bracketed ``inner`` abbreviates:
    not when the capitalised word right before it starts as the abbreviation does
    (``Direktorat Jenderal (Ditjen) Bina Marga`` is a directorate, not a general; ``KPK Brigjen
    (Pol) Aris Budiman`` is a rank)."""
    prev = re.search(r"([\w-]+)\s*$", text[sent_start:pos])
    return prev is None or not prev.group(1)[:1].isupper() or prev.group(1)[:2].lower() != inner[:2].lower()


def titles(b, regions) -> None:
    """Extend person mentions over a preceding title and nationality; fill sector/country from them.
    A bracketed abbreviation may stand between them (``Menteri Pertahanan (Menhan) AS James
    Mattis``); a bracketed title right before the name gives its sector and country, and the
    title spelt out before it joins the mention when it opens with a title word (``Menteri
    Koordinator ... dan Keamanan (Menko Polhukam) Wiranto``), else the mention keeps its start."""
    text = b.text
    title_re = _title_regex()
    starts = [s for s, _ in regions]
    by_end = {m.end: m for m in b.mentions}
    for m in list(b.mentions):
        if m.type != "PER":
            continue
        i = bisect.bisect_right(starts, m.start) - 1
        if i < 0:
            continue
        f = _scan_title(text, regions[i][0], m, title_re, by_end)
        if f.new_start == m.start and f.long_end is not None:
            # "Menteri Koordinator Bidang Politik, Hukum, dan Keamanan (Menko Polhukam) Wiranto"
            # the title holds no other person or organisation ("Presiden Joko Widodo dan Menteri
            # Koordinator ... (Menko Polhukam) Wiranto": two people); a country in it is nested
            floor = max((x.end for x in b.mentions if x is not m and x.type != "GPE" and x.end <= f.long_end),
                        default=regions[i][0])
            long_start = _long_title_start(text, max(regions[i][0], floor), f.long_end)
            if long_start is None:
                take_title(b, m, f.sector, f.country_code)
                continue
            f.new_start, f.found_title = long_start, True
        if f.new_start == m.start:
            continue
        # the title must start with a capital or be a known role phrase
        if text[f.new_start].islower() and not f.found_title:
            continue
        _join_title(b, m, f)


@dataclass
class _Title:
    """What :func:`_scan_title` finds before a person's mention."""

    new_start: int
    country: object = None            # the country mention right before the name, if any
    sector: str | None = None
    country_code: str | None = None   # the one country whose officials bear the title (Kapolda, Bupati)
    found_title: bool = False
    long_end: int | None = None       # where a long title ends before a bracketed one right before the name


def _scan_title(text: str, sent_start: int, m, title_re: re.Pattern, by_end: dict) -> _Title:
    """The title, nationality and bracketed abbreviations before person mention ``m``."""
    sectors = _title_sectors()
    f = _Title(new_start=m.start)
    rank_of = None    # the sector and country a bracket after a rank gives: "Brigjen (Pol)"
    for _ in range(4):
        stripped, bracketed, inner = _bracketed_title(text[sent_start:f.new_start].rstrip(), title_re)
        if inner is not None and inner.lower() in _BRACKET_SECTORS:
            rank_of = _BRACKET_SECTORS[inner.lower()]
        if bracketed is not None and not f.found_title:
            f.long_end = sent_start + len(stripped) if f.new_start == m.start else None
            phrase = _phrase(bracketed)
            f.sector = f.sector or sectors.get(phrase)
            f.country_code = f.country_code or _title_countries().get(phrase)
        if not stripped:
            break
        gm = by_end.get(sent_start + len(stripped))
        if gm is not None and gm.type == "GPE" and gm is not m and f.found_title is False and f.country is None:
            # "Presiden Rusia Vladimir Putin": the country right before the name
            core, _, inner_c = _bracketed_title(text[sent_start:gm.start].rstrip(), title_re)
            tm = title_re.search(text, sent_start, sent_start + len(core))
            if tm and tm.end() >= len(core) + sent_start and (
                    inner_c is None or _opens_phrase(text, sent_start, tm.start(), inner_c)):
                f.country = gm
                f.new_start = gm.start
                continue
            break
        tm = title_re.search(text, sent_start, sent_start + len(stripped))
        if not tm or (tm.group(0).rstrip().endswith(",") and tm.group(0).lstrip()[:1].islower()):
            break  # a common noun before a comma ends its clause (`kepada warga, Agus ...`)
        if inner is not None and not _opens_phrase(text, sent_start, tm.start(), inner):
            break
        phrase = _phrase(tm.group(0))
        if _title_countries().get(phrase) == "MMR" and "-" in m.text:
            # "Ko Hyun-jung": a Korean surname, not a Burmese honorific (the knowledge base's titles
            # of Myanmar's people); romanised Burmese names are written without hyphens
            break
        f.found_title = True
        f.sector = f.sector or sectors.get(phrase)
        f.country_code = f.country_code or _title_countries().get(phrase)
        f.new_start = tm.start()
        while text[f.new_start].isspace():
            f.new_start += 1
        # a title is one phrase: stop after it unless a country precedes
        gm2 = by_end.get(sent_start + len(text[sent_start:f.new_start].rstrip()))
        if not (gm2 is not None and gm2.type == "GPE"):
            break
    if rank_of is not None and f.found_title:
        f.sector, f.country_code = rank_of
    return f


def _join_title(b, m, f: _Title) -> None:
    """Person mention ``m`` extended back over its title (``f``), with the sector and country the
    title and the country before the name give."""
    new_start, country, title_sector, title_country = f.new_start, f.country, f.sector, f.country_code
    ent = b.entities.get(m.entity_id) if m.entity_id else None
    for inner in [x for x in b.mentions if x.type == "GPE" and new_start <= x.start and x.end <= m.end]:
        b.drop(inner)   # the country, and a bracketed abbreviation of it: "Amerika Serikat (AS)"
        b.nest(inner)
    b.mentions.remove(m)
    b.taken.remove((m.start, m.end))
    if ent:
        ent.mentions = [mm for mm in ent.mentions if not (mm.start == m.start and mm.end == m.end)]
        if ent.code is None and country is not None:
            ent.code = country.code
        if ent.code is None and title_country and ent.source == "ner":
            ent.code = title_country   # a name the KB does not know, after a title of one country
            for other in b.mentions:   # and its other mentions ("Wiranto" after "Menko Polhukam Wiranto")
                if other.entity_id == ent.id and other.code is None:
                    other.code = title_country
        if ent.sector is None and title_sector:
            ent.sector = title_sector
    code = m.code or (country.code if country is not None else title_country)
    sector = m.sector or title_sector
    if ent:
        b.add(new_start, m.end, m.entity_id, ent.name, "PER", ent.code or code, ent.sector or sector, ent.wikidata,
              source=ent.source)
    else:
        b.add(new_start, m.end, m.entity_id, m.name, "PER", code, sector, m.wikidata, entity=False)


def _phrase(title: str) -> str:
    """A matched title as the tables key it: lower case, without its prefix word (``mantan``)."""
    phrase = title.strip().rstrip(",").strip().lower()
    for p in TITLE_PREFIX_WORDS:
        if phrase.startswith(p + " "):
            phrase = phrase[len(p) + 1:]
    return phrase


#: the words a long title may hold after its head (``Menteri Koordinator Bidang Politik, Hukum,
#: dan Keamanan``): capitalised words, commas and these
_LONG_TITLE_JOINS = frozenset({"dan", "serta", "&", "urusan", "bidang", "untuk"})
#: the longest such title read back from its bracketed abbreviation (characters)
LONG_TITLE_MAX = 90


@lru_cache(maxsize=1)
def _title_heads() -> frozenset[str]:
    """The first words of the titles (``menteri``, ``kepala``, ``direktur``), lower-cased."""
    forms = set(TITLE_SECTORS) | {r["form"] for r in KnowledgeBase.default().roles if r.get("kind") == "title"}
    return frozenset(f.split()[0].lower() for f in forms if f.strip() and len(f.split()[0]) > 3)


def _long_title_start(text: str, sent_start: int, end: int) -> int | None:
    """Where a title spelt out in full begins, that ends at ``end`` (before its bracketed
    abbreviation): the first word of the capitalised run before ``end``, when that word heads a
    title; else None."""
    lo = max(sent_start, end - LONG_TITLE_MAX)
    start = None
    for wm in reversed(list(re.finditer(r"[\w-]+|,", text[lo:end]))):
        w = wm.group(0)
        if w == "," or w[:1].isupper() or w.lower() in _LONG_TITLE_JOINS:
            if w[:1].isupper():
                start = lo + wm.start()
            continue
        break
    if start is None or text[start:end].split()[0].lower().rstrip(",") not in _title_heads():
        return None
    return start
