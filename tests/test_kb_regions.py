"""Indonesia's regencies and cities (data/regions.jsonl and the gazetteer's admin2 places, built by
scripts/build_regions.py) and the regional offices named by a role word and their place.

Expected codes, names and provinces are the Kepmendagri 2025 region list's (cahyadsn/wilayah,
db/wilayah.sql: 51.06 Kabupaten Bangli in Bali, 95.08 Kabupaten Nduga in Papua Pegunungan,
32.01 Kabupaten Bogor and 32.71 Kota Bogor in Jawa Barat, 35.79 Kota Batu in Jawa Timur,
13.06 Kabupaten Agam in Sumatera Barat); the sentences are written for the tests.
"""
from __future__ import annotations

import json

import pytest

import warta
from warta.analyse.resolve.geo import gazetteer, resolve
from warta.analyse.resolve import linker
from warta.analyse.resolve.kb import DATA_DIR, KnowledgeBase
from warta.analyse.resolve.roles import regional_officials


def _entities(text, published="2019-03-01"):
    doc = warta.analyze(text, published=published)
    return {m.text: e for e in doc.entities for m in e.mentions}


def test_kb_regions_all_514_regencies_and_cities_are_indonesian_places():
    lines = [json.loads(x) for x in (DATA_DIR / "regions.jsonl").read_text(encoding="utf-8").splitlines()
             if x and not x.startswith("#")]
    assert len(lines) == 514
    kb = KnowledgeBase.load([])
    for form in ("Kabupaten Bangli", "Kab. Bangli", "Kabupaten Nduga", "Kota Batu", "Kabupaten Bogor", "Kota Bogor"):
        hits = kb.lookup(form)
        assert hits and (hits[0].type, hits[0].code) == ("GPE", "IDN"), form
    assert kb.lookup("Kota Bandung")[0].id == "place/bandung"  # the hand-written city takes the form
    assert kb.lookup("Kabupaten Bandung")[0].id == "place/kabupaten-bandung"
    assert len([p for p in gazetteer().places if p.kind == "admin2"]) == 514


@pytest.mark.parametrize("name, full, province", [
    ("Kabupaten Bangli", "Kabupaten Bangli", "Bali"), ("Kab. Nduga", "Kabupaten Nduga", "Papua Pegunungan"),
    ("Nduga", "Kabupaten Nduga", "Papua Pegunungan"), ("Kota Bogor", "Kota Bogor", "Jawa Barat"),
    ("Kabupaten Bogor", "Kabupaten Bogor", "Jawa Barat"), ("Kota Batu", "Kota Batu", "Jawa Timur"),
    ("Kabupaten Agam", "Kabupaten Agam", "Sumatera Barat"),
])
def test_geo_resolve_regency_or_city_links_to_its_province(name, full, province):
    p = resolve(name)
    assert (p.kind, p.name, p.country_code3, p.precision) == ("admin2", full, "IDN", "admin2")
    assert gazetteer().admin1_of(p).name == province


def test_geo_resolve_bare_name_of_a_town_stays_the_town():
    p = resolve("Bogor")
    assert (p.kind, p.geonameid) == ("city", 1648473)  # GeoNames' Bogor, as before the regencies


def test_linker_regency_names_link_to_places_and_respect_case():
    found = _entities("Banjir melanda Kabupaten Bangli dan Kota Batu. Ribuan orang mengungsi dari Nduga. "
                      "Batu itu dilempar ke arah polisi. Ia membawa batu dan kayu.")
    assert found["Kabupaten Bangli"].id == "place/kabupaten-bangli"
    assert found["Kota Batu"].id == "place/kota-batu"
    assert (found["Nduga"].id, found["Nduga"].code) == ("place/kabupaten-nduga", "IDN")
    assert "Batu" not in found and "batu" not in found  # a common word: no bare alias


def test_linker_regional_role_word_is_the_office_with_its_sector_and_place():
    found = _entities("Kapolda Jawa Barat mengatakan pelaku ditangkap. Kapolda Jabar menambahkan polisi siaga. "
                      "Bupati Nduga meminta bantuan. Wali Kota Bandung meresmikan jalan. Kapolda Metro Jaya hadir.")
    kapolda = found["Kapolda Jawa Barat"]
    assert (kapolda.type, kapolda.code, kapolda.sector) == ("PER", "IDN", "COP")
    assert found["Kapolda Jabar"].id == kapolda.id  # one office, however the province is written
    assert (found["Bupati Nduga"].sector, found["Bupati Nduga"].id) == ("GOV", "office/bupati/kabupaten-nduga")
    assert (found["Wali Kota Bandung"].name, found["Wali Kota Bandung"].sector) == ("Wali Kota Bandung", "GOV")
    assert (found["Kapolda Metro Jaya"].id, found["Kapolda Metro Jaya"].sector) == ("office/kapolda/jakarta", "COP")


def test_linker_regional_role_word_before_a_name_or_of_a_former_holder_is_not_the_office():
    found = _entities("Gubernur Jawa Barat Ridwan Kamil meninjau lokasi. Mantan Bupati Bogor ditahan.")
    assert not any(e.id.startswith("office/") for e in found.values())


def test_roles_regional_role_word_resolves_to_a_holder_within_the_term_only(tmp_path):
    path = tmp_path / "holders.jsonl"
    path.write_text(json.dumps({
        "id": "person/test-kapolda", "name": "Test Kapolda", "type": "PER", "code": "IDN", "sector": "COP",
        "roles": [{"role": "Kapolda Jawa Barat", "office": "IDN/kapolda/west-java", "country": "IDN",
                   "start": "2019-01-10", "end": "2020-02-01"}]}) + "\n", encoding="utf-8")
    kb = KnowledgeBase.load([path])
    text = "Kapolda Jawa Barat mengatakan pelaku ditangkap."

    def actor(day):
        b = linker._Builder(text)
        b.add(8, 18, "place/west-java", "West Java", "GPE", "IDN", None)
        regional_officials(b, kb, [(0, len(text))], day)
        return [(m.text, m.entity_id) for m in b.mentions]

    assert actor("2019-03-01") == [("Kapolda Jawa Barat", "person/test-kapolda")]
    assert actor("2020-03-01") == [("Kapolda Jawa Barat", "office/kapolda/west-java")]
    assert actor(None) == [("Kapolda Jawa Barat", "office/kapolda/west-java")]


def test_kb_regions_jakarta_administrative_cities_are_their_own_places():
    # 31.71-31.75: Jakarta's five administrative cities (Kota Administrasi), each its own region
    found = _entities("Hujan turun di Jakarta sejak pagi. Banjir merendam Jakarta Selatan dan Jakarta Timur.")
    assert found["Jakarta Selatan"].id == "place/kota-administrasi-jakarta-selatan"
    assert found["Jakarta Timur"].id == "place/kota-administrasi-jakarta-timur"
    assert found["Jakarta"].id == "place/jakarta"


@pytest.mark.parametrize("unit,sector", [("Pengadilan Tipikor Jakarta", "JUD"), ("PN Jakarta Selatan", "JUD"),
                                         ("Satpol PP Makassar", "COP"), ("BPBD Banyumas", "GOV"),
                                         ("Bawaslu Jawa Tengah", "GOV")])
def test_kb_regions_courts_and_agencies_of_a_place_are_one_organisation(unit, sector):
    found = _entities(f"Menurut {unit}, pemeriksaan berlanjut pekan depan.")
    assert found[unit].type == "ORG" and found[unit].sector == sector and found[unit].code == "IDN"
