"""Hand-written fakes shared by the tests."""

from __future__ import annotations

from collections.abc import Mapping
from copy import deepcopy
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from app.context import ActionContext
from app.domain.loyalty import LoyaltyRules
from app.domain.manual_discount import AppliedManualDiscount, DiscountRequest
from app.domain.member_story import NewComplaint
from app.domain.members import MemberId, MemberSummary
from app.domain.menu import MenuCategory, MenuItem
from app.domain.merging import MergeParty
from app.domain.offers import Coupon, Offer
from app.domain.orders import (
    NewRefund,
    OrderEntry,
    OrderTierChange,
    PaidOrder,
    RecordedLine,
    RecordedOrder,
    RecordedRenewal,
    RefundsSoFar,
)
from app.domain.payment import PaymentMethod
from app.domain.print_jobs import JobStatus, PrintJob
from app.domain.renewal import RenewalQuote
from app.domain.staff import StaffAccount, StaffId, StaffMember
from app.domain.storage import WriteConflict
from app.domain.tiers import Tier, TierChange, TierId
from app.unit_of_work import UnitOfWork


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now += delta


@dataclass(frozen=True)
class FakeHeld:
    principal: int
    bonus: int

    @property
    def total(self) -> int:
        return self.principal + self.bonus


@dataclass
class FakeStore:
    """What the fake database holds; units copy it on entry and write it back on commit."""

    members: dict[int, MemberSummary] = field(default_factory=dict)
    tiers: dict[int, Tier] = field(default_factory=dict)
    points: list[dict[str, Any]] = field(default_factory=list)
    stored_value: list[dict[str, Any]] = field(default_factory=list)
    audit: list[tuple[ActionContext, str, str, dict[str, object]]] = field(default_factory=list)
    tier_changes: list[tuple[int, int, TierChange]] = field(default_factory=list)
    coupon_offers: dict[str, int] = field(default_factory=dict)
    """Offer code -> id of the active, coupon-only offers."""
    offers: dict[int, Offer] = field(default_factory=dict)
    """Offer id -> the offer, for the coupons ``FakeCoupons.issue`` gives."""
    coupons: list[dict[str, Any]] = field(default_factory=list)
    locks_taken: int = 0
    rules: LoyaltyRules = field(default_factory=LoyaltyRules)
    personal_coupons: dict[int, list[Coupon]] = field(default_factory=dict)
    """Member id -> their coupons; a used one gets its order in ``coupon_uses``."""
    coupon_uses: dict[int, int] = field(default_factory=dict)
    grants: dict[int, dict[str, Any]] = field(default_factory=dict)
    """Approved manual discounts by grant id, as ``use_manual_discount`` checks them."""
    orders: list[PaidOrder] = field(default_factory=list)
    order_offers: list[dict[str, Any]] = field(default_factory=list)
    renewals: list[tuple[int, int, date | None, date]] = field(default_factory=list)
    visits: dict[int, tuple[int, int, date]] = field(default_factory=dict)
    """Member id -> (visits, spend, last visit)."""
    print_jobs: list[dict[str, Any]] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)
    refunds: list[NewRefund] = field(default_factory=list)
    refunded_units: dict[tuple[int, int], int] = field(default_factory=dict)
    """(order id, line id) -> units refunded."""
    order_status: dict[int, str] = field(default_factory=dict)
    refunded_spend: dict[int, int] = field(default_factory=dict)
    renewals_refunded: set[int] = field(default_factory=set)
    """Orders whose renewal a refund gave back."""
    merged: set[int] = field(default_factory=set)
    """Members merged into another: gone for the till."""
    profile_changes: list[tuple[int, str, str, str, datetime, int]] = field(default_factory=list)
    """(member, field, old, new, at, staff) of each profile edit."""
    complaints: list[tuple[int, NewComplaint, datetime, int]] = field(default_factory=list)
    notes: dict[int, str] = field(default_factory=dict)
    marketing: dict[int, bool] = field(default_factory=dict)
    """Member id -> marketing consent (absent: not given)."""
    merges: list[tuple[int, int, int, int, str, datetime, dict[str, object]]] = field(
        default_factory=list
    )
    """(absorbed, survivor, staff, approver, reason, at, detail) of each merge."""
    categories: list[MenuCategory] = field(default_factory=list)
    items: list[MenuItem] = field(default_factory=list)
    """The items on sale, in the till's order."""
    staff: dict[int, StaffAccount] = field(default_factory=dict)
    member_card_numbers: set[str] = field(default_factory=set)


