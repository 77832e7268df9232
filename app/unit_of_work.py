"""The unit of work: one transaction and the repositories that read and write through it.

A service asks its factory for a ``UnitOfWork`` per user action, works through the
repositories and commits; leaving the ``with`` block without ``commit()`` rolls back.
The SQLAlchemy implementation is ``db.unit_of_work.SqlUnitOfWork``; the in-memory one
that service tests run on is ``tests.fakes.FakeUnitOfWork``. Both pass the same
contract tests (``tests/integration/test_unit_of_work_contract.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence
    from datetime import date, datetime
    from types import TracebackType

    from app.context import ActionContext
    from app.domain.enrolment import NewMember
    from app.domain.erasure import ErasureSubject, KeptTotals
    from app.domain.loyalty import LoyaltyRules
    from app.domain.loyalty_admin import OfferId, OfferSpec, TierSpec, TopUpRuleId, TopUpRuleSpec
    from app.domain.manual_discount import AppliedManualDiscount, DiscountRequest
    from app.domain.member_filters import MemberFilter
    from app.domain.member_list import Criteria
    from app.domain.member_profile import FieldChange, ProfileValues, StoredProfile
    from app.domain.member_story import (
        AbsenceKind,
        ComplaintState,
        NewComplaint,
        Profile,
        StoryLimits,
        StoryRecords,
    )
    from app.domain.member_value import ValueChange, ValuedMember
    from app.domain.members import MemberCandidate, MemberId, MemberSummary
    from app.domain.menu import CategoryId, ItemId, MenuCategory, MenuItem
    from app.domain.merging import MergeParty
    from app.domain.offer_admin import Holiday, OfferStacking, TargetedOfferId, TargetedOfferSpec
    from app.domain.offline import OfflineOverdraft
    from app.domain.orders import (
        NewRefund,
        OrderEntry,
        OrderTierChange,
        PaidOrder,
        RecordedOrder,
        RecordedRenewal,
        RefundsSoFar,
    )
    from app.domain.points import LedgerEntry
    from app.domain.print_jobs import JobStatus, PrintJob
    from app.domain.qualification import Standing
    from app.domain.renewal import RenewalQuote
    from app.domain.request_keys import CommittedRequest, RequestKind
    from app.domain.rfm import Activity, SegmentedMember
    from app.domain.saved_filters import SavedFilter
    from app.domain.staff import Role, StaffAccount, StaffId, StaffMember, StoredBadge
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

    def members_who_earned(self, after: date | None, through: date) -> list[int]:
        """Members with points earned after the day ``after`` (``None``: ever) up to and
        including ``through``, by id."""

    def points_histories(self, member_ids: Sequence[int]) -> dict[int, list[LedgerEntry]]:
        """Each member's whole points ledger, oldest first (members with none left out)."""

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

    def uncount_visit(self, member_id: MemberId, spend: int, whole_visit: bool, day: date) -> None:
        """Take a refund's spend off; a wholly refunded order with items is no visit; the
        member's value is worked out again for ``day``."""

    def lock_many(self, member_ids: Sequence[int]) -> None:
        """Take these members' locks, in id order, without reading them (as ``lock`` does
        for one); a batch job's way to hold the balances it is about to write to."""

    def add(self, new: NewMember) -> MemberId:
        """Write the new member (numbered by ``member_number``) and their name's search
        keys; ``WriteConflict`` at once when another member has the phone."""

    def by_phone(self, phone: str) -> MemberCandidate | None:
        """Whoever has the phone (normalised), merged away or erased included."""

    def born_on(self, birthday: date) -> list[MemberCandidate]:
        """Members with that birthday, not merged away, by id."""

    def card_holder(self, card_no: str) -> MemberCandidate | None:
        """The member a card was issued to, whatever the card's status; none if unknown."""

    def issue_card(
        self, member_id: MemberId, card_no: str, at: datetime, *, block_others: bool
    ) -> None:
        """A new active card; ``block_others`` blocks the member's other active cards."""

    def profile(self, member_id: MemberId) -> StoredProfile | None: ...

    def edit_profile(
        self,
        member_id: MemberId,
        values: ProfileValues,
        changed: Sequence[FieldChange],
        at: datetime,
        staff_id: int,
    ) -> None:
        """Store ``values`` (cleaned), each of ``changed`` in the edit history; a new name
        gets new search keys, a changed consent the time consents were last changed."""

    def clear_profiling(self, member_id: MemberId) -> None:
        """Take the member out of their segment and the value ranking (they refused
        automated decisions)."""


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
        """Active items (sold out today or not), by category and the till's order."""

    def all_items(self) -> list[MenuItem]:
        """Every item, hidden ones too, by category and the till's order."""

    def add_category(self, code: str, name_zh: str, name_en: str) -> CategoryId:
        """A new category, last on the till."""

    def rename_category(self, category_id: CategoryId, name_zh: str, name_en: str) -> None: ...

    def order_categories(self, ids: Sequence[CategoryId]) -> None:
        """The till shows the categories in this order."""

    def add_item(self, item: MenuItem) -> ItemId:
        """A new item (``item.item_id`` is ignored), last in its category."""

    def update_item(self, item: MenuItem) -> None:
        """Every field of the item with ``item.item_id`` but its code and its place."""

    def order_items(self, ids: Sequence[ItemId]) -> None:
        """The till shows these items (of one category) in this order."""


