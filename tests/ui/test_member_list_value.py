"""The Members tab's value column, in Chinese: the till's daily jobs value the members as
it opens, a click on the header sorts by value in the database (unvalued members last),
and the header says what the figure is."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, update

from app.domain.member_filters import SortKey
from app.domain.member_value import HORIZON_YEARS
from db.models import MemberRow
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.ui.conftest import save_screenshot
from tests.ui.test_member_list_tab import open_members
from ui.app import TillApp
from ui.manager.member_list_model import COLUMNS

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

SPENT = {"M0000003": 120_000, "M0000005": 45_600, "M0000007": 45_600, "M0000009": 9_900}
"""Members who came this year (the rest never came: worth nothing), two of them tied."""


def test_a_manager_sorts_the_members_by_what_they_are_worth(
    qtbot: QtBot,
    make_app: Callable[[str], TillApp],
    demo_templates: DemoTemplates,
    clock: FakeClock,
    tmp_path: Path,
) -> None:
    today = clock.now().date()
    url = f"sqlite:///{tmp_path / 'till.db'}"
    demo_templates.fill(url, Demo(DEMO_MEMBERS, today))
    engine = create_engine(url)
    with engine.begin() as connection:
        for member_no, spend in SPENT.items():
            connection.execute(
                update(MemberRow)
                .where(MemberRow.member_no == member_no)
                .values(spend_fen=spend, joined_on=today - timedelta(days=100), last_visit_on=today)
            )
        connection.execute(  # declined automated decisions: never ranked
            update(MemberRow)
            .where(MemberRow.member_no == "M0000010")
            .values(consent_automated=False, consent_updated_at=clock.now())
        )
    engine.dispose()

    till_app = make_app("zh")  # its daily jobs value every member as it opens
    tab = open_members(qtbot, till_app)
    model, table = tab.model, tab.table
    qtbot.waitUntil(lambda: model.rowCount() == DEMO_MEMBERS and not model.loading)

    value = next(i for i, column in enumerate(COLUMNS) if column.sort is SortKey.VALUE)
    assert model.headerData(value, Qt.Orientation.Horizontal) == "价值"
    tip = model.headerData(value, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "3 年" in tip and "自动化决策" in tip
    header = table.horizontalHeader()
    spot = QPoint(header.sectionViewportPosition(value) + 5, header.height() // 2)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.waitUntil(lambda: model.member_filter.sort is SortKey.VALUE and not model.loading)
    if not model.member_filter.descending:  # a second click: the most valuable first
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=spot)
        qtbot.waitUntil(lambda: model.member_filter.descending and not model.loading)
    qtbot.waitUntil(lambda: model.rowCount() == DEMO_MEMBERS)

    rows = [model.row_at(row) for row in range(model.rowCount())]
    assert [row.member_no for row in rows[:4]] == ["M0000003", "M0000007", "M0000005", "M0000009"]
    assert rows[0].value == 120_000 * HORIZON_YEARS
    assert model.data(model.index(0, value)) == "¥3,600.00"
    assert rows[-1].member_no == "M0000010" and rows[-1].value is None
    assert model.data(model.index(len(rows) - 1, value)) == ""
    assert {row.value for row in rows[4:-1]} == {0}
    save_screenshot(tab.window(), "member-list-by-value")
