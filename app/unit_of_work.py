"""The unit of work: one transaction and the repositories that read and write through it.

A service asks its factory for a ``UnitOfWork`` per user action, works through the
repositories and commits; leaving the ``with`` block without ``commit()`` rolls back.
The SQLAlchemy implementation is ``db.unit_of_work.SqlUnitOfWork``; the in-memory one
that service tests run on is ``tests.fakes.FakeUnitOfWork``. Both pass the same
contract tests (``tests/integration/test_unit_of_work_contract.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from types import TracebackType
from typing import Protocol

from app.context import ActionContext
from app.domain.loyalty import LoyaltyRules
from app.domain.manual_discount import AppliedManualDiscount, DiscountRequest
from app.domain.member_story import NewComplaint
from app.domain.members import MemberId, MemberSummary
from app.domain.menu import MenuCategory, MenuItem
from app.domain.merging import MergeParty
from app.domain.orders import (
    NewRefund,
    OrderEntry,
    OrderTierChange,
    PaidOrder,
    RecordedOrder,
    RecordedRenewal,
    RefundsSoFar,
)
from app.domain.print_jobs import JobStatus, PrintJob
from app.domain.renewal import RenewalQuote
from app.domain.staff import StaffAccount, StaffId, StaffMember
from app.domain.tiers import Tier, TierChange, TierId


class HeldValue(Protocol):
    """A stored-value balance: principal (paid in) and bonus (given), minor units."""

    @property
    def principal(self) -> int: ...

    @property
    def bonus(self) -> int: ...

    @property
    def total(self) -> int: ...


class Ledgers(Protocol):
    """Points and stored value: balances are sums of entries, entries are only appended."""

    def points_balance(self, member_id: int) -> int: ...

    def stored_value(self, member_id: int) -> HeldValue: ...

    def points_on_order(self, order_id: int, reason: str, *, by_refunds: bool) -> int:
        """What the order's ``reason`` points entries add up to, its refunds' or its own."""

    def stored_value_on_order(self, order_id: int, reason: str, *, by_refunds: bool) -> HeldValue:
        """Likewise for stored value."""

    def append_points(
        self,
        *,
        member_id: int,
        delta: int,
        reason: str,
        at: datetime,
        order_id: int | None = None,
        staff_id: int | None = None,
        refund_id: int | None = None,
        reverses_id: int | None = None,
    ) -> None: ...

    def append_stored_value(
        self,
        *,
        member_id: int,
        principal: int,
        bonus: int,
        reason: str,
        at: datetime,
        order_id: int | None = None,
        staff_id: int | None = None,
        refund_id: int | None = None,
        reverses_id: int | None = None,
    ) -> None: ...


class AuditLog(Protocol):
    def record(
        self,
        context: ActionContext,
        action: str,
        subject: str = "",
        detail: Mapping[str, object] | None = None,
    ) -> None:
        """Append one event in the action's transaction (one encoding for every event)."""


class MemberAccounts(Protocol):
    """The member aggregate: who they are, their tier and term, behind one lock."""

    def lock(self, member_id: MemberId) -> MemberSummary:
        """Take the member's lock, then read them. It must be the unit's first statement,
        before any balance is read; raises ``LookupError`` for an unknown member."""

    def summary(self, member_id: MemberId) -> MemberSummary: ...

    def change_tier(self, member_id: MemberId, change: TierChange) -> None:
        """Move the member to ``change.to_tier`` and keep the change in their history."""

    def renew(self, member_id: MemberId, order_id: int, renewal: RenewalQuote) -> None:
        """Extend the term as the order's renewal says (the old expiry is kept)."""

    def count_visit(self, member_id: MemberId, day: date, spend: int) -> None:
        """One more visit on ``day`` with ``spend`` qualifying minor units."""

    def find(self, member_id: MemberId) -> MemberSummary | None:
        """The member, or ``None`` when there is none or they were merged into another."""

    def change_profile(
        self, member_id: MemberId, field: str, value: str, at: datetime, staff_id: int
    ) -> None:
        """Set a profile text (allergies, preferences, notes), kept in the edit history."""

    def restore_expiry(self, member_id: MemberId, expires_on: date | None) -> None: ...

    def uncount_visit(self, member_id: MemberId, spend: int, whole_visit: bool) -> None:
        """Take a refund's spend off; a wholly refunded order with items is no visit."""


