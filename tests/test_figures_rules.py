"""Concrete examples for numbers, money and casualty counts (own sentences)."""
import pytest

from warta.analyse.figures import find_amounts, find_casualties, parse_number


@pytest.mark.parametrize("s,v", [
    ("6.366", 6366), ("1,5", 1.5), ("1.234,5", 1234.5), ("400", 400), ("0", 0),
    ("1.000.000", 1000000), ("1,234,567", 1234567), ("1.5", 1.5),
    ("sepuluh", 10), ("sebelas", 11), ("dua belas", 12), ("sembilan belas", 19),
    ("dua puluh lima", 25), ("seratus", 100), ("seratus dua puluh lima", 125),
    ("seribu", 1000), ("dua ribu tiga ratus", 2300), ("tiga ratus ribu", 300000),
    ("satu juta", 1000000), ("setengah juta", 500000), ("satu setengah juta", 1500000),
    ("10 ribu", 10000), ("1,5 juta", 1500000), ("1,1 juta", 1100000), ("2 miliar", 2000000000),
    ("2 milyar", 2000000000), ("3 triliun", 3 * 10**12), ("2 juta 300 ribu", 2300000),
    ("seorang", 1), ("Sepuluh", 10),
])
def test_figures_parse_number_examples(s, v):
    assert parse_number(s) == v


@pytest.mark.parametrize("s,v", [
    ("belasan", 11), ("puluhan", 20), ("ratusan", 100), ("ribuan", 1000),
    ("puluhan ribu", 20000), ("lusinan", 24),
])
def test_figures_parse_number_approximate_lower_bounds(s, v):
    assert parse_number(s) == v


@pytest.mark.parametrize("s", ["", "abc", "dua tiga", "beberapa", "puluh", "10 orang", "1/2",
                               "belas", "ribu"])
def test_figures_parse_number_rejects(s):
    assert parse_number(s) is None


@pytest.mark.parametrize("text,expected", [
    ("menyumbang lebih dari US$400 juta dan $260 juta sejak kudeta",
     [("US$400 juta", 400_000_000, "USD"), ("$260 juta", 260_000_000, "USD")]),
    ("anggaran Rp 1,5 triliun", [("Rp 1,5 triliun", 1_500_000_000_000, "IDR")]),
    ("anggaran Rp1,5 triliun", [("Rp1,5 triliun", 1_500_000_000_000, "IDR")]),
    ("kontrak USD 5 miliar", [("USD 5 miliar", 5_000_000_000, "USD")]),
    ("kontrak 5 miliar dolar AS", [("5 miliar dolar AS", 5_000_000_000, "USD")]),
    ("bantuan €20 juta", [("€20 juta", 20_000_000, "EUR")]),
    ("bantuan 30 juta euro", [("30 juta euro", 30_000_000, "EUR")]),
    ("pinjaman 10 miliar yuan", [("10 miliar yuan", 10_000_000_000, "CNY")]),
    ("denda 5 juta rubel", [("5 juta rubel", 5_000_000, "RUB")]),
    ("investasi RM 3 juta", [("RM 3 juta", 3_000_000, "MYR")]),
    ("ekspor 2 triliun won", [("2 triliun won", 2_000_000_000_000, "KRW")]),
    ("hibah 100 ribu dolar Singapura", [("100 ribu dolar Singapura", 100_000, "SGD")]),
    ("harga Rp1.000.000,00", [("Rp1.000.000,00", 1_000_000, "IDR")]),
    ("dana Rp 5 M", [("Rp 5 M", 5_000_000_000, "IDR")]),
    ("sebesar £2,5 juta", [("£2,5 juta", 2_500_000, "GBP")]),
    ("senilai seratus juta rupiah", [("seratus juta rupiah", 100_000_000, "IDR")]),
])
def test_figures_find_amounts_examples(text, expected):
    got = [(a.text, a.value, a.currency) for a in find_amounts(text)]
    assert got == expected
    for a in find_amounts(text):
        assert text[a.start:a.end] == a.text


def test_figures_amounts_need_a_currency():
    assert find_amounts("proyek senilai 260 juta itu ditunda") == []
    assert find_amounts("Kota Dong Ha dan Presiden Moon") == []


@pytest.mark.parametrize("text,dead,injured,arrested", [
    ("Sejak kudeta, junta telah menewaskan sedikitnya 6.366 warga sipil.", 6366, None, None),
    ("Serangan udara itu menewaskan sepuluh warga sipil.", 10, None, None),
    ("Dalam insiden itu 10 orang tewas dan delapan luka-luka.", 10, 8, None),
    ("Militer mengebom desa itu dan menewaskan 170 orang.", 170, None, None),
    ("Korban tewas mencapai 25 orang.", 25, None, None),
    ("Jumlah korban tewas bertambah menjadi 31.", 31, None, None),
    ("Ledakan itu melukai 30 penonton.", None, 30, None),
    ("Sebanyak 25 orang terluka.", None, 25, None),
    ("Sedikitnya 25 orang cedera akibat bentrokan.", None, 25, None),
    ("Polisi menangkap 12 aktivis di depan gedung parlemen.", None, None, 12),
    ("Sekitar 40 mahasiswa ditangkap aparat.", None, None, 40),
    ("Lebih dari 100 demonstran ditahan.", None, None, 100),
    ("Hampir 300 orang tewas dalam gempa itu.", 300, None, None),
    ("Setidaknya tiga tentara tewas dan puluhan lainnya luka-luka.", 3, 20, None),
    ("Seorang polisi tewas ditembak.", 1, None, None),
    ("Eksekusi Riyadh terhadap seorang ulama memicu kemarahan.", 1, None, None),
])
def test_figures_find_casualties_examples(text, dead, injured, arrested):
    c = find_casualties(text)
    assert (c.dead, c.injured, c.arrested) == (dead, injured, arrested)
    for kind, (s, e) in c.spans.items():
        assert 0 <= s < e <= len(text)
        assert getattr(c, kind) is not None


@pytest.mark.parametrize("text", [
    "Konflik berkecamuk sejak 2021 tewas ribuan.",     # year is not a toll
    "Aktivis itu ditahan selama 2 tahun.",               # duration
    "Pada 10 Juni tewas seorang pejabat.",                # date
    "Serangan menewaskan 10 persen penduduk desa.",     # percentage
    "Pasukan diminta menahan diri.",
    "Aung San Suu Kyi ditangkap dan dipenjara.",         # no number
])
def test_figures_casualties_years_dates_percentages_are_not_counts(text):
    c = find_casualties(text)
    assert c.dead is None or c.dead != 2021
    assert c.dead not in (10, 2021) and c.arrested not in (2,)
    if "ditangkap dan dipenjara" in text:
        assert c.arrested is None


def test_figures_casualties_first_mention_wins():
    c = find_casualties("Serangan itu menewaskan 12 orang; sejak Januari 300 orang tewas.")
    assert c.dead == 12
