"""The REST API over a real uvicorn server: listing, filters, paging, sorting, 404/422, caps."""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

import pytest


def test_serve_api_events_list_is_event_records_with_text_info(http, serve_store):
    r = http.get("/api/events", params={"limit": 500})
    assert r.status_code == 200
    items = r.json()
    assert isinstance(items, list)
    assert len(items) == serve_store.count()["events"]
    for rec in items:
        assert {"id", "doc", "event", "actor", "recipient", "text_info", "quad_code"} <= set(rec)
        assert rec["text_info"]["sentence"]
    assert r.headers["X-Has-More"] == "false"


def test_serve_api_events_pagination_pages_cover_everything_once(http, serve_store):
    total = serve_store.count()["events"]
    assert total > 3
    seen, offset, pages = [], 0, 0
    while True:
        r = http.get("/api/events", params={"limit": 3, "offset": offset})
        assert r.status_code == 200
        page = r.json()
        seen += [e["id"] for e in page]
        pages += 1
        if r.headers["X-Has-More"] != "true":
            break
        assert 'rel="next"' in r.headers["Link"]
        offset += 3
    assert len(seen) == total and len(set(seen)) == total
    assert pages == -(-total // 3)


def test_serve_api_events_sorting(http):
    up = [e["date"] for e in http.get("/api/events", params={"limit": 500}).json() if e["date"]]
    assert up == sorted(up)
    down = [e["date"] for e in http.get("/api/events", params={"limit": 500, "sort": "-date"}).json() if e["date"]]
    assert down == sorted(down, reverse=True)
    conf = [e["confidence"] or 0 for e in http.get("/api/events", params={"limit": 500, "sort": "-confidence"}).json()]
    assert conf == sorted(conf, reverse=True)
    assert http.get("/api/events", params={"sort": "nonsense"}).status_code == 422


def _fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s or "") if not unicodedata.combining(c)).casefold()


def _arg_is(a, val):
    # the documented meaning: a country code, an entity id, or part of the name or surface text
    return val.upper() == (a.get("code") or "") or val == a.get("entity_id") or \
        _fold(val) in _fold(a.get("identifier_text")) or _fold(val) in _fold(a.get("entity_text"))


def _texts(http):
    docs = http.get("/api/documents", params={"limit": 500}).json()
    return {d["doc"]: http.get(f"/api/documents/{quote(d['doc'])}").json()["text"] for d in docs}


def _keep(e, params, texts):
    """Does event record ``e`` pass ``params``? Written from the filters' documented meaning."""
    for k, v in params.items():
        if k == "type" and e["event"][0] != v.upper():
            return False
        if k in ("actor", "recipient") and not any(_arg_is(a, v) for a in e[k] or []):
            return False
        if k == "country" and (e.get("event_loc") or {}).get("country_code3") != v and \
                not any(a.get("code") == v for a in (e["actor"] or []) + (e["recipient"] or [])):
            return False
        if k == "since" and not (e["date"] and e["date"] >= v):
            return False
        if k == "until" and not (e["date"] and e["date"][:len(v)] <= v):
            return False
        if k == "modality" and e["modality"] != v:
            return False
        if k == "q" and not re.search(rf"\b{re.escape(v)}\b", texts[e["doc"]], re.I):
            return False
    return True


@pytest.mark.parametrize("params", [
    {"type": "CONSULT"}, {"type": "consult"}, {"actor": "IDN"}, {"recipient": "IRL"}, {"country": "IDN"},
    {"since": "2021-05-04"}, {"until": "2021-05"}, {"modality": "asserted"}, {"q": "Istana"},
    {"actor": "person/uji-ali"}, {"actor": "IDN", "type": "CONSULT", "since": "2021"},
])
def test_serve_api_events_filters_keep_what_the_filter_means(http, params):
    every = http.get("/api/events", params={"limit": 500}).json()
    want = sorted(e["id"] for e in every if _keep(e, params, _texts(http) if "q" in params else {}))
    assert 0 < len(want) < len(every), "the fixture does not tell a wrong filter from a right one"
    r = http.get("/api/events", params={**params, "limit": 500})
    assert r.status_code == 200, r.text
    assert sorted(e["id"] for e in r.json()) == want


