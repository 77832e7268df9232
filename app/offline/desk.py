"""The manager's side of offline selling: each tier's allowance, the overdrafts replayed
sales left, and settling one from the member's stored value at their next visit (a
top-up)."""

from __future__ import annotations

from dataclasses import dataclass

from app.approvers import require_stored
from app.clock import Clock
from app.context import ActionContext
from app.domain.members import MemberId
from app.domain.offline import (
    Allowance,
    OfflineOverdraft,
    allowance_key,
    allowance_of,
)
from app.domain.staff import Permission, StaffMember
from app.errors import TillError
from app.unit_of_work import UnitOfWorkFactory

SETTLED_REASON = "overdraft_settled"
MAX_ALLOWANCE = 10_000_000


class AllowanceRefused(TillError):
    pass


@dataclass(frozen=True)
class TierAllowance:
    tier_code: str
    tier_name: str
    allowance: Allowance


class OfflineDesk:
    def __init__(self, units: UnitOfWorkFactory, clock: Clock, till_id: str) -> None:
        self._units, self._clock, self._till_id = units, clock, till_id

    def allowances(self) -> list[TierAllowance]:
        with self._units() as uow:
            settings = uow.restaurant.settings()
            return [
                TierAllowance(tier.code, tier.name_en, allowance_of(settings, tier.code))
                for tier in uow.tiers.ranked()
            ]

    def set_allowance(
        self, staff: StaffMember, tier_code: str, stored_value: int, points: int
    ) -> Allowance:
        """What a member of the tier may spend offline per outage (minor units, points)."""
        if not (0 <= stored_value <= MAX_ALLOWANCE and 0 <= points <= MAX_ALLOWANCE):
            raise AllowanceRefused("an offline allowance is a whole amount from 0 up")
        action = ActionContext.begin(self._clock, self._till_id, staff.staff_id)
        with self._units() as uow:
            require_stored(uow.staff, staff, Permission.EDIT_LOYALTY_RULES, "set allowances")
            if tier_code not in {tier.code for tier in uow.tiers.ranked()}:
                raise AllowanceRefused(f"there is no tier {tier_code}")
            uow.restaurant.set_setting(allowance_key("stored_value", tier_code), str(stored_value))
            uow.restaurant.set_setting(allowance_key("points", tier_code), str(points))
            detail = {"tier": tier_code, "stored_value": stored_value, "points": points}
            uow.audit.record(action, "offline_allowance_set", f"tier:{tier_code}", detail)
            uow.commit()
        return Allowance(stored_value, points)

    def overdrafts(self, *, open_only: bool = True) -> list[OfflineOverdraft]:
        with self._units() as uow:
            return uow.offline_overdrafts.listed(open_only=open_only)

    def settle(self, staff: StaffMember, member_id: MemberId) -> list[OfflineOverdraft]:
        """Settle the member's open overdrafts, oldest first, as far as their stored value
        and points now cover each (call it after a top-up); returns those settled."""
        action = ActionContext.begin(self._clock, self._till_id, staff.staff_id)
        settled: list[OfflineOverdraft] = []
        with self._units() as uow:
            require_stored(uow.staff, staff, Permission.CHECKOUT, "settle overdrafts")
            member = uow.members.lock(member_id)
            for owed in uow.offline_overdrafts.owed_by(member_id):
                value = uow.ledgers.stored_value(member_id)
                if value.total < owed.stored_value:
                    break
                if uow.ledgers.points_balance(member_id) < owed.points:
                    break
                if not uow.offline_overdrafts.settle(owed.overdraft_id, action.now):
                    continue  # another till settled it a moment ago
                principal = min(value.principal, owed.stored_value)
                bonus = owed.stored_value - principal
                if owed.stored_value:
                    uow.ledgers.append_stored_value(
                        member_id=member_id, principal=-principal, bonus=-bonus,
                        reason=SETTLED_REASON, at=action.now, staff_id=action.staff_id,
                    )  # fmt: skip
                if owed.points:
                    uow.ledgers.append_points(
                        member_id=member_id, delta=-owed.points, reason=SETTLED_REASON,
                        at=action.now, staff_id=action.staff_id,
                    )  # fmt: skip
                detail = {"stored_value": owed.stored_value, "points": owed.points}
                uow.audit.record(action, "offline_overdraft_settled", member.member_no, detail)
                settled.append(owed)
            uow.commit()
        return settled
