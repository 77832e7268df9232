"""The workspace's Staff and Menu pages while the PostgreSQL server stalls (a TCP proxy
between till and server, tests/pg_proxy.py): a save in a dialog or on the page runs off
the GUI thread, so the window keeps turning and the save cannot be tapped twice; the
dialog or page says why in one sentence and keeps what was typed, and the next tap once
the server answers saves exactly once and shows it in the list read again."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy
from PySide6.QtWidgets import QLineEdit, QMainWindow, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import click, on_next_modal, settle
from tests.ui.test_counter_jobs_through_proxy import (  # noqa: F401 (a fixture)
    UNREACHABLE,
    Counter,
    counter,
    failed_while_turning,
    one,
)
from ui.manager.menu_tab import MenuTab
from ui.manager.staff_tab import StaffTab

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.qt_log_ignore("This plugin does not support raise"),  # offscreen
]


def workspace_of(qtbot: QtBot, counter: Counter) -> QMainWindow:  # noqa: F811
    window, _proxy, _url = counter
    click(qtbot, window, "workspaceButton")
    settle(window)  # its first reads come back off the GUI thread
    workspace = window.findChild(QMainWindow, "managerWorkspace")
    assert workspace is not None
    return workspace


def off_while_out(parent: QWidget, name: str) -> bool:
    """The save's button is off while the save is out: no second tap."""
    button = parent.findChild(QPushButton, name)
    assert button is not None, name
    return not button.isEnabled()


def saved_twice_in_a_dialog(
    qtbot: QtBot,
    counter: Counter,  # noqa: F811
    fill: Callable[[QWidget], None],
    confirm: str,
    error: str,
    kept: str,
    seen: dict[str, object],
) -> None:
    """On the next dialog: ``fill``, confirm while the server stalls, then once it answers
    again confirm the same form (what was said and kept in ``seen``)."""
    window, proxy, _url = counter

    def handler(dialog: QWidget) -> None:
        fill(dialog)
        proxy.stall()
        click(qtbot, dialog, confirm)
        seen["off"] = off_while_out(dialog, confirm)
        seen["said"] = failed_while_turning(qtbot, window, proxy, "stall", dialog, error)
        seen["kept"] = (dialog.findChild(QLineEdit, kept).text(), dialog.isVisible())
        click(qtbot, dialog, confirm)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)  # saved

    on_next_modal(handler)


def test_a_staff_member_added_while_the_server_stalls_is_added_once_back(
    qtbot: QtBot,
    counter: Counter,  # noqa: F811
) -> None:
    _window, _proxy, url = counter
    page = workspace_of(qtbot, counter).findChild(StaffTab, "staffTab")
    seen: dict[str, object] = {}

    def fill(dialog: QWidget) -> None:
        for name, text in (("staffNameEdit", "周丽"), ("staffUsernameEdit", "zhouli"),
                           ("staffPinEdit", "4827"), ("staffPinAgainEdit", "4827")):  # fmt: skip
            dialog.findChild(QLineEdit, name).setText(text)

    saved_twice_in_a_dialog(
        qtbot, counter, fill, "staffFormConfirm", "staffFormError", "staffNameEdit", seen
    )
    click(qtbot, page, "addStaffButton")
    settle(page)  # the list is read again off the GUI thread

    assert seen == {"off": True, "said": UNREACHABLE, "kept": ("周丽", True)}
    chosen = page.selected()
    assert chosen is not None and chosen.staff.username == "zhouli"
    assert page.error.text() == ""
    assert one(url, "SELECT count(*) FROM staff WHERE username = 'zhouli'") == 1


def test_a_menu_item_added_while_the_server_stalls_is_added_once_back(
    qtbot: QtBot,
    counter: Counter,  # noqa: F811
) -> None:
    window, _proxy, url = counter
    page = workspace_of(qtbot, counter).findChild(MenuTab, "menuTab")
    seen: dict[str, object] = {}

    def fill(dialog: QWidget) -> None:
        for name, text in (("itemNameZhEdit", "花生米"), ("itemNameEnEdit", "Fried peanuts"),
                           ("itemPriceEdit", "15")):  # fmt: skip
            dialog.findChild(QLineEdit, name).setText(text)

    saved_twice_in_a_dialog(
        qtbot, counter, fill, "menuItemConfirm", "menuItemError", "itemNameEnEdit", seen
    )
    click(qtbot, page, "addItemButton")
    settle(page)

    assert seen == {"off": True, "said": UNREACHABLE, "kept": ("Fried peanuts", True)}
    chosen = page.selected()
    assert chosen is not None and chosen.name_en == "Fried peanuts"
    assert one(url, "SELECT count(*) FROM menu_items WHERE name_en = 'Fried peanuts'") == 1
    settle(window)  # the counter reads its menu again too
    assert any(i.name_en == "Fried peanuts" for i in window.presenter.catalog.items)


