"""Renewals in the demo's past: some members whose membership was coming to its end
renewed early, on an order, at the fee the restaurant's renewal offers quote
(``app.domain.renewal.renewal_quote``); their expiry moves on a term.

Only early renewals of memberships that still run today are generated: every order
after the renewal was priced with the member current either way, so the orders already
written stay right. The renewal is paid by card with the meal (``due`` grows by the fee).
"""

from __future__ import annotations

import random
from collections import defaultdict

from sqlalchemy import Connection, bindparam, insert, select, update

from app.domain.renewal import OfferKind, RenewalOffer, renewal_quote
from db.models import MemberRow, MembershipRenewalRow, OrderRow, PaymentRow, RenewalOfferRow

RENEWS = 0.5
"""Of the members an early offer reaches on an order, the share who take it."""


def seed_renewals(connection: Connection, rng: random.Random) -> int:
    offers = [
        RenewalOffer(
            row.code,
            OfferKind(row.kind),
            row.fee_fen,
            row.window_days,
            row.min_spend_fen,
            row.valid_from,
            row.valid_until,
        )
        for row in connection.execute(select(RenewalOfferRow).where(RenewalOfferRow.active))
    ]
    last_day = connection.scalar(select(OrderRow.business_day).order_by(OrderRow.id.desc()))
    orders = connection.execute(
        select(
            OrderRow.id,
            OrderRow.member_id,
            OrderRow.business_day,
            OrderRow.qualifying_spend_fen,
            OrderRow.due_fen,
            MemberRow.expires_on,
        )
        .join(MemberRow, MemberRow.id == OrderRow.member_id)
        .order_by(OrderRow.id)
    ).all()
    spent: defaultdict[int | None, int] = defaultdict(int)
    done: set[int | None] = set()
    renewals: list[dict[str, object]] = []
    for order_id, member_id, day, spend, due, expires_on in orders:
        spent[member_id] += spend
        if member_id in done or expires_on is None or last_day is None or expires_on < last_day:
            continue
        quote = renewal_quote(expires_on, day, spent[member_id], offers)
        if quote is None or quote.offer.kind is not OfferKind.EARLY or rng.random() >= RENEWS:
            continue
        done.add(member_id)
        renewals.append(
            {
                "member_id": member_id,
                "order_id": order_id,
                "offer_code": quote.offer.code,
                "kind": quote.offer.kind.value,
                "fee_fen": quote.fee,
                "old_expiry": expires_on,
                "new_expiry": quote.new_expiry,
                "due": due + quote.fee,
            }
        )
    if renewals:
        _write(connection, renewals)
    return len(renewals)


def _write(connection: Connection, renewals: list[dict[str, object]]) -> None:
    connection.execute(
        insert(MembershipRenewalRow), [{k: v for k, v in r.items() if k != "due"} for r in renewals]
    )
    connection.execute(
        update(OrderRow)
        .where(OrderRow.id == bindparam("order"))
        .values(renewal_fen=bindparam("fee"), due_fen=bindparam("due")),
        [{"order": r["order_id"], "fee": r["fee_fen"], "due": r["due"]} for r in renewals],
    )
    connection.execute(
        update(PaymentRow)
        .where(PaymentRow.order_id == bindparam("order"))
        .values(method="card_terminal", amount_fen=bindparam("due"))
        .values(tendered_fen=bindparam("due"), change_fen=0),
        [{"order": r["order_id"], "due": r["due"]} for r in renewals],
    )
    connection.execute(
        update(MemberRow)
        .where(MemberRow.id == bindparam("member"))
        .values(expires_on=bindparam("expiry")),
        [{"member": r["member_id"], "expiry": r["new_expiry"]} for r in renewals],
    )
