"""The composition root: build a working till from its ``TillConfig``, in one place
(``app.training.config.training_config`` makes the training one)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from typing import TYPE_CHECKING, cast

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.backups.database_check import DatabaseUnusable
from app.card_readers.formats import read_format, translation
from app.clock import Clock, SystemClock
from app.domain.business_day import cutoff_hour
from app.domain.card_formats import ReadFormat
from app.domain.money import CNY, CURRENCIES, Currency
from app.domain.offline import OfflinePlace
from app.domain.print_jobs import PrintJob
from app.domain.storage import StorageUnavailable
from app.domain.stores import RegisteredTill
from app.ports import CardReader, CustomerDisplay, PrintPreview, ReceiptPrinter
from app.services.auth import AuthService
from app.services.catalog import CatalogService
from app.services.printing import ReceiptOutbox
from app.services.spooler import PrintSpooler
from app.services.till_mode import TillModeService
from app.stores.registration import register
from app.till_config import TillConfig
from app.till_database import LONG_STATEMENT_S, server_unreachable, with_timeouts
from app.till_database import prepare_database as prepare_database  # imported from here too
from app.training.printer import MarkedPrinter
from app.unit_of_work import UnitOfWorkFactory
from db.engine import create_db_engine, session_factory
from db.in_use import DatabaseBusy, InUseMark, mark_in_use
from db.request_key_pruning import RequestKeyPruning
from db.search_keys import SearchKeyRebuild
from db.server_probe import SqlServerProbe
from db.unit_of_work import SqlUnitOfWork
from hardware.display import open_display
from hardware.printing.printer import EscposPrinter, open_printer
from hardware.printing.transports import SimTransport
from hardware.readers.factory import open_card_reader

if TYPE_CHECKING:
    from app.campaigns.desk import CampaignDesk
    from app.dishes.habits import DishHabits
    from app.member_import.desk import MemberImporter
    from app.menu_admin.service import MenuAdmin
    from app.offline.counter import OfflineCounter
    from app.offline.local_copy import LocalCopy
    from app.offline.refresher import CopyRefresher
    from app.offline.twins import OfflineTwins
    from app.restaurant_profile.service import RestaurantProfileAdmin
    from app.server_link.probe import ServerProbe
    from app.services.adjustments import AdjustmentService
    from app.services.checkout import CheckoutService
    from app.services.drawer import DrawerService
    from app.services.enrolment import EnrolmentService
    from app.services.guest_notes import GuestNoteService
    from app.services.loyalty_admin import LoyaltyAdminService
    from app.services.manual_discounts import ManualDiscountService
    from app.services.member_list import MemberListService
    from app.services.member_merge import MemberMergeService
    from app.services.member_outlook import LoyaltyService
    from app.services.member_story import MemberStoryService
    from app.services.member_values import MemberValueService
    from app.services.members import MemberService
    from app.services.points_expiry import PointsExpiryService
    from app.services.refunds import RefundService
    from app.services.reports import ReportService
    from app.services.segments import SegmentService
    from app.services.tier_review import TierReviewService
    from app.staff_admin.service import StaffAdmin
    from app.training.coach import ExerciseCoach
    from app.whatif.desk import WhatIfDesk


@dataclass(frozen=True)
class _Parts:
    """What the services are built from, kept for the ones built on first use."""

    engine: Engine
    sessions: sessionmaker[Session]
    units: UnitOfWorkFactory
    outbox: ReceiptOutbox
    cutoff: int
    reads: ReadFormat
    store_id: int
    long_engine: Engine
    """For work that may read the whole database at once (``LONG_STATEMENT_S``)."""
    long_sessions: sessionmaker[Session]
    long_units: UnitOfWorkFactory


@dataclass(eq=False)
class Till:
    """The object graph the UI works with; ``close()`` releases the database.

    Only what the sign-in window needs is built with the till (sign-in, the restaurant's
    settings, the till's mode, the devices and the print spooler). Every other service
    is built, and its modules imported, the first time it is used: a start does not pay
    for reports, exports or the manager's tools (``tests/integration/test_lazy_till.py``).
    """

    config: TillConfig
    clock: Clock
    auth: AuthService
    catalog: CatalogService
    spooler: PrintSpooler
    till_mode: TillModeService
    printer: ReceiptPrinter
    card_reader: CardReader
    _parts: _Parts = field(repr=False)
    display: CustomerDisplay | None = None
    coach: ExerciseCoach | None = None
    currency: Currency = CNY
    print_preview: PrintPreview | None = None
    search_keys: SearchKeyRebuild | None = None
    """Rebuilds the members' search keys for a new key version, off the GUI thread."""
    request_key_pruning: RequestKeyPruning | None = None
    """Prunes request keys older than ``KEEP_DAYS`` in the daily work, off the GUI thread."""
    registration: RegisteredTill | None = None
    """The till's id and store as registered at start (``config.till_id`` is that id)."""
    server_probe: ServerProbe | None = None
    """Asked while the database cannot be reached, to notice when it answers again."""
    started_offline: StorageUnavailable | None = None
    """The server did not answer at start: the till opened from its local copy."""
    _in_use: InUseMark | None = field(default=None, repr=False)
    _twins: OfflineTwins | None = field(default=None, repr=False)

    @property
    def _engine(self) -> Engine:
        return self._parts.engine

    def _common(self) -> tuple[UnitOfWorkFactory, Clock, str]:
        return self._parts.units, self.clock, self.config.till_id

    def _long_common(self) -> tuple[UnitOfWorkFactory, Clock, str]:
        return self._parts.long_units, self.clock, self.config.till_id

    @cached_property
    def members(self) -> MemberService:
        from app.services.members import MemberService
        from db.member_search import SqlMemberLookups

        return MemberService(SqlMemberLookups(self._parts.engine))

    @cached_property
    def enrolment(self) -> EnrolmentService:
        from app.services.enrolment import EnrolmentService

        return EnrolmentService(*self._common(), self.auth, self._parts.reads)

    @cached_property
    def merge(self) -> MemberMergeService:
        from app.services.member_merge import MemberMergeService

        return MemberMergeService(*self._common(), self.auth)

    @cached_property
    def units(self) -> UnitOfWorkFactory:
        """The till's units of work (the offline resync replays through them)."""
        return self._parts.units

    @cached_property
    def outbox(self) -> ReceiptOutbox:
        return self._parts.outbox

    @cached_property
    def offline_place(self) -> OfflinePlace:
        parts = self._parts
        return OfflinePlace(self.config.till_id, parts.store_id, parts.cutoff, parts.reads)

    @cached_property
    def checkout(self) -> CheckoutService:
        from app.services.checkout import CheckoutService

        parts = self._parts
        return CheckoutService(*self._common(), parts.outbox, parts.cutoff, store_id=parts.store_id)

    @cached_property
    def loyalty(self) -> LoyaltyService:
        from app.services.member_outlook import LoyaltyService

        return LoyaltyService(self._parts.units, store_id=self._parts.store_id)

    @cached_property
    def refunds(self) -> RefundService:
        from app.services.refunds import RefundService

        return RefundService(*self._common(), self.auth, self._parts.outbox)

    @cached_property
    def points_expiry(self) -> PointsExpiryService:
        from app.services.points_expiry import PointsExpiryService

        return PointsExpiryService(*self._long_common())

    @cached_property
    def tier_review(self) -> TierReviewService:
        from app.services.tier_review import TierReviewService

        return TierReviewService(*self._long_common())

    @cached_property
    def segments(self) -> SegmentService:
        from app.services.segments import SegmentService

        return SegmentService(*self._long_common())

    @cached_property
    def member_values(self) -> MemberValueService:
        from app.services.member_values import MemberValueService

        return MemberValueService(*self._long_common())

    @cached_property
    def adjustments(self) -> AdjustmentService:
        from app.services.adjustments import AdjustmentService

        return AdjustmentService(*self._common(), self.auth)

    @cached_property
    def manual_discounts(self) -> ManualDiscountService:
        from app.services.manual_discounts import ManualDiscountService

        return ManualDiscountService(*self._common(), self.auth)

    @cached_property
    def loyalty_admin(self) -> LoyaltyAdminService:
        from app.services.loyalty_admin import LoyaltyAdminService

        return LoyaltyAdminService(*self._common())

    @cached_property
    def member_lists(self) -> MemberListService:
        from app.services.member_list import MemberListService
        from db.member_list_query import SqlMemberListReader

        reader = partial(SqlMemberListReader, self._parts.long_sessions)
        return MemberListService(
            self._parts.units,
            reader,
            *self._common()[1:],
            self.auth,
            self.members,
            store_id=self._parts.store_id,
        )

    @cached_property
    def member_story(self) -> MemberStoryService:
        from app.services.member_profile import MemberProfileService
        from app.services.member_story import MemberStoryService

        profile = MemberProfileService(*self._common(), self.auth)
        return MemberStoryService(*self._common(), self.auth, profile)

    @cached_property
    def guest_notes(self) -> GuestNoteService:
        from app.services.guest_notes import GuestNoteService

        return GuestNoteService(*self._common(), self.auth)

    @cached_property
    def reports(self) -> ReportService:
        from app.reports.source import SqlReportSource
        from app.services.reports import ReportService

        config, cutoff = self.config, self._parts.cutoff
        return ReportService(
            self._parts.units,
            SqlReportSource(self._parts.long_sessions, cutoff),
            self.clock,
            config.till_id,
            self.currency,
            self.spooler,
            config.printer_url,
            config.receipt_language,
            cutoff,
            self._parts.store_id,
        )

    @cached_property
    def drawer(self) -> DrawerService:
        from app.services.drawer import DrawerService

        config = self.config
        return DrawerService(
            *self._common(), self.auth, self.spooler, config.printer_url, config.drawer_allowed
        )

    @cached_property
    def staff_admin(self) -> StaffAdmin:
        from app.staff_admin.service import StaffAdmin

        return StaffAdmin(*self._common())

    @cached_property
    def menu_admin(self) -> MenuAdmin:
        from app.menu_admin.service import MenuAdmin

        return MenuAdmin(*self._common())

    @cached_property
    def restaurant_profile(self) -> RestaurantProfileAdmin:
        from app.restaurant_profile.service import RestaurantProfileAdmin

        return RestaurantProfileAdmin(*self._common())

    @cached_property
    def member_import(self) -> MemberImporter:
        from app.member_import.desk import MemberImporter

        return MemberImporter(self.config.database_url, self._parts.units, self.clock)

    @cached_property
    def whatif(self) -> WhatIfDesk:
        from app.whatif.desk import WhatIfDesk

        return WhatIfDesk(self.config.database_url, *self._common()[:2], self.config.till_id,
                          self.loyalty_admin)  # fmt: skip

    @cached_property
    def dish_habits(self) -> DishHabits:
        from app.dishes.habits import DishHabits

        return DishHabits(session_factory(self._engine), self.clock)

    @cached_property
    def campaigns(self) -> CampaignDesk:
        from app.campaigns.desk import CampaignDesk

        return CampaignDesk(self._parts.long_sessions.begin, self.clock, self.config.till_id)

    @cached_property
    def local_copy(self) -> LocalCopy | None:
        """The till's copy of a shared PostgreSQL server's data, to sell from when the server
        is gone (``docs/OFFLINE.md``); ``None`` on an embedded SQLite database (no server to
        lose) or without a place for it (``TillConfig.local_copy_path``)."""
        path = self.config.local_copy_path
        if path is None or self._engine.dialect.name == "sqlite":
            return None
        from app.offline.local_copy import LocalCopy

        return LocalCopy(self._parts.long_engine, path, self.clock, self.config.till_id)

    @cached_property
    def offline_units(self) -> UnitOfWorkFactory | None:
        """Units of work over the local copy (``None`` without one); use them once
        ``local_copy.status().exists``."""
        copy = self.local_copy
        return None if copy is None else copy.units()

    @cached_property
    def copy_refresher(self) -> CopyRefresher | None:
        """Keeps the local copy current in the background once started (the UI starts it
        with the daily jobs); ``close()`` stops it."""
        if self.local_copy is None:
            return None
        from app.offline.refresher import CopyRefresher

        return CopyRefresher(self.local_copy)

    @cached_property
    def unit_batches(self) -> Callable[[], AbstractContextManager[UnitOfWorkFactory]]:
        """One server transaction whose units are savepoints of it (the offline resync
        replays several sales per commit: ``app.offline.batched_resync``)."""
        from db.batched_units import batch_opener

        return cast(
            "Callable[[], AbstractContextManager[UnitOfWorkFactory]]",
            batch_opener(self._parts.sessions),
        )

    @cached_property
    def offline_counter(self) -> OfflineCounter | None:
        """The counter's services over the local copy, to sell on while the server is gone,
        and the journal's resync when it is back (``None`` without a copy)."""
        copy = self.local_copy
        if copy is None:
            return None
        from app.offline.counter import OfflineCounter, ServerSide

        config, currency = self.config, self.currency
        header = None if self.registration is None else self.registration.store.receipt_header

        def printer_for(url: str) -> ReceiptPrinter:
            return self.printer if url == config.printer_url else open_printer(url)

        def outbox(spooler: PrintSpooler) -> ReceiptOutbox:
            return ReceiptOutbox(spooler, config.printer_url, config.till_id,
                                 config.receipt_language, currency, config.drawer_allowed,
                                 receipt_header=header, offline=True)  # fmt: skip

        refresher = self.copy_refresher
        return OfflineCounter(copy, self.clock, self.offline_place,
                              ServerSide(self._parts.units, self.auth, self.unit_batches),
                              printer_for, outbox,
                              None if refresher is None else refresher.refresh_soon)  # fmt: skip

    def _printed_offline(self, job: PrintJob) -> bool:
        """The server's receipt ``job`` is for a sale this till also sold, and printed, from
        its local copy (the online reply was lost): the spooler does not print it again."""
        if job.kind != "receipt" or self.local_copy is None:
            return False
        if self._twins is None:
            from app.offline.twins import OfflineTwins

            self._twins = OfflineTwins(self.local_copy, self._parts.units)
        return self._twins.printed_offline(job)

    def built(self) -> frozenset[str]:
        """The services built on first use that have been built so far."""
        lazy = {name for name, kind in vars(Till).items() if isinstance(kind, cached_property)}
        return frozenset(lazy & vars(self).keys())

    def close(self) -> None:
        self.card_reader.stop()
        if self.display is not None:
            self.display.stop()
        self.spooler.stop()
        if "members" in vars(self):  # built: its lookups hold a connection
            self.members.close()
        if self.coach is not None:
            self.coach.close()
        built = vars(self)
        if built.get("offline_counter") is not None:
            built["offline_counter"].close()
        if built.get("copy_refresher") is not None:
            built["copy_refresher"].stop()
        if built.get("local_copy") is not None:
            built["local_copy"].close()
        self._parts.engine.dispose()
        if self._parts.long_engine is not self._parts.engine:
            self._parts.long_engine.dispose()
        if self._in_use is not None:
            self._in_use.release()  # after the last connection: pos restore may go ahead


def _preview_of(printer: ReceiptPrinter) -> PrintPreview | None:
    if isinstance(printer, MarkedPrinter):
        return _preview_of(printer.inner)
    if isinstance(printer, EscposPrinter) and isinstance(printer.transport, SimTransport):
        return printer.transport
    return None


def _coach(
    config: TillConfig, sessions: sessionmaker[Session], clock: Clock
) -> ExerciseCoach | None:
    if not config.training_records_url:
        return None
    from app.training.coach import ExerciseCoach
    from app.training.exercises import load_exercises
    from db.training_records import open_records

    records = open_records(config.training_records_url)
    return ExerciseCoach(sessions, records, clock, config.till_id, load_exercises())


@contextmanager
def stored_roles(database_url: str, clock: Clock) -> Iterator[AuthService]:
    """The accounts stored in a database, for a check made before any till is built (the
    set-up wizard saving the first manager's devices)."""
    engine = create_db_engine(database_url)
    try:
        yield AuthService(partial(SqlUnitOfWork, session_factory(engine)), clock, "setup")
    finally:
        engine.dispose()


def build_till(
    config: TillConfig, clock: Clock | None = None, server_down: StorageUnavailable | None = None
) -> Till:
    """Raises ``DatabaseUnusable`` for a database it cannot open (damaged, newer, being
    restored), ``TillIdTaken`` when another machine holds the till id, ``NoLocalCopy``
    when the server does not answer and there is no local copy to open from. While the
    till is open, ``pos restore`` refuses its SQLite file. ``server_down``: the server
    just did not answer the caller; open from the copy without waiting for it again."""
    try:
        in_use = mark_in_use(config.database_url)
    except DatabaseBusy:
        raise DatabaseUnusable(
            "the database is being restored; start the till again when that has finished"
        ) from None
    try:
        till = _build_till(config, clock or SystemClock(), server_down)
    except BaseException:
        in_use.release()
        raise
    till._in_use = in_use
    return till


def _build_till(
    config: TillConfig, clock: Clock, server_down: StorageUnavailable | None = None
) -> Till:
    timeouts = config.database_timeouts
    offline: StorageUnavailable | None = None
    registration: RegisteredTill | None = None
    try:
        if server_down is not None and config.local_copy_path is not None:
            raise server_down
        engine = prepare_database(
            config.database_url,
            config.demo_members_if_empty,
            clock.now().date(),
            config.demo_history_days,
        )
    except (SQLAlchemyError, StorageUnavailable) as error:
        offline = server_unreachable(error)
        if offline is None or config.local_copy_path is None:
            raise
        engine = create_db_engine(config.database_url, timeouts)  # connects on first use
    else:
        engine = with_timeouts(engine, config.database_url, timeouts)
        try:
            registration = register(engine, config.till_id, config.registration_token, clock.now())
        except BaseException:
            engine.dispose()
            raise
    long_engine = with_timeouts(
        engine, config.database_url, replace(timeouts, statement_s=LONG_STATEMENT_S), dispose=False
    )
    copy: LocalCopy | None = None
    if offline is not None:
        from app.server_down.opening import open_copy

        try:
            copy, registration = open_copy(
                long_engine, config.local_copy_path, config.till_id,
                config.registration_token, clock, offline,
            )  # fmt: skip
        except BaseException:
            engine.dispose()
            long_engine.dispose()
            raise
    assert registration is not None
    config = replace(config, till_id=registration.till_id)
    store = registration.store
    sessions = session_factory(engine)
    units: UnitOfWorkFactory = partial(SqlUnitOfWork, sessions)
    long_sessions = session_factory(long_engine)
    long_units: UnitOfWorkFactory = partial(SqlUnitOfWork, long_sessions)
    # Opened from the copy: the menu and settings as it last had them (kept current by
    # its refresher once the server answers again).
    catalog = CatalogService(units if copy is None else copy.units())
    restaurant = catalog.restaurant_settings()
    currency = CURRENCIES.get(restaurant.get("currency", "CNY"), CNY)
    cutoff = cutoff_hour(restaurant)  # read once: a change applies when the till restarts
    if store.cutoff_hour is not None:
        cutoff = store.cutoff_hour

    def open_marked(url: str) -> ReceiptPrinter:
        opened = open_printer(url)
        return MarkedPrinter(opened, config.slip_mark) if config.slip_mark else opened

    printer = open_marked(config.printer_url)

    def printer_for(url: str) -> ReceiptPrinter:
        return printer if url == config.printer_url else open_marked(url)

    spooler = PrintSpooler(units, clock, config.till_id, printer_for)
    outbox = ReceiptOutbox(
        spooler,
        config.printer_url,
        config.till_id,
        config.receipt_language,
        currency,
        config.drawer_allowed,
        receipt_header=store.receipt_header,
    )
    auth = AuthService(units, clock, config.till_id)
    reads = read_format(config.card_reader_url)
    till = Till(
        config=config,
        clock=clock,
        auth=auth,
        catalog=catalog,
        spooler=spooler,
        till_mode=TillModeService(units, clock, config.till_id, auth, config.mode),
        printer=printer,
        card_reader=open_card_reader(config.card_reader_url, translation(reads)),
        _parts=_Parts(
            engine=engine,
            sessions=sessions,
            units=units,
            outbox=outbox,
            cutoff=cutoff,
            reads=reads,
            store_id=store.store_id,
            long_engine=long_engine,
            long_sessions=long_sessions,
            long_units=long_units,
        ),
        display=open_display(config.display_url),
        coach=_coach(config, sessions, clock),
        currency=currency,
        print_preview=_preview_of(printer),
        search_keys=SearchKeyRebuild(long_engine),
        request_key_pruning=RequestKeyPruning(long_engine),
        registration=registration,
        server_probe=SqlServerProbe(engine),
        started_offline=offline,
    )
    spooler.skip_when(till._printed_offline)  # one sale, one slip (app/offline/twins.py)
    if copy is not None:
        vars(till)["local_copy"] = copy  # the one opened: Till.local_copy is this copy
    # The daily jobs (points expiry, tier review, segments) are not run here: their cost
    # grows with the members and the days missed, so the window runs them in the
    # background once it is showing (ui.daily_jobs).
    if offline is None:  # the print jobs a crash interrupted are on the server
        spooler.start()
    return till
