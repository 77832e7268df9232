"""Manual discounts on both databases: approved by a manager's PIN, recorded with both
names, used by one order only, reversed by its refund."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.bootstrap import Till
from app.domain.approvals import PinApproval, ReasonCode
from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.manual_discount import DiscountKind, DiscountRequest, amount_off
from app.domain.payment import PaymentMethod, Tender
from app.errors import CheckoutRefused, LoginRefused
from app.services.manual_discounts import ManualDiscountRefused
from db.models import AuditEventRow, ManualDiscountGrantRow, OrderLineRow, OrderRow
from tests.integration.helpers import row_counts
from tests.integration.test_loyalty import cashier, order_for, refund, snapshot
from tests.integration.test_offers import query

COMPLAINT = ReasonCode.GUEST_COMPLAINT


def guest_order(till: Till, *codes: str) -> OrderDraft:
    catalog = till.catalog.load()
    draft = OrderDraft()
    for code in codes:
        draft.add(next(item for item in catalog.items if item.code == code))
    return draft


def grant(till: Till, draft: OrderDraft, request: DiscountRequest, pin: str = "9999") -> None:
    bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
    amount = amount_off(request, bill.priced)
    approval = PinApproval("manager", pin)
    discount = till.manual_discounts.grant(request, amount, cashier(till), approval)
    draft.add_manual_discount(discount)


def test_a_cashier_needs_a_manager_and_both_names_are_recorded(
    till: Till, database_url: str
) -> None:
    staff = cashier(till)
    assert till.manual_discounts.needs_approval(staff, 100)
    manager = till.auth.log_in("manager", "9999")
    assert not till.manual_discounts.needs_approval(manager, 1_000_000)

    draft = guest_order(till, "HOT-03", "HOT-01")  # fish ¥88 + chicken ¥38
    fish = draft.lines()[0].item
    grant(till, draft, DiscountRequest(DiscountKind.PERCENT, 2000, COMPLAINT, fish.item_id, "cold"))
    bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
    assert bill.priced.manual_discount == 1760
    assert bill.due == 12600 - 1760
    done = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, bill.due), staff)

    ((order,),) = query(database_url, select(OrderRow).where(OrderRow.order_no == done.order_no))
    assert (order.manual_discount_fen, order.discount_fen, order.total_fen) == (1760, 1760, 10840)
    lines = [row[0] for row in query(database_url, select(OrderLineRow))]
    assert [(line.manual_discount_fen, line.net_fen) for line in lines] == [(1760, 7040), (0, 3800)]
    ((used,),) = query(database_url, select(ManualDiscountGrantRow))
    assert (used.order_id, used.amount_fen, used.limit_fen) == (order.id, 1760, 1760)
    assert (used.requester_id, used.approver_id) == (staff.staff_id, manager.staff_id)
    assert (used.reason_code, used.note) == ("guest_complaint", "cold")
    ((granted,),) = query(
        database_url,
        select(AuditEventRow).where(AuditEventRow.action == "manual_discount_granted"),
    )
    detail = json.loads(granted.detail)
    assert (detail["requested_by"], detail["approved_by"]) == (staff.staff_id, manager.staff_id)
    ((paid,),) = query(
        database_url, select(AuditEventRow).where(AuditEventRow.action == "order_paid")
    )
    assert json.loads(paid.detail)["manual_discounts"] == {str(used.id): 1760}


def test_a_wrong_pin_or_a_cashier_approver_grants_nothing(till: Till, database_url: str) -> None:
    draft = guest_order(till, "HOT-01")
    request = DiscountRequest(DiscountKind.AMOUNT, 500, ReasonCode.GOODWILL)
    with pytest.raises(LoginRefused):
        grant(till, draft, request, pin="0000")
    with pytest.raises(Exception, match="may not"):
        till.manual_discounts.grant(request, 500, cashier(till), PinApproval("wangfang", "1111"))
    with pytest.raises(ManualDiscountRefused, match="say why"):
        grant(till, draft, DiscountRequest(DiscountKind.AMOUNT, 500, ReasonCode.OTHER))
    assert row_counts(database_url)["manual_discount_grants"] == 0
    assert not draft.manual_discounts


def test_an_approval_serves_one_order_only(till: Till, database_url: str) -> None:
    staff = cashier(till)
    first = guest_order(till, "HOT-01")
    grant(till, first, DiscountRequest(DiscountKind.AMOUNT, 800, ReasonCode.GOODWILL))
    till.checkout.check_out(first, Tender(PaymentMethod.CASH, 3000), staff)

    second = guest_order(till, "HOT-01")
    second.add_manual_discount(first.manual_discounts[0])  # the same approval again
    before = row_counts(database_url)
    with pytest.raises(CheckoutRefused, match="manual discount"):
        till.checkout.check_out(second, Tender(PaymentMethod.CASH, 3000), staff)
    assert row_counts(database_url) == before


def test_another_cashier_cannot_use_my_approval(till: Till) -> None:
    draft = guest_order(till, "HOT-01")
    grant(till, draft, DiscountRequest(DiscountKind.AMOUNT, 800, ReasonCode.GOODWILL))
    manager = till.auth.log_in("manager", "9999")
    with pytest.raises(CheckoutRefused, match="manual discount"):
        till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 3000), manager)


def test_dishes_added_after_the_approval_do_not_widen_it(till: Till, database_url: str) -> None:
    draft = guest_order(till, "HOT-01")  # ¥38
    grant(till, draft, DiscountRequest(DiscountKind.PERCENT, 5000, ReasonCode.GOODWILL))
    draft.add(draft.lines()[0].item, 2)  # now ¥114: half would be ¥57
    bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
    assert bill.priced.manual_discount == 1900
    done = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, bill.due), cashier(till))
    assert done.bill.priced.total == 11400 - 1900


def test_a_member_earns_on_what_was_paid_and_the_refund_restores_everything(
    till: Till, database_url: str
) -> None:
    before = snapshot(database_url, "M0000001")  # 张伟, Gold 10%, 1.5 points a yuan
    draft = order_for(till, "13800138000", "HOT-03")  # ¥88 less 10% = ¥79.20
    grant(till, draft, DiscountRequest(DiscountKind.AMOUNT, 2000, ReasonCode.GOODWILL))
    bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
    assert bill.priced.total == 5920
    done = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, bill.due), cashier(till))
    assert done.points_earned == 5920 * 15_000 // 1_000_000  # 88 points on ¥59.20
    assert snapshot(database_url, "M0000001").points == before.points + done.points_earned

    refund(till, done.order_no)
    assert snapshot(database_url, "M0000001") == before
    ((order,),) = query(database_url, select(OrderRow).where(OrderRow.order_no == done.order_no))
    assert order.status == "refunded"
