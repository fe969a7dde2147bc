"""warta.analyse.resolve.linker: titles, honorifics and spans of names in whole articles."""
from __future__ import annotations

import re

import pytest

import warta


def _mentions(text, published="2022-09-05"):
    doc = warta.analyze(text, published=published)
    return doc, [(m.text, e.name) for e in doc.entities for m in e.mentions]


def test_linker_honorific_u_is_not_the_end_of_a_word():
    text = ("Menteri Luar Negeri Retno Marsudi tiba di Yangon. Ia lalu bertemu Retno Marsudi di kantor itu. "
            "Setelah itu Retno Marsudi berbicara dengan Ketua ASEAN.")
    _, found = _mentions(text)
    assert found
    assert not any(re.match(r"(?i)u\s", t) for t, _ in found)
    assert not any(t.startswith(("emu ", "tu ", "ua ")) for t, _ in found)


def test_linker_honorific_counts_only_in_its_own_case_before_a_name():
    _, found = _mentions("Pertemuan itu dihadiri Daw Aung San Suu Kyi di Naypyidaw.")
    assert ("Daw Aung San Suu Kyi", "Aung San Suu Kyi") in found
    _, found = _mentions("Pertemuan itu dihadiri daw Aung San Suu Kyi di Naypyidaw.")
    assert ("Aung San Suu Kyi", "Aung San Suu Kyi") in found


def test_linker_burmese_honorific_gives_myanmar_but_not_before_a_hyphenated_name():
    """``U``, ``Daw`` and ``Ko`` are Burmese honorifics: a person they introduce whom nothing else
    places is of Myanmar; before a hyphenated (Korean) name ``Ko`` is a surname and places nobody."""
    doc = warta.analyze("Menlu Retno bertemu U Kyaw Tint Swe di Naypyidaw. Daw Khin Mar Aye dan Ko Zaw Min "
                        "juga hadir. Di Seoul, aktris Ko Hyun-jung menonton pertunjukan.", published="2019-05-01")
    people = {e.name: e.code for e in doc.entities if e.type == "PER"}
    assert people["Kyaw Tint Swe"] == people["Khin Mar Aye"] == people["Zaw Min"] == "MMR"
    assert [code for name, code in people.items() if "Hyun-jung" in name] == [None]


def test_linker_longest_span_wins_for_an_outlet_service():
    _, found = _mentions("Laporan itu disiarkan BBC Burma pada Senin.")
    assert ("BBC Burma", "BBC Burmese") in found
    assert not any(name in ("BBC", "Myanmar") for _, name in found)


def test_linker_no_entity_spans_a_glued_full_stop():
    text = "Penyidik memeriksa Fatmawati.Hati Fatma lalu pulang, kata Yuyuk.Sebelumnya ia ditahan di Jakarta."
    doc, found = _mentions(text)
    sentence_ends = {s.end for s in doc.sentences}
    for e in doc.entities:
        for m in e.mentions:
            assert not any(m.start < end < m.end for end in sentence_ends), m.text
    assert not any("." in t for t, _ in found)


OFFICE_TEXT = "Kapolri mengatakan polisi menangkap 12 orang. Jaksa Agung hadir bersama Ketua KPK di Gedung DPR."


def test_linker_role_word_resolves_to_the_office_holder_on_the_article_date():
    _, found = _mentions(OFFICE_TEXT, published="2022-09-05")
    assert {("Kapolri", "Listyo Sigit Prabowo"), ("Jaksa Agung", "Sanitiar Burhanuddin"),
            ("Ketua KPK", "Firli Bahuri")} <= set(found)
    _, found = _mentions(OFFICE_TEXT, published="2017-03-01")
    assert {("Kapolri", "Tito Karnavian"), ("Jaksa Agung", "Muhammad Prasetyo"),
            ("Ketua KPK", "Agus Rahardjo")} <= set(found)
    assert ("KPK", "Corruption Eradication Commission") not in found  # the office holder, not the agency


def test_linker_bare_minister_titles_resolve_to_the_minister_of_the_day():
    # the finance and coordinating security ministers by the cabinets' dates (Bambang Brodjonegoro
    # until July 2016, then Sri Mulyani; Tedjo Edhy Purdijatno until August 2015, Wiranto from July
    # 2016, Mahfud MD from October 2019)
    text = "Menkeu mengatakan anggaran cukup. Menko Polhukam dan Menlu hadir di Istana."
    _, found = _mentions(text, published="2015-03-02")
    assert {("Menkeu", "Bambang Brodjonegoro"), ("Menko Polhukam", "Tedjo Edhy Purdijatno"),
            ("Menlu", "Retno Marsudi")} <= set(found)
    _, found = _mentions(text, published="2017-09-01")
    assert {("Menkeu", "Sri Mulyani Indrawati"), ("Menko Polhukam", "Wiranto")} <= set(found)
    _, found = _mentions(text, published="2020-06-01")
    assert ("Menko Polhukam", "Mahfud MD") in found
    # another country's minister, or one named, is not the holder
    _, found = _mentions("Menlu AS Rex Tillerson tiba. Menkeu Sri Mulyani hadir.", published="2017-09-01")
    assert ("Menlu", "Retno Marsudi") not in found and not any(t == "Menkeu" for t, _ in found)


def test_linker_role_word_of_a_deputy_a_former_holder_or_before_a_name_is_not_the_holder():
    text = "Wakil Ketua KPK menolak. Mantan Kapolri hadir. Kapolri Jenderal Listyo Sigit Prabowo tiba."
    _, found = _mentions(text, published="2017-03-01")
    assert not any(name in ("Agus Rahardjo", "Tito Karnavian") for _, name in found)
    assert ("Jenderal Listyo Sigit Prabowo", "Listyo Sigit Prabowo") in found


def test_linker_role_word_without_a_publication_day_stays_unresolved():
    doc = warta.analyze(OFFICE_TEXT)
    assert not any(e.source == "office" for e in doc.entities)


