"""Staff sign-in with PINs: slow salted hashes, lockout after repeated failures, audited."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from app.domain.staff import (
    Permission,
    StaffMember,
    lockout_until,
    role_allows,
    verify_pin,
)
from app.errors import LoginRefusal, LoginRefused, PermissionDenied
from app.ports import Clock
from app.services.mapping import staff_from_row
from db import queries
from db.models import StaffRow


class AuthService:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock, till_id: str) -> None:
        self._sessions, self._clock, self._till_id = sessions, clock, till_id

    def staff_on_duty(self) -> list[StaffMember]:
        with self._sessions() as session:
            return [staff_from_row(row) for row in queries.active_staff(session)]

    def log_in(self, username: str, pin: str) -> StaffMember:
        """Return the staff member, or raise ``LoginRefused`` (wrong PIN, locked, unknown).

        Failed attempts are committed before the refusal is raised, so the lockout
        counts every wrong PIN.
        """
        return self._check_pin(username, pin, "login")

    def approve(self, username: str, pin: str, permission: Permission) -> StaffMember:
        """A second staff member's PIN authorises an action; wrong PINs count as at login."""
        approver = self._check_pin(username, pin, "approval")
        self.require(approver, permission)
        return approver

    def _check_pin(self, username: str, pin: str, action: str) -> StaffMember:
        now = self._clock.now()
        with self._sessions.begin() as session:
            row = queries.staff_by_username(session, username)
            if row is None:
                refusal = LoginRefused(LoginRefusal.UNKNOWN_STAFF)
            elif row.locked_until is not None and row.locked_until > now:
                self._audit(session, row.id, "login_refused_locked")
                refusal = LoginRefused(LoginRefusal.LOCKED, row.locked_until)
            elif not verify_pin(pin, row.pin_hash):
                refusal = self._count_failure(session, row)
            else:
                row.failed_attempts, row.locked_until = 0, None
                self._audit(session, row.id, action)
                return staff_from_row(row)
        raise refusal

    def _count_failure(self, session: Session, row: StaffRow) -> LoginRefused:
        row.failed_attempts += 1
        row.locked_until = lockout_until(row.failed_attempts, self._clock.now())
        if row.locked_until is None:
            self._audit(session, row.id, "login_failed")
            return LoginRefused(LoginRefusal.WRONG_PIN)
        row.failed_attempts = 0
        self._audit(session, row.id, "login_locked_out")
        return LoginRefused(LoginRefusal.LOCKED_NOW, row.locked_until)

    def log_out(self, staff: StaffMember) -> None:
        with self._sessions.begin() as session:
            self._audit(session, staff.staff_id, "logout")

    def require(self, staff: StaffMember, permission: Permission) -> None:
        if not role_allows(staff.role, permission):
            raise PermissionDenied(f"{staff.display_name} may not {permission.value}")

    def _audit(self, session: Session, staff_id: int, action: str) -> None:
        queries.record_audit(
            session,
            at=self._clock.now(),
            till_id=self._till_id,
            staff_id=staff_id,
            action=action,
            subject=f"staff:{staff_id}",
        )