class MemberMerges(Protocol):
    def lock_pair(self, survivor_id: int, absorbed_id: int) -> tuple[MergeParty, MergeParty]:
        """Both records, locked in id order (no deadlock between tills merging crosswise);
        ``LookupError`` if either is missing."""

    def merge(
        self,
        absorbed: MergeParty,
        survivor: MergeParty,
        *,
        staff_id: int,
        approver_id: int,
        reason: str,
        at: datetime,
        detail: Mapping[str, object],
    ) -> dict[str, list[int]]:
        """Move all the absorbed record's history to ``survivor`` (written with its
        combined profile), mark it merged, keep the trail; ids moved per table.column."""


class Menu(Protocol):
    def categories(self) -> list[MenuCategory]:
        """In the till's order."""

    def items_on_sale(self) -> list[MenuItem]:
        """Active items, by category and the till's order."""


class Complaints(Protocol):
    def open(self, member_id: int, complaint: NewComplaint, at: datetime, opened_by: int) -> int:
        """Open a checked complaint on the member; returns its id."""


class Tiers(Protocol):
    def get(self, tier_id: TierId) -> Tier | None: ...

    def ranked(self) -> list[Tier]:
        """Every tier, lowest rank first."""


class LoyaltyProgramme(Protocol):
    def rules(self) -> LoyaltyRules: ...

    def personal(self, member: MemberSummary, today: date) -> MemberSummary:
        """The member with their usable coupons, offer uses, segment and birthday."""


class Orders(Protocol):
    def next_sequence(self, till_id: str, day: date) -> int: ...

    def add(self, paid: PaidOrder) -> int:
        """Write the order, its lines and payments; returns the order's id."""

    def qualifying_spend(self, member_id: int, first: date, last: date) -> int:
        """Spend on the member's paid orders of those business days, less refunds."""

    def record_offer(
        self,
        *,
        order_id: int,
        offer_code: str,
        coupon_id: int | None,
        member_id: int | None,
        amount: int,
    ) -> None: ...

    def use_coupon(self, coupon_id: int, member_id: int, order_id: int) -> bool:
        """Mark the coupon used by the order; ``False`` if it was used meanwhile."""

    def grant_manual_discount(
        self,
        request: DiscountRequest,
        limit: int,
        *,
        requester_id: int,
        approver_id: int,
        till_id: str,
        at: datetime,
    ) -> int:
        """Write down an approved manual discount for one later order; the grant's id."""

    def use_manual_discount(
        self, applied: AppliedManualDiscount, order_id: int, requester_id: int, till_id: str
    ) -> bool:
        """Mark the grant used; ``False`` if used already or not approved as it stands."""


class OrderHistory(Protocol):
    """Paid orders read back for refunds, and the refunds written against them."""

    def recent(self, till_id: str, limit: int) -> list[tuple[str, datetime, int, str, str]]:
        """(order no, time, due, member's name, status) of the till's latest orders."""

    def find(self, order_no: str) -> RecordedOrder | None: ...

    def lock(self, order_id: int) -> RecordedOrder:
        """Two refunds of one order wait for each other; the order as it is now."""

    def entries(self, order_id: int) -> tuple[list[OrderEntry], list[OrderEntry]]:
        """The order's own (points, stored value) entries, not its refunds', oldest first."""

    def refunds_so_far(self, order_id: int) -> RefundsSoFar: ...

    def renewal(self, order_id: int) -> RecordedRenewal | None: ...

    def tier_change(self, order_id: int) -> OrderTierChange | None: ...

    def add_refund(self, refund: NewRefund) -> int:
        """Write the refund, taking its units back from the order's lines; its id.
        ``WriteConflict`` at commit when another till completed the order meanwhile."""

    def close(self, order_id: int, completes: bool, spend_back: int) -> list[str]:
        """Mark the order refunded (giving back its coupons: their codes) or part refunded."""

    def mark_renewal_refunded(self, order_id: int, refund_id: int) -> None: ...