def test_linker_head_of_state_or_government_by_country_on_the_article_date():
    text = "Presiden Rusia mengatakan Moskow siap. Kanselir Jerman tiba di Jakarta."
    _, found = _mentions(text, published="2015-06-01")
    assert {("Presiden Rusia", "Vladimir Putin"), ("Kanselir Jerman", "Angela Merkel")} <= set(found)
    _, found = _mentions(text, published="2022-09-05")
    assert ("Kanselir Jerman", "Olaf Scholz") in found
    _, found = _mentions("Mantan Presiden Rusia hadir. Presiden Rusia Vladimir Putin menolak.", published="2022-09-05")
    assert ("Presiden Rusia", "Vladimir Putin") not in found
    assert ("Russia" in {name for _, name in found})


def test_linker_common_acronyms_and_ship_codes_are_not_names():
    _, found = _mentions("Kelompok HAM menuduh militer Myanmar. Kapal CCG menembak kapal suplai Filipina M/L Kalayaan.")
    assert not any(t in ("HAM", "M/L Kalayaan") for t, _ in found)


def test_linker_regional_units_are_organisations_with_their_sector():
    text = ("Polda Jawa Barat menangkap tiga tersangka. Kejari Bandung menyita aset. Pemprov DKI Jakarta menolak. "
            "DPRD Surabaya menggelar rapat. Kabid Humas Polres Bogor Kombes Budi Santoso mengatakan polda setempat siap.")
    doc = warta.analyze(text, published="2022-09-05")
    units = {m.text: (e.type, e.code, e.sector) for e in doc.entities for m in e.mentions}
    assert units["Polda Jawa Barat"] == ("ORG", "IDN", "COP")
    assert units["Kejari Bandung"] == ("ORG", "IDN", "JUD")
    assert units["Pemprov DKI Jakarta"] == ("ORG", "IDN", "GOV")
    assert units["DPRD Surabaya"] == ("ORG", "IDN", "LEG")
    assert units["Polres Bogor"] == ("ORG", "IDN", "COP")  # the rank and the name after it are not the place
    assert not any(t.lower().startswith("polda setempat") for t in units)


def _typed(text, published="2022-09-05"):
    doc = warta.analyze(text, published=published)
    return {m.text: (e.type, e.name, e.code, e.sector) for e in doc.entities for m in e.mentions}


def test_linker_building_named_after_an_organisation_is_a_place():
    found = _typed("Ratusan mahasiswa berunjuk rasa di depan Gedung DPR pada Kamis siang.")
    assert found["Gedung DPR"][0] == "LOC"
    assert "DPR" not in found  # the parliament does not act here: its building is where it happens


def test_linker_landform_named_after_a_country_is_its_own_place():
    found = _typed("Kapal itu tenggelam di Teluk Finlandia pekan lalu.")
    assert found["Teluk Finlandia"][0] == "LOC"
    assert "Finlandia" not in found


def test_linker_capitalised_compass_word_extends_a_known_place():
    found = _typed("Wabah kolera menyebar ke beberapa negara di Afrika Barat tahun ini.")
    assert "Afrika" not in found
    assert found["Afrika Barat"][:2] == ("LOC", "Africa")  # still linked to the continent


def test_linker_lower_case_compass_word_is_not_part_of_the_name():
    found = _typed("Ribuan pengungsi berdatangan dari Suriah utara.")
    assert found["Suriah"][2] == "SYR"
    assert "Suriah utara" not in found


def test_linker_known_person_written_out_longer_keeps_the_person():
    found = _typed("Mahfud Md hadir dalam diskusi di Yogyakarta.")
    assert found["Mahfud Md"][0] == "PER"
    assert found["Mahfud Md"][1].lower() == "mahfud md"
    assert "Mahfud" not in found


def test_linker_body_of_a_known_organisation_takes_its_sector():
    found = _typed("Para anggota Badan Anggaran DPR menunda rapat itu.")
    assert found["Badan Anggaran DPR"][0] == "ORG"
    assert found["Badan Anggaran DPR"][2:] == ("IDN", "LEG")
    assert "DPR" not in found


def test_linker_short_form_is_not_taken_inside_another_name():
    text = ("Presiden Joko Widodo membuka acara itu. Sambutan dibacakan oleh Sri Rahayu Widodo dari OJK. "
            "Widodo kemudian kembali ke Jakarta.")
    doc = warta.analyze(text, published="2022-09-05")
    jokowi = [m.text for e in doc.entities if e.name == "Joko Widodo" for m in e.mentions]
    assert "Widodo" in jokowi  # the short form alone is still the president
    starts = {m.start for e in doc.entities if e.name == "Joko Widodo" for m in e.mentions}
    assert text.index("Widodo dari") not in starts


def test_linker_name_does_not_run_on_into_a_weekday():
    doc = warta.analyze("Juru bicara Istana Kremlin Kamis mengatakan Rusia siap berunding.", published="2022-09-05")
    assert not any("Kamis" in m.text for e in doc.entities for m in e.mentions)


def test_linker_metonym_spoken_of_only_as_a_place_is_a_place():
    found = _typed("Para menteri baru dilantik di Istana Negara pada Rabu pagi.")
    assert found["Istana Negara"][0] == "LOC"
    found = _typed("Rapat dengar pendapat berlangsung di Gedung DPR, Senayan, Jakarta, Senin.")
    assert found["Senayan"][0] == "LOC"


def test_linker_metonym_that_acts_stays_the_institution():
    doc = warta.analyze("Istana Negara membantah kabar itu. Wartawan masih menunggu di Istana Negara.",
                        published="2022-09-05")
    ents = [e for e in doc.entities if any(m.text == "Istana Negara" for m in e.mentions)]
    assert len(ents) == 1 and ents[0].type == "ORG" and ents[0].sector == "GOV"
    assert len(ents[0].mentions) == 2


def test_linker_place_head_inside_a_longer_name_makes_no_cut_place():
    found = _typed("Warga berbelanja di Pusat Pasar Kota Bogor sejak pagi.")
    assert "Pasar Kota Bogor" not in found


