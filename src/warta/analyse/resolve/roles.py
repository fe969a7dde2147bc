"""Role words within one article: titles' case rules, offices and their holders, heads of state
and government named by role and country, and Indonesia's regional units.

The functions take the linker's mention builder (``add``, ``free``, ``drop``, ``mentions``,
``text``) and the knowledge base; :mod:`.linker` calls them in its order of trust.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import lru_cache

from .kb import KBEntry, KnowledgeBase, slug


def exact_case_title(form: str) -> bool:
    """Honorifics and short titles (``U``, ``Ko``, ``Daw``, ``PM``) and all-caps forms (``KSAD``)
    count only in their own case: ``u`` ends ``bertemu`` and ``itu``, ``ko`` is no title."""
    letters = [c for c in form if c.isalpha()]
    return len(letters) <= 3 or all(c.isupper() for c in letters)


#: a role of the armed forces, by its words (``Minister of Defence``, ``Chief of the General Staff``,
#: ``Commander of the Navy``, ``Major General``)
_MILITARY_ROLE = re.compile(r"\b(?:defen[cs]e|military|army|armed forces|chief of (?:the )?(?:general )?staff|commander"
                            r"|navy|air force|general)\b")
#: "general" in the name of a civilian office, not a rank: ``Secretary-General of the United
#: Nations``, ``Director-General of the World Health Organization``, ``Attorney General``, ``General
#: Secretary of the Communist Party``, ``General Elections Commission``
_CIVIL_GENERAL = re.compile(r"\b(?:secretary|director|attorney|solicitor|inspector|consul|governor|auditor|procurator"
                            r"|registrar|surgeon)[- ]general\b|\bgeneral (?:secretary|elections?|assembly|director)\b")


def military_role(role: str) -> bool:
    """Whether a KB role (lower case, English) is one of the armed forces."""
    return _MILITARY_ROLE.search(_CIVIL_GENERAL.sub(" ", role)) is not None


def role_sector(entry: KBEntry, year: int | None) -> tuple[str | None, str | None]:
    """(code, sector) of a person in the article's year (or now, without one), from the KB's roles.

    The entry's own sector stands while one of the roles held then fits it (a junta leader
    who is also head of government stays MIL); otherwise the role held then decides (a
    defence minister who became security council secretary is GOV afterwards).
    """
    code, sector = entry.code, entry.sector
    held = []
    for r in entry.roles:
        try:
            start = int(str(r.get("start") or "0")[:4] or 0)
            end = int(str(r.get("end"))[:4]) if r.get("end") else None
        except ValueError:
            continue
        if (year is None and end is None) or (year is not None and start <= year <= (end or 9999)):
            role = (r.get("role") or "").lower()
            # an international body's official is of the body (the codebook's IGO), not a government
            civil = "IGO" if (r.get("country") or entry.code) == "IGO" else "GOV"
            rs = r.get("sector") or ("MIL" if military_role(role) else civil)
            held.append((start, rs, r.get("country")))
    if held and not any(rs == sector for _, rs, _ in held):
        _, sector, country = max(held, key=lambda h: h[0])
        code = code or country
    return code, sector


# Indonesian regional units named by a unit word and the place they serve (``Polda Jawa Barat``,
# ``Kejari Bandung``, ``Pemprov DKI Jakarta``), with their sector.
UNIT_SECTORS = {
    "polda": "COP", "polres": "COP", "polresta": "COP", "polrestabes": "COP", "polsek": "COP",
    "kepolisian daerah": "COP", "kepolisian resor": "COP",
    "kejati": "JUD", "kejari": "JUD", "kejaksaan tinggi": "JUD", "kejaksaan negeri": "JUD",
    "pengadilan negeri": "JUD", "pengadilan tinggi": "JUD", "pengadilan agama": "JUD", "pn": "JUD",
    "pengadilan tipikor": "JUD", "pengadilan tindak pidana korupsi": "JUD", "pengadilan militer": "JUD",
    "pengadilan tata usaha negara": "JUD", "ptun": "JUD", "satpol pp": "COP", "bpbd": "GOV", "bawaslu": "GOV",
    "pemprov": "GOV", "pemkot": "GOV", "pemkab": "GOV", "pemda": "GOV", "pemerintah provinsi": "GOV",
    "pemerintah kota": "GOV", "pemerintah kabupaten": "GOV", "pemerintah daerah": "GOV",
    "kpud": "GOV", "kpu provinsi": "GOV", "bawaslu provinsi": "GOV", "dprd": "LEG",
    "kodam": "MIL", "korem": "MIL", "kodim": "MIL", "lanud": "MIL", "lantamal": "MIL",
}
UNIT_PLACE_WORDS = 4  # "Pemerintah Provinsi Papua Barat Daya"
# words that end a unit's place name: ranks and offices of the person named after it
_UNIT_STOP = frozenset("""kombes akbp kompol akp iptu ipda aiptu bripka brigadir irjen brigjen komjen jenderal pol
    kapolda kapolres kapolsek kajati kajari kasat kabid kasi kepala ketua wakil humas jaksa hakim""".split())
_UNIT_RE = re.compile(r"(?<![\w-])((?i:" + "|".join(
    re.escape(w) for w in sorted(UNIT_SECTORS, key=len, reverse=True)) + r"))\s+")
_CAP_WORD = re.compile(r"[A-Z][\w'’.-]*|[IVX]+\b")


def _rank_at(text: str, pos: int, end: int, titles) -> bool:
    """Whether a police or military rank of several words (``Komisaris Besar``, ``Ajun Komisaris
    Besar Polisi``) starts at ``pos`` and a name follows it."""
    words = text[pos:min(end, pos + 60)].split(" ")
    for k in range(min(4, len(words) - 1), 1, -1):
        if titles.get(" ".join(words[:k]).lower()) in ("COP", "MIL") and words[k][:1].isupper():
            return True
    return False


def regional_units(b, kb: KnowledgeBase, regions, title_words) -> None:
    """Regional police, prosecutors, courts, governments, councils and commands (see ``UNIT_SECTORS``):
    the unit word and the capitalised words after it, up to a rank or a person's name."""
    text = b.text
    for s, e in regions:
        for m in _UNIT_RE.finditer(text, s, e):
            if not m.group(1)[0].isupper():
                continue  # "polda setempat", "pemerintah daerah" as common nouns
            end, pos, n = None, m.end(), 0
            while n < UNIT_PLACE_WORDS:
                w = _CAP_WORD.match(text, pos, e)
                if not w or w.group(0).lower() in _UNIT_STOP or w.group(0).lower() in title_words \
                        or _rank_at(text, w.start(), e, title_words) \
                        or any(x.start == w.start() and x.type == "PER" for x in b.mentions):
                    break
                end, n = w.end(), n + 1
                nxt = re.match(r"[ ]+", text[w.end():e])
                if not nxt:
                    break
                pos = w.end() + nxt.end()
            if end is None:
                continue
            surface = text[m.start():end].rstrip(".,")
            end = m.start() + len(surface)
            inside = [x for x in b.mentions if x.start < end and m.start() < x.end]
            if any(x.start < m.start() or x.end > end or x.type == "PER" or (x.start, x.end) == (m.start(), end)
                   and x.entity_id in kb for x in inside):
                continue  # overlaps a name, or the knowledge base knows the unit (Polda Metro Jaya)
            for x in inside:
                b.drop(x)
            sector = UNIT_SECTORS[" ".join(m.group(1).split()).lower()]
            b.add(m.start(), end, f"org/{slug(surface)}", surface, "ORG", "IDN", sector, source="rule")


