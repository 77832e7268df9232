"""The restaurant's business-day cut-off on SQLite and PostgreSQL: a sale (and its refund)
after midnight but before the cut-off belongs to the day before, in its order number, its
business day and that day's Z report; cut-off 0 keeps the calendar day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from sqlalchemy import create_engine, text

from app.bootstrap import Till, TillConfig, build_till
from app.domain.payment import PaymentMethod, Tender
from app.services.checkout_types import CompletedOrder
from tests.conftest import DEMO_MEMBERS
from tests.fakes import FakeClock
from tests.integration.test_loyalty import cashier, refund
from tests.integration.test_manual_discounts import guest_order
from tests.integration.test_setup_cli import table


def till_with_cutoff(url: str, clock: FakeClock, cutoff: str | None) -> Till:
    """A demo till whose restaurant has ``cutoff`` stored (``None``: not set)."""
    build_till(TillConfig(url, demo_members_if_empty=DEMO_MEMBERS), clock).close()
    if cutoff is not None:
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO settings (key, value) VALUES ('business_day_cutoff_hour', :v)"),
                {"v": cutoff},
            )
        engine.dispose()
    return build_till(TillConfig(url), clock)


@pytest.fixture
def late_till(database_url: str) -> Iterator[tuple[Till, FakeClock]]:
    clock = FakeClock(datetime(2026, 11, 22, 18, 0))
    till = till_with_cutoff(database_url, clock, "4")
    yield till, clock
    till.close()


def sell(till: Till) -> CompletedOrder:
    return till.checkout.check_out(
        guest_order(till, "HOT-01"), Tender(PaymentMethod.CASH, 5_000), cashier(till)
    )


def z_report_mentions(till: Till, order_no: str, day: str | None = None) -> bool:
    manager = till.auth.log_in("manager", "9999")
    given = {} if day is None else {"day": day}
    shown = till.reports.preview("eod", given, manager, "en")
    return any(order_no in cell for s in shown.sections for row in s.rows for cell in row)


def default_day(till: Till) -> object:
    (eod,) = [info for info in till.reports.catalogue("en") if info.name == "eod"]
    return next(p.default for p in eod.params if p.name == "day")


def test_a_sale_at_half_past_one_with_cutoff_4_is_the_previous_days(
    late_till: tuple[Till, FakeClock], database_url: str
) -> None:
    till, clock = late_till
    evening = sell(till)
    clock.advance(datetime(2026, 11, 23, 1, 30) - clock.now())
    late = sell(till)
    refund(till, late.order_no)  # refunded at 01:30 too: the same business day
    assert default_day(till) == till.reports.business_day() == date(2026, 11, 22)
    assert (evening.order_no, late.order_no) == ("T1-20261122-0001", "T1-20261122-0002")
    days = table(
        database_url, f"SELECT business_day FROM orders WHERE order_no = '{late.order_no}'"
    )
    assert str(days[0][0]) == "2026-11-22"
    assert z_report_mentions(till, late.order_no)  # the default day: the 22nd

    clock.advance(datetime(2026, 11, 23, 12, 0) - clock.now())
    lunch = sell(till)
    assert lunch.order_no == "T1-20261123-0001"  # a new day's numbering, no clash
    assert default_day(till) == date(2026, 11, 23)
    assert not z_report_mentions(till, late.order_no)
    assert z_report_mentions(till, late.order_no, "2026-11-22")


def test_without_a_cutoff_a_sale_after_midnight_is_the_calendar_days(
    database_url: str,
) -> None:
    clock = FakeClock(datetime(2026, 11, 23, 1, 30))
    till = till_with_cutoff(database_url, clock, None)
    try:
        late = sell(till)
        refund(till, late.order_no)
        assert late.order_no == "T1-20261123-0001"
        assert default_day(till) == date(2026, 11, 23)
        assert z_report_mentions(till, late.order_no)
        assert not z_report_mentions(till, late.order_no, "2026-11-22")
    finally:
        till.close()
