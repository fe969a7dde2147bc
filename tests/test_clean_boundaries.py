"""Exact body, credit and mention boundaries for credits glued to the last sentence and for runs
of spaces (issue #20). Every expected offset is found in the text itself with ``str.index``."""
from __future__ import annotations

import pytest

import warta
from warta.ingest.clean import segment

GLUED = "JAKARTA - Presiden Joko Widodo meresmikan bendungan di Jawa Tengah.(rin/ant)\n"
SPACED = "JAKARTA  -  Presiden   Joko Widodo   meresmikan bendungan di   Jawa Tengah.   (rin/ant)  \n"


def _full_stop_end(text):
    return text.index("Tengah.") + len("Tengah.")


@pytest.mark.parametrize("text", [GLUED, SPACED], ids=["glued", "spaced"])
def test_clean_boundaries_body_keeps_the_full_stop_and_stops_before_the_credit(text):
    seg = segment(text)
    body_start = text.index("Presiden")
    assert seg.body == (body_start, _full_stop_end(text))
    credit_start = text.index("(rin/ant)")
    assert [(b.kind, b.start, b.end) for b in seg.boilerplate] == [
        ("dateline", 0, body_start), ("credit", credit_start, credit_start + len("(rin/ant)"))]
    assert seg.boilerplate[1].value == "rin/ant"


@pytest.mark.parametrize("text", [GLUED, SPACED], ids=["glued", "spaced"])
def test_clean_boundaries_sentence_and_mentions_in_the_analysed_article(text):
    d = warta.analyze(text).to_dict()
    start, end = text.index("Presiden"), _full_stop_end(text)
    assert [(s["start"], s["end"]) for s in d["sentences"]] == [(start, end)]
    mentions = {m["text"]: (m["start"], m["end"]) for e in d["entities"] for m in e["mentions"]}
    j = text.index("Jawa Tengah")
    assert mentions["Jawa Tengah"] == (j, j + len("Jawa Tengah"))
    name_end = text.index("Joko Widodo") + len("Joko Widodo")
    assert any(e == name_end and text[s:e].endswith("Joko Widodo") for s, e in mentions.values())
    # nothing found in the credit
    credit = text.index("(rin/ant)")
    assert all(e <= end or s >= credit + len("(rin/ant)") for s, e in mentions.values())
    assert all(s >= credit or e <= end for s, e in mentions.values())


def test_clean_boundaries_credit_alone_after_a_glued_sentence_ending_in_a_quote():
    text = 'BANDUNG - Gubernur berkata, "Kami siap."(abc/def)'
    seg = segment(text)
    assert text[seg.body[0]:seg.body[1]] == 'Gubernur berkata, "Kami siap."'
    assert [b.text for b in seg.boilerplate if b.kind == "credit"] == ["(abc/def)"]
