"""Every word a person reads comes from the translation catalogue or from the data: a walk
through the sign-in, the cashier window in its main states and its dialogs, the settings,
the manager's workspace tabs and a member's story, in Chinese."""

from __future__ import annotations

import re
import sqlite3
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.conftest import click, on_next_modal, open_cashier, pay_exact_cash, settle
from tests.ui.test_member_story import double_click
from ui.app import TillApp
from ui.manager.member_story_tab import MemberStoryTab

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

TS_FILE = Path(__file__).resolve().parents[2] / "resources" / "translations" / "till_zh_CN.ts"
WORD = re.compile(r"[A-Za-z][A-Za-z_]*[A-Za-z]")
PLACEHOLDER = re.compile(r"%\d")
# Names printed on keys and devices, and codes that read the same in every language.
SAME_IN_EVERY_LANGUAGE = {
    *("Del", "Esc", "Enter", "Tab", "Shift", "PIN", "VIP", "SMS", "URL", "PDF", "CSV"),
    *("KPI", "KPIs", "RFM", "ESC", "POS", "USB", "TCP", "NFC", "QR", "ID", "WeChat"),
    *("sim", "escpos", "tcp", "file", "serial", "wedge", "pdf", "usb", "baudrate", "dev"),
    *("tty", "ttyUSB", "ttyACM", "lp", "TRAINING", "AM", "PM", "CNY", "EUR", "USD", "HKD"),
    "English",  # the language list names each language in itself
}
# Columns whose values people typed or the restaurant set up: names, notes, dishes.
DATA_COLUMNS = {
    "members": ("name", "preferences", "allergies", "notes"),
    "staff": ("display_name", "username"),
    "menu_items": ("name_zh", "allergen_note"),
    "menu_categories": ("name_zh",),
    "tiers": ("code", "name_zh", "birthday_benefit_zh"),
    "offers": ("code",),
    "renewal_offers": ("code",),
    "settings": ("value",),
    "public_holidays": ("name",),
    "saved_filters": ("name",),
    "stores": ("name", "address", "region"),
}


@dataclass
class Catalogue:
    exact: set[str] = field(default_factory=set)
    templates: list[re.Pattern[str]] = field(default_factory=list)

    @classmethod
    def load(cls) -> Catalogue:
        catalogue = cls()
        for message in ET.parse(TS_FILE).iter("message"):
            translation = "".join(message.find("translation").itertext())  # type: ignore[union-attr]
            for text in {translation, without_mnemonic(translation)}:
                catalogue.exact.add(text)
                if PLACEHOLDER.search(text):
                    parts = PLACEHOLDER.split(text)
                    pattern = "(.*)".join(re.escape(part) for part in parts)
                    catalogue.templates.append(re.compile(pattern, re.DOTALL))
        return catalogue

    def unexplained_words(self, text: str, data_words: set[str]) -> list[str]:
        """Latin words in ``text`` that no translation and no data explain."""
        if text in self.exact:
            return []
        for template in self.templates:
            match = template.fullmatch(text)
            if match is not None:
                text = " ".join(group for group in match.groups() if group)
                break
        return [
            word
            for word in WORD.findall(text)
            if word not in SAME_IN_EVERY_LANGUAGE and word not in data_words
        ]


def without_mnemonic(text: str) -> str:
    return re.sub(r"&(.)", r"\1", text)


def data_words(database: Path) -> set[str]:
    words: set[str] = set()
    with sqlite3.connect(database) as connection:
        for table, columns in DATA_COLUMNS.items():
            for column in columns:
                for (value,) in connection.execute(f"SELECT {column} FROM {table}"):
                    words.update(WORD.findall(str(value or "")))
    return words


