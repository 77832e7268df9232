"""Every way to identify a member, driven through the real cashier window."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.config import TillSettings, save_till_settings
from app.ports import SimulatesSwipes
from tests.ui.conftest import click, on_next_modal, open_cashier, save_screenshot, settle
from ui.app import TillApp
from ui.cashier.window import CashierWindow


def text_of(window: QWidget, name: str) -> str:
    widget = window.findChild(QLabel, name)
    assert widget is not None, name
    return widget.text()


def search_edit(window: CashierWindow) -> QLineEdit:
    edit = window.findChild(QLineEdit, "memberSearch")
    assert edit is not None
    return edit


def type_text(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Keys for Latin text; Chinese arrives as a Chinese input method commits it."""
    if text.isascii():
        qtbot.keyClicks(edit, text)
        settle(edit)
        return
    edit.setFocus()
    commit = QInputMethodEvent()
    commit.setCommitString(text)
    QApplication.sendEvent(edit, commit)
    settle(edit)


def result_lines(window: QWidget) -> list[str]:
    results = window.findChild(QListWidget, "memberResults")
    assert results is not None
    if not results.isVisible():
        return []
    return [results.item(row).text() for row in range(results.count())]


def member_name(window: CashierWindow) -> str:
    return text_of(window, "memberName")


@pytest.fixture
def window(qtbot: QtBot, make_app: Callable[[str], TillApp]) -> CashierWindow:
    cashier = open_cashier(qtbot, make_app("zh"))
    qtbot.waitExposed(cashier)
    return cashier


def test_last_four_digits_list_the_matches_and_arrows_pick_one(
    qtbot: QtBot, window: CashierWindow
) -> None:
    edit = search_edit(window)
    qtbot.keyClicks(edit, "8000")
    settle(edit)
    lines = result_lines(window)
    assert len(lines) >= 3
    assert any("张伟" in line and "138****8000" in line and "金卡会员" in line for line in lines)
    assert "8000" in text_of(window, "memberSearchHint")
    save_screenshot(window, "member-last-four-zh")
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # several matches, none picked: nothing chosen
    settle(edit)
    assert member_name(window) == "非会员"
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    second = lines[1].split()[0]
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    settle(edit)
    assert member_name(window) == second
    assert result_lines(window) == [] and edit.text() == ""


def test_a_tap_on_a_result_chooses_that_member(qtbot: QtBot, window: CashierWindow) -> None:
    qtbot.keyClicks(search_edit(window), "8000")
    settle(search_edit(window))
    results = window.findChild(QListWidget, "memberResults")
    assert results is not None
    row = next(r for r in range(results.count()) if "曾小贤" in results.item(r).text())
    rect = results.visualItemRect(results.item(row))
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    settle(results.viewport())
    assert member_name(window) == "曾小贤"
    assert "20,000" not in text_of(window, "memberStoredValue")  # ¥200.00, not fen
    assert text_of(window, "memberStoredValue") == "¥200.00"


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("+86 139-1234-5678", "Emily Chen"),
        ("139‐1234‑5678", "Emily Chen"),
        ("m0000003", "李娜"),
        ("M-0000003", "李娜"),
        ("8800000000000001", "张伟"),
    ],
)
def test_a_whole_phone_member_number_or_card_then_enter(
    qtbot: QtBot, window: CashierWindow, typed: str, name: str
) -> None:
    edit = search_edit(window)
    type_text(qtbot, edit, typed)
    assert any(name in line for line in result_lines(window))
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    settle(edit)
    assert member_name(window) == name


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("sxx", "单雄信"),  # pinyin initials, surname read Shàn
        ("shanxiongxin", "单雄信"),
        ("单雄", "单雄信"),
        ("Emily C", "Emily Chen"),
        ("1391234567", "Emily Chen"),  # her phone with the last digit missing
    ],
)
def test_a_name_or_part_of_a_phone_waits_for_the_pick_then_enter(
    qtbot: QtBot, window: CashierWindow, typed: str, name: str
) -> None:
    edit = search_edit(window)
    type_text(qtbot, edit, typed)
    assert any(name in line for line in result_lines(window))
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    settle(edit)
    assert member_name(window) != name  # Enter alone never guesses
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    settle(edit)
    assert member_name(window) == name


