"""The cashier screen's state and decisions, without widgets: testable with no display."""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from app import display_text
from app.domain.approvals import Approval
from app.domain.bill import Bill, build_bill
from app.domain.draft import OrderDraft
from app.domain.draft_snapshot import RestoredOrder, restore
from app.domain.loyalty import LoyaltyRules
from app.domain.manual_discount import DiscountRequest, ManualDiscount, amount_off
from app.domain.members import MemberCandidate, MemberId, MemberSummary, birthday_month
from app.domain.menu import Allergen, MenuItem
from app.domain.payment import Tender
from app.domain.points import max_redeemable, redemption_value
from app.domain.pricing import price
from app.domain.request_keys import new_request_key
from app.domain.staff import StaffMember
from app.domain.tiers import PricingMember, Tier
from app.errors import TillError
from app.menu_admin.allergens import mentioned_in
from app.services.catalog import Catalog
from app.services.checkout_types import CompletedOrder
from app.services.member_outlook import MemberOutlook
from app.services.members import Identification
from ui.cashier.counter_start import CounterStart, counter_start_job
from ui.cashier.ports import CashierServices

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoyaltyView:
    """What the member panel shows of the loyalty programme for the order."""

    member: MemberSummary | None = None
    outlook: MemberOutlook | None = None
    renewal_on_order: bool = False
    upgrade_on_order: bool = False
    redeeming: bool = False
    redeemable: int = 0
    redeemable_value: int = 0
    savings_as_member: int = 0
    chosen_coupons: frozenset[int] = frozenset()
    coupon_savings: Mapping[int, int] = field(default_factory=dict)
    """Coupon id -> what it takes off this order."""
    birthday_month: bool = False
    """Today is in the member's birthday month: the tier's birthday benefit applies."""


@dataclass(frozen=True)
class Payment:
    """A checkout job's result for the GUI thread: the committed order, and the menu and
    rules for the next order (``None`` when they could not be read after the commit: the
    ones in use stay, and the order is paid all the same)."""

    completed: CompletedOrder
    catalog: Catalog | None = None
    rules: LoyaltyRules | None = None


@dataclass(frozen=True)
class Found:
    """A member lookup's result for the GUI thread: what was found and, for one member,
    them with their offers and outlook, ready to attach (``take``)."""

    identification: Identification
    member: MemberSummary | None = None
    outlook: MemberOutlook | None = None


@dataclass(frozen=True)
class RulesRead:
    """The programme read again after a manager changed it, with the member on the order
    read again under it (``None``: no member was on the order)."""

    rules: LoyaltyRules
    entry_tier: Tier | None
    member: Found | None = None


Resumed = tuple[RestoredOrder, MemberOutlook | None] | None
"""A kept order read back off the GUI thread, with its member's outlook (if any)."""


class ItemUnavailable(TillError):
    """The item is sold out today or off the menu."""

    def __init__(self, item: MenuItem) -> None:
        super().__init__(f"{item.name_en} is not on sale today")
        self.item = item


