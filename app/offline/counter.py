"""The counter on the local copy while the server is gone: the services it sells with
there (opened on first use, off the GUI thread), which side it sells on, how many sales
wait in the journal, and their resync once the server answers (docs/OFFLINE.md, "In the
till").

The side is one flag the pool threads read at each call (``CounterSide``), so a search,
a member load or a checkout submitted after the switch runs on the copy and one
submitted after the way back runs on the server; the screens never hold two sets of
services.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import cast

from app.approvers import Authoriser
from app.clock import Clock
from app.domain.offline import JournalEntry, OfflinePlace
from app.offline.batched_resync import BatchedResync, Batches, held_batches
from app.offline.local_copy import LocalCopy
from app.offline.refunding import OfflineRefunds
from app.offline.resync import Resync, ResyncSummary
from app.offline.selling import OfflineSeller
from app.ports import ReceiptPrinter
from app.services.auth import AuthService
from app.services.catalog import CatalogService
from app.services.enrolment import EnrolmentService
from app.services.member_outlook import LoyaltyService
from app.services.members import MemberService
from app.services.printing import ReceiptOutbox
from app.services.spooler import JobState, PrintSpooler
from app.unit_of_work import UnitOfWork, UnitOfWorkFactory


class CounterSide:
    """Which side the counter sells on; set on the GUI thread, read by the pool threads."""

    def __init__(self) -> None:
        self._offline = threading.Event()

    @property
    def offline(self) -> bool:
        return self._offline.is_set()

    def set_offline(self, offline: bool) -> None:
        if offline:
            self._offline.set()
        else:
            self._offline.clear()


@dataclass(frozen=True)
class OfflineServices:
    """The counter's services over the local copy."""

    members: MemberService
    loyalty: LoyaltyService
    catalog: CatalogService
    enrolment: EnrolmentService
    """Its duplicate checks read the copy; ``seller.enrol`` enrols."""
    seller: OfflineSeller
    refunds: OfflineRefunds
    """Refunds of this outage's offline sales; others need the server."""
    auth: AuthService
    """Sign-in and approvals against the copy."""
    spooler: PrintSpooler
    """Prints the offline sales' receipts from the copy's outbox."""


@dataclass(frozen=True)
class ServerSide:
    """What the resync replays through: the till's own units and sign-in on the server."""

    units: UnitOfWorkFactory
    auth: Authoriser
    batches: Batches | None = None
    """Several sales per server transaction (``app.offline.batched_resync``); ``None``:
    one each."""


class _HeldUnit:
    """A unit of work that holds ``lock`` from ``with`` to its end (a unit opened inside
    another on the same thread holds it again)."""

    def __init__(self, unit: UnitOfWork, lock: threading.RLock) -> None:
        self._unit, self._lock = unit, lock

    def __enter__(self) -> UnitOfWork:
        self._lock.acquire()
        try:
            return self._unit.__enter__()
        except BaseException:
            self._lock.release()
            raise

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            self._unit.__exit__(kind, error, trace)
        finally:
            self._lock.release()


class OfflineCounter:
    """One till's counter on its local copy. ``ready()`` is cheap (the copy's file is
    there); ``services()`` opens the copy on first use (blocking: a pool thread)."""

    def __init__(
        self,
        copy: LocalCopy,
        clock: Clock,
        place: OfflinePlace,
        server: ServerSide,
        open_printer: Callable[[str], ReceiptPrinter],
        outbox: Callable[[PrintSpooler], ReceiptOutbox],
        after_resync: Callable[[], None] | None = None,
    ) -> None:
        self.side = CounterSide()
        self.server_writes = threading.RLock()
        """Held by an online checkout and by each unit of the resync: the till numbers its
        orders per day, and two writers of one till would take the same number."""
        self._copy, self._clock, self._place, self._server = copy, clock, place, server
        self._open_printer, self._outbox, self._after_resync = open_printer, outbox, after_resync
        self._lock = threading.Lock()
        self._services: OfflineServices | None = None
        self._closed = False
        self._print_listeners: list[Callable[[JobState], None]] = []

    def ready(self) -> bool:
        """The copy has been built: the counter can sell on it."""
        return self._copy.path.exists()

    def services(self) -> OfflineServices:
        with self._lock:
            if self._closed:
                raise RuntimeError("the till is closing")
            if self._services is None:
                self._services = self._open()
            return self._services

    def add_print_listener(self, listener: Callable[[JobState], None]) -> None:
        """``listener`` hears of the offline receipts' print jobs (on a worker thread), as
        ``PrintSpooler.add_listener``, from whenever the copy is opened."""
        with self._lock:
            self._print_listeners.append(listener)
            if self._services is not None:
                self._services.spooler.add_listener(listener)

    def remove_print_listener(self, listener: Callable[[JobState], None]) -> None:
        with self._lock:
            if listener in self._print_listeners:
                self._print_listeners.remove(listener)
            if self._services is not None:
                self._services.spooler.remove_listener(listener)

    def _open(self) -> OfflineServices:
        copy, clock, place = self._copy, self._clock, self._place
        units = copy.units()
        auth = AuthService(units, clock, place.till_id)
        spooler = PrintSpooler(units, clock, place.till_id, self._open_printer)
        for listener in self._print_listeners:
            spooler.add_listener(listener)
        spooler.start()  # a receipt a stop left unprinted goes out now
        outbox = self._outbox(spooler)
        seller = OfflineSeller(copy.engine(), clock, place, outbox, auth)
        return OfflineServices(
            members=copy.members(),
            loyalty=LoyaltyService(units, store_id=place.store_id),
            catalog=CatalogService(units),
            enrolment=EnrolmentService(units, clock, place.till_id, auth, place.read_format),
            seller=seller,
            refunds=OfflineRefunds(copy.engine(), clock, place, outbox, auth),
            auth=auth,
            spooler=spooler,
        )

    def pending(self) -> int:
        """Sales and enrolments waiting in the journal (0 without a copy)."""
        if not self.ready():
            return 0
        return len(self.services().seller.journal.pending())

    def resync(self, after_each: Callable[[JournalEntry], None] | None = None) -> ResyncSummary:
        """Replay the journal on the server (blocking; ``StorageUnavailable`` when it goes
        again: run it again once it answers, nothing doubles); then refresh the copy."""
        if not self.ready():
            return ResyncSummary(0, 0)
        journal = self.services().seller.journal
        if not journal.pending():
            return ResyncSummary(0, 0)
        units, lock = self._server.units, self.server_writes

        def held() -> UnitOfWork:
            return cast(UnitOfWork, _HeldUnit(units(), lock))

        batches, auth = self._server.batches, self._server.auth
        resync = (
            Resync(journal, held, self._clock, self._place, auth)
            if batches is None
            else BatchedResync(
                journal, held, self._clock, self._place, auth, held_batches(batches, lock)
            )
        )
        done = resync.run(after_each)
        if self._after_resync is not None:
            self._after_resync()
        return done

    def close(self) -> None:
        with self._lock:
            self._closed = True
            services, self._services = self._services, None
        if services is not None:
            services.spooler.stop()
            services.members.close()
