"""Span rules of the linker: where a longer name wins over the known one inside it, places
named after what they contain (``Gedung DPR``), metonyms read as places (``di Istana Negara``),
party boards (``DPD Partai Golkar``) and one-word short forms inside another name.

The functions take the linker's mention builder (``add``, ``drop``, ``free``, ``mentions``,
``entities``, ``text``) and, where a rule needs the linker's vocabulary, ``is_stop``: whether a
lower-cased word is never a name word (a title, a weekday, a pronoun); :mod:`.linker` calls them.
"""
from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from functools import lru_cache

from .kb import DATA_DIR, slug

# What the recogniser takes for a name on its own but is none: the acronyms of Indonesian laws,
# taxes, documents, budgets and indices (`KUHP`, `PPN`, `NPWP`, `IHSG`), holidays (`Idul Fitri`)
# and software (`Android`), and the state budget and state-owned firms spelled out. On the corpus
# folds' output 23 of these were 76 organisations or people, none an annotated entity (entity F1
# 0.826 -> 0.830); the rest are of the same kinds.
NOT_ENTITIES = frozenset([
    *"""kuhp kuhap ppn pph npwp spt het asn pns bbm ktp e-ktp kk nik apbn apbd ihsg pdb dpk
    ott dpo tkp bap sp3 spdp perppu perpres perda pp tipikor""".split(),
    "belanja negara", "anggaran pendapatan dan belanja negara", "badan usaha milik negara",
    "idul fitri", "idul adha", "lebaran", "natal", "imlek", "nyepi", "waisak", "windows", "android", "ios"])

# Words the NER model sometimes runs a name on into: days, months, speech verbs (not ``bulan``,
# ``hari``: ``Jalan Bulan``).
NOT_NAME_TAILS = frozenset(
    """senin selasa rabu kamis jumat sabtu minggu ahad januari februari maret april mei juni juli agustus
    september oktober november desember kata ujar""".split()
)


# Compass words that, capitalised, make a region of the place before them (``Afrika Barat``).
COMPASS_WORDS = frozenset({"barat", "timur", "utara", "selatan", "tengah", "tenggara", "laut", "daya"})
# Capitalised words that make the name after them a place: a building, a street, a site or a
# landform named after an organisation, a person or a bigger place (``Gedung DPR``, ``Jalan Asia``,
# ``Teluk Finlandia``, ``Pasar Sentral Kota Medan``).
PLACE_HEADS = frozenset("""gedung kompleks komplek kantor istana jalan jl jln pasar bandara bandar pelabuhan stasiun
    terminal lapangan stadion masjid gereja pura vihara klenteng hotel taman menara monumen tugu kampus teluk selat
    pulau kepulauan gunung pegunungan danau sungai tanjung semenanjung samudra samudera lembah pantai desa
    kecamatan kelurahan dusun kampung bundaran penjara""".split())
_NAME_WORD = re.compile(r"[A-Z0-9][\w.'’-]*")


def longer_name(text: str, ns: int, ne: int, label: str, inner: list, is_stop: Callable[[str], bool]) -> str | None:
    """Whether the recogniser's name ``text[ns:ne]`` should replace the shorter known mentions
    ``inner`` it contains (longest span wins, for the cases where the longer span is reliable):

    * ``"same"``: the same entity, named longer: a person's known name written out longer
      (``Mahfud`` -> ``Mahfud Md``, the extra words after it and in the person's name); a region of a
      known place (capitalised compass words after it: ``Afrika Barat``, ``Sagaing Utara``), which
      stays linked to that place (``Indonesia timur``, in lower case, is a description, not a name);
    * ``"new"``: a place named after what it contains (a capitalised head from PLACE_HEADS:
      ``Gedung DPR``, ``Teluk Finlandia``); a body inside a known organisation (capitalised words
      before it: ``Badan Anggaran DPR``); another person whose name holds a known person's
      one-word name (``Edhy Prabowo``, ``Raden Prabowo Argo Yuwono``);
    * ``None``: keep the known mentions (the recogniser's span is the less reliable).
    """
    if any((m.end - m.start) >= (ne - ns) for m in inner):
        return None
    first = inner[0]
    head = text[ns:first.start].split()
    tail = text[inner[-1].end:ne].split()
    types = {m.type for m in inner}
    if label == "LOC":
        words = text[ns:ne].split()
        if words[0].lower() in PLACE_HEADS and words[0][0].isupper() and len(words) > 1:
            return "new"
        if not head and tail and len(inner) == 1 and types <= {"LOC", "GPE"} \
                and all(w.lower() in COMPASS_WORDS and w[0].isupper() for w in tail):
            return "same"
        return None
    if label == "ORG":
        if head and not tail and types <= {"ORG", "LOC", "GPE"} and "ORG" in types \
                and all(_NAME_WORD.fullmatch(w) for w in head) \
                and not any(is_stop(w.lower()) for w in head):
            return "new"
        return None
    if label == "PER" and types == {"PER"} and len(inner) == 1 and (head or tail):
        extra = head + tail
        if not all(_NAME_WORD.fullmatch(w) and not is_stop(w.lower()) and w.lower() not in _HONORIFICS
                   and not (len(w) > 1 and w.isupper()) for w in extra) \
                or (head and head[0].lower() in _common_words()):
            return None
        known = [w.lower() for w in (inner[0].name or "").split()]
        if any(_like(w.lower(), k) for w in extra for k in known):
            # the known person with a middle name or another spelling (`Anies Rasyid Baswedan`)
            return None if head else "same"
        if len(text[inner[0].start:inner[0].end].split()) == 1:
            # a known person's one-word name inside another's (`Edhy Prabowo`, `Raden Prabowo Argo
            # Yuwono`, not Prabowo Subianto; `Ivanka Trump`, not Donald Trump)
            return "new"
    return None


