#!/usr/bin/env python3
"""Train warta's learned components on the annotated corpus and write them into the package.

usage: python3 scripts/train_learned.py [--indosum PATH] [--only NAME] [--crossfit] [--without-strata S ...]

* ``relevance`` (``src/warta/analyse/models/relevance/``): article words -> P(the article reports
  political events). Trained on the corpus folds' ``relevant`` labels and, as weak labels, the
  IndoSum categories (``tajuk utama`` headline news = 1; sport, showbiz, technology,
  entertainment, inspiration = 0) of every IndoSum article that is not in the corpus's test split
  nor held out (``../shared/corpora/indosum/articles.jsonl``, or ``$WARTA_SHARED``).
* ``rescore`` (``src/warta/analyse/models/rescore_full/``; with ``WARTA_LEARNED_FULL=0``,
  ``rescore/``): one rule-coded event record -> P(it matches an annotated event under
  ``score.py --strict``). Trained on the records the rule coder makes for the folds' articles
  (in full mode with their actor countries filled), labelled by strict one-to-one matching
  against their gold; its meta counts the records of each type (full mode drops only records of
  types it saw enough of).
* ``sentence_events`` and ``modality`` (``models/sentence_events/``, ``models/modality/``): one
  sentence -> P(each PLOVER type or none), and -> its modality, from the gold events' sentences;
  the adder of full mode. ``--only sentence_events`` writes the sentence model alone, ``--only
  modality`` the modality model alone (how the shipped pair was made: README, Quality).
  ``scripts/calibration.py --fit-added`` adds its confidence scaling.

Each threshold is chosen on cross-fitted probabilities of the training articles only (inner
folds), never on the test split. The shipped models are trained on all five folds. The same
trainers are registered in ``scripts/crossval.py`` (:func:`relevance_trainer`,
:func:`rescore_trainer`), which train them on four folds and score the fifth.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
CORPUS = ROOT / "corpus"
SHARED = Path(os.environ.get("WARTA_SHARED") or ROOT.parent / "shared")
INDOSUM = SHARED / "corpora" / "indosum" / "articles.jsonl"
MODELS = ROOT / "src" / "warta" / "analyse" / "models"

#: inner folds used to cross-fit the probabilities thresholds are chosen on (``--crossfit``)
INNER = 3
#: thresholds, chosen with ``--crossfit`` on cross-fitted probabilities of the five folds' articles
#: (inner folds; the test split never seen). crossval.py's trainers use them as they are.
RELEVANCE_THRESHOLD = 0.092   # the highest dropping <= 1 % of the folds' gold events
RESCORE_THRESHOLD = 0.05      # record kept when P(matches gold) >= this
#: sentence model: a type is added when P(type | sentence) >= this. Cross-fitting on the folds puts
#: the best event F1 at 0.2 (5-fold cross-validation 0.348 there against 0.339 at 0.4), but at 0.2
#: the added types cost document-level type precision on the dev articles (type macro F1 0.828,
#: under the eval gate's 0.88; 0.916 at 0.4), so the higher one is kept.
ADD_THRESHOLD = 0.4
#: full mode drops a rule record under RESCORE_THRESHOLD only when at least this share of the
#: model's training records are of its type: a type the rules rarely code in the corpus (domestic
#: news has few threats, retreats, concessions) is not judged by it. 5-fold cross-validation with
#: 40 and 80 records (2.4 % and 4.8 % of a fold's): event F1 0.336 and 0.332 against 0.339 when
#: every type is judged, type macro F1 0.534 and 0.53 against 0.523
RESCORE_MIN_TYPE_SHARE = 0.025
#: the relevance threshold is the highest that drops at most this share of the training
#: articles' gold events (cross-fitted): the filter must not cost recall on political news
RELEVANCE_RECALL_LOSS = 0.01
#: the rescoring model also reads how a record's parties' countries relate (features._pair: an act
#: between two states, within one, with one side only; README, Quality)
PAIR_FEATURES = True
#: weight of a corpus article against an IndoSum weak label in the relevance model
CORPUS_WEIGHT = 3.0
#: L2 penalties, swept on the folds (crossval.py): relevance 0.3-3 flat; rescore 1-10
RELEVANCE_L2 = 1.0
RESCORE_L2 = 3.0
SENTENCE_L2 = 3.0


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _inner(doc: str) -> int:
    return zlib.crc32(doc.encode("utf-8")) % INNER


def sha256_of(*parts: object) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(json.dumps(p, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return h.hexdigest()


# ---- relevance ------------------------------------------------------------------------------

def _weak_rows(exclude: set[str], path: Path = INDOSUM) -> list[tuple[str, str, int, float]]:
    """(id, text, label, weight) of IndoSum articles not excluded (ids without ``.txt``)."""
    if not path.exists():
        return []
    out = []
    for x in read_jsonl(path):
        if x["id"] in exclude or f"{x['id']}.txt" in exclude:
            continue
        out.append((x["id"], x["text"], int(x["category"] == "tajuk utama"), 1.0))
    return out


def train_relevance(gold: list[dict], lines: list[dict], exclude: set[str], indosum: Path = INDOSUM,
                    crossfit: bool = False):
    from warta.analyse.learned.features import article_features
    from warta.analyse.learned.linear import fit

    by_id = {x["id"]: x for x in lines}
    corpus_rows = [(g["doc"], by_id[g["doc"]]["text"], int(bool(g.get("relevant"))), CORPUS_WEIGHT, len(g["events"]))
                   for g in gold]
    train_ids = {g["doc"] for g in gold}
    weak = _weak_rows(exclude | train_ids, indosum)  # corpus articles count once, with their gold label

    def fit_on(rows):
        return fit([article_features(t) for _, t, *_ in rows], [r[2] for r in rows], [r[3] for r in rows],
                   l2=RELEVANCE_L2)

    model = fit_on([r[:4] for r in corpus_rows] + weak)
    model.meta = {"threshold": RELEVANCE_THRESHOLD, "corpus_articles": len(corpus_rows), "weak_articles": len(weak),
                  "data_sha256": sha256_of(sorted(r[0] for r in corpus_rows), sorted(r[0] for r in weak))}
    if not crossfit:
        return model
    # cross-fitted probabilities of the corpus articles -> threshold
    probs = []
    for k in range(INNER):
        m = fit_on([r[:4] for r in corpus_rows if _inner(r[0]) != k] + weak)
        probs += [(m.score(article_features(r[1])), r[2], r[4]) for r in corpus_rows if _inner(r[0]) == k]
    total = sum(n for _, _, n in probs) or 1
    threshold = 0.0
    for cand in sorted({round(p, 3) for p, _, _ in probs}):
        lost = sum(n for p, _, n in probs if p < cand)
        if lost / total <= RELEVANCE_RECALL_LOSS:
            threshold = cand
    irrelevant = [p for p, y, _ in probs if not y]
    model.meta["crossfit"] = {"best_threshold": threshold,
                              "events_lost": round(sum(n for p, _, n in probs if p < threshold) / total, 4),
                              "irrelevant_dropped": round(sum(p < threshold for p in irrelevant) / max(1, len(irrelevant)), 4)}
    return model


# ---- rescore --------------------------------------------------------------------------------

_RULE_CACHE: dict[tuple[str, str], dict] = {}
LEARNED = ("warta_relevance", "warta_rescore", "warta_sentence_events")


def rule_records(lines: list[dict]) -> dict[str, list[dict]]:
    """What the rule coder alone codes for each article (the learned components switched off)."""
    return {k: d["events"] for k, d in rule_docs(lines).items()}


def rule_docs(lines: list[dict]) -> dict[str, dict]:
    """Each article analysed with the learned models switched off (cached per process)."""
    from warta.analyse.pipeline import default_analyzer
    import warta

    nlp = default_analyzer().nlp
    saved = {n: nlp.get_pipe(n).model for n in LEARNED}  # (no sentence model: no modality model either)
    try:
        for n in saved:
            nlp.get_pipe(n).model = None
        out = {}
        for x in lines:
            key = (x["id"], hashlib.sha256(x["text"].encode()).hexdigest())
            if key not in _RULE_CACHE:
                _RULE_CACHE[key] = warta.analyze(x["text"], published=x.get("published"), doc=x["id"],
                                                 source=x.get("source"), url=x.get("url")).to_dict()
            out[x["id"]] = _RULE_CACHE[key]
        return out
    finally:
        for n, m in saved.items():
            nlp.get_pipe(n).model = m


def matched(gold_events: list[dict], records: list[dict]) -> set[int]:
    """Indices of the records that strict one-to-one matching pairs with a gold event."""
    from warta.evaluate import match_events

    return {j for _, j in match_events(gold_events, records, strict=True)}


def rescore_rows(records: list[dict], sentence_model=None) -> list[list[str]]:
    """The rescoring model's features of an article's records; with ``sentence_model``, also its
    probabilities of each type for the record's sentence (as the adder computes them)."""
    from warta.analyse.learned.features import event_features, sentence_features

    by_sentence: dict[int, list[dict]] = {}
    for r in records:
        by_sentence.setdefault((r.get("text_info") or {}).get("sequence"), []).append(r)
    probs: dict[int, dict[str, float]] = {}

    def sentence_probs(r: dict) -> dict[str, float] | None:
        if sentence_model is None:
            return None
        ti = r.get("text_info") or {}
        seq = ti.get("sequence") or 0
        if seq not in probs:
            probs[seq] = sentence_model.probs(sentence_features(ti.get("sentence") or "", seq))
        return probs[seq]

    return [event_features(r, records[:i], [o for o in by_sentence[(r.get("text_info") or {}).get("sequence")] if o is not r],
                           sentence_probs(r), pairs=PAIR_FEATURES)
            for i, r in enumerate(records)]


