"""warta.analyse.resolve.aliases: one entity per person, organisation or place in an article."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st
import warta

from warta.analyse.resolve.aliases import (
    _one_edit, _org_form_of, _same_name, join_spellings_of_known, merge_org_forms, merge_short_people, person_tails,
)
from warta.analyse.resolve.linker import _Builder, _kb


def _builder_with(*spans):
    """A builder over a text made of ``spans`` [(text, entity id, name, type, source)], separated by
    ``" ... "``; returns the builder and the start of each span."""
    text, starts = "", []
    for t, *_ in spans:
        starts.append(len(text))
        text += t + " ... "
    b = _Builder(text)
    for (t, eid, name, type_, source), s in zip(spans, starts):
        b.add(s, s + len(t), eid, name, type_, None, None, source=source)
    return b, starts


def test_aliases_short_form_the_recogniser_took_joins_the_person_named_in_full():
    b, _ = _builder_with(("Ratna Wulandari", "per/ratna-wulandari", "Ratna Wulandari", "PER", "ner"),
                         ("Wulandari", "per/wulandari", "Wulandari", "PER", "ner"),
                         ("Ratna", "per/ratna", "Ratna", "PER", "ner"),
                         ("Ratna Wulandary", "per/ratna-wulandary", "Ratna Wulandary", "PER", "ner"))
    merge_short_people(b)
    assert set(b.entities) == {"per/ratna-wulandari"}
    assert sorted(m.text for m in b.entities["per/ratna-wulandari"].mentions) == sorted([
        "Ratna Wulandari", "Wulandari", "Ratna", "Ratna Wulandary"])


def test_aliases_first_name_before_the_full_name_or_shared_by_two_people_stays_apart():
    # before the full name, a first name may be someone else's
    b, _ = _builder_with(("Ratna", "per/ratna", "Ratna", "PER", "ner"),
                         ("Ratna Wulandari", "per/ratna-wulandari", "Ratna Wulandari", "PER", "ner"))
    merge_short_people(b)
    assert set(b.entities) == {"per/ratna", "per/ratna-wulandari"}
    # two people of that surname in the article: it joins neither
    b, _ = _builder_with(("Ratna Wulandari", "per/ratna-wulandari", "Ratna Wulandari", "PER", "ner"),
                         ("Dewi Wulandari", "per/dewi-wulandari", "Dewi Wulandari", "PER", "ner"),
                         ("Wulandari", "per/wulandari", "Wulandari", "PER", "ner"))
    merge_short_people(b)
    assert "per/wulandari" in b.entities


def test_aliases_shared_surname_before_the_second_person_is_named_is_the_first():
    # a news story names its subject, calls him by surname, and only later names his father:
    # the surname before the father is named can only be the subject; after it, it is either
    b, starts = _builder_with(("Hamid Rasyidi", "per/hamid-rasyidi", "Hamid Rasyidi", "PER", "ner"),
                              ("Rasyidi", "per/rasyidi", "Rasyidi", "PER", "ner"),
                              ("Yusuf Rasyidi", "per/yusuf-rasyidi", "Yusuf Rasyidi", "PER", "ner"),
                              ("Rasyidi", "per/rasyidi", "Rasyidi", "PER", "ner"))
    merge_short_people(b)
    owner = {m.start: m.entity_id for m in b.mentions}
    assert owner[starts[1]] == "per/hamid-rasyidi"
    assert owner[starts[3]] == "per/rasyidi"


def test_aliases_organisation_acronym_or_form_without_place_joins_the_full_name():
    b, _ = _builder_with(("Lembaga Riset Pangan Nusantara", "org/lrpn-full", "Lembaga Riset Pangan Nusantara", "ORG", "ner"),
                         ("LRPN", "org/lrpn", "LRPN", "ORG", "ner"),
                         ("Persatuan Sepakbola Maju Bandung", "org/psmb", "Persatuan Sepakbola Maju Bandung", "ORG", "ner"),
                         ("Koperasi Tani Subur Surabaya", "org/kts-surabaya", "Koperasi Tani Subur Surabaya", "ORG", "ner"),
                         ("Koperasi Tani Subur", "org/kts", "Koperasi Tani Subur", "ORG", "ner"))
    merge_org_forms(b, _kb())
    assert "org/lrpn" not in b.entities and "org/kts" not in b.entities
    assert [m.text for m in b.entities["org/lrpn-full"].mentions] == ["Lembaga Riset Pangan Nusantara", "LRPN"]
    assert [m.text for m in b.entities["org/kts-surabaya"].mentions] == [
        "Koperasi Tani Subur Surabaya", "Koperasi Tani Subur"]
    assert "org/psmb" in b.entities  # its initials are not LRPN


def test_aliases_organisation_name_less_an_ordinary_word_is_another_organisation():
    kb = _kb()
    assert not _org_form_of("YouTube", "YouTube Music", kb)
    assert not _org_form_of("Bank Mandiri", "Bank Mandiri Syariah", kb)
    assert not _org_form_of("PT", "PT Freeport", kb)  # a form word alone names nothing
    assert _org_form_of("Freeport Indonesia", "PT Freeport Indonesia", kb)


@pytest.mark.parametrize("a,b", [("Arie Soedewo", "Arie Sudewo"), ("Siti Fadillah", "Siti Fadilah"),
                                 ("Márquez", "Marquez"), ("M Prasetyo", "Muhammad Prasetyo"),
                                 ("Fedrich Yunadi", "Fredrich Yunadi"), ("Said Iqabl", "Said Iqbal")])
def test_aliases_same_person_spelt_two_ways(a, b):
    assert _same_name(a, b) and _same_name(b, a)


@pytest.mark.parametrize("a,b", [("Ali Hasan", "Ali Husin"), ("Joko Widodo", "Joko Susilo"),
                                 ("Budi Santoso", "Budi Santosa Wijaya"), ("Irwansyah", "Irmansyah")])
def test_aliases_different_people_are_not_spellings_of_one(a, b):
    assert not _same_name(a, b)



@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=12), st.data())
def test_aliases_one_edit_is_one_letter_added_dropped_changed_or_swapped(word, data):
    i = data.draw(st.integers(0, len(word) - 1))
    c = data.draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz"))
    assert _one_edit(word, word)
    assert _one_edit(word, word[:i] + word[i + 1:]) and _one_edit(word[:i] + word[i + 1:], word)
    assert _one_edit(word, word[:i] + c + word[i + 1:])
    assert _one_edit(word, word[:i] + c + word[i:])
    if i + 1 < len(word):
        assert _one_edit(word, word[:i] + word[i + 1] + word[i] + word[i + 2:])
    assert not _one_edit(word, word + "xy")


def test_aliases_organisation_named_as_the_knowledge_base_names_it_less_its_country():
    # the knowledge base knows the court as "Mahkamah Konstitusi RI" and "MK"; a bare "Mahkamah
    # Konstitusi" (no knowledge-base entry: it could be another country's court) in an article
    # that names MK is that court
    b, _ = _builder_with(("MK", "org/constitutional-court-of-indonesia", "Constitutional Court of Indonesia", "ORG", "kb"),
                         ("Mahkamah Konstitusi", "org/mahkamah-konstitusi", "Mahkamah Konstitusi", "ORG", "ner"))
    merge_org_forms(b, _kb())
    assert set(b.entities) == {"org/constitutional-court-of-indonesia"}


def test_aliases_initials_a_report_names_someone_by_are_that_person_not_the_country():
    """``berinisial AS``: those letters are a person's in the whole article, not the United States
    the knowledge base knows by them; an article that gives no initials keeps the country, and a
    name with the letters inside (``Pemerintah RI``) keeps its own match."""
    import warta

    text = ("Polisi menangkap seorang pria berinisial AS (35) di rumahnya di Bekasi, Senin. "
            "AS diduga mengedarkan sabu. Pemerintah RI menghormati proses hukum.")
    doc = warta.analyze(text, published="2024-05-01")
    (person,) = [e for e in doc.entities if e.name == "AS"]
    assert person.type == "PER" and person.code != "USA"
    assert [m.text for m in person.mentions] == ["AS", "AS"]
    assert not any(e.code == "USA" for e in doc.entities)
    assert any(e.code == "IDN" and [m.text for m in e.mentions] == ["Pemerintah RI"] for e in doc.entities)
    plain = warta.analyze("Menteri Luar Negeri AS Antony Blinken tiba di Jakarta, Senin.", published="2024-05-01")
    assert any(e.code == "USA" for e in plain.entities)


def test_aliases_initials_of_someone_named_in_full_join_that_person():
    from warta.analyse.resolve.aliases import initials

    text = "Budi Santoso Wibowo ditahan. Tersangka berinisial BSW itu diperiksa. BSW membantah."
    b = _Builder(text)
    b.add(0, len("Budi Santoso Wibowo"), "per/budi-santoso-wibowo", "Budi Santoso Wibowo", "PER", None, None,
          source="ner")
    initials(b, [(0, len(text))])
    assert [m.text for m in b.mentions if m.entity_id == "per/bsw"] == ["BSW", "BSW"]
    merge_short_people(b)
    assert set(b.entities) == {"per/budi-santoso-wibowo"}
    assert [m.text for m in b.entities["per/budi-santoso-wibowo"].mentions] == ["Budi Santoso Wibowo", "BSW", "BSW"]


def test_aliases_merge_two_names_joined_by_alias_are_one_person():
    doc = warta.analyze("KPK memeriksa pengusaha Andi Agustinus alias Andi Narogong. Andi Narogong membantah "
                        "tuduhan itu.", published="2017-08-01")
    people = [e for e in doc.entities if e.type == "PER"]
    assert len(people) == 1 and people[0].name == "Andi Agustinus"
    assert [m.text for m in people[0].mentions].count("Andi Narogong") == 2
    # the knowledge base's person keeps the names (a misspelt full name joins Ahok)
    doc = warta.analyze("Gubernur DKI Jakarta Basuki Tjahja Purnama alias Ahok hadir.", published="2017-08-01")
    assert [e.id for e in doc.entities if e.type == "PER"] == ["person/basuki-tjahaja-purnama"]


def test_aliases_person_named_at_the_end_of_an_organisation_is_cut_off_it():
    # "Direktur Utama PT Sinar Tani Makmur Budi Hartanto ... kata Budi": the recogniser ran the
    # company into its director; the article calls him "Budi" elsewhere, as Indonesian news does
    b, _ = _builder_with(("PT Sinar Tani Makmur Budi Hartanto", "org/pt-sinar-tani-makmur-budi-hartanto",
                          "PT Sinar Tani Makmur Budi Hartanto", "ORG", "ner"),
                         ("Budi", "per/budi", "Budi", "PER", "ner"))
    person_tails(b)
    merge_short_people(b)
    people = [e for e in b.entities.values() if e.type == "PER"]
    assert [e.name for e in people] == ["Budi Hartanto"]
    assert sorted(m.text for m in people[0].mentions) == ["Budi", "Budi Hartanto"]
    assert [e.name for e in b.entities.values() if e.type == "ORG"] == ["PT Sinar Tani Makmur"]
    # a person named in full elsewhere, after an acronym: "Ketua SP JICT Firmansyah"
    b, _ = _builder_with(("SP JICT Firmansyah", "org/sp-jict-firmansyah", "SP JICT Firmansyah", "ORG", "ner"),
                         ("Firmansyah", "per/firmansyah", "Firmansyah", "PER", "ner"))
    person_tails(b)
    assert sorted((e.type, e.name) for e in b.entities.values()) == [("ORG", "SP JICT"), ("PER", "Firmansyah")]


@pytest.mark.parametrize("org,person", [
    ("Schapelle Corby", "Corby"),          # one word before the name: the person's own first name
    ("Global Future Gurnek Bains", "Bains"),  # a surname after a word that ends no organisation: where does the name start?
    ("PT Bank Sentosa Tbk", "Sentosa"),    # the legal form at the end: no person's name
    ("PT Karya Wisata", "Karya"),          # what is left is only a legal form
])
def test_aliases_organisation_keeps_its_end_when_it_may_not_be_a_person(org, person):
    eid = "org/x"
    b, _ = _builder_with((org, eid, org, "ORG", "ner"), (person, f"per/{person.lower()}", person, "PER", "ner"))
    person_tails(b)
    assert b.entities[eid].name == org


def test_aliases_spelling_of_a_known_person_named_by_office_joins_that_person():
    """An office holder the knowledge base knows, named by office first (``Presiden X``), and the
    recogniser's name of him spelt otherwise are one person, whichever comes first; a name that is
    no spelling of the holder's stays another person."""
    b, _ = _builder_with(("Presiden Uzbekistan", "person/shavkat-mirziyayev", "Shavkat Mirziyayev", "PER", "office"),
                         ("Shavkat Mirziyoyev", "per/shavkat-mirziyoyev", "Shavkat Mirziyoyev", "PER", "ner"),
                         ("Mirziyoyev", "per/shavkat-mirziyoyev", "Shavkat Mirziyoyev", "PER", "ner"),
                         ("Abdulaziz Kamilov", "per/abdulaziz-kamilov", "Abdulaziz Kamilov", "PER", "ner"))
    join_spellings_of_known(b)
    assert set(b.entities) == {"person/shavkat-mirziyayev", "per/abdulaziz-kamilov"}
    assert sorted(m.text for m in b.entities["person/shavkat-mirziyayev"].mentions) == sorted([
        "Presiden Uzbekistan", "Shavkat Mirziyoyev", "Mirziyoyev"])
    # the misspelt name first, the known person after it: the name still joins the known person
    b, _ = _builder_with(("Presiden Nicolas Madiro", "per/nicolas-madiro", "Nicolas Madiro", "PER", "ner"),
                         ("Maduro", "person/nicolas-maduro", "Nicolas Maduro", "PER", "kb"))
    join_spellings_of_known(b)
    assert set(b.entities) == {"person/nicolas-maduro"}


def test_aliases_spelling_that_fits_two_known_people_joins_neither():
    b, _ = _builder_with(("Presiden", "person/ali-rahman", "Ali Rahman", "PER", "office"),
                         ("Menteri", "person/ali-rahmat", "Ali Rahmat", "PER", "office"),
                         ("Ali Rahmad", "per/ali-rahmad", "Ali Rahmad", "PER", "ner"))
    join_spellings_of_known(b)
    assert "per/ali-rahmad" in b.entities
