"""What the learned models look at: strings, hashed by :mod:`.linear`.

Article relevance reads the article's words (unigrams and bigrams, lower-cased) and their word
classes (the name recogniser's clusters, learned from raw IndoSum text); the sentence model too.
The event scorer reads one rule-coded event record in its article: type, mode and modality,
the type a future AGREE was planned as (a promised meeting, support or aid), the trigger
word, its roots and affixes (:mod:`..events.morphology`), the words around it and in its
sentence, its actors' countries and sectors, where the sentence stands, and whether the same
kind of event was already coded in the article (restatements are annotated once).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..events.morphology import analyse

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
#: words of an article read by the relevance model (the lead and body up to this many)
ARTICLE_WORDS = 600
#: quotation marks: a quoted sentence is speech
QUOTES = ('"', "“", "”")
#: words either side of the trigger read as its context
CONTEXT = 3


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def article_features(text: str) -> list[str]:
    ws = words(text)[:ARTICLE_WORDS]
    classes = _clusters()
    return ["bias", *(f"w={w}" for w in ws), *(f"b={a}_{b}" for a, b in zip(ws, ws[1:])),
            *(f"k3={classes[w][2]}" for w in set(ws) if w in classes)]


def _bin_p(p: float) -> str:
    return next((f"<{e}" for e in (0.05, 0.1, 0.2, 0.4, 0.6, 0.8) if p < e), ">=0.8")


def _bin(n: int, edges: Sequence[int]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def _trigger_features(t: str, trig: str) -> list[str]:
    out = [f"tr={trig}", f"t={t}|tr={trig}"]
    for root, prefix, suffix in analyse(trig)[:3]:
        out += [f"r={root}", f"t={t}|r={root}", f"aff={prefix}+{suffix}", f"t={t}|aff={prefix}+{suffix}"]
    return out


def _pair(rec: dict) -> str:
    """How the countries of a record's actors and recipients relate: ``none`` (no country), ``one``
    (on one side only), ``same`` (a country on both sides) or ``cross`` (two countries: an act
    between states)."""
    a = {x.get("code") for x in rec.get("actor") or [] if x.get("code")}
    r = {x.get("code") for x in rec.get("recipient") or [] if x.get("code")}
    if not a and not r:
        return "none"
    if not (a and r):
        return "one"
    return "same" if a & r else "cross"


def event_features(rec: dict, earlier: Sequence[dict], same_sentence: Sequence[dict],
                   sentence_probs: dict[str, float] | None = None, pairs: bool = False) -> list[str]:
    """Features of one event record; ``earlier``: the article's records before it; ``same_sentence``:
    the other records coded from its sentence; ``sentence_probs``: the sentence model's
    probabilities of each type for its sentence (full mode), binned; ``pairs``: also how its
    parties' countries relate (:func:`_pair`), for a model trained with it (``meta["pair_features"]``)."""
    t = (rec.get("event") or ["?"])[0]
    mode = (rec.get("mode") or ["-"])[0]
    trig = (rec.get("trigger") or {}).get("text") or ""
    trig_l = trig.lower()
    ti = rec.get("text_info") or {}
    sent = ti.get("sentence") or ""
    seq = ti.get("sequence") or 0
    out = ["bias", f"t={t}", f"t={t}|m={mode}", f"mod={rec.get('modality')}", f"t={t}|mod={rec.get('modality')}",
           f"att={bool(rec.get('attribution'))}", f"seq={_bin(seq, (0, 1, 3, 6, 12))}",
           f"t={t}|seq={_bin(seq, (0, 2, 8))}", f"conf={round(float(rec.get('confidence') or 0), 1)}"]
    if rec.get("planned"):   # a promise: of a meeting, of support, of aid (only then, so that no
        out.append(f"planned={rec['planned']}")   # other record's hashed features change)
    out += _trigger_features(t, trig_l)
    if sentence_probs is not None:
        sp = _bin_p(sentence_probs.get(t, 0.0))
        out += [f"sp={sp}", f"t={t}|sp={sp}", f"snone={_bin_p(sentence_probs.get('NONE', 0.0))}"]
    sw = words(sent)
    out.append(f"len={_bin(len(sw), (8, 15, 25, 40))}")
    out += [f"w={w}" for w in set(sw)]
    # context of the trigger
    tw = words(trig_l)
    k = next((i for i in range(len(sw)) if sw[i:i + len(tw)] == tw), None) if tw else None
    if k is not None:
        for d in range(1, CONTEXT + 1):
            if k - d >= 0:
                out += [f"c-{d}={sw[k - d]}", f"t={t}|c-={sw[k - d]}"]
            if k + len(tw) - 1 + d < len(sw):
                out += [f"c+{d}={sw[k + len(tw) - 1 + d]}", f"t={t}|c+={sw[k + len(tw) - 1 + d]}"]
        out.append(f"pos={_bin(k, (0, 2, 5, 10, 20))}")
    if pairs:   # only then, so that no record's hashed features change for a model without them
        pk = _pair(rec)
        out += [f"pair={pk}", f"t={t}|pair={pk}"]
    # actors
    for role in ("actor", "recipient"):
        parties = rec.get(role) or []
        out.append(f"{role}s={min(len(parties), 2)}")
        out.append(f"t={t}|{role}s={min(len(parties), 2)}")
        for a in parties[:2]:
            out += [f"{role}.code={a.get('code')}", f"{role}.sec={a.get('sector')}",
                    f"t={t}|{role}.sec={a.get('sector')}"]
    # restatements and crowding
    def key(r: dict) -> tuple:
        return ((r.get("event") or ["?"])[0], frozenset(a.get("code") for a in r.get("actor") or []))
    same_type = sum(1 for r in earlier if (r.get("event") or ["?"])[0] == t)
    own = key(rec)
    same_key = sum(1 for r in earlier if key(r) == own)
    same_trig = sum(1 for r in earlier if ((r.get("trigger") or {}).get("text") or "").lower() == trig_l)
    out += [f"dup.t={min(same_type, 3)}", f"dup.k={min(same_key, 3)}", f"dup.tr={min(same_trig, 2)}",
            f"t={t}|dup.k={min(same_key, 2)}", f"sent.n={min(len(same_sentence), 3)}"]
    types_here = Counter((r.get("event") or ["?"])[0] for r in same_sentence)
    out += [f"sent.has={x}" for x in types_here]
    return out


