"""Each member's uses of the offers limited per member (``uses_per_member``), copied from
the server, so a once-per-member offer is not given again offline.

The server counts uses from ``order_offers`` joined to paid orders (``db/offers.py:
offer_uses``); the copy holds no orders of the server's, so it keeps the counts in
``copied_offer_uses``, a table of the copy only (made here like the offline journal,
outside Alembic: the server never holds one). Over the copy, the programme's
``personal`` adds them to the uses of the copy's own (offline) orders. A refresh
replaces a changed member's counts and drops the ``order_offers`` of their offline
orders: it runs only once the journal is replayed, so the server's counts include them.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import Select

from app.domain.members import MemberSummary
from db.local_copy import offline_numbers
from db.local_copy.offline_numbers import CopyOrders
from db.loyalty_rules import SqlLoyaltyProgramme
from db.models import OfferRow, OrderOfferRow, OrderRow
from db.unit_of_work import SqlUnitOfWork

TABLE = "copied_offer_uses"
CREATE = (
    f'CREATE TABLE IF NOT EXISTS "{TABLE}" (member_id INTEGER NOT NULL, '
    "offer_id INTEGER NOT NULL, uses INTEGER NOT NULL, PRIMARY KEY (member_id, offer_id))"
)
INSERT = f'INSERT OR REPLACE INTO "{TABLE}" (member_id, offer_id, uses) VALUES (?, ?, ?)'


def uses_on_server(member_ids: Sequence[int] | None = None) -> Select[Any]:
    """Member, offer, uses: the rows the copy keeps (the server's own count, per member)."""
    counted: list[Any] = [
        OrderOfferRow.member_id,
        OrderOfferRow.offer_id,
        func.count(OrderOfferRow.id),
    ]
    query = (
        select(*counted)
        .join(OfferRow, OfferRow.id == OrderOfferRow.offer_id)
        .join(OrderRow, OrderRow.id == OrderOfferRow.order_id)
        .where(
            OrderOfferRow.member_id.is_not(None),
            OrderOfferRow.coupon_id.is_(None),
            OfferRow.uses_per_member.is_not(None),
            OrderRow.status.in_(("paid", "part_refunded")),
        )
        .group_by(OrderOfferRow.member_id, OrderOfferRow.offer_id)
        .order_by(OrderOfferRow.member_id, OrderOfferRow.offer_id)
    )
    if member_ids is not None:
        query = query.where(OrderOfferRow.member_id.in_(member_ids))
    return query


def replace_uses(local: sqlite3.Connection, member_ids: Sequence[int], rows: list[Any]) -> None:
    """Inside the copy's write transaction: these members' counts become ``rows``, and the
    offer records of their offline orders (replayed, so in the server's counts) go."""
    local.execute(CREATE)
    marks = ", ".join("?" for _ in member_ids)
    local.execute(f'DELETE FROM "{TABLE}" WHERE member_id IN ({marks})', list(member_ids))
    local.execute(f"DELETE FROM order_offers WHERE member_id IN ({marks})", list(member_ids))
    local.executemany(INSERT, rows)


def copied_uses(session: Session, member_id: int) -> dict[str, int]:
    """Offer code -> the member's uses the server had counted."""
    query = text(
        f'SELECT o.code, u.uses FROM "{TABLE}" AS u JOIN offers AS o ON o.id = u.offer_id '
        "WHERE u.member_id = :member"
    )
    return {str(code): int(uses) for code, uses in session.execute(query, {"member": member_id})}


def ensure_copied_uses(engine: Engine) -> None:
    """Make the copy's own tables in a copy built before they were (the counts are empty
    until the members are refreshed or the copy is built again)."""
    with engine.begin() as connection:
        connection.exec_driver_sql(CREATE)
        connection.exec_driver_sql(offline_numbers.CREATE)


class CopyProgramme(SqlLoyaltyProgramme):
    """The programme over the copy: a member's offer uses are the server's (copied) plus
    those of the copy's own offline orders."""

    def personal(self, member: MemberSummary, today: date) -> MemberSummary:
        found = super().personal(member, today)
        copied = copied_uses(self._session, int(member.member_id))
        if not copied:
            return found
        uses = Counter(dict(found.offer_uses))
        uses.update(copied)
        return replace(found, offer_uses=tuple(sorted(uses.items())))


class CopyUnitOfWork(SqlUnitOfWork):
    """A unit of work on the local copy: the online one, with the copy's programme and
    its orders numbered past every offline number used (``db.local_copy.offline_numbers``)."""

    def __enter__(self) -> CopyUnitOfWork:
        super().__enter__()
        assert self._session is not None
        self.programme = CopyProgramme(self._session)
        self.orders = CopyOrders(self._session)
        return self
