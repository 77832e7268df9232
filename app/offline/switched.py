"""The counter's services as the screens see them: each call goes to the server's service
or, while the counter sells on the local copy (``OfflineCounter.side``), to the copy's.
The side is read when the call is made, on the pool thread that makes it."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date

from app.domain.approvals import Approval, ReasonCode
from app.domain.bill import Bill
from app.domain.draft import OrderDraft
from app.domain.enrolment import EnrolmentForm
from app.domain.loyalty import LoyaltyRules
from app.domain.members import MemberId, MemberSummary
from app.domain.payment import Tender
from app.domain.staff import StaffMember
from app.domain.tiers import Tier
from app.offline.counter import OfflineCounter, OfflineServices
from app.services.auth import AuthService
from app.services.catalog import Catalog, CatalogService
from app.services.checkout import CheckoutService
from app.services.checkout_types import CompletedOrder
from app.services.enrolment import DuplicateCheck, EnrolmentService
from app.services.member_outlook import LoyaltyService, MemberOutlook
from app.services.members import Identification, MemberService
from app.services.refunds import Extra, RecentOrder, RefundPreview, Refunds


class _Switched:
    def __init__(self, counter: OfflineCounter) -> None:
        self._counter = counter

    def _offline(self) -> OfflineServices | None:
        counter = self._counter
        return counter.services() if counter.side.offline else None


class SwitchedMembers(_Switched):
    """Search and load over the server's lookups or the copy's (same keys, same SQL)."""

    def __init__(self, online: MemberService, counter: OfflineCounter) -> None:
        super().__init__(counter)
        self._online = online

    def _side(self) -> MemberService:
        offline = self._offline()
        return self._online if offline is None else offline.members

    def search(self, text: str) -> Identification:
        return self._side().search(text)

    def identify(self, text: str) -> Identification:
        return self._side().identify(text)

    def identify_read(self, raw: str) -> Identification:
        return self._side().identify_read(raw)

    def load(self, member_id: MemberId) -> MemberSummary:
        return self._side().load(member_id)


class SwitchedLoyalty(_Switched):
    def __init__(self, online: LoyaltyService, counter: OfflineCounter) -> None:
        super().__init__(counter)
        self._online = online

    def _side(self) -> LoyaltyService:
        offline = self._offline()
        return self._online if offline is None else offline.loyalty

    def rules(self) -> LoyaltyRules:
        return self._side().rules()

    def entry_tier(self) -> Tier | None:
        return self._side().entry_tier()

    def personal(self, member: MemberSummary, today: date) -> MemberSummary:
        return self._side().personal(member, today)

    def outlook(self, member: MemberSummary, today: date, rules: LoyaltyRules) -> MemberOutlook:
        return self._side().outlook(member, today, rules)


class SwitchedMenu(_Switched):
    def __init__(self, online: CatalogService, counter: OfflineCounter) -> None:
        super().__init__(counter)
        self._online = online

    def load(self) -> Catalog:
        offline = self._offline()
        return (self._online if offline is None else offline.catalog).load()


class SwitchedCheckout(_Switched):
    """Offline, a sale goes through ``OfflineSeller`` (journalled, within the allowances,
    its receipt marked offline); a dropped order is not recorded (the audit log is the
    server's)."""

    def __init__(self, online: CheckoutService, counter: OfflineCounter) -> None:
        super().__init__(counter)
        self._online = online

    def check_out(self, draft: OrderDraft, tender: Tender, cashier: StaffMember) -> CompletedOrder:
        offline = self._offline()
        if offline is None:
            with self._counter.server_writes:  # not while the resync writes an order
                return self._online.check_out(draft, tender, cashier)
        return offline.seller.check_out(draft, tender, cashier)

    def void(
        self,
        draft: OrderDraft,
        bill: Bill,
        cashier: StaffMember,
        request_key: str | None = None,
    ) -> None:
        if self._offline() is None:
            self._online.void(draft, bill, cashier, request_key)


class SwitchedEnrolment(_Switched):
    """Offline, a new member gets a provisional number (``P<till>-<n>``) the resync
    confirms; the duplicate checks read the copy."""

    def __init__(self, online: EnrolmentService, counter: OfflineCounter) -> None:
        super().__init__(counter)
        self._online = online

    def check(self, form: EnrolmentForm) -> DuplicateCheck:
        offline = self._offline()
        return (self._online if offline is None else offline.enrolment).check(form)

    def enrol(
        self, staff: StaffMember, form: EnrolmentForm, *, accept_look_alike: bool = False
    ) -> MemberSummary:
        offline = self._offline()
        if offline is None:
            return self._online.enrol(staff, form, accept_look_alike=accept_look_alike)
        return offline.seller.enrol(staff, form, accept_look_alike=accept_look_alike)


class SwitchedRefunds(_Switched):
    """Offline, only this outage's offline sales are refunded, on the copy (journalled and
    replayed by the resync); any other order's refund says it needs the server."""

    def __init__(self, online: Refunds, counter: OfflineCounter) -> None:
        super().__init__(counter)
        self._online = online

    def _side(self) -> Refunds:
        offline = self._offline()
        return self._online if offline is None else offline.refunds

    def recent(self, limit: int = 30) -> list[RecentOrder]:
        return self._side().recent(limit)

    def preview(
        self,
        order_no: str,
        units: Mapping[int, int] | None = None,
        extras: Collection[Extra] | None = None,
    ) -> RefundPreview:
        return self._side().preview(order_no, units, extras)

    def needs_approval(self, staff: StaffMember, amount: int) -> bool:
        return self._side().needs_approval(staff, amount)

    def refund(
        self,
        order_no: str,
        staff: StaffMember,
        reason: ReasonCode,
        note: str = "",
        approval: Approval | None = None,
        units: Mapping[int, int] | None = None,
        extras: Collection[Extra] | None = None,
        request_key: str | None = None,
    ) -> RefundPreview:
        return self._side().refund(
            order_no, staff, reason, note, approval, units, extras, request_key=request_key
        )


class SwitchedStaff(_Switched):
    """Who is on duty to approve: read from the copy while the counter sells there."""

    def __init__(self, online: AuthService, counter: OfflineCounter) -> None:
        super().__init__(counter)
        self._online = online

    def staff_on_duty(self) -> list[StaffMember]:
        offline = self._offline()
        return (self._online if offline is None else offline.auth).staff_on_duty()
