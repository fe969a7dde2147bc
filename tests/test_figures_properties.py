"""Hypothesis properties of numbers, amounts and casualty counts."""

from hypothesis import given, settings, strategies as st

from warta.analyse.figures import find_amounts, find_casualties, parse_number

WORDS = ["menewaskan", "tewas", "luka-luka", "melukai", "ditangkap", "menangkap", "sedikitnya",
         "6.366", "1,5", "juta", "miliar", "US$", "$", "Rp", "€", "dolar", "AS", "euro", "2021",
         "sejak", "orang", "warga", "sepuluh", "dua", "puluh", "ratusan", "%", "persen", "(",
         ")", ",", ".", "\u202e", "\x00", "שלום", "١٢٣", "ditahan", "korban", "mencapai"]
texts = st.one_of(st.text(max_size=300),
                  st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join))


@settings(max_examples=400)
@given(texts)
def test_figures_never_raise_and_offsets_slice(text):
    for a in find_amounts(text):
        assert 0 <= a.start < a.end <= len(text)
        assert text[a.start:a.end] == a.text
        assert isinstance(a.value, (int, float)) and len(a.currency) == 3
    c = find_casualties(text)
    for kind, (s, e) in c.spans.items():
        assert kind in ("dead", "injured", "arrested")
        assert 0 <= s < e <= len(text)
        v = getattr(c, kind)
        assert isinstance(v, int) and v >= 0


@settings(max_examples=300)
@given(st.text(max_size=60))
def test_figures_parse_number_never_raises(s):
    v = parse_number(s)
    assert v is None or isinstance(v, (int, float))


@given(st.integers(min_value=-10**15, max_value=10**15))
def test_figures_parse_number_roundtrips_indonesian_grouping(n):
    assert parse_number(f"{n:,}".replace(",", ".")) == n


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=99))
def test_figures_parse_number_decimal_comma(i, frac):
    s = f"{i:,}".replace(",", ".") + f",{frac:02d}"
    assert abs(parse_number(s) - (i + frac / 100)) < 1e-6


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["ribu", "juta", "miliar"]))
def test_figures_scaled_amounts(n, scale):
    mult = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9}[scale]
    text = f"Pemerintah menyalurkan Rp{n} {scale} untuk korban."
    (a,) = find_amounts(text)
    assert (a.value, a.currency) == (n * mult, "IDR")


@given(st.integers(min_value=1, max_value=99999))
def test_figures_casualty_count_roundtrip(n):
    num = f"{n:,}".replace(",", ".")
    c = find_casualties(f"Serangan itu menewaskan sedikitnya {num} warga sipil.")
    assert c.dead == n


def test_figures_nothing_when_no_keyword():
    # no casualty or money word: no figure (how fast that is answered is warta bench's business)
    sent = ("Para pejabat senior kedua pihak membahas kerja sama energi , pertahanan dan "
            "perdagangan serta menandatangani sejumlah nota kesepahaman yang disaksikan oleh "
            "pemimpin masing masing negara di istana presiden dalam suasana hangat dan akrab")
    c = find_casualties(sent)
    assert (c.dead, c.injured) == (None, None)
    assert find_amounts(sent) == []
