"""Walking every hash chain and checking the ledgers' sums (``pos audit verify``).

One read transaction (a snapshot on both databases), so tills appending meanwhile do not
look like tampering: the heads and the rows are read as of one moment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from app.domain.hash_chain import Break, BreakKind, Head, StreamWalker, digest
from db.hash_chains import CHAINED, rows_in_order
from db.models import ChainHeadRow, MemberRow, StoredValueLedgerRow


@dataclass(frozen=True)
class ChainCheck:
    rows: int
    streams: int
    breaks: tuple[Break, ...]
    """The first broken link of every broken stream, by row id (head problems last)."""
    negative_balances: tuple[int, ...]
    """Members whose stored value (principal or bonus) sums below zero: at most 10."""
    digest: str


def read_heads(connection: Connection) -> dict[str, Head]:
    query = select(ChainHeadRow.stream, ChainHeadRow.length, ChainHeadRow.last_hash)
    return {stream: Head(length, last) for stream, length, last in connection.execute(query)}


def check_chains(connection: Connection) -> ChainCheck:
    """Call inside one transaction (``snapshot``)."""
    heads = read_heads(connection)
    survivors = _survivors(connection)
    walkers: dict[str, StreamWalker] = {}
    rows = 0
    for spec in CHAINED:
        for row in rows_in_order(connection, spec):
            rows += 1
            unowned = spec.ledger and row["written_member_id"] is None
            stream = f"{spec.name}:?" if unowned else spec.stream(row)
            walker = walkers.get(stream) or walkers.setdefault(stream, StreamWalker(stream))
            owner_ok = True
            if spec.ledger and not unowned:
                owner_ok = _final(survivors, row["written_member_id"]) == row["member_id"]
            walker.feed(row["id"], spec.facts(row), row["chain_hash"], owner_ok=owner_ok)
    for stream in heads.keys() - walkers.keys():
        walkers[stream] = StreamWalker(stream)
    breaks = [b for s, w in walkers.items() if (b := w.finish(heads.get(s))) is not None]
    breaks.sort(key=lambda b: (b.row_id is None, b.row_id or 0, b.stream))
    return ChainCheck(
        rows,
        len(walkers),
        tuple(breaks),
        _negative_balances(connection),
        digest(heads),
    )


def snapshot(connection: Connection) -> Connection:
    """``connection`` reading one consistent view for a whole transaction."""
    if connection.dialect.name == "postgresql":
        return connection.execution_options(isolation_level="REPEATABLE READ")
    return connection


def _survivors(connection: Connection) -> dict[int, int]:
    query = select(MemberRow.id, MemberRow.merged_into_id).where(
        MemberRow.merged_into_id.is_not(None)
    )
    return {member: into for member, into in connection.execute(query) if into is not None}


def _final(survivors: Mapping[int, int], member_id: int) -> int:
    seen = {member_id}
    while member_id in survivors:
        member_id = survivors[member_id]
        if member_id in seen:  # a loop of merges is itself damage: stop
            break
        seen.add(member_id)
    return member_id


def _negative_balances(connection: Connection) -> tuple[int, ...]:
    s = StoredValueLedgerRow
    query = (
        select(s.member_id)
        .group_by(s.member_id)
        .having((func.sum(s.principal_delta_fen) < 0) | (func.sum(s.bonus_delta_fen) < 0))
        .order_by(s.member_id)
        .limit(10)
    )
    return tuple(connection.scalars(query))


__all__ = ["Break", "BreakKind", "ChainCheck", "check_chains", "read_heads", "snapshot"]
