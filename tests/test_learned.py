"""The learned components (relevance, event rescoring, sentence events): their model code, the
shipped models and their metadata, their place in the pipeline, and the confidence filter."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy
import pytest

from warta.analyse.learned.linear import LinearModel, SoftmaxModel, fit, fit_softmax

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "src" / "warta" / "analyse" / "models"
LEARNED = ("relevance", "rescore", "rescore_full", "sentence_events", "modality", "context_dates")

ROWS = [["w=serang", "w=bom"], ["w=serang", "w=tembak"], ["w=gol", "w=liga"], ["w=gol", "w=pelatih"]] * 3
LABELS = [1, 1, 0, 0] * 3


def test_learned_linear_fit_is_deterministic_and_round_trips(tmp_path):
    a, b = fit(ROWS, LABELS), fit(ROWS, LABELS)
    assert numpy.array_equal(a.weights, b.weights) and a.bias == b.bias
    assert a.score(["w=serang"]) > 0.5 > a.score(["w=gol"])
    a.meta = {"threshold": 0.4}
    a.save(tmp_path / "m")
    c = LinearModel.load(tmp_path / "m")
    assert c.meta == {"threshold": 0.4}
    assert c.score(["w=serang", "w=bom"]) == pytest.approx(a.score(["w=serang", "w=bom"]), abs=1e-5)


def test_learned_softmax_fit_predicts_its_classes_and_round_trips(tmp_path):
    labels = ["ASSAULT", "ASSAULT", "NONE", "NONE"] * 3
    m = fit_softmax(ROWS, labels, ["NONE", "ASSAULT"])
    p = m.probs(["w=serang", "w=unseen"])
    assert set(p) == {"NONE", "ASSAULT"} and sum(p.values()) == pytest.approx(1.0)
    assert p["ASSAULT"] > 0.5 and m.probs(["w=liga"])["NONE"] > 0.5
    m.save(tmp_path / "s")
    back = SoftmaxModel.load(tmp_path / "s")
    assert back.probs(["w=serang"])["ASSAULT"] == pytest.approx(m.probs(["w=serang"])["ASSAULT"], abs=1e-5)


def test_learned_shipped_models_load_and_metadata_match_the_corpus():
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_learned

    corpus = ROOT / "corpus"
    gold = {g["doc"]: g for g in train_learned.read_jsonl(corpus / "gold.jsonl")}
    splits = json.loads((corpus / "splits.json").read_text())
    train = sorted(set().union(*map(set, splits["folds"])))
    assert not set(train) & set(splits["test"])
    from warta.analyse.learned.components import load_model, load_softmax

    rel, res, sen = load_model("relevance"), load_model("rescore"), load_softmax("sentence_events")
    assert rel is not None and res is not None and sen is not None
    # a model may be one trained without some of the corpus's later draws (its meta names them,
    # README, Quality): it must match exactly the training articles of the other draws
    strata = {r["doc"]: r["stratum"] for r in json.loads((corpus / "selection.json").read_text())}

    def trained_on(model) -> list[str]:
        left_out = set(model.meta.get("without_strata") or [])
        assert left_out <= set(strata.values())
        return [d for d in train if strata[d] not in left_out]

    assert rel.meta["corpus_articles"] == len(trained_on(rel))
    for model in (sen, res, load_model("rescore_full"), load_model("context_dates")):
        docs = trained_on(model)
        assert model.meta["data_sha256"] == train_learned.sha256_of(docs, [gold[d]["events"] for d in docs])
    # the modality model may be older than the sentence model (train_learned.py --only): its
    # left-out draws are the corpus's, and it judges the same five modalities
    modality = load_softmax("modality")
    assert set(modality.meta.get("without_strata") or []) <= set(strata.values())
    assert modality.classes == ["asserted", "future", "hypothetical", "negated", "historical"]
    assert rel.meta["threshold"] == train_learned.RELEVANCE_THRESHOLD
    assert res.meta["threshold"] == train_learned.RESCORE_THRESHOLD
    assert sen.meta["threshold"] == train_learned.ADD_THRESHOLD
    assert sen.classes[0] == "NONE" and "ACCUSE" in sen.classes
    size = sum(f.stat().st_size for name in LEARNED for f in (MODELS / name).iterdir())
    assert size < 50 * 2**20


def test_learned_pipeline_runs_the_components_after_the_rules():
    from warta.analyse.pipeline import COMPONENTS, build

    assert COMPONENTS.index("warta_rescore") > COMPONENTS.index("warta_records")
    assert COMPONENTS.index("warta_events") < COMPONENTS.index("warta_sentence_events") < COMPONENTS.index("warta_records")
    assert COMPONENTS.index("warta_relevance") < COMPONENTS.index("warta_events")
    problems = build().analyze_pipes(pretty=False)["problems"]  # doc._.article is set before the pipeline
    assert not any(problems[n] for n in ("warta_relevance", "warta_rescore", "warta_sentence_events"))


SPORT = ("Jakarta - Persija Jakarta mengalahkan Persib Bandung 2-1 dalam laga pekan ketiga Liga 1 di "
         "Stadion Utama Gelora Bung Karno, Sabtu (3/3). Striker Persija mencetak dua gol pada babak kedua "
         "setelah menerima umpan dari gelandang. Pelatih Persib mengakui timnya kalah dalam penguasaan bola "
         "dan berjanji memperbaiki lini belakang sebelum laga tandang pekan depan. Para suporter memadati "
         "tribun sejak sore dan menyanyikan yel-yel sepanjang pertandingan.")
POLITICS = ("Jakarta - Komisi Pemberantasan Korupsi (KPK) menetapkan Bupati Kebumen sebagai tersangka kasus "
            "suap proyek jalan, Selasa (6/3). Juru bicara KPK mengatakan penyidik juga menggeledah kantor "
            "bupati dan menyita sejumlah dokumen. Bupati Kebumen membantah menerima suap tersebut. Presiden "
            "Joko Widodo meminta semua kepala daerah menjauhi korupsi.")


def test_learned_relevance_drops_the_events_of_a_sports_report():
    import warta
    from warta.analyse.pipeline import default_analyzer

    from warta.model import Article

    doc = warta.analyze(SPORT, published="2018-03-04")
    pipe = default_analyzer().nlp.get_pipe("warta_relevance")
    assert doc.events == []
    an = default_analyzer()
    politics = an.nlp(an.make_doc(Article(doc="p", text=POLITICS, published="2018-03-07")))
    sport = an.nlp(an.make_doc(Article(doc="s", text=SPORT, published="2018-03-04")))
    assert sport._.relevance < pipe.threshold <= politics._.relevance


def test_learned_events_carry_a_probability():
    import warta

    events = warta.analyze(POLITICS, published="2018-03-07").to_dict()["events"]
    assert events
    assert all(0.0 <= e["confidence"] <= 1.0 for e in events)


def test_learned_full_mode_is_the_default_and_can_be_switched_off(monkeypatch):
    from warta.analyse.pipeline import build

    monkeypatch.delenv("WARTA_LEARNED_FULL", raising=False)
    nlp = build()
    assert nlp.get_pipe("warta_sentence_events").model is not None
    assert nlp.get_pipe("warta_sentence_events").modality is not None
    assert nlp.get_pipe("warta_rescore").full
    monkeypatch.setenv("WARTA_LEARNED_FULL", "0")
    nlp = build()
    assert nlp.get_pipe("warta_sentence_events").model is None
    assert not nlp.get_pipe("warta_rescore").full


#: the rescoring model's meta for the tests below: every asserted record under the threshold,
#: and THREATEN a type it saw too few of
_FEW_THREATS = {"threshold": 1.01, "drop_min_type_share": 0.025, "type_records": {"COERCE": 999, "THREATEN": 1}}


def _full_pipeline(monkeypatch, **meta):
    """A full-mode pipeline whose rescoring model's meta is updated with ``meta``."""
    from warta.analyse.pipeline import build

    monkeypatch.setenv("WARTA_LEARNED_FULL", "1")
    nlp = build()
    rescore = nlp.get_pipe("warta_rescore")
    monkeypatch.setattr(rescore.model, "meta", {**rescore.model.meta, **meta})
    return nlp


