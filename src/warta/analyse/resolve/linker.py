"""Entity recognition and linking within one article.

Input: a Doc that has been through ``warta_clean`` and ``warta_sentences``. Output: the
article's entities (:class:`~warta.model.Entity`, one per real-world actor, with every
mention) and the actor mentions the event coder reads (:class:`ActorMention`, including
unnamed groups such as ``warga sipil``).

How a mention is found, in order of trust:

1. the knowledge base's gazetteer (case-aware, longest match);
2. the dateline's outlet and the wire credit;
3. a national military named by a role word and a country (``militer Korea Selatan``), or
   alone (``junta``) once the article has named one;
4. the statistical NER model, for names the knowledge base does not know;
5. within-article aliases: acronyms defined in the text (``Asosiasi ... (AAPP)``) and short
   forms of people already named (``Aung Hlaing``, ``Retno``, ``Mikheev``);
6. role words for unnamed groups (``warga sipil``, ``para aktivis``): actor mentions only.

A role word for one office (``Kapolri``, ``Jaksa Agung``, ``Ketua KPK``) with no name after
it is the person who held the office on the article's date (the KB's office lines and terms);
a regional one with its place (``Kapolda Jawa Barat``, ``Bupati Nduga``) is that office's actor.

A person's title and nationality before the name (``Menteri Luar Negeri Turki Mevlut
Cavusoglu``) join the mention and give its sector and country when the KB has none (``titles.py``).
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..events.coder import ActorMention
from ...model import Entity, Mention
from .aliases import (acronyms, alias_names, common_noun_acronyms, initials, join_spellings_of_known, merge_org_forms,
                      merge_short_people, person_tails)
from .credits import credited_outlets
from .geo import gazetteer
from .kb import KBEntry, KnowledgeBase, slug
from .roles import affiliated_people, based_organisations, heads, home_people, militaries, offices, official_run_on, \
    regional_officials, regional_units, role_sector
from .spans import NOT_ENTITIES, NOT_NAME_TAILS, PLACE_HEADS, capitals_acting, common_word_opening, \
    currency_countries, inside_longer_name, legislative_commissions, longer_name, metonyms_as_places, party_boards, \
    places_named_after
from .titles import _title_regex, _title_sectors, titles


# Organisation head words and the sector they give (for names the KB does not know).
ORG_SECTORS = [
    (("kementerian", "departemen", "kedutaan", "kedubes", "konsulat", "pemerintah", "kantor", "dewan",
      "badan", "komisi", "sekretariat", "istana", "kabinet", "ministry", "department", "embassy", "council"), "GOV"),
    (("angkatan", "pasukan", "tentara", "militer", "komando", "armada", "brigade", "batalion", "divisi",
      "tni", "army", "navy", "air force", "lanud"), "MIL"),
    (("kepolisian", "polisi", "polda", "polres", "polri", "penjaga pantai", "coast guard"), "COP"),
    (("partai", "liga", "party"), "PTY"),
    (("asosiasi", "yayasan", "lembaga swadaya", "kelompok ham", "koalisi", "perhimpunan", "association",
      "foundation", "watch", "amnesty"), "NGO"),
    (("kantor berita", "news", "post", "times", "tv", "televisi", "radio", "agency", "press", "media",
      "harian", "koran", "majalah", ".com", ".co.id", ".id", ".co"), "JRN"),
    (("universitas", "institut", "university", "sekolah", "akademi"), "EDU"),
    (("pengadilan", "mahkamah", "kejaksaan", "court"), "JUD"),
    (("parlemen", "kongres", "senat", "dpr", "majelis", "parliament", "congress", "senate"), "LEG"),
    (("bank", "pt", "perusahaan", "corp", "grup", "group", "inc", "ltd", "holding", "industri", "bumn",
      "konglomerat"), "BUS"),
]

# Words the NER model sometimes takes for names; never entities on their own.
NOT_NAMES = frozenset(
    """dia ia mereka kami kita saya anda beliau ini itu para yang dan atau di ke dari pada dalam untuk
    senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli agustus
    september oktober november desember namun tetapi sementara selain menurut sebelumnya kemudian
    baca juga sumber editor pewarta penerjemah copyright tahun bulan pekan hari presiden menteri
    jenderal pemerintah kata ujar the of and ham bumn""".split()
)

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_UPPER_TOKEN = re.compile(r"^[A-Z0-9]{2,}$")


@lru_cache(maxsize=1)
def _kb() -> KnowledgeBase:
    return KnowledgeBase.default()


@lru_cache(maxsize=1)
def _gazetteer():
    from .gazetteer import Gazetteer

    return Gazetteer.default()


@lru_cache(maxsize=1)
def _ner():
    from ..ner import NerTagger

    try:
        return NerTagger.default()
    except FileNotFoundError:
        return None




@lru_cache(maxsize=1)
def _group_regex() -> tuple[re.Pattern, dict[str, dict]]:
    """Role words for unnamed groups (``warga sipil`` -> civilians, CVL), from the KB's roles."""
    groups: dict[str, dict] = {}
    for r in _kb().roles:
        if r.get("kind") == "group" and r.get("form"):
            groups[r["form"].lower()] = r
    if not groups:
        return re.compile(r"(?!x)x"), {}
    alts = "|".join(re.escape(f) for f in sorted(groups, key=len, reverse=True))
    return re.compile(rf"(?i)(?<![\w-])(?:para\s+)?({alts})(?![\w-])"), groups


