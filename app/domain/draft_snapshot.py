"""The order being rung up, as plain data that survives a crash or a restart.

What comes back is what the cashier rang up: dishes and quantities, dine-in table and
party, the member, top-up, points and coupons chosen, and the request key of a payment
that may have gone through. Renewal and upgrade come back as
"asked for" and are quoted again; a manual discount needed someone's approval at the time
and is not restored. A dish no longer on sale is left out and named.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.draft import OrderDraft
from app.domain.members import MemberSummary
from app.domain.menu import ItemId, MenuItem
from app.domain.service_type import ServiceType

VERSION = 1


def snapshot(draft: OrderDraft) -> dict[str, Any]:
    return {
        "version": VERSION,
        "service_type": draft.service_type.value,
        "table_no": draft.table_no,
        "party_size": draft.party_size,
        "member_id": draft.member.member_id if draft.member is not None else None,
        "lines": [[int(line.item.item_id), line.quantity] for line in draft.lines()],
        "top_up_amount": draft.top_up_amount,
        "redeem_points": draft.redeem_points,
        "coupon_ids": sorted(draft.coupon_ids),
        "renewal": draft.renewal is not None,
        "upgrade": draft.upgrade is not None,
        "manual_discounts": len(draft.manual_discounts),
        "request_key": draft.request_key,
    }


@dataclass(frozen=True)
class RestoredOrder:
    draft: OrderDraft
    wants_renewal: bool
    wants_upgrade: bool
    dishes_left_out: tuple[int, ...]
    """Item ids of the saved order no longer on sale."""
    discounts_dropped: int


def restore(
    saved: Mapping[str, Any],
    items: Mapping[ItemId, MenuItem],
    load_member: Callable[[int], MemberSummary | None],
) -> RestoredOrder | None:
    """``None`` for a snapshot of another format (nothing is guessed)."""
    if saved.get("version") != VERSION:
        return None
    draft = OrderDraft()
    left_out: list[int] = []
    for item_id, quantity in saved.get("lines", []):
        item = items.get(ItemId(int(item_id)))
        if item is None:
            left_out.append(int(item_id))
        else:
            draft.set_quantity(item, int(quantity))
    if saved.get("service_type") == ServiceType.DINE_IN.value and saved.get("table_no"):
        draft.open_table(str(saved["table_no"]), int(saved.get("party_size", 1)))
    member_id = saved.get("member_id")
    member = load_member(int(member_id)) if member_id is not None else None
    if member is not None:
        draft.set_member(member)
        draft.top_up_amount = max(0, int(saved.get("top_up_amount", 0)))
        draft.redeem_points = bool(saved.get("redeem_points", False))
        owned = {coupon.coupon_id for coupon in member.coupons}
        draft.coupon_ids = frozenset(int(c) for c in saved.get("coupon_ids", []) if c in owned)
    key = saved.get("request_key")
    draft.request_key = str(key) if key else None
    return RestoredOrder(
        draft,
        wants_renewal=member is not None and bool(saved.get("renewal")),
        wants_upgrade=member is not None and bool(saved.get("upgrade")),
        dishes_left_out=tuple(left_out),
        discounts_dropped=int(saved.get("manual_discounts", 0)),
    )
