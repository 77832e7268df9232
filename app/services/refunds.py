"""Refunds of paid orders, whole or some units of their lines: every effect reversed by
new ledger entries, approved, and never more than was sold.

A refund gives back, exactly:
- the cash or card payment (or stored value, to the balances it came from);
- the points redeemed, and takes back the points earned;
- a top-up: the principal is paid back, principal and bonus leave the balance;
- a renewal: the expiry returns to what it was;
- a tier the order's spend earned: the member returns to the tier before (also when a
  partial refund brings the window's spend below that tier's mark);
- the spend: refunded units no longer count for tiers or free renewal;
- coupons used on the order: usable again (until they expire), and offers with a
  per-member limit count the order no more (only when the whole order is refunded).

A partial refund gives back its units' share of each (``app.services.refund_plan``); the
renewal, upgrade and top-up sold on the order go back with the rest of it, or each on its
own when chosen (``app.services.refund_extras``). Each line's
``refunded_quantity`` never exceeds what was sold (a CHECK), the completing refund is
unique per order, and every entry of the order is reversed once in all, so nothing is
refunded twice, also by two tills at once. When part of the order's value has been used
since (the earned points redeemed, the topped-up balance spent) the refund is refused
and says what to do.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock
from app.context import ActionContext
from app.domain.approvals import Approval, ReasonCode, needs_approval
from app.domain.staff import Permission, StaffMember
from app.services.auth import AuthService
from app.services.refund_extras import Extra
from app.services.refund_plan import (
    LedgerReversal,
    RefundLine,
    RefundPreview,
    RefundRefused,
    order_by_number,
    plan,
    renewal_of,
    tier_change,
)
from db import loyalty as store
from db import offers as offer_store
from db.audit_log import SqlAuditLog
from db.ledgers import SqlLedgers
from db.models import (
    MemberRow,
    OrderLineRow,
    OrderRow,
    RefundLineRow,
    RefundRow,
    TierChangeRow,
)

__all__ = [
    "Extra",
    "RecentOrder",
    "RefundLine",
    "RefundPreview",
    "RefundRefused",
    "RefundService",
]


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

    def preview(
        self,
        order_no: str,
        units: Mapping[int, int] | None = None,
        extras: Collection[Extra] | None = None,
    ) -> RefundPreview:
        """What refunding ``units`` (line position -> units) and ``extras`` (renewal,
        upgrade, top-up) will do; both ``None``: all that is left of the order."""
        with self._sessions() as session:
            return plan(session, order_by_number(session, order_no.strip()), units, extras)[0]

    def needs_approval(self, staff: StaffMember, amount: int) -> bool:
        return needs_approval(staff.role, Permission.REFUND, amount)

    def refund(
        self,
        order_no: str,
        staff: StaffMember,
        reason: ReasonCode,
        note: str = "",
        approval: Approval | None = None,
        units: Mapping[int, int] | None = None,
        extras: Collection[Extra] | None = None,
    ) -> RefundPreview:
        """Refund ``units`` of the order's lines and ``extras``, or (both ``None``) all
        that is left of it; a cashier needs a manager's ``approval`` for this refund only."""
        order_no = order_no.strip()
        preview = self.preview(order_no, units, extras)
        if reason is ReasonCode.OTHER and not note.strip():
            raise RefundRefused("say why: the reason “other” needs a note")
        if self.needs_approval(staff, preview.value):
            approver = self._auth.authorise(approval, Permission.REFUND)
        else:
            approver = staff
        now = self._clock.now()
        try:
            with self._sessions.begin() as session:
                order = order_by_number(session, order_no)
                member = (
                    store.lock_member(session, order.member_id)
                    if order.member_id is not None
                    else None
                )
                _lock_order(session, order)
                done, reversal = plan(session, order, units, extras)
                if done != preview:
                    raise RefundRefused(f"order {order_no} was changed meanwhile: look at it again")
                refund = self._refund_row(order, done, staff, approver, reason, note, now)
                session.add(refund)
                session.flush()
                _take_back_units(session, order, refund, done)
                coupons: list[str] = []
                if member is not None:
                    _write_reversal(session, member.id, order, refund, reversal, staff, now)
                    _check_balances(session, member.id)
                    if done.renewal_reverted:
                        _revert_renewal(session, member, order, refund)
                    if done.tier_reverted:
                        _revert_tier(session, member, order, refund, staff, approver, now)
                if done.completes:
                    order.status = "refunded"
                    coupons = offer_store.release_coupons(session, order.id)
                else:
                    order.status = "part_refunded"
                    order.refunded_spend_fen += done.spend_back
                if member is not None:
                    session.flush()
                    _uncount_visit(session, member, order, done)
                SqlAuditLog(session).record(
                    ActionContext(staff.staff_id, self._till_id, now),
                    "order_refunded" if done.completes else "order_part_refunded",
                    f"order:{order.order_no}",
                    {
                        "requested_by": staff.staff_id,
                        "approved_by": approver.staff_id,
                        "reason": reason.value,
                        "note": note.strip(),
                        "money_back": done.money_back,
                        "method": done.method.value,
                        "units": dict(done.units),
                        "extras": [extra.value for extra in done.extras],
                        "coupons_returned": coupons,
                    },
                )
                self._slips.enqueue_refund(session, done, staff, approver, now)
        except IntegrityError as exc:
            raise RefundRefused(f"order {order_no} was refunded already") from exc
        self._slips.notify()
        return done

    def _refund_row(
        self,
        order: OrderRow,
        done: RefundPreview,
        staff: StaffMember,
        approver: StaffMember,
        reason: ReasonCode,
        note: str,
        now: datetime,
    ) -> RefundRow:
        return RefundRow(
            order_id=order.id,
            completes_order_id=order.id if done.completes else None,
            till_id=self._till_id,
            staff_id=staff.staff_id,
            approver_id=approver.staff_id,
            reason_code=reason.value,
            note=note.strip(),
            method=done.method.value,
            amount_fen=done.money_back,
            spend_fen=done.spend_back,
            renewal_fen=done.fees_back.renewal,
            upgrade_fen=done.fees_back.upgrade,
            top_up_fen=done.fees_back.top_up,
            created_at=now,
        )


