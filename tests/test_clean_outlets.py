"""warta.ingest.clean: each outlet and wire agency, however an Indonesian article spells it in a
dateline, a copyright line or a ``Sumber:`` line, gets its one name (issue #20: every entry of
the outlet and wire tables is read by some test)."""
from __future__ import annotations

import pytest

from warta.ingest.clean import segment

# (as the outlet writes itself, its one name)
OUTLET_SPELLINGS = [
    ("ANTARA", "ANTARA"), ("Antaranews", "ANTARA"), ("AntaraNews.com", "ANTARA"),
    ("Suarathailand", "Suarathailand"), ("Liputan6.com", "Liputan6"), ("Liputan6", "Liputan6"),
    ("FAJAR.CO.ID", "FAJAR"), ("Fajar", "FAJAR"), ("IDN Times", "IDN Times"), ("IDNTimes", "IDN Times"),
    ("RIAU24.COM", "RIAU24"), ("WahanaNews.co", "WahanaNews"), ("KabarBerita.id", "KabarBerita"),
    ("KOMPAS.com", "Kompas"), ("Kompas", "Kompas"), ("TEMPO.CO", "Tempo"), ("Tempo", "Tempo"),
    ("detikcom", "detikcom"), ("detik.com", "detikcom"), ("CNN Indonesia", "CNN Indonesia"),
    ("CNNIndonesia.com", "CNN Indonesia"), ("Republika.co.id", "Republika"), ("Republika", "Republika"),
    ("Okezone", "Okezone"), ("Okezone.com", "Okezone"), ("SINDOnews", "SINDOnews"), ("SINDOnews.com", "SINDOnews"),
    ("VIVA.co.id", "VIVA"), ("VIVA", "VIVA"), ("Tribunnews.com", "Tribunnews"), ("Tribunnews", "Tribunnews"),
    ("suara.com", "Suara.com"), ("JPNN.com", "JPNN"), ("JPNN", "JPNN"), ("Beritasatu", "BeritaSatu"),
    ("BeritaSatu.com", "BeritaSatu"), ("Medcom.id", "Medcom"), ("iNews.id", "iNews"), ("VOA", "VOA Indonesia"),
    ("VOA Indonesia", "VOA Indonesia"), ("BBC News Indonesia", "BBC News Indonesia"), ("kumparan", "kumparan"),
    ("kumparan.com", "kumparan"), ("merdeka.com", "Merdeka.com"), ("bisnis.com", "Bisnis.com"),
    ("CNBC Indonesia", "CNBC Indonesia"), ("JawaPos.com", "Jawa Pos"), ("JawaPos", "Jawa Pos"),
    ("mediaindonesia.com", "Media Indonesia"), ("Media Indonesia", "Media Indonesia"), ("RMOL", "RMOL"),
    ("Bernama", "Bernama"), ("Berita Harian", "Berita Harian"), ("Harian Metro", "Harian Metro"),
    ("Rimanews", "Rimanews"), ("Rimanews.com", "Rimanews"), ("Poskotanews", "Pos Kota"),
    ("Poskotanews.com", "Pos Kota"), ("Pos Kota", "Pos Kota"), ("DailySocial.id", "DailySocial"),
    ("JUARA.net", "JUARA"),
]

# (as a "Sumber:" line writes the agency, its one name)
WIRE_SPELLINGS = [
    ("REUTERS", "Reuters"), ("afp", "AFP"), ("Agence France-Presse", "AFP"), ("ap", "AP"), ("Associated Press", "AP"),
    ("XINHUA", "Xinhua"), ("tass", "TASS"), ("ANADOLU", "Anadolu"), ("Anadolu Agency", "Anadolu"),
    ("BERNAMA", "Bernama"), ("KYODO", "Kyodo"), ("YONHAP", "Yonhap"), ("DPA", "dpa"), ("SPUTNIK", "Sputnik"),
    ("Ria Novosti", "RIA Novosti"), ("antara", "ANTARA"), ("BLOOMBERG", "Bloomberg"), ("AL JAZEERA", "Al Jazeera"),
    ("bbc", "BBC"), ("cna", "CNA"), ("Channel News Asia", "CNA"), ("THE GUARDIAN", "The Guardian"), ("cnn", "CNN"),
]

BODY = "Presiden berpidato di depan DPR pada Senin."


@pytest.mark.parametrize("spelling, outlet", OUTLET_SPELLINGS)
def test_clean_outlets_dateline_after_the_place_names_the_outlet(spelling, outlet):
    seg = segment(f"Jakarta, {spelling} - {BODY}\n")
    assert (seg.dateline, seg.source) == ("Jakarta", outlet)
    assert seg.boilerplate[0].value == outlet


@pytest.mark.parametrize("spelling, outlet", [(s, o) for s, o in OUTLET_SPELLINGS if s[0].isupper()])
def test_clean_outlets_dateline_of_the_outlet_alone(spelling, outlet):
    seg = segment(f"{spelling} - {BODY}\n")
    assert (seg.dateline, seg.source) == (None, outlet)


@pytest.mark.parametrize("spelling, outlet", OUTLET_SPELLINGS)
def test_clean_outlets_copyright_line_names_the_outlet(spelling, outlet):
    seg = segment(f"{BODY}\nHak Cipta © 2023 {spelling}\n")
    assert seg.source == outlet
    assert seg.published.value == "2023"


@pytest.mark.parametrize("spelling, wire", WIRE_SPELLINGS)
def test_clean_outlets_source_line_names_the_wire(spelling, wire):
    seg = segment(f"{BODY}\nSumber: {spelling}\n")
    assert seg.wire == wire
    assert [(b.kind, b.value) for b in seg.boilerplate] == [("wire", wire)]


def test_clean_outlets_unknown_wire_and_outlet_are_kept_as_written():
    seg = segment(f"Jakarta, beritabaru.co - {BODY}\nSumber: Kantor Berita Lokal.\n")
    assert (seg.dateline, seg.source, seg.wire) == ("Jakarta", "beritabaru.co", "Kantor Berita Lokal")


@pytest.mark.parametrize("credit,wire", [("(Antara)", "ANTARA"), ("[Antara]", "ANTARA"), ("(AFP)", "AFP"),
                                         ("(Reuters)", "Reuters")])
def test_clean_outlets_final_bracketed_wire_is_the_wire(credit, wire):
    text = f"Jakarta (ANTARA) - Polisi menangkap dua tersangka di Bekasi, Senin.\n\nKeduanya kini ditahan. {credit}\n"
    seg = segment(text)
    assert seg.wire == wire
    span = [sp for sp in seg.boilerplate if sp.kind == "wire"]
    assert [text[sp.start:sp.end] for sp in span] == [credit]
    assert text[seg.body[0]:seg.body[1]].endswith("ditahan.")


def test_clean_outlets_final_bracketed_name_that_is_no_wire_is_a_credit():
    text = "Polisi menangkap dua tersangka di Bekasi, Senin. (Susi Susanti)\n"
    seg = segment(text)
    assert seg.wire is None
    assert [sp.kind for sp in seg.boilerplate] == ["credit"]