def test_serve_api_events_filters_narrow(http):
    consult = http.get("/api/events", params={"type": "CONSULT", "limit": 500}).json()
    assert consult and all(e["event"][0] == "CONSULT" for e in consult)
    since = http.get("/api/events", params={"since": "2023-01-01", "limit": 500}).json()
    assert all(e["date"] >= "2023-01-01" for e in since)
    ali = http.get("/api/events", params={"actor": "person/uji-ali"}).json()
    assert [e["doc"] for e in ali] == ["uji_xss.txt"]


def test_serve_api_event_by_id_and_unknown_id(http):
    first = http.get("/api/events", params={"limit": 1}).json()[0]
    r = http.get(f"/api/events/{first['id']}")
    assert r.status_code == 200 and r.json() == first
    r = http.get("/api/events/no-such-event")
    assert r.status_code == 404
    assert "no-such-event" in r.json()["message"]


@pytest.mark.parametrize("params, field", [
    ({"limit": "x"}, "limit"), ({"limit": "1.5"}, "limit"), ({"limit": 0}, "limit"), ({"limit": 501}, "limit"),
    ({"offset": -1}, "offset"), ({"since": "yesterday"}, "since"), ({"until": "2021-13-99x"}, "until"),
    ({"modality": "maybe"}, "modality"), ({"type": "CONSULT; DROP TABLE events"}, "type"), ({"country": "Indonesia"}, "country"),
    ({"actor": "x" * 5000}, "actor"), ({"q": "kata " * 1000}, "q"),
])
def test_serve_api_malformed_parameters_are_422_with_a_message(http, params, field):
    r = http.get("/api/events", params=params)
    assert r.status_code == 422
    body = r.json()
    assert field in body["message"]
    assert any(field in d["loc"] for d in body["detail"])


def test_serve_api_page_size_is_capped(http):
    assert http.get("/api/events", params={"limit": 500}).status_code == 200
    assert http.get("/api/events", params={"limit": 10_000}).status_code == 422
    assert http.get("/api/documents", params={"limit": 501}).status_code == 422
    assert http.get("/api/entities", params={"limit": 501}).status_code == 422


def test_serve_api_documents_list_and_one(http, serve_store):
    docs = http.get("/api/documents", params={"limit": 500}).json()
    assert len(docs) == serve_store.count()["documents"]
    one = docs[0]
    for key in (one["doc_id"], one["doc"]):
        r = http.get(f"/api/documents/{quote(key)}")
        assert r.status_code == 200
        d = r.json()
        assert d["doc_id"] == one["doc_id"] and d["text"] and "events" in d and "entities" in d
        for ev in d["events"]:
            ti = ev["text_info"]
            assert d["text"][ti["start"]:ti["end"]] == ti["sentence"]
    assert http.get("/api/documents/nope.txt").status_code == 404
    two = http.get("/api/documents", params={"limit": 2}).json()
    assert [d["doc_id"] for d in two] == [d["doc_id"] for d in docs[:2]]


def test_serve_api_entities_list_and_one(http, serve_store):
    ents = http.get("/api/entities", params={"limit": 500}).json()
    assert len(ents) == serve_store.count()["entities"]
    r = http.get("/api/entities/person/uji-obrien")
    assert r.status_code == 200
    e = r.json()
    assert e["name"] == "O'Brien" and e["code"] == "IRL"
    assert e["events_count"] == 1
    assert [c["id"] for c in e["counterparts"]] == ["person/uji-ali"]
    assert http.get("/api/entities/person/nobody-here").status_code == 404
    assert http.get("/api/entities", params={"type": "XYZ"}).status_code == 422


def test_serve_api_stories_lists_the_stores_stories(http):
    r = http.get("/api/stories")
    assert r.status_code == 200
    stories = r.json()
    assert isinstance(stories, list) and stories
    for s in stories:
        assert s["id"] and s["title"]


def test_serve_api_timeline_orders_by_date_with_roles(http):
    r = http.get("/api/timeline", params={"actor": "person/uji-obrien"})
    assert r.status_code == 200
    t = r.json()
    assert [e["role"] for e in t["events"]] == ["recipient"]
    r = http.get("/api/timeline", params={"actor": "IDN"})
    t = r.json()
    dates = [e["date"] for e in t["events"] if e["date"]]
    assert dates == sorted(dates) and dates
    assert sum(s["total"] for s in t["series"]) == len(dates)
    both = http.get("/api/timeline", params={"actor": "person/uji-ali", "with": "person/uji-obrien"}).json()
    assert len(both["events"]) == 1 and both["events"][0]["type"] == "CONSULT"


