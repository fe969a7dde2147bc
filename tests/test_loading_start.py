"""Start-up (analyse/loading.py): the collector is paused while the pipeline and its models load,
and on again afterwards, so that a long ingest still collects cycles."""
import gc
import weakref

import pytest

from warta.analyse.loading import collector_paused


def test_loading_collector_paused_inside_and_restored_after():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a failed load")
    assert gc.isenabled()


def test_loading_collector_left_off_when_it_was_off():
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_loading_analysis_leaves_the_collector_on():
    import warta

    warta.analyze("Presiden Indonesia bertemu Perdana Menteri Malaysia di Jakarta pada Senin.", published="2018-03-05")
    assert gc.isenabled()


def test_loading_keep_loaded_freezes_what_is_alive_and_still_collects_new_cycles():
    from warta.analyse.loading import keep_loaded

    keep_loaded()
    assert gc.get_freeze_count() > 0
    cycle = []
    cycle.append(cycle)
    ref = weakref.ref(_Box(cycle))
    gc.collect()
    assert ref() is None  # made after the freeze: collected as usual


class _Box:
    def __init__(self, payload):
        self.payload = payload
        self.me = self


def test_loading_analyzer_primes_the_tokenizer_once_after_enough_articles(monkeypatch):
    from warta.analyse import pipeline
    from warta.analyse.tokenizer import FREQUENT_WORDS
    from warta.api import example_paths
    from warta.model import Article

    primed = []
    analyzer = pipeline.default_analyzer()
    monkeypatch.setattr(analyzer, "_analysed", 0)
    monkeypatch.setattr(analyzer, "_primed", False)
    monkeypatch.setattr(analyzer, "PRIME_AFTER", 3)
    monkeypatch.setattr(pipeline, "prime", lambda nlp: primed.append(nlp) or 0)
    art = Article(doc="a", text=example_paths()[0].read_text(encoding="utf-8"))
    for _ in range(5):
        analyzer.analyze(art)
    # on the third article, and only then: the pipeline's tokenizer, then the parser's own
    parser = analyzer.nlp.get_pipe("warta_syntax").nlp if "warta_syntax" in analyzer.nlp.pipe_names else None
    assert primed == [analyzer.nlp] + ([parser] if parser is not None else [])
    assert FREQUENT_WORDS.is_file()


def test_loading_primed_analyzer_gives_the_same_documents():
    from warta.analyse import pipeline
    from warta.api import example_paths
    from warta.model import Article

    analyzer = pipeline.default_analyzer()
    arts = [Article(doc=p.name, text=p.read_text(encoding="utf-8")) for p in example_paths()]
    before = [analyzer.analyze(a).to_dict() for a in arts]
    analyzer.prime()
    assert [analyzer.analyze(a).to_dict() for a in arts] == before
