"""The shipped tagger and parser (warta.analyse.syntax): it loads, its metadata matches, and the
component parses only the sentences that may hold an event."""
import os
import json
from pathlib import Path

from warta.analyse import syntax
from warta.analyse.pipeline import WITH_PARSE, Analyzer, build
from warta.model import Article
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_syntax_component_parses_only_sentences_with_a_trigger_and_two_names():
    text = ("Cuaca di Jakarta cerah sepanjang hari. Presiden Prancis mengecam Rusia. "
            "Mereka mengecam keputusan itu. Rusia mengecam keputusan itu.")
    an = Analyzer(build(WITH_PARSE))
    doc = an.nlp(an.make_doc(Article(doc="t", text=text)))
    assert sorted(doc._.parses) == [text.index("Presiden")]
    parsed = doc._.parses[text.index("Presiden")]
    assert parsed.text == "Presiden Prancis mengecam Rusia."



def test_syntax_parse_is_on_by_default_and_off_with_warta_parse_0():
    import subprocess
    import sys

    code = "from warta.analyse.pipeline import COMPONENTS; print('warta_syntax' in COMPONENTS)"
    env = {k: v for k, v in os.environ.items() if k != "WARTA_PARSE"}
    default = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    off = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**env, "WARTA_PARSE": "0"})
    assert default.stdout.strip() == "True" and off.stdout.strip() == "False"


def test_syntax_component_parses_nothing_in_an_article_the_relevance_model_rules_out():
    # a match report: names and a trigger word of the lexicon ("menyerang"), no political event
    text = ("Persib Bandung menang 3-1 atas Persija Jakarta dalam laga Liga 1 di Stadion Gelora Bandung "
            "Lautan Api, Sabtu malam. Striker Ezechiel N'Douassel mencetak dua gol dan Febri Hariyadi "
            "menambah satu gol lewat tendangan bebas. Persija sempat menyamakan kedudukan lewat sundulan "
            "Marko Simic pada menit ke-30. Pelatih Persib Mario Gomez memuji anak asuhnya yang terus "
            "menyerang sepanjang babak kedua. Kemenangan ini membawa Persib ke puncak klasemen sementara "
            "dengan 25 poin dari 12 pertandingan, unggul dua poin dari Bali United. Pekan depan Persib "
            "bertandang ke markas Madura United, sementara Persija menjamu PSM Makassar di Stadion Utama "
            "Gelora Bung Karno. Para suporter merayakan kemenangan itu di sekitar stadion hingga larut malam.")
    from warta.analyse.learned.components import ruled_out

    an = Analyzer(build(WITH_PARSE))
    doc = an.nlp(an.make_doc(Article(doc="t", text=text)))
    assert ruled_out(doc)                                   # the premise: the model rules it out
    assert syntax.has_trigger(text, text.index("Pelatih"), text.index("Kemenangan"))
    assert doc._.parses == {}


def test_syntax_parser_loads_with_the_tokens_and_parses_of_spacy_load():
    import spacy

    saved = spacy.load(syntax.MODEL_DIR)     # the saved tokenizer: slow to load, same tokens
    ours = syntax.load_parser()
    texts = ["Anak-anak (abu-abu) berlari-lari; Presiden AS Donald Trump mengecam Korea Utara, Senin (4/9).",
             "Kementerian Luar Negeri RI menyatakan pro-Rusia dan e-KTP bukan hal baru, kata dr. Budi.",
             "Polisi menangkap 3 orang yang diduga menyerang pos TNI di Kabupaten Puncak pada 12 Mei lalu."]
    for a, b in zip(ours.pipe(texts), saved.pipe(texts)):
        assert [(t.idx, t.text, t.tag_, t.dep_, t.head.i) for t in a] == \
               [(t.idx, t.text, t.tag_, t.dep_, t.head.i) for t in b]


def test_syntax_parsed_copy_mirrors_the_spacy_tree():
    texts = ["Presiden Prancis mengecam serangan rudal Rusia terhadap kota Kiev pada Senin.",
             "Menlu  Retno Marsudi bertemu\nMenlu Malaysia, Jan. lalu; \"kami sepakat\", katanya."]
    for doc in syntax.load_parser().pipe(texts):
        parsed = syntax.Parsed.of(doc)
        assert parsed.text == doc.text and len(parsed) == len(doc)
        for n, t in zip(parsed, doc):
            assert (n.i, n.idx, n.text, n.lower_, n.tag_, n.dep_) == (t.i, t.idx, t.text, t.lower_, t.tag_, t.dep_)
            assert n.head.i == t.head.i and [c.i for c in n.children] == [c.i for c in t.children]
        assert sum(n.head is n for n in parsed) == sum(t.head.i == t.i for t in doc) >= 1