class Complaints(Protocol):
    def open(self, member_id: int, complaint: NewComplaint, at: datetime, opened_by: int) -> int:
        """Open a checked complaint on the member; returns its id."""

    def lock(self, complaint_id: int) -> ComplaintState | None:
        """The complaint, locked until the unit ends; ``None`` when there is none."""

    def resolve(self, complaint_id: int, outcome: str, at: datetime) -> None: ...


class Tiers(Protocol):
    def get(self, tier_id: TierId) -> Tier | None: ...

    def ranked(self) -> list[Tier]:
        """Every tier, lowest rank first."""


class ProgrammeEdits(Protocol):
    """Tiers, renewal offers and top-up rules as a manager edits them, the inactive too.

    ``lock_*`` takes the row's lock and reads it (``None`` when it is gone); ``save_*``
    inserts a spec without an id or updates the one with it, and returns it as saved.
    """

    def tier_specs(self) -> list[TierSpec]:
        """Lowest rank first."""

    def lock_tier(self, tier_id: TierId) -> TierSpec | None: ...

    def save_tier(self, spec: TierSpec) -> TierSpec: ...

    def tier_holders(self, tier_id: TierId) -> int: ...

    def history_naming_tier(self, tier_id: TierId) -> list[str]:
        """``table.column`` of each record other than a member's that names the tier."""

    def delete_tier(self, tier_id: TierId) -> None: ...

    def renewal_offer_specs(self) -> list[OfferSpec]:
        """By id; an offer of a kind this version does not know is left out."""

    def renewal_offer_with_code(self, code: str) -> OfferId | None:
        """The renewal offer of any kind with that code."""

    def lock_renewal_offer(self, offer_id: OfferId) -> OfferSpec | None: ...

    def renewals_sold(self, offer_code: str) -> bool: ...

    def save_renewal_offer(self, spec: OfferSpec) -> OfferSpec: ...

    def top_up_rule_specs(self) -> list[TopUpRuleSpec]:
        """Smallest minimum first."""

    def lock_top_up_rule(self, rule_id: TopUpRuleId) -> TopUpRuleSpec | None: ...

    def save_top_up_rule(self, spec: TopUpRuleSpec) -> TopUpRuleSpec: ...


class OfferEdits(Protocol):
    """Targeted offers, public holidays and how offers stack, as a manager edits them."""

    def targeted_offer_specs(self) -> list[TargetedOfferSpec]:
        """In the order the till tries them (priority, then id)."""

    def lock_targeted_offer(self, offer_id: TargetedOfferId) -> TargetedOfferSpec | None: ...

    def save_targeted_offer(self, spec: TargetedOfferSpec) -> TargetedOfferSpec:
        """The tiers, categories and items it names replace the ones it had."""

    def offer_items(self) -> list[MenuItem]:
        """The items on the menu and any an offer still names."""

    def menu_item_ids(self) -> frozenset[ItemId]:
        """Every menu item's id, those off the menu too."""

    def holidays(self) -> list[Holiday]:
        """Earliest first."""

    def lock_holiday(self, day: date) -> Holiday | None: ...

    def add_holiday(self, holiday: Holiday) -> None: ...

    def remove_holiday(self, day: date) -> None: ...

    def stacking(self) -> OfferStacking:
        """As the till applies it (a setting it cannot read counts as unset)."""

    def save_stacking(self, stacking: OfferStacking) -> None: ...