def _like(a: str, b: str) -> bool:
    """The same name word, maybe spelled another way (``Panjaitan`` / ``Pandjaitan``)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b).ratio() >= 0.8


def common_word_opening(text: str, start: int, m) -> bool:
    """A one-word name that is also a frequent lower-case word, opening the sentence that starts at
    ``start`` before a lower-case word, is that word (``Antara 2010 dan ...``, ``Baku tembak``)."""
    w = m.text
    return (" " not in w and w == w.capitalize() and w.lower() in _common_words()
            and not text[start:m.start].strip(" \"'“‘(") and text[m.end:m.end + 2].strip()[:1].islower())


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Frequent Indonesian word forms written in lower case: a verb or noun that opens a sentence
    capitalised (``Minta Jokowi``) is not a first name."""
    from ..ner import _common_words as frequent_lower_case

    return frequent_lower_case()


# A party's boards (Dewan Pimpinan Pusat / Wilayah / Daerah / Cabang); ``DPD`` is also the
# Regional Representative Council, the knowledge base's reading.
_PARTY_BOARDS = frozenset({"DPP", "DPW", "DPD", "DPC"})
_BOARD_AFTER = re.compile(r"\s+(?:Partai\b|provinsi\b|kabupaten\b|kota\b|daerah\b|se-)")


def party_boards(b) -> None:
    """``DPD Partai Demokrat``, ``DPD NasDem``, ``DPD provinsi``, ``31 DPD``: a party's regional
    board, not the council the knowledge base knows by the acronym; the mention is dropped (the
    party named after it is the actor)."""
    text = b.text
    parties = {m.start for m in b.mentions if m.type == "ORG" and m.sector == "PTY"}
    for m in [m for m in b.mentions if m.text in _PARTY_BOARDS and m.entity_id and m.entity_id.startswith("org/")]:
        nxt = re.match(r"\s+", text[m.end:m.end + 3])
        after_party = nxt is not None and m.end + nxt.end() in parties
        before = text[max(0, m.start - 12):m.start].split()
        counted = bool(before) and before[-1].isdigit()
        if after_party or counted or _BOARD_AFTER.match(text, m.end):
            b.drop(m)


# a legislature's numbered commission: "Komisi III DPR", "Komisi II DPR RI", "Komisi A DPRD Jawa Timur"
_COMMISSION = re.compile(r"\bKomisi\s+(?:[IVX]{1,4}|[A-E])\s+(?=DPR)")


def legislative_commissions(b) -> None:
    """``Komisi III DPR``: the numbered commission of a legislature the article names right after
    it is one organisation (sector LEG), not the whole legislature."""
    text = b.text
    for m in [m for m in b.mentions if m.type == "ORG" and m.sector == "LEG" and m.entity_id]:
        c = _COMMISSION.search(text, max(0, m.start - 16), m.end)
        if c is None or c.end() != m.start or not b.free(c.start(), c.start() + 1):
            continue
        end = m.end
        ri = re.match(r"\s+RI\b", text[end:end + 4])
        if ri and b.free(end, end + ri.end()):
            end += ri.end()
        name = " ".join(text[c.start():end].split())
        b.drop(m)
        b.add(c.start(), end, f"org/{slug(name)}", name, "ORG", m.code or "IDN", "LEG", source="rule")


