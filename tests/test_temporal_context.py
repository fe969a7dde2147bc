"""The learned choice of a date for an event its own sentence does not date (analyse/temporal_context.py)."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy
import pytest

import warta
from warta.analyse import temporal_context as tc
from warta.analyse.learned.linear import DIMS, LinearModel, index
from warta.analyse.temporal import TimeExpr

ROOT = Path(__file__).resolve().parent.parent

# 9 September 2016 is a Friday: "Senin (5/9)" is Monday 5 September, "Minggu (4/9)" Sunday 4 September.
# The lead's arrest names no day; the second sentence dates the police's statement, the third
# retells an arrest with its day.
ARREST = ("Jakarta - Polisi menangkap dua tersangka pencurian di Koja.\n\n"
          "Kapolres mengatakan, Senin (5/9), pihaknya terus menyelidiki kasus itu.\n\n"
          "Polisi menangkap seorang tersangka lain di Tugu Utara pada Minggu (4/9).")


@pytest.fixture
def no_model():
    undo = tc.use(None)
    yield
    undo()


def _lead_arrest(text: str = ARREST) -> dict:
    events = warta.analyze(text, published="2016-09-09").events
    return next(e for e in events if e["text_info"]["sequence"] == 0)


def _time(value: str, text: str) -> TimeExpr:
    return TimeExpr(0, len(text), text, value, "day" if len(value) == 10 else "month", "weekday", "text")


def test_temporal_context_candidates_are_the_rules_choice_then_every_date_the_article_names():
    named = {0: [(_time("2016-09-05", "Senin (5/9)"), ",")],
             2: [(_time("2016-09-04", "Minggu (4/9)"), "pada"), (_time("2016-09-05", "Senin (5/9)"), "dan")],
             3: [(_time("2016-09-04", "Minggu (4/9)"), "pada")]}
    cands = tc.collect(1, ("2016-09-05", {"resolved_from": "context"}), "news", {"story": None},
                       lambda k: named.get(k, []), 4, dt.date(2016, 9, 9), "day")
    assert [c.value for c in cands] == ["2016-09-05", "2016-09-04", "2016-09"]
    rule, sunday, month = cands
    assert rule.sources == {"rule", "sentence"} and rule.named == 2 and rule.sentence == 0
    # the nearest sentence naming it is kept (sentence 2, one after, before sentence 3)
    assert sunday.sources == {"sentence"} and sunday.named == 2 and sunday.sentence == 2 and sunday.before == "pada"
    assert month.sources == {"published_month"} and month.sentence is None


def test_temporal_context_without_a_model_the_rules_choice_stands(no_model):
    # the rules date the lead by the article's news day, the first day of the week before publication named
    lead = _lead_arrest()
    assert lead["date"] == "2016-09-05"
    assert tc.choose([tc.Candidate("2016-09-05", {}), tc.Candidate("2016-09-04", {})], [["a"], ["b"]], {}).value \
        == "2016-09-05"


def test_temporal_context_a_model_weighing_the_same_act_dates_the_lead_by_its_retelling():
    weights = numpy.zeros(DIMS)
    weights[index("same_type")] = 5.0
    undo = tc.use(LinearModel(weights, 0.0))
    try:
        lead = _lead_arrest()
    finally:
        undo()
    assert lead["event"] == ["COERCE"]
    assert lead["date"] == "2016-09-04"
    assert lead["date_info"] == {"granularity": "day", "text": "pada Minggu (4/9)", "resolved_from": "context"}


def test_temporal_context_choice_is_traced_with_the_rules_choice_first(no_model):
    with tc.tracing() as trace:
        _lead_arrest()
    lead = next(t for t in trace if t["start"] == ARREST.index("Polisi"))
    values = [v for v, _ in lead["candidates"]]
    assert values[0] == "2016-09-05" and "2016-09-04" in values and "2016-09" in values
    assert "rule=news|chosen" in lead["candidates"][0][1]


def test_temporal_context_current_events_never_take_a_date_older_than_a_month():
    pub = dt.date(2017, 5, 10)
    old_day, last_year, recent = (tc.Candidate(v, {}) for v in ("2017-04-03", "2016", "2017-04-20"))
    assert not tc.plausible(old_day, pub, current=True) and not tc.plausible(last_year, pub, current=True)
    assert tc.plausible(recent, pub, current=True)
    assert tc.plausible(old_day, pub, current=False) and tc.plausible(last_year, pub, current=False)


def test_temporal_context_conditional_logit_learns_which_candidate_is_right():
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_dates import chosen, fit_groups

    # the right candidate is always the one marked "near", wherever it stands; events with no
    # right candidate teach nothing
    groups = [[(["rule", "far"], 0), (["near"], 1)], [(["rule", "near"], 1), (["far"], 0)],
              [(["rule", "far"], 0), (["far"], 0), (["near"], 1)], [(["rule"], 0), (["far"], 0)]] * 5
    model = fit_groups(groups, l2=0.1)
    assert model.bias == 0.0
    assert [chosen(model, g) for g in groups[:3]] == [1, 0, 2]
    assert numpy.array_equal(fit_groups(groups, l2=0.1).weights, model.weights)


def test_temporal_context_shipped_model_was_trained_on_the_corpus():
    model = tc.model()
    assert model is not None
    assert model.meta["trained_on"] == "corpus training folds" and model.meta["events"] > 500
