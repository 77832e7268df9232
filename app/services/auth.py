"""Staff sign-in and one-shot approvals, by PIN or staff badge: slow salted PIN hashes,
lockout after repeated wrong PINs, every outcome audited."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from app.approvers import require_stored
from app.clock import Clock
from app.context import ActionContext
from app.domain.approvals import Approval, BadgeApproval, badge_number
from app.domain.pin_policy import PinPolicy
from app.domain.staff import (
    Permission,
    Role,
    StaffAccount,
    StaffId,
    StaffMember,
    StoredBadge,
    hash_badge,
    hash_pin,
    lockout_until,
    role_allows,
    verify_pin,
)
from app.domain.storage import WriteConflict
from app.errors import (
    BadgeProblem,
    BadgeRefused,
    LoginRefusal,
    LoginRefused,
    PermissionDenied,
    TillError,
)
from app.unit_of_work import UnitOfWork, UnitOfWorkFactory


class AuthService:
    def __init__(self, units: UnitOfWorkFactory, clock: Clock, till_id: str) -> None:
        self._units, self._clock, self._till_id = units, clock, till_id

    def staff_on_duty(self) -> list[StaffMember]:
        with self._units() as uow:
            return uow.staff.active()

    def log_in(self, username: str, pin: str) -> StaffMember:
        """Return the staff member, or raise ``LoginRefused`` (wrong PIN, locked, unknown,
        or a trainee: a training sandbox holds trainees as cashiers, so a trainee account
        signs in on a till in training and nowhere else).

        Failed attempts are committed before the refusal is raised, so the lockout
        counts every wrong PIN.
        """
        now = self._clock.now()
        with self._units() as uow:
            checked = self._verify_pin(uow, now, username, pin)
            if isinstance(checked, StaffAccount) and checked.staff.role is Role.TRAINEE:
                refused = {"reason": "training_only"}
                uow.audit.record(
                    self._as(checked.staff_id, now), "login_refused", _subject(checked), refused
                )
                checked = LoginRefused(LoginRefusal.TRAINING_ONLY)
            elif isinstance(checked, StaffAccount) and checked.must_change_pin:
                refused = {"reason": "new_pin_required"}
                uow.audit.record(
                    self._as(checked.staff_id, now), "login_refused", _subject(checked), refused
                )
                checked = LoginRefused(LoginRefusal.NEW_PIN_REQUIRED)
            elif isinstance(checked, StaffAccount):
                uow.audit.record(self._as(checked.staff_id, now), "login", _subject(checked))
            uow.commit()
        if isinstance(checked, LoginRefused):
            raise checked
        return checked.staff

    def pin_policy(self) -> PinPolicy:
        """The policy a new PIN is checked by, as the restaurant set it."""
        with self._units() as uow:
            return PinPolicy.from_settings(uow.restaurant.settings())

    def change_pin(self, username: str, pin: str, new_pin: str) -> StaffMember:
        """Sign in with ``pin`` and replace it by ``new_pin`` (what a person whose PIN
        was reset does: ``log_in`` refused them with ``NEW_PIN_REQUIRED``). ``pin`` is
        checked and counted as at ``log_in``; ``new_pin`` must pass the PIN policy
        (``PinRejected``) and differ from ``pin``."""
        now = self._clock.now()
        with self._units() as uow:
            policy = PinPolicy.from_settings(uow.restaurant.settings())
            policy.check(new_pin)
            if new_pin == pin:
                raise LoginRefused(LoginRefusal.SAME_PIN)
            checked = self._verify_pin(uow, now, username, pin)
            if isinstance(checked, StaffAccount) and checked.staff.role is Role.TRAINEE:
                checked = LoginRefused(LoginRefusal.TRAINING_ONLY)
            elif isinstance(checked, StaffAccount):
                uow.staff.set_pin(checked.staff_id, hash_pin(new_pin), must_change=False)
                context, subject = self._as(checked.staff_id, now), _subject(checked)
                changed = {"must_change_pin": {"before": checked.must_change_pin, "after": False}}
                uow.audit.record(context, "pin_changed", subject, changed)
                uow.audit.record(context, "login", subject)
            uow.commit()
        if isinstance(checked, LoginRefused):
            raise checked
        return checked.staff

    def authorise(self, approval: Approval | None, permission: Permission) -> StaffMember:
        """The approver an ``Approval`` names, by PIN or by badge; ``None`` names nobody."""
        if isinstance(approval, BadgeApproval):
            return self.approve_by_badge(approval.raw_read, permission)
        if approval is None:
            raise LoginRefused(LoginRefusal.UNKNOWN_STAFF)
        return self.approve(approval.username, approval.pin, permission)

    def approve(self, username: str, pin: str, permission: Permission) -> StaffMember:
        """A second staff member's PIN authorises an action; wrong PINs count as at login."""
        now = self._clock.now()
        with self._units() as uow:
            checked = self._verify_pin(uow, now, username, pin)
            if isinstance(checked, LoginRefused):
                outcome: StaffMember | TillError = checked
            elif checked.must_change_pin:  # a reset PIN is known to whoever reset it
                outcome = LoginRefused(LoginRefusal.NEW_PIN_REQUIRED)
            else:
                outcome = self._approve_as(uow, now, checked, permission, "pin")
            uow.commit()
        if isinstance(outcome, StaffMember):
            return outcome
        raise outcome

    def approve_by_badge(self, raw_card_read: str, permission: Permission) -> StaffMember:
        """The holder of the swiped badge authorises an action, when active, not locked
        out and allowed to; else ``LoginRefused`` or ``PermissionDenied``.

        ``raw_card_read`` is what the reader sent. Every refusal of a badge is audited; a
        line that names no card at all is reader noise and is not. A swipe neither counts
        towards the PIN lockout nor clears it.
        """
        badge = badge_number(raw_card_read)
        if badge is None:
            raise LoginRefused(LoginRefusal.UNREADABLE_BADGE)
        now = self._clock.now()
        with self._units() as uow:
            outcome = self._badge_holder(uow, now, badge, permission)
            uow.commit()
        if isinstance(outcome, StaffMember):
            return outcome
        raise outcome

    def badge_last4(self, staff: StaffMember) -> str | None:
        """The last four digits of ``staff``'s badge, or ``None`` when they have none."""
        with self._units() as uow:
            account = uow.staff.find(staff.staff_id)
        return None if account is None or account.badge is None else account.badge.last4

    def register_badge(self, staff: StaffMember, pin: str, raw_card_read: str) -> str:
        """Register the swiped badge as ``staff``'s own, replacing any old one, once their
        PIN is confirmed; return its last four digits.

        Refused (``BadgeRefused``) when the read names no card, the badge is someone
        else's or it is a member's card; wrong PINs count towards the lockout.
        """
        badge = badge_number(raw_card_read)
        if badge is None:
            raise BadgeRefused(BadgeProblem.UNREADABLE)
        now = self._clock.now()
        try:
            with self._units() as uow:
                checked = self._verify_pin(uow, now, staff.username, pin)
                if isinstance(checked, LoginRefused):
                    outcome: str | TillError = checked
                else:
                    outcome = self._register(uow, now, checked, badge)
                uow.commit()
        except WriteConflict as exc:  # another till registered it at the same moment
            raise BadgeRefused(BadgeProblem.TAKEN) from exc
        if isinstance(outcome, str):
            return outcome
        raise outcome

    def remove_badge(self, staff: StaffMember, pin: str) -> None:
        """Remove ``staff``'s badge (a lost card), once their PIN is confirmed."""
        now = self._clock.now()
        with self._units() as uow:
            checked = self._verify_pin(uow, now, staff.username, pin)
            if isinstance(checked, LoginRefused):
                refusal: TillError | None = checked
            elif checked.badge is None:
                refusal = BadgeRefused(BadgeProblem.NOT_REGISTERED)
            else:
                refusal = None
                uow.staff.set_badge(checked.staff_id, None)
                removed = {"badge": checked.badge.last4}
                uow.audit.record(
                    self._as(checked.staff_id, now), "badge_removed", _subject(checked), removed
                )
            uow.commit()
        if refusal is not None:
            raise refusal

    def log_out(self, staff: StaffMember) -> None:
        with self._units() as uow:
            uow.audit.record(
                self._as(staff.staff_id, self._clock.now()), "logout", f"staff:{staff.staff_id}"
            )
            uow.commit()

    def require(self, staff: StaffMember, permission: Permission) -> None:
        """``PermissionDenied`` unless the staff member's role and active flag as stored
        now allow it: ``staff`` only names who asks (its role may be stale or forged).
        One read by primary key."""
        with self._units() as uow:
            require_stored(uow.staff, staff, permission)

    def _verify_pin(
        self, uow: UnitOfWork, now: datetime, username: str, pin: str
    ) -> StaffAccount | LoginRefused:
        """The active staff member whose PIN this is, or why not. The attempt is counted in
        the database before its outcome is used, and no outcome is used while the account
        is locked, so parallel attempts get no more guesses than the limit; the caller
        commits (also before raising) so the count stays. The slow hash is computed before
        the count takes the staff row's lock, so approvals by one manager at several tills
        do not queue behind each other's hashing."""
        account = uow.staff.by_username(username)
        if account is None:
            return LoginRefused(LoginRefusal.UNKNOWN_STAFF)
        context, subject = self._as(account.staff_id, now), _subject(account)
        pin_matches = verify_pin(pin, account.pin_hash)
        attempt = uow.staff.claim_pin_attempt(account.staff_id, now)
        if attempt is None:  # locked, perhaps by a parallel attempt since it was read
            uow.audit.record(context, "login_refused_locked", subject)
            now_locked = uow.staff.find(account.staff_id) or account
            return LoginRefused(LoginRefusal.LOCKED, now_locked.locked_until)
        if pin_matches:
            uow.staff.record_sign_in(account.staff_id)
            return replace(account, failed_attempts=0, locked_until=None)
        locked_until = lockout_until(attempt, now)
        if locked_until is None:
            uow.audit.record(context, "login_failed", subject)
            return LoginRefused(LoginRefusal.WRONG_PIN)
        uow.audit.record(context, "login_locked_out", subject)
        return LoginRefused(LoginRefusal.LOCKED_NOW, locked_until)

    def _approve_as(
        self,
        uow: UnitOfWork,
        now: datetime,
        account: StaffAccount,
        permission: Permission,
        by: str,
    ) -> StaffMember | PermissionDenied:
        """``account`` approves, by ``"pin"`` or ``"badge"``, unless their role may not do
        this; audited either way."""
        approver = account.staff
        detail = {"by": by, "permission": permission.value}
        context, subject = self._as(account.staff_id, now), _subject(account)
        if not role_allows(approver.role, permission):
            refused = {**detail, "refused": "permission"}
            uow.audit.record(context, "approval_refused", subject, refused)
            refusal = f"{approver.display_name} may not {permission.value}"
            return PermissionDenied(refusal, permission)
        uow.audit.record(context, "approval", subject, detail)
        return approver

    def _badge_holder(
        self, uow: UnitOfWork, now: datetime, badge: str, permission: Permission
    ) -> StaffMember | TillError:
        account = uow.staff.by_badge(hash_badge(badge))
        if account is not None and account.active and not account.locked(now):
            return self._approve_as(uow, now, account, permission, "badge")
        detail = {"by": "badge", "permission": permission.value}
        if account is None:
            refused = {**detail, "refused": "unknown_badge", "badge": _last4(badge)}
            uow.audit.record(self._as(None, now), "approval_refused", "badge", refused)
            return LoginRefused(LoginRefusal.UNKNOWN_BADGE)
        context, subject = self._as(account.staff_id, now), _subject(account)
        if not account.active:
            refused = {**detail, "refused": "inactive"}
            uow.audit.record(context, "approval_refused", subject, refused)
            return LoginRefused(LoginRefusal.INACTIVE)
        uow.audit.record(context, "approval_refused", subject, {**detail, "refused": "locked"})
        return LoginRefused(LoginRefusal.LOCKED, account.locked_until)

    def _register(
        self, uow: UnitOfWork, now: datetime, account: StaffAccount, badge: str
    ) -> str | BadgeRefused:
        """``badge`` becomes ``account``'s unless it is someone else's or a member's card;
        audited either way."""
        context, subject = self._as(account.staff_id, now), _subject(account)
        stored = StoredBadge.of(badge)
        holder = uow.staff.by_badge(stored.digest)
        if holder is not None and holder.staff_id != account.staff_id:
            problem: BadgeProblem | None = BadgeProblem.TAKEN
        elif uow.staff.is_member_card(badge):
            problem = BadgeProblem.MEMBER_CARD
        else:
            problem = None
        if problem is not None:
            refused = {"badge": _last4(badge), "refused": problem.name.lower()}
            uow.audit.record(context, "badge_refused", subject, refused)
            return BadgeRefused(problem)
        uow.staff.set_badge(account.staff_id, stored)
        replaced = "" if account.badge is None else account.badge.last4
        registered = {"badge": stored.last4, "replaced": replaced}
        uow.audit.record(context, "badge_registered", subject, registered)
        return _last4(badge)

    def _as(self, staff_id: StaffId | None, now: datetime) -> ActionContext:
        """Sign-in events are the named staff member's own, whoever stands at the till."""
        return ActionContext(staff_id, self._till_id, now)


def _subject(account: StaffAccount) -> str:
    return f"staff:{account.staff_id}"


def _last4(badge: str) -> str:
    """Enough of a badge number to tell badges apart in the audit log and on screen."""
    return badge[-4:]
