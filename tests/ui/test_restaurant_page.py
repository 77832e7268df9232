"""The back office's Restaurant page: a manager changes the receipt's header and sees the
preview follow; a manager demoted meanwhile is refused on the page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text

from app.domain.staff import Permission
from tests.ui.conftest import click, open_workspace_as_manager, save_screenshot, settle
from ui.app import TillApp
from ui.manager.restaurant_tab import RestaurantTab
from ui.permission_text import permission_label

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support raise"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


def open_restaurant_page(qtbot: QtBot, till_app: TillApp) -> tuple[QMainWindow, RestaurantTab]:
    _, workspace, page = open_workspace_as_manager(qtbot, till_app, RestaurantTab, "restaurantTab")
    assert page is not None
    return workspace, page


def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClicks(edit, text)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_manager_changes_the_receipt_header_and_a_demoted_one_is_refused(
    qtbot: QtBot, make_app: Callable[[str], TillApp], language: str
) -> None:
    till_app = make_app(language)
    workspace, page = open_restaurant_page(qtbot, till_app)
    assert till_app.till is not None
    admin = till_app.till.restaurant_profile
    name_edit = page.findChild(QLineEdit, "restaurantNameEdit")
    assert name_edit is not None and name_edit.text() == admin.current().name
    assert not page.business.currency_combo.isEnabled()  # chosen at set-up
    retype(qtbot, name_edit, "Sichuan House 2")
    retype(qtbot, page.details.tax_edit, "Tax no. 91510104MA6C000000")
    assert page.details.preview_58.lines()[0].strip() == "Sichuan House 2"
    assert "Tax no. 91510104MA6C000000" in [s.strip() for s in page.details.preview_80.lines()]
    workspace.resize(1024, 768)
    save_screenshot(workspace, f"wizard-restaurant-tab-{language}")
    click(qtbot, page, "saveRestaurantButton")
    settle(page)  # saved off the GUI thread
    status = page.findChild(QLabel, "restaurantStatus")
    error = page.findChild(QLabel, "restaurantError")
    assert status is not None and error is not None
    assert status.text() and not error.text()
    saved = admin.current()
    assert saved.name == "Sichuan House 2" and saved.tax_line == "Tax no. 91510104MA6C000000"

    url = till_app.till.config.database_url
    engine = create_engine(url)
    with engine.begin() as connection:  # demoted at another till while this page is open
        connection.execute(text("UPDATE staff SET role = 'cashier' WHERE username = 'manager'"))
    engine.dispose()
    retype(qtbot, name_edit, "Mine Now")
    click(qtbot, page, "saveRestaurantButton")
    settle(page)
    refusal = QCoreApplication.translate("Errors", "Your role may not %1.")
    assert error.text() == refusal.replace("%1", permission_label(Permission.CHANGE_SETTINGS))
    if language == "zh":
        assert refusal != "Your role may not %1." and "change_settings" not in error.text()
    assert admin.current() == saved