# words before a role word that make it someone else than the office's holder of the day
_NOT_HOLDER_BEFORE = frozenset({"wakil", "mantan", "eks", "calon", "bekas", "plt", "pelaksana", "para", "sang"})
# words before a regional office that make it a predicate or the office itself, no one who acts
# (``terpilih sebagai Bupati Poso``, ``menjabat Bupati Banyuwangi``, ``pemilihan Gubernur Jabar``)
_OFFICE_NOT_ACTOR_BEFORE = frozenset({"sebagai", "selaku", "menjabat", "menjadi", "jadi", "pemilihan", "pilkada",
                                      "pencalonan", "nyalon", "kursi", "jabatan"})
# a deputy is still the office's own (``Wakil Bupati``): every other such word makes no holder
_NOT_REGIONAL_HOLDER_BEFORE = (_NOT_HOLDER_BEFORE - {"wakil"}) | _OFFICE_NOT_ACTOR_BEFORE


@lru_cache(maxsize=4)
def _office_regex(kb: KnowledgeBase) -> tuple[re.Pattern, dict[str, dict]]:
    """Every role word of an office (its form and aliases), longest first, on word boundaries."""
    forms: dict[str, dict] = {}
    for r in kb.offices:
        for f in (r["form"], *r.get("aliases", ())):
            forms.setdefault(f, r)
    if not forms:
        return re.compile(r"(?!x)x"), {}
    alts = []
    for f in sorted(forms, key=len, reverse=True):
        alts.append(re.escape(f) if exact_case_title(f) else f"(?i:{re.escape(f)})")
    return re.compile(r"(?<![\w-])(" + "|".join(alts) + r")(?![\w-])"), {k.lower(): v for k, v in forms.items()}


