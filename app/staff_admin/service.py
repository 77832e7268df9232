"""Managing the staff list, as a manager in the back office.

Every change is checked against the role stored for the manager who asks
(``require_stored``) and audited with who, what and the values before and after; a PIN or
a badge number never reaches the audit log (a badge's last four digits do). Nobody is
deleted: orders, refunds and the audit log refer to them, so a leaver is disabled. The last
active manager can be neither disabled nor given another role: someone must be able to
come back here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.approvers import require_stored
from app.clock import Clock
from app.context import ActionContext
from app.domain.approvals import badge_number
from app.domain.pin_policy import SETTING, PinPolicy
from app.domain.staff import (
    MANAGER_ROLES,
    Permission,
    Role,
    StaffAccount,
    StaffId,
    StaffMember,
    StoredBadge,
    hash_pin,
)
from app.domain.storage import WriteConflict
from app.errors import BadgeProblem, BadgeRefused, StaffProblem, StaffRefused
from app.unit_of_work import UnitOfWork, UnitOfWorkFactory

_USERNAME = re.compile(r"[A-Za-z0-9._-]{2,32}")
_DOING = "manage staff"


@dataclass(frozen=True)
class StaffEntry:
    """One line of the staff list: never a PIN hash or a badge's hash."""

    staff: StaffMember
    active: bool
    badge_last4: str | None
    must_change_pin: bool
    locked: bool


@dataclass(frozen=True)
class NewStaff:
    username: str
    display_name: str
    role: Role


