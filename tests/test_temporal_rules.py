"""Concrete examples for the Indonesian temporal rules (own sentences)."""
import datetime as dt

import pytest

from warta.analyse.temporal import TimeExpr, find_times, pick_event_time, resolve_published

MON_2022_09_05 = dt.date(2022, 9, 5)     # a Monday
MON_2025_03_03 = dt.date(2025, 3, 3)     # a Monday
THU_2023_06_29 = dt.date(2023, 6, 29)    # a Thursday


def one(text, anchor, **kw):
    times = find_times(text, anchor, **kw)
    assert len(times) == 1, times
    t = times[0]
    assert text[t.start:t.end] == t.text
    return t


def vals(text, anchor, **kw):
    return [(t.text, t.value) for t in find_times(text, anchor, **kw)]


# ---------------------------------------------------------------- weekdays
def test_temporal_bare_weekday_includes_anchor_day():
    t = one("Menteri itu berkunjung ke Hanoi pada Senin untuk berunding.", MON_2022_09_05)
    assert (t.text, t.value, t.granularity, t.kind, t.resolved_from) == (
        "pada Senin", "2022-09-05", "day", "weekday", "published")


def test_temporal_bare_weekday_latest_before_anchor():
    assert one("Polisi menggerebek gudang itu hari Jumat.", MON_2022_09_05).value == "2022-09-02"


def test_temporal_weekday_future_tense_next_day():
    t = one("Kedua menteri akan bertemu di Jenewa pada hari Selasa.", MON_2025_03_03, tense="future")
    assert (t.text, t.value) == ("pada hari Selasa", "2025-03-04")


def test_temporal_weekday_future_tense_same_weekday_is_next_week():
    assert one("Ia akan tiba pada Senin.", MON_2025_03_03, tense="future").value == "2025-03-10"


def test_temporal_weekday_auto_tense_detects_akan():
    assert one("Presiden akan melawat ke Tokyo pada Kamis.", MON_2025_03_03,
               tense="auto").value == "2025-03-06"
    assert one("Presiden melawat ke Tokyo pada Kamis.", MON_2025_03_03,
               tense="auto").value == "2025-02-27"


def test_temporal_weekday_with_short_date():
    t = one("Selasa (12/7) ia mendarat di Dili.", dt.date(2022, 7, 14))
    assert (t.text, t.value, t.resolved_from) == ("Selasa (12/7)", "2022-07-12", "published")


def test_temporal_weekday_with_full_date_is_text():
    t = one("Delegasi tiba pada Selasa (12/7/2022) malam.", dt.date(2022, 7, 14))
    assert t.value == "2022-07-12" and t.resolved_from == "text"


def test_temporal_weekday_with_day_month_name():
    assert one("Rombongan tiba di Kairo pada Minggu 20 Juni untuk rapat.",
               dt.date(2021, 6, 21)).value == "2021-06-20"


def test_temporal_weekday_time_of_day_and_paren_date():
    t = one("Ledakan terdengar di pasar itu, Selasa sore (27/6).", THU_2023_06_29)
    assert (t.text, t.value) == ("Selasa sore (27/6)", "2023-06-27")


def test_temporal_weekday_month_typo_weekday_wins():
    # written 27/7 in an article of 29 June; the Tuesday before is 27 June
    assert one("Serangan terjadi Selasa sore (27/7).", THU_2023_06_29).value == "2023-06-27"


def test_temporal_weekday_date_far_from_anchor_keeps_date():
    assert one("Rapat digelar Sabtu (12/3).", dt.date(2022, 7, 14)).value == "2022-03-12"


def test_temporal_weekday_wins_over_a_far_date_that_is_not_it():
    # 5 March 2022 was a Saturday, not a Friday, and lies months from an article of 14 July 2022:
    # the Friday before the news day is meant (the day of month is a slip as well as the month)
    assert dt.date(2022, 3, 5).weekday() != 4
    assert one("Warga turun ke jalan pada hari Jumat (5/3).", dt.date(2022, 7, 14)).value == "2022-07-08"
    # a day and month a day off the weekday, near the news day, stays as written: 13 July 2022
    # was a Wednesday, and the numbers are the likelier slip only when they are far off
    assert dt.date(2022, 7, 13).weekday() == 2
    assert one("Rapat digelar Selasa (13/7).", dt.date(2022, 7, 14)).value == "2022-07-13"


