"""warta.export.formats: documents, plover, csv and parquet writers (hand-made documents)."""
from __future__ import annotations

import csv
import io
import json

import pytest

from warta.errors import ExportError
from warta.export.formats import CSV_COLUMNS, FORMATS, flat_event, write

TEXT_A = ("Mesir mengundang Sudan ke perundingan di Kairo. Sudan menolak tuduhan Mesir soal perbatasan. "
          "Mesir dan Sudan akan menandatangani perjanjian damai bulan depan.")
TEXT_B = "Presiden Mesir menelepon pemimpin Sudan tentang bendungan. Kedua pihak membahas Sungai Nil."


@pytest.fixture
def docs(make_document):
    a = make_document("000_abc.txt", TEXT_A, title="Perundingan — Kairo")
    b = make_document("jsonl-id-7", TEXT_B)
    empty = make_document("kosong.txt", "Tidak ada peristiwa di sini.", events=False)
    return [a, b, empty]


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_export_documents_one_line_per_article(tmp_path, docs):
    out = tmp_path / "docs.jsonl"
    n = write("documents", (d.to_dict() for d in docs), str(out))
    assert n == 3
    recs = _lines(out)
    assert [r["doc"] for r in recs] == ["000_abc.txt", "jsonl-id-7", "kosong.txt"]
    for r, d in zip(recs, docs):
        assert r["doc_id"] == d.doc_id
        assert r["language"] == "id"
        assert r["published"] == {"value": "2022-09-05", "granularity": "day", "origin": "input"}
        assert r["body"] == {"start": 0, "end": len(d.text)}
        assert set(r) >= {"doc", "doc_id", "language", "title", "source", "wire", "dateline", "published",
                          "body", "boilerplate", "entities", "events"}
        assert "text" not in r
        for b in r["boilerplate"]:
            assert d.text[b["start"]:b["end"]] == b["text"]
        for e in r["entities"]:
            for m in e["mentions"]:
                assert d.text[m["start"]:m["end"]] == m["text"]
    assert recs[0]["title"] == "Perundingan — Kairo" and recs[0]["source"] == "ANTARA" and recs[0]["wire"] == "Reuters"
    assert len(recs[0]["events"]) == 3 and recs[2]["events"] == []
    # non-ASCII is written as is
    assert "Perundingan — Kairo" in out.read_text(encoding="utf-8")


def test_export_plover_one_line_per_event_with_exact_text_info(tmp_path, docs):
    out = tmp_path / "ev.jsonl"
    n = write("plover", (d.to_dict() for d in docs), str(out))
    recs = _lines(out)
    assert n == len(recs) == 5
    texts = {d.doc: d.text for d in docs}
    for r in recs:
        ti = r["text_info"]
        assert texts[r["doc"]][ti["start"]:ti["end"]] == ti["sentence"]
        assert r["event"] and isinstance(r["event"], list)
        assert r["codebook"] == "plover-1.0"
        assert r["actor"][0]["code"] == "EGY" and r["recipient"][0]["code"] == "SDN"
    assert [r["doc"] for r in recs] == ["000_abc.txt"] * 3 + ["jsonl-id-7"] * 2
    assert len({r["id"] for r in recs}) == 5


def test_export_csv_header_and_rows(tmp_path, docs):
    out = tmp_path / "ev.csv"
    n = write("csv", (d.to_dict() for d in docs), str(out))
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == CSV_COLUMNS
    assert n == len(rows) - 1 == 5
    first = dict(zip(CSV_COLUMNS, rows[1]))
    ev = docs[0].events[0]
    assert first["id"] == ev["id"] and first["doc"] == "000_abc.txt"
    assert first["event"] == "CONSULT" and first["actor_codes"] == "EGY" and first["recipient_sectors"] == "MIL"
    assert first["sentence"] == ev["text_info"]["sentence"]
    assert TEXT_A[int(first["start"]):int(first["end"])] == first["sentence"]
    assert first["amounts"] == "50000000000 IDR"
    assert first["injured"] == "3" and first["dead"] == ""
    assert first["location_code"] == "EGY" and first["modality"] == "asserted"


def test_export_csv_of_no_events_is_just_the_header(tmp_path, make_document):
    out = tmp_path / "none.csv"
    assert write("csv", [make_document("x.txt", "Tidak ada.", events=False).to_dict()], str(out)) == 0
    assert out.read_text(encoding="utf-8").strip() == ",".join(CSV_COLUMNS)


