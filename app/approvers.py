"""Who may do what: the port services use to check a role or a second person's approval
(``app.services.auth.AuthService`` fits it; unit tests pass a hand-written one)."""

from __future__ import annotations

from typing import Protocol

from app.domain.approvals import Approval
from app.domain.staff import Permission, StaffMember


class Authoriser(Protocol):
    def authorise(self, approval: Approval | None, permission: Permission) -> StaffMember:
        """The approving staff member, or ``LoginRefused`` / ``PermissionDenied``."""

    def require(self, staff: StaffMember, permission: Permission) -> None:
        """``PermissionDenied`` unless ``staff`` may do it themselves."""