def test_linker_street_named_after_a_month_word_keeps_its_name():
    found = _typed("Rumahnya terletak di Jalan Bulan, dekat Jalan Matahari.")
    assert found["Jalan Bulan"][0] == "LOC"
    assert "Jalan" not in found


def test_linker_party_board_is_not_the_regional_council():
    text = ("DPD Partai Golkar Sulawesi Utara menggelar rapat kerja. Sebanyak 25 DPD menyetujui usul itu. "
            "Sementara itu Ketua DPD RI menerima rombongan mahasiswa.")
    doc = warta.analyze(text, published="2022-09-05")
    council = [m.start for e in doc.entities if e.id == "org/regional-representative-council" for m in e.mentions]
    assert council == [text.index("DPD RI")]


def test_linker_acronym_after_a_place_of_another_initial_is_not_the_place():
    # the place ends a name the recogniser missed; the bracketed acronym is that name's, while a
    # place's own acronym starts with its initial
    from warta.analyse.resolve.aliases import acronyms
    from warta.analyse.resolve.linker import _Builder

    text = "Ketua Gabungan Koperasi Susu Indonesia (GKSI) menolak. GKSI juga menolak. Uni Emirat Arab (UEA) setuju."
    b = _Builder(text)
    i, u = text.index("Indonesia"), text.index("Uni Emirat Arab")
    b.add(i, i + len("Indonesia"), "country/IDN", "Indonesia", "GPE", "IDN", None)
    b.add(u, u + len("Uni Emirat Arab"), "country/ARE", "United Arab Emirates", "GPE", "ARE", None)
    acronyms(b, [(0, len(text))])
    assert [m.text for m in b.entities["country/IDN"].mentions] == ["Indonesia"]
    assert [m.text for m in b.entities["country/ARE"].mentions] == ["Uni Emirat Arab", "UEA"]


def test_linker_capital_that_acts_stands_for_its_country():
    text = ("Menurut perjanjian yang dirundingkan Oman, Teheran dan Riyadh akan membuka kembali kedutaan. "
            "Kedutaan itu di Teheran. Pesawat berbasis di Pangkalan Udara Etimesgut, Ankara. "
            "Negosiasi digelar di ibu kota Oman, Muskat. Ankara menolak usul itu.")
    doc = warta.analyze(text, published="2023-03-11")
    ids = {(m.start, e.id) for e in doc.entities for m in e.mentions}
    at = lambda word, n=0: [m.start() for m in re.finditer(word, text)][n]  # noqa: E731
    assert (at("Teheran"), "country/IRN") in ids and (at("Riyadh"), "country/SAU") in ids  # they act
    assert (at("Teheran", 1), "place/tehran") in ids  # after "di": the city
    assert (at("Ankara"), "place/ankara") in ids  # an address after a place
    assert (at("Ankara", 1), "country/TUR") in ids  # acts


def test_linker_home_capital_acting_stays_the_city():
    text = "Jakarta menerapkan pembatasan sosial berskala besar mulai Jumat."
    doc = warta.analyze(text, published="2020-04-10")
    assert [e.id for e in doc.entities if any(m.text == "Jakarta" for m in e.mentions)] == ["place/jakarta"]


def test_linker_credited_wire_is_an_entity():
    doc = warta.analyze("Polisi menangkap dua tersangka di Bekasi, Senin. Keduanya kini ditahan. (Antara)\n",
                        published="2019-03-01")
    assert [m.text for e in doc.entities if e.id == "org/antara-news-agency" for m in e.mentions] == ["Antara"]


def test_linker_indonesian_body_named_bare_is_indonesias_unless_another_country_follows():
    text = ("Kementerian Kesehatan mengimbau warga memakai masker. "
            "Kementerian Kesehatan Malaysia melaporkan kasus baru di Johor.")
    doc = warta.analyze(text, published="2020-03-01")
    by_start = {m.start: e for e in doc.entities for m in e.mentions}
    assert by_start[0].id == "org/ministry-of-health-indonesia" and by_start[0].code == "IDN"
    foreign = by_start.get(text.index("Kementerian Kesehatan Malaysia"))
    assert foreign is None or foreign.code != "IDN"


def test_linker_numbered_commission_of_a_legislature_is_its_own_organisation():
    text = "Komisi III DPR memanggil Kapolri. Komisi A DPRD Jawa Timur menunda rapat. DPR menyetujui anggaran."
    found = {m.text: e for e in warta.analyze(text, published="2017-03-01").entities for m in e.mentions}
    assert found["Komisi III DPR"].sector == "LEG" and found["Komisi III DPR"].type == "ORG"
    assert found["Komisi A DPRD Jawa Timur"].sector == "LEG"
    assert found["DPR"].id == "org/house-of-representatives-indonesia"  # the legislature itself
    assert found["Komisi III DPR"].id != found["DPR"].id


def test_linker_country_in_a_persons_title_is_still_named():
    text = "Presiden Rusia Vladimir Putin menerima Menteri Luar Negeri Indonesia Retno Marsudi."
    doc = warta.analyze(text, published="2017-08-01")
    mentions = {e.id: [m.text for m in e.mentions] for e in doc.entities}
    assert mentions["person/vladimir-putin"] == ["Presiden Rusia Vladimir Putin"]
    assert mentions["country/RUS"] == ["Rusia"] and mentions["country/IDN"] == ["Indonesia"]
    # the country acts no more on its own: the actor of the meeting is the person
    assert all(a["entity_id"] != "country/RUS" for ev in doc.events for a in ev.actor)


