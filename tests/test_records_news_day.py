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


def _dated(text: str, published: str) -> dict[str, str]:
    """The date of each event of ``text``, by its trigger."""
    return {e["trigger"]["text"]: e["date"] for e in warta.analyze(text, published=published).events}


def test_records_news_day_relative_words_are_the_writers_day():
    """An article that names the day before publication in full (``Rabu (31/5)``: 31 May 2017 was
    a Wednesday) was written that day: its ``hari ini`` is 31 May and its ``kemarin`` 30 May, not
    the publication day and the day before it. One that names the publication day itself, or no
    day at all, keeps publication as the writer's day."""
    text = ("Polisi hari ini menangkap 30 demonstran di Bangkok. Kemarin, polisi menahan dua pemimpin mereka. "
            "Penangkapan dilakukan di depan gedung parlemen, Rabu (31/5).")
    assert dt.date(2017, 5, 31).weekday() == _WEEKDAYS_ID.index("Rabu")
    dates = _dated(text, "2017-06-01")
    assert dates["menangkap"] == "2017-05-31" and dates["menahan"] == "2017-05-30"
    for told in ("Kamis (1/6)", "Rabu (31/5) dan Kamis (1/6)", "pekan ini"):
        dates = _dated(text.replace("Rabu (31/5)", told), "2017-06-01")
        assert dates["menangkap"] == "2017-06-01" and dates["menahan"] == "2017-05-31", told
