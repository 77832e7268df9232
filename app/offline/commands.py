"""``pos offline resync``, ``journal``, ``overdrafts`` and ``allowance``: the offline
journal's commands, from a server URL and the local copy's file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from app.bootstrap import Till, build_till
from app.clock import SystemClock
from app.domain.money import format_money, parse_money
from app.domain.offline import JournalEntry
from app.offline.batched_resync import BatchedResync
from app.offline.desk import OfflineDesk
from app.offline.resync import ResyncSummary
from app.services.auth import AuthService
from app.stores.admin import ACTOR
from app.till_config import TillConfig
from app.unit_of_work import UnitOfWorkFactory
from db.engine import create_db_engine, session_factory
from db.offline_journal import OfflineJournal, ensure_journal
from db.unit_of_work import SqlUnitOfWork


@contextmanager
def _server(url: str, till_id: str) -> Iterator[Till]:
    till = build_till(TillConfig(url, till_id=till_id))
    try:
        yield till
    finally:
        till.close()


@contextmanager
def _units(url: str) -> Iterator[UnitOfWorkFactory]:
    """The server's units, without building a till (nothing is registered)."""
    engine = create_db_engine(url)
    try:
        yield partial(SqlUnitOfWork, session_factory(engine))
    finally:
        engine.dispose()


@contextmanager
def _journal(local: Path) -> Iterator[OfflineJournal]:
    if not local.is_file():
        raise FileNotFoundError(f"there is no local copy at {local}")
    engine = create_db_engine(f"sqlite:///{local}")
    try:
        ensure_journal(engine)
        yield OfflineJournal(engine)
    finally:
        engine.dispose()


def resync(
    server_url: str, local: Path, till_id: str, progress: Callable[[str], None]
) -> ResyncSummary:
    """Replay ``local``'s waiting journal on the server as till ``till_id``."""
    with _journal(local) as journal, _server(server_url, till_id) as till:
        clock = SystemClock()
        replay = BatchedResync(
            journal, till.units, clock, till.offline_place, till.auth, till.unit_batches
        )
        return replay.run(lambda entry: progress(_line(entry)))


def journal_lines(local: Path) -> list[str]:
    with _journal(local) as journal:
        return [_line(entry) for entry in journal.entries()]


def overdraft_lines(server_url: str, *, everything: bool) -> list[str]:
    with _units(server_url) as units:
        desk = OfflineDesk(units, SystemClock(), ACTOR)
        return [
            f"{o.member_no}\t{format_money(o.stored_value)}\t{o.points} points\t"
            f"{o.order_no or o.request_key}\t{o.till_id}\t{o.at:%Y-%m-%d %H:%M}\t"
            + (f"settled {o.settled_at:%Y-%m-%d %H:%M}" if o.settled_at else "open")
            for o in desk.overdrafts(open_only=not everything)
        ]


def allowance_lines(server_url: str) -> list[str]:
    with _units(server_url) as units:
        desk = OfflineDesk(units, SystemClock(), ACTOR)
        return [
            f"{a.tier_code}\t{a.tier_name}\t{format_money(a.allowance.stored_value)}\t"
            f"{a.allowance.points} points"
            for a in desk.allowances()
        ]


def set_allowance(
    server_url: str, user: str, pin: str, tier: str, stored_value: str, points: int
) -> str:
    amount = parse_money(stored_value)
    with _units(server_url) as units:
        manager = AuthService(units, SystemClock(), ACTOR).log_in(user, pin)
        desk = OfflineDesk(units, SystemClock(), ACTOR)
        set_to = desk.set_allowance(manager, tier, amount, points)
    return (
        f"tier {tier}: offline, a member may spend up to {format_money(set_to.stored_value)} "
        f"of stored value and {set_to.points} points per outage"
    )


def _line(entry: JournalEntry) -> str:
    outcome = entry.outcome
    if outcome is None:
        state = "waiting"
    elif "held" in outcome:
        state = f"held: {outcome['held']}"
    else:
        state = str(outcome.get("order_no") or outcome.get("reference", "done"))
    local = (entry.local or {}).get("reference", "")
    return f"{entry.entry_id}\t{entry.kind}\t{entry.at:%Y-%m-%d %H:%M:%S}\t{local}\t{state}"
