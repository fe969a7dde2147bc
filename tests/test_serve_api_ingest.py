"""``POST /api/documents``: refused without the token, accepted with it; a re-POST changes nothing."""
from __future__ import annotations

import httpx

from fixtures_serve import TOKEN

ARTICLE = {"id": "post-1", "published": "2024-02-01", "source": "Uji",
           "text": "Jakarta (ANTARA) - Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Jepang di Tokyo "
                   "pada Kamis untuk membahas kerja sama maritim.\n"}


def test_serve_api_post_refused_on_a_read_only_server(http, serve_store):
    before = serve_store.count()
    r = http.post("/api/documents", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403 and "read-only" in r.json()["message"]
    assert serve_store.count() == before


def test_serve_api_post_needs_the_right_token(token_server):
    url, _ = token_server
    with httpx.Client(base_url=url, timeout=120) as c:
        r = c.post("/api/documents", json=ARTICLE)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert c.post("/api/documents", json=ARTICLE, headers={"Authorization": "Bearer wrong"}).status_code == 403
        assert c.post("/api/documents", json=ARTICLE, headers={"Authorization": TOKEN}).status_code == 401
        assert c.get("/api/documents").json() == []


def test_serve_api_post_stores_once_and_repost_changes_nothing(token_server):
    url, path = token_server
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=url, timeout=120) as c:
        r = c.post("/api/documents", json=ARTICLE, headers=auth)
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["stored"] == 1 and body["results"][0]["doc"] == "post-1"
        counts = c.get("/api/stats").json()["counts"]
        assert counts["documents"] == 1
        doc = c.get("/api/documents/post-1").json()
        assert doc["published"] == "2024-02-01" and doc["source"] == "Uji"
        again = c.post("/api/documents", json=[ARTICLE], headers=auth)
        assert again.status_code == 200 and again.json()["unchanged"] == 1 and again.json()["stored"] == 0
        assert c.get("/api/stats").json()["counts"] == counts


def test_serve_api_post_malformed_bodies_are_422(token_server):
    url, _ = token_server
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=url, timeout=60) as c:
        for body in ({"id": "x"}, {"text": "no id"}, {"id": "x", "text": "t", "published": "kemarin"}, [], "text", 5):
            r = c.post("/api/documents", json=body, headers=auth)
            assert r.status_code == 422, (body, r.text)
            assert r.json()["message"]
        r = c.post("/api/documents", content=b"{not json", headers={**auth, "content-type": "application/json"})
        assert r.status_code == 422
        assert c.post("/api/documents", json=[ARTICLE] * 101, headers=auth).status_code == 422
        assert c.get("/api/documents").json() == []