def offices(b, kb: KnowledgeBase, regions, day: str | None) -> None:
    """A bare role word of one office (``Kapolri mengatakan``) is its holder on ``day``.

    Not when a name follows (``Kapolri Jenderal Listyo ...``: the name is the actor), nor after
    ``wakil``/``mantan``/``calon`` (someone else), nor without a day to resolve on. Places and
    organisations matched inside the role word (``Indonesia``, ``KPK``) give way to the person.
    """
    if not day:
        return
    pat, forms = _office_regex(kb)
    text = b.text
    for s, e in regions:
        for m in pat.finditer(text, s, e):
            ms, me = m.start(), m.end()
            before = text[max(s, ms - 25):ms].split()
            if before and before[-1].lower().strip("(\"'") in _NOT_HOLDER_BEFORE:
                continue
            after = re.match(r"\s*([^\s])", text[me:e])
            if after and (after.group(1).isupper() or after.group(1).isdigit()):
                continue
            inner = [x for x in b.mentions if x.start < me and ms < x.end]
            if any(x.start < ms or x.end > me or x.type == "PER" for x in inner):
                continue
            office = forms[m.group(1).lower()]
            holder = kb.holder(office["office"], day)
            if holder is None:
                continue
            for x in inner:
                b.drop(x)
            b.add(ms, me, holder.id, holder.name, "PER", holder.code, office.get("sector") or holder.sector,
                  holder.wikidata, source="office")


# Role words that, before a country's name, mean its head of state or government.
HEAD_WORDS = {"presiden": "head of state", "raja": "head of state", "ratu": "head of state",
              "perdana menteri": "head of government", "pm": "head of government", "kanselir": "head of government"}
_HEAD_RE = re.compile(r"(?<![\w-])(?:(?i:presiden|raja|ratu|perdana menteri|kanselir)|PM)\s+$")


def heads(b, kb: KnowledgeBase, regions, day: str | None) -> None:
    """``Presiden Rusia`` or ``PM Jepang`` with no name after it is the country's head of state
    or government on ``day`` (the KB's leaders); not after ``wakil``/``mantan``/``calon``."""
    if not day:
        return
    text = b.text
    starts = [s for s, _ in regions]
    for c in [m for m in b.mentions if m.type == "GPE" and m.entity_id and m.entity_id.startswith("country/")]:
        i = bisect.bisect_right(starts, c.start) - 1
        if i < 0:
            continue
        sent_start = regions[i][0]
        t = _HEAD_RE.search(text, max(sent_start, c.start - 20), c.start)
        if not t or not b.free(t.start(), t.end()):
            continue
        before = text[max(sent_start, t.start() - 25):t.start()].split()
        if before and before[-1].lower().strip("(\"'") in _NOT_HOLDER_BEFORE:
            continue
        after = re.match(r"\s*([^\s])", text[c.end:regions[i][1]])
        if after and (after.group(1).isupper() or after.group(1).isdigit()):
            continue
        role = HEAD_WORDS[" ".join(t.group(0).split()).lower()]
        holder = kb.holder(f"{c.code}/{role}", day)
        if holder is None:
            continue
        b.drop(c)
        code, sector = role_sector(holder, int(day[:4]))
        b.add(t.start(), c.end, holder.id, holder.name, "PER", holder.code or code, sector or holder.sector,
              holder.wikidata, source="office")