def _rule_events(nlp, text: str) -> list[dict]:
    """The rule-coded event records of ``text`` (published 2018-03-05), without the added ones."""
    from warta.analyse.pipeline import Analyzer
    from warta.model import Article

    events = Analyzer(nlp).analyze(Article(doc="t", text=text, published="2018-03-05")).to_dict()["events"]
    return [e for e in events if not e["coder"].endswith("(learned sentence model)")]


def test_learned_full_mode_keeps_rule_events_whose_modality_the_sentence_marks(monkeypatch):
    """Full mode drops unlikely rule records, but not one whose sentence marks it as future,
    hypothetical, negated or historical: measured, those drops cost the rare modalities most."""
    nlp = _full_pipeline(monkeypatch, threshold=1.01)  # drop every asserted one
    text = ("Jakarta - Menteri Luar Negeri Retno Marsudi akan mengunjungi Myanmar pekan depan. "
            "Menteri Luar Negeri Retno Marsudi mengunjungi Myanmar, Senin (5/3).")
    rules = _rule_events(nlp, text)
    assert rules and all(e["modality"] != "asserted" for e in rules)
    assert any(e["modality"] == "future" and "akan mengunjungi" in e["text_info"]["sentence"] for e in rules)


def test_learned_full_mode_keeps_rule_events_of_types_the_model_saw_too_few_of(monkeypatch):
    """The rescoring model judges only the types it learned from: one under its minimum share of
    training records is kept as the rules coded it, one above it is dropped under the threshold."""
    nlp = _full_pipeline(monkeypatch, **_FEW_THREATS)
    text = ("Jakarta - Polisi menangkap dua anggota kelompok bersenjata di Poso, Senin (5/3). "
            "Pemimpin kelompok itu mengancam polisi Poso dengan serangan balasan.")
    assert [e["event"][0] for e in _rule_events(nlp, text)] == ["THREATEN"]


