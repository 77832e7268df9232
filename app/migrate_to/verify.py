"""Proving a copy before the till switches to it: the same rows in every table, the same
ledger sums and balances per member, and hash chains that verify with the same heads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection

from db.chain_verify import check_chains
from db.move_checks import Balance, chain_digest, member_balances
from db.table_copy import row_count, till_tables

SHOWN = 5
"""Differences of one kind named one by one; the rest are counted."""


@dataclass(frozen=True)
class Proof:
    tables: int
    rows: int
    members: int
    """Members with ledger entries, each with the same balances on both sides."""
    points: int
    stored_value: int
    """Principal and bonus together, minor units."""
    chain_rows: int
    chains: int
    digest: str


class Differences(Exception):
    """The copy is not the SQLite database: ``lines`` says how, one line each."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(lines[0])
        self.lines = tuple(lines)


def prove(source: Connection, target: Connection, progress: Callable[[str], None]) -> Proof:
    """Compare the two databases, each read in one transaction; ``Differences`` when any
    check fails (every failing check is named)."""
    differences: list[str] = []
    tables = [table.name for table in till_tables(target)]
    rows = 0
    for name in tables:
        had, has = row_count(source, name), row_count(target, name)
        rows += has
        if had != has:
            differences.append(f"{name}: {had:,} rows in SQLite, {has:,} in PostgreSQL")
    if not differences:
        progress(f"  row counts of {len(tables)} tables match ({rows:,} rows)")
    balances = member_balances(target)
    balance_problems = _balances(member_balances(source), balances)
    differences += balance_problems
    points = sum(b.points for b in balances.values())
    stored = sum(b.principal + b.bonus for b in balances.values())
    if not balance_problems:
        progress(
            f"  ledger sums match: {points:,} points and {stored:,} in stored value over "
            f"{len(balances):,} members, each member's balances equal"
        )
    check = check_chains(target)
    differences += [f"hash chain: {b.describe()}" for b in check.breaks]
    differences += [f"member {m}: stored value below zero" for m in check.negative_balances]
    if check.breaks and check_chains(source).breaks:
        differences.append(
            "the SQLite database's own chains are broken too (pos audit verify --db "
            "sqlite:///FILE names the first link): the copy cannot be proved"
        )
    had_digest = chain_digest(source)
    if had_digest != check.digest:
        differences.append(
            f"chain heads differ: digest {had_digest} in SQLite, {check.digest} in PostgreSQL"
        )
    if differences:
        raise Differences(differences)
    progress(f"  {check.rows:,} rows in {check.streams} hash chains verify; digest {check.digest}")
    return Proof(
        len(tables), rows, len(balances), points, stored, check.rows, check.streams, check.digest
    )


def _balances(had: dict[int, Balance], has: dict[int, Balance]) -> list[str]:
    differing = sorted(m for m in had.keys() | has.keys() if had.get(m) != has.get(m))
    lines = [
        f"member {m}: {_described(had.get(m))} in SQLite, {_described(has.get(m))} in PostgreSQL"
        for m in differing[:SHOWN]
    ]
    if len(differing) > SHOWN:
        lines.append(f"and {len(differing) - SHOWN:,} more members' balances differ")
    return lines


def _described(balance: Balance | None) -> str:
    if balance is None:
        return "no ledger entries"
    return f"{balance.points} points, stored value {balance.principal} + {balance.bonus} bonus"