def crossfit_sentence_models(gold: list[dict], lines: list[dict]) -> dict[int, object]:
    """A sentence model per inner fold, trained on the other inner folds: the rescoring model of
    full mode learns from the probabilities of a model that did not see the record's article."""
    out = {}
    for k in range(INNER):
        keep = [i for i, g in enumerate(gold) if _inner(g["doc"]) != k]
        out[k] = train_sentence_events([gold[i] for i in keep], [lines[i] for i in keep])
    return out


def train_rescore(gold: list[dict], lines: list[dict], crossfit: bool = False):
    from warta.analyse.learned.components import full_mode
    from warta.analyse.learned.linear import fit

    recs = rule_records(lines)
    # full mode: the sentence model's probabilities are features too, cross-fitted (README, Quality)
    sentence_models = crossfit_sentence_models(gold, lines) if full_mode() else {}
    data = []  # (doc, features, label)
    for g in gold:
        rs = recs.get(g["doc"], [])
        hit = matched(g["events"], rs)
        rows = rescore_rows(rs, sentence_models.get(_inner(g["doc"])))
        data += [(g["doc"], f, int(j in hit)) for j, f in enumerate(rows)]
    n_gold = sum(len(g["events"]) for g in gold)

    def fit_on(rows):
        return fit([f for _, f, _ in rows], [y for _, _, y in rows], l2=RESCORE_L2)

    model = fit_on(data)
    types = Counter((r.get("event") or ["?"])[0] for g in gold for r in recs.get(g["doc"], []))
    model.meta = {"threshold": RESCORE_THRESHOLD, "records": len(data), "positives": sum(y for _, _, y in data),
                  "gold_events": n_gold, "type_records": dict(sorted(types.items())),
                  "drop_min_type_share": RESCORE_MIN_TYPE_SHARE, "sentence_probs": bool(sentence_models),
                  "pair_features": PAIR_FEATURES,
                  "data_sha256": sha256_of(sorted(g["doc"] for g in gold), [g["events"] for g in gold])}
    if not crossfit:
        return model
    probs = []
    for k in range(INNER):
        m = fit_on([d for d in data if _inner(d[0]) != k])
        probs += [(m.score(d[1]), d[2]) for d in data if _inner(d[0]) == k]
    best = (0.0, 0.0)
    for cand in sorted({round(p, 2) for p, _ in probs}):
        kept = [y for p, y in probs if p >= cand]
        f1 = 2 * sum(kept) / (n_gold + len(kept)) if kept else 0.0
        if f1 > best[0]:
            best = (f1, cand)
    rule_f1 = 2 * sum(y for _, y in probs) / (n_gold + len(probs)) if probs else 0.0
    model.meta["crossfit"] = {"rule_event_f1": round(rule_f1, 4), "best_threshold": best[1],
                              "rescored_event_f1": round(best[0], 4)}
    return model


