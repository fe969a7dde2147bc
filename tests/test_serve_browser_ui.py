"""The web UI in a real browser (Debian's Chromium driven by Playwright) against a live server.

Screenshots go to ``test-artifacts/`` (git-ignored). Skipped only when /usr/bin/chromium is
missing (``.ci/install-chromium.sh`` installs it).
"""
from __future__ import annotations

import os
from urllib.parse import urlparse

import pytest

from fixtures_serve import CHROMIUM, shot

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing: run .ci/install-chromium.sh")


@pytest.fixture
def page(browser, live_server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(20_000)
    remote, errors, dialogs = [], [], []
    pg.on("request", lambda r: remote.append(r.url) if urlparse(r.url).hostname not in ("127.0.0.1", None) else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.live = live_server
    yield pg
    ctx.close()
    assert not remote, f"the page fetched from elsewhere: {remote}"
    assert not errors, f"JavaScript errors: {errors}"
    assert not dialogs, f"a dialog opened (injected script?): {dialogs}"


def _example_event(http) -> dict:
    """An event of the built-in examples with a trigger, an actor and a recipient linked to entities."""
    for e in http.get("/api/events", params={"limit": 500}).json():
        if e["doc"].startswith("0") and e.get("trigger") and e["actor"] and e["recipient"] \
                and e["actor"][0].get("entity_id") and e["actor"][0].get("start") is not None:
            return e
    pytest.fail("no example event with trigger, actor and recipient: is the analysis complete?")


def test_serve_browser_event_table_to_highlighted_evidence_to_entity(page, http):
    ev = _example_event(http)
    page.goto(page.live + "/events")
    rows = page.locator("tr.event-row")
    assert rows.count() >= 10
    shot(page, "events")
    page.locator(f'tr[data-event-id="{ev["id"]}"] a.event-link').click()
    page.wait_for_url(f"**/events/{ev['id']}**")
    evidence = page.locator("mark.hl-evidence")
    assert evidence.count() == 1
    assert evidence.inner_text() == ev["text_info"]["sentence"]
    assert page.locator("mark.hl-evidence mark.hl-trigger").inner_text() == ev["trigger"]["text"]
    actors = page.locator("mark.hl-actor").all_inner_texts()
    assert ev["actor"][0]["entity_text"] in actors
    recips = page.locator("mark.hl-recipient").all_inner_texts()
    assert ev["recipient"][0]["entity_text"] in recips
    shot(page, "event")

    eid = ev["actor"][0]["entity_id"]
    page.locator(f'#event-card a[href="/entities/{eid}"]').first.click()
    page.wait_for_url(f"**/entities/{eid}")
    assert page.locator("#entity-name").inner_text()
    page.wait_for_function("() => window.warta && window.warta.cy && window.warta.charts.timeline")
    nodes = page.evaluate("() => window.warta.cy.nodes().length")
    assert nodes >= 2
    assert page.evaluate(f"() => window.warta.cy.getElementById({eid!r}).length") == 1
    points = page.evaluate("() => echarts.getInstanceByDom(document.getElementById('timeline-chart'))"
                           ".getOption().series[0].data.length")
    assert points >= 1
    shot(page, "entity")


def test_serve_browser_network_page_draws_nodes_and_edges(page, http):
    graph = http.get("/api/graph", params={"max_nodes": 30}).json()
    page.goto(page.live + "/network")
    page.wait_for_function("() => window.warta && window.warta.cy")
    assert page.evaluate("() => window.warta.cy.nodes().length") == len(graph["nodes"])
    assert page.evaluate("() => window.warta.cy.edges().length") == len(graph["edges"]) > 0
    # the nodes were laid out inside the canvas
    bb = page.evaluate("() => { const b = window.warta.cy.elements().boundingBox(); return [b.w, b.h]; }")
    assert bb[0] > 0 and bb[1] > 0
    shot(page, "network")
    page.goto(page.live + "/network?type=CONSULT")
    page.wait_for_function("() => window.warta && window.warta.cy")
    small = http.get("/api/graph", params={"type": "CONSULT", "max_nodes": 30}).json()
    assert page.evaluate("() => window.warta.cy.edges().length") == len(small["edges"])


def test_serve_browser_timeline_and_map_charts_have_points(page, http):
    t = http.get("/api/timeline").json()
    page.goto(page.live + "/timeline")
    page.wait_for_function("() => window.warta && window.warta.charts.timeline")
    opt = page.evaluate("() => { const o = window.warta.charts.timeline.getOption();"
                        " return [o.series[0].data.length, o.series[1].data.length]; }")
    assert opt[0] == sum(1 for e in t["events"] if e["day"]) > 0
    assert opt[1] == len(t["series"])
    shot(page, "timeline")
    places = http.get("/api/places").json()
    assert places, "the examples' events are geocoded"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.live + "/map")
    page.wait_for_function("() => window.warta && window.warta.charts.map")
    opt = page.evaluate("() => { const o = window.warta.charts.map.getOption();"
                        " return [o.series.reduce((n, s) => n + s.data.reduce((k, d) => k + (d.members ? d.members.length : 1), 0), 0),"
                        " o.series.reduce((n, s) => n + s.data.reduce((k, d) => k + d.value[2], 0), 0),"
                        " (o.geo || []).length, o.series.map(s => s.coordinateSystem)]; }")
    assert opt[0] == len(places), "every point is drawn, alone or in a group of nearby points"
    assert opt[1] == sum(p["count"] for p in places)
    assert opt[2] == 1 and set(opt[3]) == {"geo"}, "points drawn on the vendored country outlines"
    # a click on a point lists its events with their evidence sentences (a point in a group: the
    # same listing, as the group's list of places opens it)
    biggest = max(places, key=lambda p: p["count"])
    page.evaluate("(d) => { const c = window.warta.charts.map; const s = c.getOption().series;"
                  " const p = s.flatMap(x => x.data).find(p => p.d && p.d.lat === d.lat && p.d.lon === d.lon && p.d.type === d.type);"
                  " if (p) c.trigger('click', {data: p}); else window.warta.placeEvents(d); }", biggest)
    page.wait_for_selector("#map-events li")
    assert page.locator("#map-events li").count() == min(biggest["count"], 50)
    shot(page, "map")
    page.goto(page.live + "/map?since=2100-01")
    assert "has coordinates" in page.locator("#map-empty").inner_text()


def test_serve_browser_script_payloads_stay_text(page, http):
    ev = http.get("/api/events", params={"actor": "person/uji-ali"}).json()[0]
    for path in (f"/events/{ev['id']}", "/entities/person/uji-ali", "/network", "/?q=Istana"):
        page.goto(page.live + path)
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.__xss") is None, path
    page.goto(page.live + f"/events/{ev['id']}")
    assert "<script>window.__xss=1</script>" in page.locator("#article-text").inner_text()
    page.goto(page.live + "/entities/person/uji-ali")
    assert page.locator("#entity-name").inner_text() == "<img src=x onerror=window.__xss=2>Ali"
    page.wait_for_function("() => window.warta && window.warta.cy")
    label = page.evaluate("() => window.warta.cy.getElementById('person/uji-ali').data('label')")
    assert label.startswith("<img src=x")  # drawn on canvas as text, never parsed as HTML


def test_serve_browser_home_search_and_phone_width(browser, live_server):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = ctx.new_page()
    try:
        pg.goto(live_server + "/")
        pg.fill(".search-big input[name=q]", "Istana")
        pg.click(".search-big button")
        pg.wait_for_selector("#results")
        assert "uji_xss.txt" in pg.locator("#results").inner_text()
        for path in ("/", "/events", "/entities/person/uji-ali", "/documents/uji_xss.txt"):
            pg.goto(live_server + path)
            over = pg.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert over <= 1, f"{path} is {over}px wider than a phone screen"
        shot(pg, "phone-events")
    finally:
        ctx.close()


def test_serve_browser_events_newest_first_with_separated_sort_options(page):
    page.goto(page.live + "/events")
    dates = [d for d in page.locator("tr.event-row td:first-child").all_inner_texts() if d.strip() not in ("", "—")]
    assert len(dates) >= 5 and dates == sorted(dates, reverse=True)
    active = page.locator("nav.sort .active")
    assert active.count() == 1 and active.inner_text() == "newest first"
    assert active.get_attribute("aria-current") == "true"
    options = page.locator("nav.sort li")
    assert options.count() == 5
    # separated: each option its own item, with a visible separator between them
    sep = page.evaluate("() => getComputedStyle(document.querySelectorAll('nav.sort li')[1], '::before').content")
    assert "·" in sep
    page.locator('nav.sort a[data-sort="date"]').click()
    page.wait_for_url("**sort=date**")
    assert page.locator("nav.sort .active").inner_text() == "oldest first"
    up = [d for d in page.locator("tr.event-row td:first-child").all_inner_texts() if d.strip() not in ("", "—")]
    assert up == sorted(up)


def test_serve_browser_network_starts_with_top_actors_labelled_and_shows_more(page, http):
    full = http.get("/api/graph", params={"max_nodes": 500}).json()
    assert full["total_nodes"] > 3
    page.goto(page.live + "/network?max_nodes=3")
    page.wait_for_function("() => window.warta && window.warta.cy")
    assert page.evaluate("() => window.warta.cy.nodes().length") == 3
    assert page.evaluate("() => window.warta.layout") == "cose"  # force-directed, not a ring
    # the three are the most active actors, and every node shows its label
    top = sorted(full["nodes"], key=lambda n: -n["events"])[:3]
    shown = page.evaluate("() => window.warta.cy.nodes().map(n => n.id())")
    assert sorted(shown) == sorted(n["id"] for n in top)
    labels = page.evaluate("() => window.warta.cy.nodes().map(n => n.style('label'))")
    assert all(lbl.strip() for lbl in labels)
    page.locator("#network-more").click()
    page.wait_for_url("**max_nodes=33**")
    page.wait_for_function("() => window.warta && window.warta.cy")
    assert page.evaluate("() => window.warta.cy.nodes().length") == min(33, full["total_nodes"])
    # edge width grows with the event count, colour follows the main quad class
    edges = page.evaluate("() => window.warta.cy.edges().map(e => [e.data('count'), e.data('width'), e.data('color')])")
    assert edges
    for (c1, w1, _), (c2, w2, _) in zip(edges, edges[1:]):
        assert (c1 - c2) * (w1 - w2) >= 0
    quad_colours = {"#2e7d32", "#1565c0", "#ef6c00", "#c62828"}
    assert {col for _, _, col in edges} <= quad_colours | {"#999"}
    # clicking an actor opens it
    node = page.evaluate("() => { const n = window.warta.cy.nodes('[entity != \"\"]')[0]; return n ? n.data('entity') : null; }")
    assert node
    page.evaluate("() => window.warta.cy.nodes('[entity != \"\"]')[0].emit('tap')")
    page.wait_for_url("**/entities/**")


def test_serve_browser_timeline_shows_empty_months_as_zero(page, http):
    t = http.get("/api/timeline").json()
    page.goto(page.live + "/timeline")
    page.wait_for_function("() => window.warta && window.warta.charts.timeline")
    periods, totals = page.evaluate("() => { const o = window.warta.charts.timeline.getOption();"
                                    " return [o.xAxis[1].data, o.series[1].data]; }")
    assert len(periods) >= 2 and periods[0] == t["series"][0]["period"] and periods[-1] == t["series"][-1]["period"]
    ym = [(int(p[:4]), int(p[5:7])) for p in periods]
    assert all((y2 * 12 + m2) - (y1 * 12 + m1) == 1 for (y1, m1), (y2, m2) in zip(ym, ym[1:]))  # no month skipped
    dated_months = {e["date"][:7] for e in t["events"] if e["date"] and len(e["date"]) >= 7}
    for p, n in zip(periods, totals):
        if p not in dated_months:
            assert n == 0
