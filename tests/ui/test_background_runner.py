"""Blocking work off the GUI thread: results and failures come back on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

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


def test_a_job_outliving_its_runner_ends_quietly(qtbot: QtBot) -> None:
    parent = QObject()
    runner = BackgroundRunner(parent, threads=1)
    release = threading.Event()
    finished = threading.Event()

    def slow() -> str:
        release.wait(5)
        finished.set()
        return "late"

    runner.submit(slow, lambda _r: None, lambda _e: None)
    threading.Timer(0.3, release.set).start()  # the pool's deletion waits for the job
    parent.deleteLater()
    qtbot.waitUntil(lambda: not _alive(runner), timeout=5000)
    assert finished.is_set()


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