def test_learned_full_mode_drops_even_marked_and_rare_records_the_model_rules_out(monkeypatch):
    """The records kept under the threshold for their modality or their rare type still need
    KEEP_MIN: with the floor above every probability, none of them is left."""
    from warta.analyse.learned import components

    nlp = _full_pipeline(monkeypatch, **_FEW_THREATS)
    text = ("Jakarta - Menteri Luar Negeri Retno Marsudi akan mengunjungi Myanmar pekan depan. "
            "Pemimpin kelompok itu mengancam polisi Poso dengan serangan balasan.")

    def rules() -> list[tuple[str, str]]:
        return [(e["event"][0], e["modality"]) for e in _rule_events(nlp, text)]

    kept = rules()  # the future visit and the rare type, both under the threshold
    assert len(kept) == 2 and kept[0][1] == "future" and kept[1] == ("THREATEN", "asserted")
    monkeypatch.setattr(components, "KEEP_MIN", 1.0)
    assert rules() == []


def test_learned_doubted_article_keeps_only_its_likelier_records(monkeypatch):
    """An article the relevance model passes but doubts keeps only records at least DOUBTED_MIN
    likely; one it does not doubt keeps what the event model's threshold keeps."""
    from warta.analyse.learned import components
    from warta.analyse.pipeline import Analyzer, build
    from warta.model import Article

    monkeypatch.setenv("WARTA_LEARNED_FULL", "1")
    nlp = build()
    # the keep rules read the model's own probability: report it unscaled to compare with them
    monkeypatch.delitem(nlp.get_pipe("warta_rescore").model.meta, "confidence_platt", raising=False)
    text = ("Jakarta - Presiden Joko Widodo bertemu Perdana Menteri Malaysia Najib Razak di Istana Bogor, "
            "Senin (5/3). Menteri Luar Negeri Retno Marsudi mengecam serangan udara Israel di Gaza. "
            "Polisi menangkap 12 pengunjuk rasa di depan gedung DPR.")

    def confidences() -> list[float]:
        events = Analyzer(nlp).analyze(Article(doc="d", text=text, published="2018-03-05")).to_dict()["events"]
        return [e["confidence"] for e in events]

    monkeypatch.setattr(components, "DOUBTED", 0.0)  # no article doubted
    undoubted = sorted(confidences())
    assert len(set(undoubted)) >= 2  # records of different probabilities: some kept, some not
    cut = (undoubted[0] + undoubted[-1]) / 2
    monkeypatch.setattr(components, "DOUBTED", 1.01)  # every article doubted
    monkeypatch.setattr(components, "DOUBTED_MIN", cut)
    # a text this short (under DOUBTED_MIN_WORDS) is never doubted: its relevance says too little
    assert sorted(confidences()) == undoubted
    monkeypatch.setattr(components, "DOUBTED_MIN_WORDS", 0)
    kept = sorted(confidences())
    assert kept == [c for c in undoubted if c >= cut] and 0 < len(kept) < len(undoubted)