class FakeLedgers:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def points_balance(self, member_id: int) -> int:
        return sum(e["delta"] for e in self._store.points if e["member_id"] == member_id)

    def stored_value(self, member_id: int) -> FakeHeld:
        mine = [e for e in self._store.stored_value if e["member_id"] == member_id]
        return FakeHeld(sum(e["principal"] for e in mine), sum(e["bonus"] for e in mine))

    def points_on_order(self, order_id: int, reason: str, *, by_refunds: bool) -> int:
        return sum(e["delta"] for e in _on_order(self._store.points, order_id, reason, by_refunds))

    def stored_value_on_order(self, order_id: int, reason: str, *, by_refunds: bool) -> FakeHeld:
        mine = _on_order(self._store.stored_value, order_id, reason, by_refunds)
        return FakeHeld(sum(e["principal"] for e in mine), sum(e["bonus"] for e in mine))

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
    ) -> None:
        self._store.points.append(
            dict(
                entry_id=len(self._store.points) + 1,
                member_id=member_id,
                delta=delta,
                reason=reason,
                at=at,
                order_id=order_id,
                staff_id=staff_id,
                refund_id=refund_id,
                reverses_id=reverses_id,
            )
        )

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
    ) -> None:
        self._store.stored_value.append(
            dict(
                entry_id=len(self._store.stored_value) + 1,
                member_id=member_id,
                principal=principal,
                bonus=bonus,
                reason=reason,
                at=at,
                order_id=order_id,
                staff_id=staff_id,
                refund_id=refund_id,
                reverses_id=reverses_id,
            )
        )


def _on_order(
    entries: list[dict[str, Any]], order_id: int, reason: str, by_refunds: bool
) -> list[dict[str, Any]]:
    return [
        e
        for e in entries
        if e.get("order_id") == order_id
        and e["reason"] == reason
        and (e.get("refund_id") is not None) == by_refunds
    ]


class FakeAuditLog:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def record(
        self,
        context: ActionContext,
        action: str,
        subject: str = "",
        detail: Mapping[str, object] | None = None,
    ) -> None:
        self._store.audit.append((context, action, subject, dict(detail or {})))


