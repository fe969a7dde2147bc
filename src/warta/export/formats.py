"""Writers for warta's output formats (``../spec/output.md``).

* ``documents``: JSON Lines, one documents-format record per article;
* ``plover``: JSON Lines, one event record per line;
* ``csv``: one event per row, flat columns (lists joined with ``;``);
* ``parquet``: the same flat rows, typed, through pyarrow (``pip install warta[parquet]``);
* ``geojson``: a GeoJSON FeatureCollection (RFC 7946), one Point feature per event whose place
  has coordinates, its properties the flat row (for QGIS and other GIS tools).

Writers take an iterable of documents-format dicts and a binary or text sink, and return
how many records they wrote.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from ..errors import ExportError

FORMATS = ("documents", "plover", "csv", "parquet", "geojson")

CSV_COLUMNS = [
    "id", "doc", "event", "mode", "context", "actor_codes", "actor_sectors", "actor_names", "actor_texts",
    "recipient_codes", "recipient_sectors", "recipient_names", "recipient_texts", "date", "date_granularity",
    "date_text", "location", "location_code", "location_geonameid", "lat", "lon", "admin1", "admin1_code",
    "location_precision", "modality", "speaker", "dead", "injured", "arrested", "amounts",
    "trigger", "sentence", "start", "end", "quad_code", "confidence", "cluster", "reports",
]


def events_of(docs: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every event record of the documents, in order."""
    for d in docs:
        yield from d.get("events") or []


def _join(items: Iterable[Any]) -> str:
    return ";".join("" if x is None else str(x) for x in items)


def flat_event(rec: dict[str, Any]) -> dict[str, Any]:
    """One event record as a flat row of :data:`CSV_COLUMNS`."""
    actors, recips = rec.get("actor") or [], rec.get("recipient") or []
    loc = rec.get("event_loc") or {}
    ti = rec.get("text_info") or {}
    di = rec.get("date_info") or {}
    att = rec.get("attribution") or {}
    return {
        "id": rec.get("id"), "doc": rec.get("doc"),
        "event": _join(rec.get("event") or []), "mode": _join(x for x in (rec.get("mode") or []) if x),
        "context": _join(rec.get("context") or []),
        "actor_codes": _join(a.get("code") for a in actors), "actor_sectors": _join(a.get("sector") for a in actors),
        "actor_names": _join(a.get("identifier_text") for a in actors), "actor_texts": _join(a.get("entity_text") for a in actors),
        "recipient_codes": _join(a.get("code") for a in recips), "recipient_sectors": _join(a.get("sector") for a in recips),
        "recipient_names": _join(a.get("identifier_text") for a in recips), "recipient_texts": _join(a.get("entity_text") for a in recips),
        "date": rec.get("date"), "date_granularity": di.get("granularity"), "date_text": di.get("text"),
        "location": loc.get("placename"), "location_code": loc.get("country_code3"),
        "location_geonameid": loc.get("geonameid"), "lat": loc.get("lat"), "lon": loc.get("lon"),
        "admin1": loc.get("admin1"), "admin1_code": loc.get("admin1_code"), "location_precision": loc.get("precision"),
        "modality": rec.get("modality"), "speaker": att.get("speaker"),
        "dead": rec.get("dead"), "injured": rec.get("injured"), "arrested": rec.get("arrested"),
        "amounts": _join(f"{a.get('value')} {a.get('currency')}" for a in rec.get("amounts") or []),
        "trigger": _join(rec.get("event_text") or []), "sentence": ti.get("sentence"),
        "start": ti.get("start"), "end": ti.get("end"), "quad_code": rec.get("quad_code"),
        "confidence": rec.get("confidence"), "cluster": rec.get("cluster"), "reports": rec.get("reports"),
    }


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


def write_documents(docs: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for d in docs:
        out.write(_dumps(d) + "\n")
        n += 1
    return n


def write_plover(docs: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for rec in events_of(docs):
        out.write(_dumps(rec) + "\n")
        n += 1
    return n


def write_csv(docs: Iterable[dict[str, Any]], out: TextIO) -> int:
    w = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    w.writeheader()
    n = 0
    for rec in events_of(docs):
        w.writerow(flat_event(rec))
        n += 1
    return n


def write_parquet(docs: Iterable[dict[str, Any]], path: str) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError("Parquet export needs pyarrow: pip install 'warta[parquet]'") from None
    rows = [flat_event(r) for r in events_of(docs)]
    ints = {"dead", "injured", "arrested", "start", "end", "quad_code", "reports", "location_geonameid"}
    floats = {"confidence", "lat", "lon"}
    fields = [pa.field(c, pa.int64() if c in ints else pa.float64() if c in floats else pa.string())
              for c in CSV_COLUMNS]
    schema = pa.schema(fields)
    cols = {c: [r.get(c) for r in rows] for c in CSV_COLUMNS}
    table = pa.Table.from_pydict(cols, schema=schema)
    pq.write_table(table, path)
    return len(rows)


def geojson_chunks(records: Iterable[dict[str, Any]], counter: list[int] | None = None) -> Iterator[str]:
    """A GeoJSON FeatureCollection of event records, a feature at a time; events without
    coordinates are left out (``counter[0]`` counts the features written)."""
    yield '{"type": "FeatureCollection", "features": [\n'
    n = 0
    for rec in records:
        loc = rec.get("event_loc") or {}
        if loc.get("lat") is None or loc.get("lon") is None:
            continue
        feature = {"type": "Feature", "id": rec.get("id"),
                   "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
                   "properties": flat_event(rec)}
        yield (",\n" if n else "") + _dumps(feature)
        n += 1
        if counter is not None:
            counter[0] = n
    yield "\n]}\n"


def write_geojson(docs: Iterable[dict[str, Any]], out: TextIO) -> int:
    counter = [0]
    for chunk in geojson_chunks(events_of(docs), counter):
        out.write(chunk)
    return counter[0]


def write(fmt: str, docs: Iterable[dict[str, Any]], path: str, stdout: TextIO | None = None) -> int:
    """Write ``docs`` in ``fmt`` to ``path`` (``-`` for standard output); returns the record count."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if path == "-":
            raise ExportError("Parquet is binary: give a file with -o")
        return write_parquet(docs, path)
    writer = {"documents": write_documents, "plover": write_plover, "csv": write_csv, "geojson": write_geojson}[fmt]
    if path == "-":
        import sys

        return writer(docs, stdout or sys.stdout)
    with open(path, "w", encoding="utf-8", newline="" if fmt == "csv" else None) as f:
        return writer(docs, f)


__all__ = ["FORMATS", "CSV_COLUMNS", "write", "flat_event", "events_of", "geojson_chunks", "io"]
