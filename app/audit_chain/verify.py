"""Verify a database's hash chains and ledger sums, in plain words.

What this finds and what it cannot: ``docs/ARCHITECTURE.md`` ("Tamper evidence").
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from app.domain.hash_chain import Break
from db.chain_verify import check_chains, snapshot
from db.engine import create_db_engine
from db.migrate import has_schema, is_at_head


@dataclass(frozen=True)
class Verdict:
    ok: bool
    summary: str
    """One line: what was checked and the first broken link, if any."""
    details: tuple[str, ...]
    """Every broken stream and every negative balance, one line each."""


def verify_database(url: str) -> Verdict:
    engine = create_db_engine(url)
    try:
        if not has_schema(engine) or not is_at_head(engine):
            return Verdict(False, f"{url} has no current till schema to verify", ())
        with snapshot(engine.connect()) as connection, connection.begin():
            check = check_chains(connection)
    except SQLAlchemyError as error:
        first = str(error).splitlines()[0]
        return Verdict(False, f"{url} cannot be read: {error.__class__.__name__}: {first}", ())
    finally:
        engine.dispose()
    details = [b.describe() for b in check.breaks]
    details += [f"member {m}: stored value below zero" for m in check.negative_balances]
    if check.breaks:
        return Verdict(False, _broken(check.breaks), tuple(details))
    if check.negative_balances:
        summary = f"member {check.negative_balances[0]}'s stored value sums below zero"
        return Verdict(False, summary, tuple(details))
    return Verdict(
        True,
        f"{check.rows} rows in {check.streams} chains verify; digest {check.digest}",
        (),
    )


def _broken(breaks: tuple[Break, ...]) -> str:
    more = f" (and {len(breaks) - 1} more broken chain(s))" if len(breaks) > 1 else ""
    return f"first broken link: {breaks[0].describe()}{more}"