def test_learned_records_need_their_chance_times_the_articles_relevance(monkeypatch):
    """A record is kept only when its confidence times its article's relevance reaches LIKELY_MIN:
    the same records in an article half as likely to report political events need twice the
    confidence; a text too short to be doubted counts as relevant."""
    from warta.analyse.learned import components
    from warta.analyse.learned.adder import logit
    from warta.analyse.learned.linear import DIMS
    from warta.analyse.pipeline import Analyzer, build
    from warta.model import Article

    monkeypatch.setenv("WARTA_LEARNED_FULL", "1")
    nlp = build()
    text = ("Jakarta - Presiden Joko Widodo bertemu Perdana Menteri Malaysia Najib Razak di Istana Bogor, "
            "Senin (5/3). Menteri Luar Negeri Retno Marsudi mengecam serangan udara Israel di Gaza. "
            "Polisi menangkap 12 pengunjuk rasa di depan gedung DPR.")
    for name, value in (("DOUBTED", 0.0), ("UNSURE", 0.0), ("LIKELY_MIN", 0.0)):
        monkeypatch.setattr(components, name, value)  # no other keep rule at work
    relevance = nlp.get_pipe("warta_relevance")

    def confidences(rel: float) -> list[float]:
        # every article gets this relevance, and none is ruled out by it
        monkeypatch.setattr(relevance, "model", LinearModel(numpy.zeros(DIMS), logit(rel), {"threshold": 0.0}))
        events = Analyzer(nlp).analyze(Article(doc="d", text=text, published="2018-03-05")).to_dict()["events"]
        return sorted(e["confidence"] for e in events)

    monkeypatch.setattr(components, "DOUBTED_MIN_WORDS", 0)
    every = confidences(0.9999)
    assert len(set(every)) >= 3
    cut = (every[0] + every[-1]) / 4  # some records above it at full relevance, fewer at half
    monkeypatch.setattr(components, "LIKELY_MIN", cut)
    assert confidences(0.9999) == [c for c in every if c * 0.9999 >= cut]
    half = confidences(0.5)
    assert half == [c for c in every if c * 0.5 >= cut] and len(half) < len(confidences(0.9999))
    monkeypatch.setattr(components, "DOUBTED_MIN_WORDS", 10_000)  # the text is too short to doubt
    assert confidences(0.5) == [c for c in every if c >= cut]


def test_learned_unsure_article_keeps_no_rule_record_under_its_floor(monkeypatch):
    """An article the relevance model is not sure of keeps no rule record under UNSURE_MIN, not
    even one kept for its marked modality or rare type; the sentence model's records it keeps."""
    from warta.analyse.learned import components
    from warta.analyse.pipeline import Analyzer, build
    from warta.model import Article

    monkeypatch.setenv("WARTA_LEARNED_FULL", "1")
    nlp = build()
    # the keep rules read the model's own probability: report it unscaled to compare with them
    monkeypatch.delitem(nlp.get_pipe("warta_rescore").model.meta, "confidence_platt", raising=False)
    text = ("Jakarta - Presiden Joko Widodo akan bertemu Perdana Menteri Malaysia Najib Razak di Istana Bogor "
            "pekan depan. Menteri Luar Negeri Retno Marsudi mengecam serangan udara Israel di Gaza. "
            "Polisi menangkap 12 pengunjuk rasa di depan gedung DPR.")

    def records() -> list[tuple[float, bool]]:
        events = Analyzer(nlp).analyze(Article(doc="d", text=text, published="2018-03-05")).to_dict()["events"]
        return sorted((e["confidence"], e["coder"].endswith("(learned sentence model)")) for e in events)

    monkeypatch.setattr(components, "DOUBTED", 0.0)  # no article doubted
    monkeypatch.setattr(components, "DOUBTED_MIN_WORDS", 0)
    monkeypatch.setattr(components, "UNSURE", 0.0)  # every article sure
    sure = records()
    rule = [c for c, added in sure if not added]
    assert len(set(rule)) >= 2
    cut = (rule[0] + rule[-1]) / 2
    monkeypatch.setattr(components, "UNSURE", 1.01)  # every article unsure
    monkeypatch.setattr(components, "UNSURE_MIN", cut)
    kept = records()
    assert kept == [(c, added) for c, added in sure if added or c >= cut]
    assert 0 < sum(not added for _, added in kept) < len(rule)