class FakeMemberAccounts:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def lock(self, member_id: MemberId) -> MemberSummary:
        self._store.locks_taken += 1
        return self.summary(member_id)

    def summary(self, member_id: MemberId) -> MemberSummary:
        if member_id not in self._store.members:
            raise LookupError(f"member {member_id} does not exist")
        ledgers = FakeLedgers(self._store)
        return replace(
            self._store.members[member_id],
            points=ledgers.points_balance(member_id),
            stored_value=ledgers.stored_value(member_id).total,
        )

    def change_tier(self, member_id: MemberId, change: TierChange) -> None:
        member = self.summary(member_id)
        self._store.tier_changes.append((member_id, member.tier.tier_id, change))
        self._store.members[member_id] = replace(member, tier=self._store.tiers[change.to_tier])

    def renew(self, member_id: MemberId, order_id: int, renewal: RenewalQuote) -> None:
        member = self.summary(member_id)
        self._store.renewals.append((member_id, order_id, member.expires_on, renewal.new_expiry))
        self._store.members[member_id] = replace(member, expires_on=renewal.new_expiry)

    def count_visit(self, member_id: MemberId, day: date, spend: int) -> None:
        visits, total, last = self._store.visits.get(member_id, (0, 0, day))
        self._store.visits[member_id] = (visits + 1, total + spend, max(last, day))

    def find(self, member_id: MemberId) -> MemberSummary | None:
        if member_id not in self._store.members or member_id in self._store.merged:
            return None
        return self.summary(member_id)

    def change_profile(
        self, member_id: MemberId, field: str, value: str, at: datetime, staff_id: int
    ) -> None:
        member = self.summary(member_id)
        shown = {"allergies": member.allergies, "preferences": member.preferences}
        if field not in (*shown, "notes"):
            raise ValueError(f"{field} is not a profile text")
        old = shown.get(field, self._store.notes.get(member_id, ""))
        self._store.profile_changes.append((member_id, field, old, value, at, staff_id))
        if field == "allergies":
            self._store.members[member_id] = replace(member, allergies=value)
        elif field == "preferences":
            self._store.members[member_id] = replace(member, preferences=value)
        else:
            self._store.notes[member_id] = value

    def restore_expiry(self, member_id: MemberId, expires_on: date | None) -> None:
        self._store.members[member_id] = replace(self.summary(member_id), expires_on=expires_on)

    def uncount_visit(self, member_id: MemberId, spend: int, whole_visit: bool) -> None:
        visits, total, last = self._store.visits[member_id]
        self._store.visits[member_id] = (visits - int(whole_visit), total - spend, last)


class FakeTiers:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def get(self, tier_id: TierId) -> Tier | None:
        return self._store.tiers.get(tier_id)

    def ranked(self) -> list[Tier]:
        return sorted(self._store.tiers.values(), key=lambda tier: tier.rank)


class FakeProgramme:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def rules(self) -> LoyaltyRules:
        return self._store.rules

    def personal(self, member: MemberSummary, today: date) -> MemberSummary:
        usable = tuple(
            coupon
            for coupon in self._store.personal_coupons.get(member.member_id, [])
            if coupon.coupon_id not in self._store.coupon_uses and coupon.expires_on >= today
        )
        return replace(member, coupons=usable)


class FakeOrders:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def next_sequence(self, till_id: str, day: date) -> int:
        same = [
            o.sequence for o in self._store.orders if (o.till_id, o.business_day) == (till_id, day)
        ]
        return max(same, default=0) + 1

    def add(self, paid: PaidOrder) -> int:
        self._store.orders.append(paid)
        return len(self._store.orders)

    def qualifying_spend(self, member_id: int, first: date, last: date) -> int:
        return sum(
            o.qualifying_spend
            for o in self._store.orders
            if o.member_id == member_id and first <= o.business_day <= last
        )

    def record_offer(
        self,
        *,
        order_id: int,
        offer_code: str,
        coupon_id: int | None,
        member_id: int | None,
        amount: int,
    ) -> None:
        self._store.order_offers.append(
            dict(
                order_id=order_id,
                offer_code=offer_code,
                coupon_id=coupon_id,
                member_id=member_id,
                amount=amount,
            )
        )

    def use_coupon(self, coupon_id: int, member_id: int, order_id: int) -> bool:
        mine = {c.coupon_id for c in self._store.personal_coupons.get(member_id, [])}
        if coupon_id not in mine or coupon_id in self._store.coupon_uses:
            return False
        self._store.coupon_uses[coupon_id] = order_id
        return True

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
        grant_id = len(self._store.grants) + 1
        self._store.grants[grant_id] = {
            "requester_id": requester_id, "approver_id": approver_id, "till_id": till_id,
            "request": request, "limit": limit, "at": at,
        }  # fmt: skip
        return grant_id

    def use_manual_discount(
        self, applied: AppliedManualDiscount, order_id: int, requester_id: int, till_id: str
    ) -> bool:
        grant = self._store.grants.get(applied.discount.grant_id)
        request = applied.discount.request
        if grant is None or grant.get("order_id") is not None:
            return False
        approved = (grant["requester_id"], grant["till_id"], grant["request"])
        if approved != (requester_id, till_id, request) or grant["limit"] < applied.amount:
            return False
        grant["order_id"], grant["amount"] = order_id, applied.amount
        return True


