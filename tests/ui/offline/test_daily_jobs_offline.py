"""A till started from its local copy (the server stopped) cannot run the day's jobs on
the server: they fail without stopping the counter, and run once the server answers
again (the counter's server link hears it), not only the next day."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.conftest import sign_in
from tests.ui.offline_tills import Outage, Tills

BACK_WITHIN_MS = 20_000


def test_the_days_jobs_a_till_started_offline_missed_run_when_the_server_is_back(
    qtbot: QtBot, tills: Tills, outage: Outage
) -> None:
    tills.with_copy()
    outage.stop()
    till_app = tills.open()
    assert till_app.till is not None and till_app.till.started_offline is not None
    jobs = till_app.daily_jobs
    assert jobs is not None
    jobs.settle()
    assert jobs.expired_points == []  # failed: the server is gone
    sign_in(qtbot, till_app, "1111")
    window = till_app.window
    assert window is not None and not window.server.reachable
    jobs.tick()  # the same day, still offline: tried again, failed again
    jobs.settle()
    assert jobs.expired_points == []

    outage.end()
    qtbot.waitUntil(lambda: window.server.reachable, timeout=BACK_WITHIN_MS)
    qtbot.waitUntil(lambda: len(jobs.expired_points) == 1, timeout=BACK_WITHIN_MS)
    assert len(jobs.tiers_moved) == len(jobs.segments_changed) == 1  # all of them, once
    jobs.tick()  # done for the day: nothing runs again
    jobs.settle()
    assert len(jobs.expired_points) == 1
