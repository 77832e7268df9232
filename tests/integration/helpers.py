"""Small helpers for integration tests: read the database the till wrote."""

from __future__ import annotations

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from db.models import (
    AuditEventRow,
    ManualDiscountGrantRow,
    OrderLineRow,
    OrderRow,
    PaymentRow,
    PointsLedgerRow,
    PrintJobRow,
)


def row_counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            return {
                table.__tablename__: session.scalar(select(func.count()).select_from(table)) or 0
                for table in (
                    OrderRow,
                    OrderLineRow,
                    PaymentRow,
                    PointsLedgerRow,
                    AuditEventRow,
                    PrintJobRow,
                    ManualDiscountGrantRow,
                )
            }
    finally:
        engine.dispose()