def texts_of(root: QWidget) -> Iterator[tuple[str, str, bool]]:
    """(widget, text, has mnemonics) for what a person can see in ``root`` now."""
    yield "title", root.windowTitle(), False
    for widget in [root, *root.findChildren(QWidget)]:
        # A table's header shows the model's header data, read with the table. The pole
        # display speaks to the guest in the receipt's language, a setting of its own.
        if not widget.isVisible() or isinstance(widget, QHeaderView):
            continue
        if widget.objectName() == "customerDisplay":
            continue
        name = widget.objectName() or type(widget).__name__
        if isinstance(widget, QLabel):
            yield name, re.sub(r"<[^>]+>", "", widget.text()), bool(widget.buddy())
        elif isinstance(widget, QAbstractButton):
            yield name, widget.text(), True
            yield name, widget.toolTip(), False
        elif isinstance(widget, QGroupBox):
            yield name, widget.title(), True
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                yield name, widget.tabText(index), True
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                yield name, widget.itemText(index), False
        elif isinstance(widget, QLineEdit):
            yield name, widget.placeholderText(), False
        elif isinstance(widget, QListWidget):
            for row in range(widget.count()):
                yield name, widget.item(row).text(), False
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model, root_index = widget.model(), widget.rootIndex()
            for column in range(model.columnCount(root_index)):
                yield name, str(model.headerData(column, Qt.Orientation.Horizontal) or ""), False
                for row in range(min(model.rowCount(root_index), 30)):
                    yield name, str(model.data(model.index(row, column)) or ""), False
    for action in root.findChildren(QAction):
        if action.isVisible():
            yield "action", action.text(), True


CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")


def data_cjk(database: Path) -> set[str]:
    runs: set[str] = set()
    with sqlite3.connect(database) as connection:
        for table, columns in DATA_COLUMNS.items():
            for column in columns:
                for (value,) in connection.execute(f"SELECT {column} FROM {table}"):
                    runs.update(CJK.findall(str(value or "")))
    return runs


@dataclass
class Walk:
    unexplained: Callable[[str], list[str]]
    findings: list[str] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)

    def look(self, where: str, root: QWidget) -> None:
        """Note every untranslated text in ``root``, then in each page of its tab widgets."""
        QApplication.processEvents()
        self.visited.append(where)
        for name, raw, mnemonics in texts_of(root):
            if mnemonics and re.search(r"(?<!&)&(?!&)(\s|$)", raw):
                self.findings.append(f"{where} / {name}: mnemonic eats a character: {raw!r}")
            text = without_mnemonic(raw) if mnemonics else raw
            words = self.unexplained(text.strip())
            if words:
                self.findings.append(f"{where} / {name}: {text!r} ({', '.join(words)})")
        for tabs in root.findChildren(QTabWidget):
            if not tabs.isVisible():
                continue
            shown = tabs.currentIndex()
            for index in range(tabs.count()):
                if index != shown:
                    tabs.setCurrentIndex(index)
                    QApplication.processEvents()
                    self.look(f"{where} › {tabs.tabText(index)}", tabs.widget(index))
            tabs.setCurrentIndex(shown)


def look_at_dialog(walk: Walk, qtbot: QtBot, window: QWidget, button: str) -> None:
    def look(dialog: QWidget) -> None:
        walk.look(button, dialog)
        dialog.close()

    on_next_modal(look)
    click(qtbot, window, button)


EVERY_PLACE = {
    *("sign-in", "till, empty", "till, candidates", "till, member on the order", "key map"),
    *("settingsButton", "dineInButton", "printJobsButton", "refundButton", "enrolButton"),
    *("loyaltyRulesButton", "payCashButton", "payCardButton", "payStoredValueButton"),
    *("whyPriceButton", "topUpButton", "adjustButton", "guestNoteButton", "mergeButton"),
    *("manualDiscountButton", "issueCardButton", "myBadgeButton", "workspace"),
    "member story",
}


