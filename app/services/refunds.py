"""Refunds of paid orders: every effect reversed by new ledger entries, once, approved.

A refund gives back, exactly:
- the cash or card payment (or stored value, to the balances it came from);
- the points redeemed, and takes back the points earned;
- a top-up: the principal is paid back, principal and bonus leave the balance;
- a renewal: the expiry returns to what it was;
- a tier the order's spend earned: the member returns to the tier before;
- the spend: a refunded order no longer counts for tiers or free renewal;
- coupons used on the order: usable again (until they expire), and offers with a
  per-member limit count the order no more.

Each reversal entry names the entry it reverses (``reverses_id``, unique), and the
refund row is unique per order, so nothing is refunded twice, also by two tills at
once. When part of the order's value has been used since (the earned points redeemed,
the topped-up balance spent) the refund is refused and says what to do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.domain.approvals import ReasonCode, needs_approval
from app.domain.payment import PaymentMethod
from app.domain.staff import Permission, StaffMember
from app.domain.stored_value import Balances
from app.errors import TillError
from app.ports import Clock
from app.services.auth import AuthService
from db import loyalty as store
from db import offers as offer_store
from db import queries
from db.models import (
    MemberRow,
    MembershipRenewalRow,
    OrderRow,
    PointsLedgerRow,
    RefundRow,
    StoredValueLedgerRow,
    TierChangeRow,
)


class RefundRefused(TillError):
    pass


@dataclass(frozen=True)
class RefundPreview:
    """What refunding the order will do; shown before anyone approves it."""

    order_no: str
    created_at: datetime
    member_no: str
    member_name: str
    due: int
    method: PaymentMethod
    money_back: int
    """Cash or card handed back (0 when paid with stored value)."""
    stored_value_back: Balances
    """Net change to (principal, bonus): a stored-value payment comes back, a top-up goes."""
    points_back: int
    """Net change to the points balance: redeemed points back, earned points gone."""
    restores_expiry: date | None
    renewal_reverted: bool
    tier_reverted: bool


@dataclass(frozen=True)
class RecentOrder:
    order_no: str
    created_at: datetime
    due: int
    member_name: str
    status: str


class RefundSlips(Protocol):
    """Queues the refund slip (opening the drawer for cash) in the refund's transaction."""

    def enqueue_refund(
        self,
        session: Session,
        refund: RefundPreview,
        staff: StaffMember,
        approver: StaffMember,
        at: datetime,
    ) -> None: ...

    def notify(self) -> None: ...


class RefundService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: Clock,
        till_id: str,
        auth: AuthService,
        slips: RefundSlips,
    ) -> None:
        self._sessions, self._clock, self._till_id = sessions, clock, till_id
        self._auth, self._slips = auth, slips

    def recent(self, limit: int = 30) -> list[RecentOrder]:
        """This till's latest orders, newest first, to pick the one to refund."""
        with self._sessions() as session:
            query = (
                select(OrderRow, MemberRow.name)
                .outerjoin(MemberRow, MemberRow.id == OrderRow.member_id)
                .where(OrderRow.till_id == self._till_id)
                .order_by(OrderRow.id.desc())
                .limit(limit)
            )
            return [
                RecentOrder(
                    order.order_no, order.created_at, order.due_fen, name or "", order.status
                )
                for order, name in session.execute(query)
            ]

    def preview(self, order_no: str) -> RefundPreview:
        with self._sessions() as session:
            return _preview(session, _refundable(session, order_no.strip()))

    def needs_approval(self, staff: StaffMember, amount: int) -> bool:
        return needs_approval(staff.role, Permission.REFUND, amount)

    def refund(
        self,
        order_no: str,
        staff: StaffMember,
        reason: ReasonCode,
        note: str = "",
        approver_username: str | None = None,
        approver_pin: str | None = None,
    ) -> RefundPreview:
        """Refund the whole order; a cashier needs a manager's PIN for this refund only."""
        preview = self.preview(order_no)
        if reason is ReasonCode.OTHER and not note.strip():
            raise RefundRefused("say why: the reason “other” needs a note")
        if self.needs_approval(staff, preview.due):
            approver = self._auth.approve(
                approver_username or "", approver_pin or "", Permission.REFUND
            )
        else:
            approver = staff
        now = self._clock.now()
        try:
            with self._sessions.begin() as session:
                order = _refundable(session, order_no.strip())
                member = (
                    store.lock_member(session, order.member_id)
                    if order.member_id is not None
                    else None
                )
                session.refresh(order)
                if order.status != "paid":
                    raise RefundRefused(f"order {order.order_no} was refunded already")
                done = _preview(session, order)
                refund = RefundRow(
                    order_id=order.id,
                    till_id=self._till_id,
                    staff_id=staff.staff_id,
                    approver_id=approver.staff_id,
                    reason_code=reason.value,
                    note=note.strip(),
                    method=done.method.value,
                    amount_fen=done.money_back,
                    created_at=now,
                )
                session.add(refund)
                session.flush()
                if member is not None:
                    _reverse_ledgers(session, order, refund, staff, now)
                    _check_balances(session, member.id)
                    _revert_renewal(session, member, order, refund)
                    _revert_tier(session, member, order, refund, staff, approver, now)
                order.status = "refunded"
                coupons = offer_store.release_coupons(session, order.id)
                queries.record_audit(
                    session,
                    at=now,
                    till_id=self._till_id,
                    staff_id=staff.staff_id,
                    action="order_refunded",
                    subject=f"order:{order.order_no}",
                    detail=json.dumps(
                        {
                            "requested_by": staff.staff_id,
                            "approved_by": approver.staff_id,
                            "reason": reason.value,
                            "note": note.strip(),
                            "money_back": done.money_back,
                            "method": done.method.value,
                            "coupons_returned": coupons,
                        }
                    ),
                )
                self._slips.enqueue_refund(session, done, staff, approver, now)
        except IntegrityError as exc:
            raise RefundRefused(f"order {order_no} was refunded already") from exc
        self._slips.notify()
        return done


