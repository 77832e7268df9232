"""Hand-written fakes of the services the cashier presenter calls (``ui.cashier.ports``),
with a small restaurant to ring up: no database, no Qt, no devices."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from app.clock import Clock
from app.domain.approvals import Approval, PinApproval, needs_approval
from app.domain.bill import Bill, build_bill
from app.domain.draft import OrderDraft
from app.domain.loyalty import LoyaltyRules
from app.domain.manual_discount import DiscountRequest, ManualDiscount
from app.domain.member_search import LookupKind
from app.domain.members import MemberCandidate, MemberId, MemberSummary
from app.domain.menu import CategoryId, ItemId, MenuCategory, MenuItem
from app.domain.offers import BenefitKind, Coupon, Offer
from app.domain.payment import Tender, settle
from app.domain.renewal import OfferKind, RenewalOffer, RenewalQuote
from app.domain.staff import Permission, Role, StaffId, StaffMember
from app.domain.tiers import Tier, TierId
from app.domain.upgrade import UpgradeQuote
from app.errors import CheckoutRefused, PermissionDenied, TillError
from app.services.catalog import Catalog
from app.services.checkout_types import CompletedOrder
from app.services.member_outlook import MemberOutlook
from app.services.members import Identification, IdentifyProblem
from tests.fakes import FakeClock
from ui.cashier.ports import CashierServices

# -- a small restaurant ---------------------------------------------------------------

MAINS, DRINKS = CategoryId(1), CategoryId(2)
NOODLES = MenuItem(ItemId(1), "N01", "牛肉面", "Beef noodles", MAINS, 3800)
DUMPLINGS = MenuItem(ItemId(2), "D01", "饺子", "Dumplings", MAINS, 2600)
TEA = MenuItem(ItemId(3), "T01", "茶", "Tea", DRINKS, 1000)

SILVER = Tier(TierId(1), "SILVER", 1, "银卡", "Silver", 500, frozenset({DRINKS}), 10000, 0)
"""5% off food (drinks excluded); the tier a new member joins at."""
GOLD = Tier(TierId(2), "GOLD", 2, "金卡", "Gold", 1000, frozenset(), 15000, 19900)
"""10% off everything, 1.5x points, ¥199 a year."""

CATALOG = Catalog(
    (
        MenuCategory(MAINS, "MAIN", "主食", "Mains"),
        MenuCategory(DRINKS, "DRINK", "饮品", "Drinks"),
    ),
    (NOODLES, DUMPLINGS, TEA),
    (SILVER, GOLD),
)

TODAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 12, 30)

CASHIER = StaffMember(StaffId(2), "cashier", "Wang Fang", Role.CASHIER)
MANAGER = StaffMember(StaffId(1), "manager", "Li Qiang", Role.MANAGER)

TEN_OFF = Offer("TEN", "减10元", "¥10 off", BenefitKind.AMOUNT_OFF, 1000, coupon_only=True)
COUPON = Coupon(coupon_id=71, code="C-71", offer=TEN_OFF, expires_on=date(2026, 12, 31))

RENEW = RenewalOffer("EARLY", OfferKind.EARLY, 9900, window_days=60)
RENEWAL = RenewalQuote(RENEW, 9900, date(2027, 12, 1))
UPGRADE = UpgradeQuote(GOLD, 19900)


def member(
    member_id: int = 1,
    name: str = "Zhang Wei",
    phone: str = "13800138000",
    tier: Tier = SILVER,
    points: int = 1280,
    stored_value: int = 50000,
    expires_on: date | None = date(2026, 12, 1),
    birthday: date | None = None,
) -> MemberSummary:
    return MemberSummary(
        member_id=MemberId(member_id),
        member_no=f"M{member_id:07d}",
        name=name,
        phone=phone,
        tier=tier,
        joined_on=date(2024, 12, 1),
        expires_on=expires_on,
        points=points,
        stored_value=stored_value,
        preferences="",
        allergies="",
        birthday=birthday,
    )


# -- the fakes --------------------------------------------------------------------------


class FakeMenu:
    def __init__(self, catalog: Catalog = CATALOG) -> None:
        self.catalog = catalog

    def load(self) -> Catalog:
        return self.catalog


class FakeLoyalty:
    """Rules a test sets by hand; ``outlooks`` and ``coupons`` per member id."""

    def __init__(self, rules: LoyaltyRules | None = None, entry_tier: Tier | None = SILVER):
        self.current_rules = rules or LoyaltyRules()
        self.entry = entry_tier
        self.outlooks: dict[int, MemberOutlook] = {}
        self.coupons: dict[int, tuple[Coupon, ...]] = {}

    def rules(self) -> LoyaltyRules:
        return self.current_rules

    def entry_tier(self) -> Tier | None:
        return self.entry

    def personal(self, member: MemberSummary, today: date) -> MemberSummary:
        held = self.coupons.get(member.member_id, ())
        return replace(member, coupons=tuple(c for c in held if c.expires_on >= today))

    def outlook(self, member: MemberSummary, today: date, rules: LoyaltyRules) -> MemberOutlook:
        nothing = MemberOutlook(None, None, None, 0)
        return self.outlooks.get(member.member_id, nothing)


class FakeMembers:
    """Members by id; a phone number or a member number finds one, ``cards`` map card
    reads to member ids; a changed balance is a ``save`` away."""

    def __init__(self, *members: MemberSummary) -> None:
        self.members = {m.member_id: m for m in members}
        self.cards: dict[str, MemberId] = {}

    def save(self, member: MemberSummary) -> None:
        self.members[member.member_id] = member

    def _matches(self, text: str) -> list[MemberSummary]:
        text = text.strip()
        return [m for m in self.members.values() if text and text in (m.phone, m.member_no)]

    def search(self, text: str) -> Identification:
        found = self._matches(text)
        if not found:
            return Identification(text, problem=IdentifyProblem.NOT_FOUND)
        kind = LookupKind.MEMBER_NO if text.strip().upper().startswith("M") else LookupKind.PHONE
        return Identification(text, candidates=tuple(_candidate(m) for m in found), kind=kind)

    def identify(self, text: str) -> Identification:
        found = self._matches(text)
        if len(found) == 1:
            return Identification(text, member=found[0])
        return self.search(text)

    def identify_read(self, raw: str) -> Identification:
        member_id = self.cards.get(raw.strip())
        if member_id is None:
            return Identification(raw, problem=IdentifyProblem.NOT_FOUND)
        return Identification(raw, member=self.load(member_id))

    def load(self, member_id: MemberId) -> MemberSummary:
        return self.members[member_id]


def _candidate(m: MemberSummary) -> MemberCandidate:
    tier = m.tier
    return MemberCandidate(
        m.member_id, m.member_no, m.name, m.masked_phone, tier.name_zh, tier.name_en, m.expires_on
    )


@dataclass
class Payment:
    """What the fake checkout was handed: a copy of the draft as it was, and the tender."""

    draft: OrderDraft
    tender: Tender
    cashier: StaffMember


@dataclass
class FakeCheckout:
    """Prices the draft again, as the real checkout does, and settles the tender; a test
    makes it refuse by setting ``refusal``."""

    clock: Clock
    loyalty: FakeLoyalty
    till_id: str = "T1"
    refusal: TillError | None = None
    paid: list[Payment] = field(default_factory=list)
    voided: list[tuple[OrderDraft, Bill]] = field(default_factory=list)

    def check_out(self, draft: OrderDraft, tender: Tender, cashier: StaffMember) -> CompletedOrder:
        if self.refusal is not None:
            raise self.refusal
        if draft.is_empty():
            raise CheckoutRefused("the order has no items")
        now = self.clock.now()
        rules = self.loyalty.rules()
        bill = build_bill(draft, rules, now)
        settlement = settle(bill.due, tender)
        self.paid.append(Payment(copy.deepcopy(draft), tender, cashier))
        return CompletedOrder(
            order_no=f"{self.till_id}-{now:%Y%m%d}-{len(self.paid):04d}",
            created_at=now,
            till_id=self.till_id,
            cashier=cashier,
            service_type=draft.service_type,
            table_no=draft.table_no,
            party_size=draft.party_size,
            bill=bill,
            settlement=settlement,
            member=draft.member,
            points_earned=bill.points_earned(0),
            rules=rules,
        )

    def void(
        self, draft: OrderDraft, bill: Bill, cashier: StaffMember, request_key: str | None = None
    ) -> None:
        self.voided.append((copy.deepcopy(draft), bill))


class FakeManualDiscounts:
    """The real approval rule (``app.domain.approvals``); a manager's PIN is ``9999``."""

    def __init__(self) -> None:
        self.granted: list[ManualDiscount] = []

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
        approver = staff
        if self.needs_approval(staff, amount):
            if approval != PinApproval(MANAGER.username, "9999"):
                raise PermissionDenied("a manager must approve this discount")
            approver = MANAGER
        discount = ManualDiscount(request, amount, len(self.granted) + 1, approver.display_name)
        self.granted.append(discount)
        return discount