@lru_cache(maxsize=1)
def _org_sector_tests() -> list[tuple[str, tuple[str, ...], re.Pattern | None]]:
    """ORG_SECTORS compiled once: per sector, its substring heads (``.go.id``) and one pattern for its word heads."""
    out = []
    for heads, sector in ORG_SECTORS:
        words = [h for h in heads if not h.startswith(".")]
        pat = re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, words)) + r")(?![\w])") if words else None
        out.append((sector, tuple(h for h in heads if h.startswith(".")), pat))
    return out


def _stop_word(word: str) -> bool:
    """A lower-cased word that is never part of a name: a title or one of NOT_NAMES."""
    return word in NOT_NAMES or word in _title_sectors()


def _sector_for_org(name: str) -> str | None:
    """The sector of an organisation's name from its head words (the first sector of ORG_SECTORS
    with a head in the name)."""
    low = name.lower()
    for sector, subs, pat in _org_sector_tests():
        if any(h in low for h in subs) or (pat is not None and pat.search(low)):
            return sector
    return None


class _Builder:
    """Collects mentions and entities of one article."""

    def __init__(self, text: str):
        self.text = text
        self.entities: dict[str, Entity] = {}
        self.mentions: list[ActorMention] = []
        self.taken: list[tuple[int, int]] = []  # sorted, non-overlapping spans already claimed

    def free(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.taken, (s, -1))
        if i > 0 and self.taken[i - 1][1] > s:
            return False
        if i < len(self.taken) and self.taken[i][0] < e:
            return False
        return True

    def claim(self, s: int, e: int) -> None:
        bisect.insort(self.taken, (s, e))

    def drop(self, m: ActorMention) -> None:
        """Take a mention back (a longer one replaces it)."""
        self.mentions.remove(m)
        self.taken.remove((m.start, m.end))
        ent = self.entities.get(m.entity_id) if m.entity_id else None
        if ent:
            ent.mentions = [mm for mm in ent.mentions if not (mm.start == m.start and mm.end == m.end)]
            if not ent.mentions:
                del self.entities[m.entity_id]

    def nest(self, m: ActorMention) -> None:
        """Keep a mention another one took into its span (the country in ``Presiden Rusia Vladimir
        Putin``) as its entity's mention: the article names it, but it acts no more on its own (no
        actor mention, no span claimed)."""
        ent = self.entities.get(m.entity_id) if m.entity_id else None
        if m.entity_id and not (ent and any(x.start == m.start and x.end == m.end for x in ent.mentions)):
            self._entity_mention(m.start, m.end, m.entity_id, m.name, m.type, m.code, m.sector, m.wikidata, "kb")

    def _entity_mention(self, s: int, e: int, eid: str, name: str, type_: str, code: str | None,
                        sector: str | None, wikidata: str | None, source: str) -> None:
        """``text[s:e]`` as a mention of entity ``eid`` (made with these fields when new)."""
        text = self.text[s:e]
        ent = self.entities.get(eid)
        if ent is None:
            ent = self.entities[eid] = Entity(id=eid, name=name, type=type_, code=code, sector=sector,
                                              wikidata=wikidata, source=source)
        ent.mentions.append(Mention(text, s, e))
        if text != ent.name and text not in ent.aliases:
            ent.aliases.append(text)

    def add(self, s: int, e: int, eid: str, name: str, type_: str, code: str | None, sector: str | None,
            wikidata: str | None = None, source: str = "kb", entity: bool = True) -> ActorMention:
        m = ActorMention(s, e, self.text[s:e], name, type_, code, sector, wikidata, eid if entity else None)
        self.mentions.append(m)
        self.claim(s, e)
        if entity:
            self._entity_mention(s, e, eid, name, type_, code, sector, wikidata, source)
        return m

    def add_named(self, s: int, e: int, name: str, type_: str, code: str | None, sector: str | None,
                  source: str = "ner") -> ActorMention:
        """``text[s:e]`` as a mention of the entity a name no knowledge-base entry holds makes
        (``type/slug(name)``): the one already made under that id when the article has it."""
        eid = f"{type_.lower()}/{slug(name)}"
        known = self.entities.get(eid)
        if known is not None:
            return self.add(s, e, eid, known.name, known.type, known.code, known.sector, source=source)
        return self.add(s, e, eid, name, type_, code, sector, source=source)


