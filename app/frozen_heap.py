"""Keep what a long computation reads out of the garbage collector's passes while it runs.

The till collects garbage on the GUI thread only (``ui/main_thread_gc.py``), and a full
collection walks every object the process holds. A what-if replay holds a period's
orders (113k orders: millions of objects) for a minute or more; each full collection
meanwhile walked them all and paused the GUI thread for 1.9 s. Frozen (``gc.freeze``),
the objects that exist when the computation starts are skipped by every collection until
it ends; what it allocates is collected as usual. Freezing frees nothing, so it is safe
on any thread; cyclic garbage among frozen objects waits until the block ends.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_holders = 0


def tracked_objects() -> int:
    """How many objects the collector tracks, counted without handing any out
    (``gc.get_objects`` does, and a tuple another thread is still building then fails with
    a SystemError). Call it right after a collection, while the young generations are
    empty: it leaves every object in the oldest generation, or, while a computation holds
    the heap frozen, frozen too, so the next full collection walks only what came since."""
    with _lock:
        gc.freeze()
        count = gc.get_freeze_count()
        if _holders == 0:
            gc.unfreeze()
    return count


@contextlib.contextmanager
def frozen_heap() -> Iterator[None]:
    """Objects alive now are left out of collections until the last such block ends."""
    global _holders
    with _lock:
        _holders += 1
        gc.freeze()
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0:
                gc.unfreeze()  # back in the oldest generation, collected as before
