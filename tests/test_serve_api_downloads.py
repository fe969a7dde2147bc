"""Filtered event views as CSV and JSON Lines downloads."""
from __future__ import annotations

import csv
import io
import json

from warta.export.formats import CSV_COLUMNS, flat_event

from fixtures_serve import hostile_documents


def test_serve_api_csv_download_matches_the_filtered_view(http):
    params = {"country": "IDN", "sort": "-date"}
    view = http.get("/api/events", params={**params, "limit": 500}).json()
    r = http.get("/api/events.csv", params=params)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0].keys()) == CSV_COLUMNS
    assert [row["id"] for row in rows] == [e["id"] for e in view]
    want = flat_event(view[0])
    assert rows[0]["sentence"] == want["sentence"] and rows[0]["actor_codes"] == want["actor_codes"]


def _plain(rec):
    return {k: v for k, v in rec.items() if k not in ("cluster", "reports")}


def test_serve_api_jsonl_download_is_the_records_that_went_in(http):
    """Expected from the inputs, not from the store: the hand-made records verbatim, and as many
    records of the built-in examples as analysing them (no store) gives."""
    from warta.api import analyze_inputs, examples_dir

    r = http.get("/api/events.jsonl")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(x) for x in r.text.splitlines()]
    by_id = {x["id"]: x for x in lines}
    assert len(by_id) == len(lines)
    made = [e for d in hostile_documents() for e in d.to_dict()["events"]]
    assert made and all(_plain(by_id[e["id"]]) == _plain(e) for e in made)
    analysed = [e for d in analyze_inputs([str(examples_dir())]) for e in d.to_dict()["events"]]
    assert analysed
    assert sorted(by_id) == sorted({e["id"] for e in made} | {e["id"] for e in analysed})
    assert all(x["cluster"] and x["reports"] >= 1 for x in lines)
    unicode = http.get("/api/events.jsonl", params={"actor": "Ñandú"}).text
    assert "日本の外務大臣 Ñandú" in unicode  # written as UTF-8, not \u escapes


def test_serve_api_downloads_honour_filters_limit_and_validation(http):
    r = http.get("/api/events.jsonl", params={"type": "CONSULT", "limit": 1})
    lines = r.text.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["event"] == ["CONSULT"]
    assert http.get("/api/events.csv", params={"since": "soon"}).status_code == 422
    assert http.get("/api/events.csv", params={"limit": "all"}).status_code == 422
    empty = http.get("/api/events.csv", params={"actor": "nobody at all"})
    assert empty.status_code == 200 and empty.text.strip() == ",".join(CSV_COLUMNS)


def test_serve_api_geojson_download_and_a_map_points_events(http, serve_store):
    import geojson

    r = http.get("/api/events.geojson", params={"country": "IDN"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    fc = geojson.loads(r.text)
    assert fc.is_valid, fc.errors()
    placed = [e for e in serve_store.events(limit=None, country="IDN") if (e.get("event_loc") or {}).get("lat") is not None]
    assert placed and sorted(f["id"] for f in fc["features"]) == sorted(e["id"] for e in placed)
    for p in http.get("/api/places").json():
        at = http.get("/api/places/events", params={"lat": p["lat"], "lon": p["lon"], "type": p["type"]}).json()
        assert len(at) == min(p["count"], 50)
        assert all((e["event_loc"]["lat"], e["event_loc"]["lon"], e["event"][0]) == (p["lat"], p["lon"], p["type"])
                   for e in at)
    assert http.get("/api/places/events", params={"lat": 91, "lon": 0}).status_code == 422