def _country_of(kb: KnowledgeBase, entry: KBEntry) -> KBEntry | None:
    return kb.country(entry.code) if entry.code and entry.code != "IGO" else None


def link_document(doc) -> tuple[list[Entity], list[ActorMention]]:
    """Entities and actor mentions of one analysed Doc (see the module docstring)."""
    from ..doc import doc_text

    text: str = doc_text(doc)
    seg = doc._.segmented
    sentences = doc._.sentences or []
    anchor = doc._.anchor[0] if doc._.anchor else None
    year = anchor.year if anchor else None
    kb = _kb()
    gaz = _gazetteer()
    b = _Builder(text)

    regions = [(s.start, s.end) for s in sentences]
    extra = [(sp.start, sp.end) for sp in seg.boilerplate if sp.kind in ("dateline", "wire")]

    # 1. knowledge base
    for s, e in sorted(regions + extra):
        for m in gaz.find(text, s, e):
            if common_word_opening(text, s, m):
                continue
            ent = m.entry
            code, sector = (role_sector(ent, year) if ent.type == "PER" else (ent.code, ent.sector))
            b.add(m.start, m.end, ent.id, ent.name, ent.type, code, sector, ent.wikidata)

    _foreign_bodies(b)
    initials(b, regions)  # "berinisial AS": those letters are a person's here, not the KB's country

    # 2. the outlet of the dateline and the credited wire, when the KB did not find them
    credited_outlets(doc, b, kb, seg, text)

    # 3. national militaries: "militer Korea Selatan", and bare "junta" once one is named
    militaries(doc, b, kb, regions)

    # 4. names the KB does not know (short forms of people already named first)
    _short_forms(b, regions)
    _ner_mentions(doc, b, kb, regions)
    _swallowed_people(b, kb)
    regional_units(b, kb, regions, _title_sectors())
    places_named_after(b, regions, _stop_word)
    metonyms_as_places(b)
    currency_countries(b)  # `dolar AS`: the currency's name
    capitals_acting(b, kb, regions)
    party_boards(b)
    legislative_commissions(b)

    # 5. within-article aliases: acronyms defined in the text, short forms of people; and the
    # entities the recogniser split off joined to their full name (aliases.py)
    acronyms(b, regions)
    _short_forms(b, regions)
    alias_names(b)
    person_tails(b, lambda ws: " ".join(ws).lower() in _title_sectors())
    merge_short_people(b, NOT_NAMES)
    merge_org_forms(b, kb)
    titles(b, regions)  # titles before people's names join the mention

    # role words of one office stand for its holder on the article's date
    day = anchor.isoformat()[:10] if anchor is not None and (doc._.anchor[1] in (None, "day")) else None
    offices(b, kb, regions, day)
    heads(b, kb, regions, day)
    regional_officials(b, kb, regions, day, _title_sectors())
    join_spellings_of_known(b)  # "Presiden Uzbekistan, Shavkat Mirziyoyev": the holder, spelt otherwise
    based_organisations(b, kb)  # "Atheist Republic, organisasi nirlaba yang berbasis di Kanada"
    affiliated_people(b)  # "Juru bicara KPK Febri Diansyah": the person is the organisation's
    # "Mantan artis cilik Joshua Suherman" in a domestic article: the person is Indonesia's
    home_people(b, "IDN" if getattr(doc._.language, "code", None) == "id" else None)
    common_noun_acronyms(b)  # `industri kecil dan menengah (IKM)`: no organisation's name

    # 6. unnamed groups (actor mentions only)
    _groups(b, kb, regions)

    b.mentions.sort(key=lambda m: (m.start, -m.end))
    for en in b.entities.values():  # merged names join their entity out of text order
        en.mentions.sort(key=lambda m: (m.start, m.end))
    ents = sorted(b.entities.values(), key=lambda en: en.mentions[0].start)
    return ents, b.mentions