class FakeOrderHistory:
    """Orders written by ``FakeOrders`` read back, with the refunds written against them."""

    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def recent(self, till_id: str, limit: int) -> list[tuple[str, datetime, int, str, str]]:
        found = []
        for order_id in range(len(self._store.orders), 0, -1):
            order = self._recorded(order_id)
            paid = self._store.orders[order_id - 1]
            if paid.till_id == till_id:
                member = self._store.members.get(MemberId(order.member_id or 0))
                name = member.name if member else ""
                found.append((order.order_no, order.created_at, order.due, name, order.status))
        return found[:limit]

    def find(self, order_no: str) -> RecordedOrder | None:
        for order_id, paid in enumerate(self._store.orders, start=1):
            if paid.order_no == order_no:
                return self._recorded(order_id)
        return None

    def lock(self, order_id: int) -> RecordedOrder:
        return self._recorded(order_id)

    def entries(self, order_id: int) -> tuple[list[OrderEntry], list[OrderEntry]]:
        def own(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return [
                e
                for e in entries
                if e.get("order_id") == order_id
                and e.get("refund_id") is None
                and e.get("reverses_id") is None
            ]

        return (
            [
                OrderEntry(e["entry_id"], e["reason"], points=e["delta"])
                for e in own(self._store.points)
            ],
            [
                OrderEntry(e["entry_id"], e["reason"], principal=e["principal"], bonus=e["bonus"])
                for e in own(self._store.stored_value)
            ],
        )

    def refunds_so_far(self, order_id: int) -> RefundsSoFar:
        mine = [r for r in self._store.refunds if r.order_id == order_id]
        return RefundsSoFar(
            len(mine),
            sum(r.money_back for r in mine),
            sum(r.upgrade_back for r in mine),
            sum(r.top_up_back for r in mine),
        )

    def renewal(self, order_id: int) -> RecordedRenewal | None:
        for _, renewed_on, old, new in self._store.renewals:
            if renewed_on == order_id:
                return RecordedRenewal(old, new, order_id in self._store.renewals_refunded)
        return None

    def tier_change(self, order_id: int) -> OrderTierChange | None:
        changes = [
            (from_tier, change)
            for _, from_tier, change in self._store.tier_changes
            if change.order_id == order_id and change.reason in ("qualified", "upgrade_bought")
        ]
        if not changes:
            return None
        last = changes[-1][1]
        return OrderTierChange(changes[0][0], last.to_tier, last.reason)

    def add_refund(self, refund: NewRefund) -> int:
        completed = any(r.completes and r.order_id == refund.order_id for r in self._store.refunds)
        if refund.completes and completed:
            raise WriteConflict("the completing refund is unique per order")
        order = self._recorded(refund.order_id)
        sold = {line.line_id: line.quantity - line.refunded_quantity for line in order.lines}
        if any(units > sold[line_id] for line_id, units, _ in refund.units):
            raise WriteConflict("never more units than were sold")
        for line_id, units, _ in refund.units:
            key = (refund.order_id, line_id)
            self._store.refunded_units[key] = self._store.refunded_units.get(key, 0) + units
        self._store.refunds.append(refund)
        return len(self._store.refunds)

    def close(self, order_id: int, completes: bool, spend_back: int) -> list[str]:
        if not completes:
            self._store.order_status[order_id] = "part_refunded"
            self._store.refunded_spend[order_id] = (
                self._store.refunded_spend.get(order_id, 0) + spend_back
            )
            return []
        self._store.order_status[order_id] = "refunded"
        used = [c for c, o in self._store.coupon_uses.items() if o == order_id]
        codes = {c.coupon_id: c.code for cs in self._store.personal_coupons.values() for c in cs}
        for coupon_id in used:
            del self._store.coupon_uses[coupon_id]
        return [codes[c] for c in used]

    def mark_renewal_refunded(self, order_id: int, refund_id: int) -> None:
        self._store.renewals_refunded.add(order_id)

    def _recorded(self, order_id: int) -> RecordedOrder:
        paid = self._store.orders[order_id - 1]
        bill = paid.bill
        lines = tuple(
            RecordedLine(
                order_id * 1000 + position,
                position,
                line.item.name_zh,
                line.item.name_en,
                line.quantity,
                self._store.refunded_units.get((order_id, order_id * 1000 + position), 0),
                line.net,
            )
            for position, line in enumerate(bill.priced.lines, start=1)
        )
        points = ((PaymentMethod.POINTS.value, bill.points_value),) if bill.points_redeemed else ()
        settled = ((paid.settlement.method.value, paid.settlement.amount),)
        return RecordedOrder(
            order_id=order_id,
            order_no=paid.order_no,
            created_at=paid.created_at,
            business_day=paid.business_day,
            member_id=paid.member_id,
            status=self._store.order_status.get(order_id, "paid"),
            due=bill.due,
            total=bill.priced.total,
            subtotal=bill.priced.subtotal,
            points_value=bill.points_value,
            qualifying_spend=paid.qualifying_spend,
            refunded_spend=self._store.refunded_spend.get(order_id, 0),
            renewal_fee=bill.renewal_fee,
            upgrade_fee=bill.upgrade_fee,
            top_up=bill.top_up_amount,
            lines=lines,
            payments=points + settled,
        )


class FakeMerges:
    """Merges members of the store: ledger entries and orders move, the profile is written."""

    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def lock_pair(self, survivor_id: int, absorbed_id: int) -> tuple[MergeParty, MergeParty]:
        if survivor_id not in self._store.members or absorbed_id not in self._store.members:
            raise LookupError("no such member")
        return self._party(survivor_id), self._party(absorbed_id)

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
        moved: dict[str, list[int]] = {}
        for name, entries in (
            ("points_ledger", self._store.points),
            ("stored_value_ledger", self._store.stored_value),
        ):
            mine = [e for e in entries if e["member_id"] == absorbed.member_id]
            for entry in mine:
                entry["member_id"] = survivor.member_id
            moved[f"{name}.member_id"] = [e.get("entry_id", 0) for e in mine]
        orders = [i for i, o in enumerate(self._store.orders) if o.member_id == absorbed.member_id]
        for i in orders:
            self._store.orders[i] = replace(self._store.orders[i], member_id=survivor.member_id)
        moved["orders.member_id"] = [i + 1 for i in orders]
        member = self._store.members[MemberId(survivor.member_id)]
        self._store.members[MemberId(survivor.member_id)] = replace(
            member, tier=self._store.tiers[TierId(survivor.tier_id)],
            expires_on=survivor.expires_on, birthday=survivor.birthday,
            allergies=survivor.allergies, preferences=survivor.preferences,
        )  # fmt: skip
        self._store.notes[survivor.member_id] = survivor.notes
        self._store.marketing[survivor.member_id] = survivor.marketing_consent
        self._store.merged.add(absorbed.member_id)
        self._store.merges.append((absorbed.member_id, survivor.member_id, staff_id, approver_id,
                                   reason, at, dict(detail)))  # fmt: skip
        return moved

    def _party(self, member_id: int) -> MergeParty:
        member = self._store.members[MemberId(member_id)]
        return MergeParty(
            member_id=member_id, member_no=member.member_no,
            merged=member_id in self._store.merged, tier_id=member.tier.tier_id,
            tier_rank=member.tier.rank, expires_on=member.expires_on, birthday=member.birthday,
            allergies=member.allergies, preferences=member.preferences,
            notes=self._store.notes.get(member_id, ""),
            marketing_consent=self._store.marketing.get(member_id, False),
        )  # fmt: skip


class FakeMenu:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def categories(self) -> list[MenuCategory]:
        return list(self._store.categories)

    def items_on_sale(self) -> list[MenuItem]:
        return list(self._store.items)


class FakeComplaints:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def open(self, member_id: int, complaint: NewComplaint, at: datetime, opened_by: int) -> int:
        self._store.complaints.append((member_id, complaint, at, opened_by))
        return len(self._store.complaints)


class FakePrintJobs:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

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
        self._store.print_jobs.append(
            dict(
                till_id=till_id,
                printer_url=printer_url,
                kind=kind,
                document=document,
                open_drawer=open_drawer,
                created_at=created_at,
                order_id=order_id,
                job_id=len(self._store.print_jobs) + 1,
                status=JobStatus.QUEUED,
                attempts=0,
            )
        )
        return len(self._store.print_jobs)

    def head(self, till_id: str, printer_url: str) -> PrintJob | None:
        mine = (j for j in self._jobs(till_id) if j.printer_url == printer_url)
        return next((j for j in mine if not j.status.finished), None)

    def get(self, job_id: int) -> PrintJob | None:
        found = [j for j in self._store.print_jobs if j["job_id"] == job_id]
        return _print_job(found[0]) if found else None

    def recent(self, till_id: str, limit: int) -> list[PrintJob]:
        return self._jobs(till_id)[::-1][:limit]

    def first_receipt(self, order_no: str) -> PrintJob | None:
        orders = {i: o.order_no for i, o in enumerate(self._store.orders, start=1)}
        receipts = (
            _print_job(j)
            for j in self._store.print_jobs
            if j["kind"] == "receipt" and orders.get(j["order_id"]) == order_no
        )
        return next(receipts, None)

    def pending_printers(self, till_id: str) -> list[str]:
        return sorted({j.printer_url for j in self._jobs(till_id) if not j.status.finished})

    def requeue_interrupted(self, till_id: str) -> int:
        interrupted = [j for j in self._jobs(till_id) if j.status is JobStatus.PRINTING]
        for job in interrupted:
            self._change(job.job_id, status=JobStatus.QUEUED, last_error="interrupted")
        return len(interrupted)

    def start_attempt(self, job_id: int) -> PrintJob:
        attempts = self._job(job_id)["attempts"] + 1
        return self._change(job_id, status=JobStatus.PRINTING, attempts=attempts,
                            next_attempt_at=None)  # fmt: skip

    def mark_finished(self, job_id: int, status: JobStatus, at: datetime) -> PrintJob:
        return self._change(job_id, status=status, fault="", last_error="", finished_at=at,
                            next_attempt_at=None)  # fmt: skip

    def mark_failed(
        self, job_id: int, fault: str, error: str, retry_at: datetime | None
    ) -> PrintJob:
        return self._change(job_id, status=JobStatus.FAILED, fault=fault, last_error=error,
                            next_attempt_at=retry_at)  # fmt: skip

    def redirect(self, job_id: int, printer_url: str) -> None:
        self._change(job_id, printer_url=printer_url, status=JobStatus.QUEUED)

    def _jobs(self, till_id: str) -> list[PrintJob]:
        return [_print_job(j) for j in self._store.print_jobs if j["till_id"] == till_id]

    def _job(self, job_id: int) -> dict[str, Any]:
        found = [j for j in self._store.print_jobs if j["job_id"] == job_id]
        if not found:
            raise LookupError(f"no print job {job_id}")
        return found[0]

    def _change(self, job_id: int, **values: Any) -> PrintJob:
        job = self._job(job_id)
        job.update(values)
        return _print_job(job)


def _print_job(job: dict[str, Any]) -> PrintJob:
    """A job as ``FakePrintJobs.add`` keeps it (a dict tests read), as a ``PrintJob``."""
    return PrintJob(**job)


class FakeRestaurant:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def settings(self) -> dict[str, str]:
        return dict(self._store.settings)


class FakeCoupons:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def issuable_offer(self, offer_code: str) -> int | None:
        return self._store.coupon_offers.get(offer_code)

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
        coupon_id = len(self._store.coupons) + 1
        if offer_id in self._store.offers:
            coupon = Coupon(coupon_id, code, self._store.offers[offer_id], expires_on)
            self._store.personal_coupons.setdefault(member_id, []).append(coupon)
        self._store.coupons.append(
            dict(
                coupon_id=coupon_id,
                member_id=member_id,
                offer_id=offer_id,
                code=code,
                issued_at=issued_at,
                issued_by=issued_by,
                expires_on=expires_on,
            )
        )
        return coupon_id


class FakeStaffAccounts:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def find(self, staff_id: StaffId) -> StaffAccount | None:
        return self._store.staff.get(staff_id)

    def by_username(self, username: str) -> StaffAccount | None:
        found = (a for a in self._store.staff.values() if a.staff.username == username)
        return next((a for a in found if a.active), None)

    def by_badge(self, badge_no: str) -> StaffAccount | None:
        return next((a for a in self._store.staff.values() if a.badge_no == badge_no), None)

    def active(self) -> list[StaffMember]:
        return [a.staff for _, a in sorted(self._store.staff.items()) if a.active]

    def record_sign_in(self, staff_id: StaffId) -> None:
        self.record_failed_sign_in(staff_id, 0, None)

    def record_failed_sign_in(
        self, staff_id: StaffId, failed_attempts: int, locked_until: datetime | None
    ) -> None:
        account = self._account(staff_id)
        self._store.staff[staff_id] = replace(
            account, failed_attempts=failed_attempts, locked_until=locked_until
        )

    def set_badge(self, staff_id: StaffId, badge_no: str | None) -> None:
        holder = None if badge_no is None else self.by_badge(badge_no)
        if holder is not None and holder.staff_id != staff_id:
            raise WriteConflict("a badge has one holder")
        self._store.staff[staff_id] = replace(self._account(staff_id), badge_no=badge_no)

    def is_member_card(self, number: str) -> bool:
        return number in self._store.member_card_numbers

    def _account(self, staff_id: StaffId) -> StaffAccount:
        if staff_id not in self._store.staff:
            raise LookupError(f"staff member {staff_id} does not exist")
        return self._store.staff[staff_id]


class FakeUnitOfWork:
    """Works on a copy of the store; ``commit()`` puts the copy back, as a transaction would."""

    def __init__(self, store: FakeStore) -> None:
        self._committed = store
        self._working: FakeStore | None = None
        self.commits = 0

    def __enter__(self) -> FakeUnitOfWork:
        if self._working is not None:
            raise RuntimeError("a unit of work is used once: open a new one")
        self._working = deepcopy(self._committed)
        self.ledgers = FakeLedgers(self._working)
        self.audit = FakeAuditLog(self._working)
        self.members = FakeMemberAccounts(self._working)
        self.tiers = FakeTiers(self._working)
        self.coupons = FakeCoupons(self._working)
        self.programme = FakeProgramme(self._working)
        self.orders = FakeOrders(self._working)
        self.print_jobs = FakePrintJobs(self._working)
        self.restaurant = FakeRestaurant(self._working)
        self.order_history = FakeOrderHistory(self._working)
        self.complaints = FakeComplaints(self._working)
        self.menu = FakeMenu(self._working)
        self.merges = FakeMerges(self._working)
        self.staff = FakeStaffAccounts(self._working)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._working = FakeStore()  # nothing after the block reaches the store

    def commit(self) -> None:
        assert self._working is not None, "commit inside 'with'"
        for name in self._committed.__dataclass_fields__:
            setattr(self._committed, name, deepcopy(getattr(self._working, name)))
        self.commits += 1


class FakeUnits:
    """A ``UnitOfWorkFactory`` over one ``FakeStore``."""

    def __init__(self, store: FakeStore | None = None) -> None:
        self.store = store or FakeStore()

    def __call__(self) -> UnitOfWork:  # typed so that mypy proves the fake fits the protocol
        return FakeUnitOfWork(self.store)
