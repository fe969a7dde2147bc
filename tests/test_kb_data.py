import json
import re

from warta.analyse.resolve.kb import DATA_DIR, KnowledgeBase, packaged_files


def test_kb_data_files_are_valid_jsonl():
    names = {p.name for p in packaged_files()}
    assert {"countries.jsonl", "places.jsonl", "organisations.jsonl", "people.jsonl", "roles.jsonl",
            "metonyms.jsonl"} <= names
    for p in packaged_files():
        assert KnowledgeBase.validate_file(p) > 0


def test_kb_data_countries_cover_indonesian_forms():
    kb = KnowledgeBase.load([])
    expect = {
        "AS": "USA", "Amerika Serikat": "USA", "Tiongkok": "CHN", "China": "CHN", "Inggris": "GBR",
        "Korut": "PRK", "Korea Selatan": "KOR", "Myanmar": "MMR", "Rusia": "RUS", "Arab Saudi": "SAU",
        "Timor Leste": "TLS", "Palestina": "PSE", "Turki": "TUR", "Belanda": "NLD", "Jepang": "JPN",
        "UEA": "ARE", "RI": "IDN", "Filipina": "PHL", "Yaman": "YEM",
        # the other spellings Indonesian news uses (KBBI's "Hongaria" beside "Hungaria")
        "Hongaria": "HUN", "Hungaria": "HUN", "Jordania": "JOR", "Yordania": "JOR", "Republik Ceska": "CZE",
    }
    for form, code in expect.items():
        hits = [e for e in kb.lookup(form) if e.type == "GPE"]
        assert hits and hits[0].code == code, form
    assert sum(1 for e in kb.entries if e.id.startswith("country/")) > 240


def test_kb_data_places_and_regions():
    kb = KnowledgeBase.load([])
    assert kb.lookup("Moskow")[0].code == "RUS"
    assert kb.lookup("Naypyitaw")[0].name == "Naypyidaw"
    west = kb.lookup("Barat")[0]
    assert (west.name, west.type, west.code) == ("Western world", "LOC", None)
    assert kb.lookup("Laut China Selatan")[0].type == "LOC"


def test_kb_data_organisations_and_media():
    kb = KnowledgeBase.load([])
    un = kb.lookup("PBB")[0]
    assert (un.name, un.code, un.sector) == ("United Nations", "IGO", "IGO")
    antara = kb.lookup("ANTARA")[0]
    assert (antara.code, antara.sector) == ("IDN", "JRN")
    assert kb.lookup("Tatmadaw")[0].name == "Myanmar Armed Forces"
    assert kb.lookup("Gedung Putih")[0].sector == "GOV"
    media = [e for e in kb.entries if e.sector in ("JRN", "MED")]
    assert media and all(e.sector == "JRN" for e in media)  # one label, consistently


def test_kb_data_entries_are_well_formed():
    kb = KnowledgeBase.load([])
    for e in kb.entries:
        assert e.type in ("PER", "ORG", "GPE", "LOC")
        assert e.code is None or re.fullmatch(r"[A-Z]{3}", e.code)
        if e.type in ("GPE", "LOC"):
            assert e.sector is None, e.id
        if e.type == "PER":
            assert e.sector, e.id
        assert all(a.strip() == a and a for a in e.aliases), e.id


def test_kb_data_people_aliases_are_not_bare_first_names():
    kb = KnowledgeBase.load([])
    forbidden = {"Min", "Joko", "Wang", "Kim", "Lee", "Li", "Abdullah", "Mohammed", "Muhammad"}
    for e in kb.entries:
        if e.type == "PER":
            assert not (set(e.aliases) & forbidden), e.id


def test_kb_data_user_extensible_line_format():
    line = (DATA_DIR / "places.jsonl").read_text(encoding="utf-8").splitlines()[0]
    rec = json.loads(line)
    assert {"id", "name", "type", "code", "sector", "wikidata", "aliases"} <= set(rec)


def test_kb_data_leaders_of_countries_rarely_in_the_news_since_2010():
    kb = KnowledgeBase.load([])
    for name, code in {"Keir Starmer": "GBR", "Sanna Marin": "FIN", "Jacinda Ardern": "NZL",
                       "Evo Morales": "BOL", "Gotabaya Rajapaksa": "LKA", "Charles III": "GBR"}.items():
        hits = [e for e in kb.lookup(name) if e.type == "PER"]
        assert hits and hits[0].code == code and hits[0].wikidata, name
        assert any(r.get("start") for r in hits[0].roles), name
    assert kb.lookup("Raja Charles")[0].name == "Charles III"


