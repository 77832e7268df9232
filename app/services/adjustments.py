"""Corrections by hand: points, stored value, tier overrides and goodwill coupons, each
with a reason and a manager's one-shot approval, recorded with both names. Balances never
go negative."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import timedelta

from app.approvers import Authoriser
from app.clock import Clock
from app.context import ActionContext
from app.domain.approvals import Approval, ReasonCode, needs_approval
from app.domain.members import MemberId, MemberSummary
from app.domain.request_keys import RequestKind, fingerprint
from app.domain.staff import Permission, StaffMember
from app.domain.tiers import TierChange, TierId
from app.errors import TillError
from app.once.keys import claim, committed_outcome, once_more_if_taken
from app.unit_of_work import UnitOfWork, UnitOfWorkFactory

MAX_POINTS_ADJUSTMENT = 1_000_000
MAX_STORED_VALUE_ADJUSTMENT = 5_000_000
MAX_COUPON_DAYS = 366
COUPON_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read out at the counter


def new_coupon_code() -> str:
    return "CP-" + "".join(secrets.choice(COUPON_ALPHABET) for _ in range(8))


class AdjustmentRefused(TillError):
    pass


Write = Callable[[UnitOfWork, MemberSummary, ActionContext, StaffMember], dict[str, int]]
"""One correction's writes in the unit; returns the facts the audit event keeps."""


class AdjustmentService:
    def __init__(
        self, units: UnitOfWorkFactory, clock: Clock, till_id: str, auth: Authoriser
    ) -> None:
        self._units, self._clock, self._till_id = units, clock, till_id
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
        request_key: str | None = None,
    ) -> MemberSummary:
        if delta == 0 or abs(delta) > MAX_POINTS_ADJUSTMENT:
            raise AdjustmentRefused("enter a number of points to add or take away")

        def write(
            uow: UnitOfWork, member: MemberSummary, action: ActionContext, _: StaffMember
        ) -> dict[str, int]:
            uow.ledgers.append_points(
                member_id=member.member_id,
                delta=delta,
                reason="adjustment",
                at=action.now,
                staff_id=action.staff_id,
            )
            if uow.ledgers.points_balance(member.member_id) < 0:
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
            (request_key, {"points": delta}),
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
        request_key: str | None = None,
    ) -> MemberSummary:
        if (principal, bonus) == (0, 0) or max(abs(principal), abs(bonus)) > (
            MAX_STORED_VALUE_ADJUSTMENT
        ):
            raise AdjustmentRefused("enter an amount to add or take away")

        def write(
            uow: UnitOfWork, member: MemberSummary, action: ActionContext, _: StaffMember
        ) -> dict[str, int]:
            uow.ledgers.append_stored_value(
                member_id=member.member_id,
                principal=principal,
                bonus=bonus,
                reason="adjustment",
                at=action.now,
                staff_id=action.staff_id,
            )
            left = uow.ledgers.stored_value(member.member_id)
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
            (request_key, {"principal": principal, "bonus": bonus}),
        )

    def override_tier(
        self,
        member_id: MemberId,
        tier_id: TierId,
        staff: StaffMember,
        reason: ReasonCode,
        note: str,
        approval: Approval | None = None,
        request_key: str | None = None,
    ) -> MemberSummary:
        def write(
            uow: UnitOfWork, member: MemberSummary, action: ActionContext, approver: StaffMember
        ) -> dict[str, int]:
            if uow.tiers.get(tier_id) is None:
                raise AdjustmentRefused("no such tier")
            if member.tier.tier_id == tier_id:
                raise AdjustmentRefused("the member already has this tier")
            change = TierChange(
                to_tier=tier_id,
                reason="override",
                at=action.now,
                staff_id=action.staff_id,
                approver_id=approver.staff_id,
                note=note.strip(),
            )
            uow.members.change_tier(member.member_id, change)
            return {"from_tier": int(member.tier.tier_id), "to_tier": int(tier_id)}

        return self._apply(
            member_id,
            Permission.OVERRIDE_TIER,
            staff,
            reason,
            note,
            approval,
            "tier_overridden",
            write,
            (request_key, {"tier": int(tier_id)}),
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
        request_key: str | None = None,
    ) -> MemberSummary:
        """Give the member a personal coupon of a coupon-only offer, valid ``valid_days``."""
        if not 1 <= valid_days <= MAX_COUPON_DAYS:
            raise AdjustmentRefused(f"a coupon is valid for 1 to {MAX_COUPON_DAYS} days")

        def write(
            uow: UnitOfWork, member: MemberSummary, action: ActionContext, approver: StaffMember
        ) -> dict[str, int]:
            offer_id = uow.coupons.issuable_offer(offer_code)
            if offer_id is None:
                raise AdjustmentRefused(f"{offer_code} is not a coupon that can be issued")
            coupon_id = uow.coupons.issue(
                member_id=member.member_id,
                offer_id=offer_id,
                code=new_coupon_code(),
                issued_at=action.now,
                issued_by=approver.staff_id,
                expires_on=action.now.date() + timedelta(days=valid_days),
            )
            return {"coupon_id": coupon_id, "offer_id": offer_id, "valid_days": valid_days}

        return self._apply(
            member_id,
            Permission.ISSUE_COUPONS,
            staff,
            reason,
            note,
            approval,
            "coupon_issued",
            write,
            (request_key, {"offer": offer_code, "days": valid_days}),
        )

    def _apply(
        self,
        member_id: MemberId,
        permission: Permission,
        staff: StaffMember,
        reason: ReasonCode,
        note: str,
        approval: Approval | None,
        action_name: str,
        write: Write,
        keyed: tuple[str | None, dict[str, object]] = (None, {}),
    ) -> MemberSummary:
        """``keyed``: the till's request key and what is asked; a retry with the key gets
        the member as they are now, the correction committed once."""
        if not note.strip():
            raise AdjustmentRefused("say why in the note: it goes in the audit log")
        key, facts = keyed
        asked = fingerprint(
            RequestKind.ADJUSTMENT,
            {**facts, "action": action_name, "member": member_id, "reason": reason.value,
             "note": note.strip()},
        )  # fmt: skip
        return once_more_if_taken(
            lambda: self._apply_once(member_id, permission, staff, reason, note, approval,
                                     action_name, write, key, asked)
        )  # fmt: skip

    def _apply_once(
        self,
        member_id: MemberId,
        permission: Permission,
        staff: StaffMember,
        reason: ReasonCode,
        note: str,
        approval: Approval | None,
        action_name: str,
        write: Write,
        key: str | None,
        asked: str,
    ) -> MemberSummary:
        if key is not None:
            with self._units() as uow:
                if committed_outcome(uow, key, RequestKind.ADJUSTMENT, asked) is not None:
                    return uow.members.summary(member_id)
        if self.needs_approval(staff, permission):
            approver = self._auth.authorise(approval, permission)
        else:
            self._auth.require(staff, permission)
            approver = staff
        action = ActionContext.begin(self._clock, self._till_id, staff.staff_id)
        with self._units() as uow:
            member = uow.members.lock(member_id)
            detail = write(uow, member, action, approver)
            uow.audit.record(
                action,
                action_name,
                f"member:{member.member_no}",
                {
                    **detail,
                    "requested_by": staff.staff_id,
                    "approved_by": approver.staff_id,
                    "reason": reason.value,
                    "note": note.strip(),
                },
            )
            after = uow.members.summary(member_id)
            claim(uow, key, RequestKind.ADJUSTMENT, asked, self._till_id, action.now,
                  {"reference": member.member_no, "action": action_name})  # fmt: skip
            uow.commit()
        return after
