"""The learned spaCy components, each made by a factory that loads its model once per process.

=====================  ==========================================  ==============================
component              sets                                        needs
=====================  ==========================================  ==============================
``warta_relevance``    ``doc._.relevance`` (P(political events))    ``doc._.segmented``
``warta_sentence_events``  ``doc._.events`` (adds)               ``doc._.events``, ``doc._.mentions``
``warta_rescore``      ``doc._.records`` (filtered, ``confidence``)  ``doc._.records``, ``doc._.relevance``
=====================  ==========================================  ==============================

``warta_rescore`` drops every record of an article whose relevance is under the relevance
model's threshold, gives each remaining record the event model's probability that an annotator
would code it (its ``confidence``) and drops those under the event model's threshold. A record
whose parties carry no country first gets an actor that does (:func:`.adder.fill_actor`), and in
full mode a kept record with no recipient gets its sentence's party of another country
(:func:`.adder.fill_recipient`). The two thresholds were chosen by cross-validation on the corpus
folds and are stored with the models.
In full mode an article the relevance model passes but doubts (:data:`DOUBTED`) keeps only its
records at least :data:`DOUBTED_MIN` likely, and one it is not sure of (:data:`UNSURE`) only
the rule records at least :data:`UNSURE_MIN` likely; and a record is kept only when its
confidence times its article's relevance reaches :data:`LIKELY_MIN`.
A component whose model is missing (``None``) passes records through as the rules coded them.
"""
from __future__ import annotations

import os
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..doc import doc_text
from ..events.words import PLEDGE
from .features import article_features, event_features
from .linear import LinearModel, SoftmaxModel

MODELS = Path(__file__).resolve().parent.parent / "models"


def full_mode() -> bool:
    """Whether the learned coder runs in full, the default: the sentence model adds the events the
    rules missed, records get an actor country and unlikely ones are dropped. ``WARTA_LEARNED_FULL=0``
    keeps the rule coder's events, filtered by relevance and given a confidence only."""
    return os.environ.get("WARTA_LEARNED_FULL", "1") != "0"


def load_model(name: str | None) -> LinearModel | None:
    """The shipped model ``models/<name>/``, or None when there is none."""
    if not name:
        return None
    folder = MODELS / name
    return LinearModel.load(folder) if (folder / "weights.npz").exists() else None


#: the least probability for which a record under the event model's threshold is still kept for
#: its marked modality or its rarely seen type (Rescore): chosen on the corpus folds and the dev
#: articles (folds: event F1 0.335 -> 0.340, events per non-political article 0.367 -> 0.294, balanced
#: modality unchanged; 0.02 cost the dev articles' modality 0.964 -> 0.835), README, Quality
KEEP_MIN = 0.01


#: an article the relevance model passes but doubts (P(political events) under DOUBTED) keeps only
#: the records at least DOUBTED_MIN likely, rule-coded or added (Rescore, full mode): chosen on the
#: corpus folds (event F1 0.348 -> 0.350, events per non-political article 0.365 -> 0.252). Doubting
#: up to 0.9 halved those events again but cost the dev articles of international news, six of which
#: the relevance model puts between 0.54 and 0.9 (event F1 0.629 -> 0.599), README, Quality
DOUBTED, DOUBTED_MIN = 0.5, 0.3
#: an article the relevance model is not sure of (P(political events) under UNSURE) keeps no rule
#: record under UNSURE_MIN, whatever its modality or type (Rescore, full mode: the KEEP_MIN
#: exception holds in the articles it is sure of only): chosen on the corpus folds and the dev
#: articles, replaying one run that kept every record (README, Quality). With the relevance model
#: of words only, 0.95 (folds: event F1 0.360 -> 0.362, events per non-political article 0.212 ->
#: 0.147; dev unchanged); with its word classes, which make it surer of international news, 0.97
#: (folds 0.368 -> 0.370, non-political 0.26 -> 0.165, dev 0.614 -> 0.606; 0.95: 0.369, 0.602)
UNSURE, UNSURE_MIN = 0.97, 0.1
#: a record of a type the event model judges (see Rescore._judged) is kept, in full mode, only when
#: its confidence (calibrated) times its article's relevance is at least LIKELY_MIN: the chance that
#: it is right with the chance that the article reports political events at all (a text too short
#: to be doubted, DOUBTED_MIN_WORDS, counts as relevant). Chosen on the corpus folds, replaying
#: their out-of-fold output with each fold's relevance model: event F1 0.427 -> 0.433 (every fold
#: the same or better), pooled type macro F1 0.585 -> 0.581, events per non-political article 0.146 ->
#: 0.137 (0.05: 0.432; 0.1: 0.431; the confidence alone at 0.1: 0.433, non-political 0.142), README, Quality
LIKELY_MIN = 0.075
#: ``doc.user_data`` key: the relevance model put the article under its threshold, so Rescore will
#: drop all its records and the event coder skips it (same output, less work)
IRRELEVANT = "warta_irrelevant"


