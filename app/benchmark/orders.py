"""A year of orders for the benchmark's buyers, priced as checkout prices them."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate
from typing import NamedTuple

from sqlalchemy import Connection, insert, select

from app.domain.money import apply_basis_points
from app.domain.pricing import DiscountRule, points_for
from db.ledgers import append_in_bulk
from db.models import (
    MenuItemRow,
    OrderLineRow,
    OrderRow,
    PaymentRow,
    StaffRow,
    StoreRow,
    TierExcludedCategoryRow,
    TierRow,
    TillRow,
)

ORDER_BATCH = 20_000
TILLS = ("T1", "T2", "T3")
ORDERS_PER_BUYER = (1, 2, 3, 4, 5, 6, 7, 8)
ORDER_CUM = tuple(accumulate((30, 22, 15, 11, 8, 6, 4, 4)))
LINES_PER_ORDER = (1, 2, 3, 4)
LINES_CUM = tuple(accumulate((35, 30, 20, 15)))
MEAL_HOURS = (11, 12, 12, 12, 13, 17, 18, 18, 19, 19, 20)


class TierTerms(NamedTuple):
    discount_bp: int
    multiplier_bp: int
    excluded: frozenset[int]


class MenuItemRecord(NamedTuple):
    item_id: int
    category_id: int
    name_zh: str
    name_en: str
    price_fen: int


class Profile(NamedTuple):
    member_id: int
    name: str
    tier_id: int
    expires_on: date
    buys: bool


@dataclass(frozen=True)
class Catalogue:
    tier_ids: tuple[int, ...]
    tiers: dict[int, TierTerms]
    items: tuple[MenuItemRecord, ...]
    staff_ids: tuple[int, ...]
    store_ids: tuple[int, ...] = ()
    till_stores: dict[str, int] = field(default_factory=dict)
    """The store each registered till belongs to (``tills``)."""

    def store_of_till(self, till: str) -> int | None:
        """The till's store, else the first store (``None``: a database without stores)."""
        return self.till_stores.get(till, self.store_ids[0] if self.store_ids else None)

    def store_of_member(self, member_id: int) -> int | None:
        """Where a generated member joined: spread over the stores by id (all in the one
        store a restaurant has)."""
        return self.store_ids[member_id % len(self.store_ids)] if self.store_ids else None


def ledger_row(
    member_id: int,
    delta: int,
    at: datetime,
    order_id: int | None = None,
    staff_id: int | None = None,
) -> dict[str, object]:
    reason = "opening_balance" if order_id is None else "earn"
    return dict(
        member_id=member_id,
        delta=delta,
        reason=reason,
        order_id=order_id,
        staff_id=staff_id,
        created_at=at,
    )


def insert_orders(
    connection: Connection,
    rng: random.Random,
    buyers: list[Profile],
    catalogue: Catalogue,
    today: date,
) -> int:
    """A year of paid orders, numbered in time order per till and day as the till does."""
    visits: list[tuple[datetime, Profile | None]] = []
    for buyer in buyers:
        for _ in range(rng.choices(ORDERS_PER_BUYER, cum_weights=ORDER_CUM)[0]):
            day = today - timedelta(days=rng.randint(1, 365))
            visits.append((meal_time(rng, day), buyer))
    return write_orders(connection, rng, visits, catalogue)


def meal_time(rng: random.Random, day: date) -> datetime:
    """A moment of ``day`` at lunch or dinner, the peaks weighted as a restaurant's are."""
    return datetime(day.year, day.month, day.day, rng.choice(MEAL_HOURS), rng.randrange(60))


def write_orders(
    connection: Connection,
    rng: random.Random,
    visits: list[tuple[datetime, Profile | None]],
    catalogue: Catalogue,
) -> int:
    """Write ``visits`` (a member's, or a guest's: ``None``) as paid orders with ids from
    1 up, numbered in time order per till and day as the till does; into empty tables."""
    visits.sort(key=lambda visit: visit[0])
    sequences: Counter[tuple[str, date]] = Counter()
    batch = _OrderBatch()
    for order_id, (at, buyer) in enumerate(visits, start=1):
        till = rng.choice(TILLS)
        sequences[till, at.date()] += 1
        batch.add(rng, order_id, at, buyer, till, sequences[till, at.date()], catalogue)
        if len(batch.orders) >= ORDER_BATCH:
            batch.flush(connection)
    batch.flush(connection)
    return len(visits)


