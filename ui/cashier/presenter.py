"""The cashier screen's state and decisions, without widgets: testable with no display."""

from __future__ import annotations

from app import display_text
from app.bootstrap import Till
from app.domain.draft import OrderDraft
from app.domain.members import MemberCandidate, MemberSummary
from app.domain.menu import MenuItem
from app.domain.payment import Tender
from app.domain.pricing import PricedOrder
from app.domain.staff import StaffMember
from app.services.checkout_types import CompletedOrder
from app.services.members import Identification


class CashierPresenter:
    """Holds the order being rung up; every change goes through here."""

    def __init__(self, till: Till, cashier: StaffMember) -> None:
        self.till = till
        self.cashier = cashier
        self.catalog = till.catalog.load()
        self.draft = OrderDraft()
        self.last_order: CompletedOrder | None = None

    def priced(self) -> PricedOrder:
        return self.draft.priced(self.till.clock.now().date())

    def add_item(self, item: MenuItem) -> None:
        self.draft.add(item)
        self._show_line(item)

    def change_quantity(self, item: MenuItem, delta: int) -> None:
        current = next((line.quantity for line in self.draft.lines() if line.item == item), 0)
        self.draft.set_quantity(item, current + delta)
        self._show_line(item)

    def _show_line(self, item: MenuItem) -> None:
        quantity = next((line.quantity for line in self.draft.lines() if line.item == item), 0)
        self._display(display_text.item_added(item.name_en, quantity, self.priced()))

    def _display(self, lines: display_text.Lines) -> None:
        if self.till.display is not None:
            self.till.display.show(*lines)

    def show_total(self) -> None:
        """Before payment: what the guest saved and what to pay."""
        self._display(display_text.total_due(self.priced()))

    def remove_item(self, item: MenuItem) -> None:
        self.draft.set_quantity(item, 0)

    def search(self, text: str) -> Identification:
        """Candidates for what is typed so far; nothing is attached to the order."""
        return self.till.members.search(text)

    def identify(self, text: str) -> Identification:
        """Look the member up; when one member is found they are attached to the order."""
        return self._attach(self.till.members.identify(text))

    def identify_read(self, raw: str) -> Identification:
        """What a card reader or scanner sent."""
        return self._attach(self.till.members.identify_read(raw))

    def choose(self, candidate: MemberCandidate) -> MemberSummary:
        """The cashier picked this member from the search results."""
        member = self.till.members.load(candidate.member_id)
        self.attach(member)
        return member

    def attach(self, member: MemberSummary) -> None:
        self.draft.member = member
        self._display(display_text.member_greeting(member))

    def _attach(self, result: Identification) -> Identification:
        if result.member is not None:
            self.attach(result.member)
        return result

    def clear_member(self) -> None:
        self.draft.member = None

    def open_table(self, table_no: str, party_size: int) -> None:
        self.draft.open_table(table_no, party_size)

    def open_takeaway(self) -> None:
        self.draft.open_takeaway()

    def pay(self, tender: Tender) -> CompletedOrder:
        """Commit the order; on success the screen is ready for the next one."""
        completed = self.till.checkout.check_out(self.draft, tender, self.cashier)
        self.last_order = completed
        self.draft = OrderDraft()
        settlement = completed.settlement
        self._display(display_text.paid(settlement.tendered, settlement.change))
        return completed

    def new_order(self) -> None:
        self.draft = OrderDraft()
        self._display(display_text.idle())