#: how the coder field of an event the sentence model added ends
ADDED_MARK = "(learned sentence model)"


def added_by_sentence_model(record: dict) -> bool:
    """Whether the event record is one the sentence model added (its coder says so)."""
    return record["coder"].endswith(ADDED_MARK)


def ruled_out(doc: Doc) -> bool:
    """Whether the relevance model put this article under its threshold (set by ``warta_relevance``
    when it has a model): then no event of it is kept."""
    return bool(doc.user_data.get(IRRELEVANT))
#: a text of fewer words is never doubted: its relevance is read from too little (a one-sentence
#: report of a coup scores 0.35); every article of the corpus is longer
DOUBTED_MIN_WORDS = 100


def _threshold(model: LinearModel | None, default: float = 0.5) -> float:
    return float((model.meta if model is not None else {}).get("threshold", default))


def _body(doc: Doc) -> str:
    """The article's body, what the relevance model reads (the whole text when no body was found)."""
    s, e = doc._.segmented.body
    text = doc_text(doc)
    return text[s:e] or text


class Relevance:
    """P(the article reports political events), from its words."""

    def __init__(self, model: LinearModel | None):
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        if self.model is None:
            doc._.relevance = None
            return doc
        doc._.relevance = round(self.model.score(article_features(_body(doc))), 4)
        # under the threshold every record is dropped (Rescore): the coder need not code it
        doc.user_data[IRRELEVANT] = doc._.relevance < self.threshold
        return doc

    @property
    def threshold(self) -> float:
        return _threshold(self.model)


def _marked_modality(r: dict) -> bool:
    """Whether the record's sentence marks its modality (future, hypothetical, negated,
    historical). A pledge's future is its trigger word's own (``siap``, ``berjanji``: an agreement
    to act later), not a mark of the sentence: such a record is judged as an asserted one is (on
    the folds' output, 12 of the 13 AGREE records of ``siap`` with a confidence under 0.05 were
    not in the gold)."""
    if r.get("modality") == "asserted":
        return False
    if r.get("modality") == "future" and (r.get("event") or [None])[0] == "AGREE":
        return ((r.get("trigger") or {}).get("text") or "").lower() not in PLEDGE
    return True


