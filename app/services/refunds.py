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

from app.approvers import Authoriser
from app.clock import Clock
from app.context import ActionContext
from app.domain.approvals import Approval, ReasonCode, needs_approval
from app.domain.members import MemberId, MemberSummary
from app.domain.orders import NewRefund, RecordedOrder
from app.domain.request_keys import RequestKind
from app.domain.staff import Permission, StaffMember
from app.domain.storage import WriteConflict
from app.domain.tiers import TierChange, TierId
from app.once.keys import KeyTakenMeanwhile, claim, committed_outcome
from app.once.refund_outcome import refund_fingerprint, refund_outcome, replayed_refund
from app.services.refund_extras import Extra
from app.services.refund_plan import (
    LedgerReversal,
    RefundLine,
    RefundPreview,
    RefundRefused,
    order_by_number,
    plan,
)
from app.unit_of_work import UnitOfWork, UnitOfWorkFactory

__all__ = [
    "Extra",
    "RecentOrder",
    "RefundLine",
    "RefundPreview",
    "RefundRefused",
    "RefundService",
    "Refunds",
]


@dataclass(frozen=True)
class RecentOrder:
    order_no: str
    created_at: datetime
    due: int
    member_name: str
    status: str


class RefundSlips(Protocol):
    """Queues the refund slip (opening the drawer for cash) in the refund's unit of work."""

    def enqueue_refund(
        self,
        uow: UnitOfWork,
        refund: RefundPreview,
        staff: StaffMember,
        approver: StaffMember,
        at: datetime,
    ) -> None: ...

    def notify(self) -> None: ...


class Refunds(Protocol):
    """What the refund dialog calls: ``RefundService`` online; on the local copy, the
    refunds of the orders sold offline (``app.offline.refunding``)."""

    def recent(self, limit: int = 30) -> list[RecentOrder]: ...

    def preview(
        self,
        order_no: str,
        units: Mapping[int, int] | None = None,
        extras: Collection[Extra] | None = None,
    ) -> RefundPreview: ...

    def needs_approval(self, staff: StaffMember, amount: int) -> bool: ...

    def refund(
        self,
        order_no: str,
        staff: StaffMember,
        reason: ReasonCode,
        note: str = "",
        approval: Approval | None = None,
        units: Mapping[int, int] | None = None,
        extras: Collection[Extra] | None = None,
        request_key: str | None = None,
    ) -> RefundPreview: ...


