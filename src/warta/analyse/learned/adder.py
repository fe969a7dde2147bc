"""Events the sentence-level model finds where the rules coded none of that type.

The sentence model (``models/sentence_events/``) gives each sentence a probability for every
PLOVER type and for "no event". A type over the model's threshold that no coded event of the
sentence carries becomes a new :class:`~warta.analyse.events.coder.CodedEvent` (before
``warta_records``, which then dates, places and describes it like any other): its trigger is the
sentence's word that weighs most for that type in the model (not a word the rules coded as
another type: one word names one act; in the folds' output such additions were right 1 time of
9), its actor the sentence's first
coded mention (else the story's latest actor, else a mention of the article's main country), its
recipient the next coded mention of another entity, its modality from the rules' cues around
the trigger (else from the modality model, ``models/modality/``), its ``confidence`` the sentence
model's probability, calibrated (:func:`calibrated`). The modality model also judges the rule
coder's events whose cues found no modality (:func:`_by_model`).
"""
from __future__ import annotations

import bisect
import math
from collections import Counter

from ..doc import doc_text
from ..events.coder import CodedEvent, trigger_modality
from ..events.discourse import named_as_channel
from ..events.words import AUX, CONJ, DEMONSTR, PREPS, PRON_PL, PRON_SG, RECIP_PREPS, SKIP_ADV, TOPIC_PREPS
from .features import sentence_features, words
from .linear import SoftmaxModel, index

NONE = "NONE"
#: at most this many types added to one sentence (two types a sentence is already rare in gold)
MAX_ADDED = 2
#: shortest word taken as an added event's trigger (shorter ones are particles and prepositions)
TRIGGER_MIN = 5
#: the modality model's class is taken, where the rules' cues find none, only when this sure
#: (corpus folds, balanced modality: 0.6 -> 0.650, 0.5 -> 0.669, 0.4 and 0.3 -> 0.677, event F1
#: and the dev articles unchanged; README, Quality)
MODEL_MODALITY_MIN = 0.4
#: types the modality model may not make "future": the codebook codes a planned meeting, support,
#: cooperation or aid as AGREE (the rules recode them so), and a threat is itself the act, said
#: now (training folds' gold: 0 of 255 CONSULT, 299 SUPPORT, 58 COOPERATE and 91 AID events
#: future, 1 of 86 THREATEN)
NEVER_FUTURE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "THREATEN"})
#: ``doc.user_data`` key: (sentence, type, trigger start) of the events added here
ADDED = "warta_learned_added"
#: ``doc.user_data`` key: the sentence model's probabilities of each type, by sentence (the
#: rescoring model of full mode reads them)
SENTENCE_PROBS = "warta_sentence_probs"


def _key(m) -> tuple:
    return (m.entity_id or m.name or m.text, m.code)


def _coded(doc, start: int, end: int) -> list:
    mentions = doc._.mentions or []
    starts = [m.start for m in mentions]
    lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    text = doc_text(doc)
    return [m for m in mentions[lo:hi] if m.code and m.end <= end and m.type in ("PER", "ORG", "GPE")
            and not (m.sector == "BUS" and named_as_channel(text, m.start, start))]  # no party: the channel


def _country_mention(doc):
    """A mention of the article's main country (the code its named actors and places carry most)."""
    ms = [m for m in doc._.mentions or [] if m.code and m.code != "IGO" and m.type in ("GPE", "ORG", "PER")]
    if not ms:
        return None
    code = Counter(m.code for m in ms).most_common(1)[0][0]
    return next((m for m in ms if m.code == code and m.type == "GPE"), None) or next(m for m in ms if m.code == code)


def fill_actor(doc, rec: dict) -> None:
    """A record whose actors and recipients carry no country gets an actor that does: the first coded
    mention of its sentence, else the article's main country (the rules leave ``polisi``, ``warga``,
    ``tersangka`` uncoded, but a domestic story's parties are of its country)."""
    from ..records import _actor

    if any(p.get("code") for p in (rec.get("actor") or []) + (rec.get("recipient") or [])):
        return
    ti = rec.get("text_info") or {}
    coded = _coded(doc, ti.get("start", 0), ti.get("end", 0))
    m = coded[0] if coded else _country_mention(doc)
    if m is not None:
        rec["actor"] = [*(rec.get("actor") or []), _actor(m)]


