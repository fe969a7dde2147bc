"""warta.store on every dialect (SQLite and PostgreSQL) with hand-made documents (no pipeline).

The ``db_store``/``db_url`` fixtures come from ``tests/fixtures_db.py``; the PostgreSQL runs
need ``$WARTA_TEST_PG_URL`` (``eval "$(.ci/install-postgres.sh --export)"``).
"""
from __future__ import annotations

import io
import json

import pytest
import sqlalchemy as sa

from warta.errors import FilterError, NotFoundError, StoreError
from warta.store import dialects, migrations
from warta.store.store import Store

TEXT_A = ("Mesir mengundang Sudan ke perundingan di Kairo. Sudan menolak tuduhan Mesir soal perbatasan. "
          "Mesir dan Sudan akan menandatangani perjanjian damai bulan depan.")
TEXT_B = "Presiden Mesir menelepon pemimpin Sudan tentang bendungan. Kedua pihak membahas Sungai Nil."
TEXT_C = "Sudan mengirim delegasi militer ke Khartoum. Pertemuan berlangsung tertutup."


def dump(store: Store) -> dict[str, list[tuple]]:
    from fixtures_db import dump_store

    return dump_store(store)


STORE_KEYS = ("cluster", "reports")  # what the store adds to a stored event record (its merged event)


def _plain(rec: dict) -> dict:
    return {k: v for k, v in rec.items() if k not in STORE_KEYS}


def test_store_opens_every_dialect_at_the_latest_schema(db_store, db_url):
    assert db_store.version == migrations.LATEST
    assert db_store.engine.dialect.name == db_url.split(":")[0].split("+")[0]
    assert sa.inspect(db_store.engine).has_table("documents")
    # opening again runs no migration and keeps the rows
    with Store(db_url) as again:
        assert again.version == migrations.LATEST
        with again.engine.connect() as conn:
            versions = [r[0] for r in conn.exec_driver_sql("SELECT version FROM schema_version ORDER BY version")]
        assert versions == [v for v, _ in migrations.MIGRATIONS]


def test_store_add_has_count(db_store, make_document):
    d = make_document("a.txt", TEXT_A)
    assert not db_store.has(d.doc_id)
    assert db_store.count() == {"documents": 0, "events": 0, "entities": 0, "mentions": 0}
    assert db_store.add(d, origin="/x/a.txt") is True
    assert db_store.has(d.doc_id)
    assert db_store.count() == {"documents": 1, "events": 3, "entities": 2, "mentions": 6}


def test_store_add_is_idempotent(db_store, make_document):
    d = make_document("a.txt", TEXT_A)
    assert db_store.add(d) is True
    before = dump(db_store)
    assert db_store.add(make_document("a.txt", TEXT_A)) is False
    assert db_store.add(d) is False
    assert dump(db_store) == before
    assert [(d.doc, new) for d, new in db_store.add_many([d, make_document("b.txt", TEXT_B)])] == [
        ("a.txt", False), ("b.txt", True)]
    assert [s["documents"] for s in db_store.sources()] == [2, 2]


def test_store_failure_mid_add_leaves_no_rows(db_store, make_document, monkeypatch):
    first = make_document("a.txt", TEXT_A)
    db_store.add(first)
    before = dump(db_store)
    second = make_document("b.txt", TEXT_B, entity_aliases={"country/egy": ["Republik Arab Mesir"]})

    class Boom(RuntimeError):
        pass

    def boom(*a, **k):
        raise Boom("disk full")

    with monkeypatch.context() as m:
        m.setattr(dialects, "index_document", boom)
        with pytest.raises(Boom):
            db_store.add(second)
    assert not db_store.has(second.doc_id)
    assert dump(db_store) == before
    assert db_store.add(second) is True


def test_store_search_finds_words_with_a_snippet(db_store, make_document):
    db_store.add(make_document("a.txt", TEXT_A, title="Perundingan Kairo"))
    db_store.add(make_document("b.txt", TEXT_B))
    hits = db_store.search("bendungan")
    assert [h["doc"] for h in hits] == ["b.txt"]
    snip, marks = hits[0]["snippet"], hits[0]["marks"]
    assert [snip[a:b] for a, b in marks] == ["bendungan"] and "[" not in snip
    assert isinstance(hits[0]["rank"], float)
    assert {h["doc"] for h in db_store.search("Mesir")} == {"a.txt", "b.txt"}
    assert [h["doc"] for h in db_store.search("kairo")] == ["a.txt"]  # title and body, case-insensitive
    assert [h["doc"] for h in db_store.search("Mesir Nil")] == ["b.txt"]  # every word must occur
    assert db_store.search("tidakadakatasepertiini") == []
    assert [h["doc"] for h in db_store.search("Mesir", limit=1, offset=1)] != [h["doc"] for h in db_store.search("Mesir", limit=1)]