def walk_the_till(qtbot: QtBot, till_app: TillApp, walk: Walk) -> None:
    """The sign-in, the till empty, with candidates and with a member, its dialogs, the
    settings, the manager's workspace tabs and a member's story."""
    login = till_app.login
    assert login is not None
    walk.look("sign-in", login)
    login.findChild(QComboBox, "staffCombo").setCurrentIndex(1)  # 李经理, a manager
    window = open_cashier(qtbot, till_app, pin="9999")
    qtbot.waitExposed(window)
    walk.look("till, empty", window)
    look_at_dialog(walk, qtbot, window, "settingsButton")
    look_at_dialog(walk, qtbot, window, "dineInButton")
    look_at_dialog(walk, qtbot, window, "printJobsButton")
    look_at_dialog(walk, qtbot, window, "refundButton")
    look_at_dialog(walk, qtbot, window, "enrolButton")
    look_at_dialog(walk, qtbot, window, "loyaltyRulesButton")

    def look_at_key_map(dialog: QWidget) -> None:
        walk.look("key map", dialog)
        dialog.close()

    on_next_modal(look_at_key_map)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_F1)

    click(qtbot, window, "item_HOT-01")
    search = window.findChild(QLineEdit, "memberSearch")
    qtbot.keyClicks(search, "8000")  # the last four digits: several members
    settle(search)
    walk.look("till, candidates", window)
    search.clear()
    qtbot.keyClicks(search, "13800138000")
    settle(search)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    settle(search)
    walk.look("till, member on the order", window)
    for button in (
        "payCashButton",
        "payCardButton",
        "payStoredValueButton",
        "whyPriceButton",
        "topUpButton",
        "adjustButton",
        "guestNoteButton",
        "manualDiscountButton",
        "issueCardButton",
        "mergeButton",
        "myBadgeButton",
    ):
        look_at_dialog(walk, qtbot, window, button)
    pay_exact_cash(qtbot, window)  # the member's ledgers get an entry of each kind of order

    click(qtbot, window, "workspaceButton")
    settle(window)  # the workspace opens once its first read is back
    workspace = window.findChild(QMainWindow, "managerWorkspace")
    assert workspace is not None
    walk.look("workspace", workspace)
    tabs = workspace.findChild(QTabWidget, "workspaceTabs")
    tabs.setCurrentIndex(0)
    members = workspace.members
    qtbot.waitUntil(lambda: members.model.rowCount() > 0 and not members.model.loading)
    table = members.table
    double_click(table.viewport(), table.visualRect(members.model.index(0, 1)).center())
    story = workspace.findChild(MemberStoryTab, "memberStoryTab")
    qtbot.waitUntil(lambda: story is not None and story.story is not None, timeout=10_000)
    walk.look("member story", story)


def test_every_text_in_chinese_comes_from_the_catalogue_or_the_data(
    qtbot: QtBot, make_app: Callable[[str], TillApp], tmp_path: Path
) -> None:
    till_app = make_app("zh")
    catalogue, data = Catalogue.load(), data_words(tmp_path / "till.db")
    walk = Walk(lambda text: catalogue.unexplained_words(text, data))
    walk_the_till(qtbot, till_app, walk)
    assert set(walk.visited) >= EVERY_PLACE, EVERY_PLACE - set(walk.visited)
    assert walk.findings == [], "\n".join(walk.findings)


def test_no_chinese_shows_in_english_but_the_data_and_mnemonics_keep_their_text(
    qtbot: QtBot, make_app: Callable[[str], TillApp], tmp_path: Path
) -> None:
    till_app = make_app("en")
    data = data_cjk(tmp_path / "till.db")
    # Chinese by design: the language list names each language in itself, and a discount
    # is named both ways ("10% off · 9折"), as a Chinese restaurant's guests read it.
    allowed = data | {"简体中文", "折"}
    walk = Walk(lambda text: [run for run in CJK.findall(text) if run not in allowed])
    walk_the_till(qtbot, till_app, walk)
    assert set(walk.visited) >= EVERY_PLACE, EVERY_PLACE - set(walk.visited)
    assert walk.findings == [], "\n".join(walk.findings)


def test_a_trainee_is_marked_in_the_interface_language(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    login = make_app("en").login
    assert login is not None
    names = [login.staff_combo.itemText(i) for i in range(login.staff_combo.count())]
    assert "赵敏 (trainee)" in names
    assert not any("实习" in name for name in names)


def test_every_catalogue_entry_has_the_context_the_screens_look_it_up_in() -> None:
    # An empty context is a string lupdate could not place (a helper called tr() outside
    # a class): the screens look it up under their own context and show it in English.
    contexts = [context.findtext("name") for context in ET.parse(TS_FILE).iter("context")]
    assert "" not in contexts