def test_learned_full_mode_gives_every_event_a_country(monkeypatch):
    from warta.analyse.pipeline import Analyzer, build
    from warta.model import Article

    monkeypatch.setenv("WARTA_LEARNED_FULL", "1")
    analyzer = Analyzer(build())
    assert analyzer.nlp.get_pipe("warta_sentence_events").model is not None
    events = analyzer.analyze(Article(doc="p", text=POLITICS, published="2018-03-07")).to_dict()["events"]
    assert events
    for e in events:
        assert any(p.get("code") for p in e["actor"] + e["recipient"])
        assert 0.0 <= e["confidence"] <= 1.0


def test_learned_added_confidence_is_platt_scaled_and_the_fit_recovers_known_parameters():
    import math
    import random

    from warta.analyse.learned.adder import calibrated

    assert calibrated(0.7, {}) == 0.7  # no fit: the model's probability as it is
    meta = {"confidence_platt": [0.5, -1.0]}
    z = 0.5 * math.log(0.7 / 0.3) - 1.0
    assert calibrated(0.7, meta) == pytest.approx(1 / (1 + math.exp(-z)))
    assert calibrated(0.4, meta) < calibrated(0.6, meta) < calibrated(0.9, meta)
    sys.path.insert(0, str(ROOT / "scripts"))
    from calibration import fit_platt

    rng = random.Random(7)
    pairs = []
    for _ in range(4000):  # events whose chance of being right is exactly the Platt curve (a=0.5, b=-1)
        p = rng.uniform(0.05, 0.95)
        pairs.append((p, int(rng.random() < calibrated(p, meta))))
    a, b = fit_platt(pairs)
    assert a == pytest.approx(0.5, abs=0.15) and b == pytest.approx(-1.0, abs=0.15)


def test_learned_event_features_bin_the_sentence_models_probabilities():
    """With the sentence model's probabilities, a record gets its type's and no event's, binned;
    without them, none of those features."""
    from warta.analyse.learned.features import event_features

    rec = {"event": ["ACCUSE"], "mode": [], "modality": "asserted", "trigger": {"text": "menuduh"},
           "text_info": {"sentence": "Polisi menuduh mereka.", "sequence": 2}, "actor": [], "recipient": []}
    plain = event_features(rec, [], [])
    assert not any(f.startswith(("sp=", "snone=")) or "|sp=" in f for f in plain)
    probs = {"ACCUSE": 0.85, "NONE": 0.05, "REJECT": 0.1}
    feats = event_features(rec, [], [], probs)
    assert {"sp=>=0.8", "t=ACCUSE|sp=>=0.8", "snone=<0.1"} <= set(feats)
    assert set(feats) - set(plain) == {"sp=>=0.8", "t=ACCUSE|sp=>=0.8", "snone=<0.1"}
    low = event_features(rec, [], [], {"NONE": 0.97})  # a type the model gives nothing
    assert {"sp=<0.05", "snone=>=0.8"} <= set(low)


def test_learned_event_features_name_what_a_promise_was_planned_as():
    """A future support turned AGREE (the codebook's promise) carries what it was planned as, so
    that the event model can weigh promised support apart from promised meetings; a record that
    was never planned gets no such feature, and its other features are the same."""
    from warta.analyse.learned.features import event_features

    base = {"event": ["AGREE"], "mode": [], "modality": "future", "trigger": {"text": "mendukung"},
            "text_info": {"sentence": "Indonesia akan mendukung Palestina.", "sequence": 1},
            "actor": [], "recipient": []}
    plain = event_features(base, [], [])
    assert not any(f.startswith("planned=") for f in plain)
    promised = event_features(dict(base, planned="SUPPORT"), [], [])
    assert set(promised) - set(plain) == {"planned=SUPPORT"}