class StaffAdmin:
    def __init__(self, units: UnitOfWorkFactory, clock: Clock, till_id: str) -> None:
        self._units, self._clock, self._till_id = units, clock, till_id

    def listed(self, manager: StaffMember) -> list[StaffEntry]:
        """Everyone, disabled staff too, in the order they were added."""
        now = self._clock.now()
        with self._units() as uow:
            require_stored(uow.staff, manager, Permission.MANAGE_STAFF, _DOING)
            return [
                StaffEntry(
                    a.staff,
                    a.active,
                    None if a.badge is None else a.badge.last4,
                    a.must_change_pin,
                    a.locked(now),
                )
                for a in uow.staff.everyone()
            ]

    def pin_policy(self) -> PinPolicy:
        """The policy new PINs are checked by (anyone may read it: sign-in needs it)."""
        with self._units() as uow:
            return PinPolicy.from_settings(uow.restaurant.settings())

    def set_pin_policy(self, manager: StaffMember, min_length: int) -> PinPolicy:
        """PINs from now on have at least ``min_length`` (4 or 6) digits; PINs already
        set stay until they are next changed. ``ValueError`` for another length."""
        policy = PinPolicy(min_length=min_length)
        with self._units() as uow:
            require_stored(uow.staff, manager, Permission.MANAGE_STAFF, _DOING)
            before = PinPolicy.from_settings(uow.restaurant.settings())
            uow.restaurant.set_setting(SETTING, str(policy.min_length))
            change = {"before": before.min_length, "after": policy.min_length}
            uow.audit.record(self._as(manager), "pin_policy_changed", SETTING, change)
            uow.commit()
        return policy

    def add(self, manager: StaffMember, new: NewStaff, pin: str) -> StaffId:
        """A new active account that signs in once with ``pin`` (checked by the PIN policy:
        ``PinRejected``) and then chooses its own, as after a reset; ``StaffRefused`` for a
        bad or taken sign-in name or a bad name."""
        username, name = new.username.strip(), _checked_name(new.display_name)
        if not _USERNAME.fullmatch(username):
            raise StaffRefused(StaffProblem.BAD_USERNAME)
        try:
            with self._units() as uow:
                require_stored(uow.staff, manager, Permission.MANAGE_STAFF, _DOING)
                PinPolicy.from_settings(uow.restaurant.settings()).check(pin)
                if uow.staff.username_taken(username):
                    raise StaffRefused(StaffProblem.USERNAME_TAKEN)
                pin_hash = hash_pin(pin)
                staff_id = uow.staff.add(username, name, new.role, pin_hash)
                # The manager knows this PIN: like a reset one, it signs in once.
                uow.staff.set_pin(staff_id, pin_hash, must_change=True)
                after = {
                    "username": username,
                    "name": name,
                    "role": new.role.value,
                    "must_change_pin": True,
                }
                uow.audit.record(self._as(manager), "staff_added", _subject(staff_id), after)
                uow.commit()
        except WriteConflict as exc:  # another till added the name at the same moment
            raise StaffRefused(StaffProblem.USERNAME_TAKEN) from exc
        return staff_id

    def edit(self, manager: StaffMember, staff_id: StaffId, display_name: str, role: Role) -> None:
        """A new name or role; the last active manager keeps the manager's role."""
        name = _checked_name(display_name)
        with self._units() as uow:
            account = self._target(uow, manager, staff_id)
            before = {"name": account.staff.display_name, "role": account.staff.role.value}
            after = {"name": name, "role": role.value}
            if before == after:
                return
            if role not in MANAGER_ROLES:
                _keep_a_manager(uow, account)
            uow.staff.set_profile(staff_id, name, role)
            detail = {"before": before, "after": after}
            uow.audit.record(self._as(manager), "staff_edited", _subject(staff_id), detail)
            uow.commit()

    def set_active(self, manager: StaffMember, staff_id: StaffId, active: bool) -> None:
        """Disable (``active=False``: they can no longer sign in or approve) or enable
        again; the last active manager cannot be disabled."""
        with self._units() as uow:
            account = self._target(uow, manager, staff_id)
            if account.active == active:
                return
            if not active:
                _keep_a_manager(uow, account)
            uow.staff.set_active(staff_id, active)
            action = "staff_enabled" if active else "staff_disabled"
            detail = {"before": {"active": account.active}, "after": {"active": active}}
            uow.audit.record(self._as(manager), action, _subject(staff_id), detail)
            uow.commit()

    def reset_pin(self, manager: StaffMember, staff_id: StaffId, one_time_pin: str) -> None:
        """``one_time_pin`` (checked by the policy) signs them in once, and they then
        choose their own; any lockout ends."""
        with self._units() as uow:
            account = self._target(uow, manager, staff_id)
            PinPolicy.from_settings(uow.restaurant.settings()).check(one_time_pin)
            uow.staff.set_pin(staff_id, hash_pin(one_time_pin), must_change=True)
            detail = {"must_change_pin": {"before": account.must_change_pin, "after": True}}
            uow.audit.record(self._as(manager), "pin_reset", _subject(staff_id), detail)
            uow.commit()

    def register_badge(self, manager: StaffMember, staff_id: StaffId, raw_read: str) -> str:
        """The swiped (or typed) badge becomes theirs, replacing any old one; its last four
        digits. ``BadgeRefused`` for a read naming no card, someone else's badge or a
        member's card."""
        badge = badge_number(raw_read)
        if badge is None:
            raise BadgeRefused(BadgeProblem.UNREADABLE)
        stored = StoredBadge.of(badge)
        try:
            with self._units() as uow:
                account = self._target(uow, manager, staff_id)
                holder = uow.staff.by_badge(stored.digest)
                if holder is not None and holder.staff_id != staff_id:
                    raise BadgeRefused(BadgeProblem.TAKEN)
                if uow.staff.is_member_card(badge):
                    raise BadgeRefused(BadgeProblem.MEMBER_CARD)
                uow.staff.set_badge(staff_id, stored)
                before = None if account.badge is None else account.badge.last4
                detail = {"before": {"badge": before}, "after": {"badge": stored.last4}}
                uow.audit.record(self._as(manager), "badge_registered", _subject(staff_id), detail)
                uow.commit()
        except WriteConflict as exc:  # another till registered it at the same moment
            raise BadgeRefused(BadgeProblem.TAKEN) from exc
        return stored.last4

    def remove_badge(self, manager: StaffMember, staff_id: StaffId) -> None:
        """A lost badge no longer approves anything."""
        with self._units() as uow:
            account = self._target(uow, manager, staff_id)
            if account.badge is None:
                raise BadgeRefused(BadgeProblem.NOT_REGISTERED)
            uow.staff.set_badge(staff_id, None)
            detail = {"before": {"badge": account.badge.last4}, "after": {"badge": None}}
            uow.audit.record(self._as(manager), "badge_removed", _subject(staff_id), detail)
            uow.commit()

    def _target(self, uow: UnitOfWork, manager: StaffMember, staff_id: StaffId) -> StaffAccount:
        require_stored(uow.staff, manager, Permission.MANAGE_STAFF, _DOING)
        account = uow.staff.find(staff_id)
        if account is None:
            raise StaffRefused(StaffProblem.UNKNOWN_STAFF)
        return account

    def _as(self, manager: StaffMember) -> ActionContext:
        return ActionContext(manager.staff_id, self._till_id, self._clock.now())


def _keep_a_manager(uow: UnitOfWork, account: StaffAccount) -> None:
    """``StaffRefused`` when ``account`` is the only active manager left."""
    if account.active and account.staff.role in MANAGER_ROLES:
        others = [i for i in uow.staff.active_managers() if i != account.staff_id]
        if not others:
            raise StaffRefused(StaffProblem.LAST_MANAGER)


def _checked_name(display_name: str) -> str:
    name = display_name.strip()
    if not 1 <= len(name) <= 64:
        raise StaffRefused(StaffProblem.BAD_NAME)
    return name


def _subject(staff_id: StaffId) -> str:
    return f"staff:{staff_id}"
