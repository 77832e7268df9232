from __future__ import annotations

from datetime import datetime

import pytest

from app.domain.bill import build_bill
from app.domain.draft import MAX_QUANTITY, OrderDraft
from app.domain.loyalty import LoyaltyRules
from app.domain.menu import CategoryId, ItemId, MenuItem
from app.domain.payment import PaymentMethod, PaymentRefused, Tender, settle
from app.domain.service_type import ServiceType

RICE = MenuItem(ItemId(1), "R", "米饭", "Rice", CategoryId(1), 300)
FISH = MenuItem(ItemId(2), "F", "水煮鱼", "Fish", CategoryId(1), 8800)


def test_cash_gives_change() -> None:
    settlement = settle(33_720, Tender(PaymentMethod.CASH, 40_000))
    assert (settlement.amount, settlement.change) == (33_720, 6_280)


def test_short_cash_is_refused() -> None:
    with pytest.raises(PaymentRefused, match="less"):
        settle(33_720, Tender(PaymentMethod.CASH, 33_719))


def test_absurd_cash_is_refused_as_a_typing_slip() -> None:
    with pytest.raises(PaymentRefused, match="implausibly"):
        settle(1000, Tender(PaymentMethod.CASH, 1000 + 100_000_01))


def test_card_terminal_is_charged_the_exact_total() -> None:
    settlement = settle(5_900, Tender(PaymentMethod.CARD_TERMINAL, 5_900, " 00123 "))
    assert (settlement.change, settlement.reference) == (0, "00123")
    with pytest.raises(PaymentRefused):
        settle(5_900, Tender(PaymentMethod.CARD_TERMINAL, 6_000))


def test_draft_merges_repeated_items_and_drops_zero_quantities() -> None:
    draft = OrderDraft()
    draft.add(RICE)
    draft.add(FISH)
    draft.add(RICE, 2)
    assert [(line.item.code, line.quantity) for line in draft.lines()] == [("R", 3), ("F", 1)]
    draft.set_quantity(RICE, 0)
    assert [line.item.code for line in draft.lines()] == ["F"]
    draft.set_quantity(FISH, 10_000)
    assert draft.lines()[0].quantity == MAX_QUANTITY
    assert (
        build_bill(draft, LoyaltyRules(), datetime(2026, 11, 22, 12, 0)).due == MAX_QUANTITY * 8800
    )


def test_dine_in_needs_a_table_and_a_sane_party_size() -> None:
    draft = OrderDraft()
    with pytest.raises(ValueError, match="table"):
        draft.open_table("  ", 2)
    with pytest.raises(ValueError, match="party"):
        draft.open_table("A3", 0)
    draft.open_table(" A3 ", 4)
    assert (draft.service_type, draft.table_no, draft.party_size) == (ServiceType.DINE_IN, "A3", 4)
    draft.open_takeaway()
    assert (draft.service_type, draft.table_no) == (ServiceType.TAKEAWAY, "")