class _OrderBatch:
    """Orders priced as checkout prices them, with their lines, payment and points."""

    def __init__(self) -> None:
        self.orders: list[dict[str, object]] = []
        self.lines: list[dict[str, object]] = []
        self.payments: list[dict[str, object]] = []
        self.points: list[dict[str, object]] = []

    def add(
        self,
        rng: random.Random,
        order_id: int,
        at: datetime,
        buyer: Profile | None,
        till: str,
        sequence: int,
        catalogue: Catalogue,
    ) -> None:
        tier = catalogue.tiers[buyer.tier_id] if buyer else TierTerms(0, 0, frozenset())
        current = buyer is not None and at.date() <= buyer.expires_on
        subtotal = discount = 0
        count = rng.choices(LINES_PER_ORDER, cum_weights=LINES_CUM)[0]
        for position, item in enumerate(rng.sample(catalogue.items, count), start=1):
            quantity = 1 if rng.random() < 0.8 else rng.randint(2, 4)
            gross = item.price_fen * quantity
            if buyer is None:
                rule, bp = DiscountRule.NOT_A_MEMBER, 0
            elif not current:
                rule, bp = DiscountRule.MEMBERSHIP_EXPIRED, 0
            elif item.category_id in tier.excluded:
                rule, bp = DiscountRule.CATEGORY_EXCLUDED, 0
            else:
                rule, bp = DiscountRule.TIER, tier.discount_bp
            line_discount = apply_basis_points(gross, bp) if bp else 0
            subtotal, discount = subtotal + gross, discount + line_discount
            self.lines.append(
                {
                    "order_id": order_id,
                    "position": position,
                    "item_id": item.item_id,
                    "category_id": item.category_id,
                    "name_zh": item.name_zh,
                    "name_en": item.name_en,
                    "quantity": quantity,
                    "unit_price_fen": item.price_fen,
                    "gross_fen": gross,
                    "discount_fen": line_discount,
                    "net_fen": gross - line_discount,
                    "discount_bp": bp,
                    "discount_rule": rule.value,
                }
            )
        total = subtotal - discount
        earned = points_for(total, tier.multiplier_bp) if current else 0
        staff_id = rng.choice(catalogue.staff_ids)
        dine_in = rng.random() < 0.7
        self.orders.append(
            {
                "id": order_id,
                "order_no": f"{till}-{at:%Y%m%d}-{sequence:04d}",
                "till_id": till,
                "store_id": catalogue.store_of_till(till),
                "business_day": at.date(),
                "sequence": sequence,
                "staff_id": staff_id,
                "member_id": buyer.member_id if buyer else None,
                "tier_id": buyer.tier_id if buyer else None,
                "service_type": "dine_in" if dine_in else "takeaway",
                "table_no": f"A{rng.randint(1, 30)}" if dine_in else "",
                "party_size": rng.randint(1, 6) if dine_in else 1,
                "subtotal_fen": subtotal,
                "discount_fen": discount,
                "total_fen": total,
                "points_earned": earned,
                "due_fen": total,
                "qualifying_spend_fen": total if buyer else 0,
                "status": "paid",
                "created_at": at,
            }
        )
        cash = rng.random() < 0.25
        tendered = -(-total // 10_000) * 10_000 if cash else total  # cash: next 100 yuan
        self.payments.append(
            {
                "order_id": order_id,
                "till_id": till,
                "store_id": catalogue.store_of_till(till),
                "method": "cash" if cash else "card_terminal",
                "amount_fen": total,
                "tendered_fen": tendered,
                "change_fen": tendered - total,
                "reference": "" if cash else f"{rng.randrange(10**12):012d}",
            }
        )
        if earned and buyer:
            self.points.append(ledger_row(buyer.member_id, earned, at, order_id, staff_id))

    def flush(self, connection: Connection) -> None:
        for table, rows in (
            (OrderRow, self.orders),
            (OrderLineRow, self.lines),
            (PaymentRow, self.payments),
        ):
            if rows:
                connection.execute(insert(table), rows)
            rows.clear()
        append_in_bulk(connection, points=self.points)
        self.points.clear()


_TILL_STORES = select(TillRow.till_id, TillRow.store_id)


def read_catalogue(connection: Connection) -> Catalogue:
    """The tiers, menu and staff the generated orders are priced and rung up with."""
    excluded: dict[int, set[int]] = {}
    for tier_id, category_id in connection.execute(
        select(TierExcludedCategoryRow.tier_id, TierExcludedCategoryRow.category_id)
    ):
        excluded.setdefault(tier_id, set()).add(category_id)
    tier_rows = connection.execute(
        select(TierRow.id, TierRow.discount_bp, TierRow.points_multiplier_bp).order_by(TierRow.rank)
    ).all()
    items = connection.execute(
        select(
            MenuItemRow.id,
            MenuItemRow.category_id,
            MenuItemRow.name_zh,
            MenuItemRow.name_en,
            MenuItemRow.price_fen,
        ).order_by(MenuItemRow.id)
    )
    return Catalogue(
        tier_ids=tuple(row.id for row in tier_rows),
        tiers={
            row.id: TierTerms(
                row.discount_bp, row.points_multiplier_bp, frozenset(excluded.get(row.id, ()))
            )
            for row in tier_rows
        },
        items=tuple(MenuItemRecord(*row) for row in items),
        staff_ids=tuple(connection.scalars(select(StaffRow.id).order_by(StaffRow.id))),
        store_ids=tuple(connection.scalars(select(StoreRow.id).order_by(StoreRow.id))),
        till_stores={till: store for till, store in connection.execute(_TILL_STORES)},
    )