class Rescore:
    """Drops the records of irrelevant articles and the unlikely ones; sets ``confidence``."""

    def __init__(self, nlp: Language, model: LinearModel | None, full: bool = False):
        self.nlp = nlp
        self.model = model
        #: fill missing actor countries and drop records under the threshold (:func:`full_mode`)
        self.full = full

    def _judged(self, type_: str) -> bool:
        """Whether the model saw enough rule records of this type to drop one: a type the rules
        rarely code in the corpus it learned from (domestic news has few threats or retreats) is
        not judged by it (README, Quality: full mode)."""
        meta = self.model.meta if self.model is not None else {}
        least, seen = meta.get("drop_min_type_share"), meta.get("type_records") or {}
        return least is None or seen.get(type_, 0) >= least * sum(seen.values())

    def _sentence_probs(self, doc: Doc) -> dict[int, dict[str, float]] | None:
        """The sentence model's probabilities by sentence, when the rescoring model was trained
        with them (``meta["sentence_probs"]``); else None."""
        if not (self.model is not None and self.model.meta.get("sentence_probs")):
            return None
        from .adder import SENTENCE_PROBS

        return doc.user_data.get(SENTENCE_PROBS) or {}

    def __call__(self, doc: Doc) -> Doc:
        records = doc._.records or []
        rel = doc._.relevance
        if ruled_out(doc):
            doc._.records = []
            return doc
        from .adder import ADDED, calibrated, fill_actor, fill_recipient

        added = doc.user_data.get(ADDED) or set()
        for r in records:
            if self.full:
                fill_actor(doc, r)
            if ((r.get("text_info") or {}).get("sequence"), r["event"][0], (r.get("trigger") or {}).get("start")) in added:
                r["coder"] = f"{r['coder']} {ADDED_MARK}"
        if self.model is None or not records:
            return doc
        cut = _threshold(self.model)
        sentence_probs = self._sentence_probs(doc)
        by_sentence: dict[int, list[dict]] = {}
        for r in records:
            by_sentence.setdefault((r.get("text_info") or {}).get("sequence"), []).append(r)
        kept = []
        raw: dict[int, float] = {}   # the model's probability, which the keep rules read
        for i, r in enumerate(records):
            if added_by_sentence_model(r):  # scored by the sentence model already
                kept.append(r)
                continue
            seq = (r.get("text_info") or {}).get("sequence")
            others = [o for o in by_sentence[seq] if o is not r]
            p = self.model.score(event_features(r, records[:i], others,
                                                None if sentence_probs is None else sentence_probs.get(seq, {}),
                                                pairs=bool(self.model.meta.get("pair_features"))))
            raw[id(r)] = round(p, 3)
            # reported: Platt-scaled to the share of such records that are right, where the model
            # carries a fit (scripts/calibration.py --fit-rules); the keep rules read p itself
            r["confidence"] = round(calibrated(p, self.model.meta), 3)
            # a record of a type the model saw too few of (see _judged), or one whose sentence
            # marks its modality (future, hypothetical, negated, historical), is kept under the
            # threshold, down to KEEP_MIN: dropped, such records cost the rare modalities most (dev
            # articles: balanced modality 0.964 -> 0.835, corpus folds 0.606 -> 0.58). The price:
            # on the folds most of those kept are not in the gold, see README, Quality
            if p >= cut or not self.full or (p >= KEEP_MIN and (
                    _marked_modality(r) or not self._judged(r["event"][0]))):
                kept.append(r)
        read = rel is not None and len(_body(doc).split()) >= DOUBTED_MIN_WORDS
        if self.full and read and rel < max(DOUBTED, UNSURE):
            least = DOUBTED_MIN if rel < DOUBTED else UNSURE_MIN
            kept = [r for r in kept if raw.get(id(r), r.get("confidence") or 0.0) >= least
                    or (rel >= DOUBTED and added_by_sentence_model(r))]
        if self.full:
            # the chance that the record is right and its article political at all
            weight = rel if read else 1.0
            kept = [r for r in kept if (r.get("confidence") or 0.0) * weight >= LIKELY_MIN
                    or not self._judged(r["event"][0])]
            for r in kept:
                fill_recipient(doc, r)
        doc._.records = kept
        return doc


@Language.factory("warta_relevance", assigns=["doc._.relevance"], requires=["doc._.segmented"],
                  default_config={"model": "relevance"})
def make_relevance(nlp: Language, name: str, model: str | None) -> Relevance:
    return Relevance(load_model(model))


@Language.factory("warta_rescore", assigns=["doc._.records"], requires=["doc._.records", "doc._.relevance"],
                  default_config={"model": "rescore"})
def make_rescore(nlp: Language, name: str, model: str | None) -> Rescore:
    full = full_mode()
    # full mode scores records whose actors were filled: its model was trained on such records
    return Rescore(nlp, load_model(f"{model}_full" if full and model else model), full=full)


def load_softmax(name: str | None) -> SoftmaxModel | None:
    if not name:
        return None
    folder = MODELS / name
    return SoftmaxModel.load(folder) if (folder / "weights.npz").exists() else None


class SentenceEvents:
    """Adds the events a sentence-level model finds and the rules missed (see :mod:`.adder`), to
    ``doc._.events``, before ``warta_records`` dates and places them.

    On in :func:`full_mode` (the default; ``model: None`` in the config then loads the shipped
    ``sentence_events`` and ``modality`` models); ``WARTA_LEARNED_FULL=0`` in the environment, or
    ``nlp.add_pipe("warta_sentence_events", config={"model": ""})``, leaves it off."""

    def __init__(self, nlp: Language, model: SoftmaxModel | None, modality: SoftmaxModel | None):
        self.nlp = nlp
        self.model = model
        self.modality = modality

    def __call__(self, doc: Doc) -> Doc:
        if self.model is None or not doc._.sentences:
            return doc
        if ruled_out(doc):
            return doc
        from .adder import add_events

        doc._.events = add_events(doc, self.model, self.modality)
        return doc


@Language.factory("warta_sentence_events", assigns=["doc._.events"],
                  requires=["doc._.events", "doc._.sentences", "doc._.mentions", "doc._.relevance"],
                  default_config={"model": None, "modality": None})
def make_sentence_events(nlp: Language, name: str, model: str | None, modality: str | None) -> SentenceEvents:
    if model is None and full_mode():
        model, modality = "sentence_events", "modality"
    return SentenceEvents(nlp, load_softmax(model), load_softmax(modality))