def test_temporal_weekday_tells_the_direction_of_a_bare_day_month():
    # 31 August 2017 was a Thursday, three days after an article of Monday 28 August; 31 August
    # 2016 was a Wednesday: "Kamis (31/8)" is this week's, even in a report of the past
    assert dt.date(2017, 8, 31).weekday() == 3 and dt.date(2016, 8, 31).weekday() != 3
    assert one("Penyidik memeriksa dia pada Kamis (31/8).", dt.date(2017, 8, 28), tense="past").value == "2017-08-31"


def test_temporal_weekday_dini_hari():
    t = one("Rudal ditembakkan Jumat dini hari waktu setempat.", dt.date(2022, 10, 14))
    assert (t.text, t.value) == ("Jumat dini hari", "2022-10-14")


def test_temporal_weekday_kemarin_strictly_before():
    t = one("Bentrokan pecah pada Kamis kemarin.", THU_2023_06_29)
    assert (t.text, t.value) == ("pada Kamis kemarin", "2023-06-22")


def test_temporal_weekday_depan_and_pekan_lalu():
    assert one("Sidang dilanjutkan Rabu depan.", MON_2022_09_05).value == "2022-09-07"
    assert one("Ia ditahan Rabu pekan lalu.", MON_2022_09_05).value == "2022-08-31"


def test_temporal_weekday_uppercase_typo():
    assert one("Pertemuan pada JUmat (1/7/2022) dini hari.", dt.date(2022, 7, 1)).value == "2022-07-01"


def test_temporal_weekday_comma_before_paren():
    assert one("Kedua negara pada Jumat, (10/3/2023) sepakat.", dt.date(2023, 3, 10)).value == "2023-03-10"


# ---------------------------------------------------------------- traps
def test_temporal_min_aung_hlaing_is_not_sunday():
    assert find_times("Jenderal Min Aung Hlaing menerima tamu.", MON_2022_09_05) == []


def test_temporal_minggu_lalu_is_last_week():
    t = one("Utusan itu minggu lalu terbang ke Kuala Lumpur.", MON_2025_03_03)
    assert (t.text, t.value, t.granularity, t.kind) == ("minggu lalu", "2025-02", "month", "relative")


def test_temporal_capital_minggu_lalu_is_week_too():
    assert one("Minggu lalu, pasukan mundur.", dt.date(2025, 3, 20)).value == "2025-03"


def test_temporal_minggu_with_date_is_sunday():
    assert one("Minggu (20/6) massa berkumpul.", dt.date(2021, 6, 22)).value == "2021-06-20"


def test_temporal_minggu_after_number_is_weeks():
    assert all(t.kind != "weekday" for t in find_times("selama dua Minggu terakhir", MON_2022_09_05))


def test_temporal_month_names_as_personal_names_ignored():
    assert find_times("Juru bicara Mei Ling dan aktivis Juni Astuti hadir.", MON_2022_09_05) == []


def test_temporal_lowercase_month_ignored():
    assert find_times("Anak itu bernama mei.", MON_2022_09_05) == []


def test_temporal_count_is_not_a_year():
    assert find_times("Sebanyak 2021 orang mengungsi.", MON_2022_09_05) == []


# ---------------------------------------------------------------- relative days
@pytest.mark.parametrize("text,value", [
    ("kemarin", "2023-06-28"), ("hari ini", "2023-06-29"), ("besok", "2023-06-30"),
    ("lusa", "2023-07-01"), ("kemarin lusa", "2023-06-27"), ("tadi pagi", "2023-06-29"),
    ("semalam", "2023-06-28"),
])
def test_temporal_relative_day_words(text, value):
    t = one(f"Ia mengatakan {text} bahwa situasi tenang.", THU_2023_06_29)
    assert (t.text, t.value, t.granularity) == (text, value, "day")



@pytest.mark.parametrize("text,value", [
    # the writer's "kemarin" counts from the day of writing, which the bracketed date gives; the
    # publication date (the anchor) may be a day or two later
    ("kemarin (26/6)", "2023-06-26"), ("hari ini (27/6)", "2023-06-27"), ("kemarin (26/6/2023)", "2023-06-26"),
])
def test_temporal_relative_day_word_with_a_date_in_brackets_takes_the_date(text, value):
    t = one(f"Ia mengatakan {text} bahwa situasi tenang.", THU_2023_06_29)
    assert (t.value, t.granularity) == (value, "day")

