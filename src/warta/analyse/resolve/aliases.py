"""Within-article aliases the recogniser split off: one entity per person, organisation or place.

Acronyms bracketed after a name (``Komisi Pemberantasan Korupsi (KPK)``) are its aliases. The
recogniser finds names sentence by sentence, so a later short form (``Rizieq`` after
``Rizieq Shihab``), another spelling (``Arie Sudewo``), initials (``SN``), an acronym
(``BDNI``) or a name without its place or legal form (``PSMS`` of ``PSMS Medan``) becomes an
entity of its own before the linker's short-form step can claim its span. These functions join
such an entity to the one the article names in full, when exactly one fits; and the name of a
person the recogniser ran into an organisation's (``SP JICT Firmansyah``) is cut off it
(:func:`person_tails`). They work on the linker's builder (``entities``, ``mentions``, ``drop``,
``add``), after its names are found.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .kb import KnowledgeBase, slug
from .spans import PLACE_HEADS


# a bracketed acronym right after a name: ``Komisi Pemberantasan Korupsi (KPK)``
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z0-9&.\-]{1,11})\)")


# initials a report names a person by: ``pria berinisial AS (35)``, ``tersangka (inisial RI)``
_INITIALS = re.compile(r"\b(?:[Bb]er)?[Ii]nisial\s+([A-Z]{1,4})(?![\w-])")


def initials(b, regions) -> None:
    """Initials a report names someone by (``pria berinisial AS``) stand for that person in the
    whole article: the knowledge base's matches of the same letters (``AS``, the United States;
    ``RI``, Indonesia) are taken back there, and each occurrence is that person (``PER``, of no
    known country), so that no later step reads the letters as the country again."""
    letters = set(_INITIALS.findall(b.text))
    if not letters:
        return
    for m in [m for m in b.mentions if m.text in letters]:
        b.drop(m)
    pat = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, letters))) + r")(?![\w-])")
    for s, e in regions:
        for a in pat.finditer(b.text, s, e):
            if b.free(a.start(), a.end()):
                b.add(a.start(), a.end(), f"per/{slug(a.group(1))}", a.group(1), "PER", None, None, source="ner")


def acronyms(b, regions) -> None:
    """``Nama Lengkap (NL)``: the acronym is the entity's alias here and wherever it recurs."""
    text = b.text
    forms: dict = {}  # acronym -> the mention it follows
    for m in list(b.mentions):
        if m.type not in ("ORG", "PER", "GPE", "LOC") or not m.entity_id:
            continue
        a = _ACRONYM_AFTER.match(text, m.end)
        if not a:
            continue
        acr = a.group(1)
        if not b.free(a.start(1), a.end(1)):
            continue
        letters = [c for c in acr if c.isalpha()]
        if not letters or not letters[0].isupper() or sum(c.isupper() for c in letters) < 2:
            continue
        if m.type in ("GPE", "LOC") and letters[0] != m.text[:1].upper():
            continue  # the tail of a name the recogniser missed: "Gabungan Koperasi Susu Indonesia (GKSI)"
        b.add(a.start(1), a.end(1), m.entity_id, m.name, m.type, m.code, m.sector, m.wikidata, source="alias")
        forms[acr] = m
    if forms:
        pat = re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")
        for s, e in regions:
            for a in pat.finditer(text, s, e):
                if b.free(a.start(), a.end()):
                    m = forms[a.group(1)]
                    b.add(a.start(), a.end(), m.entity_id, m.name, m.type, m.code, m.sector, m.wikidata, source="alias")


# a bracketed acronym anywhere: ``industri kecil dan menengah (IKM)``
_ACRONYM_BRACKETED = re.compile(r"\(\s*([A-Z][A-Z0-9]{1,7})\s*\)")
# words an acronym's letters may skip in its spelt-out form
_ACRONYM_SKIPS = frozenset({"dan", "dari", "di", "ke", "untuk", "yang", "atas", "serta", "&", "of", "and", "the"})


