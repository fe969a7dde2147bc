"""merge.match on hand-made reports: the rules of fuse/merge.py's docstring, one pair at a time."""
from __future__ import annotations

from warta.fuse.reports import Report, match


def _report(rid, doc, *, date=None, code="SYR", strong_place=True, recipient=None, published="2023-03-07"):
    rec = {
        "id": rid, "doc": doc, "event": ["ASSAULT"], "mode": [None], "modality": "asserted",
        "actor": [{"entity_id": "org/israel-defense-forces", "code": "ISR"}],
        "recipient": recipient or [], "date": date,
        "date_info": {"granularity": "day", "resolved_from": "text"} if date else {},
        "event_loc": {"placename": "somewhere" if strong_place else None, "country_code3": code,
                      "resolved_from": "sentence" if strong_place else "reports"},
        "text_info": {"start": 0},
    }
    return Report.from_record(rec, doc_id=doc, published=published)


def test_merge_match_undated_same_country_from_context_is_one_event():
    # no date, the actor shared by entity, no recipient, the country known only from context
    a = _report("a", "doc-a", strong_place=False)
    b = _report("b", "doc-b", strong_place=False)
    assert match(a, b) and match(b, a)


def test_merge_match_undated_different_countries_from_context_stay_apart():
    a = _report("a", "doc-a", code="SYR", strong_place=False)
    b = _report("b", "doc-b", code="IRQ", strong_place=False)
    assert not match(a, b) and not match(b, a)


def test_merge_match_undated_reports_published_far_apart_stay_apart():
    a = _report("a", "doc-a", strong_place=False, published="2023-03-07")
    b = _report("b", "doc-b", strong_place=False, published="2023-06-07")
    assert not match(a, b)


def test_merge_match_same_day_places_named_in_two_countries_stay_apart_across_articles():
    hez = [{"entity_id": "org/hezbollah", "code": "LBN"}]
    a = _report("a", "doc-a", date="2023-03-06", code="SYR", recipient=hez)
    b = _report("b", "doc-b", date="2023-03-06", code="LBN", recipient=hez)
    assert not match(a, b)
    c = _report("c", "doc-c", date="2023-03-06", code="SYR", recipient=hez)
    assert match(a, c)                                     # the control: same day, same country
    d = _report("d", "doc-d", date="2023-03-09", code="SYR", recipient=hez)
    assert not match(a, d)                                 # same country, three days later
