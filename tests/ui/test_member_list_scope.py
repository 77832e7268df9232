"""The Members tab's store picker: a chain manager's list starts with the whole chain and
narrows to a store or a region (members joined there); a store manager sees their own
store's members only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.domain.stores import Store
from app.stores.admin import StoreAdmin
from db.engine import create_db_engine
from tests.conftest import DEMO_MEMBERS
from tests.ui.test_member_list_tab import open_members
from tests.ui.test_member_list_tab import text as label_text
from ui.app import TillApp

SHOTS = Path("/work/notes/screens")
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")
MOVED = 3


def two_stores(till_app: TillApp, chain_manager: bool) -> int:
    """Store 1 (华东/上海) and "East Road" (华东/杭州), where three members joined."""
    url = till_app.till.config.database_url
    admin = StoreAdmin(url, till_app.till.clock)
    admin.edit_store("1", region="华东/上海")
    east = admin.add_store(Store(0, "East Road", "", None, None, "华东/杭州")).store_id
    engine = create_db_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(
                text("UPDATE members SET joined_store_id = :s WHERE id <= :n"),
                {"s": east, "n": MOVED},
            )
            if chain_manager:
                connection.execute(
                    text("UPDATE staff SET role = 'chain_manager' WHERE username = 'manager'")
                )
    finally:
        engine.dispose()
    return east


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_chain_manager_narrows_the_members_to_a_store_or_a_region(
    qtbot: QtBot, make_app: Callable[[str], TillApp], language: str
) -> None:
    till_app = make_app(language)
    two_stores(till_app, chain_manager=True)
    tab = open_members(qtbot, till_app)
    picker, model = tab.scope_picker, tab.model
    assert picker.isEnabled() and picker.choices[picker.currentIndex()].kind == "chain"
    qtbot.waitUntil(lambda: model.rowCount() == DEMO_MEMBERS and not model.loading)
    titles = [picker.itemText(i) for i in range(picker.count())]
    east = titles.index("Store: East Road" if language == "en" else "门店：East Road")
    for index, expected in ((east, MOVED), (0, DEMO_MEMBERS - MOVED)):
        picker.setCurrentIndex(index)
        picker.activated.emit(index)
        qtbot.waitUntil(lambda n=expected: model.rowCount() == n and not model.loading)
    picker.setCurrentIndex(east)
    picker.activated.emit(east)
    qtbot.waitUntil(lambda: model.rowCount() == MOVED and not model.loading)
    counted = "3 members" if language == "en" else "3 位会员"
    qtbot.waitUntil(lambda: label_text(tab, "countLabel") == counted)
    assert {model.row_at(r).member_no for r in range(MOVED)} == {"M0000001", "M0000002", "M0000003"}
    SHOTS.mkdir(parents=True, exist_ok=True)
    window = tab.window()
    window.resize(1280, 760)
    qtbot.wait(50)
    window.grab().save(str(SHOTS / f"s29-members-store-{language}.png"))


def test_a_store_manager_sees_their_own_stores_members_only(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    two_stores(till_app, chain_manager=False)
    tab = open_members(qtbot, till_app)
    assert tab.scope_picker.count() == 1 and not tab.scope_picker.isEnabled()
    assert tab.scope_picker.itemText(0).startswith("This store (")
    qtbot.waitUntil(lambda: tab.model.rowCount() == DEMO_MEMBERS - MOVED and not tab.model.loading)