def _spelt_out(words: list[str], acr: str) -> list[str] | None:
    """The last words of ``words`` whose initials spell ``acr`` (connectives may be skipped), or None."""
    letters, i, used = acr.lower(), len(acr) - 1, []
    for w in reversed(words):
        if i < 0:
            break
        if w[:1].lower() == letters[i]:
            used.append(w)
            i -= 1
        elif w.lower() in _ACRONYM_SKIPS and used:
            continue
        else:
            return None
    return used if i < 0 else None


def common_noun_acronyms(b) -> None:
    """An acronym the article spells out in lower case (``industri kecil dan menengah (IKM)``,
    ``awak mobil tangki (AMT)``) shortens a common noun, no name: the recogniser's organisation of
    that acronym is listed as no entity (names are capitalised), its mentions still act (``AMT
    mogok``) with the country and sector found for it (README, Quality)."""
    text, lower = b.text, set()
    for a in _ACRONYM_BRACKETED.finditer(text):
        words = re.findall(r"[\w&'’-]+", text[max(0, a.start() - 100):a.start()].split("(")[-1].split(")")[-1])
        used = _spelt_out(words, a.group(1))
        if used and all(w[:1].islower() for w in used):
            lower.add(a.group(1))
    for acr in lower:
        for ent in [e for e in b.entities.values() if e.source == "ner" and e.type == "ORG"]:
            if all(m.text == acr for m in ent.mentions):
                for m in [x for x in b.mentions if x.entity_id == ent.id]:
                    b.drop(m)
                    b.add(m.start, m.end, None, m.name, m.type, ent.code, ent.sector, entity=False)