class FakeDisplay:
    """A customer display that keeps every frame it was sent."""

    online = True

    def __init__(self) -> None:
        self.frames: list[tuple[str, str]] = []

    def describe(self) -> str:
        return "fake display"

    def show(self, top: str, bottom: str) -> None:
        self.frames.append((top, bottom))

    def stop(self) -> None:
        pass

    @property
    def lines(self) -> tuple[str, str]:
        return self.frames[-1] if self.frames else ("", "")


@dataclass
class FakeTill:
    """The fakes of one till, and the ``CashierServices`` made of them."""

    clock: FakeClock = field(default_factory=lambda: FakeClock(NOW))
    menu: FakeMenu = field(default_factory=FakeMenu)
    loyalty: FakeLoyalty = field(default_factory=FakeLoyalty)
    members: FakeMembers = field(default_factory=lambda: FakeMembers(member()))
    manual_discounts: FakeManualDiscounts = field(default_factory=FakeManualDiscounts)
    display: FakeDisplay = field(default_factory=FakeDisplay)
    checkout: FakeCheckout = field(init=False)

    def __post_init__(self) -> None:
        self.checkout = FakeCheckout(self.clock, self.loyalty)

    def services(self) -> CashierServices:
        return CashierServices(
            clock=self.clock,
            menu=self.menu,
            loyalty=self.loyalty,
            members=self.members,
            checkout=self.checkout,
            manual_discounts=self.manual_discounts,
            display=self.display,
        )
