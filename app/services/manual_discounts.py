"""Manual discounts: approved once at the till, recorded with both names, used by one
order.

The approval is written down as a grant before the order is paid; the checkout marks
the grant used by its order in the same transaction, so a grant never serves two
orders, another cashier or another till.
"""

from __future__ import annotations

from app.approvers import Authoriser
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
from app.unit_of_work import UnitOfWorkFactory


class ManualDiscountRefused(TillError):
    pass


class ManualDiscountService:
    def __init__(
        self, units: UnitOfWorkFactory, clock: Clock, till_id: str, auth: Authoriser
    ) -> None:
        self._units, self._clock, self._till_id = units, clock, till_id
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
            self._auth.require(staff, Permission.MANUAL_DISCOUNT)
            approver = staff
        action = ActionContext.begin(self._clock, self._till_id, staff.staff_id)
        with self._units() as uow:
            grant_id = uow.orders.grant_manual_discount(
                request,
                amount,
                requester_id=staff.staff_id,
                approver_id=approver.staff_id,
                till_id=self._till_id,
                at=action.now,
            )
            uow.audit.record(
                action,
                "manual_discount_granted",
                f"grant:{grant_id}",
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
            uow.commit()
        return ManualDiscount(request, amount, grant_id, approver.display_name)