@lru_cache(maxsize=1 << 14)
def _spelling_key(name: str) -> tuple[str, ...]:
    """The words of a person's name with accents, the old spelling (``oe``, ``dj``, ``tj``) and
    doubled letters folded: ``Arie Soedewo`` = ``Arie Sudewo``, ``Siti Fadillah`` = ``Siti
    Fadilah``, ``Márquez`` = ``Marquez``."""
    s = "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))
    s = s.replace("oe", "u").replace("dj", "j").replace("tj", "c")
    return tuple(re.sub(r"(\w)\1+", r"\1", w) for w in re.findall(r"\w+", s))


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by at most one letter added, dropped, changed or two swapped."""
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return (a[i + 1:] == b[i + 1:] or a[i:] == b[i + 1:] or a[i + 1:] == b[i:]
            or (a[i + 2:] == b[i + 2:] and a[i:i + 2] == b[i:i + 2][::-1]))


def _same_name(a: str, b: str) -> bool:
    """Two spellings of one person's name: the same after :func:`_spelling_key`, or word for word
    the same but for an initial (``M Prasetyo``, ``Muhammad Prasetyo``) or one slip of the pen in a
    word of five letters or more (``Fedrich Yunadi``, ``Said Iqabl``)."""
    ka, kb_ = _spelling_key(a), _spelling_key(b)
    if ka == kb_:
        return True
    if len(ka) != len(kb_) or len(ka) < 2:
        return False
    slips = 0
    for x, y in zip(ka, kb_):
        if x == y or (min(len(x), len(y)) == 1 and x[0] == y[0]):
            continue
        if min(len(x), len(y)) >= 5 and _one_edit(x, y):
            slips += 1
            continue
        return False
    return slips <= 1


def _short_form_of(short: str, full: str) -> str | None:
    """How ``short`` names the person ``full`` names: ``"same"`` (spelt otherwise), ``"last"``
    (surname or last names: ``Baswedan``), ``"middle"`` (a middle name: ``Havas`` of ``Arief Havas
    Oegroseno``), ``"first"`` (``Novel``, ``Mary Jane`` of ``Mary Jane Veloso``, or a short form of
    the first name, ``Sandi`` of ``Sandiaga``), ``"initials"`` (``SN`` of ``Setya Novanto``); else None."""
    if _same_name(short, full):
        return "same"
    ws = [w for w in full.split() if w[:1].isupper()]
    sw = short.split()
    if len(ws) < 2 or len(sw) >= len(ws):
        return None
    if short.isupper() and short.isalpha() and len(short) == len(ws) <= 4 and short == "".join(w[0] for w in ws):
        return "initials"
    if ws[-len(sw):] == sw:
        return "last"
    if ws[:len(sw)] == sw:
        return "first"
    if len(sw) > 1:
        return None
    if short in ws[1:-1]:
        return "middle"
    if len(short) >= 4 and ws[0].startswith(short):
        return "first"
    return None


def merge_short_people(b, not_names: frozenset[str] | set[str] = frozenset()) -> None:
    """A person the recogniser found under a short form (``Rizieq``, ``Sandi``, ``Havas``, ``SN``)
    or another spelling (``Arie Sudewo``) of someone the article names in full (``Rizieq Shihab``,
    ``Sandiaga Uno``, ``Arie Soedewo``, ``Setya Novanto``) is that person, when the article names no
    one else so: its mentions join them (its span was taken before the linker's short-form step could
    claim it), also when the recogniser took the short form for an organisation. A first name joins only
    after the full name: before it, it may be someone else's. Where two people fit the short form
    (``Omar Khadr`` and, at the story's end, his father ``Ahmed Said Khadr``), each of its mentions
    joins the one person named in full before it, and stays apart once both are."""
    people = [e for e in b.entities.values() if e.type == "PER"]
    first = {e.id: min(x.start for x in e.mentions) for e in b.entities.values()}
    cands = []
    for ent in b.entities.values():
        if ent.source != "ner" or ent.type not in ("PER", "ORG") or not ent.name[:1].isupper() \
                or ent.name.lower() in not_names:
            continue
        found = [(f, how) for f in people if f is not ent and (how := _short_form_of(ent.name, f.name))
                 and (how != "same" or first[f.id] < first[ent.id])]  # a spelling joins the earlier
        if found:
            cands.append((ent, found))
    for spellings in (True, False):  # spellings first, so that a short form then sees one person
        for ent, found in cands:
            found = [(f, how) for f, how in found if f.id in b.entities]
            if ent.id not in b.entities or not found or any((how == "same") != spellings for _, how in found):
                continue
            if len(found) == 1:
                full, how = found[0]
                named = _named_at(full, how)
                if named is not None:
                    _join(b, [x for x in b.mentions if x.entity_id == ent.id and (how != "first" or x.start > named)], full)
                continue
            # two people the short form fits (``Omar Khadr``, later his father ``Ahmed Said Khadr``):
            # each of its mentions is the one person named in full before it, where there is one
            named_at = [(f, _named_at(f, how)) for f, how in found]
            for x in [x for x in b.mentions if x.entity_id == ent.id]:
                before = [f for f, at in named_at if at is not None and at < x.start]
                if len(before) == 1:
                    _join(b, [x], before[0])


def join_spellings_of_known(b) -> None:
    """A person the recogniser found under another spelling (``Shavkat Mirziyoyev``, ``Nicolas
    Madiro``, ``M Prasetyo``) of someone the knowledge base knows and the article names, by office
    (``Presiden Uzbekistan``: Shavkat Mirziyayev) or by name (``Maduro``), is that person: the
    name's mentions join the known person, whichever the article names first. Runs after the
    offices are read, which :func:`merge_short_people` precedes; only where one known person fits."""
    known = [e for e in b.entities.values() if e.type == "PER" and e.source != "ner"]
    for ent in [e for e in b.entities.values() if e.type == "PER" and e.source == "ner" and len(e.name.split()) > 1]:
        fits = [k for k in known if _same_name(ent.name, k.name)]
        if len(fits) == 1:
            _join(b, [x for x in b.mentions if x.entity_id == ent.id], fits[0])


def _named_at(full, how: str) -> int | None:
    """Where the article first names ``full`` in full (for a spelling: first names it at all)."""
    return min((x.start for x in full.mentions if len(x.text.split()) > 1 or how == "same"), default=None)


_ALIAS = re.compile(r"\s*,?\s+(?:alias|alias:|a\.k\.a\.?)\s+", re.I)


def alias_names(b) -> None:
    """``Andi Agustinus alias Andi Narogong``, ``Oman Rochman alias Aman Abdurrahman``: two names of
    one person. The second's mentions join the first's entity, or the first's the second's where only
    the second is one the knowledge base knows (``Basuki Tjahja Purnama alias Ahok``)."""
    people = sorted((m for m in b.mentions if m.type == "PER" and m.entity_id), key=lambda m: m.start)
    for x, y in zip(people, people[1:]):
        if x.entity_id == y.entity_id or not _ALIAS.fullmatch(b.text[x.end:y.start]):
            continue
        if x.entity_id not in b.entities or y.entity_id not in b.entities:
            continue
        keep, other = b.entities[x.entity_id], b.entities[y.entity_id]
        if keep.source == "ner" and other.source != "ner":
            keep, other = other, keep
        _join(b, [m for m in b.mentions if m.entity_id == other.id], keep)


def _join(b, mentions: list, full) -> None:
    """Re-link these mentions to the entity ``full`` (an alias of it: the spans stay the same)."""
    for x in mentions:
        b.drop(x)
        b.add(x.start, x.end, full.id, full.name, full.type, full.code, full.sector, full.wikidata, source="alias")


# words an organisation's name may be written with or without (``PT Freeport Indonesia``,
# ``Leicester City``, ``Partai Demokrat``)
ORG_FORM_WORDS = frozenset({"pt", "tbk", "persero", "(persero)", "perum", "partai", "city", "fc", "inc", "ltd", "corp"})


def _initials(name: str) -> tuple[str, str]:
    """The initials of a name's capitalised words, and of all its words: ``Bank Dagang Negara
    Indonesia`` -> ``BDNI``; ``Badan Penyehatan Perbankan Nasional`` -> ``BPPN``."""
    words = re.findall(r"[^\W\d_]+", name)
    return "".join(w[0] for w in words if w[0].isupper()), "".join(w[0].upper() for w in words)


def _org_form_of(short: str, full: str, kb: KnowledgeBase, form_words: frozenset[str] = ORG_FORM_WORDS) -> bool:
    """``short`` names the organisation ``full`` names: its acronym by initials (``ITB`` of
    ``Institut Teknologi Bandung``), or ``full`` less a place or a legal or generic form word
    (``PSMS`` of ``PSMS Medan``, ``DPRD DKI`` of ``DPRD DKI Jakarta``, ``Freeport Indonesia`` of
    ``PT Freeport Indonesia``, ``Demokrat`` of ``Partai Demokrat``)."""
    if short.isupper() and 2 <= len(short) <= 8 and short.isalpha() and len(full.split()) >= len(short):
        return short in _initials(full)
    sw, fw = short.split(), full.split()
    if not sw or len(sw) >= len(fw):
        return False
    if fw[:len(sw)] == sw:
        rest = fw[len(sw):]
    elif fw[-len(sw):] == sw:
        rest = fw[:-len(sw)]
    else:
        return False
    if all(w.lower() in form_words for w in rest):
        return not all(w.lower() in form_words for w in sw)
    return any(h.type in ("GPE", "LOC") for h in kb.lookup(" ".join(rest), as_written=True))


def _forms(ent, kb: KnowledgeBase) -> set[str]:
    """The names an entity goes by: its name, its mentions' texts and, when the knowledge base
    knows it, its aliases there (``Mahkamah Konstitusi RI`` for an article's ``MK``)."""
    known = kb.get(ent.id)
    return {ent.name, *(m.text for m in ent.mentions), *(known.aliases if known is not None else ())}


def merge_org_forms(b, kb: KnowledgeBase) -> None:
    """An organisation the recogniser found under a short form of one the article names in full
    (see :func:`_org_form_of`) is that organisation, when no other one fits: its mentions join it.
    The same for places without their head word (``Cilodong`` of ``Kecamatan Cilodong``, ``Flores``
    of ``Pulau Flores``)."""
    for type_, words in (("ORG", ORG_FORM_WORDS), ("LOC", PLACE_HEADS)):
        named = [e for e in b.entities.values() if e.type == type_]
        for ent in [e for e in named if e.source == "ner"]:
            if ent.id not in b.entities:
                continue
            found = [f for f in named if f is not ent and f.id in b.entities and any(
                _org_form_of(ent.name, form, kb, words) for form in _forms(f, kb))]  # (f's forms grow as it joins)
            if len(found) == 1:
                _join(b, [x for x in b.mentions if x.entity_id == ent.id], found[0])


#: words of an organisation's or a place's name, never of a person's (the end of ``PT Bank Permata Tbk``)
_NOT_IN_NAMES = ORG_FORM_WORDS | {"group", "grup", "indonesia", "international", "internasional", "bank", "-"}


def _ends_a_body(word: str) -> bool:
    """Whether an organisation's name may end on ``word``: an acronym (``JICT``), a number or roman
    numeral (``Komisi IV``), a legal form (``Tbk``)."""
    return (len(word) >= 2 and word.isupper()) or word.isdigit() or word.lower() in ORG_FORM_WORDS


def person_tails(b, is_title=lambda words: False) -> None:
    """An organisation name the recogniser ran on into the name of the person named next
    (``Direktur Utama PT Bank Permata Tbk Josua Pardede``, ``Ketua SP JICT Firmansyah``): when its
    last words are a person the article names elsewhere, as they stand or by their first word
    (``Josua`` later, as Indonesian news calls people), the organisation ends before them and
    they are that person's mention (a new person when named by one word only: the short form then
    joins it, :func:`merge_short_people`). Only names the recogniser made, not the knowledge
    base's, and only where what is left looks like an organisation's name: two words or more, or
    an acronym. Title words left at its end (``is_title``: ``Kapten``) are the person's, not the
    organisation's."""
    named: dict[str, object] = {}
    for m in b.mentions:
        if m.type == "PER" and m.entity_id and m.entity_id in b.entities:
            prev = named.get(m.text)
            named[m.text] = m.entity_id if prev in (None, m.entity_id) else False  # a form two people share: neither
    for m in [x for x in b.mentions if x.type == "ORG" and (x.entity_id or "").startswith("org/")]:
        words = list(re.finditer(r"\S+", m.text))
        for k in range(min(4, len(words) - 1), 0, -1):
            tail = m.text[words[-k].start():]
            if not all(w.group()[:1].isupper() and w.group().lower() not in _NOT_IN_NAMES for w in words[-k:]):
                continue
            ends = {tail} if k == 1 else {tail, words[-k].group()}
            ids = {named.get(t) for t in ends} - {None}
            if len(ids) != 1 or not all(ids):
                continue
            eid = ids.pop()
            if not any(x.entity_id == eid and (x.end <= m.start or x.start >= m.end) for x in b.mentions):
                continue
            head_words = m.text[:words[-k].start()].split()
            while head_words and is_title(head_words[-1:]):
                head_words.pop()
            head = " ".join(head_words).rstrip(" ,")
            if k == 1 and named.get(tail) == eid and not (head_words and _ends_a_body(head_words[-1])):
                break  # ``Yoshishige Nomura``: a surname after a word of no organisation's; where the name starts is unknown
            if (not (len(head_words) >= 2 or head.isupper()) or m.text[:len(head)] != head
                    or not all(w[:1].isupper() or w.isdigit() for w in head_words)
                    or all(w.lower() in ORG_FORM_WORDS for w in head_words)):
                break  # ``Schapelle Corby``, ``Abu Nusaibah``: one word before the name is the person's own
            b.drop(m)
            start = m.start + words[-k].start()
            person = b.entities[eid]
            if named.get(tail) == eid:
                b.add(start, m.end, person.id, person.name, "PER", person.code, person.sector, person.wikidata, source="alias")
            else:
                b.add(start, m.end, f"per/{slug(tail)}", tail, "PER", None, None, source="ner")
            b.add_named(m.start, m.start + len(head), head, "ORG", m.code, m.sector)
            break
