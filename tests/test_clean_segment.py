"""warta.ingest.clean.segment: datelines, wire and credit lines, related links, copyright, offsets."""
from __future__ import annotations

import pytest

from warta.ingest.clean import segment

from conftest import EXPECTED, SAMPLES


def _kinds(seg):
    return [b.kind for b in seg.boilerplate]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_clean_segment_finds_dateline_outlet_wire_and_published(name):
    text, exp = SAMPLES[name], EXPECTED[name]
    seg = segment(text)
    assert seg.dateline == exp["dateline"]
    assert seg.source == exp["source"]
    assert seg.wire == exp["wire"]
    assert (seg.published.value, seg.published.granularity, seg.published.origin) == exp["published"]
    assert _kinds(seg) == exp["kinds"]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_clean_segment_every_span_slices_the_original_text(name):
    text = SAMPLES[name]
    seg = segment(text)
    for b in seg.boilerplate:
        assert 0 <= b.start < b.end <= len(text)
        assert text[b.start:b.end] == b.text
    s, e = seg.body
    assert 0 <= s <= e <= len(text)
    assert text[s:e] == text[s:e].strip()  # body is trimmed: starts and ends on a content character


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_clean_segment_body_excludes_all_boilerplate(name):
    text = SAMPLES[name]
    seg = segment(text)
    content = "".join(text[s:e] for s, e in seg.content_ranges())
    for b in seg.boilerplate:
        # no boilerplate character is part of the content
        for s, e in seg.content_ranges():
            assert b.end <= s or b.start >= e, (b, (s, e))
        assert b.text.strip() not in content
    # the dateline opens the text before the body; credits and copyright close it after
    dl = [b for b in seg.boilerplate if b.kind == "dateline"]
    if dl:
        assert dl[0].end <= seg.body[0]
    for b in seg.boilerplate:
        if b.kind in ("wire", "copyright") or (b.kind == "credit" and b.start > seg.body[0]):
            assert b.start >= seg.body[1], b


def test_clean_segment_antara_dateline_and_trailers():
    text = SAMPLES["antara.txt"]
    seg = segment(text)
    by_kind = {}
    for b in seg.boilerplate:
        by_kind.setdefault(b.kind, []).append(b)
    assert by_kind["dateline"][0].text.rstrip() == "Kairo (ANTARA) -"
    assert by_kind["dateline"][0].value == "ANTARA"
    assert by_kind["wire"][0].text == "Sumber: Reuters" and by_kind["wire"][0].value == "Reuters"
    assert [b.text for b in by_kind["credit"]] == ["Penerjemah: Budi Santoso", "Editor: Siti Rahmawati"]
    assert [b.value for b in by_kind["credit"]] == ["Budi Santoso", "Siti Rahmawati"]
    assert by_kind["copyright"][0].text == "Copyright © ANTARA 2022"
    assert by_kind["related"][0].value == "Mesir tawarkan mediasi baru untuk Sudan"
    body = text[seg.body[0]:seg.body[1]]
    assert body.startswith("Menteri Luar Negeri Mesir")
    assert body.endswith("kata juru bicara kementerian.")


def test_clean_segment_related_links_mid_body_and_at_the_end():
    text = SAMPLES["liputan.txt"]
    seg = segment(text)
    related = [b for b in seg.boilerplate if b.kind == "related"]
    assert [b.value for b in related] == [
        "Presiden terima kunjungan menteri Jepang", "Harga beras naik menjelang Lebaran", "DPR setujui anggaran pertahanan"]
    # the mid-body link is inside the body range but left out of the content ranges
    assert seg.body[0] < related[0].start < seg.body[1]
    assert len(seg.content_ranges()) == 2
    # the trailing links are after the body
    assert all(b.start >= seg.body[1] for b in related[1:])
    assert text[seg.body[0]:seg.body[1]].endswith("pada Selasa.")


def test_clean_segment_trailing_abbreviation_credit():
    text = SAMPLES["fajar.txt"]
    seg = segment(text)
    [credit] = [b for b in seg.boilerplate if b.kind == "credit"]
    assert credit.text == "(abc/def)" and credit.value == "abc/def"
    assert text[seg.body[0]:seg.body[1]].endswith("mengamankan aksi tersebut.")
    assert seg.body[1] <= credit.start


def test_clean_segment_trailing_credit_on_its_own_line():
    text = "JAKARTA - Presiden meresmikan bendungan di Jawa Tengah pada Senin.\n\n(rin/ant)\n"
    seg = segment(text)
    assert [b.kind for b in seg.boilerplate] == ["dateline", "credit"]
    assert text[seg.body[0]:seg.body[1]] == "Presiden meresmikan bendungan di Jawa Tengah pada Senin."


