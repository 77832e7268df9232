"""Blocking work off the GUI thread: results and failures come back on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ui import background
from ui.background import BackgroundRunner


def test_results_and_failures_come_back_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = BackgroundRunner(threads=2)
    gui = threading.get_ident()
    workers: list[int] = []
    got: list[tuple[str, object, int]] = []
    busy: list[bool] = []
    runner.busy_changed.connect(busy.append)

    def work() -> int:
        workers.append(threading.get_ident())
        return 42

    def fail() -> int:
        raise ValueError("printer on fire")

    runner.submit(work, lambda r: got.append(("ok", r, threading.get_ident())), print)
    runner.submit(fail, print, lambda e: got.append(("failed", str(e), threading.get_ident())))
    qtbot.waitUntil(lambda: len(got) == 2, timeout=5000)
    assert sorted(got) == [("failed", "printer on fire", gui), ("ok", 42, gui)]
    assert workers and gui not in workers
    assert busy[0] is True and busy[-1] is False


class _Owner(QWidget):
    """A window's part made in Python: Qt deletes it from its Python wrapper, which holds
    the GIL meanwhile (as a signed-out cashier window's offline status)."""


def test_a_runner_deleted_while_its_job_runs_never_waits_for_it_and_hears_nothing(
    qtbot: QtBot,
) -> None:
    owner = _Owner()
    runner = BackgroundRunner(owner, threads=1)
    started, release, finished = threading.Event(), threading.Event(), threading.Event()
    heard: list[object] = []

    def slow() -> str:
        started.set()
        release.wait(10)
        finished.set()
        return "late"

    runner.submit(slow, heard.append, heard.append)
    assert started.wait(10)
    owner.deleteLater()  # while the job runs: its pool is kept until the job ends
    qtbot.waitUntil(lambda: not _alive(runner), timeout=5000)
    turned: list[bool] = []
    QTimer.singleShot(0, lambda: turned.append(finished.is_set()))
    qtbot.waitUntil(lambda: bool(turned), timeout=5000)  # the GUI thread did not wait
    release.set()
    qtbot.waitUntil(lambda: not background._jobs and not background._retired, timeout=5000)
    assert (turned, finished.is_set(), heard) == ([False], True, [])


def _alive(runner: BackgroundRunner) -> bool:
    try:
        runner.objectName()
    except RuntimeError:
        return False
    return True


def test_garbage_is_collected_on_the_gui_thread_only(qtbot: QtBot, qapp: QObject) -> None:
    import gc

    from PySide6.QtWidgets import QApplication, QDialog, QFormLayout

    from ui.main_thread_gc import collect_on_gui_thread

    assert isinstance(qapp, QApplication)
    was_enabled = gc.isenabled()
    collector = collect_on_gui_thread(qapp)
    try:
        assert collect_on_gui_thread(qapp) is collector and not gc.isenabled()
        threads: list[int] = []

        class Cycle(QDialog):
            def __init__(self) -> None:
                super().__init__()
                QFormLayout(self)
                self.me = self  # garbage only a collection can free

            def __del__(self) -> None:
                threads.append(threading.get_ident())

        for _ in range(50):
            Cycle()
        worker = threading.Thread(target=lambda: [[object()] for _ in range(100_000)])
        worker.start()
        worker.join()
        assert threads == []  # the allocating thread collected nothing
        kept = [[] for _ in range(2 * gc.get_threshold()[0])]  # a collection is due now
        qtbot.waitUntil(lambda: len(threads) == 50, timeout=5000)
        assert len(kept) > 0
        assert set(threads) == {threading.get_ident()}
    finally:
        if was_enabled:
            gc.enable()
