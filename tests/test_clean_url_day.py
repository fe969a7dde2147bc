"""warta.ingest.clean.url_day: the publication day a news page's address carries, and how the
pipeline weighs it against a date given with the article."""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import warta
from warta.ingest.clean import url_day

DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31))
SEGMENTS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=20)


@settings(max_examples=300, deadline=None)
@given(DAYS, SEGMENTS, st.sampled_from(["/{y}/{m}/{d}/", "/read/{y}{m}{d}/123456/", "/{y}{m}{d}101530-20-1598/"]))
def test_clean_url_day_reads_the_day_in_every_written_form(day, slug, form):
    path = form.format(y=f"{day.year:04d}", m=f"{day.month:02d}", d=f"{day.day:02d}")
    assert url_day(f"https://www.example.co.id/nasional{path}{slug}") == day


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_clean_url_day_never_raises_and_gives_a_real_day_or_none(url):
    day = url_day(url)
    assert day is None or isinstance(day, dt.date)


def test_clean_url_day_is_none_for_numbers_that_are_no_day():
    assert url_day("https://www.antaranews.com/berita/683075/tol-padang") is None  # an article number
    assert url_day("https://finance.detik.com/bursa/d-3391775/jack-ma") is None
    assert url_day("https://example.com/2017/13/45/judul") is None  # no 13th month
    assert url_day("https://example.com/2017123456/judul") is None  # ten digits
    assert url_day(None) is None


TEXT = "Jakarta - Polisi menangkap dua tersangka di Bekasi hari ini."


def test_clean_url_day_dates_an_article_given_no_date():
    """The day in a page's address stands in for a missing publication date, ahead of what the
    text allows (a copyright year); a date given with the article always wins."""
    url = "https://www.cnnindonesia.com/nasional/20170615140746-12-221970/judul"
    missing = warta.analyze(TEXT + "\n\nCopyright © ANTARA 2017", url=url)
    assert missing.published.to_dict() == {"value": "2017-06-15", "granularity": "day", "origin": "address"}
    given_day = warta.analyze(TEXT, published="2017-06-16", url=url)
    assert given_day.published.to_dict() == {"value": "2017-06-16", "granularity": "day", "origin": "input"}
    month = warta.analyze(TEXT, published="2017-06", url=url)
    assert month.published.to_dict() == {"value": "2017-06", "granularity": "month", "origin": "input"}
    plain = warta.analyze(TEXT + "\n\nCopyright © ANTARA 2017", url="https://www.antaranews.com/berita/683075/judul")
    assert plain.published.to_dict() == {"value": "2017", "granularity": "year", "origin": "copyright line"}