def test_linker_person_named_right_after_an_organisation_belongs_to_it():
    """A person the knowledge base does not know, named right after an organisation (with a rank
    or a comma between at most) or right after a country, takes its country and the organisation's
    sector; not after a news outlet, nor after an organisation of no known sector, nor across a verb."""
    doc = warta.analyze("Kepala Bidang Humas Polda Metro Jaya Kombes Argo Wicaksono mengatakan itu. "
                        "Juru bicara KPK Febri Santosa membantah tuduhan tersebut. "
                        "Sementara itu pemerintah Kanada Josh Bueckertson menolak berkomentar.", published="2024-05-01")
    people = {e.name: (e.code, e.sector) for e in doc.entities if e.type == "PER"}
    assert people["Argo Wicaksono"] == ("IDN", "COP")
    assert people["Febri Santosa"] == ("IDN", "JUD")
    assert people["Josh Bueckertson"][0] == "CAN"
    doc = warta.analyze("Kepada Reuters, Thomas Groveland mengatakan pasukan itu mundur. "
                        "Polda Metro Jaya menangkap Argo Wicaksono di Bekasi.", published="2024-05-01")
    # neither takes the police's sector (the country comes from the home rule, see below)
    sectors = {e.name: e.sector for e in doc.entities if e.type == "PER"}
    assert sectors["Thomas Groveland"] is None
    assert sectors["Argo Wicaksono"] is None


def _countries(text: str, published: str = "2024-05-01") -> dict:
    """Each person ``text`` names, with the country the linker gives them."""
    return {e.name: e.code for e in warta.analyze(text, published=published).entities if e.type == "PER"}


def test_linker_person_in_apposition_to_a_titled_country_belongs_to_it():
    """``<title> <country>, <name>`` names the country's official; ``di <place>, <name>`` only
    says where someone was, and a person after it keeps no country."""
    people = _countries("Menteri Pertahanan Latvia, Raimonds Bergmanis, mengatakan latihan itu akan digelar. "
                        "Pengusaha asal Kanada, Josh Bueckertson, ikut hadir.")
    assert people["Raimonds Bergmanis"] == "LVA"
    assert people["Josh Bueckertson"] == "CAN"
    assert _countries("Setelah bertemu di Jenewa, Thomas Groveland kembali ke kantornya.")["Thomas Groveland"] is None


def test_linker_person_described_as_a_citizen_or_native_of_a_country_belongs_to_it():
    """``warga <country> bernama <name>``, ``<name>, warga <country>``, ``<name> (47) asal
    <place>``: the person is the country's; a place only visited is not one's country."""
    people = _countries("Polisi Italia menangkap seorang warga Polandia bernama Lukasz Gorecki di Milan. "
                        "Jaksa juga memeriksa Thomas Groveland, warga negara Kanada, dan Ahmad Fauzi (47) asal Depok.")
    assert people["Lukasz Gorecki"] == "POL"
    assert people["Thomas Groveland"] == "CAN"
    assert people["Ahmad Fauzi"] == "IDN"
    assert _countries("Thomas Groveland tiba di Kanada pada Senin.")["Thomas Groveland"] is None


def test_linker_person_described_by_a_word_for_a_person_of_a_country_belongs_to_it():
    """``pria Uzbekistan, <name>``, ``<name>, remaja asal Palestina``: a word for a person
    (``pria``, ``remaja``, ``nelayan``) followed by a country says the person's nationality as
    ``warga`` does."""
    people = _countries("Polisi Swedia menahan seorang pria Uzbekistan, Rakhmat Akilov, di Stockholm. "
                        "Jaksa juga memeriksa Lena Haddad, remaja asal Palestina.", published="2017-04-10")
    assert people["Rakhmat Akilov"] == "UZB"
    assert people["Lena Haddad"] == "PSE"
    assert _countries("Lena Haddad tiba di Palestina pada Senin.", published="2017-04-10")["Lena Haddad"] is None


def test_linker_person_after_a_lower_case_office_and_a_country_belongs_to_it():
    """``mantan perdana menteri Kosovo, <name>``, ``diplomat India, <name>``: an office or calling
    written in lower case before a country names that country's person, as a capitalised title
    does; a place of a clause still gives none."""
    people = _countries("Polisi Prancis menangkap mantan perdana menteri Kosovo, Ramush Haradinaj, di Paris. "
                        "Pakistan mengusir diplomat India, Surjeet Singh, pada Kamis.", published="2017-01-05")
    assert people["Ramush Haradinaj"] == "KOS"
    assert people["Surjeet Singh"] == "IND"
    assert _countries("Ia berbicara di Jenewa, Hasan Kleib menambahkan.", published="2017-01-05")["Hasan Kleib"] is None


def test_linker_title_only_one_country_bears_gives_its_country():
    """``Menko Polhukam``, ``Kapolda``, ``Bupati`` and Polri's ranks are Indonesia's titles: a person
    after one whom nothing else places is Indonesian, in every mention; a title any country has
    (``Duta Besar``) gives none, and a country named in the title wins."""
    doc = warta.analyze("Menko Polhukam Hartono Wibisono tiba di Jakarta. Hartono Wibisono kemudian bertemu "
                        "Duta Besar Tomas Lindqvist di kantornya. Kapolda Banten Irjen Agus Salimin menangkap "
                        "dua orang. Menteri Pertahanan Latvia Raimonds Bergmanis juga hadir.", published="2024-05-01")
    people = {e.name: e.code for e in doc.entities if e.type == "PER"}
    assert people["Hartono Wibisono"] == "IDN"
    assert people["Agus Salimin"] == "IDN"
    assert people["Raimonds Bergmanis"] == "LVA"
    met = [e for e in doc.events if e["event"] == ["CONSULT"] and "bertemu" in e["text_info"]["sentence"]]
    assert met and [a["code"] for a in met[0]["actor"]] == ["IDN"]
    doc = warta.analyze("Duta Besar Tomas Lindqvist bertemu Menteri Pertahanan Latvia Raimonds Bergmanis di Riga.",
                        published="2024-05-01")
    assert {e.name: e.code for e in doc.entities if e.type == "PER"}["Tomas Lindqvist"] is None