class LoyaltyProgramme(ProgrammeEdits, OfferEdits, Protocol):
    def rules(self) -> LoyaltyRules: ...

    def personal(self, member: MemberSummary, today: date) -> MemberSummary:
        """The member with their usable coupons, offer uses, segment and birthday."""


class Orders(Protocol):
    def next_sequence(self, till_id: str, day: date) -> int:
        """The till's next number of the day (offline numbers, below zero, not counted)."""

    def next_offline_sequence(self, till_id: str, day: date) -> int:
        """One past the highest offline number (``L0003``: 3) of the till and day held."""

    def add(self, paid: PaidOrder) -> int:
        """Write the order, its lines and payments; returns the order's id."""

    def qualifying_spend(self, member_id: int, first: date, last: date) -> int:
        """Spend on the member's paid orders of those business days, less refunds."""

    def next_sequence_and_spend(
        self, till_id: str, day: date, member_id: int, first: date, last: date
    ) -> tuple[int, int]:
        """``next_sequence`` and ``qualifying_spend`` together, in one round trip."""

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

    def front(self, till_id: str, printer_url: str, count: int) -> list[PrintJob]:
        """The printer's ``count`` oldest unfinished jobs, oldest first (the spooler takes
        the head and learns whether another waits behind it in one read)."""

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

    def set_setting(self, key: str, value: str) -> None:
        """Add or change one setting."""

    def name_default_store(self, name: str, address: str) -> str | None:
        """The first store, still under its default name ("Main store"), takes the
        restaurant's name (and address when it has none); returns its old name, ``None``
        when nothing changed."""


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


class Watermarks(Protocol):
    """How far a daily job has got: a day kept per job, so that several tills run it once."""

    def claim(self, key: str) -> date | None:
        """Lock the watermark ``key`` and read it (``None``: the job never ran). Make it the
        unit's first statement: the same job on another till then waits for this unit. A
        till that creates it alongside another gets ``WriteConflict``."""

    def peek(self, key: str) -> date | None:
        """Read it without the lock."""

    def advance(self, key: str, day: date) -> None: ...

    def claim_text(self, key: str) -> str:
        """Lock the text row ``key`` (a daily job's lease) and read it ("" when new), as
        ``claim`` does."""

    def peek_text(self, key: str) -> str:
        """Read the text row ``key`` ("" when there is none) without the lock."""

    def set_text(self, key: str, value: str) -> None:
        """Write the text row ``key`` (a daily job's position inside a run)."""


class Anniversaries(Protocol):
    """What the anniversary tier review reads."""

    def due(self, day: date, tier_ids: Sequence[TierId]) -> list[MemberId]:
        """Members in those tiers, joined before ``day``, whose joining anniversary is on
        ``day`` (29 February joiners on 28 February in other years), by id; members merged
        into another are left out."""

    def standing(self, member_ids: Sequence[int]) -> list[Standing]:
        """Those members' tiers and joining days, by id (read them after their locks)."""

    def overridden_since(self, member_id: MemberId, since: date) -> bool:
        """Whether the member's tier was set by hand (an override) on or after ``since``."""


class MemberValues(Protocol):
    """Members' stored lifetime value (the member list's sort), for the daily valuation."""

    def members(self, today: date, valued_through: date | None) -> Iterator[ValuedMember]:
        """The members not merged into another whose value may differ on ``today`` from
        what they hold, every member valued on ``valued_through`` or since (``None``: all
        of them), streamed (there may be a million)."""

    def set_values(self, changes: Sequence[ValueChange]) -> int:
        """Write the new values of members unchanged since read; how many were written."""


class MemberSegments(Protocol):
    """Members' visits and RFM segments for the daily scoring, in bulk."""

    def activity(self, first: date, last: date) -> dict[int, Activity]:
        """Each member who came between the business days ``first`` and ``last`` (inclusive)
        and may be scored, aggregated by the database: a row per member, not per order."""

    def members(self) -> Iterator[SegmentedMember]:
        """Every member not merged into another, streamed (there may be a million)."""

    def set_segment(self, segment: str, member_ids: Sequence[int]) -> int:
        """Give those members ``segment`` (a few thousand per call); how many changed."""