# Heads whose place is the premises of the organisation named after them (``Kantor Bappenas``):
# taken as a place only where the recogniser reads the whole as one.
_OFFICE_HEADS = frozenset({"kantor"})
_HEAD_BEFORE = re.compile(r"([A-Z][\w'’]*)\s+$")


def places_named_after(b, regions, is_stop: Callable[[str], bool]) -> None:
    """A capitalised head from PLACE_HEADS right before a name (``Gedung DPR``, ``Jalan Sudirman``,
    ``Teluk Finlandia``): one place (LOC) mention from the head to the name's end, the name no
    longer a mention of its own. The name runs on over a hyphenated tail (``Bandara
    Soekarno-Hatta``). Words between the head and a known name make the place's own name
    (``Bandara Internasional Sepinggan Balikpapan`` is the airport and its town): left to the
    recogniser."""
    text = b.text
    starts = [s for s, _ in regions]
    for m in sorted(b.mentions, key=lambda m: m.start):
        if m.type not in ("ORG", "LOC", "GPE", "PER") or m not in b.mentions:
            continue
        i = bisect.bisect_right(starts, m.start) - 1
        if i < 0:
            continue
        sent_start = regions[i][0]
        g = _HEAD_BEFORE.search(text, max(sent_start, m.start - 30), m.start)
        if g is None or g.group(1).lower() not in PLACE_HEADS or g.group(1).lower() in _OFFICE_HEADS:
            continue
        prev = text[sent_start:g.start(1)].split()
        if len(prev) > 1 and prev[-1][:1].isupper() and prev[-1].isalpha() and not is_stop(prev[-1].lower()):
            continue  # the head is inside a longer name (Pusat Pasar Kota Medan): left as it is
        start, end = g.start(1), m.end
        while True:  # "Soekarno-Hatta"
            t = re.match(r"-[A-Z][\w'’]*", text[end:end + 40])
            if not t:
                break
            end += t.end()
        if not b.free(start, m.start) or any(o is not m and o.start < end and start < o.end for o in b.mentions):
            continue
        b.drop(m)
        surface = text[start:end]
        code = m.code if m.type != "PER" else None
        b.add(start, end, f"loc/{slug(surface)}", surface, "LOC", code, None, source="ner")


# Words after which a building or district that stands for an institution (``Istana Negara``,
# ``Senayan``, ``Gedung Putih``) is the place itself: ``di Senayan``, ``ke Istana Negara``.
_LOCATIVE_BEFORE = frozenset("di ke dari menuju depan dekat sekitar kawasan kompleks halaman luar dalam".split())


