"""Hand-written fakes shared by the tests."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from copy import deepcopy
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from app.context import ActionContext
from app.domain.enrolment import Gender, NewMember, member_number
from app.domain.erasure import ErasureSubject, KeptTotals
from app.domain.loyalty import LoyaltyRules
from app.domain.loyalty_admin import OfferId, OfferSpec, TierSpec, TopUpRuleId, TopUpRuleSpec
from app.domain.manual_discount import AppliedManualDiscount, DiscountRequest
from app.domain.member_filters import MemberFilter
from app.domain.member_list import Criteria
from app.domain.member_profile import (
    CONSENT_FIELDS,
    Consents,
    FieldChange,
    ProfileValues,
    StoredProfile,
)
from app.domain.member_story import (
    Absence,
    AbsenceKind,
    Card,
    Complaint,
    ComplaintState,
    Feedback,
    NewComplaint,
    PointsEntry,
    Profile,
    ProfileChange,
    StoredValueEntry,
    StoryLimits,
    StoryRecords,
    is_overdue,
)
from app.domain.member_value import ValueChange, ValuedMember
from app.domain.members import MemberCandidate, MemberId, MemberSummary
from app.domain.menu import CategoryId, ItemId, MenuCategory, MenuItem
from app.domain.merging import MergeParty
from app.domain.offer_admin import Holiday, OfferStacking, TargetedOfferId, TargetedOfferSpec
from app.domain.offers import Coupon, Offer
from app.domain.offline import OfflineOverdraft
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
from app.domain.points import LedgerEntry
from app.domain.print_jobs import JobStatus, PrintJob
from app.domain.qualification import Standing
from app.domain.renewal import RenewalQuote
from app.domain.request_keys import CommittedRequest, RequestKind
from app.domain.rfm import Activity, SegmentedMember
from app.domain.saved_filters import SavedFilter
from app.domain.staff import (
    Role,
    StaffAccount,
    StaffId,
    StaffMember,
    StoredBadge,
    lockout_until,
)
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
    values: dict[int, int | None] = field(default_factory=dict)
    """Member id -> (visits, spend, last visit)."""
    print_jobs: list[dict[str, Any]] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)
    default_store_name: str = "Main store"
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
    """The menu's items (hidden ones too: ``active``), in the till's order."""
    watermarks: dict[str, date | None] = field(default_factory=dict)
    """Daily job -> the last day it handled (``None``: claimed, never advanced)."""
    texts: dict[str, str] = field(default_factory=dict)
    """A daily job's lease and its position inside a run."""
    unscored: set[int] = field(default_factory=set)
    """Members who may not be given a segment (erased, or refused automated decisions)."""
    saved_filters: dict[int, tuple[SavedFilter, int]] = field(default_factory=dict)
    """Filter id -> (the saved filter, who saved it)."""
    contacts: list[tuple[int, datetime, int, str, str]] = field(default_factory=list)
    """(member, at, staff, channel, note) of each contact marked."""
    erased: dict[int, datetime] = field(default_factory=dict)
    """Member id -> when the member was erased."""
    search_keys: dict[int, list[str]] = field(default_factory=dict)
    """Member id -> the keys the till finds them by."""
    staff_names: dict[int, str] = field(default_factory=dict)
    """Staff id -> display name."""
    resolutions: dict[int, tuple[str, datetime]] = field(default_factory=dict)
    """Complaint id (its place in ``complaints`` from 1) -> (outcome, resolved at)."""
    feedback: list[tuple[int, int | None, int, str, datetime, int]] = field(default_factory=list)
    """(member, order, score, comment, at, staff)."""
    absences: list[tuple[int, AbsenceKind, datetime, int, str, datetime, int]] = field(
        default_factory=list
    )
    """(member, kind, booked for, party size, note, at, staff)."""
    cards: dict[str, tuple[int, str]] = field(default_factory=dict)
    """Card number -> (member id, status)."""
    enrolled: dict[int, NewMember] = field(default_factory=dict)
    """Member id -> what enrolment wrote."""
    genders: dict[int, Gender] = field(default_factory=dict)
    consents: dict[int, Consents] = field(default_factory=dict)
    """Member id -> consents (marketing is kept in ``marketing``)."""
    consents_changed_at: dict[int, datetime] = field(default_factory=dict)
    qualify_spend: dict[int, int] = field(default_factory=dict)
    """Tier id -> the spend that qualifies for it, as the programme editor saves it."""
    renewal_offers: dict[int, OfferSpec] = field(default_factory=dict)
    top_up_rules: dict[int, TopUpRuleSpec] = field(default_factory=dict)
    targeted_offers: dict[int, TargetedOfferSpec] = field(default_factory=dict)
    offer_item_ids: set[int] = field(default_factory=set)
    """Menu items off the menu that an offer still names (``items`` are on it)."""
    holidays: dict[date, str] = field(default_factory=dict)
    stacking: OfferStacking = field(default_factory=OfferStacking)
    staff: dict[int, StaffAccount] = field(default_factory=dict)
    member_card_numbers: set[str] = field(default_factory=set)
    request_keys: dict[str, CommittedRequest] = field(default_factory=dict)
    offline_overdrafts: list[OfflineOverdraft] = field(default_factory=list)


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

    def members_who_earned(self, after: date | None, through: date) -> list[int]:
        return sorted(
            {
                e["member_id"]
                for e in self._store.points
                if e["delta"] > 0
                and e["at"].date() <= through
                and (after is None or e["at"].date() > after)
            }
        )

    def points_histories(self, member_ids: Sequence[int]) -> dict[int, list[LedgerEntry]]:
        histories: dict[int, list[LedgerEntry]] = {}
        for e in sorted(self._store.points, key=lambda e: (e["at"], e["entry_id"])):
            if e["member_id"] in member_ids:
                histories.setdefault(e["member_id"], []).append(
                    LedgerEntry(e["at"].date(), e["delta"])
                )
        return histories

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

    def uncount_visit(self, member_id: MemberId, spend: int, whole_visit: bool, day: date) -> None:
        visits, total, last = self._store.visits[member_id]
        self._store.visits[member_id] = (visits - int(whole_visit), total - spend, last)

    def lock_many(self, member_ids: Sequence[int]) -> None:
        self._store.locks_taken += len(member_ids)

    def add(self, new: NewMember) -> MemberId:
        if any(m.phone == new.phone for m in self._store.members.values()):
            raise WriteConflict("the phone is unique")
        member_id = MemberId(max(self._store.members, default=0) + 1)
        self._store.members[member_id] = MemberSummary(
            member_id, member_number(member_id), new.name, new.phone,
            self._store.tiers[new.tier_id], new.joined_on, new.expires_on, 0, 0,
            new.preferences, new.allergies, birthday=new.birthday, segment=new.segment,
        )  # fmt: skip
        self._store.enrolled[member_id] = new
        self._store.genders[member_id] = new.gender
        self._store.marketing[member_id] = new.marketing_consent
        return member_id

    def by_phone(self, phone: str) -> MemberCandidate | None:
        found = [m for m in self._store.members.values() if m.phone == phone]
        return _candidate(found[0]) if found else None

    def born_on(self, birthday: date) -> list[MemberCandidate]:
        return [
            _candidate(m)
            for _, m in sorted(self._store.members.items())
            if m.birthday == birthday and m.member_id not in self._store.merged
        ]

    def card_holder(self, card_no: str) -> MemberCandidate | None:
        card = self._store.cards.get(card_no)
        return None if card is None else _candidate(self._store.members[MemberId(card[0])])

    def issue_card(
        self, member_id: MemberId, card_no: str, at: datetime, *, block_others: bool
    ) -> None:
        if card_no in self._store.cards:
            raise WriteConflict("card numbers are unique")
        if block_others:
            for number, (holder, status) in list(self._store.cards.items()):
                if holder == member_id and status == "active":
                    self._store.cards[number] = (holder, "blocked")
        self._store.cards[card_no] = (member_id, "active")

    def profile(self, member_id: MemberId) -> StoredProfile | None:
        member = self._store.members.get(member_id)
        if member is None:
            return None
        consents = replace(
            self._store.consents.get(member_id, Consents()),
            marketing=self._store.marketing.get(member_id, False),
        )
        values = ProfileValues(
            member.name, member.phone, member.birthday,
            self._store.genders.get(member_id, Gender.UNSPECIFIED), member.preferences,
            member.allergies, self._store.notes.get(member_id, ""), consents,
        )  # fmt: skip
        return StoredProfile(member_id, member.member_no, values,
                             erased=member_id in self._store.erased,
                             merged=member_id in self._store.merged)  # fmt: skip

    def edit_profile(
        self,
        member_id: MemberId,
        values: ProfileValues,
        changed: Sequence[FieldChange],
        at: datetime,
        staff_id: int,
    ) -> None:
        member = self.summary(member_id)
        self._store.members[member_id] = replace(
            member, name=values.name, phone=values.phone, birthday=values.birthday,
            preferences=values.preferences, allergies=values.allergies,
        )  # fmt: skip
        self._store.notes[member_id] = values.notes
        self._store.genders[member_id] = values.gender
        self._store.consents[member_id] = values.consents
        self._store.marketing[member_id] = values.consents.marketing
        if any(change.field in CONSENT_FIELDS for change in changed):
            self._store.consents_changed_at[member_id] = at
        for change in changed:
            self._store.profile_changes.append(
                (member_id, change.field.value, change.old, change.new, at, staff_id)
            )

    def clear_profiling(self, member_id: MemberId) -> None:
        self._store.members[member_id] = replace(self.summary(member_id), segment="")