def test_serve_api_graph_counts_pairs_by_type_and_quad(http):
    g = http.get("/api/graph").json()
    ids = {n["id"] for n in g["nodes"]}
    assert {"person/uji-ali", "person/uji-obrien"} <= ids
    edge = next(e for e in g["edges"] if e["source"] == "person/uji-ali")
    assert edge["target"] == "person/uji-obrien" and edge["count"] == 1
    assert edge["types"] == {"CONSULT": 1} and edge["quad"] == {"1": 1}
    for e in g["edges"]:
        assert e["source"] in ids and e["target"] in ids
        assert sum(e["types"].values()) == e["count"]
    small = http.get("/api/graph", params={"max_nodes": 2}).json()
    assert len(small["nodes"]) <= 2


def test_serve_api_search_finds_articles_events_entities(http):
    r = http.get("/api/search", params={"q": "Istana"})
    assert r.status_code == 200
    body = r.json()
    assert any(d["doc"] == "uji_xss.txt" for d in body["documents"])
    assert any(e["doc"] == "uji_xss.txt" for e in body["events"])
    assert http.get("/api/search", params={"q": "Brien"}).json()["entities"][0]["id"] == "person/uji-obrien"
    assert http.get("/api/search").status_code == 422


def test_serve_api_openapi_and_docs_are_local(http):
    spec = http.get("/openapi.json").json()
    for p in ("/api/events", "/api/events/{event_id}", "/api/documents", "/api/entities", "/api/stories",
              "/api/timeline", "/api/graph", "/api/search", "/api/events.csv", "/api/events.jsonl"):
        assert p in spec["paths"], p
    html = http.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert http.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_serve_api_home_page_has_counts(http, serve_store):
    r = http.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert f"<b>{serve_store.count()['events']}</b> events" in r.text
    assert "script-src 'self'" in r.headers["Content-Security-Policy"]


@pytest.mark.parametrize("option, value", [("since", "yesterday"), ("until", "2022-02-30"), ("type", "FOO"),
                                           ("modality", "maybe"), ("country", "Indonesia")])
def test_serve_api_bad_filters_say_what_the_cli_says(http, serve_store_path, option, value):
    """One check for every entry point: the REST API's 422, the CLI's error line and the Python
    API's FilterError carry the same message."""
    from typer.testing import CliRunner

    from warta.cli import app
    from warta.errors import FilterError
    from warta.store.store import Store

    r = http.get("/api/events", params={option: value})
    assert r.status_code == 422
    msg = next(d["msg"] for d in r.json()["detail"] if option in d["loc"])
    assert repr(value) in msg
    res = CliRunner().invoke(app, ["events", "--db", str(serve_store_path), f"--{option}", value])
    assert res.exit_code == 2 and "0 event(s)" not in res.stdout
    assert msg in " ".join(res.stderr.split())
    with Store(serve_store_path) as s, pytest.raises(FilterError) as e:
        s.events(**{option: value})
    assert str(e.value) == msg


def test_serve_api_canonical_events_lists_merged_events_with_their_sources(http):
    r = http.get("/api/canonical-events")
    assert r.status_code == 200
    items = r.json()
    assert items and all("sources" in c and c["reports"] >= 1 for c in items)
    one = items[0]["event"][0]
    typed = http.get("/api/canonical-events", params={"type": one.lower()}).json()
    assert typed and {c["event"][0] for c in typed} == {one}
    assert http.get("/api/canonical-events", params={"type": "FOO"}).status_code == 422
    assert http.get("/api/canonical-events", params={"since": "yesterday"}).status_code == 422
    page = http.get("/api/canonical-events", params={"limit": 1})
    assert len(page.json()) == 1 and page.headers["X-Has-More"] == ("true" if len(items) > 1 else "false")


def test_serve_api_every_endpoint_the_readme_names_exists_and_is_described_truly(http):
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    spec = http.get("/openapi.json").json()
    named = set(re.findall(r"`(/api/[a-z-]+)`", readme))
    assert "/api/canonical-events" in named
    for path in named:
        assert path in spec["paths"], path
    stories = spec["paths"]["/api/stories"]["get"]
    assert "not available" not in (stories["summary"] + stories.get("description", "")).lower()
