"""Run the PLOVER event coder over an article, sentence by sentence.

Each sentence gets the actor mentions inside it and the events of the sentence before (so
that ``Dia``, ``Mereka`` and ``Keduanya`` can take their actors). Returns a list of
``(sentence index, CodedEvent)`` pairs in text order.
"""
from __future__ import annotations

import bisect
from collections import Counter

from .events.coder import code_sentence
from .events.discourse import referred_act_recipients
from .doc import doc_text


#: how many earlier events the coder sees, for pronouns and ellipsis
PREVIOUS = 12


def _anchor_country(doc) -> str | None:
    """The country the article is mostly about: the one its named actors and places belong to most."""
    counts = Counter(m.code for m in doc._.mentions or []
                     if m.code and m.code != "IGO" and m.type in ("GPE", "ORG", "PER"))
    return counts.most_common(1)[0][0] if counts else None


def code_document(doc) -> list[tuple[int, object]]:
    """Coded events of every body sentence of ``doc``."""
    text = doc_text(doc)
    mentions = doc._.mentions or []
    starts = [m.start for m in mentions]
    country = _anchor_country(doc)
    anchor, gran = doc._.anchor or (None, None)
    published = anchor.isoformat() if anchor is not None and gran == "day" else None
    parses = doc._.parses or {} if doc.has_extension("parses") else {}
    out: list[tuple[int, object]] = []
    previous: list = []
    for i, sent in enumerate(doc._.sentences or []):
        lo = bisect.bisect_left(starts, sent.start)
        hi = bisect.bisect_left(starts, sent.end)
        inside = [m for m in mentions[lo:hi] if m.end <= sent.end]
        events = code_sentence(text, sent.start, sent.end, inside, previous=previous[-PREVIOUS:],
                               anchor_country=country, published=published,
                               parse=parses.get(sent.start))
        for ev in events:
            ev.recipients = ev.recipients or referred_act_recipients(text, ev, sent.end, previous)
        out.extend((i, ev) for ev in events)
        previous.extend(events)
    return out