# ---- sentence events -----------------------------------------------------------------------

def _norm(s: str) -> str:
    return " ".join(s.split())


def _overlaps(a: str, b: str) -> bool:
    return a in b or b in a


def sentence_rows(gold: list[dict], lines: list[dict]):
    """One item per sentence of the training articles: (doc, seq, features, gold events of the
    sentence, types the rules coded there, rule records matched, codes the adder would give)."""
    from collections import Counter

    from warta.analyse.learned.features import sentence_features

    docs = rule_docs(lines)
    texts = {x["id"]: x["text"] for x in lines}
    out = []
    for g in gold:
        d, text = docs[g["doc"]], texts[g["doc"]]
        recs = d["events"]
        hit = matched(g["events"], recs)
        ments = sorted((m["start"], e["code"]) for e in d["entities"] for m in e["mentions"]
                       if e["code"] and e["type"] in ("PER", "ORG", "GPE"))
        cnt = Counter(c for _, c in ments if c != "IGO")
        anchor = cnt.most_common(1)[0][0] if cnt else None
        gold_s = [(_norm(e["sentence"]), e) for e in g["events"]]
        matched_gold = set()
        for j in hit:  # gold events a rule record already stands for
            r = recs[j]
            for i, e in enumerate(g["events"]):
                if _overlaps(_norm(e["sentence"]), _norm(r["text_info"]["sentence"])) and \
                        r["event"][0] in {e["event"], *e.get("alt", [])}:
                    matched_gold.add(i)
                    break
        for seq, sp in enumerate(d["sentences"]):
            st = _norm(text[sp["start"]:sp["end"]])
            evs = [(i, e) for i, (gs, e) in enumerate(gold_s) if _overlaps(gs, st)]
            rule_types = {r["event"][0] for r in recs if r["text_info"]["sequence"] == seq}
            codes = [c for p, c in ments if sp["start"] <= p < sp["end"]][:2] or ([anchor] if anchor else [])
            out.append((g["doc"], seq, sentence_features(text[sp["start"]:sp["end"]], seq),
                        [(i in matched_gold, e) for i, e in evs], rule_types, set(codes)))
    return out