def _candidate(member: MemberSummary) -> MemberCandidate:
    return MemberCandidate(
        member.member_id, member.member_no, member.name, member.masked_phone,
        member.tier.name_zh, member.tier.name_en, member.expires_on,
    )  # fmt: skip


class FakeTiers:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def get(self, tier_id: TierId) -> Tier | None:
        return self._store.tiers.get(tier_id)

    def ranked(self) -> list[Tier]:
        return sorted(self._store.tiers.values(), key=lambda tier: tier.rank)


class FakeProgrammeEdits:
    """The programme editor's reads and writes over the store; ids are handed out in order."""

    _store: FakeStore

    def tier_specs(self) -> list[TierSpec]:
        ranked = sorted(self._store.tiers.values(), key=lambda tier: tier.rank)
        return [self._tier_spec(tier) for tier in ranked]

    def lock_tier(self, tier_id: TierId) -> TierSpec | None:
        tier = self._store.tiers.get(tier_id)
        return self._tier_spec(tier) if tier is not None else None

    def save_tier(self, spec: TierSpec) -> TierSpec:
        tier_id = spec.tier_id or TierId(max(self._store.tiers, default=0) + 1)
        self._store.tiers[tier_id] = Tier(
            tier_id, spec.code, spec.rank, spec.name_zh, spec.name_en, spec.discount_bp,
            spec.excluded_categories, spec.points_multiplier_bp, spec.annual_fee,
            spec.birthday_benefit_zh, spec.birthday_benefit_en,
        )  # fmt: skip
        self._store.qualify_spend[tier_id] = spec.qualify_spend
        return replace(spec, tier_id=tier_id)

    def tier_holders(self, tier_id: TierId) -> int:
        return sum(m.tier.tier_id == tier_id for m in self._store.members.values())

    def history_naming_tier(self, tier_id: TierId) -> list[str]:
        changes = self._store.tier_changes
        return [
            f"tier_changes.{column}"
            for column, named in (
                ("from_tier_id", any(from_tier == tier_id for _, from_tier, _ in changes)),
                ("to_tier_id", any(change.to_tier == tier_id for _, _, change in changes)),
            )
            if named
        ]

    def delete_tier(self, tier_id: TierId) -> None:
        del self._store.tiers[tier_id]
        self._store.qualify_spend.pop(tier_id, None)

    def renewal_offer_specs(self) -> list[OfferSpec]:
        return [self._store.renewal_offers[key] for key in sorted(self._store.renewal_offers)]

    def renewal_offer_with_code(self, code: str) -> OfferId | None:
        found = [o.offer_id for o in self._store.renewal_offers.values() if o.code == code]
        return found[0] if found else None

    def lock_renewal_offer(self, offer_id: OfferId) -> OfferSpec | None:
        return self._store.renewal_offers.get(offer_id)

    def renewals_sold(self, offer_code: str) -> bool:
        sold = (o.bill.renewal for o in self._store.orders if o.bill.renewal is not None)
        return any(renewal.offer.code == offer_code for renewal in sold)

    def save_renewal_offer(self, spec: OfferSpec) -> OfferSpec:
        offer_id = spec.offer_id or OfferId(max(self._store.renewal_offers, default=0) + 1)
        saved = self._store.renewal_offers[offer_id] = replace(spec, offer_id=offer_id)
        return saved

    def top_up_rule_specs(self) -> list[TopUpRuleSpec]:
        return sorted(self._store.top_up_rules.values(), key=lambda rule: rule.minimum)

    def lock_top_up_rule(self, rule_id: TopUpRuleId) -> TopUpRuleSpec | None:
        return self._store.top_up_rules.get(rule_id)

    def save_top_up_rule(self, spec: TopUpRuleSpec) -> TopUpRuleSpec:
        rule_id = spec.rule_id or TopUpRuleId(max(self._store.top_up_rules, default=0) + 1)
        saved = self._store.top_up_rules[rule_id] = replace(spec, rule_id=rule_id)
        return saved

    def targeted_offer_specs(self) -> list[TargetedOfferSpec]:
        offers = self._store.targeted_offers.values()
        return sorted(offers, key=lambda o: (o.offer.priority, o.offer_id or 0))

    def lock_targeted_offer(self, offer_id: TargetedOfferId) -> TargetedOfferSpec | None:
        return self._store.targeted_offers.get(offer_id)

    def save_targeted_offer(self, spec: TargetedOfferSpec) -> TargetedOfferSpec:
        codes = {tier.code for tier in self._store.tiers.values()}
        if not spec.offer.conditions.tiers <= codes:
            raise LookupError("no such tier")
        key = spec.offer_id or TargetedOfferId(max(self._store.targeted_offers, default=0) + 1)
        saved = self._store.targeted_offers[key] = replace(spec, offer_id=key)
        return saved

    def offer_items(self) -> list[MenuItem]:
        return list(self._store.items)

    def menu_item_ids(self) -> frozenset[ItemId]:
        on_menu = {item.item_id for item in self._store.items}
        return frozenset(on_menu | {ItemId(i) for i in self._store.offer_item_ids})

    def holidays(self) -> list[Holiday]:
        return [Holiday(day, name) for day, name in sorted(self._store.holidays.items())]

    def lock_holiday(self, day: date) -> Holiday | None:
        name = self._store.holidays.get(day)
        return Holiday(day, name) if name is not None else None

    def add_holiday(self, holiday: Holiday) -> None:
        if holiday.day in self._store.holidays:
            raise WriteConflict("one holiday a day")
        self._store.holidays[holiday.day] = holiday.name

    def remove_holiday(self, day: date) -> None:
        del self._store.holidays[day]

    def stacking(self) -> OfferStacking:
        return self._store.stacking

    def save_stacking(self, stacking: OfferStacking) -> None:
        self._store.stacking = stacking

    def _tier_spec(self, tier: Tier) -> TierSpec:
        return TierSpec(
            tier.code, tier.rank, tier.name_zh, tier.name_en, tier.discount_bp,
            tier.points_multiplier_bp, tier.annual_fee,
            self._store.qualify_spend.get(tier.tier_id, 0), tier.birthday_benefit_zh,
            tier.birthday_benefit_en, tier.excluded_categories, tier.tier_id,
        )  # fmt: skip


