"""The shipped tagger and parser (warta.analyse.syntax): it loads, its metadata matches, and the
component parses only the sentences that may hold an event."""
import os
import json
from pathlib import Path

from warta.analyse import syntax
from warta.analyse.pipeline import WITH_PARSE, Analyzer, build
from warta.model import Article

METRICS = Path(syntax.__file__).parent / "models" / "parser-metrics.json"
UPOS = {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "VERB"}


def test_syntax_model_loads_and_its_metadata_matches():
    nlp = syntax.load_parser()
    meta = json.loads(METRICS.read_text(encoding="utf-8"))
    assert nlp.pipe_names == meta["pipeline"] == ["tok2vec", "tagger", "parser"]
    assert sorted(nlp.get_pipe("tagger").labels) == meta["tags"] and UPOS <= set(meta["tags"])
    size = sum(p.stat().st_size for p in syntax.MODEL_DIR.rglob("*") if p.is_file())
    assert size == meta["model_bytes"] < 12_000_000
    assert len(meta["train_sha256"]) == 64 and meta["held_out"]["file"].endswith("csui-ud-test.conllu")
    assert 0 < meta["held_out"]["las"] <= meta["held_out"]["uas"] <= 1


def test_syntax_model_parses_a_simple_clause_into_subject_verb_object():
    doc = syntax.load_parser()("Polisi menangkap pencuri itu.")
    verb = doc[1]
    assert verb.tag_ == "VERB" and verb.dep_ == "ROOT"
    assert {(c.text, c.dep_) for c in verb.children} >= {("Polisi", "nsubj"), ("pencuri", "obj")}


def test_syntax_component_parses_only_sentences_with_a_trigger_and_a_name():
    text = ("Cuaca di Jakarta cerah sepanjang hari. Presiden Prancis mengecam Rusia. "
            "Mereka mengecam keputusan itu.")
    an = Analyzer(build(WITH_PARSE))  # the parse is opt-in in the default pipeline
    doc = an.nlp(an.make_doc(Article(doc="t", text=text)))
    assert sorted(doc._.parses) == [text.index("Presiden")]
    parsed = doc._.parses[text.index("Presiden")]
    assert parsed.text == "Presiden Prancis mengecam Rusia."



def test_syntax_parse_is_off_by_default_and_on_with_warta_parse():
    import subprocess
    import sys

    code = "from warta.analyse.pipeline import COMPONENTS; print('warta_syntax' in COMPONENTS)"
    off = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "WARTA_PARSE": ""})
    on = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "WARTA_PARSE": "1"})
    assert off.stdout.strip() == "False" and on.stdout.strip() == "True"
