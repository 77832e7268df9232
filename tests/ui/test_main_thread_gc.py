"""The GUI thread's garbage collection follows CPython's rules, including the one its
thresholds do not show: a full collection (a pass over every object the till holds) waits
until the long-lived objects have grown by a quarter since the last one. Without it a
what-if replay paused the GUI thread 1.74 s in full collections, one after the other."""

from __future__ import annotations

import gc
import weakref

import pytest
from PySide6.QtCore import QObject

from app.frozen_heap import frozen_heap
from ui.main_thread_gc import MainThreadCollector, collect_on_gui_thread, generation_due

THRESHOLDS = (700, 10, 10)


@pytest.mark.parametrize(
    ("counts", "pending", "long_lived", "due"),
    [
        ((700, 10, 10), 0, 0, None),  # nothing over its threshold
        ((701, 3, 4), 0, 0, 0),
        ((701, 11, 4), 0, 0, 1),
        ((701, 11, 11), 0, 0, 2),  # nothing kept yet: the first full one is due
        ((701, 11, 11), 24_999, 100_000, 1),  # grown by less than a quarter: not yet
        ((701, 11, 11), 25_000, 100_000, 2),  # by a quarter: the full one is due
        ((701, 3, 11), 24_999, 100_000, 0),  # skipped full: the younger ones as usual
        ((701, 3, 11), 25_000, 100_000, 2),
        ((5, 11, 11), 25_000, 100_000, None),  # nothing new since the last check
    ],
)
def test_which_generation_is_collected(
    counts: tuple[int, int, int], pending: int, long_lived: int, due: int | None
) -> None:
    assert generation_due(counts, THRESHOLDS, pending, long_lived) == due


def test_a_busy_till_that_does_not_grow_makes_no_full_collection_after_the_first(
    qapp: QObject,
) -> None:
    was_enabled = gc.isenabled()
    collector = collect_on_gui_thread(qapp)
    ballast = [[] for _ in range(200_000)]  # a till's long-lived objects
    try:
        fulls = gc.get_stats()[2]["collections"]
        middles = gc.get_stats()[1]["collections"]
        for _ in range(600):  # short-lived work: each batch is gone after its check
            batch = [[] for _ in range(800)]
            collector.collect_due()
            del batch
        assert gc.get_stats()[1]["collections"] - middles >= 40  # a full one every 11th before
        assert gc.get_stats()[2]["collections"] - fulls <= 1
    finally:
        del ballast
        if was_enabled:
            gc.enable()


def test_garbage_that_grew_old_is_still_freed_once_the_till_has_grown_by_a_quarter(
    qapp: QObject,
) -> None:
    was_enabled = gc.isenabled()
    collector = collect_on_gui_thread(qapp)

    class Node:
        def __init__(self) -> None:
            self.me = self  # freed only by a collection of the generation it is in

    old = Node()
    gone = weakref.ref(old)
    gc.collect(1)  # it is in the oldest generation now
    del old
    kept: list[list[object]] = []
    try:
        for _ in range(20_000):
            kept.append([[] for _ in range(800)])  # the till grows
            collector.collect_due()
            if gone() is None:
                break
        assert gone() is None
        assert collector.long_lived >= 800 * len(kept)  # counted afresh by that full one
    finally:
        kept.clear()
        if was_enabled:
            gc.enable()


def test_while_a_long_computation_holds_the_heap_a_full_collection_freezes_its_survivors(
    qapp: QObject,
) -> None:
    was_enabled = gc.isenabled()
    owner = QObject()
    collector = MainThreadCollector(owner)  # its first full collection is due soonest
    kept: list[list[object]] = []
    try:
        with frozen_heap():
            at_start = gc.get_freeze_count()
            fulls = gc.get_stats()[2]["collections"]
            while gc.get_stats()[2]["collections"] == fulls:
                kept.append([[] for _ in range(800)])  # the computation's own objects
                collector.collect_due()
            assert gc.get_freeze_count() > at_start + len(kept)  # skipped from now on
        assert gc.get_freeze_count() == 0
    finally:
        kept.clear()
        owner.deleteLater()
        if was_enabled:
            gc.enable()
