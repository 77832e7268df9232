"""The restaurant's profile changed in the back office: permission read from the database,
audited before and after, and printed on every receipt from then on."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.bootstrap import Till, TillConfig, build_till
from app.domain.draft import OrderDraft
from app.domain.payment import PaymentMethod, Tender
from app.domain.staff import Role
from app.errors import PermissionDenied
from app.restaurant_profile.profile import ProfileProblem, ProfileRefused
from hardware.printing.escpos_decode import decode_escpos
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.integration.test_setup_cli import DELIVERED, table


@pytest.fixture
def printing_till(
    new_database_url: str, clock: FakeClock, tmp_path: Path, demo_templates: DemoTemplates
) -> Iterator[Till]:
    demo_templates.fill(new_database_url, Demo(DEMO_MEMBERS, clock.now().date()))
    config = TillConfig(
        new_database_url,
        printer_url=f"escpos+file://{tmp_path / 'receipts.bin'}",
        demo_members_if_empty=DEMO_MEMBERS,
    )
    built = build_till(config, clock)
    yield built
    built.close()


def pay_a_guest_order(till: Till) -> str:
    """A guest order of the first dish, paid in cash; returns once its slip is printed."""
    cashier = till.auth.log_in("wangfang", "1111")
    draft = OrderDraft()
    draft.add(till.catalog.load().items[0])
    order = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 100_000), cashier)
    deadline = time.monotonic() + 10
    while not any(
        job.reference == order.order_no and job.status in DELIVERED for job in till.spooler.recent()
    ):
        assert time.monotonic() < deadline, till.spooler.recent()
        time.sleep(0.02)
    return order.order_no


def test_a_managers_new_header_is_on_the_next_receipt_and_audited(
    printing_till: Till, database_url: str, tmp_path: Path
) -> None:
    till = printing_till
    receipts = tmp_path / "receipts.bin"
    pay_a_guest_order(till)
    before = till.restaurant_profile.current()
    printed = receipts.stat().st_size
    manager = till.auth.log_in("manager", "9999")
    changed = replace(
        before,
        name="  川味小馆 二店  ",
        receipt_header="成都市锦江区春熙路8号\nTel 028-8888 0000",
        tax_line="税号 91510104MA6C000000",
        receipt_footer="多谢惠顾",
        cutoff_hour=5,
    )
    saved = till.restaurant_profile.save(manager, changed)
    assert saved.name == "川味小馆 二店"
    assert till.restaurant_profile.current() == saved

    pay_a_guest_order(till)
    slip = decode_escpos(receipts.read_bytes()[printed:], strict=True).text
    head = slip[: slip.index("-" * 10)]
    for expected in (
        "川味小馆 二店",
        "成都市锦江区春熙路8号",
        "Tel 028-8888 0000",
        "税号 91510104MA6C000000",
    ):
        assert expected in head, expected
    assert before.name not in slip and "多谢惠顾" in slip

    (row,) = table(
        database_url,
        "SELECT staff_id, subject, detail FROM audit_events "
        "WHERE action = 'restaurant_profile_changed'",
    )
    assert row[0] == manager.staff_id and row[1] == "川味小馆 二店"
    detail = json.loads(str(row[2]))
    assert detail["before"]["restaurant_name"] == before.name
    assert detail["after"]["restaurant_name"] == "川味小馆 二店"
    assert detail["after"]["business_day_cutoff_hour"] == "5"
    assert detail["before"]["business_day_cutoff_hour"] == str(before.cutoff_hour)
    assert "currency" not in detail["after"]  # only what changed
    settings = dict(table(database_url, "SELECT key, value FROM settings"))
    assert settings["business_day_cutoff_hour"] == "5"
    assert settings["restaurant_tax_line"] == "税号 91510104MA6C000000"


def test_a_cashier_is_refused_even_when_the_caller_claims_a_managers_role(
    till: Till, database_url: str
) -> None:
    cashier = till.auth.log_in("wangfang", "1111")
    before = till.restaurant_profile.current()
    changed = replace(before, name="冒名小店")
    for caller in (cashier, replace(cashier, role=Role.MANAGER)):
        with pytest.raises(PermissionDenied):
            till.restaurant_profile.save(caller, changed)
    assert till.restaurant_profile.current() == before
    events = table(
        database_url,
        "SELECT count(*) FROM audit_events WHERE action = 'restaurant_profile_changed'",
    )
    assert events == [(0,)]


def test_bad_profiles_are_refused_and_change_nothing(till: Till) -> None:
    manager = till.auth.log_in("manager", "9999")
    before = till.restaurant_profile.current()
    for changed, problem in (
        (replace(before, name="   "), ProfileProblem.NO_NAME),
        (replace(before, currency="USD"), ProfileProblem.CURRENCY_FIXED),
        (replace(before, currency="XYZ"), ProfileProblem.UNKNOWN_CURRENCY),
        (replace(before, cutoff_hour=12), ProfileProblem.BAD_CUTOFF),
        (replace(before, receipt_footer="谢" * 401), ProfileProblem.TEXT_TOO_LONG),
    ):
        with pytest.raises(ProfileRefused) as refused:
            till.restaurant_profile.save(manager, changed)
        assert refused.value.problem is problem
    assert till.restaurant_profile.current() == before
