"""Manual discounts: approved once at the till, recorded with both names, used by one
order.

The approval is written down as a grant before the order is paid; the checkout marks
the grant used by its order in the same transaction, so a grant never serves two
orders, another cashier or another till.
"""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock
from app.context import ActionContext
from app.domain.approvals import Approval, needs_approval
from app.domain.manual_discount import (
    DiscountRequest,
    ManualDiscount,
    ManualDiscountRejected,
    check_request,
)
from app.domain.staff import Permission, StaffMember
from app.errors import TillError
from app.services.auth import AuthService
from db.audit_log import SqlAuditLog
from db.models import ManualDiscountGrantRow


class ManualDiscountRefused(TillError):
    pass


class ManualDiscountService:
    def __init__(
        self, sessions: sessionmaker[Session], clock: Clock, till_id: str, auth: AuthService
    ) -> None:
        self._sessions, self._clock, self._till_id = sessions, clock, till_id
        self._auth = auth

    def needs_approval(self, staff: StaffMember, amount: int) -> bool:
        return needs_approval(staff.role, Permission.MANUAL_DISCOUNT, amount)

    def grant(
        self,
        request: DiscountRequest,
        amount: int,
        staff: StaffMember,
        approval: Approval | None = None,
    ) -> ManualDiscount:
        """Approve ``request`` for ``amount`` (what it takes off the order as it stands):
        the discount never takes more than that."""
        try:
            request = check_request(request)
        except ManualDiscountRejected as exc:
            raise ManualDiscountRefused(str(exc)) from exc
        if amount <= 0:
            raise ManualDiscountRefused("nothing is left to discount on this order")
        if self.needs_approval(staff, amount):
            approver = self._auth.authorise(approval, Permission.MANUAL_DISCOUNT)
        else:
            approver = staff
        now = self._clock.now()
        with self._sessions.begin() as session:
            grant = ManualDiscountGrantRow(
                granted_at=now,
                till_id=self._till_id,
                requester_id=staff.staff_id,
                approver_id=approver.staff_id,
                kind=request.kind.value,
                value=request.value,
                item_id=request.item_id,
                reason_code=request.reason.value,
                note=request.note,
                limit_fen=amount,
            )
            session.add(grant)
            session.flush()
            SqlAuditLog(session).record(
                ActionContext(staff.staff_id, self._till_id, now),
                "manual_discount_granted",
                f"grant:{grant.id}",
                {
                    "kind": request.kind.value,
                    "value": request.value,
                    "item_id": request.item_id,
                    "limit": amount,
                    "requested_by": staff.staff_id,
                    "approved_by": approver.staff_id,
                    "reason": request.reason.value,
                    "note": request.note,
                },
            )
            return ManualDiscount(request, amount, grant.id, approver.display_name)
