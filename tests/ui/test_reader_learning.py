"""Keyboard readers through the real key path: payloads intact, learning in Settings.

Keys are QTest key events sent to a focused widget, so they pass the application's
event filters exactly as a reader's keys do. The detector's clock is the test's
(``Ticks``): QTest delivers keys at once, and no test measures real time.
"""

from __future__ import annotations

import string
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from app.card_readers.learning import LearnedReader
from app.devices import DeviceUrlError
from app.domain.card_formats import DigitsAre, ReadFormat
from app.domain.card_reads import CardRead, ReadKind, decode_read
from hardware.readers.factory import open_card_reader
from hardware.readers.wedge import WedgeCardReader
from hardware.urls import ReaderKind, ReaderSpec, parse_reader_url, wedge_url
from tests.conftest import examples
from ui.reader_learning import ReaderLearningDialog
from ui.reader_settings import ReaderSettings
from ui.wedge_filter import install_wedge_filter
from ui.widgets import Standard

TRACK1 = "%B8800000000000001^CHEN/JING^2712101?"
CARDS = [
    TRACK1,
    TRACK1 + ";8800000000000001=2712101?",
    ";8800000000000001=2712?",
    "04A1B2C3D4E5F6",
    "0000BC614E",
    "0012345678",
    "188,24910",
    "https://club.example.com/m/M0000007?x=%25;1",
    "member:M0000007",
]
TYPABLE = string.ascii_letters + string.digits + "%;?^=/:.,+-_#@!~[]* "


class Ticks:
    def __init__(self, step_ms: float = 0.0) -> None:
        self.now, self.step = 100.0, step_ms / 1000

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def focused(qtbot: QtBot, widget: QWidget) -> QWidget:
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()

    def inside() -> bool:
        focus = QApplication.focusWidget()
        return focus is widget or (focus is not None and widget.isAncestorOf(focus))

    qtbot.waitUntil(inside)
    focus = QApplication.focusWidget()
    assert focus is not None
    return focus