def test_learned_rescore_reads_sentence_probabilities_only_for_a_model_trained_with_them():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from warta.analyse.learned.adder import SENTENCE_PROBS
    from warta.analyse.learned.components import Rescore
    from warta.analyse.learned.linear import DIMS, LinearModel

    doc = Doc(Vocab(), words=["x"])
    doc.user_data[SENTENCE_PROBS] = {3: {"ACCUSE": 0.7}}
    model = LinearModel(numpy.zeros(DIMS), 0.0, {})
    rescore = Rescore(None, model, full=True)
    assert rescore._sentence_probs(doc) is None
    model.meta["sentence_probs"] = True
    assert rescore._sentence_probs(doc)[3] == {"ACCUSE": 0.7}
    assert 4 not in rescore._sentence_probs(doc)  # the adder's probabilities, none made up


def test_learned_rule_confidence_is_platt_scaled_and_keeps_the_same_records(monkeypatch):
    """The rescoring model's probability is reported Platt-scaled where its meta carries a fit;
    which records are kept does not change (the keep rules read the probability itself)."""
    from warta.analyse.learned.adder import calibrated
    from warta.analyse.pipeline import Analyzer, build
    from warta.model import Article

    nlp = build()
    meta = nlp.get_pipe("warta_rescore").model.meta
    fit = {"confidence_platt": [0.5, -0.4]}
    monkeypatch.setitem(meta, "confidence_platt", fit["confidence_platt"])
    art = Article(doc="p", text=POLITICS, published="2018-03-07")
    scaled = Analyzer(nlp).analyze(art).to_dict()["events"]
    monkeypatch.delitem(meta, "confidence_platt")
    raw = Analyzer(nlp).analyze(art).to_dict()["events"]
    assert [e["id"] for e in scaled] == [e["id"] for e in raw] and raw
    rule = [(s, r) for s, r in zip(scaled, raw) if not r["coder"].endswith("(learned sentence model)")]
    assert rule
    for s, r in rule:
        assert s["confidence"] == pytest.approx(calibrated(r["confidence"], fit), abs=2e-3)  # both rounded to 3 places


def test_learned_modality_model_judges_only_what_the_rules_left_asserted():
    from warta.analyse.learned.adder import _by_model

    rows = [["w=sebelumnya", "w=divonis"], ["w=sebelumnya", "w=ditahan"], ["w=hari", "w=ditahan"], ["w=hari", "w=divonis"]] * 3
    model = fit_softmax(rows, ["historical", "historical", "asserted", "asserted"] * 3, ["asserted", "historical"])
    assert model.probs(["w=sebelumnya"])["historical"] > 0.5
    # no cue the rules read: the model's class, when it is sure
    assert _by_model(model, ["w=sebelumnya", "w=divonis"], "asserted") == "historical"
    assert _by_model(model, ["w=hari", "w=divonis"], "asserted") == "asserted"
    # a cue the rules read wins; no model, the rules' modality
    assert _by_model(model, ["w=sebelumnya", "w=divonis"], "future") == "future"
    assert _by_model(None, ["w=sebelumnya"], "asserted") == "asserted"
    # unsure (a word it never saw): the rules' modality
    assert _by_model(model, ["w=unseen"], "asserted") == "asserted"


def test_learned_modality_model_makes_no_threat_or_meeting_future():
    # the codebook: a planned meeting, support, cooperation or aid is AGREE, and a threat is the act
    # itself, said now; so the modality model's "future" is not taken for those types
    from warta.analyse.learned.adder import _by_model

    rows = [["w=akan", "w=mengancam"], ["w=akan", "w=bertemu"], ["w=hari", "w=bertemu"], ["w=hari", "w=mengancam"]] * 3
    model = fit_softmax(rows, ["future", "future", "asserted", "asserted"] * 3, ["asserted", "future"])
    assert _by_model(model, ["w=akan", "w=bertemu"], "asserted", "REQUEST") == "future"
    for typ in ("THREATEN", "CONSULT", "SUPPORT", "COOPERATE", "AID"):
        assert _by_model(model, ["w=akan", "w=bertemu"], "asserted", typ) == "asserted"