def test_linker_police_ranks_spelled_out_are_titles_not_part_of_the_unit():
    """Polri's ranks written out (``Komisaris Besar``, ``Ajun Komisaris Besar Polisi``) are a
    police officer's title, as their abbreviations are, and never the tail of the unit's name."""
    doc = warta.analyze("Kepala Bidang Humas Polda Metro Jaya Komisaris Besar Argo Wicaksono mengatakan itu. "
                        "Kapolres Jakarta Barat Ajun Komisaris Besar Polisi Hengki Santosa membenarkannya.",
                        published="2024-05-01")
    mentions = {m.text: e for e in doc.entities for m in e.mentions}
    assert "Polda Metro Jaya" in mentions and mentions["Polda Metro Jaya"].type == "ORG"
    assert not any(t.endswith(("Besar", "Polisi")) for t, e in mentions.items() if e.type == "ORG")
    people = {e.name: (e.code, e.sector) for e in doc.entities if e.type == "PER"}
    assert people["Argo Wicaksono"] == ("IDN", "COP")
    assert people["Hengki Santosa"][1] == "COP"


def test_linker_tax_law_and_holiday_words_are_not_entities():
    doc = warta.analyze("Menteri Keuangan Sri Mulyani mengatakan tarif PPN tidak naik menjelang Idul Fitri. "
                        "Wajib pajak diminta melaporkan SPT dan NPWP sesuai KUHP, kata dia.", published="2024-05-01")
    names = {m.text for e in doc.entities for m in e.mentions}
    assert not names & {"PPN", "Idul Fitri", "SPT", "NPWP", "KUHP"}, names
    assert "Sri Mulyani" in " ".join(names)


def test_linker_no_name_with_half_a_bracket_and_no_office_as_a_person():
    doc = warta.analyze("Direktur Utama PT Bank Sentosa Raya (Persero) Tbk Budi Hartono mengundurkan diri. "
                        "Kabid Humas menyebut laporan itu sudah diterima.", published="2024-05-01")
    for e in doc.entities:
        for m in e.mentions:
            assert m.text.count("(") == m.text.count(")"), m.text
    assert not [e for e in doc.entities if e.type == "PER" and e.name in ("Kabid", "Kabid Humas")]
    doc = warta.analyze("Kabid mengatakan laporan itu sudah diterima. Kapolres membenarkannya.", published="2024-05-01")
    assert not [e for e in doc.entities if e.type == "PER"], doc.entities


def test_linker_a_known_persons_one_word_name_inside_anothers_is_another_person():
    """``Prabowo`` is Prabowo Subianto's short name; ``Edhy Prabowo`` and ``Raden Prabowo Argo
    Yuwono`` are other people, and ``Ivanka Trump`` is not Donald Trump. A known person named with
    a middle name (``Anies Rasyid Baswedan``) stays that person."""
    doc = warta.analyze("Wakil Ketua Umum Gerindra Edhy Prabowo menolak usulan itu. "
                        "Kabid Humas Polda Metro Jaya Kombes Raden Prabowo Argo Yuwono membenarkannya. "
                        "Ivanka Trump hadir di acara itu.", published="2017-08-01")
    ids = {m.text: e.id for e in doc.entities for m in e.mentions}
    assert "person/prabowo-subianto" not in ids.values(), ids
    assert "person/donald-trump" not in ids.values(), ids
    doc = warta.analyze("Gubernur DKI Jakarta Anies Rasyid Baswedan meresmikan taman itu.", published="2018-03-01")
    assert [e.id for e in doc.entities if e.type == "PER"] == ["person/anies-baswedan"]


def test_linker_a_common_noun_before_a_comma_is_no_title_of_the_next_name():
    doc = warta.analyze("KPK memeriksa pengusaha Andi Narogong. Menurut jaksa, Andi menerima uang itu.",
                        published="2017-08-01")
    texts = [m.text for e in doc.entities for m in e.mentions]
    assert "jaksa, Andi" not in texts and "Andi" in texts
    doc = warta.analyze("Ketua DPR, Setya Novanto, membantah tuduhan itu.", published="2017-08-01")
    assert "Ketua DPR, Setya Novanto" in [m.text for e in doc.entities for m in e.mentions]


def test_linker_antara_the_agency_and_antara_the_word():
    """``Antara`` capitalised inside a sentence is the news agency; opening a sentence before a
    lower-case word it is the word 'between' (as ``Baku tembak`` is an exchange of fire, not Baku)."""
    doc = warta.analyze("Polisi menangkap dua orang, seperti dilansir Antara. Antara tahun 2010 dan 2015, "
                        "harga naik. Baku tembak terjadi di perbatasan.", published="2017-08-01")
    found = {m.text: e for e in doc.entities for m in e.mentions}
    assert found["Antara"].id == "org/antara-news-agency" and found["Antara"].sector == "JRN"
    assert [m.start for e in doc.entities for m in e.mentions if m.text == "Antara"] == [doc.text.index("Antara")]
    assert "Baku" not in found


def test_linker_platforms_firms_and_outlets_the_news_names():
    doc = warta.analyze("Twitter dan Facebook menutup akun itu, kata juru bicara Bank Mandiri kepada Rimanews.",
                        published="2017-08-01")
    found = {e.name: (e.code, e.sector) for e in doc.entities}
    assert found["Twitter"] == ("USA", "BUS") and found["Facebook"] == ("USA", "BUS")
    assert found["Bank Mandiri"] == ("IDN", "BUS")
    assert found["Rimanews"] == ("IDN", "JRN")
    doc = warta.analyze("FPI dan HTI menggelar aksi di depan kantor Ditjen Pajak.", published="2017-08-01")
    assert {e.name: e.code for e in doc.entities if e.type == "ORG"} == {
        "Islamic Defenders Front": "IDN", "Hizbut Tahrir Indonesia": "IDN", "Directorate General of Taxes (Indonesia)": "IDN"}


