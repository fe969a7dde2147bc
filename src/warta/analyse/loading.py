"""Start-up: the pipeline and its models built with Python's cyclic garbage collector paused.

Loading builds some hundred thousand small objects (spaCy's modules and vocabulary, the knowledge
base, the gazetteers' indexes, the recogniser's word features), and the collector, which runs
every few hundred allocations, walks them again and again for no garbage: one article's
analysis from a cold start took 2.1 s with it, 1.35 s without. It is switched back on (when it
was on) as soon as loading is done, so a long ingest collects as usual.
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
