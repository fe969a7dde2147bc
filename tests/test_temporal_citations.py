"""Years inside a regulation's number, and weekdays told in local time, in Indonesian news."""
import datetime as dt

from hypothesis import given, strategies as st

from warta.analyse.temporal import find_times

THU_2017_05_11 = dt.date(2017, 5, 11)  # a Thursday


def _values(text: str, anchor: dt.date, **kw) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in find_times(text, anchor, **kw)]


def test_temporal_law_number_year_is_not_a_date():
    assert _values("Gerindra menolak revisi UU Nomor 30 Tahun 2002 tentang KPK.", THU_2017_05_11) == []
    assert _values("DPR mengesahkan Perppu No. 1 Tahun 2017 tentang Akses Informasi Keuangan.", THU_2017_05_11) == []


def test_temporal_year_with_tahun_outside_a_law_number_stays_a_date():
    assert _values("KPK menahannya pada tahun 2002.", THU_2017_05_11) == [("pada tahun 2002", "2002")]


@given(number=st.integers(1, 999), year=st.integers(1945, 2030),
       law=st.sampled_from(["UU", "Undang-Undang", "Perppu", "PP", "Perpres", "Permendagri", "Perda"]),
       no=st.sampled_from(["Nomor", "nomor", "No.", "No"]))
def test_temporal_law_number_year_never_dates_anything(number, year, law, no):
    text = f"Pemerintah merevisi {law} {no} {number} Tahun {year} tentang pemilu."
    assert all(v is None or not v.startswith(str(year)) for _, v in _values(text, THU_2017_05_11))


def test_temporal_weekday_in_local_time_keeps_its_written_date():
    # a planned demonstration "Rabu waktu setempat (10/5)": the written date wins over the future weekday
    assert _values("Warga bersiap menggelar demonstrasi pada Rabu waktu setempat (10/5).", THU_2017_05_11,
                   tense="future") == [("pada Rabu waktu setempat (10/5)", "2017-05-10")]


@given(day=st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_temporal_weekday_in_local_time_with_date_resolves_to_that_date(day):
    wd = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"][day.weekday()]
    text = f"Polisi membubarkan massa pada {wd} waktu setempat ({day.day}/{day.month}/{day.year})."
    assert _values(text, day + dt.timedelta(days=1)) == [
        (f"pada {wd} waktu setempat ({day.day}/{day.month}/{day.year})", day.isoformat())]
