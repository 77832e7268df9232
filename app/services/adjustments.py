"""Corrections by hand: points, stored value, tier overrides and goodwill coupons, each
with a reason and a manager's one-shot approval, recorded with both names. Balances never
go negative."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock
from app.context import ActionContext
from app.domain.approvals import Approval, ReasonCode, needs_approval
from app.domain.members import MemberId, MemberSummary
from app.domain.staff import Permission, StaffMember
from app.domain.tiers import TierId
from app.errors import TillError
from app.services.auth import AuthService
from app.services.mapping import member_summary
from db import loyalty as store
from db.audit_log import SqlAuditLog
from db.ledgers import SqlLedgers
from db.models import (
    MemberCouponRow,
    MemberRow,
    OfferRow,
    TierChangeRow,
    TierRow,
)

MAX_POINTS_ADJUSTMENT = 1_000_000
MAX_STORED_VALUE_ADJUSTMENT = 5_000_000
MAX_COUPON_DAYS = 366
COUPON_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read out at the counter


def new_coupon_code() -> str:
    return "CP-" + "".join(secrets.choice(COUPON_ALPHABET) for _ in range(8))


class AdjustmentRefused(TillError):
    pass


class AdjustmentService:
    def __init__(
        self, sessions: sessionmaker[Session], clock: Clock, till_id: str, auth: AuthService
    ) -> None:
        self._sessions, self._clock, self._till_id = sessions, clock, till_id
        self._auth = auth

    def needs_approval(self, staff: StaffMember, permission: Permission) -> bool:
        return needs_approval(staff.role, permission)

    def adjust_points(
        self,
        member_id: MemberId,
        delta: int,
        staff: StaffMember,
        reason: ReasonCode,
        note: str,
        approval: Approval | None = None,
    ) -> MemberSummary:
        if delta == 0 or abs(delta) > MAX_POINTS_ADJUSTMENT:
            raise AdjustmentRefused("enter a number of points to add or take away")

        def write(session: Session, member: MemberRow, approver: StaffMember) -> dict[str, int]:
            ledgers = SqlLedgers(session)
            ledgers.append_points(
                member_id=member.id,
                delta=delta,
                reason="adjustment",
                at=self._clock.now(),
                staff_id=staff.staff_id,
            )
            if ledgers.points_balance(member.id) < 0:
                raise AdjustmentRefused("the member does not have that many points")
            return {"points": delta}

        return self._apply(
            member_id,
            Permission.ADJUST_BALANCE,
            staff,
            reason,
            note,
            approval,
            "points_adjusted",
            write,
        )

    def adjust_stored_value(
        self,
        member_id: MemberId,
        principal: int,
        bonus: int,
        staff: StaffMember,
        reason: ReasonCode,
        note: str,
        approval: Approval | None = None,
    ) -> MemberSummary:
        if (principal, bonus) == (0, 0) or max(abs(principal), abs(bonus)) > (
            MAX_STORED_VALUE_ADJUSTMENT
        ):
            raise AdjustmentRefused("enter an amount to add or take away")

        def write(session: Session, member: MemberRow, approver: StaffMember) -> dict[str, int]:
            ledgers = SqlLedgers(session)
            ledgers.append_stored_value(
                member_id=member.id,
                principal=principal,
                bonus=bonus,
                reason="adjustment",
                at=self._clock.now(),
                staff_id=staff.staff_id,
            )
            left = ledgers.stored_value(member.id)
            if min(left.principal, left.bonus) < 0:
                raise AdjustmentRefused("the stored value would go below zero")
            return {"principal": principal, "bonus": bonus}

        return self._apply(
            member_id,
            Permission.ADJUST_BALANCE,
            staff,
            reason,
            note,
            approval,
            "stored_value_adjusted",
            write,
        )

    def override_tier(
        self,
        member_id: MemberId,
        tier_id: TierId,
        staff: StaffMember,
        reason: ReasonCode,
        note: str,
        approval: Approval | None = None,
    ) -> MemberSummary:
        def write(session: Session, member: MemberRow, approver: StaffMember) -> dict[str, int]:
            if session.get(TierRow, tier_id) is None:
                raise AdjustmentRefused("no such tier")
            if member.tier_id == tier_id:
                raise AdjustmentRefused("the member already has this tier")
            session.add(
                TierChangeRow(
                    member_id=member.id,
                    from_tier_id=member.tier_id,
                    to_tier_id=tier_id,
                    reason="override",
                    staff_id=staff.staff_id,
                    approver_id=approver.staff_id,
                    note=note.strip(),
                    at=self._clock.now(),
                )
            )
            changed = {"from_tier": member.tier_id, "to_tier": int(tier_id)}
            member.tier_id = tier_id
            return changed

        return self._apply(
            member_id,
            Permission.OVERRIDE_TIER,
            staff,
            reason,
            note,
            approval,
            "tier_overridden",
            write,
        )

    def issue_coupon(
        self,
        member_id: MemberId,
        offer_code: str,
        valid_days: int,
        staff: StaffMember,
        reason: ReasonCode,
        note: str,
        approval: Approval | None = None,
    ) -> MemberSummary:
        """Give the member a personal coupon of a coupon-only offer, valid ``valid_days``."""
        if not 1 <= valid_days <= MAX_COUPON_DAYS:
            raise AdjustmentRefused(f"a coupon is valid for 1 to {MAX_COUPON_DAYS} days")

        def write(session: Session, member: MemberRow, approver: StaffMember) -> dict[str, int]:
            offer = session.scalar(select(OfferRow).where(OfferRow.code == offer_code))
            if offer is None or not offer.active or not offer.coupon_only:
                raise AdjustmentRefused(f"{offer_code} is not a coupon that can be issued")
            now = self._clock.now()
            coupon = MemberCouponRow(
                code=new_coupon_code(),
                member_id=member.id,
                offer_id=offer.id,
                issued_at=now,
                issued_by=approver.staff_id,
                expires_on=now.date() + timedelta(days=valid_days),
            )
            session.add(coupon)
            session.flush()
            return {"coupon_id": coupon.id, "offer_id": offer.id, "valid_days": valid_days}

        return self._apply(
            member_id,
            Permission.ISSUE_COUPONS,
            staff,
            reason,
            note,
            approval,
            "coupon_issued",
            write,
        )

    def _apply(
        self,
        member_id: MemberId,
        permission: Permission,
        staff: StaffMember,
        reason: ReasonCode,
        note: str,
        approval: Approval | None,
        action: str,
        write: Callable[[Session, MemberRow, StaffMember], dict[str, int]],
    ) -> MemberSummary:
        if not note.strip():
            raise AdjustmentRefused("say why in the note: it goes in the audit log")
        if self.needs_approval(staff, permission):
            approver = self._auth.authorise(approval, permission)
        else:
            approver = staff
        with self._sessions.begin() as session:
            member = store.lock_member(session, member_id)
            detail = write(session, member, approver)
            SqlAuditLog(session).record(
                ActionContext(staff.staff_id, self._till_id, self._clock.now()),
                action,
                f"member:{member.member_no}",
                {
                    **detail,
                    "requested_by": staff.staff_id,
                    "approved_by": approver.staff_id,
                    "reason": reason.value,
                    "note": note.strip(),
                },
            )
            session.flush()
            return member_summary(session, member)
