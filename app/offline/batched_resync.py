"""The resync with several sales per server transaction (issue 22: 1,000 offline orders in
under 30 s).

A replayed sale costs about twenty statements and a commit; the commit (a WAL sync on
SQLite, a round trip and a WAL flush on PostgreSQL) is the part that batching saves. Up to
``BATCH`` consecutive sales are replayed through the same ``CheckoutService`` on units
that are savepoints of one server transaction (``db.batched_units.SqlBatch``): a sale the
server refuses rolls back to its savepoint and is retried or held as before, the others
stand. The batch commits once; each sale's request key is written in it, so a sale is on
the server exactly when its key is.

A batch that fails in any other way (a lock wait given up, a deadlock with another till,
a lost connection, its commit) has written nothing: its sales are replayed again one
transaction each, exactly as ``Resync`` does, and a lost connection then ends the run as
before. Enrolments are replayed alone (they may merge members and change which server id
a later sale goes to).

Held across sales: the till's audit-chain head and the ledger shards of the batch's
members, for the time of one batch (a few hundred milliseconds). The till's own online
checkouts wait for the batch (``OfflineCounter.server_writes``); another till's checkout
on one of those shards waits for it too, within its lock timeout.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from app.approvers import Authoriser
from app.clock import Clock
from app.domain.offline import JournalEntry, OfflinePlace
from app.offline.resync import RECORDED_TOGETHER, Resync, ResyncSummary
from app.unit_of_work import UnitOfWorkFactory
from db.offline_journal import OfflineJournal

log = logging.getLogger(__name__)

BATCH = 20
"""Sales per server transaction."""

Batches = Callable[[], AbstractContextManager[UnitOfWorkFactory]]
"""Opens one server transaction; its units are savepoints of it; it commits at the end
of the ``with`` block (``db.batched_units.SqlBatch``)."""

Done = list[tuple[JournalEntry, dict[str, Any]]]


class BatchedResync(Resync):
    def __init__(
        self,
        journal: OfflineJournal,
        server: UnitOfWorkFactory,
        clock: Clock,
        place: OfflinePlace,
        auth: Authoriser,
        batches: Batches,
        size: int = BATCH,
    ) -> None:
        super().__init__(journal, server, clock, place, auth)
        self._batches, self._size = batches, size
        self.fell_back = 0
        """Batches replayed again one sale per transaction (for tests and the bench)."""

    def run(self, after_each: Callable[[JournalEntry], None] | None = None) -> ResyncSummary:
        """As ``Resync.run``, ``BATCH`` sales per server transaction; the journal keeps
        each batch's outcomes once it is committed (one local write per batch)."""
        members = self._confirmed_members()
        self._provisional = {
            int(e.member_id) for e in self._journal.entries()
            if e.kind == "enrolment" and e.member_id
        }  # fmt: skip
        replayed = held = 0
        done: Done = []
        for chunk in _chunks(self._journal.pending(), self._size):
            for entry, outcome in self._replay_chunk(chunk, members):
                replayed += 1
                held += "held" in outcome
                done.append((entry, outcome))
            if len(chunk) > 1 or len(done) >= RECORDED_TOGETHER:
                self._record(done, after_each)  # a batch's outcomes as soon as it is in
        self._record(done, after_each)
        return ResyncSummary(replayed, held)

    def _replay_chunk(self, chunk: Sequence[JournalEntry], members: dict[int, int]) -> Done:
        if len(chunk) > 1:
            try:
                return self._replay_together(chunk, members)
            except Exception as failed:  # nothing of the batch is on the server
                log.warning(
                    "a resync batch of %d sales failed (%s): replayed one by one",
                    len(chunk),
                    failed,
                )
                self.fell_back += 1
        return [(entry, self._replay(entry, members)) for entry in chunk]

    def _replay_together(self, chunk: Sequence[JournalEntry], members: dict[int, int]) -> Done:
        one_by_one = self._server
        with self._batches() as units:
            self._server = units
            try:
                done = [(entry, self._replay(entry, members)) for entry in chunk]
            finally:
                self._server = one_by_one
        return done


def _chunks(entries: Sequence[JournalEntry], size: int) -> Iterator[list[JournalEntry]]:
    """Runs of up to ``size`` consecutive sales; an enrolment alone."""
    chunk: list[JournalEntry] = []
    for entry in entries:
        if entry.kind != "checkout":
            if chunk:
                yield chunk
                chunk = []
            yield [entry]
            continue
        chunk.append(entry)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def held_batches(batches: Batches, lock: Any) -> Batches:
    """``batches`` each holding ``lock`` (``OfflineCounter.server_writes``) throughout."""

    @contextmanager
    def held() -> Iterator[UnitOfWorkFactory]:
        with lock, batches() as units:
            yield units

    return held