class FakeProgramme(FakeProgrammeEdits):
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
        return max((n for n in same if n > 0), default=0) + 1

    def next_offline_sequence(self, till_id: str, day: date) -> int:
        same = [
            o.sequence for o in self._store.orders if (o.till_id, o.business_day) == (till_id, day)
        ]
        return -min((n for n in same if n < 0), default=0) + 1

    def add(self, paid: PaidOrder) -> int:
        self._store.orders.append(paid)
        return len(self._store.orders)

    def qualifying_spend(self, member_id: int, first: date, last: date) -> int:
        return sum(
            o.qualifying_spend
            for o in self._store.orders
            if o.member_id == member_id and first <= o.business_day <= last
        )

    def next_sequence_and_spend(
        self, till_id: str, day: date, member_id: int, first: date, last: date
    ) -> tuple[int, int]:
        return self.next_sequence(till_id, day), self.qualifying_spend(member_id, first, last)

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
        return [item for item in self.all_items() if item.active]

    def all_items(self) -> list[MenuItem]:
        rank = {c.category_id: i for i, c in enumerate(self._store.categories)}
        return sorted(self._store.items, key=lambda item: rank.get(item.category_id, -1))

    def add_category(self, code: str, name_zh: str, name_en: str) -> CategoryId:
        new_id = CategoryId(1 + max((c.category_id for c in self._store.categories), default=0))
        self._store.categories.append(MenuCategory(new_id, code, name_zh, name_en))
        return new_id

    def rename_category(self, category_id: CategoryId, name_zh: str, name_en: str) -> None:
        self._store.categories = [
            replace(c, name_zh=name_zh, name_en=name_en) if c.category_id == category_id else c
            for c in self._store.categories
        ]

    def order_categories(self, ids: Sequence[CategoryId]) -> None:
        by_id = {c.category_id: c for c in self._store.categories}
        rest = [c for c in self._store.categories if c.category_id not in ids]
        self._store.categories = [by_id[i] for i in ids] + rest

    def add_item(self, item: MenuItem) -> ItemId:
        new_id = ItemId(1 + max((i.item_id for i in self._store.items), default=0))
        self._store.items.append(replace(item, item_id=new_id))
        return new_id

    def update_item(self, item: MenuItem) -> None:
        self._store.items = [
            replace(item, code=old.code) if old.item_id == item.item_id else old
            for old in self._store.items
        ]

    def order_items(self, ids: Sequence[ItemId]) -> None:
        by_id = {i.item_id: i for i in self._store.items}
        ordered = iter([by_id[i] for i in ids])
        self._store.items = [
            next(ordered) if old.item_id in by_id and old.item_id in ids else old
            for old in self._store.items
        ]


