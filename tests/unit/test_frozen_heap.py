"""What a long computation reads is left out of garbage-collection passes while it runs
(a what-if replay's orders were walked by every full collection, pausing the GUI thread
1.9 s each time), and collected as before once the last such computation ends."""

from __future__ import annotations

import gc
import weakref

from app.frozen_heap import frozen_heap


class Node:
    def __init__(self) -> None:
        self.me = self  # freed only by a collection


def test_objects_alive_at_the_start_are_skipped_until_the_end_then_collected() -> None:
    before = Node()
    old = weakref.ref(before)
    with frozen_heap():
        del before
        new = Node()
        young = weakref.ref(new)
        del new
        gc.collect()
        assert young() is None  # what the computation made is collected as usual
        assert old() is not None  # what it started with is not walked
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert old() is None


def test_overlapping_computations_keep_the_heap_frozen_until_the_last_ends() -> None:
    first, second = frozen_heap(), frozen_heap()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert gc.get_freeze_count() > 0
    second.__exit__(None, None, None)
    assert gc.get_freeze_count() == 0