@pytest.mark.parametrize(
    ("tab", "button", "error", "audited"),
    [
        ("staffTab", "disableStaffButton", "staffError", "staff_disabled"),
        ("menuTab", "soldOutButton", "menuError", "menu_item_sold_out"),
    ],
)
def test_a_page_action_while_the_server_stalls_says_why_and_is_done_once_back(
    qtbot: QtBot,
    counter: Counter,  # noqa: F811
    tab: str,
    button: str,
    error: str,
    audited: str,
) -> None:
    """Disabling someone on the Staff page, an item sold out on the Menu page."""
    window, proxy, url = counter
    workspace = workspace_of(qtbot, counter)
    page = workspace.findChild(QWidget, tab)
    if isinstance(page, StaffTab):
        page.select("wangfang")
    else:
        assert isinstance(page, MenuTab)
        page.table.selectRow(0)
    proxy.stall()
    click(qtbot, page, button)
    off = off_while_out(page, button)
    said = failed_while_turning(qtbot, window, proxy, "stall", page, error)
    click(qtbot, page, button)  # still chosen: the page kept its list
    settle(page)

    assert (off, said) == (True, UNREACHABLE)
    assert page.findChild(QWidget, error).text() == ""
    done = f"SELECT count(*) FROM audit_events WHERE action = '{audited}'"
    assert one(url, done) == 1
    if isinstance(page, StaffTab):
        chosen = page.selected()
        assert chosen is not None and chosen.staff.username == "wangfang" and not chosen.active
    else:
        assert page.buttons["soldOutButton"].text() == "Back on sale"


def test_the_menu_read_missed_after_a_save_is_read_by_itself_once_the_server_answers(
    qtbot: QtBot,
    counter: Counter,  # noqa: F811
) -> None:
    """The save came back, the read after it stalls: the page says the save is done and
    reads the menu again by itself when the server answers."""
    window, proxy, url = counter
    page = workspace_of(qtbot, counter).findChild(MenuTab, "menuTab")
    page.table.selectRow(0)
    proxy.stall_on("FROM menu_categories")  # the save reads none; the read after it does
    click(qtbot, page, "soldOutButton")
    said = failed_while_turning(qtbot, window, proxy, "stall", page, "menuError")
    qtbot.waitUntil(lambda: page.buttons["soldOutButton"].text() == "Back on sale")
    settle(page)

    assert said == (
        "Saved, but the list could not be read again: it is read again when the server answers."
    )
    assert page.error.text() == ""
    sold_out = "SELECT count(*) FROM audit_events WHERE action = 'menu_item_sold_out'"
    assert one(url, sold_out) == 1


def items_in_order(url: str, item_id: int) -> list[int]:
    """The ids of ``item_id``'s category's items in the till's order."""
    engine = sqlalchemy.create_engine(url)
    with engine.connect() as connection:
        ids = connection.execute(
            sqlalchemy.text(
                "SELECT id FROM menu_items WHERE category_id = (SELECT category_id FROM "
                "menu_items WHERE id = :item) ORDER BY sort_order"
            ),
            {"item": item_id},
        ).scalars()
        found = list(ids)
    engine.dispose()
    return found


def test_an_item_moved_up_whose_reply_was_lost_moves_once_when_tapped_again(
    qtbot: QtBot,
    counter: Counter,  # noqa: F811
) -> None:
    """The server saved the move but its reply was lost: the page says it cannot tell,
    keeps its list, and the second tap sends the same place again, not one more step."""
    window, proxy, url = counter
    page = workspace_of(qtbot, counter).findChild(MenuTab, "menuTab")
    page.table.selectRow(2)  # the third item: one up is second, two up would be first
    chosen = page.selected()
    assert chosen is not None
    before = items_in_order(url, chosen.item_id)
    assert before.index(chosen.item_id) == 2
    proxy.swallow_commit_reply("UPDATE menu_items")  # committed on the server, unanswered
    click(qtbot, page, "itemUpButton")
    said = failed_while_turning(qtbot, window, proxy, "reply lost", page, "menuError")
    click(qtbot, page, "itemUpButton")  # the retry: the page kept its list
    settle(page)

    assert said == UNREACHABLE
    assert items_in_order(url, chosen.item_id) == [before[0], before[2], before[1], *before[3:]]
    moved = "SELECT count(*) FROM audit_events WHERE action = 'menu_items_reordered'"
    assert one(url, moved) == 1
    selected = page.selected()
    assert selected is not None and selected.item_id == chosen.item_id
    assert page.error.text() == ""
