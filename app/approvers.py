"""Who may do what: the port services use to check a role or a second person's approval
(``app.services.auth.AuthService`` fits it; unit tests pass a hand-written one)."""

from __future__ import annotations

from typing import Protocol

from app.domain.approvals import Approval
from app.domain.staff import Permission, StaffMember, may
from app.errors import PermissionDenied
from app.unit_of_work import StaffAccounts


class Authoriser(Protocol):
    def authorise(self, approval: Approval | None, permission: Permission) -> StaffMember:
        """The approving staff member, or ``LoginRefused`` / ``PermissionDenied``."""

    def require(self, staff: StaffMember, permission: Permission) -> None:
        """``PermissionDenied`` unless ``staff`` may do it themselves."""


def require_stored(
    accounts: StaffAccounts, staff: StaffMember, permission: Permission, doing: str = ""
) -> None:
    """``PermissionDenied`` unless the account stored for ``staff.staff_id`` is active and
    its role allows ``permission``: the role ``staff`` carries is only a claim (stale after
    a demotion, or forged). One read by primary key; every check of a person's own right
    goes through here. ``doing`` words the refusal ("take payments")."""
    if not may(accounts.find(staff.staff_id), permission):
        refusal = f"{staff.display_name} may not {doing or permission.value}"
        raise PermissionDenied(refusal, permission)
