"""The Members tab, driven as a floor manager would: scroll a page at a time, filter,
sort by a header, save the filter and mark two members as contacted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, insert, select
from sqlalchemy.orm import Session

from app.domain.member_filters import SortKey, Status
from db.models import ContactRow, MemberRow, SavedFilterRow, TierRow
from tests.ui.conftest import click, on_next_modal, open_cashier, save_screenshot, settle
from ui.app import TillApp
from ui.manager.member_list_model import COLUMNS
from ui.manager.member_list_tab import MemberListTab

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

ADDED = 260  # with the 40 demo members: three pages of 100


def add_members(url: str, today: date) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            tiers = list(connection.scalars(select(TierRow.id).order_by(TierRow.rank)))
            rows = [
                {
                    "member_no": f"M9{n:06d}",
                    "name": f"Guest {n}",
                    "phone": f"1770000{n:04d}",
                    "phone_last4": f"{n:04d}",
                    "tier_id": tiers[n % len(tiers)],
                    "joined_on": today - timedelta(days=400),
                    "expires_on": today + timedelta(days=(n * 7) % 500 - 200),
                    "created_at": datetime(2025, 1, 1),
                    "marketing_consent": n % 2 == 0,
                }
                for n in range(ADDED)
            ]
            connection.execute(insert(MemberRow), rows)
    finally:
        engine.dispose()


def open_members(qtbot: QtBot, till_app: TillApp) -> MemberListTab:
    assert till_app.login is not None
    till_app.login.findChild(QComboBox, "staffCombo").setCurrentIndex(1)  # 李经理, a manager
    window = open_cashier(qtbot, till_app, pin="9999")
    click(qtbot, window, "workspaceButton")
    settle(window)  # the workspace opens once its first read is back
    workspace = window.findChild(QMainWindow, "managerWorkspace")
    assert workspace is not None and workspace.isVisible()
    tab = workspace.findChild(MemberListTab, "memberListTab")
    assert tab is not None
    workspace.findChild(QTabWidget, "workspaceTabs").setCurrentWidget(tab)
    return tab


def text(tab: QWidget, name: str) -> str:
    label = tab.findChild(QLabel, name)
    assert label is not None
    return label.text()


def test_a_manager_filters_scrolls_saves_and_marks_contacted(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    url = till_app.till.config.database_url
    today = till_app.till.clock.now().date()
    add_members(url, today)
    tab = open_members(qtbot, till_app)
    model, table = tab.model, tab.table

    # opens on the first page only; scrolling fetches the next ones by keyset
    qtbot.waitUntil(lambda: model.rowCount() == 100 and not model.loading, timeout=10_000)
    qtbot.waitUntil(lambda: text(tab, "countLabel") == "300 members")
    assert model.data(model.index(0, 2)) == "138****8000"  # 张伟's phone, masked
    for shown in (200, 300):
        table.scrollToBottom()
        qtbot.waitUntil(lambda shown=shown: model.rowCount() == shown, timeout=10_000)
        qtbot.waitUntil(lambda: not model.loading)
    table.scrollToBottom()
    assert not model.canFetchMore(table.rootIndex())
    numbers = [model.row_at(row).member_no for row in range(model.rowCount())]
    assert numbers == sorted(numbers) and len(set(numbers)) == 300
    save_screenshot(tab.window(), "member-list")

    # filter: Gold and above, expiring within 90 days
    tab.findChild(QCheckBox, "tierCheck_GOLD").setChecked(True)
    tab.findChild(QCheckBox, "tierCheck_PLATINUM").setChecked(True)
    status = tab.findChild(QComboBox, "statusCombo")
    status.setCurrentIndex(status.findData(Status.EXPIRING.value))
    click(qtbot, tab, "applyFilterButton")
    qtbot.waitUntil(lambda: not model.loading and model.member_filter.status is Status.EXPIRING)
    qtbot.waitUntil(
        lambda: "members" in text(tab, "countLabel") and "…" not in text(tab, "countLabel")
    )
    rows = [model.row_at(row) for row in range(model.rowCount())]
    assert rows and all(row.tier.code in ("GOLD", "PLATINUM") for row in rows)
    assert all(
        row.expires_on is not None and today <= row.expires_on <= today + timedelta(days=90)
        for row in rows
    )
    assert text(tab, "countLabel") == f"{len(rows)} members"

    # sort by clicking the Expires header: the database sorts, not the view
    expires = next(i for i, column in enumerate(COLUMNS) if column.sort is SortKey.EXPIRES_ON)
    header = table.horizontalHeader()
    spot = QPoint(header.sectionViewportPosition(expires) + 5, header.height() // 2)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.waitUntil(lambda: model.member_filter.sort is SortKey.EXPIRES_ON and not model.loading)
    days = [model.row_at(row).expires_on or date.max for row in range(model.rowCount())]
    assert len(days) == len(rows)
    assert days == sorted(days, reverse=model.member_filter.descending)

    # save the filter under a name
    tab.ask_name = lambda _parent: "Gold and above, expiring"
    click(qtbot, tab, "saveFilterButton")
    settle(tab)  # saved off the GUI thread
    saved = tab.findChild(QComboBox, "savedFilterCombo")
    assert saved.currentText() == "Gold and above, expiring"

    # select two members and mark them contacted by WeChat
    chosen = [model.row_at(0).member_id, model.row_at(1).member_id]
    selection = table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (0, 1):
        selection.select(model.index(row, 0), flags)

    def contact(dialog: QWidget) -> None:
        channel = dialog.findChild(QComboBox, "contactChannelCombo")
        channel.setCurrentIndex(channel.findData("wechat"))
        dialog.findChild(QLineEdit, "contactNoteEdit").setText("sent the renewal offer")
        click(qtbot, dialog, "confirmContactButton")

    on_next_modal(contact)
    click(qtbot, tab, "markContactedButton")
    qtbot.waitUntil(lambda: "marked as contacted" in text(tab, "memberListStatus"), timeout=10_000)
    assert text(tab, "memberListStatus") == "2 members marked as contacted."

    # double-click opens the member (a signal for the detail view to come)
    with qtbot.waitSignal(tab.member_opened) as opened:
        spot = table.visualRect(model.index(0, 1)).center()
        # a real double click: press and release, then the double-click event
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=spot)
        QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert opened.args == [int(chosen[0])]

    engine = create_engine(url)
    try:
        with Session(engine) as session:
            contacts = session.execute(
                select(ContactRow.member_id, ContactRow.channel, ContactRow.note)
            ).all()
            assert sorted(contacts) == sorted(
                (int(member_id), "wechat", "sent the renewal offer") for member_id in chosen
            )
            assert session.scalars(select(SavedFilterRow.name)).all() == [
                "Gold and above, expiring"
            ]
    finally:
        engine.dispose()
