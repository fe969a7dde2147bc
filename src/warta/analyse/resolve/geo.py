"""Toponym resolution: each event place resolved to one gazetteer entry with coordinates.

The gazetteer is ``data/geonames.tsv.gz`` (GeoNames, CC BY 4.0, built by
``scripts/build_geo.py``): every country, Indonesia's 38 provinces, the US states and the
first-level divisions of other countries, every Indonesian town and village of 500 or more
inhabitants and every town elsewhere of 15,000 or more, Indonesia's 514 regencies and cities
(``admin2``, from the Kepmendagri region codes), and the main islands (``island``: ``Jawa``,
``Lombok``).
:func:`resolve` picks, among the entries named like the place, the one that fits the
article: the country the knowledge base already gave the name, the article's countries and
dateline, the provinces of the article's other places, the kind the Indonesian form says
(``Provinsi X`` a province, ``Kabupaten X`` / ``Kota X`` that regency or city) and the
population. A bare name is a regency only where no town bears it (``Nduga``; ``Bogor`` is the
town).

:func:`locate_records` fills each record's ``event_loc`` (``geonameid``, ``lat``, ``lon``,
``admin1``, ``admin1_code``, ``precision``: ``point``, ``admin2``, ``island``, ``admin1`` or ``country``); an event with
no place of its own takes, in this order, a town or province named in its evidence sentence,
its actor's seat where the article has no dateline (a province or town that acts, the province,
regency or large town a body is named after, the capital of a government, parliament or court:
:func:`_actor_seat`; corpus folds: place right 0.577 -> 0.615, ``scripts/eval_places.py``), the
country of its foreign actor, the article's dateline place, its actor's country, and for
Indonesian text with none of these Indonesia; ``resolved_from`` says which.
"""
from __future__ import annotations

import gzip
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from collections.abc import Sequence
from typing import Any, Iterable

DATA = "geonames.tsv.gz"
ATTRIBUTION = "GeoNames (https://www.geonames.org), CC BY 4.0"

# Score weights (see resolve()): a candidate in a country the article names beats a bigger town
# elsewhere; a candidate in a province the article's other places lie in beats a bigger
# namesake in another province; a province named as such beats a village of the same name.
COUNTRY_GIVEN = 100.0  # the knowledge base coded the name with this country
ARTICLE_COUNTRY = 3.0  # a country named in the article (or its dateline's)
HOME_COUNTRY = 1.0  # Indonesia, for Indonesian news with no other clue
ARTICLE_ADMIN1 = 2.5  # a province of another place of the same article
KIND_HINT = 5.0  # `Provinsi X` -> a province, `Kota X` / `Kabupaten X` -> a regency or city
ADMIN1_POPULATION = 1_000_000  # a province or an island weighs like a town of a million
HOME = "IDN"

# Indonesian administrative prefixes: (pattern, the kind it asks for)
_PREFIXES = [
    (re.compile(r"^(?:provinsi|prov\.?|propinsi)\s+", re.I), "admin1"),
    (re.compile(r"^(?:kabupaten|kab\.?|kota|kotamadya)\s+", re.I), "admin2"),
    (re.compile(r"^(?:kecamatan|kec\.?|desa|kelurahan|kel\.?|distrik|"
                r"kampung|dusun|nagari|gampong)\s+", re.I), "city"),
    (re.compile(r"^(?:negara\s+bagian|state\s+of)\s+", re.I), "admin1"),
    (re.compile(r"^(?:pulau|kepulauan\s+(?=seribu))\s*", re.I), None),
]
# English suffixes of a division's name (`Rakhine State`, `Kerman Province`)
_ADMIN1_SUFFIX = re.compile(r"\s+(?:state|province|region|governorate|prefecture|oblast)$", re.I)


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    geonameid: int | None
    kind: str  # "country" | "admin1" | "admin2" | "island" | "city"
    name: str
    country_code3: str
    admin1_code: str | None
    lat: float
    lon: float
    population: int

    @property
    def precision(self) -> str:
        return {"country": "country", "admin1": "admin1", "admin2": "admin2", "island": "island"}.get(self.kind, "point")


