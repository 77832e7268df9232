"""The till's local copy of the shared data: build it, refresh it, say how it is, and
work over it with the same services and search as online.

``LocalCopy(server, path, clock)`` is cheap to make; nothing is read or written until a
method is called. Methods that write (``build``, ``refresh``) may take seconds to
minutes: call them off the GUI thread (``CopyRefresher`` does).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from app.clock import Clock
from app.unit_of_work import UnitOfWorkFactory
from db.engine import create_db_engine, session_factory
from db.local_copy.build import BuiltCopy, build_copy, sqlite_url
from db.local_copy.offer_uses import CopyUnitOfWork, ensure_copied_uses
from db.local_copy.offline_numbers import note_server_marks
from db.local_copy.refresh import NeedsFullBuild, Refreshed, prune_feed, refresh_copy
from db.local_copy.status import member_count, read_status
from db.local_copy.waiting import JournalWaiting as JournalWaiting  # refresh raises it
from db.local_copy.waiting import journal_waiting
from db.migrate import is_at_head

if TYPE_CHECKING:
    from app.services.members import MemberService

FULL_BUILD_SHARE = 4
"""A refresh that would redo more than 1/4 of the members builds the copy anew instead."""


@dataclass(frozen=True)
class CopyStatus:
    path: Path
    exists: bool
    built_at: datetime | None = None
    refreshed_at: datetime | None = None
    position: int | None = None
    """The last change-feed step applied (``seq``)."""
    rows: Mapping[str, int] | None = None
    size_bytes: int = 0
    waiting: int = 0
    """Offline journal entries not resynced: the copy is not refreshed until they are."""

    def age(self, now: datetime) -> timedelta | None:
        """How old the copy's data may be: since its last refresh."""
        return None if self.refreshed_at is None else now - self.refreshed_at


class RefreshCancelled(Exception):
    """A refresh or build stopped part-way because the till is closing."""


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise RefreshCancelled


class CopyRefused(Exception):
    """The copy cannot be made from this database (one clear sentence)."""


def read_copy_status(path: Path) -> CopyStatus:
    """What the copy at ``path`` holds (``exists=False`` when there is none)."""
    if not path.exists():
        return CopyStatus(path, exists=False)
    found = read_status(path)
    return CopyStatus(
        path,
        exists=True,
        built_at=found.built_at,
        refreshed_at=found.refreshed_at,
        position=found.position,
        rows=found.rows,
        size_bytes=found.size_bytes,
        waiting=found.waiting,
    )


@contextmanager
def open_local_copy(
    server_url: str, path: Path, clock: Clock, till_id: str | None = None
) -> Iterator[LocalCopy]:
    """The copy at ``path`` of the database at ``server_url`` (for tools: the till uses
    ``Till.local_copy``). Raises ``CopyRefused`` for a database without the change feed."""
    server = create_db_engine(server_url)
    copy = LocalCopy(server, path, clock, till_id)
    try:
        if not is_at_head(server):
            raise CopyRefused(
                "the database is not at this version's schema: start the till on it once"
            )
        yield copy
    finally:
        copy.close()
        server.dispose()


def describe(done: Refreshed | BuiltCopy) -> str:
    """One line on what a refresh did."""
    if isinstance(done, Refreshed):
        tables = f" and {', '.join(done.tables)}" if done.tables else ""
        return (
            f"refreshed {done.members:,} members{tables} from {done.feed_rows:,} changes "
            f"in {done.seconds:.1f} s"
        )
    members, rows = done.rows.get("members", 0), sum(done.rows.values())
    return f"built the copy: {members:,} members, {rows:,} rows in {done.seconds:.1f} s"


class LocalCopy:
    """One till's copy at ``path`` of the server behind ``server``.

    ``build`` and ``refresh`` hold a lock, so two refreshes never run at once in this
    process. ``units()`` and ``members()`` open the copy like the till's own database.
    """

    def __init__(
        self, server: Engine, path: Path, clock: Clock, till_id: str | None = None
    ) -> None:
        """``till_id``: the till the copy is for; its offline numbers the server holds are
        not given again offline (``None``, a tool: only those the copy used)."""
        self.path = path
        self._till_id = till_id
        self._server = server
        self._clock = clock
        self._lock = threading.Lock()
        self._engine: Engine | None = None

    def build(
        self,
        progress: Callable[[str, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> BuiltCopy:
        """Build the whole copy from the server (minutes at a million members). Raises
        ``RefreshCancelled`` between batches once ``cancelled()`` says so."""

        def step(table: str, rows: int) -> None:
            _check(cancelled)
            if progress is not None:
                progress(table, rows)

        with self._lock:
            return build_copy(self._server, self.path, self._clock.now(), step, self._till_id)

    def refresh(
        self, full: bool = False, cancelled: Callable[[], bool] | None = None
    ) -> Refreshed | BuiltCopy:
        """Apply the server's changes since the last refresh; build the copy when there is
        none, when ``full``, or when so much changed that building is quicker. Raises
        ``RefreshCancelled`` between transactions once ``cancelled()`` says so (what was
        committed stays: the next refresh goes on from the saved position). Raises
        ``JournalWaiting`` while the journal holds offline sales not resynced (their
        effects on the copy would be written over): resync, then refresh."""
        if full:
            return self.build(cancelled=cancelled)
        with self._lock:
            members = member_count(self.path) if self.path.exists() else 0
            full_above = max(members // FULL_BUILD_SHARE, 10_000)
            try:
                done = refresh_copy(
                    self._server,
                    self.path,
                    self._clock.now(),
                    full_above=full_above,
                    after_batch=lambda: _check(cancelled),
                )
            except NeedsFullBuild:
                done = None
        if done is None:
            return self.build(cancelled=cancelled)
        if self._till_id is not None:
            note_server_marks(self._server, self.path, self._till_id, self._clock.now().date())
        prune_feed(self._server)
        return done

    def status(self) -> CopyStatus:
        return read_copy_status(self.path)

    def waiting(self) -> int:
        """Offline entries in the copy's journal not resynced yet: while there are any,
        ``refresh`` and ``build`` raise ``JournalWaiting`` and leave the copy as it is."""
        if not self.path.exists():
            return 0
        with closing(sqlite3.connect(self.path, timeout=15)) as local:
            return journal_waiting(local)

    def engine(self) -> Engine:
        """The copy's engine (made on first use; the copy must have been built)."""
        if self._engine is None:
            self._engine = create_db_engine(sqlite_url(self.path))
            ensure_copied_uses(self._engine)
        return self._engine

    def units(self) -> UnitOfWorkFactory:
        """Units of work over the copy: every service built on them reads and writes it."""
        return partial(CopyUnitOfWork, session_factory(self.engine()))

    def members(self) -> MemberService:
        """Member search over the copy: the online service, keys and statements. Close it
        when done (it keeps a connection per thread)."""
        from app.services.members import MemberService
        from db.member_search import SqlMemberLookups

        return MemberService(SqlMemberLookups(self.engine()))

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