@lru_cache(maxsize=1)
def _metonym_ids() -> frozenset[str]:
    """The knowledge base's places that stand for institutions (data/metonyms.jsonl)."""
    path = DATA_DIR / "metonyms.jsonl"
    if not path.exists():
        return frozenset()
    return frozenset(json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def _spoken_of_as_place(text: str, m, places_by_end: dict) -> bool:
    """Whether a mention reads as a place: after ``di``/``ke``/``dari``..., or in an address after
    another place (``di Gedung DPR, Senayan, Jakarta``; ``places_by_end``: the mentions that may
    come before the comma, by their end)."""
    words = text[max(0, m.start - 40):m.start].split()
    if words and words[-1].lower() in _LOCATIVE_BEFORE:
        return True
    j = m.start
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j > 0 and text[j - 1] == ",":  # ", Senayan" right after a place: an address
        j -= 1
        while j > 0 and text[j - 1].isspace():
            j -= 1
        return j in places_by_end
    return False


def metonyms_as_places(b) -> None:
    """A metonym the article only speaks of as a place (after ``di``/``ke``/``dari``..., or in an
    address after another place: ``di Gedung DPR, Senayan, Jakarta``) is a place (LOC), not the
    institution acting; one that also acts in the article (``Istana Negara membantah``) stays the
    institution throughout, one entity."""
    ids = _metonym_ids()
    if not ids:
        return
    text = b.text
    places_by_end = {m.end: m for m in b.mentions if m.type in ("LOC", "GPE")}
    by_entity: dict[str, list] = {}
    for m in b.mentions:
        if m.entity_id in ids:
            by_entity.setdefault(m.entity_id, []).append(m)
    for eid, ms in by_entity.items():
        if not all(_spoken_of_as_place(text, m, places_by_end) for m in ms):
            continue
        ent = b.entities.get(eid)
        name = ent.name if ent else ms[0].name
        for m in ms:
            b.drop(m)
            b.add(m.start, m.end, f"loc/{slug(name)}", name, "LOC", m.code, None, ent.wikidata if ent else None)


# a currency word before a country's name makes them one name, the currency's (``dolar AS``)
_CURRENCY_BEFORE = re.compile(r"(?i)(?<![\w-])(?:dolar|dollar|ringgit|yen|yuan|renminbi|euro|rupee|rupe|peso|won"
                              r"|pound|poundsterling|franc|lira|rubel|riyal|dirham|baht)\s+$")


def currency_countries(b) -> None:
    """A country named in a currency's name (``20.000 dolar AS``, ``ringgit Malaysia``) is no mention
    of the country: no entity the article names, no actor (on the corpus, 23 of 26 countries
    named only so were no entity of the annotators')."""
    for m in [m for m in b.mentions if m.type == "GPE" and (m.entity_id or "").startswith("country/")]:
        if _CURRENCY_BEFORE.search(b.text, max(0, m.start - 20), m.start):
            b.drop(m)


@lru_cache(maxsize=1)
def national_capitals() -> dict[str, str]:
    """The knowledge base's places that are national capitals, with their country's code
    (data/capitals.tsv, built by scripts/build_capitals.py)."""
    path = DATA_DIR / "capitals.tsv"
    if not path.exists():
        return {}
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#"))
    return {pid: code.strip() for pid, code in rows}


# words before a city's name that make it the city, not its country's state (``ibu kota Teheran``,
# ``warga Moskow``, ``Wali Kota Ankara``)
_CITY_BEFORE = frozenset("kota ibukota ibu-kota warga penduduk provinsi distrik pusat".split())
# the city named after its description: ``di ibu kota China, Beijing``
_CAPITAL_OF = re.compile(r"(?i)\bibu\s*kota\s+[^,.;]{1,40},\s*$")


def capitals_acting(b, kb, regions, home: str | None = "IDN") -> None:
    """A national capital that acts stands for its country's state (``Teheran dan Riyadh sepakat``,
    ``tekanan terhadap Moskow``): such mentions join the country. Where the article speaks of it
    as a place (``di Teheran``, an address, the dateline outside the body's sentences) or as the
    city (``warga Moskow``) it stays the city. The home country's capital (``Jakarta`` in
    Indonesian news) acting is mostly its own city's government, and stays the city."""
    caps = national_capitals()
    if not caps:
        return
    text = b.text
    # an address names a building or place before the city (``Lanud Estimesgut, Ankara``); a
    # country or a person before the comma makes a list (``China, Teheran dan Riyadh``)
    address_by_end = {m.end: m for m in b.mentions if m.type in ("LOC", "GPE", "ORG")
                      and not (m.entity_id or "").startswith("country/")}
    for m in [m for m in b.mentions if m.entity_id in caps and caps[m.entity_id] != home]:
        if not any(s <= m.start and m.end <= e for s, e in regions) or _spoken_of_as_place(text, m, address_by_end):
            continue
        before = text[max(0, m.start - 60):m.start]
        if (before.split() and before.split()[-1].lower() in _CITY_BEFORE) or _CAPITAL_OF.search(before):
            continue
        country = kb.country(caps[m.entity_id])
        if country is None:
            continue
        b.drop(m)
        b.add(m.start, m.end, country.id, country.name, country.type, country.code, None, country.wikidata)


# Short honorifics before a name that the title patterns leave out.
_HONORIFICS = frozenset("pak bu mas mbak gus kh ny tn kang bung cak h hj".split())


def inside_longer_name(text: str, sent_start: int, start: int, title_re: re.Pattern,
                       is_stop: Callable[[str], bool]) -> bool:
    """Whether the word before ``start`` is a capitalised name word (not the sentence's first
    word, a title or an honorific), so a one-word name found at ``start`` is part of a longer one."""
    before = text[sent_start:start]
    if not before or not before[-1] == " ":
        return False
    words = before.split()
    if len(words) < 2:  # the sentence's first word is capitalised anyway
        return False
    prev = words[-1]
    if not (prev[:1].isupper() and prev[1:2].islower() and prev.isalpha()):
        return False
    low = prev.lower()
    if is_stop(low) or low in _HONORIFICS:
        return False
    return title_re.search(text, sent_start, start) is None
