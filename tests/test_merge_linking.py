"""Cross-article linking (warta.link): canonical events, stories, near duplicates, timeline,
graph, and incremental linking == rebuild. The articles in tests/data/merge_articles/ were
written for these tests; their events are given by hand here (no dependence on the coder),
except in the pipeline smoke test."""
from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest

from warta.fuse import merge
from warta.fuse.graph import to_graphml
from warta.model import Document, Entity, Mention, Published, Span, content_hash
from warta.store.store import Store

DATA = Path(__file__).parent / "data" / "merge_articles"
PUB = json.loads((DATA / "published.json").read_text(encoding="utf-8"))

JOKOWI = ("person/joko-widodo", "Joko Widodo", "IDN", "GOV")
KISHIDA = ("person/fumio-kishida", "Fumio Kishida", "JPN", "GOV")
JAPAN = ("country/JPN", "Japan", "JPN", None)
MAF = ("org/myanmar-armed-forces", "Myanmar Armed Forces", "MMR", "MIL")
CIVILIANS = (None, "civilians", "MMR", "CVL")
HRG = (None, "human rights groups", None, "NGO")

# article -> [(phrase in the evidence sentence, type, actors, recipients, date, granularity, resolved_from,
#              place (name, code), modality, dead, planned)]
EVENTS = {
    "a1_kompas_kunjungan.txt": [
        ("berkunjung ke Tokyo", "CONSULT", [JOKOWI], [KISHIDA, JAPAN], "2023-04-12", "day", "text", ("Tokyo", "JPN"), "asserted", None, None),
        ("dijadwalkan bertemu", "AGREE", [JOKOWI], [], "2023-04-12", "day", "context", ("Tokyo", "JPN"), "future", None, "CONSULT"),
    ],
    "a2_antara_kunjungan.txt": [
        ("tiba di Tokyo", "CONSULT", [JOKOWI], [JAPAN], "2023-04-12", "day", "text", ("Tokyo", "JPN"), "asserted", None, None),
        ("bertemu Perdana Menteri", "CONSULT", [JOKOWI], [KISHIDA], "2023-04-12", "day", "context", (None, "JPN"), "asserted", None, None),
    ],
    "a3_kunjungan_kedua.txt": [
        ("kembali berkunjung", "CONSULT", [JOKOWI], [KISHIDA, JAPAN], "2023-11-06", "day", "text", ("Tokyo", "JPN"), "asserted", None, None),
        ("sepakat memperkuat", "AGREE", [JOKOWI, KISHIDA], [], "2023-11-06", "day", "context", ("Tokyo", "JPN"), "asserted", None, None),
        ("telah mengunjungi Jepang", "CONSULT", [JOKOWI], [JAPAN], "2023-04", "month", "text", (None, "JPN"), "historical", None, None),
    ],
    "a4_serangan_wire.txt": [
        ("melancarkan serangan udara", "ASSAULT", [MAF], [CIVILIANS], "2023-04-11", "day", "text", ("Sagaing", "MMR"), "asserted", 50, None),
        ("mengecam serangan", "ACCUSE", [HRG], [MAF], "2023-04-11", "day", "context", (None, "MMR"), "asserted", None, None),
    ],
    "a5_serangan_salinan.txt": [
        ("melancarkan serangan udara", "ASSAULT", [MAF], [CIVILIANS], "2023-04-11", "day", "text", ("Sagaing", "MMR"), "asserted", 53, None),
        ("mengecam serangan", "ACCUSE", [HRG], [MAF], "2023-04-11", "day", "context", (None, "MMR"), "asserted", None, None),
    ],
}
QUAD = {"CONSULT": 1, "AGREE": 1, "ACCUSE": 3, "ASSAULT": 4}