def _lock_order(session: Session, order: OrderRow) -> None:
    """Two refunds of one guest order wait for each other (members wait on the member)."""
    session.execute(
        update(OrderRow)
        .where(OrderRow.id == order.id)
        .values(refunded_spend_fen=OrderRow.refunded_spend_fen)
        .execution_options(synchronize_session=False)
    )
    session.refresh(order)
    for line in order.lines:
        session.refresh(line)


def _take_back_units(
    session: Session, order: OrderRow, refund: RefundRow, done: RefundPreview
) -> None:
    lines = {line.position: line for line in order.lines}
    nets = {line.position: line.net for line in done.lines}
    for position, units in done.units:
        line = lines[position]
        session.execute(
            update(OrderLineRow)
            .where(OrderLineRow.id == line.id)
            .values(refunded_quantity=OrderLineRow.refunded_quantity + units)
            .execution_options(synchronize_session=False)
        )
        share = nets[position] * units // line.quantity if line.quantity else 0
        session.add(
            RefundLineRow(refund_id=refund.id, order_line_id=line.id, quantity=units, net_fen=share)
        )
    session.flush()


def _write_reversal(
    session: Session,
    member_id: int,
    order: OrderRow,
    refund: RefundRow,
    reversal: LedgerReversal,
    staff: StaffMember,
    now: datetime,
) -> None:
    ledgers = SqlLedgers(session)
    on_refund = {
        "member_id": member_id,
        "order_id": order.id,
        "refund_id": refund.id,
        "staff_id": staff.staff_id,
    }
    for reason, delta, reverses in reversal.points:
        if delta or reverses is not None:
            ledgers.append_points(
                delta=delta, reason=reason, at=now, reverses_id=reverses, **on_refund
            )
    for reason, principal, bonus, reverses in reversal.stored_value:
        if principal or bonus or reverses is not None:
            ledgers.append_stored_value(
                principal=principal,
                bonus=bonus,
                reason=reason,
                at=now,
                reverses_id=reverses,
                **on_refund,
            )
    session.flush()


def _check_balances(session: Session, member_id: int) -> None:
    points = SqlLedgers(session).points_balance(member_id)
    if points < 0:
        raise RefundRefused(
            f"the member has already used {-points} of the points this order earned: "
            "refund their later orders first, or ask a manager to adjust the points"
        )
    held = SqlLedgers(session).stored_value(member_id)
    if held.principal < 0 or held.bonus < 0:
        raise RefundRefused(
            "the stored value topped up on this order has already been spent: "
            "refund the orders it paid for first"
        )


def _revert_renewal(
    session: Session, member: MemberRow, order: OrderRow, refund: RefundRow
) -> None:
    renewal = renewal_of(session, order)
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
    change = tier_change(session, order)
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


def _uncount_visit(
    session: Session, member: MemberRow, order: OrderRow, done: RefundPreview
) -> None:
    """The member's visit figures without what was refunded (``checkout._count_visit``):
    a wholly refunded order is no visit."""
    member.spend_fen -= done.spend_back
    if not done.completes or not order.subtotal_fen:
        return
    member.visits -= 1
    member.last_visit_on = session.scalar(
        select(func.max(OrderRow.business_day)).where(
            OrderRow.member_id == member.id,
            OrderRow.subtotal_fen > 0,
            OrderRow.status != "refunded",
        )
    )
