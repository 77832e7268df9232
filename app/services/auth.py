"""Staff sign-in and one-shot approvals, by PIN or staff badge: slow salted PIN hashes,
lockout after repeated wrong PINs, every outcome audited."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock
from app.context import ActionContext
from app.domain.approvals import Approval, BadgeApproval, badge_number
from app.domain.staff import (
    Permission,
    Role,
    StaffMember,
    lockout_until,
    role_allows,
    verify_pin,
)
from app.errors import (
    BadgeProblem,
    BadgeRefused,
    LoginRefusal,
    LoginRefused,
    PermissionDenied,
    TillError,
)
from db import queries
from db.audit_log import SqlAuditLog
from db.models import StaffRow
from db.queries import staff_from_row


class AuthService:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock, till_id: str) -> None:
        self._sessions, self._clock, self._till_id = sessions, clock, till_id

    def staff_on_duty(self) -> list[StaffMember]:
        with self._sessions() as session:
            return [staff_from_row(row) for row in queries.active_staff(session)]

    def log_in(self, username: str, pin: str) -> StaffMember:
        """Return the staff member, or raise ``LoginRefused`` (wrong PIN, locked, unknown,
        or a trainee: a training sandbox holds trainees as cashiers, so a trainee account
        signs in on a till in training and nowhere else).

        Failed attempts are committed before the refusal is raised, so the lockout
        counts every wrong PIN.
        """
        with self._sessions.begin() as session:
            checked = self._verify_pin(session, username, pin)
            if isinstance(checked, StaffRow) and checked.role == Role.TRAINEE.value:
                self._audit(session, checked.id, "login_refused", {"reason": "training_only"})
                checked = LoginRefused(LoginRefusal.TRAINING_ONLY)
            elif isinstance(checked, StaffRow):
                self._audit(session, checked.id, "login")
                return staff_from_row(checked)
        raise checked

    def authorise(self, approval: Approval | None, permission: Permission) -> StaffMember:
        """The approver an ``Approval`` names, by PIN or by badge; ``None`` names nobody."""
        if isinstance(approval, BadgeApproval):
            return self.approve_by_badge(approval.raw_read, permission)
        if approval is None:
            raise LoginRefused(LoginRefusal.UNKNOWN_STAFF)
        return self.approve(approval.username, approval.pin, permission)

    def approve(self, username: str, pin: str, permission: Permission) -> StaffMember:
        """A second staff member's PIN authorises an action; wrong PINs count as at login."""
        with self._sessions.begin() as session:
            checked = self._verify_pin(session, username, pin)
            if isinstance(checked, LoginRefused):
                outcome: StaffMember | TillError = checked
            else:
                outcome = self._approve_as(session, checked, permission, "pin")
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
        with self._sessions.begin() as session:
            outcome = self._badge_holder(session, badge, permission)
            if isinstance(outcome, StaffMember):
                return outcome
        raise outcome

    def badge_last4(self, staff: StaffMember) -> str | None:
        """The last four digits of ``staff``'s badge, or ``None`` when they have none."""
        with self._sessions() as session:
            row = session.get(StaffRow, staff.staff_id)
            return None if row is None or row.badge_no is None else _last4(row.badge_no)

    def register_badge(self, staff: StaffMember, pin: str, raw_card_read: str) -> str:
        """Register the swiped badge as ``staff``'s own, replacing any old one, once their
        PIN is confirmed; return its last four digits.

        Refused (``BadgeRefused``) when the read names no card, the badge is someone
        else's or it is a member's card; wrong PINs count towards the lockout.
        """
        badge = badge_number(raw_card_read)
        if badge is None:
            raise BadgeRefused(BadgeProblem.UNREADABLE)
        try:
            with self._sessions.begin() as session:
                checked = self._verify_pin(session, staff.username, pin)
                if isinstance(checked, LoginRefused):
                    refusal: TillError = checked
                else:
                    problem = self._badge_problem(session, checked, badge)
                    if problem is None:
                        replaced, checked.badge_no = checked.badge_no, badge
                        registered = {"badge": _last4(badge), "replaced": _last4(replaced or "")}
                        self._audit(session, checked.id, "badge_registered", registered)
                        return _last4(badge)
                    refused = {"badge": _last4(badge), "refused": problem.name.lower()}
                    self._audit(session, checked.id, "badge_refused", refused)
                    refusal = BadgeRefused(problem)
        except IntegrityError as exc:  # another till registered it at the same moment
            raise BadgeRefused(BadgeProblem.TAKEN) from exc
        raise refusal

    def remove_badge(self, staff: StaffMember, pin: str) -> None:
        """Remove ``staff``'s badge (a lost card), once their PIN is confirmed."""
        with self._sessions.begin() as session:
            checked = self._verify_pin(session, staff.username, pin)
            if isinstance(checked, LoginRefused):
                refusal: TillError = checked
            elif checked.badge_no is None:
                refusal = BadgeRefused(BadgeProblem.NOT_REGISTERED)
            else:
                removed = {"badge": _last4(checked.badge_no)}
                checked.badge_no = None
                self._audit(session, checked.id, "badge_removed", removed)
                return
        raise refusal

    def log_out(self, staff: StaffMember) -> None:
        with self._sessions.begin() as session:
            self._audit(session, staff.staff_id, "logout")

    def require(self, staff: StaffMember, permission: Permission) -> None:
        if not role_allows(staff.role, permission):
            raise PermissionDenied(f"{staff.display_name} may not {permission.value}")

    def _verify_pin(self, session: Session, username: str, pin: str) -> StaffRow | LoginRefused:
        """The active staff member whose PIN this is, or why not; a wrong PIN is counted
        (and audited) in ``session``, so the caller commits before raising."""
        row = queries.staff_by_username(session, username)
        if row is None:
            return LoginRefused(LoginRefusal.UNKNOWN_STAFF)
        if _locked(row, self._clock.now()):
            self._audit(session, row.id, "login_refused_locked")
            return LoginRefused(LoginRefusal.LOCKED, row.locked_until)
        if not verify_pin(pin, row.pin_hash):
            return self._count_failure(session, row)
        row.failed_attempts, row.locked_until = 0, None
        return row

    def _count_failure(self, session: Session, row: StaffRow) -> LoginRefused:
        row.failed_attempts += 1
        row.locked_until = lockout_until(row.failed_attempts, self._clock.now())
        if row.locked_until is None:
            self._audit(session, row.id, "login_failed")
            return LoginRefused(LoginRefusal.WRONG_PIN)
        row.failed_attempts = 0
        self._audit(session, row.id, "login_locked_out")
        return LoginRefused(LoginRefusal.LOCKED_NOW, row.locked_until)

    def _approve_as(
        self, session: Session, row: StaffRow, permission: Permission, by: str
    ) -> StaffMember | PermissionDenied:
        """``row`` approves, by ``"pin"`` or ``"badge"``, unless their role may not do
        this; audited either way."""
        approver = staff_from_row(row)
        detail = {"by": by, "permission": permission.value}
        if not role_allows(approver.role, permission):
            self._audit(session, row.id, "approval_refused", {**detail, "refused": "permission"})
            return PermissionDenied(f"{approver.display_name} may not {permission.value}")
        self._audit(session, row.id, "approval", detail)
        return approver

    def _badge_holder(
        self, session: Session, badge: str, permission: Permission
    ) -> StaffMember | TillError:
        row = queries.staff_by_badge(session, badge)
        if row is not None and row.active and not _locked(row, self._clock.now()):
            return self._approve_as(session, row, permission, "badge")
        detail = {"by": "badge", "permission": permission.value}
        if row is None:
            refused = {**detail, "refused": "unknown_badge", "badge": _last4(badge)}
            self._audit(session, None, "approval_refused", refused)
            return LoginRefused(LoginRefusal.UNKNOWN_BADGE)
        if not row.active:
            self._audit(session, row.id, "approval_refused", {**detail, "refused": "inactive"})
            return LoginRefused(LoginRefusal.INACTIVE)
        self._audit(session, row.id, "approval_refused", {**detail, "refused": "locked"})
        return LoginRefused(LoginRefusal.LOCKED, row.locked_until)

    def _badge_problem(self, session: Session, row: StaffRow, badge: str) -> BadgeProblem | None:
        holder = queries.staff_by_badge(session, badge)
        if holder is not None and holder.id != row.id:
            return BadgeProblem.TAKEN
        if queries.card_by_number(session, badge) is not None:
            return BadgeProblem.MEMBER_CARD
        return None

    def _audit(
        self,
        session: Session,
        staff_id: int | None,
        action: str,
        detail: dict[str, str] | None = None,
    ) -> None:
        SqlAuditLog(session).record(
            ActionContext(staff_id, self._till_id, self._clock.now()),
            action,
            f"staff:{staff_id}" if staff_id is not None else "badge",
            detail,
        )


def _locked(row: StaffRow, now: datetime) -> bool:
    return row.locked_until is not None and row.locked_until > now


def _last4(badge: str) -> str:
    """Enough of a badge number to tell badges apart in the audit log and on screen."""
    return badge[-4:]
