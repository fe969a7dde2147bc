"""Articles analysed together (``Analyzer.analyze_many``, what the runners do): the Documents of
one-by-one analysis, the parse batched across the articles, and a failing article failing alone."""
from __future__ import annotations

from warta.api import example_paths
from warta.bench import build_corpus
from warta.model import Article, Failure


def _articles() -> list[Article]:
    arts = [Article(doc=p.name, text=p.read_text(encoding="utf-8")) for p in example_paths()]
    return arts + list(build_corpus(11, seed=3))


def test_pipeline_analyze_many_gives_the_documents_of_analyze():
    from warta.analyse.pipeline import default_analyzer

    analyzer = default_analyzer()
    arts = _articles()
    one = [analyzer.analyze(a).to_dict() for a in arts]
    assert [d.to_dict() for d in analyzer.analyze_many(arts)] == one
    assert [d.to_dict() for d in analyzer.analyze_many(arts[:5]) + analyzer.analyze_many(arts[5:])] == one
    assert sum(len(d["events"]) for d in one) > 20


def test_pipeline_batched_parse_parses_each_article_as_alone():
    from warta.analyse.pipeline import default_analyzer

    analyzer = default_analyzer()
    syntax = analyzer.nlp.get_pipe("warta_syntax")
    arts = _articles()[:6]

    def upto_syntax(art):
        doc = analyzer.make_doc(art)
        for name, proc in analyzer.nlp.pipeline:
            if name == "warta_syntax":
                return doc
            doc = proc(doc)

    def trees(doc):
        return {k: [(n.i, n.tag_, n.dep_, n.head.i) for n in p] for k, p in doc._.parses.items()}

    alone = [trees(syntax(upto_syntax(a))) for a in arts]
    together = [trees(d) for d in syntax.pipe([upto_syntax(a) for a in arts], batch_size=4)]
    assert together == alone and sum(map(len, alone)) > 5


def test_runner_analyse_many_lets_only_the_failing_article_fail(monkeypatch):
    """An article whose analysis raises (here: the event coder, on that article) is a Failure; the
    others of its batch are the Documents they are alone, in their order."""
    from warta.analyse import pipeline
    from warta.runner import analyse_many

    analyzer = pipeline.default_analyzer()
    arts = _articles()[:7]
    want = [analyzer.analyze(a).to_dict() for a in arts]
    events = dict(analyzer.nlp.pipeline)["warta_events"]

    def flaky(doc):
        if doc._.article.doc == arts[3].doc:
            raise RuntimeError("coder broke")
        return events(doc)

    monkeypatch.setattr(analyzer.nlp, "_components",
                        [(n, flaky if n == "warta_events" else p) for n, p in analyzer.nlp._components])
    got = analyse_many(analyzer, arts)
    assert isinstance(got[3], Failure) and "coder broke" in got[3].reason
    assert [g.to_dict() for i, g in enumerate(got) if i != 3] == [w for i, w in enumerate(want) if i != 3]