def fold(name: str) -> str:
    """Case, accents, punctuation and spacing folded: the lookup key of a name."""
    s = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", name).casefold().replace("ı", "i"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"[‘’`´]", "'", s)
    s = re.sub(r"[^\w' ]+", " ", s)
    return " ".join(s.split())


class _Rows(Sequence):
    """The places of the shipped file, each made into a :class:`Place` when first asked for (an
    article asks for a few dozen of the 43,000: making them all cost a third of start-up)."""

    def __init__(self, rows: list[list[str]]):
        self.rows = rows
        self._made: list[Place | None] = [None] * len(rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        p = self._made[i]
        if p is None:
            gid, kind, name, cc3, admin1, lat, lon, pop, _ = self.rows[i]
            p = self._made[i] = Place(int(gid) if gid else None, kind, name, cc3, admin1 or None, float(lat),
                                      float(lon), int(pop or 0))
        return p

    def kind(self, i: int) -> str:
        return self.rows[i][1]


class Gazetteer:
    """The shipped places, indexed by folded name; :func:`gazetteer` loads it once per process."""

    def __init__(self, places: Iterable[Place], by_name: dict[str, list[int]]):
        self.places: Sequence[Place] = places if isinstance(places, Sequence) else list(places)
        self.by_name = by_name  # folded name -> indices into places
        kind = self.places.kind if isinstance(self.places, _Rows) else (lambda i: self.places[i].kind)
        top = [self.places[i] for i in range(len(self.places)) if kind(i) in ("country", "admin1")]
        self.countries = {p.country_code3: p for p in top if p.kind == "country"}
        self.admin1 = {(p.country_code3, p.admin1_code): p for p in top if p.kind == "admin1"}

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> "Gazetteer":
        """Read the shipped file's lines (see scripts/build_geo.py: the last column holds the
        name and aliases already folded by :func:`fold`, distinct, joined by ``|``)."""
        rows = [line.rstrip("\n").split("\t") for line in lines if line.strip() and not line.startswith("#")]
        places = _Rows(rows)
        by_name: dict[str, list[int]] = {}
        get = by_name.get
        for i, row in enumerate(rows):
            for k in row[8].split("|"):
                got = get(k)
                if got is None:
                    by_name[k] = [i]
                else:
                    got.append(i)
        return cls(places, by_name)

    def candidates(self, name: str) -> list[Place]:
        return [self.places[i] for i in self.by_name.get(fold(name), ())]

    def admin1_of(self, place: Place) -> Place | None:
        return self.admin1.get((place.country_code3, place.admin1_code)) if place.admin1_code else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    with resources.files("warta.analyse.resolve").joinpath("data").joinpath(DATA).open("rb") as raw:
        with gzip.open(raw, "rt", encoding="utf-8") as f:
            return Gazetteer.from_lines(f.read().split("\n"))


@dataclass
class Context:
    """What the article says around a place: its countries, its dateline, its other places' provinces."""

    countries: set[str]
    admin1: set[tuple[str, str]]
    home: str | None = HOME


def _strip(name: str) -> tuple[str, str | None]:
    """``Kabupaten Bogor`` -> (``Bogor``, "admin2"), ``Rakhine State`` -> (``Rakhine``, "admin1"); the
    kind the prefix or suffix asks for, if any."""
    name = name.strip()
    for pat, kind in _PREFIXES:
        m = pat.match(name)
        if m and name[m.end():].strip():
            return name[m.end():].strip(), kind
    m = _ADMIN1_SUFFIX.search(name)
    if m and m.start() > 0:
        return name[:m.start()], "admin1"
    return name, None


def _score(p: Place, code: str | None, kind: str | None, ctx: Context | None) -> float:
    pop = ADMIN1_POPULATION if p.kind in ("admin1", "island") else p.population
    s = math.log10(pop + 1) / 2
    if code and p.country_code3 == code:
        s += COUNTRY_GIVEN
    if kind and p.kind == kind:
        s += KIND_HINT
    if ctx is None:
        s += HOME_COUNTRY if p.country_code3 == HOME else 0.0
    else:
        if p.country_code3 in ctx.countries:
            s += ARTICLE_COUNTRY
        if ctx.home and p.country_code3 == ctx.home:
            s += HOME_COUNTRY
        if p.admin1_code and (p.country_code3, p.admin1_code) in ctx.admin1:
            s += ARTICLE_ADMIN1
    return s


_ADMIN2_WORD = re.compile(r"^(?:(kab)(?:upaten|\.)?|(kota)(?:madya)?)\s", re.I)


def _candidates(gaz: Gazetteer, part: str, bare: str, kind: str | None) -> list[Place]:
    """Places named ``part``: ``Kota Bogor`` the city (its full name), ``Bogor`` the town, a
    regency or city by its bare name only where no town bears it (``Nduga``), a province or
    state by its bare name only where its own city or its country does not bear it."""
    if kind == "admin2":
        m = _ADMIN2_WORD.match(part)
        full = gaz.candidates(("kabupaten " if m.group(1) else "kota ") + bare)
        if full:
            return full
    cands = gaz.candidates(bare) or (gaz.candidates(part) if bare != part else [])
    if kind != "admin2" and any(c.kind != "admin2" for c in cands):
        cands = [c for c in cands if c.kind != "admin2"]
    if kind != "admin1":
        # a bare name shared by a division and a city or the country it lies in is the city or country
        # (`Geneva`, `Idlib`, `San Marino`); `Provinsi Idlib` is the division
        towns = {c.country_code3 for c in cands if c.kind in ("city", "country")}
        cands = [c for c in cands if c.kind != "admin1" or c.country_code3 not in towns]
    return cands


def resolve(name: str | None, code: str | None = None, ctx: Context | None = None,
            gaz: Gazetteer | None = None) -> Place | None:
    """The gazetteer entry ``name`` most likely means here; the country ``code`` when the name is unknown.

    A name with a comma (``Kelurahan Cipinang, Jakarta Timur``) is tried part by part, the most
    specific first. A country code the knowledge base gave wins over everything else; a code
    that no candidate has leaves the country's own entry.
    """
    gaz = gaz or gazetteer()
    if name:
        parts = [p.strip() for p in name.split(",") if p.strip()]
        within: Place | None = None  # `Kediri, NTB`: the last part (a town, province or country) holds the others
        if len(parts) > 1:
            outer = resolve(parts[-1], code, ctx, gaz)
            if outer is not None:
                within = outer
        for part in parts:
            bare, kind = _strip(part)
            cands = _candidates(gaz, part, bare, kind)
            if code:
                cands = [c for c in cands if c.country_code3 == code]
            if within is not None and within.kind != "country":
                cands = [c for c in cands if c is within or (c.country_code3, c.admin1_code) ==
                         (within.country_code3, within.admin1_code)]
            elif within is not None:
                cands = [c for c in cands if c.country_code3 == within.country_code3]
            if cands:
                return max(cands, key=lambda p: (_score(p, code, kind, ctx), p.kind == "admin1", -(p.geonameid or 0)))
        if within is not None:
            return within
    if code:
        return gaz.countries.get(code)
    return None


def _loc_fields(place: Place, gaz: Gazetteer) -> dict[str, Any]:
    a1 = place if place.kind == "admin1" else gaz.admin1_of(place)
    return {"geonameid": place.geonameid, "lat": place.lat, "lon": place.lon,
            "admin1": a1.name if a1 is not None else None,
            "admin1_code": f"{place.country_code3}.{place.admin1_code}" if place.admin1_code else None,
            "precision": place.precision}


def _foreign_country(rec: dict[str, Any], home: str | None) -> str | None:
    """The country of the record's first actor acting outside ``home``, if any."""
    return next((a["code"] for a in rec.get("actor") or []
                 if a.get("code") and a["code"] not in ("IGO", home)), None)


def _actor_country(rec: dict[str, Any]) -> str | None:
    return next((a["code"] for a in rec.get("actor") or [] if a.get("code") and a["code"] != "IGO"), None)


#: sectors of the state bodies that sit where they are seated (government, parliament, courts); police
#: and armed forces act wherever they are sent
STATE_SECTORS = frozenset({"GOV", "LEG", "JUD"})


@lru_cache(maxsize=1)
def _capital_names() -> dict[str, str]:
    """Each country's capital by its code: the knowledge base's name of it (``data/capitals.tsv``)."""
    from .kb import KnowledgeBase
    from .spans import national_capitals

    kb = KnowledgeBase.default()
    out: dict[str, str] = {}
    for pid, code in sorted(national_capitals().items()):
        entry = kb.get(pid)
        if entry is not None:
            out.setdefault(code, entry.name)
    return out


#: a town a body's name ends in is its seat only if it is this big (``Ditjen Pajak`` is no
#: body of the village of Pajak); provinces and regencies always are
SEAT_TOWN_POPULATION = 100_000


def _tail_place(name: str, code: str, ctx: Context, gaz: Gazetteer) -> Place | None:
    """The province, regency or large town of ``code``'s country the name of a body ends in
    (``Pengadilan Negeri Jakarta Selatan``, ``Polda Jawa Timur``): its last one to three words."""
    words = name.split()
    for k in (3, 2, 1):
        if len(words) > k:
            p = resolve(" ".join(words[-k:]), code, ctx, gaz)
            if p is not None and p.country_code3 == code and (
                    p.kind in ("admin1", "admin2") or (p.kind == "city" and p.population >= SEAT_TOWN_POPULATION)):
                return p
    return None


def _actor_seat(rec: dict[str, Any], by_id: dict[str, Any], ctx: Context, gaz: Gazetteer) -> Place | None:
    """Where the record's first actor sits, for an event the article places nowhere: a town or
    province that acts (``Pemerintah Kota Mataram`` linked to the city) is itself; a body whose name
    ends in a place of its country (``Pengadilan Negeri Jakarta Selatan``) sits there; a state body
    (:data:`STATE_SECTORS`) that names no place (``KPK``, ``DPR``, ``Kremlin``) sits in its country's
    capital."""
    for a in rec.get("actor") or []:
        code = a.get("code")
        if not code or code == "IGO":
            continue
        m = by_id.get(a.get("entity_id"))
        if m is None:
            continue
        if m.type in ("GPE", "LOC"):
            p = resolve(m.text, code, ctx, gaz) or resolve(m.name, code, ctx, gaz)
            return p if p is not None and p.kind != "country" else None
        if m.type != "ORG":
            return None
        p = _tail_place(a.get("entity_text") or m.text, code, ctx, gaz) or _tail_place(m.name, code, ctx, gaz)
        if p is not None:
            return p
        if m.sector in STATE_SECTORS:
            cap = _capital_names().get(code)
            return resolve(cap, code, ctx, gaz) if cap else None
        return None
    return None


_PREFIXED = re.compile(r"\b(?:Kabupaten|Kab\.|Kota|Provinsi|Kecamatan|Desa|Kelurahan|Distrik)\s+"
                       r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2}")


def _sentence_place(rec: dict[str, Any], mentions: list[Any], code: str | None, ctx: Context,
                    gaz: Gazetteer) -> Place | None:
    """A town or province named in the event's evidence sentence (a recognised place, or an
    Indonesian administrative form such as ``Kabupaten Nduga``), in ``code``'s country if given."""
    ti = rec.get("text_info") or {}
    start, end = ti.get("start"), ti.get("end")
    names = [(m.text, m.code) for m in mentions
             if start is not None and end is not None and start <= m.start and m.end <= end]
    names += [(m.group(), None) for m in _PREFIXED.finditer(ti.get("sentence") or "")]
    for name, mcode in names:
        p = resolve(name, mcode, ctx, gaz)
        if p is not None and p.kind != "country" and (code is None or p.country_code3 == code):
            return p
    return None


def locate_records(records: list[dict[str, Any]], mentions: Iterable[Any], dateline: str | None,
                   home: str | None = HOME, gaz: Gazetteer | None = None) -> None:
    """Geocode each record's ``event_loc`` in place (see the module docstring).

    ``mentions`` are the article's entity mentions (``.type``, ``.code``, ``.text``, ``.start``,
    ``.end``): their countries make the article's countries, and their places, resolved
    unambiguously first, make its provinces, which then decide between namesakes. A place known
    only by its country is made precise by a town or province named in the evidence sentence,
    else by the dateline's place when it lies in that country.
    """
    gaz = gaz or gazetteer()
    ctx = Context(countries=set(), admin1=set(), home=home)
    mentions_all = list(mentions)
    places = [m for m in mentions_all if getattr(m, "type", None) in ("GPE", "LOC")]
    ctx.countries.update(m.code for m in places if m.code and m.code != "IGO")
    line = resolve(dateline, None, ctx, gaz) if dateline else None
    if line is not None:
        ctx.countries.add(line.country_code3)
    for m in places:
        cands = gaz.candidates(_strip(m.text)[0])
        if len({(c.country_code3, c.admin1_code) for c in cands}) == 1 and cands[0].admin1_code:
            ctx.admin1.add((cands[0].country_code3, cands[0].admin1_code))
    if line is not None and line.admin1_code:
        ctx.admin1.add((line.country_code3, line.admin1_code))
    by_id = {m.entity_id: m for m in mentions_all if getattr(m, "entity_id", None)}
    for rec in records:
        loc = dict(rec.get("event_loc") or {})
        name, code, how = loc.get("placename"), loc.get("country_code3"), loc.get("resolved_from")
        place = resolve(name, code, ctx, gaz) if (name or code) else None
        if place is None or place.kind == "country":
            inner = _sentence_place(rec, places, code or (place.country_code3 if place else None), ctx, gaz)
            if inner is not None:
                how = how if name and place is not None else "sentence"
                place, name = inner, name if name and place is not None else inner.name
            elif place is not None and not name and line is not None and line.country_code3 == place.country_code3:
                place, name, how = line, dateline, f"{how}; dateline"
            elif place is not None and not name and line is None:
                seat = _actor_seat(rec, by_id, ctx, gaz)
                if seat is not None and seat.country_code3 == place.country_code3:
                    place, name, how = seat, seat.name, f"{how}; actor's seat"
        if place is None:
            foreign = _foreign_country(rec, home)
            actor = _actor_country(rec)
            seat = None if line is not None or name else _actor_seat(rec, by_id, ctx, gaz)
            if seat is not None:
                place, src = seat, "actor's seat"
            elif foreign:
                place, src = gaz.countries.get(foreign), "actors"
            elif line is not None:
                place, src = line, "dateline"
            elif actor:
                place, src = gaz.countries.get(actor), "actors"
            else:
                place, src = (gaz.countries.get(home) if home else None), "language"
            if place is None:
                if rec.get("event_loc"):
                    rec["event_loc"].update({"admin1": None, "admin1_code": None, "precision": None})
                continue
            how = f"{how}; country from {src}" if name else src
            if not name and src == "dateline":
                name = dateline
            elif not name and seat is not None:
                name = seat.name
        rec["event_loc"] = {"placename": name, "country_code3": code or place.country_code3,
                            "resolved_from": how, **_loc_fields(place, gaz)}
