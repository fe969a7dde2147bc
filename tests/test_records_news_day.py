"""The article's news day: undated current events are dated by the day the article reports, not the month of publication."""
import datetime as dt

from hypothesis import HealthCheck, given, settings, strategies as st

import warta

_WEEKDAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def _events(text: str, published: str, type_: str) -> list[dict]:
    """The events of ``type_`` whose trigger is ``menangkap`` (the arrest each text reports)."""
    return [e for e in warta.analyze(text, published=published).events
            if e["event"] == [type_] and e["trigger"]["text"] == "menangkap"]


def test_records_news_day_dates_the_undated_lead():
    # 2017-09-23 is a Saturday: "Kamis" in the quote's attribution is 2017-09-21
    text = ("Polisi Thailand menangkap 30 demonstran di Bangkok.\n\n"
            "\"Mereka melanggar larangan berkumpul,\" kata juru bicara polisi di Bangkok, Kamis.")
    [arrest] = _events(text, "2017-09-23", "COERCE")
    assert arrest["date"] == "2017-09-21"
    assert arrest["date_info"]["resolved_from"] == "context"
    assert arrest["date_info"]["text"] == "Kamis"


def test_records_news_day_ignores_a_date_older_than_a_week():
    # the only day named (3 April) is more than a week before publication: it is background, not the news day
    text = ("Polisi Thailand menangkap 30 demonstran di Bangkok.\n\n"
            "Aksi serupa pernah digelar pada 3 April.")
    [arrest] = _events(text, "2017-05-10", "COERCE")
    assert arrest["date"] == "2017-05"
    assert arrest["date_info"]["resolved_from"].startswith("published (month")


def test_records_news_day_is_not_a_deadline():
    # "hingga Jumat" is when something ends, not the day of the news
    text = ("Polisi Thailand menangkap 30 demonstran di Bangkok.\n\n"
            "Larangan berkumpul berlaku hingga Jumat.")
    [arrest] = _events(text, "2017-05-10", "COERCE")
    assert arrest["date"] == "2017-05"


def test_records_news_day_does_not_replace_a_date_the_sentence_gives():
    text = ("Polisi Thailand menangkap 30 demonstran di Bangkok pada 2 Mei.\n\n"
            "\"Mereka melanggar larangan berkumpul,\" kata juru bicara polisi, Senin.")
    [arrest] = _events(text, "2017-05-10", "COERCE")
    assert arrest["date"] == "2017-05-02"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pub=st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2030, 12, 31)), wd=st.integers(0, 6))
def test_records_news_day_is_the_named_weekday_in_the_week_before_publication(pub, wd):
    text = ("Polisi Thailand menangkap 30 demonstran di Bangkok.\n\n"
            f"\"Mereka melanggar larangan berkumpul,\" kata juru bicara polisi di Bangkok, {_WEEKDAYS_ID[wd]}.")
    [arrest] = _events(text, pub.isoformat(), "COERCE")
    day = dt.date.fromisoformat(arrest["date"])
    assert day.weekday() == wd
    assert 0 <= (pub - day).days < 7


def test_records_news_day_dates_the_announcement_of_a_planned_event():
    # 2017-05-10 is a Wednesday: the plan was told on Monday 8 May. A planned visit is coded as
    # AGREE with modality future (spec/gold-format.md): the act coded is the announcement, which
    # the news day dates (as the analysts' dev gold dates such plans), not the visit to come
    text = ("Presiden Joko Widodo akan mengunjungi Tokyo untuk bertemu Perdana Menteri Jepang.\n\n"
            "\"Kunjungan itu penting bagi kedua negara,\" kata juru bicara istana di Jakarta, Senin.")
    planned = [e for e in warta.analyze(text, published="2017-05-10").events if e["modality"] == "future"]
    assert planned
    assert {e["date"] for e in planned} == {"2017-05-08"}
    assert {e["date_info"]["resolved_from"] for e in planned} == {"context"}
