"""CSV round trip through ``warta export`` and the REST download ``/api/events.csv`` (issue #20).

The article's sentences carry commas, double quotes and a line break; read back with the
``csv`` module, every row must give each sentence exactly as it stands in the article text
(``text[start:end]``), one row per event, nothing split or merged.
"""
from __future__ import annotations

import csv
import io

import httpx
from typer.testing import CliRunner

from warta.cli import app
from warta.export.formats import CSV_COLUMNS
from warta.store.store import Store

from fixtures_serve import LiveServer

TEXT = ('Mesir, kata juru bicara "resmi", mengundang Sudan\nke perundingan "damai, adil". '
        'Sudan menolak tuduhan Mesir, "tanpa bukti", soal perbatasan; ""kosong"". '
        'Mesir dan Sudan akan berunding lagi.')


def _expected_rows(doc):
    # from the document as built, not from any writer: one row per event, the exact sentence
    return [(e["id"], TEXT[e["text_info"]["start"]:e["text_info"]["end"]], str(e["text_info"]["start"]))
            for e in doc.to_dict()["events"]]


def _check(rows, doc):
    assert rows, "no rows read back"
    assert list(rows[0].keys()) == CSV_COLUMNS
    got = sorted((r["id"], r["sentence"], r["start"]) for r in rows)
    assert got == sorted(_expected_rows(doc))
    # the awkward characters did survive
    sentences = [r["sentence"] for r in rows]
    assert any("\n" in s and '"resmi",' in s for s in sentences)
    assert any('""kosong""' in s for s in sentences)
    assert all(r["actor_texts"] in ("Mesir", "Sudan") for r in rows)


def _stored(tmp_path, make_document):
    doc = make_document("koma.txt", TEXT)
    assert len(doc.events) == 3
    path = tmp_path / "csv.db"
    with Store(path) as store:
        assert store.add(doc)
    return doc, path


def test_export_csv_roundtrip_through_warta_export(tmp_path, make_document):
    doc, path = _stored(tmp_path, make_document)
    out = tmp_path / "events.csv"
    res = CliRunner().invoke(app, ["export", "--db", str(path), "--format", "csv", "-o", str(out)])
    assert res.exit_code == 0, res.output
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    _check(rows, doc)


def test_export_csv_roundtrip_through_the_rest_download(tmp_path, make_document):
    from warta.serve import create_app

    doc, path = _stored(tmp_path, make_document)
    with Store(path) as store, LiveServer(create_app(store, token="")) as srv, \
            httpx.Client(base_url=srv.url, timeout=60) as c:
        r = c.get("/api/events.csv")
    assert r.status_code == 200
    rows = list(csv.DictReader(io.StringIO(r.text, newline="")))
    _check(rows, doc)
