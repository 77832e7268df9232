"""What the cashier presenter calls, as protocols, and the bundle it is built from.

The presenter never sees the till's whole object graph: ``ui.cashier.compose`` hands it a
``CashierServices`` made of the real services, the unit tests one made of the fakes in
``tests.fake_services``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from app.clock import Clock
from app.domain.approvals import Approval
from app.domain.bill import Bill
from app.domain.draft import OrderDraft
from app.domain.loyalty import LoyaltyRules
from app.domain.manual_discount import DiscountRequest, ManualDiscount
from app.domain.members import MemberId, MemberSummary
from app.domain.payment import Tender
from app.domain.staff import StaffMember
from app.domain.tiers import Tier
from app.ports import CustomerDisplay
from app.services.catalog import Catalog
from app.services.checkout_types import CompletedOrder
from app.services.member_outlook import MemberOutlook
from app.services.members import Identification


class MenuSource(Protocol):
    def load(self) -> Catalog:
        """The menu, its categories and the tiers, as the till sells today."""


class LoyaltyProgramme(Protocol):
    """The programme's rules and what they mean for one member."""

    def rules(self) -> LoyaltyRules: ...

    def entry_tier(self) -> Tier | None:
        """The tier a new member joins at; ``None`` when there are no tiers."""

    def personal(self, member: MemberSummary, today: date) -> MemberSummary:
        """The member with their coupons and offer uses, for pricing their order."""

    def outlook(self, member: MemberSummary, today: date, rules: LoyaltyRules) -> MemberOutlook:
        """The renewal, upgrade and hints the till offers the member today."""


class MemberLookup(Protocol):
    def search(self, text: str) -> Identification:
        """Candidates for what is typed; never attaches anyone."""

    def identify(self, text: str) -> Identification:
        """Like ``search``; exactly one match comes back loaded as ``member``."""

    def identify_read(self, raw: str) -> Identification:
        """What a card reader or scanner sent."""

    def load(self, member_id: MemberId) -> MemberSummary:
        """The member with today's balances (a merged-away record: the survivor)."""


class Checkout(Protocol):
    def check_out(self, draft: OrderDraft, tender: Tender, cashier: StaffMember) -> CompletedOrder:
        """Commit the order, or raise a ``TillError`` and write nothing."""

    def void(
        self, draft: OrderDraft, bill: Bill, cashier: StaffMember, request_key: str | None = None
    ) -> None:
        """Record an order dropped before payment (once under ``request_key``)."""


class ManualDiscounts(Protocol):
    def needs_approval(self, staff: StaffMember, amount: int) -> bool: ...

    def grant(
        self,
        request: DiscountRequest,
        amount: int,
        staff: StaffMember,
        approval: Approval | None = None,
        request_key: str | None = None,
    ) -> ManualDiscount:
        """Approve ``request`` for ``amount`` (once under ``request_key``), or raise a
        ``TillError``."""


@dataclass(frozen=True)
class CashierServices:
    """Everything ringing up one order touches: the menu and the programme's rules it is
    priced with, the member it is for, the manual discounts on it, the checkout that
    commits it, the clock it is priced at and the display the guest watches. They belong
    together because the presenter decides with all of them at once (a member attached
    changes the price, the rules and the display), and nothing else on the screen needs
    them: the dialogs get their own services from the window.
    """

    clock: Clock
    menu: MenuSource
    loyalty: LoyaltyProgramme
    members: MemberLookup
    checkout: Checkout
    manual_discounts: ManualDiscounts
    display: CustomerDisplay | None = None