def test_kb_data_leaders_carry_no_raw_extract_noise():
    rows = [json.loads(line) for line in (DATA_DIR / "leaders.jsonl").open(encoding="utf-8")]
    assert len(rows) > 1000
    names = {r["name"] for r in rows}
    assert not any(re.search(r"\b(?:do|da|dos) (?:Reino Unido|Países Baixos|Dinamarca)|^Papa |Conselho", n) for n in names)
    assert not any(re.fullmatch(r"Q\d+", n) or "/" in n for n in names)
    assert "Sapto Amal Damandari" not in names  # an auditor filed under Indonesia's head of government
    assert not any(r["code"] in ("ABW", "CUW", "GRL", "FRO", "GIB", "CYM") for r in rows)
    for r in rows:
        for role in r["roles"]:
            assert role["start"] and (role["end"] is None or role["start"] <= role["end"]), r["name"]
            assert role["end"] is None or role["end"] >= "2010"


PROVINCES = ("Aceh;Sumatera Utara;Sumatera Barat;Riau;Kepulauan Riau;Jambi;Sumatera Selatan;Kepulauan Bangka Belitung;"
             "Bengkulu;Lampung;DKI Jakarta;Jawa Barat;Banten;Jawa Tengah;Daerah Istimewa Yogyakarta;Jawa Timur;Bali;"
             "Nusa Tenggara Barat;Nusa Tenggara Timur;Kalimantan Barat;Kalimantan Tengah;Kalimantan Selatan;"
             "Kalimantan Timur;Kalimantan Utara;Sulawesi Utara;Gorontalo;Sulawesi Tengah;Sulawesi Barat;"
             "Sulawesi Selatan;Sulawesi Tenggara;Maluku;Maluku Utara;Papua;Papua Barat;Papua Selatan;Papua Tengah;"
             "Papua Pegunungan;Papua Barat Daya").split(";")


def test_kb_data_every_indonesian_province_and_parliamentary_party():
    kb = KnowledgeBase.load([])
    assert len(PROVINCES) == 38
    for form in PROVINCES:
        hits = [e for e in kb.lookup(form) if e.type == "GPE"]
        assert hits and hits[0].code == "IDN", form
    for form in ("PKB", "PKS", "PAN", "PPP", "NasDem", "Gerindra", "Golkar", "PDI-P", "Partai Amanat Nasional"):
        hits = kb.lookup(form)
        assert hits and hits[0].sector == "PTY" and hits[0].code == "IDN", form


def test_kb_data_indonesian_bodies_named_without_another_countrys_forms():
    kb = KnowledgeBase.load([])
    for form, sector in {"BPK": "GOV", "Bawaslu": "GOV", "Bareskrim Polri": "COP", "OJK": "GOV", "PPATK": "GOV",
                         "Komisi Yudisial": "JUD", "Pengadilan Tipikor": "JUD", "BEI": "BUS"}.items():
        hits = kb.lookup(form)
        assert hits and (hits[0].code, hits[0].sector) == ("IDN", sector), form
    for ambiguous in ("Kementerian Keuangan", "Mahkamah Konstitusi", "Partai Demokrat", "Partai Buruh"):
        assert not kb.lookup(ambiguous), ambiguous


def test_kb_data_leaders_carry_the_other_spellings_of_arabic_given_names():
    kb = KnowledgeBase.load([])
    assert kb.lookup("Muhammad bin Salman")[0].name == "Mohammed bin Salman"
    assert kb.lookup("Abdul Fattah al-Burhan")[0].name == "Abdel Fattah al-Burhan"


def test_kb_data_heads_of_state_and_government_on_a_date():
    kb = KnowledgeBase.load([])
    expect = {("THA/head of state", "2016-06-01"): "Bhumibol Adulyadej",  # in office since 1946
              ("MMR/head of state", "2022-09-05"): "Myint Swe",
              ("GBR/head of state", "2023-06-01"): "Charles III",
              ("GBR/head of government", "2023-06-01"): "Rishi Sunak",
              ("DEU/head of government", "2015-06-01"): "Angela Merkel"}
    for (office, day), name in expect.items():
        assert kb.holder(office, day).name == name, office
    assert kb.holder("KOR/head of government", "2022-09-05") is None  # the extract's rows there are presidents


def test_kb_data_kosovo_carries_the_plover_code():
    """The PLOVER codebook ("Country names"): Kosovo has no ISO 3166 code, PLOVER uses ``KOS``.
    The knowledge base and the gazetteer of places agree, so an actor and a place in Kosovo
    carry the same code."""
    from warta.analyse.resolve.geo import gazetteer

    kb = KnowledgeBase.load([])
    assert [e.code for e in kb.lookup("Kosovo") if e.type == "GPE"][:1] == ["KOS"]
    assert kb.country("KOS") is not None and kb.country("XKX") is None
    towns = {p.country_code3 for p in gazetteer().candidates("Ferizaj")}
    assert towns == {"KOS"}
