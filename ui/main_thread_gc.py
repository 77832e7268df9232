"""Python's cyclic garbage collector, run only on the GUI thread.

Left automatic, a collection runs in whichever thread happens to allocate, such as the
daily jobs' pool thread, and may free a closed dialog there: Qt widgets must be destroyed
on the GUI thread, and PySide's deferred deletion of them has crashed the process. So
automatic collection is switched off while a till runs, and a timer on the GUI thread
collects with the rules CPython itself would use (``generation_due``).

CPython's rules include one its thresholds do not show: a full collection (the oldest
generation, every object the process holds) waits until the objects that became
long-lived since the last one are a quarter of those it kept then. Without it a what-if
replay of 113k orders (millions of objects) paused the GUI thread for 1.74 s in full
collections again and again; with it the full collections come when the heap has grown
by a quarter, so their total cost stays proportional to the heap.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from app.frozen_heap import tracked_objects

CHECK_EVERY_MS = 200
FULL_AFTER_GROWTH = 4
"""A full collection once the newly long-lived objects exceed 1/4 of those kept by the last
one (CPython's ``long_lived_pending < long_lived_total / 4`` in gcmodule.c)."""


def generation_due(
    counts: Sequence[int], thresholds: Sequence[int], pending: int, long_lived: int
) -> int | None:
    """The generation CPython would collect now, or None.

    ``counts`` and ``thresholds`` as ``gc.get_count()`` and ``gc.get_threshold()``;
    ``pending`` objects held beyond the ``long_lived`` ones the last full collection kept
    (CPython counts those its younger collections moved into the oldest generation; the
    growth is what the till can count without touching an object).
    """
    if counts[0] <= thresholds[0]:
        return None  # CPython looks only when the youngest is over its threshold
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation]:
            if generation == 2 and pending < long_lived // FULL_AFTER_GROWTH:
                continue  # the heap has not grown enough for a pass over all of it
            return generation
    return None


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._long_lived = 0
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()
        gc.disable()

    @property
    def long_lived(self) -> int:
        """The objects the last full collection kept."""
        return self._long_lived

    def collect_due(self) -> int:
        """Collects what CPython would collect now (``generation_due``); how many
        unreachable objects were found.

        The objects that became long-lived since the last full collection are counted
        only when the oldest generation is over its threshold, after collecting the
        younger ones (their survivors join the oldest, so all can be counted at once).
        """
        counts, thresholds = gc.get_count(), gc.get_threshold()
        if counts[0] > thresholds[0] and counts[2] > thresholds[2]:
            found = gc.collect(1)
            pending = tracked_objects() - self._long_lived
            if generation_due(counts, thresholds, pending, self._long_lived) == 2:
                found += gc.collect(2)
                self._long_lived = tracked_objects()
            return found
        generation = generation_due(counts, thresholds, 0, self._long_lived)
        return 0 if generation is None else gc.collect(generation)


def collect_on_gui_thread(app: QCoreApplication) -> MainThreadCollector:
    """Once per application: later calls return the same collector."""
    found = app.findChild(MainThreadCollector)
    if isinstance(found, MainThreadCollector):
        gc.disable()
        return found
    return MainThreadCollector(app)