def test_learned_added_event_trigger_is_a_word_that_names_an_act():
    from warta.analyse.learned.adder import _trigger

    # a model that weighs the preposition "untuk" most for REQUEST: the trigger is still the verb
    rows = [["w=untuk", "w=mendesak"], ["w=untuk", "w=meminta"], ["w=gol", "w=liga"]] * 4
    model = fit_softmax(rows, ["REQUEST", "REQUEST", "NONE"] * 4, ["NONE", "REQUEST"])
    text = "Mahasiswa mendesak pemerintah untuk mencabut aturan itu."
    s, e, word = _trigger(model, "REQUEST", text, 0, len(text))
    assert word == "mendesak" and text[s:e] == word
    # nor a name or a title, capitalised inside the sentence
    rows = [["w=presiden", "w=meminta"], ["w=presiden", "w=mendesak"], ["w=gol", "w=liga"]] * 4
    model = fit_softmax(rows, ["REQUEST", "REQUEST", "NONE"] * 4, ["NONE", "REQUEST"])
    text = "Mahasiswa meminta Presiden mencabut aturan itu."
    assert _trigger(model, "REQUEST", text, 0, len(text))[2] == "meminta"


def test_learned_record_without_recipient_takes_its_sentences_party_of_another_country():
    """A record with no recipient gets the first party of its sentence whose country none of its
    actors has: not a news outlet, not the speaker the act is attributed to; a record with a
    recipient keeps its own."""
    from warta.analyse.learned.adder import fill_recipient
    from warta.analyse.pipeline import default_analyzer
    from warta.analyse.records import _actor
    from warta.model import Article

    text = ("Jakarta - Menurut Reuters, Menteri Luar Negeri Retno Marsudi menyampaikan keberatan kepada "
            "Menteri Luar Negeri Australia Julie Bishop dan Duta Besar Malaysia, Senin (5/3).")
    an = default_analyzer()
    doc = an.nlp(an.make_doc(Article(doc="r", text=text, published="2018-03-06")))
    by_text = {m.text: m for m in doc._.mentions}
    retno = by_text["Menteri Luar Negeri Retno Marsudi"]

    def record(**extra) -> dict:
        return {"event": ["ACCUSE"], "actor": [_actor(retno)], "recipient": [],
                "text_info": {"start": 0, "end": len(text)}, **extra}

    rec = record()
    fill_recipient(doc, rec)
    assert [r["entity_text"] for r in rec["recipient"]] == ["Menteri Luar Negeri Australia Julie Bishop"]
    assert rec["recipient"][0]["code"] == "AUS"
    said = record(attribution={"speaker": "Julie Bishop", "text": "kata Menteri Luar Negeri Australia Julie Bishop"})
    fill_recipient(doc, said)  # the speaker is not the one acted on: the next party is
    assert [r["code"] for r in said["recipient"]] == ["MYS"]
    own = record(recipient=[_actor(by_text["Jakarta"])])
    fill_recipient(doc, own)
    assert [r["entity_text"] for r in own["recipient"]] == ["Jakarta"]


def test_learned_event_features_read_the_parties_countries_only_for_a_model_trained_so():
    """How a record's parties' countries relate (an act between two states, within one, with one
    side only) is a feature of the rescoring model trained with it (``meta["pair_features"]``);
    a model trained without it gets exactly the features it was trained on."""
    from warta.analyse.learned.features import event_features

    def rec(actor, recipient):
        return {"event": ["AID"], "mode": [], "modality": "asserted", "trigger": {"text": "memasok"},
                "text_info": {"sentence": "Rusia memasok senjata ke Myanmar.", "sequence": 3},
                "actor": [{"code": c} for c in actor], "recipient": [{"code": c} for c in recipient]}

    cases = {("RUS",): {("MMR",): "cross", ("RUS",): "same", (): "one"}, (): {("MMR",): "one", (): "none"}}
    for actor, by_recipient in cases.items():
        for recipient, kind in by_recipient.items():
            with_pairs = event_features(rec(actor, recipient), [], [], pairs=True)
            without = event_features(rec(actor, recipient), [], [])
            assert f"pair={kind}" in with_pairs and f"t=AID|pair={kind}" in with_pairs
            assert not any(f.startswith("pair=") or "|pair=" in f for f in without)
            assert set(with_pairs) - set(without) == {f"pair={kind}", f"t=AID|pair={kind}"}
