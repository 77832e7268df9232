"""What the what-if simulator reads: the live programme as a draft, a period's paid
orders with their members, and the audit trail of rule changes.

Core selects over whole tables joined to the period (no query per order), so a period
of 100,000 orders reads in a few seconds; amounts in minor units.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from app.domain.loyalty import LoyaltyRules
from app.domain.recorded_orders import (
    RecordedCoupon,
    RecordedLine,
    RecordedManual,
    RecordedMember,
    RecordedOrder,
    RecordedRenewal,
    RuleChange,
)
from app.domain.service_type import ServiceType
from app.domain.tiers import Tier
from db.campaigns import campaign_holdouts
from db.loyalty_rules import rules_from_rows
from db.member_accounts import tier_from_row
from db.models import (
    AuditEventRow,
    ManualDiscountGrantRow,
    MemberCouponRow,
    MemberRow,
    MembershipRenewalRow,
    OfferRow,
    OrderLineRow,
    OrderOfferRow,
    OrderRow,
    PointsLedgerRow,
    StoredValueLedgerRow,
    TierChangeRow,
)
from db.programme_rows import tier_rows

RULE_CHANGED = "loyalty_rule_changed"
REPLAYED_TIER_CHANGES = ("qualified", "upgrade_bought")  # the replay makes these itself
SPEND_LOOKBACK_DAYS = 366  # the longest qualification window
CHUNK = 500  # member ids per IN list: within every driver's limit on bound parameters


def live_programme(session: Session) -> tuple[tuple[tuple[Tier, int], ...], LoyaltyRules]:
    """Every tier by rank with its qualifying spend, and the live rules."""
    rows = tier_rows(session)
    return tuple((tier_from_row(row), row.qualify_spend_fen) for row in rows), rules_from_rows(
        session
    )


def tier_codes(session: Session) -> dict[int, str]:
    return {row.id: row.code for row in tier_rows(session)}


def rule_changes(session: Session, since: datetime) -> tuple[RuleChange, ...]:
    """Rule changes recorded at or after ``since``, oldest first."""
    rows = session.execute(
        select(AuditEventRow.at, AuditEventRow.subject, AuditEventRow.detail)
        .where(AuditEventRow.action == RULE_CHANGED, AuditEventRow.at >= since)
        .order_by(AuditEventRow.at, AuditEventRow.id)
    )
    changes = []
    for at, subject, detail in rows:
        try:
            decoded = json.loads(detail) if detail else {}
        except json.JSONDecodeError:
            decoded = {}
        if not isinstance(decoded, dict):
            decoded = {}
        changes.append(RuleChange(at, subject, decoded.get("before"), decoded.get("after")))
    return tuple(changes)


def paid_orders(session: Session, first: date, last: date) -> list[RecordedOrder]:
    """Every paid order of the business days ``first`` to ``last``, in time order (refunds
    later do not unmake a sale: the simulator replays what was sold)."""
    ids = select(OrderRow.id).where(OrderRow.business_day.between(first, last)).scalar_subquery()
    lines: dict[int, list[RecordedLine]] = defaultdict(list)
    for line in session.execute(
        select(
            OrderLineRow.order_id, OrderLineRow.item_id, OrderLineRow.category_id,
            OrderLineRow.name_en, OrderLineRow.unit_price_fen, OrderLineRow.quantity,
            OrderLineRow.discount_rule,
        ).where(OrderLineRow.order_id.in_(ids)).order_by(OrderLineRow.order_id,
                                                         OrderLineRow.position)
    ):  # fmt: skip
        lines[line[0]].append(RecordedLine(*line[1:]))
    points = PointsLedgerRow
    redeemed = _sums(session, select(points.order_id, func.sum(points.delta))
                     .where(points.reason == "redeem", points.order_id.in_(ids)))  # fmt: skip
    value = StoredValueLedgerRow
    by_reason = select(value.order_id, func.sum(value.bonus_delta_fen)).where(
        value.order_id.in_(ids)
    )
    bonus_spent = _sums(session, by_reason.where(value.reason == "payment"))
    bonus_given = _sums(session, by_reason.where(value.reason == "top_up"))
    renewals = {
        row.order_id: RecordedRenewal(
            row.offer_code, row.kind, row.fee_fen, row.old_expiry, row.new_expiry
        )
        for row in session.scalars(
            select(MembershipRenewalRow).where(MembershipRenewalRow.order_id.in_(ids))
        )
    }
    grants: dict[int, list[RecordedManual]] = defaultdict(list)
    for grant in session.scalars(
        select(ManualDiscountGrantRow)
        .where(ManualDiscountGrantRow.order_id.in_(ids))
        .order_by(ManualDiscountGrantRow.id)
    ):
        assert grant.order_id is not None
        grants[grant.order_id].append(
            RecordedManual(
                grant.id, grant.kind, grant.value, grant.item_id, grant.limit_fen, grant.reason_code
            )
        )
    coupons: dict[int, list[RecordedCoupon]] = defaultdict(list)
    for order_id, coupon_id, code, offer_code, expires_on in session.execute(
        select(OrderOfferRow.order_id, MemberCouponRow.id, MemberCouponRow.code, OfferRow.code,
               MemberCouponRow.expires_on)
        .join(MemberCouponRow, MemberCouponRow.id == OrderOfferRow.coupon_id)
        .join(OfferRow, OfferRow.id == OrderOfferRow.offer_id)
        .where(OrderOfferRow.order_id.in_(ids))
    ):  # fmt: skip
        coupons[order_id].append(RecordedCoupon(coupon_id, code, offer_code, expires_on))
    orders = []
    for order in session.execute(
        select(
            OrderRow.id, OrderRow.order_no, OrderRow.created_at, OrderRow.member_id,
            OrderRow.tier_id, OrderRow.service_type, OrderRow.party_size,
            OrderRow.discount_fen, OrderRow.offer_discount_fen, OrderRow.manual_discount_fen,
            OrderRow.points_earned, OrderRow.top_up_fen, OrderRow.upgrade_fen, OrderRow.store_id,
        ).where(OrderRow.business_day.between(first, last))
        .order_by(OrderRow.created_at, OrderRow.id)
    ):  # fmt: skip
        (order_id, order_no, at, member_id, tier_id, service, party,
         all_discounts, offer, manual, earned, top_up, upgrade, store) = order  # fmt: skip
        orders.append(
            RecordedOrder(
                order_id=order_id,
                order_no=order_no,
                created_at=at,
                member_id=member_id,
                tier_id=tier_id,
                service_type=ServiceType(service),
                party_size=party,
                lines=tuple(lines.get(order_id, ())),
                discount=all_discounts - offer - manual,
                offer_discount=offer,
                manual_discount=manual,
                points_earned=earned,
                points_redeemed=-redeemed.get(order_id, 0),
                bonus_spent=-bonus_spent.get(order_id, 0),
                top_up=top_up,
                top_up_bonus=bonus_given.get(order_id, 0),
                upgrade_fee=upgrade,
                renewal=renewals.get(order_id),
                coupons=tuple(coupons.get(order_id, ())),
                manual=tuple(grants.get(order_id, ())),
                store_id=store,
            )
        )
    return orders


def _sums(session: Session, query: Select[int | None, int]) -> dict[int, int]:
    """Order id -> the sum, for a ``select(order_id, sum(...))`` grouped here."""
    rows = session.execute(query.group_by(query.selected_columns[0]))
    return {order_id: int(total) for order_id, total in rows if order_id is not None}


def period_members(
    session: Session, first: date, last: date, member_ids: Iterable[int]
) -> dict[int, RecordedMember]:
    """The members ``member_ids`` (those with orders in the period), with their expiry
    history, offer uses and the qualifying spend of the year before the period; read in
    chunks of ids (an index lookup each), since the orders hold no index by day."""
    ordered = sorted(set(member_ids))
    members: dict[int, RecordedMember] = {}
    for index in range(0, len(ordered), CHUNK):
        members.update(_members(session, first, last, ordered[index : index + CHUNK]))
    return members


def _members(
    session: Session, first: date, last: date, ids: list[int]
) -> dict[int, RecordedMember]:
    expiries: dict[int, list[tuple[datetime, date | None, date]]] = defaultdict(list)
    for renewed, at, old, new in session.execute(
        select(MembershipRenewalRow.member_id, OrderRow.created_at,
               MembershipRenewalRow.old_expiry, MembershipRenewalRow.new_expiry)
        .join(OrderRow, OrderRow.id == MembershipRenewalRow.order_id)
        .where(MembershipRenewalRow.member_id.in_(ids))
        .order_by(OrderRow.created_at)
    ):  # fmt: skip
        expiries[renewed].append((at, old, new))
    uses: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
    end = datetime.combine(last + timedelta(days=2), time.min)
    for user, at, code in session.execute(
        select(OrderOfferRow.member_id, OrderRow.created_at, OfferRow.code)
        .join(OrderRow, OrderRow.id == OrderOfferRow.order_id)
        .join(OfferRow, OfferRow.id == OrderOfferRow.offer_id)
        .where(OrderOfferRow.member_id.in_(ids), OrderRow.created_at < end,
               OfferRow.uses_per_member.is_not(None), OrderOfferRow.coupon_id.is_(None),
               OrderRow.status.in_(("paid", "part_refunded")))
    ):  # fmt: skip
        if user is not None:
            uses[user].append((at, code))
    spend: dict[int, list[tuple[date, int]]] = defaultdict(list)
    lookback = first - timedelta(days=SPEND_LOOKBACK_DAYS)
    for spender, day, total in session.execute(
        select(OrderRow.member_id, OrderRow.business_day,
               func.sum(OrderRow.qualifying_spend_fen - OrderRow.refunded_spend_fen))
        .where(OrderRow.member_id.in_(ids),
               and_(OrderRow.business_day >= lookback, OrderRow.business_day < first))
        .group_by(OrderRow.member_id, OrderRow.business_day)
    ):  # fmt: skip
        if spender is not None:
            spend[spender].append((day, int(total or 0)))
    events: dict[int, list[tuple[datetime, int]]] = defaultdict(list)
    start = datetime.combine(first, time.min)
    for moved, at, to_tier in session.execute(
        select(TierChangeRow.member_id, TierChangeRow.at, TierChangeRow.to_tier_id)
        .where(TierChangeRow.member_id.in_(ids), TierChangeRow.at >= start,
               TierChangeRow.at < end, TierChangeRow.reason.not_in(REPLAYED_TIER_CHANGES))
        .order_by(TierChangeRow.at, TierChangeRow.id)
    ):  # fmt: skip
        events[moved].append((at, to_tier))
    held_back = campaign_holdouts(session, ids)
    members = {}
    for row in session.execute(
        select(MemberRow.id, MemberRow.member_no, MemberRow.name, MemberRow.joined_on,
               MemberRow.segment, MemberRow.expires_on).where(MemberRow.id.in_(ids))
    ):  # fmt: skip
        member_id, member_no, name, joined_on, segment, expires_on = row
        members[member_id] = RecordedMember(
            member_id, member_no, name, joined_on, segment,
            _expiry_history(expiries.get(member_id, []), expires_on),
            tuple(sorted(uses.get(member_id, ()))), tuple(sorted(spend.get(member_id, ()))),
            tuple(events.get(member_id, ())), held_back.get(member_id, ()),
        )  # fmt: skip
    return members


def _expiry_history(
    renewals: list[tuple[datetime, date | None, date]], now: date | None
) -> tuple[tuple[datetime, date | None], ...]:
    if not renewals:
        return ((datetime.min, now),)
    history: list[tuple[datetime, date | None]] = [(datetime.min, renewals[0][1])]
    history.extend((at, new) for at, _old, new in renewals)
    return tuple(history)
