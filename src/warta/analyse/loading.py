"""Start-up: the pipeline and its models built with Python's cyclic garbage collector paused.

Loading builds some hundred thousand small objects (spaCy's modules and vocabulary, the knowledge
base, the gazetteers' indexes, the recogniser's word features), and the collector, which runs
every few hundred allocations, walks them again and again for no garbage: one article's
analysis from a cold start took 2.1 s with it, 1.35 s without. It is switched back on (when it
was on) as soon as loading is done, so a long ingest collects as usual.

What loading built lives as long as the process, so :func:`keep_loaded` then moves it out of the
collector's sight (``gc.freeze``): a full collection during an ingest no longer walks the models,
and neither do the collections Python runs when it exits, which took about 0.5 s of a
single-article ``warta extract`` (2.0 -> 1.5 s).
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the block (reference counting still frees)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def keep_loaded() -> None:
    """Exempt every object alive now (the loaded pipeline and models) from cyclic collection for
    the rest of the process; reference counting still frees what is dropped."""
    gc.freeze()