@pytest.mark.parametrize("text,party,code,actor_code", [
    # a people without a state of its own, alone or after a group word, is coded as its country's
    ("Presiden Joko Widodo melepas bantuan kemanusiaan untuk para pengungsi Rohingya.", "pengungsi Rohingya", "MMR", None),
    ("Pemerintah India berencana mengusir orang Rohingya.", "Rohingya", "MMR", None),
    ("Militer Myanmar menyerang militan Rohingya di Rakhine.", "militan Rohingya", "MMR", None),
    # a group word before a country's name still takes that country
    ("Presiden Joko Widodo melepas bantuan kemanusiaan untuk para pengungsi Suriah.", "pengungsi Suriah", "SYR", None),
    # WNI (warga negara Indonesia), TKI, TKW (tenaga kerja Indonesia, wanita): the word names the
    # nationality, wherever the news takes place
    ("Polisi Malaysia menangkap 12 TKI ilegal di Johor.", "TKI", "IDN", "MYS"),
    ("Kelompok Abu Sayyaf di Filipina menyandera tujuh WNI awak kapal tunda.", "WNI", "IDN", "PHL"),
    ("Polisi Hong Kong menangkap dua TKW asal Jawa Timur.", "TKW", "IDN", "HKG"),
])
def test_linker_group_of_a_people_takes_its_country(text, party, code, actor_code):
    [event] = warta.analyze(text, published="2017-09-01").events
    [recipient] = event["recipient"]
    assert party in recipient["entity_text"]
    assert recipient["code"] == code
    assert actor_code is None or actor_code in {a["code"] for a in event["actor"]}


@pytest.mark.parametrize("text,name,code,sector", [
    # the short names Indonesian news uses without introducing them
    ("JK meminta Polri mengusut kasus itu.", "Jusuf Kalla", "IDN", "GOV"),
    ("Gubernur BI Agus Martowardojo bertemu Presiden Joko Widodo.", "Bank Indonesia", "IDN", "GOV"),
])
def test_linker_short_names_of_the_news_are_known(text, name, code, sector):
    found = {e.name: (e.code, e.sector) for e in warta.analyze(text, published="2017-09-01").entities}
    assert found[name] == (code, sector)


def test_linker_public_prosecutors_are_judicial():
    [event] = warta.analyze("Jakarta (ANTARA) - JPU menuntut terdakwa kasus korupsi itu 10 tahun penjara.",
                            published="2017-09-01").events
    assert [(a["entity_text"], a["code"], a["sector"]) for a in event["actor"]] == [("JPU", "IDN", "JUD")]


def test_linker_citizens_held_in_a_relative_clause_are_the_ones_held():
    # "WNI yang ditahan": the head of the relative clause is the one held, not the minister who visits
    [event] = warta.analyze("Menteri Luar Negeri Retno Marsudi menjenguk WNI yang ditahan di Arab Saudi.",
                            published="2017-09-01").events
    assert event["event"] == ["COERCE"]
    assert [(r["entity_text"], r["code"]) for r in event["recipient"]] == [("WNI", "IDN")]
    assert "Retno" not in " ".join(a["entity_text"] for a in event["actor"])


def test_linker_organisation_based_in_a_country_is_of_it():
    d = warta.analyze("Sebaliknya, Atheist Republic, organisasi nirlaba yang berbasis di Kanada, mengecam "
                      "respons pemerintah Malaysia atas kasus tersebut.", published="2017-09-01")
    [org] = [e for e in d.entities if e.name == "Atheist Republic"]
    assert org.code == "CAN"
    # a transnational body the knowledge base knows keeps its code (none), wherever it is based
    d = warta.analyze("Amnesty International yang berbasis di London mencatat pertengkaran tersebut.",
                      published="2017-09-01")
    [amnesty] = [e for e in d.entities if e.name == "Amnesty International"]
    assert amnesty.code is None


def test_linker_unplaced_person_or_body_of_a_domestic_article_is_indonesian():
    """Indonesian news names its own people and bodies without a nationality: where most coded
    mentions are Indonesia's, a person or organisation nothing else places is Indonesian; where
    another country's are most, it stays unplaced (foreigners are introduced with a country)."""
    doc = warta.analyze("Jakarta - Polisi menangkap Budi Santosa di rumahnya di Bekasi, Jawa Barat, Senin. Kapolres "
                        "Bekasi mengatakan Budi Santosa bekerja di PT Maju Jaya di Jakarta.", published="2024-05-01")
    found = {e.name: e.code for e in doc.entities}
    assert found["Budi Santosa"] == "IDN" and found["PT Maju Jaya"] == "IDN"
    doc = warta.analyze("Moskow - Presiden Rusia Vladimir Putin bertemu Aleksei Borisov di Kremlin, Moskow. Kementerian "
                        "Luar Negeri Rusia mengatakan Aleksei Borisov akan ke Sochi, Rusia.", published="2024-05-01")
    assert {e.name: e.code for e in doc.entities}["Aleksei Borisov"] is None


def test_linker_bracketed_abbreviation_between_title_and_name_keeps_the_title():
    """``Menteri Pertahanan (Menhan) Amerika Serikat (AS) James Mattis``: the title's and the
    country's bracketed abbreviations stand inside the person's mention, which takes the title's
    sector and the country's code; a long title known by its bracketed abbreviation alone
    (``... dan Keamanan (Menko Polhukam) Wiranto``) gives its sector and its one country."""
    text = ("Menteri Pertahanan (Menhan) Amerika Serikat (AS) James Mattis menemui Menteri Koordinator Bidang "
            "Politik, Hukum, dan Keamanan (Menko Polhukam) Hartono Wibisono di Jakarta.")
    doc = warta.analyze(text, published="2017-10-24")
    people = {e.name: e for e in doc.entities if e.type == "PER"}
    mattis = next(e for name, e in people.items() if "Mattis" in name)
    assert [m.text for m in mattis.mentions] == ["Menteri Pertahanan (Menhan) Amerika Serikat (AS) James Mattis"]
    assert (mattis.code, mattis.sector) == ("USA", "MIL")
    hartono = people["Hartono Wibisono"]
    assert (hartono.code, hartono.sector) == ("IDN", "GOV")
    assert hartono.mentions[0].text.startswith("Menteri Koordinator Bidang Politik")
    # a long title joins its name only up to the person named before it
    doc = warta.analyze("Presiden Joko Widodo dan Menteri Koordinator Bidang Politik, Hukum, dan Keamanan (Menko "
                        "Polhukam) Hartono Wibisono mengecam serangan itu.", published="2017-10-24")
    spans = sorted((m.start, m.end) for e in doc.entities if e.type == "PER" for m in e.mentions)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
    assert [m.text for e in doc.entities if e.name == "Hartono Wibisono" for m in e.mentions][0].startswith("Menteri")


