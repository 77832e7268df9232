"""After a resync, what would be wrong on the server: a balance that is not its ledger's
sum or is below zero, a journalled sale that made no order or more than one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.domain.offline import JournalEntry
from db.ledgers import SqlLedgers
from db.models import OrderRow, PointsLedgerRow, RequestKeyRow, StoredValueLedgerRow


@dataclass(frozen=True)
class Anomalies:
    balance_not_ledger: int
    """Members whose balance, as the till reads it, differs from the ledger's rows added up
    here, or whose stored value or points sum below zero."""
    duplicate_orders: int
    """Orders of the offline till beyond one per journalled sale."""
    lost_sales: int
    """Journalled sales with no order on the server (not replayed, held or gone)."""

    @property
    def total(self) -> int:
        return self.balance_not_ledger + self.duplicate_orders + self.lost_sales


def find_anomalies(
    server: Engine, entries: Sequence[JournalEntry], till_id: str, online_orders: int = 0
) -> Anomalies:
    """``online_orders``: orders the offline till's id made on the server outside the
    journal (none in a till that only resynced)."""
    sales = [entry for entry in entries if entry.kind == "checkout"]
    with Session(server) as session:
        value = func.sum(
            StoredValueLedgerRow.principal_delta_fen + StoredValueLedgerRow.bonus_delta_fen
        )
        by_rows = dict(
            session.execute(
                select(StoredValueLedgerRow.member_id, value).group_by(
                    StoredValueLedgerRow.member_id
                )
            ).all()
        )
        points = dict(
            session.execute(
                select(PointsLedgerRow.member_id, func.sum(PointsLedgerRow.delta)).group_by(
                    PointsLedgerRow.member_id
                )
            ).all()
        )
        ledgers = SqlLedgers(session)
        wrong = sum(
            1
            for member_id, total in by_rows.items()
            if total < 0 or ledgers.stored_value(member_id).total != total
        ) + sum(1 for total in points.values() if total < 0)
        made = session.scalar(
            select(func.count()).select_from(OrderRow).where(OrderRow.till_id == till_id)
        )
        keys = set(
            session.scalars(
                select(RequestKeyRow.key).where(
                    RequestKeyRow.key.in_([entry.request_key for entry in sales])
                )
            )
        )
    lost = sum(1 for entry in sales if entry.request_key not in keys)
    duplicates = max(0, (made or 0) - online_orders - (len(sales) - lost))
    return Anomalies(wrong, duplicates, lost)