class SavedFilters(Protocol):
    """Member-list filters saved by name (the names' rules: ``app.domain.saved_filters``)."""

    def listed(self) -> list[SavedFilter]:
        """Every saved filter this till can read, by name."""

    def names(self) -> list[str]: ...

    def add(
        self, name: str, member_filter: MemberFilter, staff_id: int, at: datetime
    ) -> SavedFilter:
        """Keep the filter under ``name`` as given; a name taken exactly (by another till
        meanwhile) is a ``WriteConflict``."""

    def delete(self, filter_id: int) -> str | None:
        """Remove the filter; its name, or ``None`` if there is none by that id."""


class MemberContacts(Protocol):
    def mark(
        self, criteria: Criteria, *, at: datetime, staff_id: int, channel: str, note: str
    ) -> int:
        """A contact row for every member ``criteria`` matches; how many were marked."""


class MemberErasures(Protocol):
    """Erasing members' personal data; orders, ledgers and the audit log stay as they are."""

    def find(self, member_id: int) -> ErasureSubject | None: ...

    def lock(self, member_id: int) -> ErasureSubject | None:
        """Take the member's lock (the unit's first statement, as ``MemberAccounts.lock``)."""

    def absorbed(self, member_id: int) -> list[int]:
        """Every record merged into the member, directly or through another merge."""

    def kept(self, member_ids: Iterable[int]) -> KeptTotals:
        """Their orders and ledger sums: what erasure must leave unchanged."""

    def pseudonymise(self, member_id: int, name: str, phone: str, at: datetime) -> None:
        """Write the pseudonym, blank the personal fields, withdraw every consent, clear
        the segment and mark the record erased at ``at`` (unless it was already)."""

    def forget_search_keys(self, member_ids: Sequence[int]) -> None: ...

    def block_cards(self, member_ids: Sequence[int]) -> int:
        """Block the active cards; how many."""

    def redact_history(
        self, member_ids: Sequence[int], fields: Iterable[str], redacted: str
    ) -> int:
        """Both values of those fields in the edit history become ``redacted``; how many rows."""

    def redact_notes(self, member_ids: Sequence[int], redacted: str) -> int:
        """Staff's non-empty free text about them becomes ``redacted``; how many values."""


class MemberData(Protocol):
    """Every row held about one member as a column dictionary: what the data export reads."""

    def member(self, member_id: int) -> dict[str, Any] | None:
        """The member's own row."""

    def staff_names(self) -> dict[int, str]:
        """Every staff member's name by id, leavers too."""

    def history(self, member_id: int) -> list[tuple[str, str, list[dict[str, Any]]]]:
        """(table, column, rows) for every column that refers to a member's history,
        found from the schema; rows in key order."""

    def order_parts(self, order_ids: Sequence[int]) -> dict[str, list[dict[str, Any]]]:
        """The orders' ``lines``, ``payments``, ``refunds`` and ``refund_lines``."""

    def merged_records(self, member_id: int) -> list[dict[str, Any]]:
        """The rows of every record merged into the member."""

    def audit_events(self, member_no: str) -> list[dict[str, Any]]:
        """Events about the member: their number as subject, or one side of a merge."""


class MemberStories(Protocol):
    """A member's story as the floor manager reads it, and what staff record in it."""

    def member_no(self, member_id: int) -> str | None:
        """The member's number, merged or erased too; ``None`` when there is no such record."""

    def profile(self, member_id: int) -> Profile | None: ...

    def records(self, member_id: int, today: date, limits: StoryLimits) -> StoryRecords:
        """Cards, ledgers, orders and what staff recorded, newest first, each list capped."""

    def order_of_member(self, member_id: int, order_id: int) -> bool: ...

    def staff_exists(self, staff_id: int) -> bool:
        """Whether there is such a staff member, active or not."""

    def add_feedback(
        self,
        member_id: int,
        order_id: int | None,
        score: int,
        comment: str,
        at: datetime,
        staff_id: int,
    ) -> None: ...

    def add_absence(
        self,
        member_id: int,
        kind: AbsenceKind,
        booked_for: datetime,
        party_size: int,
        note: str,
        at: datetime,
        staff_id: int,
    ) -> None: ...