def test_expired_member_is_found_and_shown_as_expired(qtbot: QtBot, window: CashierWindow) -> None:
    type_text(qtbot, search_edit(window), "李娜")
    assert any("李娜" in line and "已过期" in line for line in result_lines(window))
    qtbot.keyClick(search_edit(window), Qt.Key.Key_Down)
    qtbot.keyClick(search_edit(window), Qt.Key.Key_Return)
    settle(search_edit(window))
    assert "过期" in text_of(window, "memberExpiry")


def swipe(window: CashierWindow, data: str) -> None:
    reader = window.card_reader
    assert isinstance(reader, SimulatesSwipes)
    reader.simulate_swipe(data)
    settle(window)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (";8800000000000001=2712101?\r\n", "张伟"),  # magnetic track 2
        ("%B8800000000000002^CHEN/EMILY^2712?;8800000000000002=2712?", "Emily Chen"),
        ("member:M0000004", "单雄信"),  # QR code on the guest's phone
    ],
)
def test_reader_swipes_and_scans_identify_the_member(
    qtbot: QtBot, window: CashierWindow, data: str, name: str
) -> None:
    swipe(window, data)
    qtbot.waitUntil(lambda: member_name(window) == name)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (";8899000000000002=2712?", "已挂失"),  # Emily's lost card
        (";880000000", "未读到卡"),  # half a swipe
        ("\x00\xff\x13", "未读到卡"),
    ],
)
def test_bad_reads_say_what_to_do_and_identify_nobody(
    qtbot: QtBot, window: CashierWindow, data: str, message: str
) -> None:
    swipe(window, data)
    qtbot.waitUntil(lambda: message in text_of(window, "memberMessage"))
    assert member_name(window) == "非会员"


def test_enrol_a_new_member_with_a_swiped_card(qtbot: QtBot, window: CashierWindow) -> None:
    edit = search_edit(window)
    qtbot.keyClicks(edit, "137 0000 1234")
    settle(edit)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    settle(edit)
    assert "未找到会员" in text_of(window, "memberMessage")

    def fill(dialog: QWidget) -> None:
        phone = dialog.findChild(QLineEdit, "enrolPhoneEdit")
        assert phone is not None and phone.text() == "137 0000 1234"  # carried over
        name = dialog.findChild(QLineEdit, "enrolNameEdit")
        assert name is not None
        type_text(qtbot, name, "覃美玲")
        swipe(window, ";8812345600001111=2812?")  # the reader, while the dialog is open
        qtbot.waitUntil(lambda: dialog.findChild(QLineEdit, "enrolCardEdit").text() != "")
        save_screenshot(dialog, "enrol-dialog-zh")
        click(qtbot, dialog, "enrolConfirmButton")
        settle(dialog)

    on_next_modal(fill)
    click(qtbot, window, "enrolButton")
    settle(window)  # the member is read again off the GUI thread
    qtbot.waitUntil(lambda: member_name(window) == "覃美玲")
    assert "覃美玲" in text_of(window, "memberMessage")
    click(qtbot, window, "clearMemberButton")
    qtbot.keyClicks(edit, "qml")  # 覃 read as a surname: Qín
    settle(edit)
    assert any("覃美玲" in line for line in result_lines(window))
    edit.clear()
    swipe(window, ";8812345600001111=2812?")
    qtbot.waitUntil(lambda: member_name(window) == "覃美玲")


def test_enrolling_an_existing_phone_names_the_member(qtbot: QtBot, window: CashierWindow) -> None:
    def fill(dialog: QWidget) -> None:
        phone = dialog.findChild(QLineEdit, "enrolPhoneEdit")
        name = dialog.findChild(QLineEdit, "enrolNameEdit")
        assert phone is not None and name is not None
        qtbot.keyClicks(phone, "13800138000")
        settle(phone)
        type_text(qtbot, name, "张伟")
        click(qtbot, dialog, "enrolConfirmButton")
        settle(dialog)
        error = dialog.findChild(QLabel, "enrolError")
        assert error is not None and "M0000001" in error.text() and dialog.isVisible()

    on_next_modal(fill)
    click(qtbot, window, "enrolButton")
    settle(window)  # the member is read again off the GUI thread
    assert member_name(window) == "非会员"