def _clusters() -> dict[str, tuple[str, str, str]]:
    """The name recogniser's word classes (learned from raw IndoSum text), loaded once. The
    relevance and sentence models were trained on these classes: retraining them
    (``scripts/train_clusters.py``) means retraining those models (``scripts/train_learned.py``)."""
    global _CLUSTERS
    if _CLUSTERS is None:
        from ..ner import MODEL_PATH, clusters_path, shared_clusters

        _CLUSTERS = shared_clusters(clusters_path(MODEL_PATH)) or {}
    return _CLUSTERS


_CLUSTERS: dict[str, tuple[str, str, str]] | None = None


def sentence_features(sentence: str, seq: int) -> list[str]:
    """Features of one sentence for the sentence-level event model: its words, word pairs, the
    roots and affixes of its longer words, quotes, where it stands in the article and its length."""
    ws = words(sentence)
    out = ["bias", f"seq={_bin(seq, (0, 1, 3, 6, 12))}", f"len={_bin(len(ws), (8, 15, 25, 40))}",
           f"quote={any(q in sentence for q in QUOTES)}"]
    out += [f"w={w}" for w in ws]
    out += [f"b={a}_{b}" for a, b in zip(ws, ws[1:])]
    classes = _clusters()
    for w in ws:
        k = classes.get(w)
        if k is not None:
            out += [f"k2={k[1]}", f"k3={k[2]}"]
        if len(w) >= 5:
            for root, prefix, suffix in analyse(w)[1:6]:
                out += [f"r={root}", f"ra={prefix}+{root}+{suffix}"]
    return out
