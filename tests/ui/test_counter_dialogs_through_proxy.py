"""The merge, badge and print-jobs dialogs, the loyalty rules editor, the workspace's
opening and the menu's reload while the PostgreSQL server stalls or loses a commit's reply
(a TCP proxy between till and server, tests/pg_proxy.py): the window keeps turning, the
dialog says why in one sentence and keeps what was typed, and the next tap (or the till
by itself) works once the server answers, a merge or reprint recorded once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QLineEdit,
    QMainWindow,
    QTableWidget,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text

from tests.ui.conftest import click, on_next_modal, pay_exact_cash, settle
from tests.ui.test_counter_jobs_through_proxy import (  # noqa: F401 (a fixture)
    UNREACHABLE,
    Counter,
    counter,
    cut_off,
    failed_while_turning,
    one,
)
from tests.ui.test_loyalty_at_till import label
from tests.ui.test_outage_through_proxy import WITHIN_MS

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize("how", ["stall", "reply lost"])
def test_a_merge_keeps_the_form_while_the_server_is_gone_and_merges_once_back(
    qtbot: QtBot,
    counter: Counter,  # noqa: F811
    how: str,
) -> None:
    window, proxy, url = counter
    window.identify("13800138000")
    settle(window)
    seen: dict[str, object] = {}

    def merge(dialog: QWidget) -> None:
        box = dialog.findChild(QLineEdit, "memberSearch")
        qtbot.keyClicks(box, "M0000005")
        settle(box)
        qtbot.keyClick(box, Qt.Key.Key_Down)
        qtbot.keyClick(box, Qt.Key.Key_Return)
        settle(box)
        reason = dialog.findChild(QLineEdit, "mergeReasonEdit")
        reason.setText("enrolled twice")
        dialog.findChild(QCheckBox, "mergeSameGuest").click()
        cut_off(proxy, how, "INSERT INTO member_merges")
        click(qtbot, dialog, "mergeConfirmButton")
        seen["said"] = failed_while_turning(qtbot, window, proxy, how, dialog, "mergeError")
        seen["kept"] = (reason.text(), "M0000005" in label(dialog, "mergeAbsorbedLabel"))
        click(qtbot, dialog, "mergeConfirmButton")  # the same request key
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WITHIN_MS)

    on_next_modal(merge)
    click(qtbot, window, "mergeButton")
    settle(window)

    assert seen == {"said": UNREACHABLE, "kept": ("enrolled twice", True)}
    assert one(url, "SELECT count(*) FROM member_merges") == 1
    assert "M0000001" in label(window, "memberMessage")


def test_my_badge_keeps_the_pin_while_the_server_stalls_and_removes_it_once_back(
    qtbot: QtBot,
    counter: Counter,  # noqa: F811
) -> None:
    window, proxy, _url = counter
    seen: dict[str, object] = {}

    def remove(dialog: QWidget) -> None:
        pin = dialog.findChild(QLineEdit, "badgePinEdit")
        pin.setText("9999")
        proxy.stall()
        click(qtbot, dialog, "removeBadgeButton")
        seen["said"] = failed_while_turning(qtbot, window, proxy, "stall", dialog, "badgeError")
        seen["kept"] = pin.text()
        click(qtbot, dialog, "removeBadgeButton")
        settle(dialog)
        seen["done"] = label(dialog, "badgeStatus")
        dialog.reject()

    on_next_modal(remove)
    click(qtbot, window, "myBadgeButton")

    assert seen == {
        "said": UNREACHABLE,
        "kept": "9999",
        "done": "Badge removed: it no longer approves anything.",
    }


@pytest.mark.parametrize("how", ["stall", "reply lost"])
def test_the_print_jobs_say_why_while_the_server_is_gone_and_reprint_once_back(
    qtbot: QtBot,
    counter: Counter,  # noqa: F811
    how: str,
) -> None:
    window, proxy, url = counter
    click(qtbot, window, "item_HOT-01")
    pay_exact_cash(qtbot, window)
    seen: dict[str, object] = {}

    def reprint(dialog: QWidget) -> None:
        order = dialog.findChild(QLineEdit, "reprintOrderEdit")
        order.setText("T1-20261122-0001")
        cut_off(proxy, how, "INSERT INTO print_jobs")
        click(qtbot, dialog, "reprintOrderButton")
        said = failed_while_turning(qtbot, window, proxy, how, dialog, "printJobsMessage")
        seen["said"], seen["kept"] = said, order.text()
        click(qtbot, dialog, "reprintOrderButton")  # the same request key
        settle(dialog)
        seen["listed"] = dialog.findChild(QTableWidget, "printJobsTable").rowCount()
        dialog.reject()

    on_next_modal(reprint)
    click(qtbot, window, "printJobsButton")

    assert seen == {"said": UNREACHABLE, "kept": "T1-20261122-0001", "listed": 2}
    assert one(url, "SELECT count(*) FROM print_jobs WHERE kind = 'reprint'") == 1


def test_the_menu_changed_in_the_back_office_is_read_by_itself_once_the_server_answers(
    qtbot: QtBot,
    counter: Counter,  # noqa: F811
) -> None:
    window, proxy, url = counter
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE menu_items SET price_fen = 4200 WHERE code = 'HOT-01'"))
    engine.dispose()

    def price() -> int:
        return next(i.unit_price for i in window.presenter.catalog.items if i.code == "HOT-01")

    proxy.stall()
    window.reload_menu()
    qtbot.waitUntil(lambda: proxy.held > 0, timeout=WITHIN_MS)
    assert window.waiting and price() == 3800  # the window turns; it sells from the old menu
    qtbot.waitUntil(lambda: not window.server.reachable, timeout=WITHIN_MS)
    proxy.resume()
    qtbot.waitUntil(lambda: price() == 4200, timeout=WITHIN_MS)  # read again by itself


def test_the_loyalty_rules_say_why_while_the_server_stalls_and_change_once_back(
    qtbot: QtBot,
    counter: Counter,  # noqa: F811
) -> None:
    window, proxy, url = counter
    active = "SELECT count(*) FROM top_up_rules WHERE active"
    before = one(url, active)
    seen: dict[str, object] = {}

    def deactivate(dialog: QWidget) -> None:  # the rules were read off the GUI thread
        dialog.findChild(QTabWidget, "loyaltyRulesTabs").setCurrentIndex(2)  # top-ups
        dialog.findChild(QTableWidget, "topUpTable").selectRow(0)
        proxy.stall()
        click(qtbot, dialog, "deactivateTopUpButton")
        said = failed_while_turning(qtbot, window, proxy, "stall", dialog, "loyaltyRulesMessage")
        seen["said"] = said
        click(qtbot, dialog, "deactivateTopUpButton")
        settle(dialog)
        seen["active"] = dialog.findChild(QTableWidget, "topUpTable").item(0, 2).text()
        dialog.reject()

    on_next_modal(deactivate)
    click(qtbot, window, "loyaltyRulesButton")
    settle(window)  # the counter reads the rules again off the GUI thread

    assert seen == {"said": UNREACHABLE, "active": "No"}
    assert one(url, active) == before - 1
    assert len(window.presenter.rules.top_up_rules) == before - 1


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no raising
def test_the_workspace_says_why_while_the_server_stalls_and_opens_once_back(
    qtbot: QtBot,
    counter: Counter,  # noqa: F811
) -> None:
    window, proxy, _url = counter
    proxy.stall()
    click(qtbot, window, "workspaceButton")
    said = failed_while_turning(qtbot, window, proxy, "stall", window, "counterFailure")
    assert window.findChild(QMainWindow, "managerWorkspace") is None
    click(qtbot, window, "workspaceButton")
    settle(window)

    assert said == UNREACHABLE
    workspace = window.findChild(QMainWindow, "managerWorkspace")
    assert workspace is not None and workspace.isVisible()
