"""Hypothesis properties of the temporal parser."""
import datetime as dt
import re

from hypothesis import HealthCheck, given, settings, strategies as st

from warta.analyse.temporal import find_times, pick_event_time, resolve_published

ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
WORDS = ["pada", "Senin", "Selasa", "Minggu", "minggu", "lalu", "depan", "kemarin", "Juli",
         "Mei", "tahun", "bulan", "pekan", "2021", "(21/6)", "(31/2/2021)", "12", "Februari",
         "dua", "hari", "sejak", "kudeta", "Min", "Aung", ",", ".", "akan", "dini", "sore",
         "(27/7)", "awal", "akhir", "tiga", "silam", "hingga", "2019-2023", "ini", "\u202e",
         "\x00", "مرحبا", "tadi", "semalam"]
anchors = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2150, 12, 31)))
grans = st.sampled_from(["day", "month", "year"])
tenses = st.sampled_from([None, "past", "future", "auto"])
texts = st.one_of(st.text(max_size=300),
                  st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join))


def check_iso(v):
    if v is None:
        return
    assert ISO.fullmatch(v), v
    parts = [int(p) for p in v.split("-")]
    if len(parts) == 3:
        dt.date(*parts)
    elif len(parts) == 2:
        assert 1 <= parts[1] <= 12


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(texts, anchors, grans, tenses)
def test_temporal_find_times_never_raises_and_slices(text, anchor, gran, tense):
    times = find_times(text, anchor, gran, tense)
    starts = [t.start for t in times]
    assert starts == sorted(starts)
    for t in times:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        check_iso(t.value)
        assert (t.value is None) == (t.granularity is None)
        assert t.granularity in (None, "day", "month", "year")
        assert t.kind in ("absolute", "relative", "weekday", "vague")
        assert t.resolved_from in (None, "published", "text")
        if t.value is None:
            assert t.resolved_from is None
    # no overlaps
    for a, b in zip(times, times[1:]):
        assert a.end <= b.start
    pick_event_time(times, None, text)
    pick_event_time(times, len(text) // 2, text)


@settings(max_examples=200)
@given(st.text(max_size=80))
def test_temporal_resolve_published_never_raises(text):
    v, g = resolve_published(text)
    check_iso(v)
    assert (v is None) == (g is None)


@given(st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_temporal_iso_roundtrip_published(d):
    assert resolve_published(d.isoformat()) == (d.isoformat(), "day")


@given(st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from(["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]))
def test_temporal_bare_weekday_within_week_before_anchor(anchor, wd):
    t = find_times(f"Mereka bertemu pada {wd}.", anchor)[0]
    d = dt.date.fromisoformat(t.value)
    assert 0 <= (anchor - d).days <= 6
    assert d.weekday() == ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"].index(wd)


@given(st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_temporal_explicit_date_roundtrip(d):
    months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
              "September", "Oktober", "November", "Desember"]
    text = f"Perjanjian diteken pada {d.day} {months[d.month - 1]} {d.year} di Jakarta."
    t = find_times(text, None)[0]
    assert t.value == d.isoformat() and t.resolved_from == "text"
    t2 = find_times(f"kemarin ({d.day}/{d.month}/{d.year})", None)[-1]
    assert t2.value == d.isoformat()


def test_temporal_no_date_words_finds_nothing():
    sent = ("Para pejabat senior kedua pihak membahas kerja sama energi , pertahanan dan "
            "perdagangan serta menandatangani sejumlah nota kesepahaman yang disaksikan oleh "
            "pemimpin masing masing negara di istana presiden dalam suasana hangat dan akrab "
            "menurut pernyataan resmi kementerian luar negeri yang diterima wartawan")
    assert 35 <= len(sent.split()) <= 45
    anchor = dt.date(2022, 9, 5)
    # no date word in 40 words: nothing found (the speed of that answer is measured by warta bench)
    assert find_times(sent, anchor) == []