class CashierPresenter:
    """Holds the order being rung up; every change goes through here."""

    def __init__(
        self, services: CashierServices, cashier: StaffMember, start: CounterStart | None = None
    ) -> None:
        """``start``: read off the GUI thread (``counter_start_job``); else read here."""
        self._services = services
        self._loyalty, self._members = services.loyalty, services.members
        self.cashier = cashier
        start = start or counter_start_job(services)()
        self.catalog, self.rules, self.entry_tier = start.catalog, start.rules, start.entry_tier
        self.draft = OrderDraft()
        self.outlook: MemberOutlook | None = None
        self.last_order: CompletedOrder | None = None
        self._void_key: tuple[str, object] | None = None
        """The void's request key and what it voids: a retry of the same void records once."""

    def today(self) -> date:
        return self._services.clock.now().date()

    def bill(self) -> Bill:
        return build_bill(self.draft, self.rules, self._services.clock.now())

    def loyalty_view(self, bill: Bill) -> LoyaltyView:
        draft, policy = self.draft, self.rules.points
        if draft.member is None:
            return LoyaltyView(savings_as_member=self.savings_as_member())
        if draft.redeem_points:
            redeemable, value = bill.points_redeemed, bill.points_value
        else:
            redeemable = max_redeemable(draft.member.points, bill.priced.total, policy)
            value = redemption_value(redeemable, policy)
        savings = {
            applied.candidate.coupon.coupon_id: applied.amount
            for applied in bill.offers.applied
            if applied.candidate.coupon is not None
        }
        return LoyaltyView(
            member=draft.member,
            outlook=self.outlook,
            renewal_on_order=draft.renewal is not None,
            upgrade_on_order=draft.upgrade is not None,
            redeeming=draft.redeem_points,
            redeemable=redeemable,
            redeemable_value=value,
            chosen_coupons=draft.coupon_ids,
            coupon_savings=savings,
            birthday_month=birthday_month(draft.member, self.today()),
        )

    def savings_as_member(self) -> int:
        """What a guest would save on this order as a new member (0 for members)."""
        if self.draft.member is not None or self.entry_tier is None:
            return 0
        member = PricingMember(self.entry_tier, None)
        return price(self.draft.lines(), member, self.today()).discount

    def add_item(self, item: MenuItem) -> frozenset[Allergen]:
        """Ring the item up; the allergens in it that the attached member's recorded
        allergies mention (the cashier warns them). ``ItemUnavailable`` for an item sold
        out today or hidden."""
        if not item.on_sale(self.today()):
            raise ItemUnavailable(item)
        self.draft.add(item)
        self._show_line(item)
        member = self.draft.member
        if member is None or not item.allergens:
            return frozenset()
        return item.allergens & mentioned_in(member.allergies)

    def change_quantity(self, item: MenuItem, delta: int) -> None:
        current = next((line.quantity for line in self.draft.lines() if line.item == item), 0)
        self.draft.set_quantity(item, current + delta)
        self._show_line(item)

    def _show_line(self, item: MenuItem) -> None:
        quantity = next((line.quantity for line in self.draft.lines() if line.item == item), 0)
        self._display(display_text.item_added(item.name_en, quantity, self.bill().due))

    def _display(self, lines: display_text.Lines) -> None:
        display = self._services.display
        if display is not None:
            display.show(*lines)

    def show_total(self) -> None:
        """Before payment: what the guest saved and what to pay."""
        bill = self.bill()
        saved = bill.priced.all_discounts + bill.points_value
        self._display(display_text.total_due(saved, bill.due))

    def remove_item(self, item: MenuItem) -> None:
        self.draft.set_quantity(item, 0)

    def search(self, text: str) -> Identification:
        """Candidates for what is typed so far; nothing is attached to the order."""
        return self._members.search(text)

    def identify(self, text: str) -> Identification:
        """Look the member up; when one member is found they are attached to the order."""
        return self.take(self.identify_job(text)())

    def identify_read(self, raw: str) -> Identification:
        """What a card reader or scanner sent."""
        return self.take(self.identify_read_job(raw)())

    def choose(self, candidate: MemberCandidate) -> MemberSummary:
        """The cashier picked this member from the search results."""
        self.take(self.choose_job(candidate)())
        assert self.draft.member is not None
        return self.draft.member

    def search_job(self, text: str) -> Callable[[], Identification]:
        """``search`` as work for a pool thread (the lookups keep a connection per thread)."""
        members = self._members
        return lambda: members.search(text)

    def identify_job(self, text: str) -> Callable[[], Found]:
        """The lookups ``identify`` makes, to run off the GUI thread; ``take`` the result."""
        members = self._members
        return self._lookup_job(lambda: members.identify(text))

    def identify_read_job(self, raw: str) -> Callable[[], Found]:
        members = self._members
        return self._lookup_job(lambda: members.identify_read(raw))

    def choose_job(self, candidate: MemberCandidate) -> Callable[[], Found]:
        members = self._members
        return self._lookup_job(lambda: Identification("", members.load(candidate.member_id)))

    def _lookup_job(self, lookup: Callable[[], Identification]) -> Callable[[], Found]:
        loyalty, today, rules = self._loyalty, self.today(), self.rules

        def work() -> Found:
            found = lookup()
            if found.member is None:
                return Found(found)
            member = loyalty.personal(found.member, today)
            return Found(found, member, loyalty.outlook(member, today, rules))

        return work

    def take(self, found: Found) -> Identification:
        """On the GUI thread: attach the one member a lookup found."""
        if found.member is not None:
            self._set_member(found.member, found.outlook)
        return found.identification

    def attach(self, member: MemberSummary) -> None:
        today = self.today()
        member = self._loyalty.personal(member, today)
        self._set_member(member, self._loyalty.outlook(member, today, self.rules))

    def _set_member(self, member: MemberSummary, outlook: MemberOutlook | None) -> None:
        self.draft.set_member(member)
        self.outlook = outlook
        current = self.bill().priced.member_current
        self._display(display_text.member_greeting(member, current))

    def resume(self, saved: Mapping[str, object]) -> RestoredOrder | None:
        """The order kept when the till last stopped, rung up again as far as today's menu
        and rules allow; ``None`` when there is nothing to bring back."""
        return self.resumed(self.resume_job(saved)())

    def resume_job(self, saved: Mapping[str, object]) -> Callable[[], Resumed]:
        """``resume``'s database work (the member, their balances and outlook), to run off
        the GUI thread; ``resumed`` the result."""
        today, rules, loyalty, members = self.today(), self.rules, self._loyalty, self._members
        items = {item.item_id: item for item in self.catalog.items}

        def work() -> Resumed:
            restored = restore(
                saved, items, lambda id_: loyalty.personal(members.load(MemberId(id_)), today)
            )
            if restored is None or (restored.draft.is_empty() and restored.draft.member is None):
                return None
            member = restored.draft.member
            return restored, None if member is None else loyalty.outlook(member, today, rules)

        return work

    def resumed(self, resumed: Resumed) -> RestoredOrder | None:
        if resumed is None:
            return None
        restored, self.outlook = resumed
        self.draft = draft = restored.draft
        if self.outlook is not None:
            if restored.wants_renewal:
                draft.renewal = self.outlook.renewal
            if restored.wants_upgrade:
                draft.upgrade = self.outlook.upgrade
        return restored

    def reload_member(self) -> None:
        """The member on the order changed elsewhere (a refund, a note): read them again."""
        member = self.draft.member
        if member is not None:
            self.attach(self._members.load(member.member_id))

    def reload_member_job(self) -> Callable[[], Found] | None:
        """``reload_member`` as a lookup off the GUI thread (``take`` the result)."""
        member, members = self.draft.member, self._members
        if member is None:
            return None
        return self._lookup_job(lambda: Identification("", members.load(member.member_id)))

    def attach_job(self, member: MemberSummary) -> Callable[[], Found]:
        """``attach``'s reads (offers, outlook) as a lookup off the GUI thread."""
        return self._lookup_job(lambda: Identification("", member))

    def clear_member(self) -> None:
        self.draft.set_member(None)
        self.outlook = None
        if self.draft.is_empty():
            self.show_idle()
        else:
            self.show_total()

    def show_idle(self) -> None:
        """Nobody's name, tier or total is left on the customer display."""
        self._display(display_text.idle())

    def toggle_renewal(self) -> None:
        """One tap adds the member's renewal offer to the order; another takes it off."""
        if self.draft.renewal is not None:
            self.draft.renewal = None
        elif self.outlook is not None and self.outlook.renewal is not None:
            self.draft.renewal = self.outlook.renewal

    def toggle_upgrade(self) -> None:
        """One tap puts the upgrade for the fee difference on the order; another takes it off."""
        if self.draft.upgrade is not None:
            self.draft.upgrade = None
        elif self.outlook is not None and self.outlook.upgrade is not None:
            self.draft.upgrade = self.outlook.upgrade

    def set_top_up(self, amount: int) -> None:
        self.draft.top_up_amount = amount if self.draft.member is not None else 0

    def manual_discount_amount(self, request: DiscountRequest) -> int:
        """What ``request`` would take off the order, in place of any discount already on
        the same line (or the whole order)."""
        kept = self.draft.manual_discounts
        self.draft.drop_manual_discount(request.item_id)
        try:
            return amount_off(request, self.bill().priced)
        finally:
            self.draft.manual_discounts = kept

    def manual_discount_needs_approval(self, amount: int) -> bool:
        """Whether taking ``amount`` off needs a manager's PIN or badge for this cashier."""
        return self._services.manual_discounts.needs_approval(self.cashier, amount)

    def give_manual_discount(self, request: DiscountRequest, approval: Approval | None) -> None:
        """Approve (a manager's PIN or badge when the cashier's role needs one), put it on."""
        self.draft.add_manual_discount(self.manual_discount_job(request, approval)())

    def manual_discount_job(
        self, request: DiscountRequest, approval: Approval | None, request_key: str | None = None
    ) -> Callable[[], ManualDiscount]:
        """The grant off the GUI thread; ``draft.add_manual_discount`` its result there.
        The same ``request_key`` on a retry grants it once."""
        grants, amount = self._services.manual_discounts, self.manual_discount_amount(request)
        cashier = self.cashier
        return lambda: grants.grant(request, amount, cashier, approval, request_key)

    def toggle_coupon(self, coupon_id: int) -> None:
        member = self.draft.member
        if member is not None and any(c.coupon_id == coupon_id for c in member.coupons):
            self.draft.toggle_coupon(coupon_id)

    def set_redeem_points(self, redeem: bool) -> None:
        self.draft.redeem_points = redeem and self.draft.member is not None

    def open_table(self, table_no: str, party_size: int) -> None:
        self.draft.open_table(table_no, party_size)

    def open_takeaway(self) -> None:
        self.draft.open_takeaway()

    def key_payment(self) -> str:
        """The order's request key, made at the first tap on pay and kept until it is paid:
        a retry after an error (the outcome unknown) or a restart then commits it once."""
        if self.draft.request_key is None:
            self.draft.request_key = new_request_key()
        return self.draft.request_key

    def pay(self, tender: Tender) -> CompletedOrder:
        """Commit the order; on success the screen is ready for the next one."""
        return self.paid(self.checkout_job(tender)())

    def checkout_job(self, tender: Tender) -> Callable[[], Payment]:
        """The checkout's database work, to run off the GUI thread. It works on a copy of
        the order: the screen keeps the original, unchanged, until ``paid``. The order's
        request key is made first, so the original keeps it for a retry."""
        self.key_payment()
        draft, cashier = copy.deepcopy(self.draft), self.cashier
        checkout, menu, loyalty = self._services.checkout, self._services.menu, self._loyalty

        def work() -> Payment:
            completed = checkout.check_out(draft, tender, cashier)
            try:
                rules = completed.rules if completed.rules is not None else loyalty.rules()
                return Payment(completed, menu.load(), rules)
            except Exception as error:  # committed: the order is paid whatever follows
                log.warning("paid %s; menu and rules not read again: %s", completed.order_no, error)
                return Payment(completed)

        return work

    def paid(self, payment: Payment) -> CompletedOrder:
        """The checkout job committed: ready for the next order."""
        completed = self.last_order = payment.completed
        self.draft = OrderDraft()
        self.outlook = None
        if payment.catalog is not None:
            self.catalog = payment.catalog
        if payment.rules is not None:
            self.rules = payment.rules
        settlement = completed.settlement
        self._display(display_text.paid(settlement.tendered, settlement.change))
        return completed

    def now(self) -> datetime:
        return self._services.clock.now()

    def void(self) -> None:
        """Drop the order before payment; an order with anything on it leaves an audit trail."""
        self.start_anew(self.void_job()())

    def void_job(self) -> Callable[[], tuple[Catalog, LoyaltyRules]]:
        """``void``'s database work (the audit record, the menu and rules for the next
        order), to run off the GUI thread; ``start_anew`` with the result."""
        services, cashier = self._services, self.cashier
        dropped = None if self.draft.is_empty() else (copy.deepcopy(self.draft), self.bill())
        key = None if dropped is None else self._key_void(*dropped)

        def work() -> tuple[Catalog, LoyaltyRules]:
            if dropped is not None:
                services.checkout.void(*dropped, cashier, key)
            return services.menu.load(), services.loyalty.rules()

        return work

    def _key_void(self, draft: OrderDraft, bill: Bill) -> str:
        """The void's request key, made on the till before it is sent and kept while the
        order is unchanged: a retry after a lost reply records the void once."""
        member = None if draft.member is None else draft.member.member_id
        voided = ([(line.item.code, line.quantity) for line in draft.lines()], bill.due, member)
        if self._void_key is None or self._void_key[1] != voided:
            self._void_key = (new_request_key(), voided)
        return self._void_key[0]

    def start_anew(self, fresh: tuple[Catalog, LoyaltyRules]) -> None:
        self._void_key = None
        self.draft, self.outlook = OrderDraft(), None
        self.catalog, self.rules = fresh
        self._display(display_text.idle())

    def reload_rules(self) -> None:
        """A manager edited tiers, offers or top-up rules: price with them from now on."""
        self.rules_reloaded(self.reload_rules_job()())

    def reload_rules_job(self) -> Callable[[], RulesRead]:
        """``reload_rules``'s reads (the rules, and the member on the order under them), to
        run off the GUI thread; ``rules_reloaded`` the result."""
        loyalty, members, today, member = self._loyalty, self._members, self.today(), None
        if self.draft.member is not None:
            member = self.draft.member.member_id

        def work() -> RulesRead:
            rules, entry_tier = loyalty.rules(), loyalty.entry_tier()
            if member is None:
                return RulesRead(rules, entry_tier)
            again = loyalty.personal(members.load(member), today)
            found = Found(Identification("", again), again, loyalty.outlook(again, today, rules))
            return RulesRead(rules, entry_tier, found)

        return work

    def rules_reloaded(self, read: RulesRead) -> None:
        self.rules, self.entry_tier = read.rules, read.entry_tier
        on_order = None if self.draft.member is None else self.draft.member.member_id
        found = read.member
        if found is not None and found.member is not None and found.member.member_id == on_order:
            self.draft.renewal, self.draft.upgrade = None, None  # offered anew under the rules
            self.take(found)

    def reload_menu_job(self) -> Callable[[], Catalog]:
        """The menu as it is now, read off the GUI thread; ``catalog`` takes the result."""
        return self._services.menu.load
