"""A replayed offline sale that spends more stored value or points than the member holds
on the server still commits: the shortfall is credited and kept as an overdraft, in the
sale's own unit of work."""

from __future__ import annotations

import pytest

from app.domain.payment import PaymentMethod, Tender
from app.offline.cover import OVERDRAFT_REASON, CoverShortfall
from app.services.checkout import CheckoutService
from tests.fakes import FakeClock, FakeStore, FakeUnits, staff_accounts
from tests.unit.test_checkout_service import (
    CASHIER,
    GOLD,
    NOODLES,
    NOW,
    SILVER,
    ZHANG,
    Receipts,
    order,
)


@pytest.fixture
def units() -> FakeUnits:
    units = FakeUnits(FakeStore(members={ZHANG.member_id: ZHANG},
                                tiers={SILVER.tier_id: SILVER, GOLD.tier_id: GOLD},
                                staff=staff_accounts(CASHIER)))  # fmt: skip
    units.store.stored_value.append({"member_id": 7, "principal": 8_000, "bonus": 2_000})
    return units


@pytest.fixture
def checkout(units: FakeUnits) -> CheckoutService:
    return CheckoutService(units, FakeClock(NOW), "T1", Receipts())


def held(units: FakeUnits) -> int:
    with units() as uow:
        return uow.ledgers.stored_value(ZHANG.member_id).total


def test_a_shortfall_is_credited_and_owed_and_the_sale_stands(
    checkout: CheckoutService, units: FakeUnits
) -> None:
    draft = order((NOODLES, 3), member=ZHANG)
    due = 10_260  # 3 x 38.00 less Gold's 10 %; the member holds 100.00
    cover = CoverShortfall("key-1", due, 0, "T1")

    done = checkout.check_out(draft, Tender(PaymentMethod.STORED_VALUE, due), CASHIER, cover)

    assert done.settlement.amount == due
    assert held(units) == 0
    [owed] = units.store.offline_overdrafts
    assert (owed.member_id, owed.stored_value, owed.points, owed.request_key) == (
        ZHANG.member_id, 260, 0, "key-1",
    )  # fmt: skip
    credit = [e for e in units.store.stored_value if e.get("reason") == OVERDRAFT_REASON]
    assert [e["principal"] for e in credit] == [260]


def test_a_balance_that_covers_the_sale_leaves_no_overdraft(
    checkout: CheckoutService, units: FakeUnits
) -> None:
    draft = order((NOODLES, 1), member=ZHANG)
    cover = CoverShortfall("key-2", 3_420, 0, "T1")
    checkout.check_out(draft, Tender(PaymentMethod.STORED_VALUE, 3_420), CASHIER, cover)
    assert units.store.offline_overdrafts == []
    assert held(units) == 10_000 - 3_420