def _refundable(session: Session, order_no: str) -> OrderRow:
    order = session.scalar(select(OrderRow).where(OrderRow.order_no == order_no))
    if order is None:
        raise RefundRefused(f"no order {order_no!r}")
    if order.status != "paid":
        raise RefundRefused(f"order {order_no} was refunded already")
    return order


def _preview(session: Session, order: OrderRow) -> RefundPreview:
    primary = next(p for p in order.payments if p.method != PaymentMethod.POINTS.value)
    method = PaymentMethod(primary.method)
    money_back = 0 if method is PaymentMethod.STORED_VALUE else primary.amount_fen
    stored = session.execute(
        select(StoredValueLedgerRow.principal_delta_fen, StoredValueLedgerRow.bonus_delta_fen)
        .where(StoredValueLedgerRow.order_id == order.id)
        .where(StoredValueLedgerRow.reverses_id.is_(None))
    ).all()
    points = session.scalars(
        select(PointsLedgerRow.delta)
        .where(PointsLedgerRow.order_id == order.id)
        .where(PointsLedgerRow.reverses_id.is_(None))
    ).all()
    renewal = session.scalar(
        select(MembershipRenewalRow).where(MembershipRenewalRow.order_id == order.id)
    )
    member = session.get(MemberRow, order.member_id) if order.member_id is not None else None
    tier_change = _tier_change(session, order)
    return RefundPreview(
        order_no=order.order_no,
        created_at=order.created_at,
        member_no=member.member_no if member else "",
        member_name=member.name if member else "",
        due=order.due_fen,
        method=method,
        money_back=money_back,
        stored_value_back=Balances(-sum(p for p, _ in stored), -sum(b for _, b in stored)),
        points_back=-sum(points),
        restores_expiry=renewal.old_expiry if renewal else None,
        renewal_reverted=renewal is not None,
        tier_reverted=tier_change is not None
        and member is not None
        and member.tier_id == tier_change.to_tier_id,
    )


def _tier_change(session: Session, order: OrderRow) -> TierChangeRow | None:
    return session.scalar(
        select(TierChangeRow).where(
            TierChangeRow.order_id == order.id, TierChangeRow.reason == "qualified"
        )
    )


def _reverse_ledgers(
    session: Session, order: OrderRow, refund: RefundRow, staff: StaffMember, now: datetime
) -> None:
    common = {"order_id": order.id, "refund_id": refund.id, "staff_id": staff.staff_id}
    for entry in session.scalars(
        select(PointsLedgerRow).where(
            PointsLedgerRow.order_id == order.id, PointsLedgerRow.reverses_id.is_(None)
        )
    ).all():
        session.add(
            PointsLedgerRow(
                member_id=entry.member_id,
                delta=-entry.delta,
                reason=f"refund_{entry.reason}",
                reverses_id=entry.id,
                created_at=now,
                **common,
            )
        )
    for sv in session.scalars(
        select(StoredValueLedgerRow).where(
            StoredValueLedgerRow.order_id == order.id, StoredValueLedgerRow.reverses_id.is_(None)
        )
    ).all():
        session.add(
            StoredValueLedgerRow(
                member_id=sv.member_id,
                principal_delta_fen=-sv.principal_delta_fen,
                bonus_delta_fen=-sv.bonus_delta_fen,
                reason=f"refund_{sv.reason}",
                reverses_id=sv.id,
                created_at=now,
                **common,
            )
        )
    session.flush()


def _check_balances(session: Session, member_id: int) -> None:
    points = queries.points_balance(session, member_id)
    if points < 0:
        raise RefundRefused(
            f"the member has already used {-points} of the points this order earned: "
            "refund their later orders first, or ask a manager to adjust the points"
        )
    principal, bonus = store.stored_value_balances(session, member_id)
    if principal < 0 or bonus < 0:
        raise RefundRefused(
            "the stored value topped up on this order has already been spent: "
            "refund the orders it paid for first"
        )


def _revert_renewal(
    session: Session, member: MemberRow, order: OrderRow, refund: RefundRow
) -> None:
    renewal = session.scalar(
        select(MembershipRenewalRow).where(MembershipRenewalRow.order_id == order.id)
    )
    if renewal is None:
        return
    if member.expires_on != renewal.new_expiry:
        raise RefundRefused(
            "the membership was changed again after this renewal: refund the later renewal first"
        )
    member.expires_on = renewal.old_expiry
    renewal.refund_id = refund.id


def _revert_tier(
    session: Session,
    member: MemberRow,
    order: OrderRow,
    refund: RefundRow,
    staff: StaffMember,
    approver: StaffMember,
    now: datetime,
) -> None:
    change = _tier_change(session, order)
    if change is None or member.tier_id != change.to_tier_id:
        return
    session.add(
        TierChangeRow(
            member_id=member.id,
            from_tier_id=change.to_tier_id,
            to_tier_id=change.from_tier_id,
            reason="refund",
            order_id=order.id,
            staff_id=staff.staff_id,
            approver_id=approver.staff_id,
            note=f"refund of {order.order_no}",
            at=now,
            refund_id=refund.id,
        )
    )
    member.tier_id = change.from_tier_id