# ---------------------------------------------------------------- months, weeks, years
@pytest.mark.parametrize("text,value,gran", [
    ("Juli lalu", "2022-07", "month"),
    ("pada Juli lalu", "2022-07", "month"),
    ("bulan lalu", "2022-08", "month"),
    ("pada bulan lalu", "2022-08", "month"),
    ("bulan depan", "2022-10", "month"),
    ("awal bulan ini", "2022-09", "month"),
    ("pekan lalu", "2022-08", "month"),
    ("pekan depan", "2022-09", "month"),
    ("tahun lalu", "2021", "year"),
    ("awal tahun lalu", "2021", "year"),
    ("akhir tahun lalu", "2021", "year"),
    ("sepanjang tahun lalu", "2021", "year"),
    ("Juni tahun lalu", "2021-06", "month"),
    ("pada Juni tahun lalu", "2021-06", "month"),
    ("tahun depan", "2023", "year"),
    ("pada Mei 2023", "2023-05", "month"),
    ("tahun 2021", "2021", "year"),
    ("pada 2021", "2021", "year"),
    ("1 Februari 2021", "2021-02-01", "day"),
    ("pada 1 Februari 2021", "2021-02-01", "day"),
    ("(21/6/2021)", "2021-06-21", "day"),
    ("(21/6)", "2022-06-21", "day"),
    ("21-6-2021", "2021-06-21", "day"),
    ("tanggal 5 Maret", "2022-03-05", "day"),
    ("tiga hari lalu", "2022-09-02", "day"),
    ("dua tahun lalu", "2020", "year"),
    ("dua bulan yang lalu", "2022-07", "month"),
    ("lima tahun silam", "2017", "year"),
    ("per 27 Juni tahun ini", "2022-06-27", "day"),
])
def test_temporal_expression_table(text, value, gran):
    t = one(f"Kata pejabat itu, {text} kelompok tersebut berunding.", MON_2022_09_05)
    assert (t.text, t.value, t.granularity) == (text, value, gran)


def test_temporal_own_month_told_past_or_ahead_late_or_early_in_it_is_this_year():
    # on 16 November the first days of November have gone: "awal November lalu" is this year's;
    # on 13 January most of January is ahead: "akhir Januari nanti" is this year's too
    assert one("Kesepakatan itu dicapai pada awal November lalu.", dt.date(2016, 11, 16)).value == "2016-11"
    assert one("Beras impor tiba pada akhir Januari nanti.", dt.date(2018, 1, 13)).value == "2018-01"
    # with the month nearly over, "Januari depan" is next year's
    assert one("Sidang digelar Januari depan.", dt.date(2018, 1, 29)).value == "2019-01"


def test_temporal_month_lalu_in_same_month_is_previous_year():
    assert one("September lalu ia ditangkap.", MON_2022_09_05).value == "2021-09"


def test_temporal_bare_month_past_and_future():
    assert one("Perundingan dimulai pada Oktober.", MON_2022_09_05).value == "2021-10"
    assert one("Perundingan dimulai pada Oktober.", MON_2022_09_05, tense="future").value == "2022-10"
    assert one("Pemilu digelar Februari mendatang.", MON_2022_09_05).value == "2023-02"


@pytest.mark.parametrize("text,value", [
    ("5 Agt 2021", "2021-08-05"), ("3 Okt 2020", "2020-10-03"), ("12 Des 2020", "2020-12-12"),
    ("1 Nop 2019", "2019-11-01"), ("2 Nov 2018", "2018-11-02"), ("7 Feb. 2019", "2019-02-07"),
    ("20 June 2021", "2021-06-20"), ("June 20, 2021", "2021-06-20"),
    ("9 Pebruari 2020", "2020-02-09"), ("17 Agustus 1945", "1945-08-17"),
])
def test_temporal_month_abbreviations_and_english(text, value):
    assert one(f"Dokumen itu diteken {text} di Jakarta.", MON_2022_09_05).value == value


