"""Which date the story gives an event whose own sentence names none: a learned choice.

The rules of :func:`warta.analyse.records.build_records` carry a date to such an event from its
neighbours, the story's first date, the article's news day, or the month of publication. Which
of the article's dates the annotators gave such an event depends on more than one rule can weigh
(a later sentence that tells the same act with its day, a date that is the speech's, not the
act's), so the choice among the candidates is a conditional logit over their features, trained
on the corpus gold (``scripts/train_dates.py``; model in ``models/context_dates/``). Every date the
rules could have given is a candidate, with every day, month or year the article's sentences
name, and the month of publication; the rules' own choice is one feature among the rest,
and wins ties. Without a shipped model the rules' choice stands.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .learned.linear import LinearModel

#: the shipped model's folder under ``analyse/models``
MODEL_NAME = "context_dates"

_model: LinearModel | None = None
_loaded = False
_trace: list[dict[str, Any]] | None = None


@dataclass
class Candidate:
    """One date an undated event could take, where it comes from and what is known of it."""
    value: str
    info: dict[str, Any]
    sources: set[str] = field(default_factory=set)
    sentence: int | None = None      # the nearest sentence that names it
    named: int = 0                   # how many sentences name it
    role: str | None = None          # "since" / "until" of the expression that names it
    kind: str | None = None          # absolute / relative / weekday
    before: str | None = None        # the word before the expression that names it


def model() -> LinearModel | None:
    """The shipped model, loaded once per process (None when the package has none)."""
    global _model, _loaded
    if not _loaded:
        folder = Path(__file__).resolve().parent / "models" / MODEL_NAME
        _model, _loaded = (LinearModel.load(folder) if (folder / "weights.npz").exists() else None), True
    return _model


def wanted() -> bool:
    """Whether a choice is to be made: a model is there to make it, or the choices are traced."""
    return _trace is not None or model() is not None


def reload() -> None:
    """Load the model now in the package again on next use (it may have been retrained)."""
    global _loaded
    _loaded = False


def use(new: LinearModel | None) -> Callable[[], None]:
    """Put ``new`` in place of the shipped model (training scripts); returns what undoes it."""
    global _model, _loaded
    old = (_model, _loaded)
    _model, _loaded = new, True

    def undo() -> None:
        global _model, _loaded
        _model, _loaded = old
    return undo


@contextmanager
def tracing() -> Iterator[list[dict[str, Any]]]:
    """Collect every choice made inside the block: its event and candidates with their features."""
    global _trace
    old, _trace = _trace, []
    try:
        yield _trace
    finally:
        _trace = old


def _age(value: str, anchor: dt.date | None) -> str:
    if anchor is None:
        return "?"
    try:
        y, m, d = (int(p) for p in (value.split("-") + ["1", "1"])[:3])
        days = (anchor - dt.date(y, m, d)).days
    except ValueError:
        return "?"
    if len(value) == 4:
        return "year:this" if y == anchor.year else ("year:past" if y < anchor.year else "year:ahead")
    if len(value) == 7:
        return "month:this" if (y, m) == (anchor.year, anchor.month) else ("month:past" if days > 0 else "month:ahead")
    for top, name in ((-1, "ahead"), (0, "0"), (1, "1"), (7, "2-7"), (31, "8-31"), (365, "32-365")):
        if days <= top:
            return name
    return ">365"


def _distance(k: int, seq: int) -> str:
    d = k - seq
    if d < 0:
        return {-1: "-1", -2: "-2"}.get(d, "-3..-5" if d >= -5 else "<-5")
    return {1: "+1", 2: "+2"}.get(d, "+3..5" if d <= 5 else ">5")


#: words before a date expression the model reads as themselves (others are "other")
BEFORE_WORDS = frozenset("""pada sejak hingga sampai kemarin lalu hari tanggal malam pagi siang sore tadi
    kata ujar ujarnya katanya ucap ucapnya jelas jelasnya tutur tuturnya ungkap ungkapnya terang
    di dalam saat sebelumnya , ( " yang""".split())


def _delta(value: str, rule: str) -> str:
    """How many days the candidate lies from the rules' choice (both day-precise)."""
    if len(value) != 10 or len(rule) != 10:
        return "na"
    try:
        d = (dt.date.fromisoformat(value) - dt.date.fromisoformat(rule)).days
    except ValueError:
        return "na"
    return str(d) if -2 <= d <= 2 else ("<-2" if d < 0 else ">2")


def ranks(cands: Sequence[Candidate], seq: int) -> dict[int, str]:
    """Each sentence candidate's rank by nearness to sentence ``seq`` among the dated sentences
    (``near0``: the nearest; ``prev0``/``next0``: the nearest before / after)."""
    out: dict[int, str] = {}
    named = sorted({c.sentence for c in cands if c.sentence is not None})
    by_near = sorted(named, key=lambda k: (abs(k - seq), k > seq))
    before = [k for k in reversed(named) if k < seq]
    after = [k for k in named if k > seq]
    for i, c in enumerate(cands):
        if c.sentence is None:
            continue
        side, name = (before, "prev") if c.sentence < seq else (after, "next")
        out[i] = f"near{min(by_near.index(c.sentence), 2)}|{name}{min(side.index(c.sentence), 2)}"
    return out


