"""The shipped province outlines (``serve/static/vendor/indonesia-provinces.json``, made by
``scripts/build_provinces.py``): one valid shape per province of the gazetteer, named and coded as
events store their province, small enough to send, and placing the gazetteer's towns in their own
province."""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

import warta
from warta.analyse.resolve.geo import gazetteer
from warta.serve.query import provinces

OUTLINES = Path(warta.__file__).resolve().parent / "serve" / "static" / "vendor" / "indonesia-provinces.json"
INDONESIA_BOX = (94.0, -12.0, 142.0, 7.0)  # lon/lat bounds that hold all of Indonesia


@pytest.fixture(scope="module")
def outlines() -> dict:
    return json.loads(OUTLINES.read_text(encoding="utf-8"))


def _polygons(geom: dict) -> list:
    return [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]


def _inside(x: float, y: float, ring: list) -> bool:
    """Even-odd rule: whether (x, y) lies inside the closed ``ring``."""
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def _covers(geom: dict, x: float, y: float) -> bool:
    return any(_inside(x, y, poly[0]) and not any(_inside(x, y, hole) for hole in poly[1:])
               for poly in _polygons(geom))


def test_serve_province_outlines_one_feature_per_gazetteer_province(outlines):
    want = {f"IDN.{code}": p.name for (cc, code), p in gazetteer().admin1.items() if cc == "IDN"}
    got = [(f["properties"]["code"], f["properties"]["name"]) for f in outlines["features"]]
    assert len(got) == len(want) == 38
    assert dict(got) == want
    assert provinces() == want, "the server names the provinces as the gazetteer does"
    assert "Voronoi" in outlines["attribution"] and "GeoNames" in outlines["attribution"]
    assert OUTLINES.stat().st_size < 300_000


def test_serve_province_outlines_are_closed_rings_inside_indonesia(outlines):
    west, south, east, north = INDONESIA_BOX
    for f in outlines["features"]:
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
        for poly in _polygons(f["geometry"]):
            for ring in poly:
                assert len(ring) >= 4 and ring[0] == ring[-1], f["properties"]["name"]
                assert all(west <= x <= east and south <= y <= north for x, y in ring), f["properties"]["name"]


def test_serve_province_outlines_are_valid_and_do_not_overlap(outlines):
    shapely = pytest.importorskip("shapely", reason="pip install -e '.[dev]'")
    from shapely.geometry import shape

    shapes = {f["properties"]["name"]: shape(f["geometry"]) for f in outlines["features"]}
    assert all(s.is_valid and s.area > 0 for s in shapes.values())
    # neighbours share borders; simplification may leave slivers, never a real overlap
    worst = max(a.intersection(b).area for a, b in itertools.combinations(shapes.values(), 2))
    assert worst < 0.01, f"provinces overlap by {worst} square degrees"
    assert shapely.union_all(list(shapes.values())).area > 140, "Indonesia's land is about 155 square degrees"


def test_serve_province_outlines_hold_their_own_towns(outlines):
    """Nearly every Indonesian town of the gazetteer lies in its own province's outline (the
    rest: on coasts and islets the outline smooths away)."""
    shapes = {f["properties"]["code"]: f["geometry"] for f in outlines["features"]}
    towns = [p for p in gazetteer().places if p.kind == "city" and p.country_code3 == "IDN"
             and f"IDN.{p.admin1_code}" in shapes]
    assert len(towns) > 5000
    own = sum(_covers(shapes[f"IDN.{t.admin1_code}"], t.lon, t.lat) for t in towns)
    assert own / len(towns) > 0.85
    jakarta = next(p for p in gazetteer().places if p.kind == "city" and p.name == "Jakarta")
    assert _covers(shapes["IDN.04"], jakarta.lon, jakarta.lat)
    assert not _covers(shapes["IDN.30"], jakarta.lon, jakarta.lat)