def _codes_ok(e: dict, codes: set) -> bool:
    ga = {a["code"] for a in e["actor"] if a.get("code")}
    gr = {a["code"] for a in e["recipient"] if a.get("code")}
    return (not ga or bool(ga & codes)) and (not gr or bool(gr & codes))


MODALITIES = ["asserted", "future", "hypothetical", "negated", "historical"]


def train_modality(items):
    """Modality of an event from its sentence: the gold events' sentences and modalities, each class
    weighted by the inverse of its frequency (the score is balanced accuracy)."""
    from collections import Counter

    from warta.analyse.learned.linear import fit_softmax

    rows = [(it[2], e["modality"]) for it in items for _, e in it[3] if e.get("modality") in MODALITIES]
    freq = Counter(m for _, m in rows)
    model = fit_softmax([f for f, _ in rows], [m for _, m in rows], MODALITIES, l2=SENTENCE_L2,
                        weights=[len(rows) / (len(freq) * freq[m]) for _, m in rows])
    model.meta = {"events": len(rows), "classes_seen": dict(freq)}
    return model


def train_sentence_events(gold: list[dict], lines: list[dict], crossfit: bool = False):
    from warta.analyse.learned.adder import MAX_ADDED, NONE
    from warta.analyse.learned.linear import fit_softmax

    items = sentence_rows(gold, lines)
    classes = [NONE, *sorted({e["event"] for g in gold for e in g["events"]})]

    def fit_on(its):
        rows, labels = [], []
        for it in its:
            types = sorted({e["event"] for _, e in it[3]}) or [NONE]
            for t in types:
                rows.append(it[2])
                labels.append(t)
        return fit_softmax(rows, labels, classes, l2=SENTENCE_L2)

    model = fit_on(items)
    model.modality = train_modality(items)
    model.meta = {"threshold": ADD_THRESHOLD, "sentences": len(items),
                  "data_sha256": sha256_of(sorted(g["doc"] for g in gold), [g["events"] for g in gold])}
    if not crossfit:
        return model
    scored = []
    for k in range(INNER):
        m = fit_on([it for it in items if _inner(it[0]) != k])
        scored += [(it, m.probs(it[2])) for it in items if _inner(it[0]) == k]
    rec = rule_records(lines)
    n_gold = sum(len(g["events"]) for g in gold)
    n_rule = sum(len(rec[g["doc"]]) for g in gold)
    tp_rule = sum(len(matched(g["events"], rec[g["doc"]])) for g in gold)
    best = (2 * tp_rule / (n_gold + n_rule), 1.01)
    sweep = {}
    for cand in [x / 100 for x in range(5, 91, 5)]:
        tp = n_add = 0
        for it, probs in scored:
            new = sorted(((p, t) for t, p in probs.items() if t != NONE and p >= cand and t not in it[4]),
                         reverse=True)[:MAX_ADDED]
            n_add += len(new)
            free = [e for done, e in it[3] if not done]
            for _, t in new:
                e = next((e for e in free if t in {e["event"], *e.get("alt", [])} and _codes_ok(e, it[5])), None)
                if e is not None:
                    tp += 1
                    free.remove(e)
        f1 = 2 * (tp_rule + tp) / (n_gold + n_rule + n_add)
        sweep[cand] = round(f1, 4)
        if f1 > best[0]:
            best = (f1, cand)
    model.meta["crossfit"] = {"rule_event_f1_actor_filled": round(2 * tp_rule / (n_gold + n_rule), 4),
                              "best_threshold": best[1], "with_added_event_f1_est": round(best[0], 4),
                              "sweep": sweep}
    return model