class FakeComplaints:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def open(self, member_id: int, complaint: NewComplaint, at: datetime, opened_by: int) -> int:
        self._store.complaints.append((member_id, complaint, at, opened_by))
        return len(self._store.complaints)

    def lock(self, complaint_id: int) -> ComplaintState | None:
        if not 1 <= complaint_id <= len(self._store.complaints):
            return None
        status = "resolved" if complaint_id in self._store.resolutions else "open"
        return ComplaintState(complaint_id, self._store.complaints[complaint_id - 1][0], status)

    def resolve(self, complaint_id: int, outcome: str, at: datetime) -> None:
        self._store.resolutions[complaint_id] = (outcome, at)


class FakeErasures:
    """Blanks what the fake holds of a person: the summary's texts, notes, consent, keys."""

    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def find(self, member_id: int) -> ErasureSubject | None:
        member = self._store.members.get(MemberId(member_id))
        if member is None:
            return None
        erased, merged = member_id in self._store.erased, member_id in self._store.merged
        return ErasureSubject(member_id, member.member_no, erased, merged)

    def lock(self, member_id: int) -> ErasureSubject | None:
        self._store.locks_taken += 1
        return self.find(member_id)

    def absorbed(self, member_id: int) -> list[int]:
        found: list[int] = []
        frontier = [member_id]
        while frontier:
            frontier = [a for a, s, *_ in self._store.merges if s in frontier and a not in found]
            found.extend(frontier)
        return found

    def kept(self, member_ids: Iterable[int]) -> KeptTotals:
        ids = set(member_ids)
        orders = [o for o in self._store.orders if o.member_id in ids]
        held = [e for e in self._store.stored_value if e["member_id"] in ids]
        return KeptTotals(
            len(orders),
            sum(o.bill.priced.total for o in orders),
            sum(e["delta"] for e in self._store.points if e["member_id"] in ids),
            sum(e["principal"] for e in held),
            sum(e["bonus"] for e in held),
        )

    def pseudonymise(self, member_id: int, name: str, phone: str, at: datetime) -> None:
        key = MemberId(member_id)
        self._store.members[key] = replace(
            self._store.members[key], name=name, phone=phone, birthday=None, preferences="",
            allergies="", segment="",
        )  # fmt: skip
        self._store.notes[member_id] = ""
        self._store.marketing[member_id] = False
        self._store.erased.setdefault(member_id, at)

    def forget_search_keys(self, member_ids: Sequence[int]) -> None:
        for member_id in member_ids:
            self._store.search_keys.pop(member_id, None)

    def block_cards(self, member_ids: Sequence[int]) -> int:
        cards = self._store.cards
        active = [number for number, (holder, status) in cards.items()
                  if holder in member_ids and status == "active"]  # fmt: skip
        for number in active:
            cards[number] = (cards[number][0], "blocked")
        return len(active)

    def redact_history(
        self, member_ids: Sequence[int], fields: Iterable[str], redacted: str
    ) -> int:
        names, count = set(fields), 0
        for i, (member, name, _, _, at, staff) in enumerate(self._store.profile_changes):
            if member in member_ids and name in names:
                self._store.profile_changes[i] = (member, name, redacted, redacted, at, staff)
                count += 1
        return count

    def redact_notes(self, member_ids: Sequence[int], redacted: str) -> int:
        count = 0
        for i, (member, complaint, at, staff) in enumerate(self._store.complaints):
            if member not in member_ids:
                continue
            texts = {"description": complaint.description, "note": complaint.compensation_note}
            blanked = {k: redacted if v not in ("", redacted) else v for k, v in texts.items()}
            count += sum(blanked[k] != texts[k] for k in texts)
            self._store.complaints[i] = (member, replace(complaint,
                description=blanked["description"], compensation_note=blanked["note"],
            ), at, staff)  # fmt: skip
        return count