def _tokens(doc):
    return [(t.text, t.whitespace_, t.norm_) for t in doc]


def _sentence_doc(text: str, start: int, end: int):
    from warta.analyse.pipeline import Span
    from warta.analyse.tokenizer import blank_indonesian

    component = syntax.SyntaxComponent()
    article = blank_indonesian().make_doc(text)
    return component, component.sentence_doc(article, Span("sentence", start, end, text[start:end]))


def test_syntax_sentence_doc_reuses_the_article_tokens_unless_a_chunk_crosses_the_edge():
    text = "Kata Budi.Sebelumnya, Menlu  Retno bertemu Menlu Malaysia pada Jan. lalu. Ia pulang."
    s, e = text.index("Menlu"), text.index(" Ia")
    component, made = _sentence_doc(text, s, e)
    assert not isinstance(made, str) and made.vocab is component.nlp.vocab
    assert made.text == text[s:e] and _tokens(made) == _tokens(component.nlp.make_doc(text[s:e]))
    assert ("Jan.", " ", "Januari") in _tokens(made)     # a token-level norm of the tokenizer's exceptions
    _, glued = _sentence_doc(text, text.index("Sebelumnya"), e)   # 'Budi.Sebelumnya' is one chunk
    assert glued == text[text.index("Sebelumnya"):e]


_PIECES = ["Menlu", "Retno", "bertemu", "Jan.", "Des.", "jum'at", "abu-abu", "AS", "dll.", "10.000", "(ANTARA)",
           "-", ",", ".", "\"", "kata", "Budi.Sebelumnya", "e-KTP", "Rp5", ":-)"]
_SPACES = [" ", " ", " ", "  ", "\n", "\xa0", "\t", ""]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SPACES)), min_size=1, max_size=14),
       st.data())
def test_syntax_sentence_doc_has_the_tokens_of_its_text(parts, data):
    """Any slice of an article, made from the article's tokens, has the tokens (text, trailing
    space, norm) that the parser's tokenizer gives the slice's text, and that text."""
    text = "".join(w + sp for w, sp in parts)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    component, made = _sentence_doc(text, start, end)
    if isinstance(made, str):
        assert made == text[start:end]
    else:
        assert made.text == text[start:end]
        assert _tokens(made) == _tokens(component.nlp.make_doc(text[start:end]))


def test_syntax_matmul_ops_multiply_as_thinc_does():
    """``MatmulOps.gemm`` with and without transposes and an ``out`` array gives thinc's products."""
    import numpy
    from thinc.api import NumpyOps

    rng = numpy.random.default_rng(0)
    x, y = rng.normal(size=(5, 7)).astype("float32"), rng.normal(size=(7, 3)).astype("float32")
    ours, theirs = syntax.MatmulOps(), NumpyOps()
    for a, b, t1, t2 in ((x, y, False, False), (x.T.copy(), y, True, False), (x, y.T.copy(), False, True),
                         (x.T.copy(), y.T.copy(), True, True)):
        want = theirs.gemm(a, b, trans1=t1, trans2=t2)
        numpy.testing.assert_allclose(ours.gemm(a, b, trans1=t1, trans2=t2), want, rtol=1e-5, atol=1e-5)
        out = numpy.zeros_like(want)
        assert ours.gemm(a, b, out=out, trans1=t1, trans2=t2) is out
        numpy.testing.assert_allclose(out, want, rtol=1e-5, atol=1e-5)


def test_syntax_matmul_ops_give_the_parses_of_thincs_own_ops():
    """The shipped parser with numpy's products parses the example articles' sentences exactly as
    with thinc's (every tag, relation and head)."""
    import re

    import spacy

    examples = Path(syntax.__file__).parent.parent / "examples"
    texts = [s for f in sorted(examples.glob("*.txt"))
             for s in re.split(r"(?<=[.!?])\s+", f.read_text(encoding="utf-8")) if len(s) > 20]
    assert len(texts) > 20
    plain = spacy.load(syntax.MODEL_DIR)
    assert not any(isinstance(n.ops, syntax.MatmulOps) for n in plain.get_pipe("parser").model.walk())
    ours = syntax.load_parser()
    assert all(isinstance(n.ops, syntax.MatmulOps) for n in ours.get_pipe("parser").model.walk())
    for a, b in zip(ours.pipe(texts), plain.pipe(texts)):
        assert [(t.tag_, t.dep_, t.head.i) for t in a] == [(t.tag_, t.dep_, t.head.i) for t in b]