def test_linker_bracket_after_a_rank_or_inside_a_name_is_read_as_such():
    """``Brigjen (Pol) Aris Budiman``: a police rank (Polri's), the mention over it; ``Direktorat
    Jenderal (Ditjen) Bina Marga``: the bracket abbreviates the directorate, whose ``Jenderal``
    is no general's title before whatever name follows."""
    doc = warta.analyze("Direktur Penyidikan KPK Brigjen (Pol) Hartono Wibisono membantah tuduhan itu.",
                        published="2017-10-24")
    (person,) = [e for e in doc.entities if e.type == "PER"]
    assert [m.text for m in person.mentions] == ["Brigjen (Pol) Hartono Wibisono"]
    assert (person.code, person.sector) == ("IDN", "COP")
    doc = warta.analyze("Paket itu ditenderkan oleh Direktorat Jenderal (Ditjen) Bina Marga sejak September.",
                        published="2017-10-24")
    assert not any(m.text.startswith("Jenderal") for e in doc.entities for m in e.mentions)


def test_linker_person_after_an_organisations_bracketed_abbreviation_belongs_to_it():
    """``Wakil Ketua Komisi Pemberantasan Korupsi (KPK) Hartono Wibisono``: the bracket that closes
    the organisation's abbreviation does not part the person from it (country and sector)."""
    doc = warta.analyze("Wakil Ketua Komisi Pemberantasan Korupsi (KPK) Hartono Wibisono menolak permintaan DPR.",
                        published="2017-10-24")
    person = next(e for e in doc.entities if e.name == "Hartono Wibisono")
    assert (person.code, person.sector) == ("IDN", "JUD")


@pytest.mark.parametrize("role, military", [
    ("secretary-general of the united nations", False), ("director-general of the world health organization", False),
    ("attorney general of indonesia", False), ("general secretary of the communist party of vietnam", False),
    ("chairman of the general elections commission", False), ("minister of defence", True),
    ("chief of the general staff", True), ("commander of the armed forces", True), ("major general", True)])
def test_linker_general_of_a_civilian_office_is_no_military_rank(role, military):
    """"General" in ``Secretary-General`` or ``Attorney General`` names a civilian office, not the
    rank: a role of the knowledge base is read as military by its words, not a substring."""
    from warta.analyse.resolve.roles import military_role

    assert military_role(role) is military


def test_linker_head_of_an_international_body_keeps_its_sector():
    """The UN's Secretary-General is an international body's official (the codebook's IGO), in
    whatever words the article introduces him."""
    for text in ("Sekretaris Jenderal PBB Antonio Guterres mengecam serangan itu.",
                 "Antonio Guterres mengecam serangan itu."):
        doc = warta.analyze(text, published="2017-09-10")
        person = next(e for e in doc.entities if e.name == "António Guterres")
        assert (person.code, person.sector) == ("IGO", "IGO")


def test_linker_person_the_recogniser_ran_an_organisation_into_is_split_off():
    """``Kementerian Luar Negeri Budi Santoso`` is the ministry and then its official, who is
    named on his own later in the article: two entities, not one organisation of both names."""
    text = ("Sekretaris Jenderal Kementerian Luar Negeri Budi Santoso mengecam serangan itu. "
            "Budi Santoso mengatakan Indonesia menolak tindakan tersebut.")
    doc, found = _mentions(text, published="2017-09-10")
    assert not any("Budi" in name and "Kementerian" in name for _, name in found)
    person = next(e for e in doc.entities if e.name == "Budi Santoso")
    assert [m.start for m in person.mentions] == [text.index("Budi Santoso"), text.rindex("Budi Santoso")]
    assert any(e.type == "ORG" and e.code == "IDN" and e.mentions[0].text == "Kementerian Luar Negeri"
               for e in doc.entities)


def test_linker_court_named_after_a_city_is_not_split_at_a_person_of_that_name():
    """``Pengadilan Dammam`` is the court of a city the gazetteer knows; that the recogniser took
    ``Dammam`` alone for a person elsewhere does not make the court's name end in a person."""
    text = ("Mimin binti Samtari disidang di Pengadilan Dammam, sekitar 450 km dari Riyadh. "
            "Menurut Dammam, hukuman itu dibatalkan.")
    doc = warta.analyze(text, published="2017-03-18")
    court = text.index("Pengadilan Dammam")
    spans = {(m.start, m.end) for e in doc.entities for m in e.mentions}
    assert (court, court + len("Pengadilan Dammam")) in spans
    assert (court, court + len("Pengadilan")) not in spans


def test_linker_office_in_apposition_is_the_named_holder():
    """``Bupati Jombang, Nyono Suharli Wihandoko``: the comma sets the office beside the person
    who holds it. One person of the office's sector and country, no second person named by the
    office; the regency stays a place the article names."""
    text = "Bupati Jombang, Nyono Suharli Wihandoko, ditangkap KPK pada Sabtu di Jombang."
    doc = warta.analyze(text, published="2018-02-04")
    people = [e for e in doc.entities if e.type == "PER"]
    assert [p.name for p in people] == ["Nyono Suharli Wihandoko"]
    assert (people[0].code, people[0].sector) == ("IDN", "GOV")
    text = "Kapolres Jakarta Utara, Kombes Dwiyono, mengatakan polisi menangkap 10 orang."
    doc = warta.analyze(text, published="2017-05-22")
    people = [e for e in doc.entities if e.type == "PER"]
    assert [p.name for p in people] == ["Dwiyono"] and people[0].sector == "COP"