class FakeMemberData:
    """The member's summary, ledgers and audit events as rows; other tables are empty."""

    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def member(self, member_id: int) -> dict[str, Any] | None:
        found = self._store.members.get(MemberId(member_id))
        if found is None:
            return None
        row = {k: v for k, v in vars(found).items() if k not in ("tier", "coupons", "offer_uses")}
        row.update(
            id=member_id, tier_id=found.tier.tier_id, notes=self._store.notes.get(member_id, "")
        )
        row.update(marketing_consent=self._store.marketing.get(member_id, False),
                   consent_third_party=False, consent_automated=False, consent_sensitive=False,
                   consent_updated_at=None)  # fmt: skip
        return row

    def staff_names(self) -> dict[int, str]:
        return {}

    def history(self, member_id: int) -> list[tuple[str, str, list[dict[str, Any]]]]:
        orders = [
            {"id": i, "order_no": o.order_no, "member_id": o.member_id, "created_at": o.created_at}
            for i, o in enumerate(self._store.orders, start=1)
        ]
        return [
            (table, "member_id", [dict(e) for e in entries if e["member_id"] == member_id])
            for table, entries in (
                ("orders", orders),
                ("points_ledger", self._store.points),
                ("stored_value_ledger", self._store.stored_value),
            )
        ]

    def order_parts(self, order_ids: Sequence[int]) -> dict[str, list[dict[str, Any]]]:
        return {"lines": [], "payments": [], "refunds": [], "refund_lines": []}

    def merged_records(self, member_id: int) -> list[dict[str, Any]]:
        merged = (a for a, s, *_ in self._store.merges if s == member_id)
        return [row for row in map(self.member, merged) if row is not None]

    def audit_events(self, member_no: str) -> list[dict[str, Any]]:
        return [
            {"action": action, "subject": subject, "staff_id": context.staff_id, "at": context.now}
            for context, action, subject, _ in self._store.audit
            if member_no in subject.split("->")
        ]