def _foreign_bodies(b: _Builder) -> None:
    """An Indonesian body the knowledge base knows by a bare name (``Kementerian Kesehatan``)
    followed by another country (``Kementerian Kesehatan Malaysia``) is that country's body: the
    match is taken back, for the recogniser to find the whole name."""
    countries = {m.start: m for m in b.mentions if m.type == "GPE" and (m.entity_id or "").startswith("country/")}
    for m in [m for m in b.mentions if m.type == "ORG" and m.code == "IDN"]:
        nxt = re.match(r"[ \t]+", b.text[m.end:m.end + 3])
        c = countries.get(m.end + nxt.end()) if nxt else None
        if c is not None and c.code not in (None, "IDN"):
            b.drop(m)


def _token_table(doc) -> tuple[list[int], list[int]]:
    """Start and end offsets of the Doc's non-space tokens, read in one pass from its arrays."""
    if len(doc) == 0:
        return [], []
    arr = doc.to_array(["IDX", "LENGTH", "IS_SPACE"])
    keep = arr[:, 2] == 0
    starts = arr[keep, 0]
    ends = starts + arr[keep, 1]
    return starts.tolist(), ends.tolist()


def _sentence_tokens(table: tuple[list[int], list[int]], s: int, e: int) -> list[tuple[int, int]]:
    starts, ends = table
    lo = bisect.bisect_left(starts, s)
    hi = bisect.bisect_left(starts, e)
    return [(starts[i], min(ends[i], e)) for i in range(lo, hi)]


_REGION_IDS = ("place/kabupaten-", "place/kota-")  # data/regions.jsonl's own entries


def _ner_mentions(doc, b: _Builder, kb: KnowledgeBase, regions) -> None:
    tagger = _ner()
    if tagger is None:
        return
    text = b.text
    table = _token_table(doc)
    sentences = [toks for s, e in regions if (toks := _sentence_tokens(table, s, e))]
    for found in tagger.find_many(text, sentences):
        for ns, ne, label in found:
            ns, surface = _trimmed(text, ns, ne, label)
            ne = ns + len(surface)
            if ne <= ns or _stop_word(surface.lower()) or surface.lower() in NOT_ENTITIES \
                    or surface.count("(") != surface.count(")") \
                    or surface.lower() in PLACE_HEADS or not surface[0].isupper():
                continue
            if not any(c.isalpha() for c in surface) or len(surface) < 2 or any(c.isdigit() for c in surface):
                continue
            # a KB match inside a longer NER name gives its country ("Kementerian Pertahanan Rusia")
            inner = [m for m in b.mentions if ns <= m.start and m.end <= ne]
            overlapping = [m for m in b.mentions if m.start < ne and ns < m.end]
            longer = longer_name(text, ns, ne, label, inner, _stop_word) if inner and len(overlapping) == len(inner) else None
            if overlapping and longer is None and (len(overlapping) != len(inner) or any(
                    (m.end - m.start) >= (ne - ns) or m.type in ("PER", "ORG") for m in inner)):
                continue
            cut = official_run_on(text, ns, ne, inner) if label in ("LOC", "ORG") and longer is None else None
            if cut is not None:
                # "Bupati Probolinggo Puput Tantriana Sari": the place stays the known one, and the
                # words after it are the official's name (a rank before it is left to the titles step)
                ps = cut + len(text[cut:ne]) - len(text[cut:ne].lstrip())
                ps, rest = _trimmed(text, ps, ne, "PER")
                while (w := re.match(r"(?i)pol\.?\s+", rest)):   # "Irjen Pol Fakhrizal": the rank's "Polisi"
                    ps, rest = ps + w.end(), rest[w.end():]
                if rest and rest[0].isupper() and not _stop_word(rest.lower()):
                    b.add_named(ps, ps + len(rest), rest, "PER", None, None)
                continue
            if longer == "same":
                # the known entity named longer ("Mahfud Md", "Afrika Barat"): the same entity
                m = inner[0]
                b.drop(m)
                b.add(ns, ne, m.entity_id, m.name, m.type, m.code, m.sector, m.wikidata)
                continue
            hits = kb.lookup(surface, as_written=True)
            if hits:
                h = hits[0]
                for m in inner:
                    b.drop(m)
                year = doc._.anchor[0].year if doc._.anchor and doc._.anchor[0] else None
                code, sector = (role_sector(h, year) if h.type == "PER" else (h.code, h.sector))
                b.add(ns, ne, h.id, h.name, h.type, code, sector, h.wikidata)
                continue
            code = next((m.code for m in inner if m.code and m.code != "IGO"), None)
            if label == "PER":
                if len(surface.split()) == 1 and surface.isupper() or "/" in surface:
                    continue  # an acronym, or a ship or code (M/L Kalayaan)
                type_, sector = "PER", None
                if longer:
                    code = None  # someone else than the person whose short form it contains
            elif label == "ORG":
                type_, sector = "ORG", _sector_for_org(surface)
                if longer:  # a body of a known organisation ("Badan Anggaran DPR") is in its sector
                    sector = next((m.sector for m in inner if m.type == "ORG" and m.sector), sector)
                    code = code or next((m.code for m in inner if m.code), None)
            else:
                type_, sector = "LOC", None
                if inner and not longer and not all((m.entity_id or "").startswith(_REGION_IDS) for m in inner):
                    continue  # a place name containing a known place: keep it, unless a regency (`Menara Kudus`)
            for m in inner:
                b.drop(m)
            b.add_named(ns, ne, surface, type_, code, sector)


