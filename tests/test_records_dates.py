"""Event dates and places in the records: own ones, the story's, offsets from it, and never the publication day silently."""
import warta


def test_records_days_after_offset_resolves_from_the_story_date():
    d = warta.analyze("Menteri Luar Negeri Rusia Sergei Lavrov tiba di Jakarta pada Senin (6/5/2024). "
                      "Kunjungan ini terjadi tiga hari setelah Amerika Serikat menjatuhkan sanksi baru terhadap Rusia.",
                      published="2024-05-06")
    [sanction] = [e for e in d.events if e["event"] == ["SANCTION"]]
    assert sanction["date"] == "2024-05-03"
    assert sanction["date_info"]["resolved_from"] == "context"
    assert sanction["date_info"]["text"] == "tiga hari setelah"


def test_records_event_without_date_says_where_its_date_came_from():
    d = warta.analyze("Polisi Thailand menangkap 30 demonstran di Bangkok.", published="2023-09-22")
    [coerce] = [e for e in d.events if e["event"] == ["COERCE"]]
    assert coerce["date"] == "2023-09"
    assert coerce["date_info"]["granularity"] == "month"
    assert coerce["date_info"]["resolved_from"].startswith("published")
    assert coerce["arrested"] == 30


def test_records_old_dated_event_is_historical():
    d = warta.analyze("Presiden Joko Widodo mengunjungi Moskow pada Juni 2022 dan bertemu Presiden Vladimir Putin.",
                      published="2024-05-06")
    assert d.events and all(e["modality"] == "historical" for e in d.events)
    assert all(e["date"] == "2022-06" for e in d.events)


def test_records_anaphoric_opener_takes_the_date_of_the_sentence_before():
    d = warta.analyze("Sebelumnya, pada Maret 2023, Presiden Filipina Ferdinand Marcos Jr. mengunjungi Tokyo. "
                      "Dalam lawatan itu, Marcos bertemu dengan Perdana Menteri Jepang Fumio Kishida.",
                      published="2023-05-02")
    [meeting] = [e for e in d.events if e["trigger"]["text"] == "bertemu"]
    assert meeting["date"] == "2023-03"
    assert meeting["date_info"]["resolved_from"] == "context"
    assert meeting["date_info"]["text"] == "pada Maret 2023"


def test_records_dating_sentence_after_the_event_gives_its_date():
    d = warta.analyze("Serangan artileri militer Sudan di sebuah pasar menewaskan 12 warga sipil. "
                      "Serangan itu terjadi pada Jumat pekan lalu.",
                      published="2024-02-14")
    [attack] = [e for e in d.events if e["event"] == ["ASSAULT"]]
    assert attack["date"] == "2024-02-09"
    assert attack["date_info"]["resolved_from"] == "context"


def test_records_undated_sentence_keeps_the_time_of_its_paragraph():
    d = warta.analyze("Pemimpin oposisi Venezuela ditahan di Caracas pada Selasa (9/1/2024). "
                      "Polisi Venezuela juga menangkap dua pengawalnya.\n\n"
                      "Presiden Brasil Luiz Inacio Lula da Silva bertemu Presiden Venezuela Nicolas Maduro di Brasilia.",
                      published="2024-05-20")
    [arrest] = [e for e in d.events if e["trigger"]["text"] == "menangkap"]
    assert arrest["date"] == "2024-01-09"
    assert arrest["modality"] == "historical"


def test_records_years_after_counts_back_from_publication():
    d = warta.analyze("Tiga tahun setelah kudeta militer, junta Myanmar masih menghadapi perlawanan.",
                      published="2024-02-01")
    [coup] = [e for e in d.events if e["event"] == ["COERCE"]]
    assert coup["date"] == "2021"
    assert coup["date_info"]["granularity"] == "year"
    assert coup["modality"] == "historical"


def test_records_context_place_comes_from_the_same_family_of_events():
    d = warta.analyze("Presiden Kenya William Ruto mengunjungi Tokyo, Jepang pada Senin (5/2/2024). "
                      "Sementara itu polisi Kenya menangkap 20 demonstran di Nairobi. "
                      "Ruto juga bertemu dengan Perdana Menteri Jepang Fumio Kishida.", published="2024-02-07")
    [meeting] = [e for e in d.events if e["trigger"]["text"] == "bertemu"]
    assert meeting["event_loc"]["country_code3"] == "JPN"
    assert meeting["event_loc"]["resolved_from"] == "context"