class FakeStories:
    """A story from what the fake holds: profile, cards, ledgers, complaints, feedback,
    absences and profile changes (orders and contacts are not kept)."""

    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def member_no(self, member_id: int) -> str | None:
        member = self._store.members.get(MemberId(member_id))
        return member.member_no if member is not None else None

    def profile(self, member_id: int) -> Profile | None:
        if member_id not in self._store.members:
            return None
        m = FakeMemberAccounts(self._store).summary(MemberId(member_id))
        erased = self._store.erased.get(member_id)
        visits, spend, last = self._store.visits.get(member_id, (0, 0, None))
        return Profile(
            member_id, m.member_no, m.name, "" if erased else m.phone, m.birthday, "",
            m.tier.name_zh, m.tier.name_en, m.joined_on, m.expires_on, m.preferences,
            m.allergies, self._store.notes.get(member_id, ""), "",
            self._store.marketing.get(member_id, False), False, False, False, m.points,
            m.stored_value, visits, spend, last, m.segment, erased_at=erased,
        )  # fmt: skip

    def records(self, member_id: int, today: date, limits: StoryLimits) -> StoryRecords:
        name, store = self._store.staff_names.get, self._store

        def mine(rows: list[Any], cap: int) -> list[Any]:
            return [row for row in reversed(rows) if row[0] == member_id][:cap]

        complaints = [(i, *c) for i, c in enumerate(store.complaints, start=1) if c[0] == member_id]
        return StoryRecords(
            cards=tuple(
                Card(number, status, datetime.min)
                for number, (holder, status) in store.cards.items() if holder == member_id
            ),
            points=tuple(
                PointsEntry(e.get("at", datetime.min), e["delta"], e.get("reason", ""), "",
                            name(e.get("staff_id") or 0, ""))
                for e in reversed(store.points) if e["member_id"] == member_id
            )[: limits.ledger],
            stored_value=tuple(
                StoredValueEntry(e.get("at", datetime.min), e["principal"], e["bonus"],
                                 e.get("reason", ""), "", name(e.get("staff_id") or 0, ""))
                for e in reversed(store.stored_value) if e["member_id"] == member_id
            )[: limits.ledger],
            orders=(),
            complaints=tuple(
                self._complaint(i, c, at, staff, today)
                for i, _, c, at, staff in reversed(complaints)
            )[: limits.history],
            feedback=tuple(
                Feedback(at, score, comment, "", name(staff, ""))
                for _, _, score, comment, at, staff in mine(store.feedback, limits.history)
            ),
            absences=tuple(
                Absence(kind.value, booked, size, note, at, name(staff, ""))
                for _, kind, booked, size, note, at, staff in mine(store.absences, limits.history)
            ),
            contacts=(),
            changes=tuple(
                ProfileChange(at, field, old, new, name(staff, ""))
                for _, field, old, new, at, staff in mine(store.profile_changes, limits.history)
            ),
        )  # fmt: skip

    def order_of_member(self, member_id: int, order_id: int) -> bool:
        orders = self._store.orders
        return 1 <= order_id <= len(orders) and orders[order_id - 1].member_id == member_id

    def staff_exists(self, staff_id: int) -> bool:
        return staff_id in self._store.staff_names

    def add_feedback(
        self,
        member_id: int,
        order_id: int | None,
        score: int,
        comment: str,
        at: datetime,
        staff_id: int,
    ) -> None:
        self._store.feedback.append((member_id, order_id, score, comment, at, staff_id))

    def add_absence(
        self,
        member_id: int,
        kind: AbsenceKind,
        booked_for: datetime,
        party_size: int,
        note: str,
        at: datetime,
        staff_id: int,
    ) -> None:
        self._store.absences.append((member_id, kind, booked_for, party_size, note, at, staff_id))

    def _complaint(
        self, complaint_id: int, c: NewComplaint, at: datetime, staff: int, today: date
    ) -> Complaint:
        outcome, resolved_at = self._store.resolutions.get(complaint_id, ("", None))
        status = "open" if resolved_at is None else "resolved"
        name = self._store.staff_names.get
        return Complaint(
            complaint_id, at, name(staff, ""), c.category.value, c.description,
            name(c.owner_id or 0, ""), c.promised_on, c.compensation, c.compensation_note,
            status, outcome, resolved_at, is_overdue(status, c.promised_on, today),
        )  # fmt: skip


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
        return next(iter(self.front(till_id, printer_url, 1)), None)

    def front(self, till_id: str, printer_url: str, count: int) -> list[PrintJob]:
        mine = (j for j in self._jobs(till_id) if j.printer_url == printer_url)
        return [j for j in mine if not j.status.finished][:count]

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

    def set_setting(self, key: str, value: str) -> None:
        self._store.settings[key] = value

    def name_default_store(self, name: str, address: str) -> str | None:
        old = self._store.default_store_name
        if old not in ("Main store", "总店") or not name.strip() or old == name.strip():
            return None
        self._store.default_store_name = name.strip()
        return old


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


class FakeWatermarks:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def claim(self, key: str) -> date | None:
        return self._store.watermarks.setdefault(key, None)

    def peek(self, key: str) -> date | None:
        return self._store.watermarks.get(key)

    def advance(self, key: str, day: date) -> None:
        self._store.watermarks[key] = day

    def claim_text(self, key: str) -> str:
        return self._store.texts.setdefault(key, "")

    def peek_text(self, key: str) -> str:
        return self._store.texts.get(key, "")

    def set_text(self, key: str, value: str) -> None:
        self._store.texts[key] = value


class FakeAnniversaries:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def due(self, day: date, tier_ids: Sequence[TierId]) -> list[MemberId]:
        leap_born_today = (day.month, day.day) == (2, 28) and (day + timedelta(days=1)).day == 1
        return sorted(
            MemberId(member_id)
            for member_id, member in self._store.members.items()
            if member.tier.tier_id in tier_ids
            and member.joined_on < day
            and member_id not in self._store.merged
            and (
                (member.joined_on.month, member.joined_on.day) == (day.month, day.day)
                or (leap_born_today and (member.joined_on.month, member.joined_on.day) == (2, 29))
            )
        )

    def standing(self, member_ids: Sequence[int]) -> list[Standing]:
        members = self._store.members
        return [
            Standing(i, members[MemberId(i)].tier.tier_id, members[MemberId(i)].joined_on)
            for i in sorted(member_ids)
            if i in members
        ]

    def overridden_since(self, member_id: MemberId, since: date) -> bool:
        return any(
            member == member_id and change.reason == "override" and change.at.date() >= since
            for member, _, change in self._store.tier_changes
        )


