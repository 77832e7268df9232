"""Python's cyclic garbage collector, run only on the GUI thread.

Left automatic, a collection runs in whichever thread happens to allocate, such as the
daily jobs' pool thread, and may free a closed dialog there: Qt widgets must be destroyed
on the GUI thread, and PySide's deferred deletion of them has crashed the process. So
automatic collection is switched off while a till runs, and a timer on the GUI thread
collects with the thresholds CPython itself would use.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

CHECK_EVERY_MS = 200


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()
        gc.disable()

    def collect_due(self) -> int:
        """Collects the oldest generation over its threshold (as CPython would)."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        if counts[0] <= thresholds[0]:
            return 0
        generation = 0
        if counts[1] > thresholds[1]:
            generation = 2 if counts[2] > thresholds[2] else 1
        return gc.collect(generation)


def collect_on_gui_thread(app: QCoreApplication) -> MainThreadCollector:
    """Once per application: later calls return the same collector."""
    found = app.findChild(MainThreadCollector)
    if isinstance(found, MainThreadCollector):
        gc.disable()
        return found
    return MainThreadCollector(app)
