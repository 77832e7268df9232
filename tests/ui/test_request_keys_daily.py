"""The till's daily work prunes request keys past the retry window (``KEEP_DAYS``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import text

from app.domain.request_keys import KEEP_DAYS
from db.engine import create_db_engine
from ui.app import TillApp


def count_keys(url: str, where: str) -> int:
    engine = create_db_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.scalar(text(f"SELECT count(*) FROM request_keys {where}")) or 0)
    finally:
        engine.dispose()


def test_the_next_days_work_prunes_keys_past_the_window(
    make_app: Callable[[str], TillApp],
) -> None:
    till_app = make_app("en")
    till = till_app.till
    assert till is not None and till_app.daily_jobs is not None
    url = till.config.database_url
    made = till.clock.now() - timedelta(days=KEEP_DAYS - 1)  # inside the window today
    engine = create_db_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO request_keys (key, kind, fingerprint, till_id, created_at,"
                    " outcome) VALUES ('k-old', 'checkout', 'f', 'T1', :at, '{}')"
                ),
                {"at": made},
            )
    finally:
        engine.dispose()
    till_app.daily_jobs.tick()  # the same day: nothing due
    till_app.daily_jobs.settle()
    assert count_keys(url, "WHERE key = 'k-old'") == 1
    till.clock.advance(timedelta(days=2))  # type: ignore[attr-defined]
    till_app.daily_jobs.tick()
    till_app.daily_jobs.settle()
    assert count_keys(url, "WHERE key = 'k-old'") == 0