def test_store_postgresql_search_uses_the_indonesian_configuration(pg_url, make_document):
    with Store(pg_url) as store:
        with store.engine.connect() as conn:
            cfg = dialects.pg_text_search_config(conn)
            indexes = {r[0]: r[1] for r in conn.exec_driver_sql(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'documents' "
                "AND schemaname = current_schema()")}
        assert cfg in ("indonesian", "simple")
        assert "documents_fts" in indexes and f"'{cfg}'" in indexes["documents_fts"]
        store.add(make_document("a.txt", TEXT_A))
        if cfg == "indonesian":
            # the Indonesian stemmer finds "perundingan" (negotiations) for "berunding" (to negotiate)
            assert [h["doc"] for h in store.search("berunding")] == ["a.txt"]


@pytest.mark.parametrize("q", [
    '"', "'", "Mesir\" OR \"x", "Mesir OR Sudan", "*", "Mes*", "NEAR(Mesir Sudan, 2)", "Mesir & !Sudan",
    "'; DROP TABLE documents; --", "Mesir AND NOT", "(((", ")", "-", "{title}: x", "\x00", "Mesir\x00Sudan",
    "", "   ", "%", "_", "\\", "Mesir'", "😀", "Mesir:*", "<->", "!!",
])
def test_store_hostile_search_strings_neither_raise_nor_change_anything(db_store, make_document, q):
    db_store.add(make_document("a.txt", TEXT_A))
    before = dump(db_store)
    hits = db_store.search(q)
    assert isinstance(hits, list)
    assert all(h["doc"] == "a.txt" for h in hits)
    assert isinstance(db_store.events(q=q), list)
    assert dump(db_store) == before


def test_store_hostile_strings_in_other_queries(db_store, make_document):
    db_store.add(make_document("a.txt", TEXT_A))
    before = dump(db_store)
    evil = "'; DROP TABLE events; --"
    assert db_store.events(actor=evil) == []
    with pytest.raises(FilterError):  # not a PLOVER type: refused, not an empty answer
        db_store.events(type=evil)
    assert db_store.events(doc=evil) == []
    assert db_store.entities(q=evil) == []
    with pytest.raises(NotFoundError):
        db_store.document("' OR '1'='1")
    with pytest.raises(NotFoundError):
        db_store.entity(evil)
    assert dump(db_store) == before


def test_store_events_filters(db_store, make_document):
    db_store.add(make_document("a.txt", TEXT_A))
    db_store.add(make_document("c.txt", TEXT_C, event_types=("MOBILIZE",), dates=("2021-06",), modalities=("asserted",)))
    all_ev = db_store.events()
    assert len(all_ev) == 5
    dates = [e["date"] for e in all_ev]
    assert dates == sorted(dates)
    assert {e["event"][0] for e in db_store.events(type="consult")} == {"CONSULT"}
    assert len(db_store.events(type="MOBILIZE")) == 2
    for key in ("egypt", "EGY", "egy", "country/egy"):
        assert len(db_store.events(actor=key)) == 5, key
    assert db_store.events(actor="Sudan") == []
    assert len(db_store.events(recipient="SDN")) == 5
    assert {e["date"] for e in db_store.events(since="2022-10-01")} == {"2022-10-01", "2023-01-15"}
    assert {e["date"] for e in db_store.events(until="2022-10")} == {"2021-06", "2022-09-05", "2022-10-01"}
    assert {e["date"] for e in db_store.events(since="2022", until="2022")} == {"2022-09-05", "2022-10-01"}
    assert [e["event"] for e in db_store.events(modality="negated")] == [["ACCUSE"]]
    assert [e["event"] for e in db_store.events(modality="future")] == [["AGREE"]]
    assert {e["doc"] for e in db_store.events(doc="c.txt")} == {"c.txt"}
    assert len(db_store.events(country="egy")) == 5
    assert {e["doc"] for e in db_store.events(q="delegasi")} == {"c.txt"}
    assert len(db_store.events(limit=2)) == 2
    assert db_store.events(limit=2, offset=4) == all_ev[4:]
    assert db_store.events(order="doc")[0]["doc"] == "a.txt"


