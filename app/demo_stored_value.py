"""Stored value in the demo's past: some members top up on an order, some pay from their
balance, in time order so a balance never goes negative.

Balances start from the opening entries (``app.demo``) and follow every entry written
here. A top-up earns the bonus of the restaurant's top-up rules and is paid by card with
the meal (``due`` = total + top-up, as checkout bills it). A stored-value payment takes
the whole bill (with its renewal, if any), split between principal and bonus by the
restaurant's consumption rule (``app.domain.stored_value``); only payments that take no
bonus are generated, because bonus spent lowers the points an order earns and the
orders' points are already written.
"""

from __future__ import annotations

import random
from datetime import datetime

from sqlalchemy import Connection, bindparam, func, select, update

from app.domain.stored_value import (
    Balances,
    ConsumptionOrder,
    InsufficientStoredValue,
    TopUpRule,
    split_payment,
    top_up_bonus,
)
from db.ledgers import append_in_bulk
from db.models import (
    MemberRow,
    OrderRow,
    PaymentRow,
    SettingRow,
    StoredValueLedgerRow,
    TopUpRuleRow,
)

TOP_UP_SHARE = 0.03
MAX_TOP_UPS = 80
TOP_UPS_FEN = (30_000, 50_000, 50_000, 100_000, 200_000)
PAYS_FROM_BALANCE = 0.6
"""Of the orders a member's balance covers, the share paid from it."""


def seed_stored_value(connection: Connection, rng: random.Random) -> None:
    rules = [
        TopUpRule(minimum, bonus)
        for minimum, bonus in connection.execute(
            select(TopUpRuleRow.minimum_fen, TopUpRuleRow.bonus_fen).where(TopUpRuleRow.active)
        )
    ]
    consumption = ConsumptionOrder(
        connection.scalar(
            select(SettingRow.value).where(SettingRow.key == "loyalty.stored_value_consumption")
        )
        or ConsumptionOrder.PROPORTIONAL.value
    )
    balances = {
        member_id: Balances(int(principal), int(bonus))
        for member_id, principal, bonus in connection.execute(
            select(
                StoredValueLedgerRow.member_id,
                func.sum(StoredValueLedgerRow.principal_delta_fen),
                func.sum(StoredValueLedgerRow.bonus_delta_fen),
            ).group_by(StoredValueLedgerRow.member_id)
        )
    }
    orders = connection.execute(
        select(
            OrderRow.id,
            OrderRow.member_id,
            OrderRow.due_fen,
            OrderRow.created_at,
            OrderRow.staff_id,
            OrderRow.business_day <= MemberRow.expires_on,
        )
        .join(MemberRow, MemberRow.id == OrderRow.member_id)
        .order_by(OrderRow.id)
    ).all()
    entries: list[dict[str, object]] = []
    paid: list[dict[str, object]] = []
    topped: list[dict[str, object]] = []
    for order_id, member_id, due, at, staff_id, current in orders:
        if member_id is None:  # the join leaves members' orders only
            continue
        held = balances.get(member_id, Balances(0, 0))
        entry: dict[str, object] = {"member_id": member_id, "order_id": order_id}
        entry["staff_id"] = staff_id
        if held.total >= due and rng.random() < PAYS_FROM_BALANCE:
            try:
                split = split_payment(due, held, consumption)
            except InsufficientStoredValue:
                continue
            if split.bonus:
                continue
            balances[member_id] = Balances(held.principal - split.principal, held.bonus)
            entries.append(_entry(entry, -split.principal, 0, "payment", at))
            paid.append({"order": order_id})
        elif current and len(topped) < MAX_TOP_UPS and rng.random() < TOP_UP_SHARE:
            amount = rng.choice(TOP_UPS_FEN)
            bonus = top_up_bonus(amount, rules)
            balances[member_id] = Balances(held.principal + amount, held.bonus + bonus)
            entries.append(_entry(entry, amount, bonus, "top_up", at))
            topped.append({"order": order_id, "top_up": amount, "due": due + amount})
    _rewrite_payments(connection, paid, topped)
    append_in_bulk(connection, stored_value=entries)


def _entry(
    whose: dict[str, object], principal: int, bonus: int, reason: str, at: datetime
) -> dict[str, object]:
    return {
        **whose,
        "principal_delta_fen": principal,
        "bonus_delta_fen": bonus,
        "reason": reason,
        "created_at": at,
    }


def _rewrite_payments(
    connection: Connection, paid: list[dict[str, object]], topped: list[dict[str, object]]
) -> None:
    payment = PaymentRow.order_id == bindparam("order")
    if paid:
        connection.execute(
            update(PaymentRow)
            .where(payment)
            .values(method="stored_value", tendered_fen=PaymentRow.amount_fen)
            .values(change_fen=0, reference=""),
            paid,
        )
    if topped:
        connection.execute(
            update(OrderRow)
            .where(OrderRow.id == bindparam("order"))
            .values(top_up_fen=bindparam("top_up"), due_fen=bindparam("due")),
            topped,
        )
        connection.execute(
            update(PaymentRow)
            .where(payment)
            .values(method="card_terminal", amount_fen=bindparam("due"))
            .values(tendered_fen=bindparam("due"), change_fen=0),
            [{"order": row["order"], "due": row["due"]} for row in topped],
        )