# ---- crossval.py trainers -------------------------------------------------------------------

def _install(name: str, model, attr: str = "model") -> Callable[[], None]:
    from warta.analyse.pipeline import default_analyzer

    pipe = default_analyzer().nlp.get_pipe(name)
    old = getattr(pipe, attr)
    setattr(pipe, attr, model)

    def undo() -> None:
        setattr(pipe, attr, old)
    return undo


def reload_shipped() -> None:
    """Put the models now in the package back into the running pipeline (they may have been
    retrained since it was built)."""
    from warta.analyse import temporal_context
    from warta.analyse.learned.components import full_mode, load_model, load_softmax

    temporal_context.reload()
    full = full_mode()
    for name, folder, load in (("warta_relevance", "relevance", load_model),
                               ("warta_rescore", "rescore_full" if full else "rescore", load_model)):
        _install(name, load(folder))
    if full:  # the sentence-event adder (WARTA_LEARNED_FULL=0 leaves it off)
        _install("warta_sentence_events", load_softmax("sentence_events"))
        _install("warta_sentence_events", load_softmax("modality"), attr="modality")


def _held_out(gold: list[dict]) -> set[str]:
    """Corpus articles that are not training articles (held-out fold and test split)."""
    every = {x["id"] for x in read_jsonl(CORPUS / "input.jsonl")}
    return every - {g["doc"] for g in gold}


