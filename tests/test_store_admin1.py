"""Events counted by first-level division (``Store.admin1_counts``, the map's events-by-province
choropleth): in SQL, under the same filters as every other listing, and filled for stores written
before the column existed (migration v6)."""
from __future__ import annotations

import pytest

from warta.serve.query import EventFilters, province_counts
from warta.store import migrations
from warta.store.store import Store

# per document, the place of its three events (types CONSULT, ACCUSE, AGREE; dates 2022-09-05,
# 2022-10-01, 2023-01-15; modalities asserted, negated, future: make_document's turns)
JAKARTA = {"placename": "Jakarta", "country_code3": "IDN", "lat": -6.2146, "lon": 106.8451, "admin1": "DKI Jakarta",
           "admin1_code": "IDN.04", "precision": "point"}
BANDUNG = {"placename": "Bandung", "country_code3": "IDN", "lat": -6.9222, "lon": 107.6069, "admin1": "Jawa Barat",
           "admin1_code": "IDN.30", "precision": "point"}
KUALA_LUMPUR = {"placename": "Kuala Lumpur", "country_code3": "MYS", "lat": 3.1412, "lon": 101.6865,
                "admin1": None, "admin1_code": "MYS.14", "precision": "point"}
INDONESIA = {"placename": "Indonesia", "country_code3": "IDN", "lat": -2.5, "lon": 118.0, "admin1": None,
             "admin1_code": None, "precision": "country"}
PLACES = {"a.txt": [JAKARTA, JAKARTA, BANDUNG], "b.txt": [BANDUNG, KUALA_LUMPUR, INDONESIA]}


def _docs(make_document):
    docs = []
    for name, places in PLACES.items():
        d = make_document(name, f"Mesir bertemu Sudan ({name}). Mesir menuduh Sudan ({name}). Mesir sepakat dengan Sudan ({name}).")
        assert len(d.events) == len(places)
        for ev, loc in zip(d.events, places):
            ev["event_loc"] = dict(loc)
        docs.append(d)
    return docs


@pytest.fixture
def located(store, make_document):
    for d in _docs(make_document):
        assert store.add(d)
    return store


@pytest.mark.parametrize("filters, want", [
    ({}, {"IDN.04": 2, "IDN.30": 2}),
    ({"type": "CONSULT"}, {"IDN.04": 1, "IDN.30": 1}),
    ({"type": "ACCUSE"}, {"IDN.04": 1}),  # b.txt's ACCUSE is in Malaysia
    ({"since": "2023"}, {"IDN.30": 1}),  # b.txt's AGREE has no province
    ({"modality": "negated"}, {"IDN.04": 1}),
    ({"country": "MYS"}, {}),
    ({"q": "b.txt"}, {"IDN.30": 1}),
])
def test_store_admin1_counts_follow_the_filters(located, filters, want):
    assert located.admin1_counts("IDN", **filters) == want


def test_store_admin1_counts_of_another_country(located):
    assert located.admin1_counts("MYS") == {"MYS.14": 1}
    assert located.admin1_counts("MYS", type="CONSULT") == {}
    assert located.admin1_counts("ID_") == {}, "the country is matched literally"


def test_store_admin1_province_counts_name_every_province(located):
    rows = province_counts(located, EventFilters(type="CONSULT"))
    assert len(rows) == 38 and len({r["code"] for r in rows}) == 38
    assert {r["name"]: r["count"] for r in rows if r["count"]} == {"DKI Jakarta": 1, "Jawa Barat": 1}


def test_store_admin1_migration_v6_fills_the_column(tmp_path, make_document):
    """A store written before v6 (no admin1 column) gets it, filled from the records, when opened."""
    path = tmp_path / "v5.db"
    with Store(path) as s:
        for d in _docs(make_document):
            s.add(d)
        with s.engine.begin() as conn:
            conn.exec_driver_sql("DROP INDEX ix_events_admin1")
            conn.exec_driver_sql("ALTER TABLE events DROP COLUMN admin1")
            conn.exec_driver_sql("DELETE FROM schema_version WHERE version = 6")
    with Store(path) as s:
        assert s.version == migrations.LATEST == 6
        assert s.admin1_counts("IDN") == {"IDN.04": 2, "IDN.30": 2}
