"""The sign-in screen shows the demo's PINs on the demo restaurant only, never on a real one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text

from app.services.till_settings import TillSettingsService
from app.setup.restaurant import RestaurantProfile, SetupRequest, set_up_restaurant
from tests.conftest import DEMO_MEMBERS
from tests.fakes import FakeClock
from tests.ui.conftest import open_cashier, ready, save_screenshot
from ui.app import LaunchOptions, TillApp


@pytest.fixture
def apps() -> Iterator[list[TillApp]]:
    started: list[TillApp] = []
    yield started
    for till_app in started:
        till_app.shut_down()


def start(
    qapp: QApplication, url: str, folder: Path, clock: FakeClock, apps: list[TillApp]
) -> TillApp:
    options = LaunchOptions(url, DEMO_MEMBERS, "en")
    till_app = TillApp(qapp, options, TillSettingsService(folder / "settings.json"), clock)
    apps.append(till_app)
    till_app.start()
    ready(till_app)
    return till_app


def demo_hint(till_app: TillApp) -> QLabel | None:
    assert till_app.login is not None
    return till_app.login.findChild(QLabel, "demoHint")


def test_the_demo_restaurant_shows_its_pins_and_a_real_one_does_not(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, clock: FakeClock, apps: list[TillApp]
) -> None:
    url = f"sqlite:///{tmp_path / 'till.db'}"
    demo = start(qapp, url, tmp_path, clock, apps)
    hint = demo_hint(demo)
    assert hint is not None and "1111" in hint.text() and "9999" in hint.text()
    assert demo.login is not None
    save_screenshot(demo.login, "sign-in-demo-en")
    demo.shut_down()
    apps.remove(demo)

    # The same staff and PINs, but the database is no longer marked as the demo: the
    # marker, not who the staff are, decides.
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM settings WHERE key = 'demo'"))
    engine.dispose()
    real = start(qapp, url, tmp_path, clock, apps)
    assert demo_hint(real) is None
    assert real.login is not None
    assert "1111" not in " ".join(label.text() for label in real.login.findChildren(QLabel))
    assert open_cashier(qtbot, real) is not None  # signing in works as before


def test_a_restaurant_set_up_for_real_shows_no_demo_pins(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, clock: FakeClock, apps: list[TillApp]
) -> None:
    url = f"sqlite:///{tmp_path / 'real.db'}"
    profile = RestaurantProfile("老王面馆")
    set_up_restaurant(url, SetupRequest(profile, "王老板", "2580"), clock)
    real = start(qapp, url, tmp_path, clock, apps)
    assert demo_hint(real) is None and real.login is not None
    save_screenshot(real.login, "sign-in-real-en")
    assert open_cashier(qtbot, real, pin="2580") is not None