def _sentences(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for part in text.replace("\n\n", "\n").split("\n"):
        i = text.index(part, pos) if part else pos
        if part.strip():
            start = i
            for piece in part.split(". "):
                s = text.index(piece, start)
                e = s + len(piece) + (1 if text[s + len(piece):s + len(piece) + 1] == "." else 0)
                out.append((s, e))
                start = e
        pos = i + len(part)
    return out


def _arg(a, text):
    eid, name, code, sector = a
    i = text.find(name.split()[0])
    return {"code": code, "sector": sector, "entity_text": name, "identifier_id": None, "identifier_text": name,
            "entity_id": eid, "start": max(i, 0), "end": max(i, 0) + len(name)}


def build(name: str) -> Document:
    text = (DATA / name).read_text(encoding="utf-8")
    published, source = PUB[name]
    sents = _sentences(text)
    recs = []
    for phrase, typ, acts, recps, date, gran, rf, (place, pcode), modality, dead, planned in EVENTS[name]:
        at = text.index(phrase)
        seq, (s, e) = next((k, se) for k, se in enumerate(sents) if se[0] <= at < se[1])
        rec = {"id": merge.hashlib.sha256(f"{name}|{s}|{typ}|{at}".encode()).hexdigest()[:20], "doc": name,
               "event": [typ], "mode": ["visit"] if phrase.endswith("Tokyo") or "kunjung" in phrase else [],
               "context": [], "actor": [_arg(a, text) for a in acts], "recipient": [_arg(a, text) for a in recps],
               "date": date, "date_info": {"granularity": gran, "text": None, "resolved_from": rf},
               "event_loc": {"placename": place, "country_code3": pcode, "geonameid": None, "lat": None, "lon": None,
                             "resolved_from": "sentence" if place else "actors"},
               "modality": modality, "dead": dead, "injured": None, "arrested": None, "amounts": [],
               "event_text": [phrase], "text_info": {"sequence": seq, "start": s, "end": e, "sentence": text[s:e]},
               "confidence": 0.9, "quad_code": QUAD[typ], "outlet": source}
        if planned:
            rec["planned"] = planned
        recs.append(rec)
    ents = []
    for eid, nm, code, sector in {a for evs in EVENTS[name] for a in evs[2] + evs[3] if a[0]}:
        i = text.find(nm.split()[0])
        ents.append(Entity(id=eid, name=nm, type="PER", code=code, sector=sector,
                           mentions=[Mention(nm, i, i + len(nm))] if i >= 0 else []))
    return Document(doc=name, doc_id=content_hash(text), text=text, language="id", title=None, source=source, wire=None,
                    dateline=None, published=Published(published, "day", "input"), body=(0, len(text)),
                    sentences=[Span("sentence", s, e, text[s:e]) for s, e in sents], entities=sorted(ents, key=lambda x: x.id),
                    events=recs)


def _ingest(path, names) -> Store:
    st = Store(path)
    for n in names:
        assert st.add(build(n))
    return st


def snapshot(st: Store):
    recs = st.events(limit=None, order="doc")
    return ({r["id"]: (r["cluster"], r["reports"]) for r in recs},
            sorted((m["cluster"], json.dumps(m, sort_keys=True)) for m in st.merged_events()),
            sorted(json.dumps(s, sort_keys=True) for s in st.stories(limit=None)),
            st.near_duplicates())


@pytest.fixture
def linked(tmp_path):
    st = _ingest(tmp_path / "m.db", sorted(EVENTS))
    yield st
    st.close()


def _cluster(st, doc, phrase):
    text = (DATA / doc).read_text(encoding="utf-8")
    at = text.index(phrase)
    rec = next(r for r in st.events(doc=doc, limit=None) if r["text_info"]["start"] <= at < r["text_info"]["end"])
    return rec["cluster"], rec["reports"]


def test_merge_same_visit_two_outlets(linked):
    c1, n1 = _cluster(linked, "a1_kompas_kunjungan.txt", "berkunjung ke Tokyo")
    c2, _ = _cluster(linked, "a2_antara_kunjungan.txt", "tiba di Tokyo")
    c3, _ = _cluster(linked, "a2_antara_kunjungan.txt", "bertemu Perdana Menteri")
    assert c1 == c2 == c3
    canon = linked.merged_event(c1)
    assert canon["reports"] == n1 == 4  # a1, a2 twice, and a3's recall of the April visit
    assert {s["outlet"] for s in canon["sources"]} == {"Kompas", "ANTARA"}
    assert canon["date"] == "2023-04-12" and canon["date_info"]["granularity"] == "day"
    assert canon["date_info"]["resolved_from"] == "text"  # the sentence's own date beats the context and the month


def test_merge_two_visits_stay_apart(linked):
    april, _ = _cluster(linked, "a1_kompas_kunjungan.txt", "berkunjung ke Tokyo")
    november, n = _cluster(linked, "a3_kunjungan_kedua.txt", "kembali berkunjung")
    recall, _ = _cluster(linked, "a3_kunjungan_kedua.txt", "telah mengunjungi Jepang")
    assert april != november and n == 1
    assert recall == april  # the recalled visit (month only) joins the April one, not November's
    planned, _ = _cluster(linked, "a1_kompas_kunjungan.txt", "dijadwalkan bertemu")
    assert planned != april  # AGREE to a planned CONSULT stays apart from the visit


def test_merge_conflicting_figures_kept_side_by_side(linked):
    c4, _ = _cluster(linked, "a4_serangan_wire.txt", "melancarkan serangan udara")
    c5, _ = _cluster(linked, "a5_serangan_salinan.txt", "melancarkan serangan udara")
    assert c4 == c5
    canon = linked.merged_event(c4)
    assert canon["dead"] is None
    assert sorted(f["value"] for f in canon["figures"]["dead"]) == [50, 53]
    assert all(f["reports"][0]["doc"] for f in canon["figures"]["dead"])


def test_stories_near_duplicates_flagged(linked):
    dups = linked.near_duplicates()
    assert [(d["doc"], d["of_doc"]) for d in dups] == [("a5_serangan_salinan.txt", "a4_serangan_wire.txt")]
    assert dups[0]["similarity"] >= 0.7
    s4, s5 = linked.story("a4_serangan_wire.txt"), linked.story("a5_serangan_salinan.txt")
    assert s4["id"] == s5["id"]
    assert any(d.get("near_duplicate_of") for d in s4["documents"])


def test_stories_cluster_articles_of_one_story(linked):
    s1, s2, s3 = (linked.story(d) for d in ("a1_kompas_kunjungan.txt", "a2_antara_kunjungan.txt", "a3_kunjungan_kedua.txt"))
    assert s1["id"] == s2["id"] != s3["id"]
    assert "Joko Widodo" in s1["title"] and "CONSULT" in s1["title"]
    assert s1["key_actors"][0] == "Joko Widodo"
    assert s1["start"] == "2023-04-12" and s1["end"] == "2023-04-13"
    assert len(linked.stories(limit=None)) == 3


def test_timeline_order_and_precision(linked):
    tl = linked.timeline("Joko Widodo", other="Japan")
    assert [r["date"] for r in tl] == ["2023-04-12", "2023-11-06"]
    assert all(r["event"] == ["CONSULT"] for r in tl)
    assert tl[0]["reports"] == 4 and tl[1]["reports"] == 1
    tl_all = linked.timeline("Joko Widodo")
    dates = [r["date"] for r in tl_all]
    assert dates == sorted(dates)


def test_graph_counts(linked):
    g = linked.graph()
    edges = {(e["source"], e["target"]): e for e in g["edges"]}
    e = edges[("person/joko-widodo", "country/JPN")]
    assert e["events"] == 2 and e["types"] == {"CONSULT": 2} and e["cooperation"] == 2 and e["conflict"] == 0
    assert edges[("org/myanmar-armed-forces", "MMR:civilians")]["conflict"] == 1
    assert edges[("org/myanmar-armed-forces", "MMR:civilians")]["reports"] == 2
    nodes = {n["id"]: n for n in g["nodes"]}
    assert nodes["person/joko-widodo"]["degree"] == 2
    assert g["summary"]["strongest_dyads"][0]["events"] == 2
    xml = to_graphml(g)
    assert xml.count("<node ") == len(g["nodes"]) and xml.count("<edge ") == len(g["edges"])


def test_merge_incremental_equals_rebuild(tmp_path):
    names = sorted(EVENTS)
    ref = _ingest(tmp_path / "ref.db", names)
    want = snapshot(ref)
    for seed in (1, 2):
        order = names[:]
        random.Random(seed).shuffle(order)
        st = _ingest(tmp_path / f"s{seed}.db", order)
        assert snapshot(st) == want
        st.rebuild_links()
        assert snapshot(st) == want
        st.close()
    ref.close()


def _report(**kw):
    base = dict(id="x", doc_id="d1", doc="d1", published="2023-01-10", start=0, type="CONSULT", planned=None, visit=False,
                mclass="real", actors=[("p/a", "AAA")], recipients=[("p/b", "BBB")], date="2023-01-10", gran="day",
                prov="text", span=None, place_code=None, place_strong=False)
    base.update(kw)
    r = merge.Report(**base)
    r.span = merge.widened(r.date, r.gran, r.prov, r.visit)
    return r


def test_merge_match_rules():
    a = _report(id="a")
    assert merge.match(a, _report(id="b", doc_id="d2", date="2023-01", gran="month"))
    assert not merge.match(a, _report(id="b", doc_id="d2", date="2023-02", gran="month"))
    assert not merge.match(a, _report(id="b", planned="CONSULT", type="AGREE"))
    assert not merge.match(a, _report(id="b", mclass="future"))
    assert not merge.match(a, _report(id="b", recipients=[("p/c", "CCC")]))
    # undated: only a strong match published close by
    assert merge.match(a, _report(id="b", doc_id="d2", date=None, gran=None, published="2023-01-12"))
    assert not merge.match(a, _report(id="b", doc_id="d2", date=None, gran=None, published="2023-03-12"))
    assert not merge.match(a, _report(id="b", doc_id="d2", date=None, gran=None, recipients=[]))
    # a day resolved from a weekday is +/- 1 day
    assert merge.match(a, _report(id="b", doc_id="d2", date="2023-01-11", prov="published"))
    assert not merge.match(a, _report(id="b", doc_id="d2", date="2023-01-11"))


def test_merge_pipeline_smoke(tmp_path):
    """The real pipeline on the syndicated pair: flagged as near duplicates, same story, rebuild == incremental."""
    from warta.api import analyze

    st = Store(tmp_path / "p.db")
    for name in ("a5_serangan_salinan.txt", "a4_serangan_wire.txt"):
        pub, src = PUB[name]
        st.add(analyze((DATA / name).read_text(encoding="utf-8"), published=pub, doc=name, source=src))
    want = snapshot(st)
    assert [d["doc"] for d in st.near_duplicates()] == ["a5_serangan_salinan.txt"]
    assert st.story("a4_serangan_wire.txt")["id"] == st.story("a5_serangan_salinan.txt")["id"]
    assert all(r.get("cluster") and r.get("reports") for r in st.events(limit=None))
    st.rebuild_links()
    assert snapshot(st) == want
    st.close()


def test_merge_one_article_keeps_apart_what_its_dates_keep_apart():
    # the September visit ("pada Senin" on a copyright year: 2022) and the July one ("Juli lalu": 2022-07)
    sept = _report(id="s", start=18, date="2022", gran="year", prov="published", visit=True)
    july = _report(id="j", start=732, date="2022-07", gran="month", prov="published", visit=True)
    assert not merge.match(sept, july) and not merge.match(july, sept)
    # the same year-only report may still join a precise one of another article
    assert merge.match(sept, _report(id="o", doc_id="d2", start=5, date="2022-07", gran="month", prov="published"))
    # two days of one article are two events; one day inside a month of the same article may be one
    assert not merge.match(_report(id="a", start=0, date="2023-01-10"), _report(id="b", start=90, date="2023-01-11",
                                                                             prov="published"))
    assert merge.match(_report(id="a", start=0, date="2023-01-10"), _report(id="b", start=90, date="2023-01",
                                                                          gran="month"))


def test_merge_canonical_actors_are_those_its_reports_agree_on():
    """A coup told by three reports, one of which (miscoded) names the deposed leader and a foreign
    state as actors: the canonical event's actors are the coup leader alone."""
    def rec(rid, actors, recipients):
        return {"id": rid, "event": ["COERCE"], "actor": [{"entity_id": e, "identifier_text": e, "code": None}
                                                          for e in actors],
                "recipient": [{"entity_id": e, "identifier_text": e, "code": None} for e in recipients],
                "date": "2021-02-01", "date_info": {"granularity": "day", "resolved_from": "text"},
                "text_info": {"start": 0}, "modality": "asserted"}
    reports = [merge.Report.from_record(rec("r1", ["p/min"], ["org/gov"]), "d1", "2021-02-02"),
               merge.Report.from_record(rec("r2", ["p/min", "p/suu-kyi", "country/RUS"], ["org/gov"]), "d2", "2021-02-03"),
               merge.Report.from_record(rec("r3", ["p/min"], ["p/suu-kyi"]), "d3", "2021-02-03")]
    c = merge.canonical_record(reports)
    assert [a["entity_id"] for a in c["actor"]] == ["p/min"]
    assert [a["entity_id"] for a in c["recipient"]] == ["org/gov"]
    assert c["reports"] == 3


def test_merge_an_article_with_hundreds_of_events_is_stored_and_linked(tmp_path, make_document):
    """Linking asks for candidates in one UNION ALL; SQLite allows 500 terms in one, and an
    article of 300 events (two terms each) used to fail to store."""
    text = " ".join(f"Mesir mengecam Sudan pada rapat ke-{i}." for i in range(300))
    with Store(tmp_path / "many.db") as st:
        assert st.add(make_document("banyak.txt", text)) is True
        assert st.count()["events"] == 300
        assert len(st.merged_events(limit=None)) >= 1


def _chain_docs(make_document):
    """Three reports of Egypt consulting Sudan: on 5 and on 25 September 2022 (two meetings, twenty
    days apart) and one dated only '2022', which each of the two matches."""
    texts = {"a.txt": ("Mesir bertemu Sudan di Kairo. ", "2022-09-05"), "c.txt": ("Mesir kembali bertemu Sudan. ", "2022-09-25"),
             "b.txt": ("Mesir dan Sudan bertemu tahun ini. ", "2022")}
    return {name: make_document(name, text, event_types=("CONSULT",), dates=(date,), modalities=("asserted",),
                                published="2022-09-26") for name, (text, date) in texts.items()}


def test_merge_reports_do_not_chain_into_one_event(tmp_path, make_document):
    docs = _chain_docs(make_document)
    want = None
    for i, order in enumerate(itertools.permutations(sorted(docs))):
        with Store(tmp_path / f"chain{i}.db") as st:
            for name in order:
                st.add(docs[name])
            clusters = {e["doc"]: e["cluster"] for e in st.events(limit=None)}
            got = snapshot(st)
            st.rebuild_links()
            assert snapshot(st) == got  # whatever the order, the links a rebuild makes
        # the two dated meetings are two events; the year-only report joins one of them, not both
        assert clusters["a.txt"] != clusters["c.txt"]
        assert clusters["b.txt"] in (clusters["a.txt"], clusters["c.txt"])
        want = want or got
        assert got == want


def test_stories_recombined_corpus_does_not_collapse_into_one_story(tmp_path):
    """Articles recombined from the examples' sentences, each lede dated on its own day: articles
    share body sentences (and so events) with many others, but no two ledes report one event on
    one day, so no story may gather a large part of the corpus."""
    from warta.api import analyze_article
    from warta.bench import build_corpus

    arts = list(build_corpus(120, seed=3))
    with Store(tmp_path / "recombined.db") as st:
        for art in arts:
            st.add(analyze_article(art))
        sizes = sorted((len(s["documents"]) for s in st.stories(limit=None)), reverse=True)
        events = st.link_counts()
        biggest = max(e["reports"] for e in st.merged_events(limit=None))
    assert sum(sizes) == len(arts)
    assert sizes[0] <= len(arts) // 10
    assert biggest <= events["events"] // 10
