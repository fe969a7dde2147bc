"""The date periods merging compares (fuse/merge.py), from its documented rules and the calendar.

A date is a period: a day is that day, a month runs from its 1st to its last day, a year from
1 January to 31 December. The period is widened by how weakly the date is known: a day from the
sentence not at all; from a weekday and the publication date, from the story's context or the
publication fallback by one day on each side; a visit by three more days; a month carried over
from context by 31 days each side; the publication-month fallback also covers the month before.
"""
from __future__ import annotations

import datetime as dt

import pytest

from warta.fuse.reports import _days_apart, modality_class, period, provenance, widened

D = dt.date(2023, 3, 6).toordinal()
MARCH = (dt.date(2023, 3, 1).toordinal(), dt.date(2023, 3, 31).toordinal())


@pytest.mark.parametrize("value,expected", [
    ("2023-03-06", (dt.date(2023, 3, 6), dt.date(2023, 3, 6))),
    ("2023-02", (dt.date(2023, 2, 1), dt.date(2023, 2, 28))),
    ("2024-02", (dt.date(2024, 2, 1), dt.date(2024, 2, 29))),     # a leap year
    ("2023-12", (dt.date(2023, 12, 1), dt.date(2023, 12, 31))),
    ("2023", (dt.date(2023, 1, 1), dt.date(2023, 12, 31))),
    (None, None), ("", None), ("2023-13", None), ("kemarin", None), ("2023-02-30", None),
])
def test_merge_periods_period_of_a_date(value, expected):
    assert period(value) == expected


@pytest.mark.parametrize("gran,prov,visit,expected", [
    ("day", "text", False, (D, D)),
    ("day", None, False, (D, D)),
    ("day", "published", False, (D - 1, D + 1)),
    ("day", "context", False, (D - 1, D + 1)),
    ("day", "fallback", False, (D - 1, D + 1)),
    ("day", "text", True, (D - 3, D + 3)),
    ("day", "context", True, (D - 4, D + 4)),
])
def test_merge_periods_widened_day(gran, prov, visit, expected):
    assert widened("2023-03-06", gran, prov, visit) == expected


@pytest.mark.parametrize("prov,expected", [
    ("text", MARCH),
    ("context", (MARCH[0] - 31, MARCH[1] + 31)),
    ("fallback", (MARCH[0] - 31, MARCH[1])),
])
def test_merge_periods_widened_month(prov, expected):
    assert widened("2023-03", "month", prov, False) == expected


def test_merge_periods_days_apart_counts_from_the_first_days():
    assert _days_apart("2023-03-06", "2023-03-09") == 3
    assert _days_apart("2023-03-09", "2023-03-06") == 3
    assert _days_apart("2023-01", "2023-03") == 59          # 1 January to 1 March 2023
    assert _days_apart("2022-12-31", "2023-01-01") == 1
    assert _days_apart(None, "2023-01-01") is None


@pytest.mark.parametrize("info,expected", [
    (None, None), ({}, None), ({"resolved_from": "text"}, "text"), ({"resolved_from": "published"}, "published"),
    ({"resolved_from": "context"}, "context"), ({"resolved_from": "published (month)"}, "fallback"),
    ({"resolved_from": "sentence before"}, "text"),
])
def test_merge_periods_provenance(info, expected):
    assert provenance(info) == expected


@pytest.mark.parametrize("m,expected", [
    (None, "real"), ("asserted", "real"), ("historical", "real"), ("future", "future"),
    ("negated", "negated"), ("hypothetical", "hypothetical"),
])
def test_merge_periods_modality_class(m, expected):
    assert modality_class(m) == expected
