"""What ``pos migrate-to`` reads on both databases to prove the copy: every member's
balances as the ledgers sum them (the rule in ``db/ledgers.py``) and the chain heads."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from app.domain.hash_chain import digest
from db.chain_verify import read_heads
from db.models import PointsLedgerRow, StoredValueLedgerRow


@dataclass(frozen=True)
class Balance:
    """One member's ledgers summed: points, stored-value principal and bonus (minor units)."""

    points: int = 0
    principal: int = 0
    bonus: int = 0


def member_balances(connection: Connection) -> dict[int, Balance]:
    """Every member with a ledger entry, with the sums of their entries."""
    points = select(PointsLedgerRow.member_id, func.sum(PointsLedgerRow.delta)).group_by(
        PointsLedgerRow.member_id
    )
    s = StoredValueLedgerRow
    stored = select(
        s.member_id, func.sum(s.principal_delta_fen), func.sum(s.bonus_delta_fen)
    ).group_by(s.member_id)
    balances = {
        int(member): Balance(points=int(total)) for member, total in connection.execute(points)
    }
    for member, principal, bonus in connection.execute(stored):
        known = balances.get(int(member), Balance())
        balances[int(member)] = Balance(known.points, int(principal), int(bonus))
    return balances


def chain_digest(connection: Connection) -> str:
    """The digest of every chain head (``pos audit verify`` prints the same)."""
    return digest(read_heads(connection))
