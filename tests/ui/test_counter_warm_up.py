"""While the sign-in window waits for a PIN, the till builds what the counter needs first,
so the first sign-in does not pay for it (the start itself builds none of it:
tests/integration/test_lazy_till.py)."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from ui.app import TillApp

COUNTER = {"members", "checkout", "loyalty"}


def test_the_counter_services_are_built_while_the_sign_in_window_waits(
    qtbot: QtBot, make_app: Callable[[str], TillApp]
) -> None:
    till_app = make_app("en")
    till = till_app.till
    assert till is not None and till_app.login is not None and till_app.login.isVisible()

    qtbot.waitUntil(lambda: till.built() >= COUNTER, timeout=10_000)

    assert till_app.login.isVisible()  # nobody signed in: only the work was done early
    assert "reports" not in till.built()