def relevance_trainer(gold: list[dict], lines: list[dict]) -> Callable[[], None]:
    return _install("warta_relevance", train_relevance(gold, lines, _held_out(gold)))


def rescore_trainer(gold: list[dict], lines: list[dict]) -> Callable[[], None]:
    return _install("warta_rescore", train_rescore(gold, lines))


def sentence_events_trainer(gold: list[dict], lines: list[dict]) -> Callable[[], None]:
    model = train_sentence_events(gold, lines)
    undo_modality = _install("warta_sentence_events", model.modality, attr="modality")
    undo = _install("warta_sentence_events", model)
    return lambda: (undo(), undo_modality())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--indosum", type=Path, default=INDOSUM)
    ap.add_argument("--only", choices=["relevance", "rescore", "sentence_events", "modality"], action="append",
                    help="train only these models (repeatable; the modality model is trained with the sentence "
                         "model, and written only when named here or no --only is given)")
    ap.add_argument("--crossfit", action="store_true",
                    help="also cross-fit on inner folds and report the best thresholds (slow)")
    ap.add_argument("--without-strata", nargs="+", default=[], metavar="STRATUM",
                    help="leave out the training articles of these draws of corpus/selection.json (named in "
                         "each model's meta; how the shipped models were made: README, Quality)")
    ap.add_argument("--why", default=None, help="with --without-strata: the reason, kept in the meta")
    args = ap.parse_args()
    gold = {g["doc"]: g for g in read_jsonl(CORPUS / "gold.jsonl")}
    inputs = {x["id"]: x for x in read_jsonl(CORPUS / "input.jsonl")}
    splits = json.loads((CORPUS / "splits.json").read_text())
    train = sorted(set().union(*map(set, splits["folds"])))  # never the test split
    if args.without_strata:
        strata = {r["doc"]: r["stratum"] for r in json.loads((CORPUS / "selection.json").read_text())}
        unknown = set(args.without_strata) - set(strata.values())
        if unknown:
            ap.error(f"no such stratum in corpus/selection.json: {', '.join(sorted(unknown))}")
        train = [d for d in train if strata[d] not in set(args.without_strata)]
    left_out = {"without_strata": sorted(args.without_strata), "without_strata_why": args.why} \
        if args.without_strata else {}
    g, lines = [gold[d] for d in train], [inputs[d] for d in train]
    only = set(args.only or ["relevance", "rescore", "sentence_events", "modality"])
    if "relevance" in only:
        rel = train_relevance(g, lines, set(splits["test"]), args.indosum, args.crossfit)
        rel.meta.update(left_out)
        rel.save(MODELS / "relevance")
        print("relevance:", json.dumps(rel.meta))
    if "rescore" in only:
        res = train_rescore(g, lines, args.crossfit)
        from warta.analyse.learned.components import full_mode

        # full mode (the default) rescores records whose actors were filled; WARTA_LEARNED_FULL=0
        # trains the model of the rule records as they are
        res.meta.update(left_out)
        res.save(MODELS / ("rescore_full" if full_mode() else "rescore"))
        print("rescore:", json.dumps(res.meta))
    if only & {"sentence_events", "modality"}:
        sen = train_sentence_events(g, lines, args.crossfit)
        sen.meta.update(left_out)
        sen.modality.meta.update(left_out)
        if "sentence_events" in only:
            sen.save(MODELS / "sentence_events")
            print("sentence_events:", json.dumps(sen.meta))
        if "modality" in only:
            sen.modality.save(MODELS / "modality")
            print("modality:", json.dumps(sen.modality.meta))
    return 0


if __name__ == "__main__":
    sys.exit(main())