# Indonesia's regional offices named by a role word and the province, regency or city they
# serve (``Kapolda Jawa Barat``, ``Gubernur Jabar``, ``Bupati Nduga``): role word -> (the
# office's name, sector). Hand-written; the places are the knowledge base's.
REGIONAL_OFFICES = {
    "kapolda": ("Kapolda", "COP"), "kepala polda": ("Kapolda", "COP"), "wakapolda": ("Wakapolda", "COP"),
    "kapolres": ("Kapolres", "COP"), "kapolresta": ("Kapolresta", "COP"), "kapolrestabes": ("Kapolrestabes", "COP"),
    "kepala polres": ("Kapolres", "COP"),
    "gubernur": ("Gubernur", "GOV"), "wakil gubernur": ("Wakil Gubernur", "GOV"), "wagub": ("Wakil Gubernur", "GOV"),
    "bupati": ("Bupati", "GOV"), "wakil bupati": ("Wakil Bupati", "GOV"), "wabup": ("Wakil Bupati", "GOV"),
    "wali kota": ("Wali Kota", "GOV"), "walikota": ("Wali Kota", "GOV"), "wakil wali kota": ("Wakil Wali Kota", "GOV"),
    "wakil walikota": ("Wakil Wali Kota", "GOV"), "wawali": ("Wakil Wali Kota", "GOV"),
    "kajati": ("Kajati", "JUD"), "kepala kejati": ("Kajati", "JUD"), "kajari": ("Kajari", "JUD"),
    "kepala kejari": ("Kajari", "JUD"), "ketua dprd": ("Ketua DPRD", "LEG"),
}
# places the police name otherwise: Polda Metro Jaya serves Jakarta
_REGIONAL_PLACE_WORDS = {"Metro Jaya": ("place/jakarta", "Metro Jaya")}