def test_clean_segment_copyright_year_without_other_date():
    text = "Presiden meresmikan bendungan baru di Jawa Tengah pada Senin.\nHak Cipta © 2019 Kompas\n"
    seg = segment(text)
    assert seg.published.to_dict() == {"value": "2019", "granularity": "year", "origin": "copyright line"}
    assert seg.source == "Kompas"
    assert seg.dateline is None


def test_clean_segment_copyright_wins_over_dated_weekday():
    text = ("JAKARTA - Presiden berpidato pada Senin (5/9/2022) di depan DPR.\n"
            "Copyright © ANTARA 2021\n")
    seg = segment(text)
    assert (seg.published.value, seg.published.origin) == ("2021", "copyright line")


def test_clean_segment_dash_inside_a_sentence_is_no_dateline():
    text = "Presiden Joko Widodo mengatakan bahwa kerja sama - terutama di bidang ekonomi - penting.\n"
    seg = segment(text)
    assert seg.dateline is None and seg.source is None
    assert [b.kind for b in seg.boilerplate] == []
    assert seg.body == (0, len(text) - 1)


def test_clean_segment_text_without_boilerplate_is_all_body():
    text = "  Kedua negara sepakat memperpanjang perjanjian perdagangan.  \n"
    seg = segment(text)
    assert seg.boilerplate == []
    assert text[seg.body[0]:seg.body[1]] == "Kedua negara sepakat memperpanjang perjanjian perdagangan."
    assert seg.content_ranges() == [seg.body]


@pytest.mark.parametrize("text", ["", "\n\n\n", "   ", "Baca juga: sesuatu\n", "Editor: Budi\n"])
def test_clean_segment_empty_or_boilerplate_only_text(text):
    seg = segment(text)
    s, e = seg.body
    assert 0 <= s <= e <= len(text)
    assert "".join(text[a:b] for a, b in seg.content_ranges()).strip() == ""
    for b in seg.boilerplate:
        assert text[b.start:b.end] == b.text


def test_clean_segment_outlets_in_datelines_are_normalised():
    cases = {
        "Jakarta, IDN Times - Polisi menangkap dua tersangka pada Senin.": ("Jakarta", "IDN Times"),
        "Kompas.com - Presiden menerima tamu negara di Istana.": (None, "Kompas"),
        "Surabaya (Antara) - Gubernur meresmikan pasar baru.": ("Surabaya", "ANTARA"),
    }
    for text, (place, outlet) in cases.items():
        seg = segment(text)
        assert (seg.dateline, seg.source) == (place, outlet), text
        assert seg.boilerplate[0].kind == "dateline"


def test_clean_segment_bare_mixed_case_place_opens_a_dateline_only_when_known():
    """``Jakarta - `` (some outlets' dateline) is one when the caller's gazetteer knows the place
    and spaces set the dash off; a name it does not know, a dash glued to the word, or no
    gazetteer at all leave the text as body."""
    known = {"Jakarta"}.__contains__
    seg = segment("Jakarta - Presiden Joko Widodo tiba di Bogor.", is_place=known)
    assert seg.dateline == "Jakarta" and seg.body[0] == len("Jakarta - ")
    assert [b.text for b in seg.boilerplate if b.kind == "dateline"] == ["Jakarta - "]
    assert segment("Ahok - Djarot menang di putaran pertama.", is_place=known).dateline is None
    assert segment("Jakarta-Bandung ditempuh tiga jam.", is_place=known).dateline is None
    assert segment("Jakarta - Presiden Joko Widodo tiba di Bogor.").dateline is None


def test_clean_segment_pipeline_reads_a_known_place_before_a_dash_as_the_dateline():
    import warta

    doc = warta.analyze("Surabaya - Polisi menangkap dua tersangka pengedar narkoba di Surabaya, Senin.",
                        published="2017-10-24").to_dict()
    assert doc["dateline"] == "Surabaya"
    assert warta.analyze("Prabowo - Sandi mendaftar ke KPU, Senin.", published="2018-08-10").to_dict()["dateline"] is None


@pytest.mark.parametrize("line", [
    "ADVERTISEMENT",
    "SCROLL TO CONTINUE WITH CONTENT",
    "[Gambas:Video CNN]",
    'Simak Video "Polisi Tangkap Pengedar Narkoba di Bekasi"',
    "Artikel ini telah tayang di Tribunnews.com dengan judul Polisi Tangkap Pengedar Narkoba",
    "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com. Mari bergabung di "
    'Grup Telegram "Kompas.com News Update", caranya klik link https://t.me/kompascomupdate, kemudian join.',
    "Ikuti berita Okezone di Google News",
    "Dilarang keras mengambil konten, melakukan crawling atau pengindeksan otomatis untuk AI di situs "
    "web ini tanpa izin tertulis dari Kantor Berita ANTARA.",
    "Tags: KPK, Suap, Probolinggo",
    "Halaman 1 2 3 Selanjutnya",
    "Halaman Selanjutnya",
])
def test_clean_segment_an_outlets_calls_to_action_are_boilerplate(line):
    body = "JAKARTA - Polisi menangkap dua tersangka pengedar narkoba di Bekasi, Senin."
    text = f"{body}\n{line}\nKedua tersangka kini ditahan di Polres Metro Bekasi."
    seg = segment(text)
    [promo] = [b for b in seg.boilerplate if b.kind == "promo"]
    assert promo.text == line and text[promo.start:promo.end] == line
    kept = "".join(text[a:b] for a, b in seg.content_ranges())
    assert line not in kept and "Kedua tersangka kini ditahan" in kept