def _swallowed_people(b: _Builder, kb: KnowledgeBase) -> None:
    """An organisation or place the recogniser ran on into the name of the person named next
    (``Kementerian Luar Negeri Iqbal``, ``Jakarta Selatan Ikhsan Ingratubun``, ``PT Quadra
    Solution Anang Sugiana Sudihardjo``): when the article names that person on their own
    elsewhere (the span's last words are a person's mention there) and the words before them are
    an organisation or a place (the KB's, or by their head words), the two are split; a title or
    a document before the name (``Letnan Kolonel``, ``BAP``) is left for the titles step. Words
    the gazetteer knows as a place stay (``Pengadilan Dammam``, where ``Dammam`` alone was taken
    for a person elsewhere), and so does one word that names no person known by a longer name
    (``Kecamatan Lelea``, ``Ancol perusahaan Tbk``)."""
    people: dict[str, ActorMention] = {}
    for m in b.mentions:
        if m.type == "PER" and m.entity_id:
            people.setdefault(m.text, m)
    for m in [m for m in b.mentions if m.type in ("ORG", "LOC", "GPE") and m.entity_id]:
        ent = b.entities.get(m.entity_id)
        words = m.text.split()
        if ent is None or ent.source != "ner" or len(words) < 2:
            continue
        for k in range(len(words) - 1, 0, -1):
            tail = " ".join(words[-k:])
            person = people.get(tail)
            if person is None or m.start <= person.start < m.end or gazetteer().candidates(tail) \
                    or (k == 1 and " " not in b.entities[person.entity_id].name):
                continue
            cut = m.start + len(m.text) - len(tail)
            prefix = b.text[m.start:cut].rstrip()
            low = prefix.lower()
            as_title = low in _title_sectors() or low in NOT_ENTITIES
            hits = [h for h in kb.lookup(prefix, as_written=True) if h.type != "PER"]
            org_sector = _sector_for_org(prefix)
            if not (as_title or hits or org_sector or low.split()[0] in PLACE_HEADS):
                continue
            b.drop(m)
            if hits:
                h = hits[0]
                b.add(m.start, m.start + len(prefix), h.id, h.name, h.type, h.code, h.sector, h.wikidata)
            elif not as_title:
                b.add_named(m.start, m.start + len(prefix), prefix, m.type, m.code,
                            org_sector if m.type == "ORG" else None)
            b.add(cut, m.end, person.entity_id, person.name, "PER", person.code, person.sector, person.wikidata)
            break


def _trimmed(text: str, ns: int, ne: int, label: str) -> tuple[int, str]:
    """The recogniser's name ``text[ns:ne]`` without the words it took in that are no part of it:
    leading titles, trailing weekdays and speech verbs (``Istana Kremlin Kamis``), and the rank of
    the person named next; its new start and surface."""
    surface = text[ns:ne]
    while True:
        words = surface.split(None, 1)
        if len(words) == 2 and (words[0].lower() in _title_sectors() or words[0].lower() in NOT_NAMES):
            ns += len(surface) - len(words[1])
            surface = words[1]
        else:
            break
    surface = surface.rstrip(".,;:")
    while True:
        words = surface.rsplit(None, 1)
        if len(words) == 2 and words[1].lower().strip(".,;:") in NOT_NAME_TAILS:
            surface = words[0].rstrip(".,;:")
        else:
            break
    if label != "PER":
        surface = _rank_tail_cut(surface, text, ns + len(surface))
    return ns, surface


