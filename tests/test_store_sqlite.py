"""warta.store: the SQLite store with hand-made documents (no analysis pipeline)."""
from __future__ import annotations

import sqlalchemy as sa
import pytest

from warta.errors import FilterError, NotFoundError, StoreError
from warta.store import dialects, migrations
from warta.store.store import Store, resolve_url

TEXT_A = ("Mesir mengundang Sudan ke perundingan di Kairo. Sudan menolak tuduhan Mesir soal perbatasan. "
          "Mesir dan Sudan akan menandatangani perjanjian damai bulan depan.")
TEXT_B = "Presiden Mesir menelepon pemimpin Sudan tentang bendungan. Kedua pihak membahas Sungai Nil."
TEXT_C = "Sudan mengirim delegasi militer ke Khartoum. Pertemuan berlangsung tertutup."

TABLES = ("documents", "boilerplate", "sentences", "sources", "entities", "mentions", "events",
          "event_arguments", "documents_fts", "schema_version")


def _dump(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table, to compare a store before and after."""
    out = {}
    with store.engine.connect() as conn:
        for t in TABLES:
            cols = "*" if t != "documents" else "doc_id, doc, title, text, body_start, body_end"
            out[t] = sorted(map(tuple, conn.exec_driver_sql(f"SELECT {cols} FROM {t}").all()), key=repr)
    return out


def _rows_of(store: Store, doc_id: str) -> dict[str, int]:
    with store.engine.connect() as conn:
        q = lambda sql: conn.exec_driver_sql(sql, (doc_id,)).scalar()  # noqa: E731
        return {
            "documents": q("SELECT count(*) FROM documents WHERE doc_id = ?"),
            "boilerplate": q("SELECT count(*) FROM boilerplate WHERE doc_id = ?"),
            "sentences": q("SELECT count(*) FROM sentences WHERE doc_id = ?"),
            "mentions": q("SELECT count(*) FROM mentions WHERE doc_id = ?"),
            "events": q("SELECT count(*) FROM events WHERE doc_id = ?"),
            "event_arguments": q("SELECT count(*) FROM event_arguments a JOIN events e ON e.id = a.event_id "
                                 "WHERE e.doc_id = ?"),
            "documents_fts": q("SELECT count(*) FROM documents_fts WHERE doc_id = ?"),
        }


def test_store_add_has_count(store, make_document):
    d = make_document("a.txt", TEXT_A)
    assert not store.has(d.doc_id)
    assert store.count() == {"documents": 0, "events": 0, "entities": 0, "mentions": 0}
    assert store.add(d) is True
    assert store.has(d.doc_id)
    assert store.count() == {"documents": 1, "events": 3, "entities": 2, "mentions": 6}
    assert all(v > 0 for v in _rows_of(store, d.doc_id).values())


def test_store_add_is_idempotent(store, make_document):
    d = make_document("a.txt", TEXT_A)
    assert store.add(d) is True
    before = _dump(store)
    assert store.add(make_document("a.txt", TEXT_A)) is False
    assert store.add(d) is False
    assert _dump(store) == before
    assert store.count()["documents"] == 1
    assert [s["documents"] for s in store.sources()] == [1, 1]


def test_store_add_many_reports_what_was_new(store, make_document):
    a, b = make_document("a.txt", TEXT_A), make_document("b.txt", TEXT_B)
    assert [(d.doc, new) for d, new in store.add_many([a, b, a])] == [("a.txt", True), ("b.txt", True), ("a.txt", False)]


@pytest.mark.parametrize("step", ["index_document", "upsert_entities", "event_arguments"])
def test_store_failure_mid_add_leaves_no_rows_and_keeps_earlier_articles(store, make_document, monkeypatch, step):
    first = make_document("a.txt", TEXT_A)
    store.add(first)
    before = _dump(store)
    second = make_document("b.txt", TEXT_B, entity_aliases={"country/egy": ["Republik Arab Mesir"]})

    class Boom(RuntimeError):
        pass

    with monkeypatch.context() as m:
        if step == "index_document":
            def boom(*a, **k):
                raise Boom("disk full")
            m.setattr(dialects, "index_document", boom)
        elif step == "upsert_entities":
            real = Store._upsert_entities

            def boom(conn, ents):
                real(conn, ents)  # the entities were already written in this transaction
                raise Boom("disk full")
            m.setattr(Store, "_upsert_entities", staticmethod(boom))
        else:
            from warta.store import writes as store_mod  # where Store.add inserts the rows
            real_table = store_mod.event_arguments

            class Exploding:
                def __getattr__(self, name):
                    return getattr(real_table, name)

                def insert(self):
                    raise Boom("disk full")
            m.setattr(store_mod, "event_arguments", Exploding())
        with pytest.raises(Boom):
            store.add(second)
    assert not store.has(second.doc_id)
    assert set(_rows_of(store, second.doc_id).values()) == {0}
    assert _dump(store) == before  # entity counts, aliases and source counts untouched too
    assert store.document("a.txt")["doc_id"] == first.doc_id
    # and the article can be stored afterwards, whole
    assert store.add(second) is True
    assert all(v > 0 for v in _rows_of(store, second.doc_id).values())


def test_store_search_finds_a_word_with_a_snippet(store, make_document):
    store.add(make_document("a.txt", TEXT_A, title="Perundingan Kairo"))
    store.add(make_document("b.txt", TEXT_B))
    hits = store.search("bendungan")
    assert [h["doc"] for h in hits] == ["b.txt"]
    snip, marks = hits[0]["snippet"], hits[0]["marks"]
    assert [snip[a:b] for a, b in marks] == ["bendungan"] and "[" not in snip
    assert isinstance(hits[0]["rank"], float)
    assert {h["doc"] for h in store.search("Mesir")} == {"a.txt", "b.txt"}
    assert [h["doc"] for h in store.search("kairo")] == ["a.txt"]  # title and body, case-insensitive
    assert store.search("Mesir Nil")[0]["doc"] == "b.txt"  # every word must occur
    assert store.search("tidakadakatasepertiini") == []


@pytest.mark.parametrize("q", [
    '"', '""', "'", "Mesir\" OR \"x", "Mesir OR Sudan", "*", "Mes*", "NEAR(", "NEAR(Mesir Sudan, 2)",
    "'; DROP TABLE documents; --", "\"; DELETE FROM events; --", "Mesir AND NOT", "^Mesir", "col:Mesir",
    "body:Mesir", "(((", ")", "-", "{title}: x", "\x00", "", "   ", "%", "_", "\\", "Mesir'", "😀",
])
def test_store_hostile_search_strings_neither_raise_nor_change_anything(store, make_document, q):
    store.add(make_document("a.txt", TEXT_A))
    store.add(make_document("c.txt", TEXT_C))  # has "Sudan", never "Mesir": an OR or a wildcard would show
    before = _dump(store)
    hits = store.search(q)
    assert isinstance(hits, list)
    assert {h["doc"] for h in hits} <= {"a.txt"}
    assert isinstance(store.events(q=q), list)
    assert _dump(store) == before


def test_store_hostile_strings_in_other_queries(store, make_document):
    store.add(make_document("a.txt", TEXT_A))
    before = _dump(store)
    evil = "'; DROP TABLE events; --"
    assert store.events(actor=evil) == []
    with pytest.raises(FilterError):  # not a PLOVER type: refused, not an empty answer
        store.events(type=evil)
    assert store.events(doc=evil) == []
    assert store.entities(q=evil) == []
    with pytest.raises(NotFoundError):
        store.document("' OR '1'='1")
    with pytest.raises(NotFoundError):
        store.entity(evil)
    assert _dump(store) == before


def test_store_events_actor_filter_treats_wildcards_literally(store, make_document):
    store.add(make_document("a.txt", TEXT_A))
    assert store.events(actor="%") == []
    assert store.events(actor="_") == []


def test_store_events_filters(store, make_document):
    store.add(make_document("a.txt", TEXT_A))
    store.add(make_document("c.txt", TEXT_C, event_types=("MOBILIZE",), dates=("2021-06",), modalities=("asserted",)))
    all_ev = store.events()
    assert len(all_ev) == 5
    dates = [e["date"] for e in all_ev]
    assert dates == sorted(dates)
    assert {e["event"][0] for e in store.events(type="consult")} == {"CONSULT"}
    assert len(store.events(type="CONSULT")) == 1
    assert {e["doc"] for e in store.events(type="MOBILIZE")} == {"c.txt"}
    assert len(store.events(type="MOBILIZE")) == 2
    # actor by name, by code, by entity id; recipient likewise
    assert len(store.events(actor="egypt")) == 5
    assert len(store.events(actor="EGY")) == 5
    assert len(store.events(actor="egy")) == 5
    assert len(store.events(actor="country/egy")) == 5
    assert store.events(actor="Sudan") == []
    assert len(store.events(recipient="SDN")) == 5
    assert store.events(actor="Rusia") == []
    # dates
    assert {e["date"] for e in store.events(since="2022-10-01")} == {"2022-10-01", "2023-01-15"}
    assert {e["date"] for e in store.events(until="2022-10")} == {"2021-06", "2022-09-05", "2022-10-01"}
    assert {e["date"] for e in store.events(since="2022", until="2022")} == {"2022-09-05", "2022-10-01"}
    # modality, doc, country, full text, limit
    assert [e["event"] for e in store.events(modality="negated")] == [["ACCUSE"]]
    assert [e["event"] for e in store.events(modality="future")] == [["AGREE"]]
    assert {e["doc"] for e in store.events(doc="c.txt")} == {"c.txt"}
    assert len(store.events(country="egy")) == 5
    assert {e["doc"] for e in store.events(q="delegasi")} == {"c.txt"}
    assert len(store.events(limit=2)) == 2
    assert store.events(limit=2, offset=4) == all_ev[4:]


def test_store_event_by_id_and_not_found(store, make_document):
    d = make_document("a.txt", TEXT_A)
    store.add(d)
    rec = d.events[1]
    got = store.event(rec["id"])
    # the store adds the canonical event it belongs to and how many reports that has
    assert got["cluster"] and got["reports"] >= 1
    assert {k: v for k, v in got.items() if k not in ("cluster", "reports")} == rec
    with pytest.raises(NotFoundError):
        store.event("nope")


def test_store_entity_upsert_merges_aliases_and_counts(store, make_document):
    store.add(make_document("a.txt", TEXT_A, entity_aliases={"country/egy": ["Republik Arab Mesir"]}))
    store.add(make_document("b.txt", TEXT_B, entity_aliases={"country/egy": ["Negeri Piramida"]}))
    ents = {e["id"]: e for e in store.entities()}
    egy = ents["country/egy"]
    assert egy["name"] == "Mesir" and egy["code"] == "EGY" and egy["type"] == "GPE"
    assert egy["aliases"] == ["Negeri Piramida", "Republik Arab Mesir"]
    assert egy["mentions"] == TEXT_A.count("Mesir") + TEXT_B.count("Mesir")
    assert egy["documents"] == 2
    assert ents["country/sdn"]["documents"] == 2
    # most mentioned first, then by name
    assert [e["id"] for e in store.entities()] == ["country/egy", "country/sdn"]
    # by id, name and alias
    for key in ("country/egy", "Mesir", "negeri piramida"):
        e = store.entity(key)
        assert e["id"] == "country/egy"
        assert [d["doc"] for d in e["documents_list"]] == ["a.txt", "b.txt"]
        assert len(e["mentions_list"]) == egy["mentions"]
    assert store.entities(q="sud")[0]["id"] == "country/sdn"
    assert store.entities(type="per") == []


def test_store_document_by_key_and_by_hash(store, make_document):
    d = make_document("a.txt", TEXT_A, title="Judul")
    store.add(d, origin="/x/a.txt")
    for key in ("a.txt", d.doc_id):
        got = store.document(key)
        assert got["doc_id"] == d.doc_id and got["text"] == TEXT_A and got["origin"] == "/x/a.txt"
        assert [(s["start"], s["end"]) for s in got["sentences"]] == [(s.start, s.end) for s in d.sentences]
        assert [e["event"] for e in got["events"]] == [e["event"] for e in d.events]
        assert {e["id"] for e in got["entities"]} == {"country/egy", "country/sdn"}
    with pytest.raises(NotFoundError):
        store.document("b.txt")


def test_store_document_records_match_the_documents_format(store, make_document):
    d = make_document("a.txt", TEXT_A, title="Judul")
    store.add(d)
    [rec] = list(store.document_records())
    want = d.to_dict()
    for key in ("doc", "doc_id", "language", "title", "source", "wire", "dateline", "url", "published", "body",
                "sentences", "flags"):
        assert rec[key] == want[key], key
    assert [{k: v for k, v in e.items() if k not in ("cluster", "reports")} for e in rec["events"]] == want["events"]
    assert all(e["cluster"] and e["reports"] >= 1 for e in rec["events"])
    assert rec["boilerplate"] == want["boilerplate"]
    assert [(e["id"], e["mentions"]) for e in rec["entities"]] == [(e["id"], e["mentions"]) for e in want["entities"]]


def test_store_sources_are_counted(store, make_document):
    store.add(make_document("a.txt", TEXT_A))
    store.add(make_document("b.txt", TEXT_B, wire=None))
    assert {(s["name"], s["kind"]): s["documents"] for s in store.sources()} == {
        ("ANTARA", "outlet"): 2, ("Reuters", "wire"): 1}


def test_store_migrations_record_every_version_and_do_not_rerun(tmp_path, make_document, monkeypatch):
    path = tmp_path / "m.db"
    with Store(path) as s:
        assert s.version == migrations.LATEST == len(migrations.MIGRATIONS)
        s.add(make_document("a.txt", TEXT_A))
        with s.engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT version, applied_at FROM schema_version").all()
    assert [r[0] for r in rows] == [v for v, _ in migrations.MIGRATIONS]

    def must_not_run(conn):
        raise AssertionError("migration ran twice")

    monkeypatch.setattr(migrations, "MIGRATIONS", [(v, must_not_run) for v, _ in migrations.MIGRATIONS])
    with Store(path) as s:
        assert s.version == migrations.LATEST
        with s.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version, applied_at FROM schema_version").all() == rows
        assert s.count()["documents"] == 1


def test_store_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.db"
    with Store(path) as s:
        with s.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO schema_version (version, applied_at) VALUES (99, 'x')")
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_store_bad_location_is_a_store_error(tmp_path):
    with pytest.raises(StoreError):
        Store(tmp_path / "no" / "such" / "dir" / "x.db")
    with pytest.raises(StoreError):
        Store("nosuchdialect://x")


def test_store_resolve_url(tmp_path, monkeypatch):
    assert resolve_url("sqlite:///x.db") == "sqlite:///x.db"
    assert resolve_url(tmp_path / "a.db") == f"sqlite:///{tmp_path / 'a.db'}"
    monkeypatch.setenv("WARTA_DB", str(tmp_path / "env.db"))
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'env.db'}"


def test_store_sqlite_pragmas(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert sa.inspect(store.engine).has_table("documents")


def test_store_same_text_with_a_precise_date_replaces_the_vaguer_copy(tmp_path):
    import json

    import warta

    text = ("Jakarta (ANTARA) - Presiden Filipina Ferdinand Marcos Jr. berkunjung ke Jepang pada Senin "
            "dan bertemu Perdana Menteri Fumio Kishida di Tokyo.\n\nCopyright © ANTARA 2023\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a.txt", "text": text, "published": "2023-02-08"}) + "\n",
                                      encoding="utf-8")
    with Store(tmp_path / "r.db") as s:
        first = warta.ingest([str(tmp_path / "a.txt")], s)
        assert first.stored == 1
        [before] = [e for e in s.events() if e["event"] == ["CONSULT"]]
        assert before["date"] == "2023"  # only the copyright year to anchor "Senin"
        again = warta.ingest([str(tmp_path / "a.txt")], s)
        assert (again.stored, again.unchanged) == (0, 1)  # same text, no better date: nothing changes
        better = warta.ingest([str(tmp_path / "a.jsonl")], s)
        assert better.stored == 1
        assert s.count()["documents"] == 1
        [after] = [e for e in s.events() if e["event"] == ["CONSULT"]]
        assert after["date"] == "2023-02-06"
        assert s.link_counts()["canonical_events"] == len({e["cluster"] for e in s.events()})
        assert {src["name"]: src["documents"] for src in s.sources()}.get("ANTARA") == 1
        assert all(e["documents"] == 1 for e in s.entities())
        # a vaguer copy after the precise one changes nothing
        assert warta.ingest([str(tmp_path / "a.txt")], s).unchanged == 1
        [still] = [e for e in s.events() if e["event"] == ["CONSULT"]]
        assert still["date"] == "2023-02-06"


def test_store_migration_v4_backfills_what_bounded_reads_need(tmp_path):
    """A store written before v4 (no folded names, node keys, pairs or entity keys) is brought to
    the same state as one written by this warta when it is opened."""
    import sqlalchemy as sa

    from warta import synthetic
    from warta.store.schema import entity_keys, event_arguments, event_pairs, schema_version

    path = tmp_path / "v3.db"
    with Store(path) as store:
        synthetic.fill(store, 60)
        with store.engine.connect() as conn:
            before = {t.name: sorted(map(tuple, conn.execute(sa.select(t)))) for t in (event_arguments, event_pairs, entity_keys)}
        with store.engine.begin() as conn:
            conn.execute(event_arguments.update().values(fold=None, node=None))
            conn.execute(event_pairs.delete())
            conn.execute(entity_keys.delete())
            conn.execute(schema_version.delete().where(schema_version.c.version >= 4))
    assert all(before.values())
    with Store(path) as store:
        assert store.version == migrations.LATEST
        with store.engine.connect() as conn:
            after = {t.name: sorted(map(tuple, conn.execute(sa.select(t)))) for t in (event_arguments, event_pairs, entity_keys)}
        assert after == before
        assert store.entity("recep tayyip erdogan")["id"] == "Q6"


def test_store_migration_v5_relinks_chained_links(tmp_path, make_document):
    """A store linked by an older warta (canonical events and stories as transitive chains) is
    linked again when it is opened: its links are those this warta makes."""
    import sqlalchemy as sa

    from warta.store.schema import events, schema_version

    docs = [make_document(f"d{i}.txt", f"Mesir bertemu Sudan di Kairo pada hari ke-{i}. Mesir menuduh Sudan. ",
                          published=f"2022-09-{i + 1:02d}") for i in range(4)]
    path = tmp_path / "v4.db"
    with Store(path) as store:
        for d in docs:
            store.add(d)
        want = store.link_counts()
        clusters = sorted(map(tuple, store.engine.connect().execute(sa.select(events.c.id, events.c.cluster))))
        with store.engine.begin() as conn:
            conn.execute(events.update().values(cluster="c-one-chain"))  # what chaining made of them
            conn.execute(schema_version.delete().where(schema_version.c.version >= 5))
    with Store(path) as store:
        assert store.version == migrations.LATEST
        with store.engine.connect() as conn:
            assert sorted(map(tuple, conn.execute(sa.select(events.c.id, events.c.cluster)))) == clusters
        assert store.link_counts() == want