class PrintJobs(Protocol):
    def add(
        self,
        *,
        till_id: str,
        printer_url: str,
        kind: str,
        document: str,
        open_drawer: bool,
        created_at: datetime,
        order_id: int | None = None,
    ) -> int:
        """Queue a slip (``document`` as JSON) in the outbox; returns the job's id."""

    def head(self, till_id: str, printer_url: str) -> PrintJob | None:
        """The printer's oldest unfinished job: jobs print strictly in order."""

    def get(self, job_id: int) -> PrintJob | None: ...

    def recent(self, till_id: str, limit: int) -> list[PrintJob]:
        """The till's latest jobs, newest first."""

    def first_receipt(self, order_no: str) -> PrintJob | None:
        """The order's first receipt job, which a reprint copies."""

    def pending_printers(self, till_id: str) -> list[str]:
        """The printers with unfinished jobs of this till."""

    def requeue_interrupted(self, till_id: str) -> int:
        """Jobs left printing by a crash go back to the queue (a duplicate beats a loss);
        how many."""

    def start_attempt(self, job_id: int) -> PrintJob:
        """The job is printing: one attempt more, no retry planned."""

    def mark_finished(self, job_id: int, status: JobStatus, at: datetime) -> PrintJob:
        """Printed (or sent without confirmation) at ``at``: the last fault is cleared."""

    def mark_failed(
        self, job_id: int, fault: str, error: str, retry_at: datetime | None
    ) -> PrintJob:
        """The attempt failed with that fault; ``retry_at`` is when it is tried again."""

    def redirect(self, job_id: int, printer_url: str) -> None:
        """Send the job to another printer, queued there."""


class Restaurant(Protocol):
    def settings(self) -> dict[str, str]:
        """Every setting by key: the receipt header, the restaurant's name, ..."""


class Coupons(Protocol):
    def issuable_offer(self, offer_code: str) -> int | None:
        """The id of the active, coupon-only offer with that code, else ``None``."""

    def issue(
        self,
        *,
        member_id: MemberId,
        offer_id: int,
        code: str,
        issued_at: datetime,
        issued_by: int | None,
        expires_on: date,
    ) -> int:
        """Give the member a coupon of the offer; returns the coupon's id."""


class StaffAccounts(Protocol):
    """Staff as stored: who may sign in, their wrong PINs and lockout, their badge."""

    def find(self, staff_id: StaffId) -> StaffAccount | None:
        """The account, active or not."""

    def by_username(self, username: str) -> StaffAccount | None:
        """The active staff member who signs in with that name."""

    def by_badge(self, badge_no: str) -> StaffAccount | None:
        """Whoever holds the badge, active or not: an inactive holder is refused, not unknown."""

    def active(self) -> list[StaffMember]:
        """Everyone who may sign in, in the order they were added."""

    def record_sign_in(self, staff_id: StaffId) -> None:
        """A right PIN: the count of wrong ones starts again and any lockout ends."""

    def record_failed_sign_in(
        self, staff_id: StaffId, failed_attempts: int, locked_until: datetime | None
    ) -> None:
        """A wrong PIN: keep the count of wrong PINs so far and the lockout, if any."""

    def set_badge(self, staff_id: StaffId, badge_no: str | None) -> None:
        """Register the badge as theirs (``None``: remove it); ``WriteConflict`` at the
        latest on commit when someone else holds it."""

    def is_member_card(self, number: str) -> bool:
        """A member's card has that number (so it cannot be a staff badge)."""


class UnitOfWork(Protocol):
    @property
    def ledgers(self) -> Ledgers: ...

    @property
    def audit(self) -> AuditLog: ...

    @property
    def members(self) -> MemberAccounts: ...

    @property
    def tiers(self) -> Tiers: ...

    @property
    def coupons(self) -> Coupons: ...

    @property
    def programme(self) -> LoyaltyProgramme: ...

    @property
    def orders(self) -> Orders: ...

    @property
    def print_jobs(self) -> PrintJobs: ...

    @property
    def order_history(self) -> OrderHistory: ...

    @property
    def complaints(self) -> Complaints: ...

    @property
    def menu(self) -> Menu: ...

    @property
    def merges(self) -> MemberMerges: ...

    @property
    def restaurant(self) -> Restaurant: ...

    @property
    def staff(self) -> StaffAccounts: ...

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Roll back whatever was not committed, and release the connection; a write
        another till's beat surfaces as ``app.domain.storage.WriteConflict``."""

    def commit(self) -> None:
        """Make the unit's writes permanent; ``WriteConflict`` if another till's beat them."""


UnitOfWorkFactory = Callable[[], UnitOfWork]
"""Opens a new unit of work; one per user action, never shared across threads."""