def test_temporal_yearless_date_takes_previous_year_in_january():
    assert one("Kerusuhan pecah pada 28 Desember.", dt.date(2023, 1, 5)).value == "2022-12-28"


def test_temporal_durations_and_event_anchored_are_vague():
    for text in ("Lebih dari dua tahun setelah kudeta, perlawanan berlanjut.",
                 "Kedutaan dibuka kembali dalam waktu dua bulan.",
                 "Sejak kudeta, ribuan orang ditahan.",
                 "Rusia kini menjadi pemasok utama.",
                 "konflik yang sedang berlangsung"):
        times = find_times(text, MON_2022_09_05)
        assert times and all(t.value is None and t.kind == "vague" for t in times), times


def test_temporal_dua_hari_setelah_is_vague():
    t = find_times("Kunjungan itu terjadi dua hari setelah Blinken berjanji.", MON_2022_09_05)[0]
    assert t.text == "dua hari setelah" and t.value is None


def test_temporal_since_role():
    text = "Pertempuran meluas sejak kudeta pada 2021, kata PBB."
    yr = [t for t in find_times(text, MON_2022_09_05) if t.value == "2021"][0]
    assert yr.role == "since" and text[yr.role_start:].startswith("sejak")


# ---------------------------------------------------------------- coarse / missing anchors
def test_temporal_month_anchor_degrades_weekday():
    t = one("Mereka bertemu pada Senin.", dt.date(2023, 3, 1), anchor_granularity="month")
    assert (t.value, t.granularity) == ("2023-03", "month")


def test_temporal_year_anchor_degrades():
    a = dt.date(2022, 1, 1)
    assert one("Mereka bertemu pada Senin.", a, anchor_granularity="year").value == "2022"
    assert one("Mereka bertemu bulan lalu.", a, anchor_granularity="year").value == "2022"
    assert one("Mereka bertemu Juni tahun lalu.", a, anchor_granularity="year").value == "2021-06"


def test_temporal_no_anchor_only_absolute():
    assert vals("pada Senin dan pada 1 Februari 2021", None) == [
        ("pada Senin", None), ("pada 1 Februari 2021", "2021-02-01")]


def test_temporal_results_ordered_by_start():
    times = find_times("Pada 2016 dan April lalu serta kemarin.", MON_2022_09_05)
    assert [t.start for t in times] == sorted(t.start for t in times)
    assert len(times) == 3


# ---------------------------------------------------------------- resolve_published
@pytest.mark.parametrize("text,expected", [
    ("2022-09-05", ("2022-09-05", "day")),
    ("2022-09-05T10:11:00+07:00", ("2022-09-05", "day")),
    ("2022-09", ("2022-09", "month")),
    ("2022", ("2022", "year")),
    ("5 September 2022", ("2022-09-05", "day")),
    ("Senin (21/6/2021)", ("2021-06-21", "day")),
    ("Senin, 21 Juni 2021 10:30 WIB", ("2021-06-21", "day")),
    ("21/06/2021", ("2021-06-21", "day")),
    ("June 5, 2022", ("2022-06-05", "day")),
    ("September 2022", ("2022-09", "month")),
    ("Copyright © ANTARA 2022", ("2022", "year")),
    ("tanpa tanggal", (None, None)),
    ("", (None, None)),
])
def test_temporal_resolve_published(text, expected):
    assert resolve_published(text) == expected


# ---------------------------------------------------------------- pick_event_time
def test_temporal_pick_nearest_resolvable():
    text = "Ia menghadiri KTT pada April 2021, lalu berkunjung ke Moskow pada Senin."
    times = find_times(text, MON_2022_09_05)
    assert pick_event_time(times, text.index("berkunjung"), text).text == "pada Senin"
    assert pick_event_time(times, text.index("menghadiri"), text).text == "pada April 2021"


def test_temporal_pick_ignores_since_phrase_for_outside_trigger():
    text = "Sejak kudeta pada 2021, junta telah menewaskan ribuan warga."
    times = find_times(text, MON_2022_09_05)
    t = pick_event_time(times, text.index("menewaskan"), text)
    assert t is not None and t.value is None and t.text == "Sejak kudeta"