def _office_words(words) -> str:
    """Office words as a regex alternation, longest first, any run of spaces between their words."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_REGIONAL_RE = re.compile(r"(?<![\w-])((?i:" + _office_words(REGIONAL_OFFICES) + r"))\s+(?=\S)")
#: an office of a region (:data:`REGIONAL_OFFICES`, and the heads of a police sector, a military
#: district or a subdistrict) ending right before a position
_OFFICE_BEFORE = re.compile(r"(?<![\w-])(?i:" + _office_words(
    [*REGIONAL_OFFICES, "kapolsek", "kapolsekta", "dandim", "danrem", "camat"]) + r")\s+$")


def official_run_on(text: str, ns: int, ne: int, inner: list) -> int | None:
    """Where the place ends in a recogniser's name that ran from a region on into its official's
    name (``Bupati Probolinggo Puput Tantriana Sari``, ``Kapolsek Tangerang Kompol Efendi``,
    ``Gubernur Jambi Zumi Zola``): the name ``text[ns:ne]`` follows a regional office word, opens
    with a known place of Indonesia (``inner``: the known mentions inside it) and goes on with
    capitalised words. None otherwise (``Bupati Pulau Morotai`` alone, ``Menara Kudus``)."""
    first = inner[0] if inner else None
    if first is None or first.start != ns or first.end >= ne or first.code != "IDN" \
            or first.type not in ("GPE", "LOC") or not (first.entity_id or "").startswith("place/"):
        return None
    if not _OFFICE_BEFORE.search(text, max(0, ns - 30), ns):
        return None
    rest = text[first.end:ne].split()
    return first.end if rest and all(w[:1].isupper() for w in rest) else None


def _regional_place(b, kb: KnowledgeBase, pos: int, end: int):
    """(id, name, mention or None, end) of the Indonesian place named at ``pos``, if one is."""
    for words, (eid, name) in _REGIONAL_PLACE_WORDS.items():
        if b.text.startswith(words, pos) and eid in kb:
            return eid, name, None, pos + len(words)
    m = next((x for x in b.mentions if x.start == pos and x.end <= end), None)
    if m is None or m.type not in ("GPE", "LOC") or m.code != "IDN" or not (m.entity_id or "").startswith("place/"):
        return None
    return m.entity_id, m.text, m, m.end


def take_title(b, m, sector: str | None, country: str | None) -> None:
    """The sector and country a title or an office gives, for a person mention it does not join
    (titles.py; :func:`regional_officials`)."""
    ent = b.entities.get(m.entity_id) if m.entity_id else None
    if ent is None:
        m.sector = m.sector or sector
        m.code = m.code or country
        return
    if ent.sector is None and sector:
        ent.sector = sector
    if ent.code is None and country and ent.source == "ner":
        ent.code = country
    for other in b.mentions:
        if other.entity_id == ent.id:
            other.code = other.code or ent.code
            other.sector = other.sector or ent.sector


def _named_after_comma(b, pos: int, end: int, title_words):
    """The person mention of ``, NAME`` at ``pos`` (ranks and titles before the name allowed), or
    None: the office in apposition to the person who holds it (``Bupati Jombang, Nyono Suharli
    Wihandoko``, ``Kapolres Jakarta Utara, Kombes Dwiyono``)."""
    m = re.match(r"[^\S\n]*,[^\S\n]*", b.text[pos:end])
    if not m:
        return None
    pos += m.end()
    starts = {pos}   # the name's mention may have taken its titles in (titles.py)
    while (w := re.match(r"([\w.]+)[^\S\n]+", b.text[pos:end])) and w.group(1).lower().rstrip(".") in title_words:
        pos += w.end()
        starts.add(pos)
    return next((x for x in b.mentions if x.start in starts and x.type == "PER"), None)


def regional_officials(b, kb: KnowledgeBase, regions, day: str | None, title_words=frozenset()) -> None:
    """``Kapolda Jawa Barat`` or ``Bupati Nduga`` with no name after it is the office's actor:
    a person of the role's sector (COP, GOV, JUD, LEG) in Indonesia, one entity per office and
    place (``office/kapolda/west-java``, whether written ``Jawa Barat`` or ``Jabar``); the
    holder on ``day`` where the knowledge base has the office's terms (``IDN/kapolda/west-java``).
    Not after ``mantan``/``calon`` (someone else), nor when a name follows, directly or after a
    comma and ranks (the name is the actor, and takes the office's sector; ``title_words``: the
    titles and ranks a name may bear)."""
    text = b.text
    for s, e in regions:
        for r in _REGIONAL_RE.finditer(text, s, e):
            place = _regional_place(b, kb, r.end(), e)
            if place is None and r.group(1).lower().endswith("kota"):  # `Wali Kota Bandung`: the KB took `Kota Bandung`
                place = _regional_place(b, kb, r.start() + len(r.group(1)) - 4, e)
            if place is None:
                continue
            eid, pname, pm, pend = place
            before = text[max(s, r.start() - 25):r.start()].split()
            if before and before[-1].lower().strip("(\"'") in _NOT_REGIONAL_HOLDER_BEFORE:
                continue
            after = re.match(r"\s*([^\s])", text[pend:e])
            if after and (after.group(1).isupper() or after.group(1).isdigit()):
                continue
            role, sector = REGIONAL_OFFICES[" ".join(r.group(1).split()).lower()]
            named = _named_after_comma(b, pend, e, title_words)
            if named is not None:   # the named holder is the actor, of the office's sector
                take_title(b, named, sector, "IDN")
                continue
            inner = [x for x in b.mentions if x.start < pend and r.start() < x.end and x is not pm]
            if any(x.start < r.start() or x.end > pend for x in inner):
                continue
            for x in inner + ([pm] if pm is not None else []):
                b.drop(x)
            pname = pname[5:] if role.endswith("Kota") and pname.startswith("Kota ") else pname
            tail = eid.split("/", 1)[1]
            holder = kb.holder(f"IDN/{slug(role)}/{tail}", day)
            if holder is not None:
                b.add(r.start(), pend, holder.id, holder.name, "PER", holder.code or "IDN", sector,
                      holder.wikidata, source="office")
            else:
                b.add(r.start(), pend, f"office/{slug(role)}/{tail}", f"{role} {pname}", "PER", "IDN", sector,
                      source="office")


MILITARY_WORDS = ("junta militer", "angkatan bersenjata", "militer", "tentara", "junta", "rezim militer")
# bare role words that stand for the national military when the article has named one
BARE_MILITARY = {"junta": "junta", "militer": "militer", "tentara": "tentara"}
_BARE_MIL_BEFORE = {"", "sejak", "oleh", "bahwa", "dan", "ketika", "saat", "karena", "kata", "namun", "tetapi",
                    "sementara", "setelah", "sebelum", "dengan", "yang", "para", "pihak", "pasukan", "ke", "dari",
                    "menurut", "terhadap", "antara", "bagi", "untuk"}


def militaries(doc, b, kb: KnowledgeBase, regions) -> None:
    """A national military named by a role word and a country (``militer Korea Selatan``), or by
    a bare role word (``junta``) once the article has named one."""
    text = b.text
    countries = [m for m in b.mentions if m.type == "GPE" and m.code and kb.country(m.code)]
    by_start = {m.start: m for m in countries}
    word_re = re.compile(r"(?i)(?<![\w-])(" + "|".join(re.escape(w) for w in MILITARY_WORDS) + r")\s+")
    named = []
    for s, e in regions:
        for m in word_re.finditer(text, s, e):
            c = by_start.get(m.end())
            if c is None or not b.free(m.start(), m.end()):
                continue
            country = kb.country(c.code)
            eid = f"mil/{c.code}"
            name = f"{country.name} Armed Forces"
            existing = [en for en in b.entities.values() if en.code == c.code and en.sector == "MIL" and en.type == "ORG"]
            if existing:
                eid, name = existing[0].id, existing[0].name
            # the country mention becomes part of the military mention
            b.mentions.remove(c)
            b.taken.remove((c.start, c.end))
            ent = b.entities.get(c.entity_id)
            if ent:
                ent.mentions = [mm for mm in ent.mentions if mm.start != c.start]
                if not ent.mentions:
                    del b.entities[c.entity_id]
            named.append(b.add(m.start(), c.end, eid, name, "ORG", c.code, "MIL", source="role"))
    # bare "junta"/"militer" stand for the military already named (or the junta's country)
    mil_ents = [en for en in b.entities.values() if en.type == "ORG" and en.sector == "MIL" and en.code]
    if not mil_ents:
        return
    target = max(mil_ents, key=lambda en: len(en.mentions))
    bare = re.compile(r"(?<![\w-])(" + "|".join(BARE_MILITARY) + r")(?![\w-])", re.I)
    for s, e in regions:
        for m in bare.finditer(text, s, e):
            if not b.free(m.start(), m.end()):
                continue
            word = m.group(1)
            before = text[max(s, m.start() - 20):m.start()].rstrip().rsplit(None, 1)
            prev = before[-1].lower().strip(",.") if before else ""
            if word.lower() != "junta" and prev not in _BARE_MIL_BEFORE and not word[0].isupper():
                continue
            after = text[m.end():m.end() + 12].lower()
            if word.lower() != "junta" and re.match(r"\s+(?:dan|atau|,)", after) is None and prev not in _BARE_MIL_BEFORE:
                continue
            b.add(m.start(), m.end(), target.id, target.name, "ORG", target.code, "MIL", source="role")


#: what may stand between an organisation and the name of its person: nothing, a comma, or a rank
#: (``Polres Jakarta Selatan AKBP Eko``, ``Polda Metro Jaya Kombes Pol Argo``), after the bracket
#: that closes the organisation's abbreviation (``Komisi Pemberantasan Korupsi (KPK) Laode``)
_AFFILIATION_GAP = re.compile(r"\)?\s?(?:,|[A-Z][A-Za-z]{1,7}\.?(?:\s+(?:Pol|TNI|\(Purn\)))?)?")
#: organisations whose people are not of their country: news outlets and wires (their reporters
#: and sources), international bodies (their envoys), and those of no known sector (clubs, firms)
_NOT_AFFILIATING = ("JRN", "IGO", None)
#: words for a person a country's name may follow to tell their nationality (``remaja Palestina``,
#: ``pria Uzbekistan``, ``nelayan Indonesia``)
PERSON_NOUNS = ("pria", "wanita", "perempuan", "laki-laki", "remaja", "gadis", "bocah", "pemuda", "nelayan",
                "turis", "wisatawan", "mahasiswa", "mahasiswi", "pelajar", "aktivis", "jurnalis", "wartawan",
                "pekerja", "buruh", "imigran", "pengungsi", "tahanan", "narapidana", "tersangka", "terdakwa",
                "pelaku", "korban", "pengusaha", "biarawati", "pendeta", "ulama")
_PERSON = "|".join(PERSON_NOUNS)
#: lower-case words of an office or a calling that a country may follow in an apposition
#: (``mantan perdana menteri Kosovo, Ramush Haradinaj``, ``diplomat India, Surjeet Singh``)
TITLE_WORDS = ("menteri", "presiden", "wapres", "raja", "ratu", "kanselir", "dubes", "besar", "panglima",
               "jenderal", "pemimpin", "ketua", "kepala", "bicara", "jubir", "diplomat", "pejabat", "artis",
               "aktor", "aktris", "penyanyi", "atlet", "politikus", "politisi", "senator", "hakim", "jaksa")
# the country of an apposition ("Menteri Pertahanan Latvia, Janis Garisons", "pendiri Alibaba asal
# China, Jack Ma", "seorang pria Uzbekistan, Rakhmat Akilov"): a title's capitalised word,
# "asal"/"negara"/"warga", a word for a person or an office written in lower case
# (:data:`TITLE_WORDS`) right before it, in the same sentence; not a place of a clause ("di
# Jenewa, Hasan Kleib", "untuk Indonesia, Pradeep")
_TITLED = re.compile(r"(?:\b[A-Z][\w-]*\)?|\b(?:asal|negara|warga|%s|%s))[ \t]+$" % (_PERSON, "|".join(TITLE_WORDS)))
#: a person introduced by name after a description (``warga Polandia bernama Lukasz Herba``)
_NAMED = re.compile(r",?\s*(?:yang\s+)?bernama")
#: what stands between a person and the place they are a citizen or native of
_CITIZEN_OF = re.compile(r"(?:\s*\(\d{1,2}\))?\s*,?\s*(?:seorang\s+)?(?:warga(?:\s+negara)?|asal|berkewarganegaraan"
                         r"|(?:%s)(?:\s+asal)?)\s+" % _PERSON)


def affiliated_people(b) -> None:
    """A person of no known country named right after an organisation (``Juru bicara KPK Febri
    Diansyah``, ``Kasat Reskrim Polres Jakarta Selatan AKBP Eko``, ``Ketua DPW PKS, Sandiaga``) or
    right after a country (``pemerintah Kanada Josh Bueckert``) belongs to it: its country, and the
    organisation's sector. On the corpus folds' output, of such people the annotators gave a
    country, 329 were the organisation's or the country's and 5 another (README, Quality). So
    does a person set off by a comma after a country that ends a title (``Menteri Pertahanan
    Latvia, Janis Garisons``, ``asal China, Jack Ma``, :data:`_TITLED`): 27 of 27 such people on
    the folds' output; after an office in lower case (``perdana menteri Kosovo, Ramush
    Haradinaj``), 4 of the folds' 5 such people are the country's in the gold; after any country,
    44 of 60 (``di Jenewa, Hasan Kleib``). A person
    described as a country's citizen or native is its too, before the name (``warga Polandia
    bernama Lukasz Herba``) or after it (``Lukasz Herba, warga Polandia``, ``Abdullah (47) asal
    Depok``), and so is one a word for a person and a country describe (:data:`PERSON_NOUNS`:
    ``Lena Haddad, remaja asal Palestina``; 2 people of the fold articles changed country so, both
    to the annotators')."""
    seen = sorted(((m.start, m.end, e) for e in b.entities.values() for m in e.mentions), key=lambda x: x[:2])
    for i in range(1, len(seen)):
        s, _, ent = seen[i]
        ps, pe, prev = seen[i - 1]
        if ent.type != "PER" or ent.code or prev is ent or not prev.code:
            continue
        gap = " ".join(b.text[pe:s].split())
        if _NAMED.fullmatch(gap):
            gap = ""  # "warga Polandia bernama Lukasz Herba": the person is the one just described
        if prev.type == "GPE":
            if gap and not (gap == "," and _TITLED.search(b.text[max(0, ps - 40):ps])):
                continue
        elif prev.type != "ORG" or prev.sector in _NOT_AFFILIATING or not _AFFILIATION_GAP.fullmatch(gap):
            continue
        _affiliate(b, ent, prev)
    # a person described after the name: "Abdullah (47) asal Depok", "Lukasz Herba, warga Polandia"
    for i in range(len(seen) - 1):
        s, e, ent = seen[i]
        ns, _, nxt = seen[i + 1]
        if ent.type == "PER" and not ent.code and nxt.type == "GPE" and nxt.code \
                and _CITIZEN_OF.fullmatch(b.text[e:ns]):
            _affiliate(b, ent, nxt)


#: the home country's least share of an article's coded mentions (people, organisations, places;
#: international bodies aside) for :func:`home_people`
HOME_SHARE_MIN = 0.6


def home_people(b, home: str | None, types: tuple[str, ...] = ("PER", "ORG")) -> None:
    """A person or organisation of no known country, in an article whose coded mentions are mostly
    (:data:`HOME_SHARE_MIN`) the home country's, is the home country's: Indonesian news names its
    own people and bodies without a nationality (``Mantan artis cilik Joshua Suherman``) and
    introduces foreigners with one. On the corpus folds' output, of such people the annotators
    gave a country, 1,069 of 1,132 were Indonesia's (organisations 428 of 483); where another
    country's mentions were most, 73 of 130 people were that country's, too few to carry the rule
    over to it. Cross-validation event F1 0.414 -> 0.416, with the recipient rule of
    :func:`warta.analyse.learned.adder.fill_recipient` 0.427 (README, Quality)."""
    if home is None:
        return
    counts = Counter(e.code for e in b.entities.values() if e.code and e.code != "IGO"
                     and e.type in ("PER", "ORG", "GPE") for _ in e.mentions)
    total = sum(counts.values())
    if not total or counts[home] / total < HOME_SHARE_MIN or counts.most_common(1)[0][0] != home:
        return
    homed = {ent.id for ent in b.entities.values() if ent.type in types and not ent.code}
    for ent_id in homed:
        b.entities[ent_id].code = home
    for m in b.mentions:
        if m.entity_id in homed:
            m.code = home


#: what stands between an organisation and the place it is based in: ``Atheist Republic,
#: organisasi nirlaba yang berbasis di Kanada``, ``UOB Group yang bermarkas di Singapura``
_BASED_IN = re.compile(r"(?:\s*\([^()]{1,12}\))?(?:\s*,[^,.;:\"“”]{0,60})?\s+(?:yang\s+)?"
                       r"(?:berbasis|bermarkas|berpusat|berkantor(?:\s+pusat)?|berkedudukan)\s+di\s+")


def based_organisations(b, kb: KnowledgeBase) -> None:
    """An organisation the knowledge base does not know, described as based in a country or a town
    of one (``Atheist Republic, organisasi nirlaba yang berbasis di Kanada``), is of that country.
    One it knows keeps its code, none for a transnational body (``Amnesty International``)."""
    seen = sorted(((m.start, m.end, e) for e in b.entities.values() for m in e.mentions), key=lambda x: x[:2])
    for i in range(len(seen) - 1):
        _, e, ent = seen[i]
        ns, _, nxt = seen[i + 1]
        if ent.type == "ORG" and not ent.code and nxt.type == "GPE" and nxt.code and nxt.code != "IGO" \
                and ent.id not in kb and _BASED_IN.fullmatch(b.text[e:ns]):
            _affiliate(b, ent, nxt)


def _affiliate(b, ent, prev) -> None:
    """``ent`` (a person, or an organisation based somewhere) is of ``prev`` (a country or an
    organisation): its code, and an organisation's sector where it has none."""
    ent.code = prev.code
    if prev.type == "ORG" and not ent.sector:
        ent.sector = prev.sector
    for m in b.mentions:
        if m.entity_id == ent.id:
            m.code, m.sector = ent.code, ent.sector