def test_manager_merges_a_duplicate_into_the_member(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("zh")
    assert till_app.login is not None
    staff_combo = till_app.login.findChild(QComboBox, "staffCombo")
    assert staff_combo is not None
    staff_combo.setCurrentIndex(1)  # 李经理, a manager
    window = open_cashier(qtbot, till_app, pin="9999")
    edit = search_edit(window)
    qtbot.keyClicks(edit, "M0000001")
    settle(edit)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    settle(edit)
    assert member_name(window) == "张伟"

    def merge(dialog: QWidget) -> None:
        box = dialog.findChild(QLineEdit, "memberSearch")
        reason = dialog.findChild(QLineEdit, "mergeReasonEdit")
        assert box is not None and reason is not None
        qtbot.keyClicks(box, "zxx")
        settle(box)
        qtbot.keyClick(box, Qt.Key.Key_Return)  # a name: Enter waits for the pick
        settle(box)
        assert "M0000005" not in text_of(dialog, "mergeAbsorbedLabel")
        qtbot.keyClick(box, Qt.Key.Key_Down)
        qtbot.keyClick(box, Qt.Key.Key_Return)
        settle(box)
        assert "M0000005" in text_of(dialog, "mergeAbsorbedLabel")
        assert text_of(dialog, "mergeError") == ""  # Enter chose; it did not press Merge
        type_text(qtbot, reason, "同一客人两个手机号")
        same_guest = dialog.findChild(QCheckBox, "mergeSameGuest")
        assert same_guest is not None
        same_guest.click()
        save_screenshot(dialog, "merge-dialog-zh")
        click(qtbot, dialog, "mergeConfirmButton")

    on_next_modal(merge)
    click(qtbot, window, "mergeButton")
    settle(window)  # the survivor is read again off the GUI thread
    assert text_of(window, "memberStoredValue") == "¥700.00"  # ¥500 + ¥200
    assert "M0000001" in text_of(window, "memberMessage")


def test_wedge_reader_swipe_never_lands_in_the_search_field(
    qtbot: QtBot, make_app: Callable[[str], TillApp], tmp_path: Path
) -> None:
    save_till_settings(tmp_path / "settings.json", TillSettings(card_reader_url="wedge://"))
    window = open_cashier(qtbot, make_app("zh"))
    qtbot.waitExposed(window)
    edit = search_edit(window)
    edit.setFocus()
    QApplication.processEvents()
    typed: list[str] = []
    edit.textChanged.connect(typed.append)
    qtbot.keyClicks(edit, "8800000000000002")  # a reader types fast and ends with Enter
    settle(edit)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    settle(edit)
    qtbot.waitUntil(lambda: member_name(window) == "Emily Chen")
    assert typed == []  # not one character reached the field
    assert "读卡器" in text_of(window, "readerState")


def test_serial_reader_swipe_reaches_the_window_and_its_state_shows(
    qtbot: QtBot, make_app: Callable[[str], TillApp], tmp_path: Path
) -> None:
    master, slave = os.openpty()
    try:
        url = f"serial://{os.ttyname(slave)}?baudrate=9600"
        save_till_settings(tmp_path / "settings.json", TillSettings(card_reader_url=url))
        window = open_cashier(qtbot, make_app("zh"))
        qtbot.waitUntil(lambda: text_of(window, "readerState") == "读卡器 ●", timeout=5000)
        os.write(master, b";8800000000000004=2712101?\r\n")  # the reader's own thread reads it
        qtbot.waitUntil(lambda: member_name(window) == "单雄信", timeout=5000)
    finally:
        os.close(master)
        os.close(slave)


def test_lost_card_replaced_by_an_nfc_card_that_then_identifies_the_member(
    qtbot: QtBot, window: CashierWindow
) -> None:
    edit = search_edit(window)
    qtbot.keyClicks(edit, "13912345678")
    settle(edit)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    settle(edit)
    assert member_name(window) == "Emily Chen"

    def issue(dialog: QWidget) -> None:
        swipe(window, "04:A2:3B:1C:5D:80:00\r\n")  # the NFC reader sends the card's UID
        card = dialog.findChild(QLineEdit, "issueCardEdit")
        qtbot.waitUntil(lambda: card is not None and card.text() == "UID:04A23B1C5D8000")
        click(qtbot, dialog, "confirmIssueCardButton")

    on_next_modal(issue)
    click(qtbot, window, "issueCardButton")
    assert "8000" in text_of(window, "memberMessage")  # "new card …8000 issued"
    click(qtbot, window, "clearMemberButton")
    swipe(window, ";8800000000000002=2712?")  # the old card is blocked now
    qtbot.waitUntil(lambda: "已挂失" in text_of(window, "memberMessage"))
    swipe(window, "04a23b1c5d8000")
    qtbot.waitUntil(lambda: member_name(window) == "Emily Chen")