@pytest.mark.parametrize("line", [
    "Pemerintah meminta warga mengunduh aplikasi PeduliLindungi sebelum masuk ke pusat belanja.",
    "Iklan kampanye itu ditayangkan di televisi dan YouTube selama sepekan.",
    "Video itu diunggah ke YouTube pada Senin dan telah ditonton jutaan kali.",
])
def test_clean_segment_a_paragraph_that_names_an_app_or_a_channel_stays_body(line):
    seg = segment(f"JAKARTA - Polisi menangkap dua tersangka di Bekasi.\n{line}")
    assert [b.kind for b in seg.boilerplate] == ["dateline"]


@pytest.mark.parametrize("title", ["KPK Tetapkan Bupati Tersangka Suap",
                                   "KPK Tetapkan Bupati Tersangka Suap - Nasional Kompas.com",
                                   "kpk tetapkan  bupati tersangka suap | Kompas.com"])
def test_clean_segment_headline_opening_the_text_is_the_title(title):
    text = ("KPK Tetapkan Bupati Tersangka Suap\nJAKARTA, KOMPAS.com - Komisi Pemberantasan Korupsi "
            "menetapkan bupati itu sebagai tersangka, Selasa (31/8/2021).")
    seg = segment(text, title=title)
    assert [b.kind for b in seg.boilerplate] == ["title", "dateline"]
    assert seg.boilerplate[0].text == "KPK Tetapkan Bupati Tersangka Suap"
    assert (seg.dateline, seg.source) == ("Jakarta", "Kompas")
    assert text[seg.body[0]:].startswith("Komisi Pemberantasan Korupsi")
    # no title given, or another one: the first line is the body's
    for other in (None, "KPK Tetapkan Bupati", "KPK Tetapkan Bupati Tersangka Suap Baru"):
        assert "title" not in [b.kind for b in segment(text, title=other).boilerplate]
    # a text that is its headline alone keeps it as its body
    alone = segment("KPK Tetapkan Bupati Tersangka Suap", title=title)
    assert alone.boilerplate == [] and alone.body == (0, len("KPK Tetapkan Bupati Tersangka Suap"))


def test_clean_segment_a_pages_headline_is_no_sentence_of_the_analysed_article():
    import warta

    lead = ("JAKARTA, KOMPAS.com - Komisi Pemberantasan Korupsi (KPK) menetapkan Bupati Probolinggo "
            "Puput Tantriana Sari sebagai tersangka kasus suap jual beli jabatan, Selasa (31/8/2021).")
    headline = "KPK Tetapkan Bupati Probolinggo Tersangka Suap"
    doc = warta.analyze(f"{headline}\n{lead}", title=headline, published="2021-08-31").to_dict()
    text = f"{headline}\n{lead}"
    sentences = [text[s["start"]:s["end"]] for s in doc["sentences"]]
    assert headline not in " ".join(sentences)
    assert [e["text_info"]["sentence"] for e in doc["events"]] == [sentences[0]]
    assert doc["events"][0]["event"] == ["ACCUSE"]   # a suspect named: the codebook's ACCUSE


@pytest.mark.parametrize("line,name", [
    ("Laporan Wartawan Tribunnews.com, Ilham Rian Pratama", "Ilham Rian Pratama"),
    ("Laporan Reporter Tribun Jogja, Ahmad Syarifudin", "Ahmad Syarifudin"),
    ("Laporan Koresponden Tribunnews.com", "Laporan Koresponden Tribunnews.com"),
])
def test_clean_segment_a_reporters_byline_line_is_a_credit(line, name):
    text = f"{line}\nTRIBUNNEWS.COM, JAKARTA - Polisi menangkap dua tersangka di Bekasi, Senin (13/2/2023)."
    seg = segment(text)
    assert [(b.kind, b.value) for b in seg.boilerplate if b.kind == "credit"] == [("credit", name)]
    assert (seg.dateline, seg.source) == ("Jakarta", "Tribunnews")
    assert text[seg.body[0]:].startswith("Polisi menangkap")