#: sectors of the parties that report an act rather than take part in it
_REPORTERS = frozenset({"MED", "JRN"})


def fill_recipient(doc, rec: dict) -> None:
    """A record with no recipient gets one: the first coded mention of its sentence whose country
    none of its actors has, unless it is the speaker the act is attributed to or a news outlet
    (``Pemerintah langsung menyampaikan protes ke Australia``, ``Indonesia sepakat membeli ...
    dengan Rusia``). An act between parties of two countries is most often told with both in
    its sentence; where the rules' word order and the parse found no recipient, the other
    country's party is the likeliest. Cross-validation event F1 0.414 -> 0.425, test split
    0.434 -> 0.453 (README, Quality)."""
    if rec.get("recipient"):
        return
    from ..records import _actor

    ti = rec.get("text_info") or {}
    actors = rec.get("actor") or []
    ids = {a.get("entity_id") for a in actors if a.get("entity_id")}
    codes = {a.get("code") for a in actors}
    att = rec.get("attribution") or {}
    said = f"{att.get('text') or ''} {att.get('speaker') or ''}".lower()
    for m in _coded(doc, ti.get("start", 0), ti.get("end", 0)):
        if m.code in codes or (m.entity_id and m.entity_id in ids) or m.sector in _REPORTERS \
                or (said.strip() and m.text.lower() in said):
            continue
        rec["recipient"] = [_actor(m)]
        return


def _parties(doc, sent, previous: CodedEvent | None) -> tuple[list, list]:
    coded = _coded(doc, sent.start, sent.end)
    if coded:
        first = coded[0]
        other = next((m for m in coded[1:] if _key(m) != _key(first)), None)
        return [first], ([other] if other is not None else [])
    if previous is not None and any(a.code for a in previous.actors):
        return list(previous.actors), []
    m = _country_mention(doc)
    return ([m] if m is not None else []), []


#: words no act is named by (prepositions, conjunctions, auxiliaries, pronouns): never an added
#: event's trigger, however much the model weighs them (``untuk`` weighs for REQUEST)
_NO_TRIGGER = frozenset(PREPS | CONJ | AUX | SKIP_ADV | PRON_SG | PRON_PL | DEMONSTR | TOPIC_PREPS | RECIP_PREPS) - {"melawan"}


def _trigger(model: SoftmaxModel, type_: str, text: str, start: int, end: int) -> tuple[int, int, str]:
    """The word of the sentence whose weight for ``type_`` is highest, of those that may name an
    act (not :data:`_NO_TRIGGER`, not capitalised inside the sentence: ``Presiden``, ``Indonesia``):
    where the model saw the event."""
    col = model.classes.index(type_)
    best, best_w = None, float("-inf")
    pos = start
    low = text[start:end].lower()
    for w in words(text[start:end]):
        k = low.find(w, pos - start)
        if k < 0:
            continue
        pos = start + k + len(w)
        if len(w) < TRIGGER_MIN or w in _NO_TRIGGER or (k > 0 and text[start + k].isupper()):
            continue  # a particle, or a name or title (capitalised inside the sentence)
        i = index(f"w={w}")
        j = int(model.used.searchsorted(i))
        wt = float(model.weights[j, col]) if j < len(model.used) and model.used[j] == i else 0.0
        if wt > best_w:
            best, best_w = (start + k, start + k + len(w), text[start + k:start + k + len(w)]), wt
    return best or (start, start, "")


def logit(p: float) -> float:
    """log(p / (1 - p)), ``p`` kept within [1e-4, 1 - 1e-4]: the scale Platt scaling is linear on."""
    q = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(q / (1 - q))


def calibrated(p: float, meta: dict) -> float:
    """The sentence model's probability of a type as the chance the added event is right: Platt
    scaling fitted on cross-validation output (``scripts/calibration.py --fit-added``); ``p``
    as it is when the model carries no fit."""
    fit = meta.get("confidence_platt")
    if not fit:
        return p
    return 1 / (1 + math.exp(-(fit[0] * logit(p) + fit[1])))