def features(c: Candidate, seq: int, ev_type: str, modality: str, rule_kind: str, anchor: dt.date | None,
             types_of: Callable[[int], set[str]], first_dated: int | None, same_paragraph: bool,
             rule_value: str = "", rank: str | None = None) -> list[str]:
    """What the model reads of candidate ``c`` for the event of sentence ``seq``."""
    age = _age(c.value, anchor)
    gran = {4: "year", 7: "month"}.get(len(c.value), "day")
    delta = _delta(c.value, rule_value)
    chosen = "chosen" if "rule" in c.sources else "other"
    f = [f"age={age}", f"gran={gran}", f"mod={modality}|age={age}", f"rule={rule_kind}|{chosen}",
         f"delta={delta}", f"delta={delta}|rule={rule_kind}", f"t={ev_type}|age={age}"]
    if rank:
        near, side = rank.split("|")
        f += [near, side, f"{side}|age={age}", f"{near}|rule={rule_kind}"]
    if c.before is not None:
        word = c.before if c.before in BEFORE_WORDS else "other"
        f += [f"before={word}", f"before={word}|age={age}"]
    for s in sorted(c.sources):
        f += [f"src={s}", f"src={s}|mod={modality}", f"src={s}|lead={seq == 0}", f"src={s}|rule={rule_kind}"]
    if c.sentence is not None:
        dist = _distance(c.sentence, seq)
        f += [f"dist={dist}", f"dist={dist}|mod={modality}", f"named={min(c.named, 3)}",
              f"first={c.sentence == first_dated}", f"lead={c.sentence == 0}", f"kind={c.kind}",
              f"role={c.role}", f"gran={gran}|dist={dist}"]
        types = types_of(c.sentence)
        if ev_type in types:
            f += ["same_type", f"same_type|dist={dist}"]
        elif types:
            f.append("other_event")
        if dist in ("-1", "+1") and same_paragraph:
            f.append("same_paragraph")
    return f


def collect(seq: int, rule: tuple[str, dict[str, Any]], rule_kind: str, proposals: dict[str, Any],
            times_of: Callable[[int], Sequence[Any]], n_sentences: int, published: dt.date | None,
            anchor_gran: str | None) -> list[Candidate]:
    """Every date the event of sentence ``seq`` could take: the rules' choice first, then the
    other rules' proposals, every date the other sentences name (nearest first) and the month of
    publication (never its day unless the text names it: a date is the text's, not the feed's)."""
    by_value: dict[str, Candidate] = {}

    def add(value: str | None, info: dict[str, Any], source: str) -> Candidate | None:
        if not value:
            return None
        c = by_value.setdefault(value, Candidate(value, info))
        c.sources.add(source)
        return c

    add(rule[0], rule[1], "rule")
    for name, prop in proposals.items():
        if prop and prop[0]:
            add(prop[0], prop[1], name)
    order = sorted((k for k in range(n_sentences) if k != seq), key=lambda k: (abs(k - seq), k > seq))
    for k in order:
        seen: set[str] = set()
        for t, before in times_of(k):
            if not t.value or t.value in seen or t.role == "until":  # a span's end dates no act
                continue
            seen.add(t.value)
            c = add(t.value, {"granularity": t.granularity, "text": t.text, "resolved_from": "context"}, "sentence")
            if c is not None:
                c.named += 1
                if c.sentence is None:
                    c.sentence, c.role, c.kind, c.before = k, t.role, t.kind, before
    if published is not None and anchor_gran in ("day", "month"):
        add(published.isoformat()[:7], {"granularity": "month", "text": None,
                                         "resolved_from": "published (month; no date in the text)"}, "published_month")
    return list(by_value.values())


#: ages of a date too old for a current event to take from the story: a day more than a month
#: before publication, a past year (on the training folds the model moved 4 current events to
#: such a day, 3 of them wrongly; they stay background)
TOO_OLD_FOR_CURRENT = frozenset({"32-365", ">365", "year:past"})


def plausible(c: Candidate, anchor: dt.date | None, current: bool) -> bool:
    """Whether an event (``current``: not historical) may take candidate ``c`` at all."""
    return not (current and _age(c.value, anchor) in TOO_OLD_FOR_CURRENT)


def choose(cands: list[Candidate], feats: list[list[str]], key: dict[str, Any]) -> Candidate:
    """The candidate the model finds likeliest (the rules' choice, first, wins ties); every choice
    is traced inside :func:`tracing`."""
    m = model()
    if _trace is not None:
        _trace.append({**key, "candidates": [(c.value, f) for c, f in zip(cands, feats)]})
    if m is None or len(cands) < 2:
        return cands[0]
    scores = [m.score(f) for f in feats]
    return cands[max(range(len(cands)), key=lambda i: (scores[i], -i))]
