"""The wedge filter: card reads come out of the key presses, a person's typing goes through."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from hardware.readers.wedge import WedgeCardReader
from ui.wedge_filter import WedgeFilter, install_wedge_filter

SWIPE = ";8800000000000001=2512?"


class Ticks:
    """The detector's clock, in seconds; QTest delivers keys at once, so the test says when."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def advance_ms(self, ms: float) -> None:
        self.now += ms / 1000


@pytest.fixture
def ticks() -> Ticks:
    return Ticks()


@pytest.fixture
def reads() -> list[str]:
    return []


@pytest.fixture
def reader(ticks: Ticks, reads: list[str]) -> Iterator[WedgeCardReader]:
    reader = WedgeCardReader(clock=ticks)
    reader.start(reads.append)
    yield reader
    reader.stop()


@pytest.fixture
def wedge(qapp: QApplication, reader: WedgeCardReader) -> Iterator[WedgeFilter]:
    wedge_filter = install_wedge_filter(qapp, reader)
    yield wedge_filter
    wedge_filter.remove()
    wedge_filter.deleteLater()  # a child of the QApplication: it would outlive the test


@pytest.fixture
def search_box(qtbot: QtBot, wedge: WedgeFilter) -> QLineEdit:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    edit.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
    return edit


def type_slowly(qtbot: QtBot, ticks: Ticks, widget: QLineEdit, text: str) -> None:
    for char in text:
        ticks.advance_ms(200)
        qtbot.keyClick(widget, char)


def test_a_swipe_is_one_read_and_never_reaches_the_search_box(
    qtbot: QtBot, search_box: QLineEdit, reads: list[str]
) -> None:
    with qtbot.assertNotEmitted(search_box.returnPressed, wait=100):
        qtbot.keyClicks(search_box, SWIPE)
        qtbot.keyClick(search_box, Qt.Key.Key_Return)
    assert reads == [SWIPE]
    assert search_box.text() == ""


def test_slow_typing_reaches_the_search_box_unchanged(
    qtbot: QtBot, search_box: QLineEdit, ticks: Ticks, reads: list[str]
) -> None:
    type_slowly(qtbot, ticks, search_box, "Wang 138")
    ticks.advance_ms(200)
    qtbot.waitUntil(lambda: search_box.text() == "Wang 138")
    with qtbot.waitSignal(search_box.returnPressed):
        type_slowly(qtbot, ticks, search_box, "\r")
    assert reads == []


def test_fast_but_short_typing_with_enter_is_a_person(
    qtbot: QtBot, search_box: QLineEdit, reads: list[str]
) -> None:
    with qtbot.waitSignal(search_box.returnPressed):
        qtbot.keyClicks(search_box, "A12")
        qtbot.keyClick(search_box, Qt.Key.Key_Return)
    assert search_box.text() == "A12"
    assert reads == []


def test_a_burst_that_stops_without_enter_is_typing_after_all(
    qtbot: QtBot, search_box: QLineEdit, ticks: Ticks, reads: list[str]
) -> None:
    qtbot.keyClicks(search_box, "13800138000")
    qtbot.wait(100)
    assert search_box.text() == ""  # held: the detector's clock has not moved on
    ticks.advance_ms(60)
    qtbot.waitUntil(lambda: search_box.text() == "13800138000")
    assert reads == []


def test_shift_inside_a_burst_does_not_break_it(
    qtbot: QtBot, search_box: QLineEdit, reads: list[str]
) -> None:
    qtbot.keyClicks(search_box, "%B88000")
    qtbot.keyClick(search_box, Qt.Key.Key_Shift)
    qtbot.keyClicks(search_box, "^DOE/JANE^2512?")
    qtbot.keyClick(search_box, Qt.Key.Key_Return)
    assert reads == ["%B88000^DOE/JANE^2512?"]
    assert search_box.text() == ""


def test_other_keys_wait_behind_held_ones_so_nothing_is_reordered(
    qtbot: QtBot, search_box: QLineEdit, reads: list[str]
) -> None:
    qtbot.keyClicks(search_box, "abc")
    qtbot.keyClick(search_box, Qt.Key.Key_Left)
    qtbot.keyClicks(search_box, "X")
    qtbot.keyClick(search_box, Qt.Key.Key_Backspace)
    qtbot.keyClick(search_box, Qt.Key.Key_Home)
    qtbot.keyClick(search_box, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: search_box.text() == "bc")
    assert reads == []


def test_ctrl_shortcuts_pass_straight_through(
    qtbot: QtBot, search_box: QLineEdit, ticks: Ticks
) -> None:
    type_slowly(qtbot, ticks, search_box, "Li")
    ticks.advance_ms(200)
    qtbot.waitUntil(lambda: search_box.text() == "Li")
    qtbot.keyClick(search_box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert search_box.selectedText() == "Li"  # at once: nothing was held


def test_a_chinese_input_method_commit_is_untouched(
    qtbot: QtBot, search_box: QLineEdit, reads: list[str]
) -> None:
    preedit = QInputMethodEvent("zhangsan", [])
    QApplication.sendEvent(search_box, preedit)
    commit = QInputMethodEvent()
    commit.setCommitString("张三")
    QApplication.sendEvent(search_box, commit)
    assert search_box.text() == "张三"
    assert reads == []


def test_removing_the_filter_hands_on_held_keys_and_stops_filtering(
    qtbot: QtBot, search_box: QLineEdit, wedge: WedgeFilter, reads: list[str]
) -> None:
    qtbot.keyClicks(search_box, "123")
    wedge.remove()
    qtbot.waitUntil(lambda: search_box.text() == "123")
    qtbot.keyClicks(search_box, "4567890")
    qtbot.keyClick(search_box, Qt.Key.Key_Return)
    assert search_box.text() == "1234567890"
    assert reads == []


def test_a_stopped_reader_lets_every_key_through_at_once(
    qtbot: QtBot, search_box: QLineEdit, reader: WedgeCardReader, reads: list[str]
) -> None:
    reader.stop()
    qtbot.keyClicks(search_box, SWIPE)
    assert search_box.text() == SWIPE
    assert reads == []


def test_keys_from_the_window_system_are_seen_once(
    qtbot: QtBot, search_box: QLineEdit, ticks: Ticks, reads: list[str]
) -> None:
    window = search_box.window().windowHandle()
    for char in SWIPE:  # QTest takes a character too; its stubs do not say so
        QTest.keyClick(window, char)  # type: ignore[call-overload]
    QTest.keyClick(window, Qt.Key.Key_Return)
    assert reads == [SWIPE]
    for char in "Wu":
        ticks.advance_ms(200)
        QTest.keyClick(window, char)  # type: ignore[call-overload]
    ticks.advance_ms(200)
    qtbot.waitUntil(lambda: search_box.text() == "Wu")