def type_keys(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text`` as a keyboard reader does: Enter and Tab as their keys."""
    for char in text:
        if char == "\r":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        elif char == "\t":
            qtbot.keyClick(widget, Qt.Key.Key_Tab)
        else:
            qtbot.keyClicks(widget, char)


def wedge_reader(url: str, *, strict: bool = True) -> WedgeCardReader:
    """The reader ``url`` names, on the test's clock (QTest sends keys at once)."""
    spec = parse_reader_url(url, strict=strict)
    return WedgeCardReader(spec.prefix, spec.suffix, spec.gap_ms, spec.min_length, clock=Ticks())


@pytest.fixture
def search_box(qtbot: QtBot) -> Iterator[QLineEdit]:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    focused(qtbot, edit)
    yield edit


prefixes = st.one_of(
    st.just(""),
    st.text(TYPABLE, min_size=1, max_size=4).filter(lambda p: p[0] not in "%;"),
)
suffixes = st.tuples(st.text(TYPABLE, max_size=2), st.sampled_from(["\r", "\t", "\t\r"])).map(
    "".join
)
payloads = st.one_of(st.sampled_from(CARDS), st.text(TYPABLE, min_size=6, max_size=30))


@settings(max_examples=examples(60), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=prefixes, suffix=suffixes, payload=payloads)
def test_a_wedge_read_reaches_the_reader_intact_whatever_it_starts_with(
    qtbot: QtBot, search_box: QLineEdit, prefix: str, suffix: str, payload: str
) -> None:
    reader = wedge_reader(wedge_url(ReaderSpec(ReaderKind.WEDGE, prefix=prefix, suffix=suffix)))
    reads: list[str] = []
    reader.start(reads.append)
    wedge = install_wedge_filter(QApplication.instance(), reader)  # type: ignore[arg-type]
    try:
        search_box.clear()
        type_keys(qtbot, search_box, prefix + payload + suffix)
        assert reads == [payload]
        assert search_box.text() == ""
    finally:
        wedge.remove()
        wedge.deleteLater()
        reader.stop()


def test_the_readme_s_old_example_is_refused_and_a_till_that_stored_it_reads_track_one(
    qtbot: QtBot, search_box: QLineEdit
) -> None:
    readme = "wedge://?prefix=%25&suffix=%0D&gap_ms=50"
    with pytest.raises(DeviceUrlError, match="prefix must not start with '%'"):
        parse_reader_url(readme)  # what Settings checks before saving
    stored = open_card_reader(readme)  # a till that saved it before still opens
    assert isinstance(stored, WedgeCardReader) and stored.detector.prefix == ""
    reader = wedge_reader(readme, strict=False)
    reads: list[str] = []
    reader.start(reads.append)
    wedge = install_wedge_filter(QApplication.instance(), reader)  # type: ignore[arg-type]
    try:
        for swipe in (TRACK1, ";8800000000000001=2712?", "04A1B2C3"):
            type_keys(qtbot, search_box, swipe + "\r")
        assert reads == [TRACK1, ";8800000000000001=2712?", "04A1B2C3"]
        assert search_box.text() == ""
    finally:
        wedge.remove()
        wedge.deleteLater()


def learn_in_dialog(qtbot: QtBot, dialog: ReaderLearningDialog, reads: list[str]) -> None:
    focus = focused(qtbot, dialog)
    for count, raw in enumerate(reads, start=1):
        with qtbot.waitSignal(dialog.read_heard, check_params_cb=lambda n, c=count: n == c):
            type_keys(qtbot, focus, raw)


def test_learning_hears_the_reader_before_a_misconfigured_wedge_filter_and_fixes_it(
    qtbot: QtBot, search_box: QLineEdit
) -> None:
    """A reader that adds ``#`` before and Tab after each card; the till was set up with
    a prefix it does not send, so nothing it reads would reach the reader."""
    wrong = WedgeCardReader(prefix="!", suffix="\r", clock=Ticks())
    swallowed: list[str] = []
    wrong.start(swallowed.append)
    wedge = install_wedge_filter(QApplication.instance(), wrong)  # type: ignore[arg-type]
    dialog = ReaderLearningDialog(ReadFormat(DigitsAre.EM4100), clock=Ticks(step_ms=6))
    qtbot.addWidget(dialog)
    try:
        learn_in_dialog(qtbot, dialog, ["#0012345678\t", "#0012345678\t"])
    finally:
        wedge.remove()
        wedge.deleteLater()
    assert dialog.learned == LearnedReader("#", "\t", 50, 6)
    assert swallowed == []
    assert "Tab" in dialog.outcome.text()

    url = dialog.learned.url(ReadFormat(DigitsAre.EM4100))
    reader = wedge_reader(url)
    reads: list[str] = []
    reader.start(reads.append)
    wedge = install_wedge_filter(QApplication.instance(), reader)  # type: ignore[arg-type]
    try:
        search_box.activateWindow()
        search_box.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is search_box)
        type_keys(qtbot, search_box, "#0012345678\t")
    finally:
        wedge.remove()
        wedge.deleteLater()
    assert reads == ["0012345678"]
    assert decode_read(reads[0], ReadFormat(DigitsAre.EM4100)) == CardRead(
        ReadKind.EM4100, "0012345678"
    )


def test_two_reads_that_disagree_are_heard_again(qtbot: QtBot) -> None:
    dialog = ReaderLearningDialog(ReadFormat(), clock=Ticks(step_ms=5))
    qtbot.addWidget(dialog)
    focus = focused(qtbot, dialog)
    heard: list[int] = []
    dialog.read_heard.connect(heard.append)
    for raw in ("#04A1B2C3\r", "04A1B2C3\r"):
        with qtbot.waitSignal(dialog.read_heard):
            type_keys(qtbot, focus, raw)
    assert heard == [1, 0]  # the second read disagreed: both are heard again
    assert dialog.learned is None and dialog.error.text()
    assert not dialog.buttons.button(Standard.Ok).isEnabled()
    for raw in ("04A1B2C3\r", "04A1B2C3\r"):
        with qtbot.waitSignal(dialog.read_heard):
            type_keys(qtbot, focus, raw)
    assert dialog.learned == LearnedReader("", "\r", 50, 6)
    assert dialog.buttons.button(Standard.Ok).isEnabled()


def test_the_format_lists_show_and_edit_the_reader_url(qtbot: QtBot) -> None:
    picker = ReaderSettings("serial:///dev/ttyUSB0?baudrate=19200&uid_order=reversed")
    qtbot.addWidget(picker)
    assert picker.order_combo.currentData().value == "reversed"
    picker.digits_combo.setCurrentIndex(picker.digits_combo.findData(DigitsAre.EM4100))
    picker.digits_combo.activated.emit(picker.digits_combo.currentIndex())
    assert picker.url() == "serial:///dev/ttyUSB0?baudrate=19200&digits=em4100&uid_order=reversed"
    picker.url_edit.clear()
    qtbot.keyClicks(picker.url_edit, "wedge://?digits=uid")
    assert picker.digits_combo.currentData() is DigitsAre.UID
    assert picker.order_combo.currentData().value == "sent"