def _rank_tail_cut(surface: str, text: str, end: int) -> str:
    """An organisation or place name the recogniser ran on into the rank of the person named next
    (``Polda Metro Jaya Komisaris Besar`` before ``Argo Yuwono``): the name without the rank,
    which then belongs to the person. Only police and military ranks, and only before a name."""
    if not text[end:end + 2].startswith(" ") or not text[end + 1:end + 2].isupper():
        return surface
    words = surface.split()
    sectors = _title_sectors()
    for k in range(min(4, len(words) - 1), 0, -1):
        if sectors.get(" ".join(words[-k:]).lower()) in ("COP", "MIL"):
            return surface[:len(surface) - len(" ".join(words[-k:]))].rstrip()
    return surface


def _person_forms(b: _Builder) -> dict[str, ActorMention]:
    """The short forms of the people named in full so far (surname(s), first name), each with a
    mention of its person; a form two people share is left out."""
    forms: dict[str, ActorMention | None] = {}
    for m in b.mentions:
        if m.type != "PER" or not m.entity_id:
            continue
        ent = b.entities[m.entity_id]
        words = [w for w in ent.name.split() if w[:1].isupper()]
        surface_words = [w for w in m.text.split() if w[:1].isupper()]
        for ws in (words, surface_words):
            if len(ws) < 2:
                continue
            cands = {" ".join(ws[i:]) for i in range(1, len(ws))} | {ws[0]}
            for c in cands:
                if len(c) < 3 or c.lower() in NOT_NAMES or c.lower() in _title_sectors():
                    continue
                prev = forms.get(c)
                if prev is not None and prev.entity_id != m.entity_id:
                    forms[c] = None  # ambiguous between two people: use for neither
                elif prev is None and c not in forms:
                    forms[c] = m
    return {k: v for k, v in forms.items() if v is not None}


def _short_forms(b: _Builder, regions) -> None:
    """Later short forms of people named in full: surname(s) or a distinctive first name."""
    text = b.text
    forms = _person_forms(b)
    if not forms:
        return
    pat = re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w-])")
    title_re = _title_regex()
    for s, e in regions:
        for a in pat.finditer(text, s, e):
            if not b.free(a.start(), a.end()):
                continue
            m = forms[a.group(1)]
            if a.start() < m.start and a.group(1) == m.text.split()[0]:
                continue  # a first name before the person is named in full is someone else's
            if " " not in a.group(1) and inside_longer_name(text, s, a.start(), title_re, _stop_word):
                continue  # one word of another name: "Sri Rahayu Widodo" is not Joko Widodo
            b.add(a.start(), a.end(), m.entity_id, m.name, m.type, m.code, m.sector, m.wikidata, source="alias")


def _groups(b: _Builder, kb: KnowledgeBase, regions) -> None:
    """Unnamed groups from the KB's role words, with the country that follows them when one does,
    or the country of the people that follows them (a group word with a ``country``: ``Rohingya``)."""
    pat, groups = _group_regex()
    if not groups:
        return
    text = b.text
    by_start = {m.start: m for m in b.mentions if m.type == "GPE"}
    for s, e in regions:
        for g in pat.finditer(text, s, e):
            if not b.free(g.start(), g.end()):
                continue
            role = groups[g.group(1).lower()]
            nxt = re.match(r"\s+", text[g.end():g.end() + 2])
            after = g.end() + (nxt.end() if nxt else 0)
            c = by_start.get(after)
            code = c.code if c is not None else role.get("country")
            end = c.end if c is not None else g.end()
            people = None if c is not None or role.get("country") else pat.match(text, after)
            country = groups[people.group(1).lower()].get("country") if people is not None else None
            if country:
                # a group of a people without a state of its own: ``pengungsi Rohingya`` (its country's code)
                code, end = country, people.end()
            if c is not None:
                b.drop(c)
            name = role.get("name") or role.get("description") or g.group(1)
            if c is not None and role.get("sector") == "GOV" and c.entity_id:
                # "Pemerintah Thailand" is the state acting: the country, as its government
                b.add(g.start(), end, c.entity_id, c.name, "GPE", code, "GOV", c.wikidata)
            else:
                b.add(g.start(), end, None, name, "GROUP", code, role.get("sector"), entity=False)