class FakeSegments:
    """Visits from the store's orders; a member's segment is their summary's."""

    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def activity(self, first: date, last: date) -> dict[int, Activity]:
        came: dict[int, tuple[date, int, int]] = {}
        for order_id, order in enumerate(self._store.orders, start=1):
            status = self._store.order_status.get(order_id, "paid")
            member_id = order.member_id
            if member_id is None or status not in ("paid", "part_refunded"):
                continue
            if not first <= order.business_day <= last or not self._scored(member_id):
                continue
            spend = order.qualifying_spend - self._store.refunded_spend.get(order_id, 0)
            latest, visits, total = came.get(member_id, (order.business_day, 0, 0))
            came[member_id] = (max(latest, order.business_day), visits + 1, total + spend)
        return {
            member_id: Activity(self._store.members[MemberId(member_id)].joined_on, *figures)
            for member_id, figures in came.items()
        }

    def members(self) -> Iterator[SegmentedMember]:
        for member_id, member in sorted(self._store.members.items()):
            if member_id not in self._store.merged:
                yield SegmentedMember(
                    member_id, member.joined_on, member.segment, self._scored(member_id)
                )

    def set_segment(self, segment: str, member_ids: Sequence[int]) -> int:
        changed = 0
        for member_id in member_ids:
            member = self._store.members[MemberId(member_id)]
            if member.segment != segment:
                self._store.members[MemberId(member_id)] = replace(member, segment=segment)
                changed += 1
        return changed

    def _scored(self, member_id: int) -> bool:
        return member_id in self._store.members and member_id not in self._store.unscored


class FakeMemberValues:
    """Members' stored values, from the store's visit figures."""

    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def members(self, today: date, valued_through: date | None) -> Iterator[ValuedMember]:
        """Every member: a superset of those whose value may have moved is allowed."""
        for member_id, member in sorted(self._store.members.items()):
            if member_id in self._store.merged:
                continue
            _visits, spend, last = self._store.visits.get(member_id, (0, 0, None))
            valuable = member_id not in self._store.unscored
            value = self._store.values.get(member_id)
            yield ValuedMember(member_id, member.joined_on, last, spend, value, valuable)

    def set_values(self, changes: Sequence[ValueChange]) -> int:
        written = 0
        for change in changes:
            _visits, spend, _last = self._store.visits.get(change.member_id, (0, 0, None))
            if (spend, self._store.values.get(change.member_id)) == (change.spend, change.old):
                self._store.values[change.member_id] = change.new
                written += 1
        return written


class FakeSavedFilters:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def listed(self) -> list[SavedFilter]:
        return sorted((saved for saved, _ in self._store.saved_filters.values()),
                      key=lambda saved: saved.name)  # fmt: skip

    def names(self) -> list[str]:
        return [saved.name for saved, _ in self._store.saved_filters.values()]

    def add(
        self, name: str, member_filter: MemberFilter, staff_id: int, at: datetime
    ) -> SavedFilter:
        if name in self.names():
            raise WriteConflict(f"saved filter {name!r} exists")  # the unique index
        filter_id = max(self._store.saved_filters, default=0) + 1
        saved = SavedFilter(filter_id, name, member_filter, at)
        self._store.saved_filters[filter_id] = (saved, staff_id)
        return saved

    def delete(self, filter_id: int) -> str | None:
        found = self._store.saved_filters.pop(filter_id, None)
        return None if found is None else found[0].name


class FakeMemberContacts:
    """Marks a selection only: a filter's whole result is SQL, tested on the databases."""

    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def mark(
        self, criteria: Criteria, *, at: datetime, staff_id: int, channel: str, note: str
    ) -> int:
        selection_only = Criteria(
            member_ids=criteria.member_ids,
            marketing_only=criteria.marketing_only,
            include_erased=criteria.include_erased,
            nothing=criteria.nothing,
        )
        if criteria.member_ids is None or criteria != selection_only:
            raise NotImplementedError("the fake marks a selection of members only")
        chosen = [
            member_id
            for member_id in sorted(set(criteria.member_ids))
            if member_id in self._store.members
            and member_id not in self._store.merged
            and (not criteria.marketing_only or self._store.marketing.get(member_id, False))
        ]
        if criteria.nothing:
            chosen = []
        self._store.contacts += [(m, at, staff_id, channel, note) for m in chosen]
        return len(chosen)


