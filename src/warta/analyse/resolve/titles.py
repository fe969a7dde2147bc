"""Titles before people's names (``Presiden Rusia Vladimir Putin``, ``Kapolda Banten Irjen Agus``):
the words that make one, the sector and, for a title only one country's officials bear, the
country they give, and the linker step that extends a person's mention over its title."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .kb import KnowledgeBase
from .roles import exact_case_title


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


def titles(b, regions) -> None:
    """Extend person mentions over a preceding title and nationality; fill sector/country from them."""
    text = b.text
    title_re = _title_regex()
    sectors = _title_sectors()
    starts = [s for s, _ in regions]
    by_end = {m.end: m for m in b.mentions}
    for m in list(b.mentions):
        if m.type != "PER":
            continue
        i = bisect.bisect_right(starts, m.start) - 1
        if i < 0:
            continue
        sent_start = regions[i][0]
        new_start = m.start
        country = None
        title_sector = None
        title_country = None   # the one country whose officials bear the title (Kapolda, Bupati)
        found_title = False
        for _ in range(4):
            before = text[sent_start:new_start]
            stripped = before.rstrip()
            if not stripped:
                break
            gm = by_end.get(sent_start + len(stripped))
            if gm is not None and gm.type == "GPE" and gm is not m and found_title is False and country is None:
                # "Presiden Rusia Vladimir Putin": the country right before the name
                tm = title_re.search(text, sent_start, gm.start)
                if tm and tm.end() >= len(text[sent_start:gm.start].rstrip()) + sent_start:
                    country = gm
                    new_start = gm.start
                    continue
                break
            tm = title_re.search(text, sent_start, sent_start + len(stripped))
            if not tm or (tm.group(0).rstrip().endswith(",") and tm.group(0).lstrip()[:1].islower()):
                break  # a common noun before a comma ends its clause (`kepada warga, Agus ...`)
            found_title = True
            phrase = tm.group(0).strip().rstrip(",").strip().lower()
            for p in TITLE_PREFIX_WORDS:
                if phrase.startswith(p + " "):
                    phrase = phrase[len(p) + 1:]
            title_sector = title_sector or sectors.get(phrase)
            title_country = title_country or _title_countries().get(phrase)
            new_start = tm.start()
            while text[new_start].isspace():
                new_start += 1
            # a title is one phrase: stop after it unless a country precedes
            gm2 = by_end.get(sent_start + len(text[sent_start:new_start].rstrip()))
            if not (gm2 is not None and gm2.type == "GPE"):
                break
        if new_start == m.start:
            continue
        # the title must start with a capital or be a known role phrase
        if text[new_start].islower() and not found_title:
            continue
        ent = b.entities.get(m.entity_id) if m.entity_id else None
        if country is not None:
            b.drop(country)
            b.nest(country)
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
