"""Event dates in the records: own dates, the story's date, offsets from it, and never the publication day silently."""
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
