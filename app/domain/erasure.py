"""A member record as erasure sees it, and what erasure must leave as it was."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ErasureSubject:
    member_id: int
    member_no: str
    erased: bool
    merged: bool
    """Merged into another record: that record is the one to erase."""


@dataclass(frozen=True)
class KeptTotals:
    """Orders and ledger sums of the erased records, in minor units: the same after."""

    orders: int
    order_total: int
    points: int
    principal: int
    bonus: int

    def as_detail(self) -> dict[str, int]:
        """The audit event's ``kept`` (the names the event has always used)."""
        return {
            "orders": self.orders,
            "order_total_fen": self.order_total,
            "points": self.points,
            "principal_fen": self.principal,
            "bonus_fen": self.bonus,
        }