class RefundService:
    def __init__(
        self,
        units: UnitOfWorkFactory,
        clock: Clock,
        till_id: str,
        auth: Authoriser,
        slips: RefundSlips,
    ) -> None:
        self._units, self._clock, self._till_id = units, clock, till_id
        self._auth, self._slips = auth, slips

    def recent(self, limit: int = 30) -> list[RecentOrder]:
        """This till's latest orders, newest first, to pick the one to refund."""
        with self._units() as uow:
            return [RecentOrder(*row) for row in uow.order_history.recent(self._till_id, limit)]

    def preview(
        self,
        order_no: str,
        units: Mapping[int, int] | None = None,
        extras: Collection[Extra] | None = None,
    ) -> RefundPreview:
        """What refunding ``units`` (line position -> units) and ``extras`` (renewal,
        upgrade, top-up) will do; both ``None``: all that is left of the order."""
        with self._units() as uow:
            return plan(uow, order_by_number(uow, order_no.strip()), units, extras)[0]

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
        request_key: str | None = None,
    ) -> RefundPreview:
        """Refund ``units`` of the order's lines and ``extras``, or (both ``None``) all
        that is left of it; a cashier needs a manager's ``approval`` for this refund only.
        With a ``request_key`` the refund commits once: a retry gets the refund committed
        under it."""
        order_no = order_no.strip()
        asked = refund_fingerprint(order_no, reason, note, units, extras) if request_key else ""
        replayed = self._replayed(request_key, asked)
        if replayed is not None:
            return replayed
        preview = self.preview(order_no, units, extras)
        if reason is ReasonCode.OTHER and not note.strip():
            raise RefundRefused("say why: the reason “other” needs a note")
        if self.needs_approval(staff, preview.value):
            approver = self._auth.authorise(approval, Permission.REFUND)
        else:
            self._auth.require(staff, Permission.REFUND)
            approver = staff
        action = ActionContext.begin(self._clock, self._till_id, staff.staff_id)
        try:
            with self._units() as uow:
                found = order_by_number(uow, order_no)
                member_id = MemberId(found.member_id) if found.member_id is not None else None
                member = uow.members.lock(member_id) if member_id is not None else None
                order = uow.order_history.lock(found.order_id)
                done, reversal = plan(uow, order, units, extras, member)
                if done != preview:
                    raise RefundRefused(f"order {order_no} was changed meanwhile: look at it again")
                refund_id = uow.order_history.add_refund(
                    self._new_refund(order, done, staff, approver, reason, note, action)
                )
                if member is not None:
                    _write_reversal(uow, member.member_id, order, refund_id, reversal, action)
                    _check_balances(uow, member.member_id)
                    if done.renewal_reverted:
                        _revert_renewal(uow, member, order, refund_id)
                    if done.tier_reverted:
                        _revert_tier(uow, member, order, refund_id, approver, action)
                coupons = uow.order_history.close(order.order_id, done.completes, done.spend_back)
                if member is not None:
                    whole_visit = done.completes and bool(order.subtotal)
                    uow.members.uncount_visit(
                        member.member_id, done.spend_back, whole_visit, action.now.date()
                    )
                uow.audit.record(
                    action,
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
                claim(uow, request_key, RequestKind.REFUND, asked, self._till_id, action.now,
                      refund_outcome(done))  # fmt: skip
                self._slips.enqueue_refund(uow, done, staff, approver, action.now)
                uow.commit()
        except WriteConflict as exc:
            raise RefundRefused(f"order {order_no} was refunded already") from exc
        except KeyTakenMeanwhile:  # an earlier attempt committed it meanwhile
            replayed = self._replayed(request_key, asked)
            assert replayed is not None, "the key is committed"
            return replayed
        self._slips.notify()
        return done

    def _replayed(self, key: str | None, asked: str) -> RefundPreview | None:
        """The refund committed under ``key`` (its slip was queued with it)."""
        if key is None:
            return None
        with self._units() as uow:
            prior = committed_outcome(uow, key, RequestKind.REFUND, asked)
        if prior is None:
            return None
        self._slips.notify()
        return replayed_refund(prior)

    def _new_refund(
        self,
        order: RecordedOrder,
        done: RefundPreview,
        staff: StaffMember,
        approver: StaffMember,
        reason: ReasonCode,
        note: str,
        action: ActionContext,
    ) -> NewRefund:
        lines = {line.position: line for line in order.lines}
        nets = {line.position: line.net for line in done.lines}
        units = tuple(
            (
                lines[position].line_id,
                count,
                nets[position] * count // lines[position].quantity
                if lines[position].quantity
                else 0,
            )
            for position, count in done.units
        )
        return NewRefund(
            order_id=order.order_id,
            completes=done.completes,
            till_id=self._till_id,
            staff_id=staff.staff_id,
            approver_id=approver.staff_id,
            reason_code=reason.value,
            note=note.strip(),
            method=done.method.value,
            money_back=done.money_back,
            spend_back=done.spend_back,
            renewal_back=done.fees_back.renewal,
            upgrade_back=done.fees_back.upgrade,
            top_up_back=done.fees_back.top_up,
            created_at=action.now,
            units=units,
        )


def _write_reversal(
    uow: UnitOfWork,
    member_id: int,
    order: RecordedOrder,
    refund_id: int,
    reversal: LedgerReversal,
    action: ActionContext,
) -> None:
    for reason, delta, reverses in reversal.points:
        if delta or reverses is not None:
            uow.ledgers.append_points(
                member_id=member_id, delta=delta, reason=reason, at=action.now,
                order_id=order.order_id, staff_id=action.staff_id, refund_id=refund_id,
                reverses_id=reverses,
            )  # fmt: skip
    for reason, principal, bonus, reverses in reversal.stored_value:
        if principal or bonus or reverses is not None:
            uow.ledgers.append_stored_value(
                member_id=member_id, principal=principal, bonus=bonus, reason=reason,
                at=action.now, order_id=order.order_id, staff_id=action.staff_id,
                refund_id=refund_id, reverses_id=reverses,
            )  # fmt: skip


def _check_balances(uow: UnitOfWork, member_id: int) -> None:
    points = uow.ledgers.points_balance(member_id)
    if points < 0:
        raise RefundRefused(
            f"the member has already used {-points} of the points this order earned: "
            "refund their later orders first, or ask a manager to adjust the points"
        )
    held = uow.ledgers.stored_value(member_id)
    if held.principal < 0 or held.bonus < 0:
        raise RefundRefused(
            "the stored value topped up on this order has already been spent: "
            "refund the orders it paid for first"
        )


def _revert_renewal(
    uow: UnitOfWork, member: MemberSummary, order: RecordedOrder, refund_id: int
) -> None:
    renewal = uow.order_history.renewal(order.order_id)
    if renewal is None:
        return
    if member.expires_on != renewal.new_expiry:
        raise RefundRefused(
            "the membership was changed again after this renewal: refund the later renewal first"
        )
    uow.members.restore_expiry(member.member_id, renewal.old_expiry)
    uow.order_history.mark_renewal_refunded(order.order_id, refund_id)


def _revert_tier(
    uow: UnitOfWork,
    member: MemberSummary,
    order: RecordedOrder,
    refund_id: int,
    approver: StaffMember,
    action: ActionContext,
) -> None:
    change = uow.order_history.tier_change(order.order_id)
    if change is None or member.tier.tier_id != change.to_tier_id:
        return
    uow.members.change_tier(
        member.member_id,
        TierChange(
            to_tier=TierId(change.from_tier_id),
            reason="refund",
            at=action.now,
            staff_id=action.staff_id,
            approver_id=approver.staff_id,
            order_id=order.order_id,
            note=f"refund of {order.order_no}",
            refund_id=refund_id,
        ),
    )
