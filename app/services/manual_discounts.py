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
from app.domain.request_keys import RequestKind, fingerprint
from app.domain.staff import Permission, StaffMember
from app.errors import TillError
from app.once.keys import claim, committed_outcome, once_more_if_taken
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
        request_key: str | None = None,
    ) -> ManualDiscount:
        """Approve ``request`` for ``amount`` (what it takes off the order as it stands):
        the discount never takes more than that. With a ``request_key`` the grant is
        written once: a retry gets the grant committed under it (no approval asked again)."""
        try:
            request = check_request(request)
        except ManualDiscountRejected as exc:
            raise ManualDiscountRefused(str(exc)) from exc
        if amount <= 0:
            raise ManualDiscountRefused("nothing is left to discount on this order")
        facts = {"kind": request.kind.value, "value": request.value, "item_id": request.item_id,
                 "reason": request.reason.value, "note": request.note, "limit": amount,
                 "staff": staff.staff_id}  # fmt: skip
        asked = fingerprint(RequestKind.MANUAL_DISCOUNT, facts)
        return once_more_if_taken(
            lambda: self._grant_once(request, amount, staff, approval, (request_key, asked))
        )

    def _grant_once(
        self,
        request: DiscountRequest,
        amount: int,
        staff: StaffMember,
        approval: Approval | None,
        keyed: tuple[str | None, str],
    ) -> ManualDiscount:
        key, asked = keyed
        if key is not None:
            with self._units() as uow:
                prior = committed_outcome(uow, key, RequestKind.MANUAL_DISCOUNT, asked)
            if prior is not None:
                return ManualDiscount(request, amount, int(prior["grant"]), str(prior["approver"]))
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
            outcome = {"reference": f"grant:{grant_id}", "grant": grant_id,
                       "approver": approver.display_name}  # fmt: skip
            claim(uow, key, RequestKind.MANUAL_DISCOUNT, asked, self._till_id, action.now,
                  outcome)  # fmt: skip
            uow.commit()
        return ManualDiscount(request, amount, grant_id, approver.display_name)