class StaffAccounts(Protocol):
    """Staff as stored: who may sign in, their wrong PINs and lockout, their badge."""

    def find(self, staff_id: StaffId) -> StaffAccount | None:
        """The account, active or not."""

    def by_username(self, username: str) -> StaffAccount | None:
        """The active staff member who signs in with that name."""

    def by_badge(self, digest: str) -> StaffAccount | None:
        """Whoever holds the badge, active or not: an inactive holder is refused, not unknown."""

    def active(self) -> list[StaffMember]:
        """Everyone who may sign in, in the order they were added."""

    def record_sign_in(self, staff_id: StaffId) -> None:
        """A right PIN: the count of wrong ones starts again and any lockout ends."""

    def claim_pin_attempt(self, staff_id: StaffId, now: datetime) -> int | None:
        """Count a PIN attempt before its PIN is checked: its number since the last sign-in
        or lockout, atomically, so parallel attempts never share a number (at
        ``MAX_FAILED_ATTEMPTS`` the account is already locked for ``LOCKOUT``; a right PIN
        then unlocks it through ``record_sign_in``). ``None``, counting nothing, while the
        account is locked at ``now``: no PIN may be checked."""

    def set_badge(self, staff_id: StaffId, badge: StoredBadge | None) -> None:
        """Register the badge as theirs (``None``: remove it); ``WriteConflict`` at the
        latest on commit when someone else holds it."""

    def is_member_card(self, number: str) -> bool:
        """A member's card has that number (so it cannot be a staff badge)."""

    def everyone(self) -> list[StaffAccount]:
        """Every account, disabled ones too, in the order they were added."""

    def username_taken(self, username: str) -> bool:
        """Someone, active or not, signs in with that name (letter case aside)."""

    def add(self, username: str, display_name: str, role: Role, pin_hash: str) -> StaffId:
        """A new active account with that PIN hash; its id. A name taken meanwhile is a
        ``WriteConflict`` at the latest on commit."""

    def set_profile(self, staff_id: StaffId, display_name: str, role: Role) -> None: ...

    def set_active(self, staff_id: StaffId, active: bool) -> None:
        """Disable (or enable again) an account: never deleted, history refers to it."""

    def set_pin(self, staff_id: StaffId, pin_hash: str, must_change: bool) -> None:
        """A new PIN hash (``must_change``: a new PIN is asked for at the next sign-in);
        wrong PINs so far and any lockout are forgotten."""

    def active_managers(self) -> list[StaffId]:
        """The active managers, locked until the unit ends (on PostgreSQL), so that two
        tills cannot each disable one of the last two."""


class RequestKeys(Protocol):
    """Keys the tills made for their requests (``app.domain.request_keys``)."""

    def find(self, key: str) -> CommittedRequest | None: ...

    def claim(
        self,
        key: str,
        kind: RequestKind,
        fingerprint: str,
        till_id: str,
        at: datetime,
        outcome: Mapping[str, Any],
    ) -> bool:
        """Keep the key with the request's outcome in this unit; ``False`` when the key is
        committed already (by a retry of this request or, for a clash, another)."""


class OfflineOverdrafts(Protocol):
    """What members owe after replayed offline sales (``app.domain.offline``)."""

    def add(self, overdraft: OfflineOverdraft) -> None: ...

    def listed(self, *, open_only: bool) -> list[OfflineOverdraft]:
        """Oldest first, with member and order numbers."""

    def owed_by(self, member_id: int) -> list[OfflineOverdraft]:
        """The member's open overdrafts, oldest first."""

    def settle(self, overdraft_id: int, at: datetime) -> bool:
        """Mark it settled; ``False`` when it was settled already."""


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
    def watermarks(self) -> Watermarks: ...

    @property
    def anniversaries(self) -> Anniversaries: ...

    @property
    def segments(self) -> MemberSegments: ...

    @property
    def member_values(self) -> MemberValues: ...

    @property
    def saved_filters(self) -> SavedFilters: ...

    @property
    def member_contacts(self) -> MemberContacts: ...

    @property
    def erasures(self) -> MemberErasures: ...

    @property
    def member_data(self) -> MemberData: ...

    @property
    def stories(self) -> MemberStories: ...

    @property
    def staff(self) -> StaffAccounts: ...

    @property
    def request_keys(self) -> RequestKeys: ...

    @property
    def offline_overdrafts(self) -> OfflineOverdrafts: ...

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
