"""Relative days, months and years across a year boundary (issue #20).

Each expected value is counted on the calendar from the anchor (the publication date), not
read from warta's output: a month before January is December of the year before, a month
after December is January of the next year, and so on.
"""
import datetime as dt

import pytest

from test_temporal_rules import one  # the one expression found, checked to slice the text
from warta.analyse.temporal import resolve_published


JAN_10_2023 = dt.date(2023, 1, 10)
DEC_20_2022 = dt.date(2022, 12, 20)
MAR_01_2024 = dt.date(2024, 3, 1)


@pytest.mark.parametrize("anchor,words,value,gran", [
    # back over the new year: January 2023 minus one month is December 2022
    (JAN_10_2023, "bulan lalu", "2022-12", "month"),
    (JAN_10_2023, "pada bulan lalu", "2022-12", "month"),
    (JAN_10_2023, "dua bulan yang lalu", "2022-11", "month"),
    (MAR_01_2024, "tiga bulan lalu", "2023-12", "month"),
    (JAN_10_2023, "tahun lalu", "2022", "year"),
    (JAN_10_2023, "dua tahun lalu", "2021", "year"),
    (JAN_10_2023, "Desember lalu", "2022-12", "month"),
    (JAN_10_2023, "Juni tahun lalu", "2022-06", "month"),
    # forward over the new year: December 2022 plus one month is January 2023
    (DEC_20_2022, "bulan depan", "2023-01", "month"),
    (DEC_20_2022, "tahun depan", "2023", "year"),
    (DEC_20_2022, "Februari mendatang", "2023-02", "month"),
])
def test_temporal_year_boundaries_months_and_years(anchor, words, value, gran):
    t = one(f"Kata pejabat itu, {words} kelompok tersebut berunding.", anchor)
    assert (t.text, t.value, t.granularity) == (words, value, gran)


@pytest.mark.parametrize("anchor,words,value", [
    (dt.date(2023, 1, 1), "kemarin", "2022-12-31"),
    (dt.date(2022, 12, 31), "besok", "2023-01-01"),
    (dt.date(2023, 1, 2), "tiga hari lalu", "2022-12-30"),
    (dt.date(2024, 3, 1), "kemarin", "2024-02-29"),     # 2024 is a leap year
    (dt.date(2023, 3, 1), "kemarin", "2023-02-28"),     # 2023 is not
])
def test_temporal_year_boundaries_days(anchor, words, value):
    t = one(f"Ia mengatakan {words} bahwa situasi tenang.", anchor)
    assert (t.text, t.value, t.granularity) == (words, value, "day")


def test_temporal_year_boundaries_week_before_new_year_is_december():
    # the week before Tuesday 3 January 2023 runs from 26 December 2022
    t = one("Kata pejabat itu, pekan lalu kelompok tersebut berunding.", dt.date(2023, 1, 3))
    assert t.value == "2022-12"


def test_temporal_year_boundaries_yearless_january_date_in_december_is_next_year_when_future():
    t = one("Pemilu akan digelar pada 15 Januari.", DEC_20_2022, tense="future")
    assert t.value == "2023-01-15"


# ---------------------------------------------------------------- publication dates: the valid years
@pytest.mark.parametrize("text,expected", [
    ("1900-01-01", ("1900-01-01", "day")),
    ("2099-12-31", ("2099-12-31", "day")),
    ("2024-02-29", ("2024-02-29", "day")),      # a leap day
    ("2023-02-29", (None, None)),               # not one
    ("2023-13", (None, None)),
])
def test_temporal_year_boundaries_published_iso(text, expected):
    assert resolve_published(text) == expected


@pytest.mark.parametrize("ymd,valid", [
    ((1800, 1, 1), True), ((1799, 12, 31), False),      # 1800 is the first year taken as a date
    ((2199, 12, 31), True), ((2200, 1, 1), False),      # 2199 the last
    ((2023, 12, 31), True), ((2023, 0, 1), False), ((2023, 13, 1), False),
])
def test_temporal_year_boundaries_valid_calendar_dates(ymd, valid):
    from warta.analyse.temporal import _safe_date

    got = _safe_date(*ymd)
    assert (got == dt.date(*ymd)) if valid else got is None


def test_temporal_year_boundaries_published_prefers_the_day_over_a_year_said_first():
    assert resolve_published("Tahun 2021 - Senin, 21 Juni 2021 10:30 WIB") == ("2021-06-21", "day")


def test_temporal_year_boundaries_published_bare_year_is_a_year():
    assert resolve_published("© 2022 ANTARA") == ("2022", "year")