class FakeStaffAccounts:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def find(self, staff_id: StaffId) -> StaffAccount | None:
        return self._store.staff.get(staff_id)

    def by_username(self, username: str) -> StaffAccount | None:
        found = (a for a in self._store.staff.values() if a.staff.username == username)
        return next((a for a in found if a.active), None)

    def by_badge(self, digest: str) -> StaffAccount | None:
        held = (a for a in self._store.staff.values() if a.badge and a.badge.digest == digest)
        return next(held, None)

    def active(self) -> list[StaffMember]:
        return [a.staff for _, a in sorted(self._store.staff.items()) if a.active]

    def record_sign_in(self, staff_id: StaffId) -> None:
        account = self._account(staff_id)
        self._store.staff[staff_id] = replace(account, failed_attempts=0, locked_until=None)

    def claim_pin_attempt(self, staff_id: StaffId, now: datetime) -> int | None:
        account = self._account(staff_id)
        if account.locked(now):
            return None
        number = 1 if account.locked_until is not None else account.failed_attempts + 1
        self._store.staff[staff_id] = replace(
            account, failed_attempts=number, locked_until=lockout_until(number, now)
        )
        return number

    def set_badge(self, staff_id: StaffId, badge: StoredBadge | None) -> None:
        holder = None if badge is None else self.by_badge(badge.digest)
        if holder is not None and holder.staff_id != staff_id:
            raise WriteConflict("a badge has one holder")
        self._store.staff[staff_id] = replace(self._account(staff_id), badge=badge)

    def is_member_card(self, number: str) -> bool:
        return number in self._store.member_card_numbers

    def everyone(self) -> list[StaffAccount]:
        return [account for _, account in sorted(self._store.staff.items())]

    def username_taken(self, username: str) -> bool:
        names = {a.staff.username.lower() for a in self._store.staff.values()}
        return username.lower() in names

    def add(self, username: str, display_name: str, role: Role, pin_hash: str) -> StaffId:
        if self.username_taken(username):
            raise WriteConflict("a sign-in name has one holder")
        staff_id = StaffId(max(self._store.staff, default=0) + 1)
        member = StaffMember(staff_id, username, display_name, role)
        self._store.staff[staff_id] = StaffAccount(member, pin_hash)
        return staff_id

    def set_profile(self, staff_id: StaffId, display_name: str, role: Role) -> None:
        account = self._account(staff_id)
        member = replace(account.staff, display_name=display_name, role=role)
        self._store.staff[staff_id] = replace(account, staff=member)

    def set_active(self, staff_id: StaffId, active: bool) -> None:
        self._store.staff[staff_id] = replace(self._account(staff_id), active=active)

    def set_pin(self, staff_id: StaffId, pin_hash: str, must_change: bool) -> None:
        self._store.staff[staff_id] = replace(
            self._account(staff_id), pin_hash=pin_hash, must_change_pin=must_change,
            failed_attempts=0, locked_until=None,
        )  # fmt: skip

    def active_managers(self) -> list[StaffId]:
        return [
            StaffId(i) for i, a in sorted(self._store.staff.items())
            if a.active and a.staff.role is Role.MANAGER
        ]  # fmt: skip

    def _account(self, staff_id: StaffId) -> StaffAccount:
        if staff_id not in self._store.staff:
            raise LookupError(f"staff member {staff_id} does not exist")
        return self._store.staff[staff_id]


class FakeRequestKeys:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def find(self, key: str) -> CommittedRequest | None:
        return self._store.request_keys.get(key)

    def claim(
        self,
        key: str,
        kind: RequestKind,
        fingerprint: str,
        till_id: str,
        at: datetime,
        outcome: Mapping[str, Any],
    ) -> bool:
        if key in self._store.request_keys:
            return False
        self._store.request_keys[key] = CommittedRequest(kind, fingerprint, dict(outcome))
        return True


class FakeOfflineOverdrafts:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def add(self, overdraft: OfflineOverdraft) -> None:
        if any(o.request_key == overdraft.request_key for o in self._store.offline_overdrafts):
            raise WriteConflict(f"overdraft {overdraft.request_key} exists")
        number = len(self._store.offline_overdrafts) + 1
        self._store.offline_overdrafts.append(replace(overdraft, overdraft_id=number))

    def listed(self, *, open_only: bool) -> list[OfflineOverdraft]:
        found = self._store.offline_overdrafts
        return [o for o in found if not (open_only and o.settled_at is not None)]

    def owed_by(self, member_id: int) -> list[OfflineOverdraft]:
        return [o for o in self.listed(open_only=True) if o.member_id == member_id]

    def settle(self, overdraft_id: int, at: datetime) -> bool:
        found = self._store.offline_overdrafts
        for index, one in enumerate(found):
            if one.overdraft_id == overdraft_id and one.settled_at is None:
                found[index] = replace(one, settled_at=at)
                return True
        return False


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
        self.watermarks = FakeWatermarks(self._working)
        self.anniversaries = FakeAnniversaries(self._working)
        self.segments = FakeSegments(self._working)
        self.member_values = FakeMemberValues(self._working)
        self.saved_filters = FakeSavedFilters(self._working)
        self.member_contacts = FakeMemberContacts(self._working)
        self.erasures = FakeErasures(self._working)
        self.member_data = FakeMemberData(self._working)
        self.stories = FakeStories(self._working)
        self.staff = FakeStaffAccounts(self._working)
        self.request_keys = FakeRequestKeys(self._working)
        self.offline_overdrafts = FakeOfflineOverdrafts(self._working)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._working = FakeStore()  # nothing after the block reaches the store

    def commit(self) -> None:
        assert self._working is not None, "commit inside 'with'"
        for name in self._committed.__dataclass_fields__:
            setattr(self._committed, name, deepcopy(getattr(self._working, name)))
        self.commits += 1


def staff_accounts(*members: StaffMember) -> dict[int, StaffAccount]:
    """Accounts stored with the roles ``members`` show, for ``FakeStore(staff=...)``."""
    return {m.staff_id: StaffAccount(m, "") for m in members}


class FakeUnits:
    """A ``UnitOfWorkFactory`` over one ``FakeStore``."""

    def __init__(self, store: FakeStore | None = None) -> None:
        self.store = store or FakeStore()

    def __call__(self) -> UnitOfWork:  # typed so that mypy proves the fake fits the protocol
        return FakeUnitOfWork(self.store)
