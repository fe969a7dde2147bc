"""The small aggregations of warta.serve.aggregate: highlighting, graph, timeline, places."""
from __future__ import annotations

from warta.serve import aggregate


def _event(text: str) -> dict:
    s = text.index("Ali")
    return {"id": "e1", "event": ["CONSULT"], "quad_code": 1, "date": "2021-05",
            "text_info": {"start": s, "end": len(text), "sentence": text[s:]},
            "trigger": {"start": text.index("bertemu"), "end": text.index("bertemu") + 7, "text": "bertemu"},
            "actor": [{"entity_text": "Ali", "start": s, "end": s + 3, "entity_id": "p/ali", "code": "IDN"}],
            "recipient": [{"entity_text": "<b>Budi</b>", "code": "MYS"}]}  # no offsets: found in the sentence


def test_serve_aggregate_highlight_nests_marks_and_escapes():
    text = "Awal <i>. Ali bertemu <b>Budi</b> & kawan."
    html = str(aggregate.highlight(text, aggregate.marks_for(_event(text), text)))
    assert html.startswith("Awal &lt;i&gt;. <mark class=\"hl hl-evidence\"")
    assert '<mark class="hl hl-actor" data-kind="actor">Ali</mark>' in html
    assert '<mark class="hl hl-trigger" data-kind="trigger">bertemu</mark>' in html
    assert '<mark class="hl hl-recipient" data-kind="recipient">&lt;b&gt;Budi&lt;/b&gt;</mark>' in html
    assert html.endswith(" &amp; kawan.</mark>")
    assert "<b>" not in html and "<i>" not in html


def test_serve_aggregate_highlight_ignores_bad_offsets_and_overlaps():
    text = "Ali bertemu Budi."
    marks = [(0, 17, "evidence"), (0, 3, "actor"), (1, 5, "recipient"), (50, 60, "trigger")]
    html = str(aggregate.highlight(text, marks))
    assert html.count("<mark") == 2
    bad = aggregate.marks_for({"text_info": {"start": 5, "end": 500}, "actor": [{"start": -1, "end": 2}]}, text)
    assert bad == []


def test_serve_aggregate_graph_and_timeline():
    text = "Awal. Ali bertemu <b>Budi</b>."
    ev = _event(text)
    ev2 = dict(ev, id="e2", event=["ACCUSE"], quad_code=3, date="2021-07-02")
    g = aggregate.graph([ev, ev2])
    assert {n["id"] for n in g["nodes"]} == {"p/ali", "code:MYS"}
    (edge,) = g["edges"]
    assert edge["count"] == 2 and edge["types"] == {"ACCUSE": 1, "CONSULT": 1} and edge["quad"] == {"1": 1, "3": 1}
    t = aggregate.timeline([ev2, ev], {"e1": "actor"})
    assert [e["id"] for e in t["events"]] == ["e1", "e2"] and t["events"][0]["role"] == "actor"
    assert t["events"][0]["day"] == "2021-05-01"
    # June has no event: it is there with zero, so that the gap shows
    assert [(s["period"], s["total"]) for s in t["series"]] == [("2021-05", 1), ("2021-06", 0), ("2021-07", 1)]
    assert aggregate.counterparts([ev], "p/ali")[0]["label"] == "<b>Budi</b>"


def test_serve_aggregate_places_only_with_coordinates():
    from warta.store.shared import coordinates  # what the store's map columns (and so the map) are made of

    recs = [{"id": "a", "event_loc": {"lat": -6.2, "lon": 106.8}}, {"id": "b", "event_loc": {"lat": None, "lon": 1}},
            {"id": "c", "event_loc": {"lat": 200, "lon": 1}}, {"id": "d"}]
    assert [r["id"] for r in recs if coordinates(r)[0] is not None] == ["a"]
    assert aggregate.snippet_html("x <b> y", [[2, 5]]) == "x <mark>&lt;b&gt;</mark> y"
    assert aggregate.snippet_html("[a] b", [[4, 5]]) == "[a] <mark>b</mark>"  # brackets are text


def test_serve_aggregate_timeline_gaps_are_zero_across_years():
    recs = [{"id": "a", "date": "2021-11-03", "event": ["CONSULT"]}, {"id": "b", "date": "2022-02", "event": ["AID"]}]
    t = aggregate.timeline(recs)
    assert [s["period"] for s in t["series"]] == ["2021-11", "2021-12", "2022-01", "2022-02"]
    assert [s["total"] for s in t["series"]] == [1, 0, 0, 1]
    y = aggregate.timeline(recs + [{"id": "c", "date": "2024", "event": ["AID"]}], granularity="year")
    assert [(s["period"], s["total"]) for s in y["series"]] == [("2021", 1), ("2022", 1), ("2023", 0), ("2024", 1)]


def test_serve_aggregate_highlight_marks_a_span_at_offset_zero_by_its_offsets():
    from warta.serve.aggregate import marks_for

    text = "Israel menyerang Gaza pada Senin."
    ev = {"text_info": {"start": 0, "end": len(text)},
          "trigger": {"start": 7, "end": 16, "text": None},
          "actor": [{"start": 0, "end": 6, "entity_text": None}],     # no words to look for: offsets only
          "recipient": [{"start": 17, "end": 21, "entity_text": "Gaza"}]}
    assert sorted(marks_for(ev, text)) == [(0, 6, "actor"), (0, len(text), "evidence"), (7, 16, "trigger"),
                                           (17, 21, "recipient")]


def test_serve_aggregate_highlight_trigger_without_offsets_is_found_by_its_words():
    from warta.serve.aggregate import marks_for

    text = "Israel menyerang Gaza pada Senin."
    ev = {"text_info": {"start": 0, "end": len(text)}, "trigger": {"text": "menyerang"}}
    i = text.index("menyerang")
    assert (i, i + len("menyerang"), "trigger") in marks_for(ev, text)
