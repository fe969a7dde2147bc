"""Start-up (analyse/loading.py): the collector is paused while the pipeline and its models load,
and on again afterwards, so that a long ingest still collects cycles."""
import gc

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
