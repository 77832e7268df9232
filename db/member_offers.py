"""What a member's own offers depend on, read in one round trip at checkout: how often
they had each limited offer, and the offers a campaign holds them back from."""

from __future__ import annotations

from sqlalchemy import bindparam, func, literal, select, union_all
from sqlalchemy.orm import Session

from db import chained_writes
from db.models import CampaignMemberRow, CampaignRow, OfferRow, OrderOfferRow, OrderRow
from db.orders import STANDING


def uses_and_holdouts(session: Session, member_id: int) -> tuple[dict[str, int], tuple[str, ...]]:
    """(offer code -> uses on orders not wholly refunded, as ``db.offers.offer_uses``;
    codes held back, sorted, as ``db.campaigns.held_back_offers``)."""
    uses: dict[str, int] = {}
    held: set[str] = set()
    rows = chained_writes.connection(session).execute(_BOTH, {"member": member_id})
    for kind, code, count in rows:
        if kind == _USE:
            uses[code] = int(count)
        else:
            held.add(code)
    return uses, tuple(sorted(held))


_USE, _HELD = "use", "held"
_BOTH = union_all(  # built once: building it cost more than sending it
    select(literal(_USE), OfferRow.code, func.count(OrderOfferRow.id))
    .join(OrderOfferRow, OrderOfferRow.offer_id == OfferRow.id)
    .join(OrderRow, OrderRow.id == OrderOfferRow.order_id)
    .where(
        OrderOfferRow.member_id == bindparam("member"),
        OrderOfferRow.coupon_id.is_(None),
        OfferRow.uses_per_member.is_not(None),
        STANDING,
    )
    .group_by(OfferRow.code),
    select(literal(_HELD), OfferRow.code, literal(0))
    .join(CampaignRow, CampaignRow.offer_id == OfferRow.id)
    .join(CampaignMemberRow, CampaignMemberRow.campaign_id == CampaignRow.id)
    .where(
        CampaignMemberRow.member_id == bindparam("member"), CampaignMemberRow.held_back.is_(True)
    ),
)
