"""A checkout as its request key keeps it, and the ``CompletedOrder`` a retry gets back.

The key's fingerprint covers what the cashier asked for (lines, member, table, top-up,
points, coupons, renewal, upgrade, manual discounts, how the guest pays); the cash handed
over and a card slip's reference may differ on a retry and still name the same order.
On a retry the bill is the till's own pricing of the same order at the time it was
committed, the member's balances are those held now, and the receipt is the one queued
with the order (not queued again).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.members import MemberId
from app.domain.payment import PaymentMethod, Settlement, Tender
from app.domain.request_keys import RequestKind, fingerprint
from app.domain.staff import StaffMember
from app.domain.stored_value import Split
from app.domain.tiers import TierId
from app.services.checkout_types import CompletedOrder
from app.unit_of_work import UnitOfWork


def checkout_fingerprint(draft: OrderDraft, tender: Tender) -> str:
    return fingerprint(
        RequestKind.CHECKOUT,
        {
            "lines": sorted([int(line.item.item_id), line.quantity] for line in draft.lines()),
            "member": draft.member.member_id if draft.member is not None else None,
            "service": draft.service_type.value,
            "table": draft.table_no,
            "party": draft.party_size,
            "top_up": draft.top_up_amount,
            "redeem": draft.redeem_points,
            "coupons": sorted(draft.coupon_ids),
            "renewal": draft.renewal.offer.code if draft.renewal is not None else None,
            "upgrade": int(draft.upgrade.tier.tier_id) if draft.upgrade is not None else None,
            "discounts": sorted(d.grant_id for d in draft.manual_discounts),
            "method": tender.method.value,
        },
    )


def checkout_outcome(completed: CompletedOrder) -> dict[str, Any]:
    s, split = completed.settlement, completed.stored_value_split
    return {
        "reference": completed.order_no,
        "created_at": completed.created_at.isoformat(),
        "till_id": completed.till_id,
        "settlement": [s.method.value, s.amount, s.tendered, s.change, s.reference],
        "points_earned": completed.points_earned,
        "split": [split.principal, split.bonus] if split is not None else None,
        "upgraded_to": int(completed.upgraded_to.tier_id) if completed.upgraded_to else None,
        "member_id": completed.member.member_id if completed.member is not None else None,
    }


def replayed_checkout(
    uow: UnitOfWork, outcome: Mapping[str, Any], draft: OrderDraft, cashier: StaffMember
) -> CompletedOrder:
    """The order committed under the key, as the till shows it after a retry."""
    created_at = datetime.fromisoformat(str(outcome["created_at"]))
    method, amount, tendered, change, reference = outcome["settlement"]
    split = outcome["split"]
    upgraded = outcome["upgraded_to"]
    member_id = outcome["member_id"]
    bill = build_bill(draft, uow.programme.rules(), created_at)
    return CompletedOrder(
        order_no=str(outcome["reference"]),
        created_at=created_at,
        till_id=str(outcome["till_id"]),
        cashier=cashier,
        service_type=draft.service_type,
        table_no=draft.table_no,
        party_size=draft.party_size,
        bill=bill,
        settlement=Settlement(PaymentMethod(method), amount, tendered, change, reference),
        member=uow.members.summary(MemberId(member_id)) if member_id is not None else None,
        points_earned=int(outcome["points_earned"]),
        stored_value_split=Split(*split) if split is not None else None,
        upgraded_to=uow.tiers.get(TierId(upgraded)) if upgraded is not None else None,
        replayed=True,
    )