def test_linker_office_as_a_predicate_is_no_actor():
    """``menjabat Bupati Banyuwangi``, ``sebagai Gubernur Jawa Timur``: the office said of someone
    (or run for) is no person of its own; the place in it is still named."""
    for text in ("Anas masih menjabat Bupati Banyuwangi sampai tahun depan.",
                 "La Nyalla menyiapkan pencalonannya sebagai Gubernur Jawa Timur."):
        doc = warta.analyze(text, published="2018-01-10")
        assert not any(e.id.startswith("office/") for e in doc.entities), text
        assert any(e.type in ("GPE", "LOC") for e in doc.entities), text
    doc = warta.analyze("Bupati Banyuwangi meresmikan pasar itu pada Senin.", published="2018-01-10")
    assert any(e.id.startswith("office/") and e.sector == "GOV" for e in doc.entities)


def test_linker_acronym_of_a_lowercase_phrase_is_no_organisation():
    """Names are capitalised: ``industri kecil dan menengah (IKM)`` abbreviates a common noun, so
    the acronym is listed as no organisation, where ``Komisi Pemberantasan Korupsi (KPK)`` is one.
    The acronym may still act: ``awak mobil tangki (AMT)`` who protest are the protest's actor."""
    text = ("Pemerintah mendorong industri kecil dan menengah (IKM) nasional. IKM menyerap banyak tenaga "
            "kerja, kata Komisi Pemberantasan Korupsi (KPK).")
    doc = warta.analyze(text, published="2017-05-22")
    names = {m.text for e in doc.entities for m in e.mentions}
    assert "IKM" not in names and "KPK" in names
    text = "Ribuan awak mobil tangki (AMT) berunjuk rasa di depan kantor Pertamina."
    doc = warta.analyze(text, published="2017-05-22")
    assert "AMT" not in {m.text for e in doc.entities for m in e.mentions}
    protest = next(ev for ev in doc.events if "PROTEST" in ev.event)
    assert "AMT" in [a.get("entity_text") for a in protest.actor]


def test_linker_country_in_a_currency_name_is_no_mention():
    """``per dolar AS``, ``dolar Singapura``: the country is part of the currency's name; a
    country named as itself (``Presiden AS``) still is one."""
    text = "Rupiah melemah ke Rp 13.518 per dolar AS. Polisi menyita 20.000 dolar Singapura."
    doc = warta.analyze(text, published="2017-05-22")
    assert not any(e.type == "GPE" and e.code in ("USA", "SGP") for e in doc.entities)
    doc = warta.analyze("Presiden AS bertemu Perdana Menteri Singapura di Washington.", published="2017-05-22")
    assert {"USA", "SGP"} <= {e.code for e in doc.entities}


def test_linker_indonesias_missions_abroad_are_indonesias():
    """``KBRI`` and ``KJRI`` are Indonesia's embassy and consulates: a government body of the
    sending state wherever they sit (``KBRI Kairo``), not of the host country."""
    text = ("KBRI Kairo memulangkan empat mahasiswa dari Mesir. Staf KJRI Jeddah mendampingi Mimin "
            "di pengadilan Arab Saudi.")
    doc = warta.analyze(text, published="2017-05-22")
    missions = [e for e in doc.entities if any(m.text in ("KBRI", "KJRI") for m in e.mentions)]
    assert len(missions) == 2
    assert all((e.code, e.sector) == ("IDN", "GOV") for e in missions)


@pytest.mark.parametrize("sentence,place,person", [
    ("Bupati Probolinggo Puput Tantriana Sari ditangkap KPK di Probolinggo.", "Probolinggo", "Puput Tantriana Sari"),
    ("Bupati Bekasi Neneng Hasanah ditangkap KPK.", "Bekasi", "Neneng Hasanah"),
    ("Gubernur Jambi Zumi Zola diperiksa KPK.", "Jambi", "Zumi Zola"),
    ("Kapolda Sumatera Barat Irjen Pol Fakhrizal meminta warga tenang.", "Sumatera Barat", "Fakhrizal"),
])
def test_linker_regional_official_after_the_region_is_a_person_not_part_of_a_place(sentence, place, person):
    """``Bupati Probolinggo Puput Tantriana Sari``: the region is a place of Indonesia and the name
    after it the official, an Indonesian person (the recogniser had run the two into one place)."""
    doc = warta.analyze("Jakarta - " + sentence, published="2021-08-31")
    by_text = {m.text: e for e in doc.entities for m in e.mentions}
    people = [e for e in doc.entities if e.type == "PER"]
    assert [e.name for e in people] == [person] and people[0].code == "IDN"
    assert by_text[place].type == "GPE" and by_text[place].code == "IDN"
    assert not [e for e in doc.entities if e.type in ("LOC", "ORG") and person.split()[-1] in e.name]


def test_linker_official_run_on_needs_an_office_word_a_known_region_first_and_a_name_after():
    from warta.analyse.events.coder import ActorMention
    from warta.analyse.resolve.roles import official_run_on

    def place(text, word, code="IDN", eid="place/kabupaten-ngada"):
        s = text.index(word)
        return ActorMention(s, s + len(word), word, word, "GPE", code, None, entity_id=eid)

    text = "KPK memeriksa Bupati Ngada Marianus Sae kemarin."
    ns, ne = text.index("Ngada"), text.index(" kemarin")
    assert official_run_on(text, ns, ne, [place(text, "Ngada")]) == text.index(" Marianus")
    other = "KPK memeriksa warga Ngada Marianus Sae kemarin."   # no office before the place
    assert official_run_on(other, other.index("Ngada"), other.index(" kemarin"), [place(other, "Ngada")]) is None
    assert official_run_on(text, ns, ne, [place(text, "Ngada", code="TLS")]) is None   # no place of Indonesia
    assert official_run_on(text, ns, ne, []) is None
    lower = "KPK memeriksa Bupati Ngada dan wakilnya kemarin."   # no name after the region
    assert official_run_on(lower, lower.index("Ngada"), lower.index(" kemarin"), [place(lower, "Ngada")]) is None