def _modality(model: SoftmaxModel | None, feats: list[str], text: str, sent, trig: tuple[int, int, str],
              published: str | None, typ: str | None = None) -> str:
    """The rules' cues around the trigger decide (negation, future, condition, historical framing);
    where they find none, the modality model's class when it is at least MODEL_MODALITY_MIN sure.
    (The model alone, measured on the corpus folds and the dev articles, took marked modalities for
    "asserted" and back more often than the cues: dev balanced modality 0.808 against 0.84.)"""
    return _by_model(model, feats, trigger_modality(text, sent.start, sent.end, trig[:2], published, typ), typ)


def _by_model(model: SoftmaxModel | None, feats: list[str], mod: str, typ: str | None = None) -> str:
    """``mod``, the rules' modality, unless they found no cue ("asserted") and the modality model
    puts the sentence in another class at least MODEL_MODALITY_MIN sure: then that class. Serves
    the added events and the rule coder's alike: the rules' cues are words near the trigger, and an
    act told as old background (``Sebelumnya, Ahok divonis dua tahun penjara``) or planned without
    ``akan`` has none (corpus folds, rule events too: balanced modality 0.597 -> 0.653, dev 0.961
    -> 0.98, event F1 0.383 -> 0.382; README, Quality, "Dates and modality, read further"). An
    event of a type in :data:`NEVER_FUTURE` (``typ``) is not made future."""
    if model is None or mod != "asserted":
        return mod
    probs = model.probs(feats)
    best = max(probs, key=probs.get)
    return best if probs[best] >= MODEL_MODALITY_MIN and _fits(best, typ) else mod


def _fits(modality: str, typ: str | None) -> bool:
    """Whether an event of type ``typ`` may take the modality model's ``modality``
    (:data:`NEVER_FUTURE`)."""
    return not (modality == "future" and typ in NEVER_FUTURE)


def add_events(doc, model: SoftmaxModel, modality: SoftmaxModel | None) -> list[tuple[int, CodedEvent]]:
    """The coded events of ``doc`` with the sentence model's new ones inserted in text order."""
    text = doc_text(doc)
    events = list(doc._.events or [])
    threshold = float(model.meta.get("threshold", 0.5))
    have: dict[int, set[str]] = {}
    for seq, ev in events:
        have.setdefault(seq, set()).add(ev.type)
    out: list[tuple[int, CodedEvent]] = []
    added = doc.user_data.setdefault(ADDED, set())
    sentence_probs = doc.user_data.setdefault(SENTENCE_PROBS, {})
    pos = 0
    latest: CodedEvent | None = None
    anchor, gran = doc._.anchor or (None, None)
    published = anchor.isoformat() if anchor is not None and gran == "day" else None
    for seq, sent in enumerate(doc._.sentences or []):
        feats = sentence_features(text[sent.start:sent.end], seq)
        judged = None   # the modality model's class for this sentence, asked once
        while pos < len(events) and events[pos][0] <= seq:
            latest = events[pos][1]
            if events[pos][0] == seq and latest.modality == "asserted" and modality is not None:
                judged = judged or _by_model(modality, feats, "asserted")
                if judged != "asserted" and _fits(judged, latest.type):
                    # the label is the sentence's; its dates are still read as the rules read the
                    # trigger's clause, a report of the past ("menangkap demonstran yang akan
                    # berunjuk rasa pada Kamis (25/6)": the arrest is not next year's)
                    latest.tense = latest.tense or "past"
                    latest.modality = judged
            out.append(events[pos])
            pos += 1
        probs = model.probs(feats)
        sentence_probs[seq] = probs
        new = sorted(((p, t) for t, p in probs.items() if t != NONE and p >= threshold and t not in have.get(seq, ())),
                     reverse=True)[:MAX_ADDED]
        for p, t in new:
            trig = _trigger(model, t, text, sent.start, sent.end)
            if any(e.trigger[0] < trig[1] and trig[0] < e.trigger[1] for q, e in events if q == seq):
                continue  # the word the rules coded as another type: one word names one act
            actors, recipients = _parties(doc, sent, latest)
            mod = _modality(modality, feats, text, sent, trig, published, t)
            ev = CodedEvent(type=t, mode=None, context=[], actors=actors, recipients=recipients, modality=mod,
                            trigger=trig, location=None, attribution=None,
                            confidence=round(calibrated(p, model.meta), 3))
            added.add((seq, t, trig[0]))
            out.append((seq, ev))
    out.extend(events[pos:])
    return out
