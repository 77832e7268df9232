"""The order being rung up: items and quantities, service type, table, member."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.manual_discount import ManualDiscount
from app.domain.members import MemberSummary
from app.domain.menu import ItemId, MenuItem
from app.domain.pricing import LineInput
from app.domain.renewal import RenewalQuote
from app.domain.service_type import ServiceType
from app.domain.upgrade import UpgradeQuote

MAX_QUANTITY = 999
MAX_PARTY_SIZE = 99


@dataclass
class OrderDraft:
    """Mutable while the cashier works; priced on demand, frozen into an order at checkout."""

    service_type: ServiceType = ServiceType.TAKEAWAY
    table_no: str = ""
    party_size: int = 1
    member: MemberSummary | None = None
    renewal: RenewalQuote | None = None
    upgrade: UpgradeQuote | None = None
    top_up_amount: int = 0
    redeem_points: bool = False
    coupon_ids: frozenset[int] = frozenset()
    """The member's coupons the guest chose to use on this order."""
    manual_discounts: tuple[ManualDiscount, ...] = ()
    """Approved at the till; one per line and one on the whole order at most."""
    request_key: str | None = None
    """Made when the cashier first taps pay (``app.domain.request_keys``) and kept until
    the order is paid, so a retry after an error or a restart commits it once."""
    _lines: dict[ItemId, LineInput] = field(default_factory=dict)

    def add(self, item: MenuItem, quantity: int = 1) -> None:
        current = self._lines.get(item.item_id)
        self.set_quantity(item, (current.quantity if current else 0) + quantity)

    def set_quantity(self, item: MenuItem, quantity: int) -> None:
        if quantity <= 0:
            self._lines.pop(item.item_id, None)
            self.drop_manual_discount(item.item_id)
            return
        self._lines[item.item_id] = LineInput(item, min(quantity, MAX_QUANTITY))

    def lines(self) -> list[LineInput]:
        return list(self._lines.values())

    def is_empty(self) -> bool:
        return (
            not self._lines
            and self.renewal is None
            and self.upgrade is None
            and not self.top_up_amount
        )

    def set_member(self, member: MemberSummary | None) -> None:
        """Another member (or none): their renewal, top-up and points go with them."""
        if member is None or self.member is None or member.member_id != self.member.member_id:
            self.renewal, self.top_up_amount, self.redeem_points = None, 0, False
            self.coupon_ids, self.upgrade = frozenset(), None
        self.member = member

    def add_manual_discount(self, discount: ManualDiscount) -> None:
        """Replaces a discount already on the same line (or on the whole order)."""
        self.drop_manual_discount(discount.request.item_id)
        self.manual_discounts = (*self.manual_discounts, discount)

    def drop_manual_discount(self, item_id: ItemId | None) -> None:
        self.manual_discounts = tuple(
            d for d in self.manual_discounts if d.request.item_id != item_id
        )

    def toggle_coupon(self, coupon_id: int) -> None:
        self.coupon_ids = self.coupon_ids ^ {coupon_id}

    def open_table(self, table_no: str, party_size: int) -> None:
        table_no = table_no.strip()
        if not table_no:
            raise ValueError("a dine-in order needs a table number")
        if not 1 <= party_size <= MAX_PARTY_SIZE:
            raise ValueError(f"party size must be between 1 and {MAX_PARTY_SIZE}")
        self.service_type, self.table_no, self.party_size = (
            ServiceType.DINE_IN,
            table_no,
            party_size,
        )

    def open_takeaway(self) -> None:
        self.service_type, self.table_no, self.party_size = ServiceType.TAKEAWAY, "", 1