def test_store_event_records_round_trip(db_store, make_document):
    d = make_document("a.txt", TEXT_A)
    db_store.add(d)
    for rec in d.events:
        assert _plain(db_store.event(rec["id"])) == _plain(rec)
    with pytest.raises(NotFoundError):
        db_store.event("nope")


def test_store_entities(db_store, make_document):
    db_store.add(make_document("a.txt", TEXT_A, entity_aliases={"country/egy": ["Republik Arab Mesir"]}))
    db_store.add(make_document("b.txt", TEXT_B, entity_aliases={"country/egy": ["Negeri Piramida"]}))
    ents = {e["id"]: e for e in db_store.entities()}
    egy = ents["country/egy"]
    assert egy["name"] == "Mesir" and egy["code"] == "EGY" and egy["type"] == "GPE"
    assert egy["aliases"] == ["Negeri Piramida", "Republik Arab Mesir"]
    assert egy["mentions"] == TEXT_A.count("Mesir") + TEXT_B.count("Mesir")
    assert egy["documents"] == 2
    assert [e["id"] for e in db_store.entities()] == ["country/egy", "country/sdn"]
    for key in ("country/egy", "Mesir", "negeri piramida"):
        e = db_store.entity(key)
        assert e["id"] == "country/egy"
        assert [d["doc"] for d in e["documents_list"]] == ["a.txt", "b.txt"]
        assert len(e["mentions_list"]) == egy["mentions"]
    assert db_store.entities(q="sud")[0]["id"] == "country/sdn"
    assert db_store.entities(type="per") == []
    with pytest.raises(NotFoundError):
        db_store.entity("Atlantis")


def test_store_documents_and_export(db_store, make_document):
    from warta.export.formats import write

    d = make_document("a.txt", TEXT_A, title="Judul")
    db_store.add(d, origin="/x/a.txt")
    db_store.add(make_document("b.txt", TEXT_B, published=None, source="Kompas"))
    got = db_store.document("a.txt")
    assert got == db_store.document(d.doc_id)
    assert got["text"] == TEXT_A and got["origin"] == "/x/a.txt" and got["flags"] == []
    assert {r["doc"] for r in db_store.documents()} == {"a.txt", "b.txt"}
    assert [r["doc"] for r in db_store.documents(source="ANTARA")] == ["a.txt"]
    assert [r["doc"] for r in db_store.documents(source="Kompas")] == ["b.txt"]
    assert len(db_store.documents(limit=1)) == 1
    recs = list(db_store.document_records())
    assert [r["doc"] for r in recs] == ["a.txt", "b.txt"]
    want = d.to_dict()
    for key in ("doc", "doc_id", "language", "title", "source", "wire", "dateline", "url", "published", "body",
                "sentences", "flags", "boilerplate"):
        assert recs[0][key] == want[key], key
    assert [_plain(e) for e in recs[0]["events"]] == [_plain(e) for e in want["events"]]
    buf = io.StringIO()
    n = write("plover", db_store.document_records(), "-", stdout=buf)
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert n == len(lines) == 3 + 2
    assert {r["doc"] for r in lines} == {"a.txt", "b.txt"}
    buf = io.StringIO()
    write("csv", db_store.document_records(), "-", stdout=buf)
    assert buf.getvalue().count("\n") >= 6


def test_store_newer_schema_is_refused(db_url):
    with Store(db_url) as s:
        with s.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO schema_version (version, applied_at) VALUES (99, 'x')")
    with pytest.raises(StoreError, match="newer"):
        Store(db_url)


def test_store_unreachable_postgresql_is_a_store_error():
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError) as e:
        Store("postgresql+psycopg://nobody:secret@127.0.0.1:9/nowhere?connect_timeout=2")
    assert "secret" not in str(e.value)


def test_store_text_with_a_nul_character_is_stored_and_filters_with_one_match_nothing(db_store, make_document):
    text = "Mesir\x00 mengundang Sudan ke perundingan di Kairo. Sudan menolak tuduhan Mesir."
    d = make_document("nul.txt", text, title="Judul\x00")
    assert db_store.add(d) is True
    assert db_store.add(d) is False
    got = db_store.document("nul.txt")
    assert len(got["text"]) == len(text)  # offsets keep pointing at the same characters
    assert got["text"].replace("\ufffd", "\x00") == text
    assert [h["doc"] for h in db_store.search("perundingan")] == ["nul.txt"]
    assert isinstance(db_store.events(actor="\x00"), list)  # no error (PostgreSQL refuses raw NUL bytes)
    with pytest.raises(NotFoundError):
        db_store.document("\x00")
