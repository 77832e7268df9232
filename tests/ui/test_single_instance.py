"""One till per database: a second launch brings the first forward and exits."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.integration.test_cli import POS, ROOT
from ui.single_instance import RunningTill, bring_forward, instance_name, wake_running_till


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen has no stacking
def test_a_second_launch_wakes_the_running_till_which_comes_forward(qtbot: QtBot) -> None:
    name = instance_name(f"sqlite:///{Path.cwd()}/in-process-{os.getpid()}.db")
    running = RunningTill(name)
    assert running.listening
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    window.setWindowState(Qt.WindowState.WindowMinimized)
    with qtbot.waitSignal(running.woken, timeout=5000):
        assert wake_running_till(name)
    assert bring_forward() is window
    assert not window.windowState() & Qt.WindowState.WindowMinimized
    running.close()
    assert not wake_running_till(name)


def test_different_databases_are_different_tills() -> None:
    assert instance_name("sqlite:///a.db") != instance_name("sqlite:///b.db")


def listening(name: str) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(name)
    connected = socket.waitForConnected(200)
    socket.abort()
    return connected


def test_pos_started_twice_on_one_database_leaves_one_till_running(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'till.db'}"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "data")}
    first = subprocess.Popen(
        [*POS, "--db", url, "--lang", "en"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not listening(instance_name(url)):
            assert first.poll() is None, "the first till exited"
            assert time.monotonic() < deadline, "the first till never started listening"
            time.sleep(0.1)
        second = subprocess.run(
            [*POS, "--db", url], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
        )
        assert second.returncode == 0, second.stderr
        assert "already open on this database" in second.stdout
        assert first.poll() is None  # the first one is still the till
        assert (tmp_path / "data" / "membership-till" / "logs" / "pos.log").exists()
    finally:
        first.terminate()
        first.wait(timeout=30)
