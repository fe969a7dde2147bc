"""The map page in a real browser (Debian's Chromium driven by Playwright): dense points merge
into groups that split when zoomed in, and Indonesia's provinces are coloured by their events.

The store is made here: :data:`PLACES` puts events at two tight bunches of nearby places (around
Jakarta and around Surabaya) and at single places far apart, with the provinces they lie in.
Screenshots go to ``test-artifacts/`` (git-ignored).
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from fixtures_serve import CHROMIUM, LiveServer, _arg, _document, _record, _sentences, shot

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing: run .ci/install-chromium.sh")

# (place, lat, lon, province code, province name, events there): two bunches a few kilometres
# across, and places hundreds of kilometres from each other
JAKARTA = [(f"Jakarta {i}", -6.20 + 0.05 * (i % 4), 106.70 + 0.05 * (i // 4), "IDN.04", "DKI Jakarta", 1 + i % 3)
           for i in range(12)]
SURABAYA = [(f"Surabaya {i}", -7.25 + 0.02 * i, 112.75, "IDN.08", "Jawa Timur", 2) for i in range(6)]
FAR = [("Medan", 3.59, 98.67, "IDN.26", "Sumatera Utara", 4), ("Jayapura", -2.53, 140.72, "IDN.36", "Papua", 1),
       ("Kupang", -10.17, 123.61, "IDN.18", "Nusa Tenggara Timur", 3), ("Tokyo", 35.69, 139.69, None, None, 2)]
PLACES = JAKARTA + SURABAYA + FAR
TYPES = [("CONSULT", "bertemu", 1), ("ACCUSE", "mengecam", 3), ("AID", "membantu", 2)]


def _documents():
    """One document per place, one sentence (and event) per event there, types in turn."""
    docs = []
    for k, (place, lat, lon, code, name, n) in enumerate(PLACES):
        words = [TYPES[i % len(TYPES)] for i in range(n)]
        text = " ".join(f"Menteri Ali {trigger} Menteri Budi di {place} pada Senin nomor {k}-{i}."
                        for i, (_, trigger, _) in enumerate(words))
        sents = _sentences(text)
        events = []
        for i, ((typ, trigger, quad), sent) in enumerate(zip(words, sents)):
            rec = _record(f"peta_{k}.txt", text, sent, i, type=typ, trigger=trigger,
                          actor=[_arg(text, "Menteri Ali", "IDN", "Ali", None, within=sent[0])],
                          recipient=[_arg(text, "Menteri Budi", "IDN", "Budi", None, within=sent[0])],
                          date="2021-05-03", quad=quad, lat=lat, lon=lon, place=place)
            rec["event_loc"].update(admin1_code=code, admin1=name, country_code3="JPN" if place == "Tokyo" else "IDN")
            events.append(rec)
        docs.append(_document(f"peta_{k}.txt", text, [], events))
    return docs


@pytest.fixture(scope="module")
def map_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from warta.serve import create_app
    from warta.store.store import Store

    path = Path(tmp_path_factory.mktemp("map")) / "map.db"
    with Store(path) as store:
        for d in _documents():
            assert store.add(d)
        with LiveServer(create_app(store, token="")) as srv:
            yield srv.url


@pytest.fixture
def map_page(browser, map_server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(20_000)
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(map_server + "/map")
    pg.wait_for_function("() => window.warta && window.warta.charts.map && window.warta.charts.provinces")
    yield pg
    ctx.close()
    assert not errors, f"JavaScript errors: {errors}"


# each marker: the places it holds and its number of events
MARKERS = ("() => window.warta.mapMarkers().map(m => [[...new Set(m.members ? m.members.map(d => d.place) : [m.d.place])]"
           ".sort(), m.value[2]])")


def test_serve_browser_map_clusters_nearby_points_and_splits_them_when_zoomed(map_page):
    total = sum(p[-1] for p in PLACES)
    markers = map_page.evaluate(MARKERS)
    assert sum(n for _, n in markers) == total, "every event is in one marker"
    assert sorted(p for places, _ in markers for p in places) == sorted(p[0] for p in PLACES)
    # at the initial zoom each bunch is one group; the far places stay apart
    assert len(markers) == len(FAR) + 2 < len(PLACES)
    groups = {places[0].split()[0]: n for places, n in markers if len(places) > 1}
    assert groups == {"Jakarta": sum(p[-1] for p in JAKARTA), "Surabaya": sum(p[-1] for p in SURABAYA)}
    drawn = map_page.evaluate("() => window.warta.charts.map.getOption().series.find(s => s.id === 'clusters')"
                              ".data.map(d => [d.value[2], d.label.formatter])")
    assert all(str(n) == label for n, label in drawn) and {n for n, _ in drawn} >= set(groups.values()), \
        "a group shows its number of events"
    shot(map_page, "map-clusters")
    # a click on the Jakarta group lists its points and zooms in on it; further in, it comes apart
    map_page.evaluate("() => { const c = window.warta.charts.map; const s = c.getOption().series.find(x => x.id === 'clusters');"
                      " const g = s.data.find(d => d.members[0].place.startsWith('Jakarta '));"
                      " c.trigger('click', {data: g}); }")
    points_in_jakarta = sum(min(p[-1], len(TYPES)) for p in JAKARTA)  # one point per place and type
    assert map_page.locator("#map-events .place-list li").count() == points_in_jakarta
    for _ in range(6):  # as the mouse wheel does, over the bunch's middle
        map_page.evaluate("() => { const c = window.warta.charts.map; const o = c.convertToPixel({geoIndex: 0}, [106.775, -6.125]);"
                          " c.dispatchAction({type: 'geoRoam', componentType: 'geo', geoIndex: 0, zoom: 2, originX: o[0], originY: o[1]}); }")
    zoomed = map_page.evaluate(MARKERS)
    assert sum(n for _, n in zoomed) == total
    jakarta = [places for places, _ in zoomed if places[0].startswith("Jakarta ")]
    assert len(jakarta) == len(JAKARTA) and all(len(places) == 1 for places in jakarta), \
        "zoomed in, each Jakarta place stands apart"
    shot(map_page, "map-zoomed")


def test_serve_browser_map_colours_provinces_by_event_count(map_page):
    want: dict[str, int] = {}
    for _, _, _, _, name, n in PLACES:
        if name:
            want[name] = want.get(name, 0) + n
    got = map_page.evaluate("() => window.warta.charts.provinces.getOption().series[0].data.map(d => [d.name, d.value])")
    assert {k: v for k, v in got if v} == want
    assert len(got) == 38
    regions = map_page.evaluate("() => window.warta.charts.provinces.getOption().series[0].map")
    assert regions == "warta-idn"
    fills = map_page.evaluate(
        "() => { const c = window.warta.charts.provinces; const data = c.getModel().getSeriesByIndex(0).getData();"
        " const out = {}; for (let i = 0; i < data.count(); i++) out[data.getName(i)] = data.getItemVisual(i, 'style').fill;"
        " return out; }")
    assert len({fills[name] for name in want}) == len(set(want.values())), "as many shades as distinct counts"
    assert fills["Bali"] == fills["Aceh"] != fills["DKI Jakarta"] != fills["Jawa Timur"]
    rows = map_page.locator("details.province-table tbody tr")
    assert rows.count() == 38
    map_page.locator("#provinces").scroll_into_view_if_needed()
    shot(map_page, "map-provinces")
