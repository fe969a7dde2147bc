"""Synthetic stores for load tests and benchmarks: many documents and events, fast.

:func:`fill` writes ``events`` event records (spread over documents of ``per_doc`` events)
into a store with the store's own insert, a thousand documents a transaction, and without
cross-article linking (the documents are not queued to be linked either): what a serving
load test needs is a store of a given size, not its canonical events. The records look like
warta's (``output.md``): PLOVER types, actors and recipients from a pool of named parties (some
with non-ASCII names), dates over ten years, places with coordinates, confidences, evidence
sentences that slice the document's text.
"""
from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator

from .model import Document, Entity, Mention, Published, Span

TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
QUAD = {t: q for q, ts in {1: TYPES[:4], 2: TYPES[4:7], 3: TYPES[7:11], 4: TYPES[11:]}.items() for t in ts}
PARTIES = [("Q1", "Joko Widodo", "IDN", "GOV"), ("Q2", "Prabowo Subianto", "IDN", "MIL"), ("Q3", "Komisi Pemberantasan Korupsi", "IDN", "COP"),
           ("Q4", "Vladimir Putin", "RUS", "GOV"), ("Q5", "Min Aung Hlaing", "MMR", "MIL"), ("Q6", "Recep Tayyip Erdoğan", "TUR", "GOV"),
           ("Q7", "José Ramos-Horta", "TLS", "GOV"), ("Q8", "Kepolisian Negara Republik Indonesia", "IDN", "COP"),
           ("Q9", "Dewan Perwakilan Rakyat", "IDN", "LEG"), ("Q10", "Perserikatan Bangsa-Bangsa", "IGO", "IGO")]
PLACES = [("Jakarta", "IDN", -6.2146, 106.8451), ("Moskwa", "RUS", 55.7522, 37.6156), ("Naypyidaw", "MMR", 19.745, 96.1297),
          ("Ankara", "TUR", 39.9199, 32.8543), ("Dili", "TLS", -8.5586, 125.5736), ("Surabaya", "IDN", -7.2492, 112.7508)]
SENTENCE = "{a} {verb} {r} di {place} pada {date}."
VERBS = ["bertemu dengan", "mengecam", "membantu", "menuntut", "menyerang", "mendukung", "menolak", "menangkap"]


def _sid(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


def documents(n_events: int, per_doc: int = 5, seed: int = 1) -> Iterator[Document]:
    """Synthetic analysed Documents holding ``n_events`` events in all."""
    rng = random.Random(seed)
    made = 0
    d = 0
    while made < n_events:
        k = min(per_doc, n_events - made)
        parts, evs, offset = [], [], 0
        ents: dict[str, Entity] = {}
        for i in range(k):
            (aq, an, ac, asec), (rq, rn, rc, rsec) = rng.sample(PARTIES, 2)
            place, pcode, lat, lon = rng.choice(PLACES)
            date = f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            typ = rng.choice(TYPES)
            sent = SENTENCE.format(a=an, verb=rng.choice(VERBS), r=rn, place=place, date=date)
            start, end = offset, offset + len(sent)
            parts.append(sent)
            offset = end + 1
            for q, name, code, sec, at in ((aq, an, ac, asec, start), (rq, rn, rc, rsec, start + sent.index(rn))):
                e = ents.setdefault(q, Entity(id=q, name=name, type="PER" if sec in ("GOV", "MIL") else "ORG", code=code,
                                              sector=sec, aliases=[name]))
                e.mentions.append(Mention(name, at, at + len(name)))
            evs.append({
                "id": _sid(seed, d, i, typ), "doc": f"synthetic-{d:07d}", "event": [typ], "mode": [],
                "context": [], "actor": [{"code": ac, "sector": asec, "entity_text": an, "identifier_id": aq,
                                          "identifier_text": an, "entity_id": aq}],
                "recipient": [{"code": rc, "sector": rsec, "entity_text": rn, "identifier_id": rq,
                               "identifier_text": rn, "entity_id": rq}],
                "date": date, "date_info": {"granularity": "day", "text": date, "resolved_from": "text"},
                "event_loc": {"placename": place, "country_code3": pcode, "geonameid": None, "lat": lat, "lon": lon},
                "modality": rng.choice(["asserted"] * 8 + ["future", "negated"]), "dead": None, "injured": None,
                "event_text": [sent.split()[len(an.split())]],
                "text_info": {"sequence": i, "start": start, "end": end, "sentence": sent},
                "confidence": round(rng.random(), 4), "quad_code": QUAD[typ], "coder": "synthetic",
            })
        text = "\n".join(parts) + "\n"
        yield Document(doc=f"synthetic-{d:07d}", doc_id=_sid("doc", seed, d), text=text, language="id", title=None,
                       source="synthetic", wire=None, dateline=None, published=Published(evs[0]["date"], "day", "input"),
                       body=(0, len(text)), sentences=[Span("sentence", e["text_info"]["start"], e["text_info"]["end"],
                                                            e["text_info"]["sentence"]) for e in evs],
                       entities=list(ents.values()), events=evs)
        made += k
        d += 1


def fill(store, n_events: int, per_doc: int = 5, seed: int = 1, batch: int = 1000) -> int:
    """Write ``n_events`` synthetic events into ``store`` (unlinked); returns the documents written."""
    n = 0
    buf: list[Document] = []

    def flush() -> None:
        with store.engine.begin() as conn:
            for doc in buf:
                store._insert(conn, doc, "synthetic")
        buf.clear()

    for doc in documents(n_events, per_doc, seed):
        buf.append(doc)
        n += 1
        if len(buf) >= batch:
            flush()
    if buf:
        flush()
    return n