def test_export_flat_event_lists_are_joined():
    rec = {"id": "e1", "doc": "d", "event": ["AGREE"], "mode": [None], "context": ["a", "b"],
           "actor": [{"code": "IDN", "identifier_text": "Indonesia"}, {"code": None, "identifier_text": "X"}],
           "recipient": [], "text_info": {"start": 1, "end": 4, "sentence": "abc"}}
    row = flat_event(rec)
    assert list(row) == CSV_COLUMNS
    assert row["context"] == "a;b" and row["mode"] == "" and row["actor_codes"] == "IDN;" and row["actor_names"] == "Indonesia;X"
    assert row["recipient_codes"] == "" and row["start"] == 1 and row["date"] is None


def test_export_parquet_round_trips(tmp_path, docs):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "ev.parquet"
    n = write("parquet", (d.to_dict() for d in docs), str(out))
    table = pq.read_table(out)
    assert n == table.num_rows == 5
    assert table.column_names == CSV_COLUMNS
    rows = table.to_pylist()
    want = [flat_event(e) for d in docs for e in d.events]
    assert rows == want
    assert str(table.schema.field("start").type) == "int64"
    assert str(table.schema.field("confidence").type) == "double"


def test_export_to_stdout(docs):
    buf = io.StringIO()
    n = write("plover", (d.to_dict() for d in docs), "-", stdout=buf)
    assert n == 5 and len(buf.getvalue().splitlines()) == 5


def test_export_unknown_format_and_parquet_to_stdout_are_errors(tmp_path, docs):
    assert FORMATS == ("documents", "plover", "csv", "parquet", "geojson")
    with pytest.raises(ExportError, match="unknown format"):
        write("xml", [], str(tmp_path / "x"))
    with pytest.raises(ExportError, match="Parquet"):
        write("parquet", [], "-")
    assert not (tmp_path / "x").exists()


def test_export_from_store_records(tmp_path, store, docs):
    for d in docs:
        store.add(d)
    out = tmp_path / "from-store.jsonl"
    assert write("plover", store.document_records(), str(out)) == 5
    direct = tmp_path / "direct.jsonl"
    write("plover", sorted((d.to_dict() for d in docs), key=lambda r: r["doc"]), str(direct))
    stored = _lines(out)
    # exported from the store, records also carry their canonical event and its report count
    assert all(r["cluster"] and r["reports"] >= 1 for r in stored)
    assert [{k: v for k, v in r.items() if k not in ("cluster", "reports")} for r in stored] == _lines(direct)


def test_export_geojson_is_valid_geojson_with_event_points(tmp_path):
    import geojson

    import warta

    doc = warta.analyze("Jakarta, CNN Indonesia -- Ribuan buruh berunjuk rasa di Semarang pada Senin (3/4). "
                        "Polisi menangkap dua orang di Kabupaten Tuban.", published="2017-04-05").to_dict()
    nowhere = {"events": [{"id": "x", "event": ["ACCUSE"], "event_loc": None}]}
    out = tmp_path / "events.geojson"
    n = write("geojson", [doc, nowhere], str(out))
    fc = geojson.loads(out.read_text(encoding="utf-8"))
    assert fc.is_valid, fc.errors()
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == n == len(doc["events"])
    first = fc["features"][0]
    # GeoJSON puts longitude first; Semarang as GeoNames gives it
    assert first["geometry"]["coordinates"] == [110.42083, -6.99306]
    assert first["properties"]["admin1"] == "Jawa Tengah" and first["properties"]["location_precision"] == "point"


def test_export_csv_carries_place_columns(tmp_path):
    rec = {"id": "e1", "event": ["PROTEST"], "event_loc": {
        "placename": "Semarang", "country_code3": "IDN", "geonameid": 1627896, "lat": -6.99306, "lon": 110.42083,
        "admin1": "Jawa Tengah", "admin1_code": "IDN.07", "precision": "point"}}
    row = flat_event(rec)
    assert (row["location_geonameid"], row["lat"], row["lon"], row["admin1"], row["admin1_code"],
            row["location_precision"]) == (1627896, -6.99306, 110.42083, "Jawa Tengah", "IDN.07", "point")


def test_export_flat_event_carries_date_words_and_arrests():
    rec = {"id": "e1", "doc": "d", "event": ["COERCE"], "date": "2023-03-06",
           "date_info": {"granularity": "day", "text": "pada Senin"}, "arrested": 12, "dead": 1, "injured": 2}
    row = flat_event(rec)
    assert (row["date_text"], row["date_granularity"], row["arrested"], row["dead"], row["injured"]) == (
        "pada Senin", "day", 12, 1, 2)


def test_export_unknown_format_names_the_formats(tmp_path, docs):
    with pytest.raises(ExportError) as e:
        write("xml", docs, str(tmp_path / "x"))
    assert "'xml'" in str(e.value) and "documents, plover, csv, parquet" in str(e.value)