def test_temporal_pick_since_phrase_dates_trigger_inside():
    text = "Junta gagal meredam perlawanan sejak jenderal itu merebut kekuasaan dalam kudeta tahun 2021."
    times = find_times(text, MON_2022_09_05)
    assert pick_event_time(times, text.index("merebut"), text).value == "2021"
    assert pick_event_time(times, text.index("gagal"), text) is None


@pytest.mark.parametrize("text,trigger,value", [
    # "sejak" right before the date: the act has gone on since then, which dates it
    ("Bupati itu telah ditahan di rutan sejak Jumat (2/9).", "ditahan", "2022-09-02"),
    ("Kota itu dikepung pasukan pemerintah sejak 2013.", "dikepung", "2013"),
    ("Negara itu mendapat sanksi sejak tahun 2006 karena program nuklirnya.", "sanksi", "2006"),
    # a date of the act's own, as near, comes first
    ("Setelah lobi sejak Kamis (1/9), undang-undang itu disahkan pada Jumat (2/9).", "disahkan", "2022-09-02"),
])
def test_temporal_pick_since_a_date_dates_the_act_that_goes_on(text, trigger, value):
    times = find_times(text, MON_2022_09_05)
    assert pick_event_time(times, text.index(trigger), text).value == value

def test_temporal_pick_span_of_years_after_a_noun_is_that_things_period():
    text = "Jaksa menahan bupati itu dalam kasus korupsi pembangunan pasar 2009 - 2012."
    times = find_times(text, MON_2022_09_05)
    assert [t.text for t in times] == ["2009 - 2012"]
    assert pick_event_time(times, text.index("menahan"), text) is None
    text = "Ia menjabat bupati pada 2009 - 2012."
    assert pick_event_time(find_times(text, MON_2022_09_05), text.index("menjabat"), text).value == "2009"

def test_temporal_pick_without_trigger_prefers_precise():
    text = "Rencana 2019 hingga 2023 dikirim per 27 Juni tahun ini."
    times = find_times(text, dt.date(2018, 8, 1))
    assert pick_event_time(times, None, text).value == "2018-06-27"


def test_temporal_pick_empty():
    assert pick_event_time([], 3) is None


def test_temporal_years_a_thing_is_for_do_not_date_the_event():
    import datetime as _dt
    from warta.analyse.temporal import find_times, pick_event_time
    s = "Kedua negara merundingkan rencana aksi untuk 2019 sampai 2023 pada Rabu (1/8)."
    t = pick_event_time(find_times(s, _dt.date(2018, 8, 2)), s.index("merundingkan"), s)
    assert t is not None and t.value == "2018-08-01"
    s = "Kedua negara merundingkan rencana aksi untuk 2019 sampai 2023."
    t = pick_event_time(find_times(s, _dt.date(2018, 8, 2)), s.index("merundingkan"), s)
    assert t is None or t.value != "2019"


def test_temporal_speech_date_dates_an_event_nothing_else_dates():
    # 5 Sept 2022 is a Monday: "Senin" after "kata ..." is that day, the day of the speech
    s = '"Kami meminta pemerintah membuka jalan itu," kata Budi di Jakarta, Senin.'
    t = pick_event_time(find_times(s, MON_2022_09_05), s.index("meminta"), s)
    assert t is not None and t.value == "2022-09-05"


def test_temporal_speech_date_gives_way_to_the_events_own_date():
    # the arrest is dated Saturday 3 September; Monday is only when the police said so
    s = "Polisi menangkap dua tersangka pada Sabtu (3/9), kata juru bicara itu, Senin (5/9)."
    t = pick_event_time(find_times(s, MON_2022_09_05), s.index("menangkap"), s)
    assert t is not None and t.value == "2022-09-03"


def test_temporal_weekday_index_reads_every_spelling_of_the_days():
    from warta.analyse.temporal_patterns import weekday_index

    # Monday is 0 as in datetime.date.weekday(); Ahad is the Arabic-derived name of Sunday
    assert [weekday_index(w) for w in ("Senin", "SELASA", "rabu", "Kamis", "Jumat", "Jum'at", "Jum’at",
                                        "Sabtu", "Minggu", "Ahad")] == [0, 1, 2, 3, 4, 4, 4, 5, 6, 6]
    assert weekday_index("Pekan") is None and weekday_index("Juni") is None
