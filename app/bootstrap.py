"""The composition root: build a working till from its ``TillConfig``, in one place
(``app.training.config.training_config`` makes the training one)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.backups.database_check import DatabaseUnusable, refuse_unusable
from app.card_readers.formats import read_format, translation
from app.clock import Clock, SystemClock
from app.demo import seed_demo
from app.domain.business_day import cutoff_hour
from app.domain.money import CNY, CURRENCIES, Currency
from app.domain.stores import RegisteredTill
from app.member_import.desk import MemberImporter
from app.menu_admin.service import MenuAdmin
from app.ports import CardReader, CustomerDisplay, PrintPreview, ReceiptPrinter
from app.reports.source import SqlReportSource
from app.restaurant_profile.service import RestaurantProfileAdmin
from app.services.adjustments import AdjustmentService
from app.services.auth import AuthService
from app.services.catalog import CatalogService
from app.services.checkout import CheckoutService
from app.services.drawer import DrawerService
from app.services.enrolment import EnrolmentService
from app.services.guest_notes import GuestNoteService
from app.services.loyalty_admin import LoyaltyAdminService
from app.services.manual_discounts import ManualDiscountService
from app.services.member_list import MemberListService
from app.services.member_merge import MemberMergeService
from app.services.member_outlook import LoyaltyService
from app.services.member_profile import MemberProfileService
from app.services.member_story import MemberStoryService
from app.services.members import MemberService
from app.services.points_expiry import PointsExpiryService
from app.services.printing import ReceiptOutbox
from app.services.refunds import RefundService
from app.services.reports import ReportService
from app.services.segments import SegmentService
from app.services.spooler import PrintSpooler
from app.services.tier_review import TierReviewService
from app.services.till_mode import TillModeService
from app.staff_admin.service import StaffAdmin
from app.stores.registration import register
from app.till_config import TillConfig
from app.training.coach import ExerciseCoach
from app.training.exercises import load_exercises
from app.training.printer import MarkedPrinter
from app.unit_of_work import UnitOfWorkFactory
from db.engine import create_db_engine, session_factory
from db.in_use import DatabaseBusy, InUseMark, mark_in_use
from db.member_list_query import SqlMemberListReader
from db.member_search import SqlMemberLookups
from db.migrate import has_schema, upgrade_to_head
from db.search_keys import SYNC_REBUILD_MAX, SearchKeyRebuild, ensure_search_keys
from db.training_records import open_records
from db.unit_of_work import SqlUnitOfWork
from hardware.display import open_display
from hardware.printing.printer import EscposPrinter, open_printer
from hardware.printing.transports import SimTransport
from hardware.readers.factory import open_card_reader

log = logging.getLogger(__name__)


@dataclass
class Till:
    """The object graph the UI works with; ``close()`` releases the database."""

    config: TillConfig
    clock: Clock
    auth: AuthService
    catalog: CatalogService
    members: MemberService
    enrolment: EnrolmentService
    merge: MemberMergeService
    checkout: CheckoutService
    loyalty: LoyaltyService
    refunds: RefundService
    points_expiry: PointsExpiryService
    tier_review: TierReviewService
    segments: SegmentService
    adjustments: AdjustmentService
    manual_discounts: ManualDiscountService
    loyalty_admin: LoyaltyAdminService
    member_lists: MemberListService
    member_story: MemberStoryService
    guest_notes: GuestNoteService
    reports: ReportService
    spooler: PrintSpooler
    drawer: DrawerService
    till_mode: TillModeService
    staff_admin: StaffAdmin
    menu_admin: MenuAdmin
    restaurant_profile: RestaurantProfileAdmin
    printer: ReceiptPrinter
    card_reader: CardReader
    display: CustomerDisplay | None = None
    coach: ExerciseCoach | None = None
    currency: Currency = CNY
    print_preview: PrintPreview | None = None
    search_keys: SearchKeyRebuild | None = None
    """Rebuilds the members' search keys for a new key version, off the GUI thread."""
    member_import: MemberImporter | None = None
    registration: RegisteredTill | None = None
    """The till's id and store as registered at start (``config.till_id`` is that id)."""
    _engine: Engine | None = field(default=None, repr=False)
    _in_use: InUseMark | None = field(default=None, repr=False)

    def close(self) -> None:
        self.card_reader.stop()
        if self.display is not None:
            self.display.stop()
        self.spooler.stop()
        self.members.close()
        if self.coach is not None:
            self.coach.close()
        if self._engine is not None:
            self._engine.dispose()
        if self._in_use is not None:
            self._in_use.release()  # after the last connection: pos restore may go ahead


def prepare_database(
    url: str, demo_members_if_empty: int | None, today: date, demo_history_days: int = 0
) -> Engine:
    """Create/upgrade the schema; seed the demo restaurant, with ``demo_history_days`` of
    past, into a brand-new database.
    Raises ``DatabaseUnusable`` for a damaged, foreign or newer database."""
    engine = create_db_engine(url)
    try:
        refuse_unusable(url, engine)
    except DatabaseUnusable:
        engine.dispose()
        raise
    was_new = not has_schema(engine)
    upgrade_to_head(engine)
    if was_new and demo_members_if_empty is not None:
        log.info("new database: loading the demo restaurant with %d members", demo_members_if_empty)
        seed_demo(
            session_factory(engine), demo_members_if_empty, today, history_days=demo_history_days
        )
    ensure_search_keys(engine, background_above=SYNC_REBUILD_MAX)
    return engine


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


def build_till(config: TillConfig, clock: Clock | None = None) -> Till:
    """Raises ``DatabaseUnusable`` for a database it cannot open (damaged, newer, being
    restored), ``TillIdTaken`` when another machine holds the till id. While the till is
    open, ``pos restore`` refuses its SQLite file."""
    try:
        in_use = mark_in_use(config.database_url)
    except DatabaseBusy:
        raise DatabaseUnusable(
            "the database is being restored; start the till again when that has finished"
        ) from None
    try:
        till = _build_till(config, clock or SystemClock())
    except BaseException:
        in_use.release()
        raise
    till._in_use = in_use
    return till


def _build_till(config: TillConfig, clock: Clock) -> Till:
    engine = prepare_database(
        config.database_url,
        config.demo_members_if_empty,
        clock.now().date(),
        config.demo_history_days,
    )
    try:
        registration = register(engine, config.till_id, config.registration_token, clock.now())
    except BaseException:
        engine.dispose()
        raise
    config = replace(config, till_id=registration.till_id)
    store = registration.store
    sessions = session_factory(engine)
    units: UnitOfWorkFactory = partial(SqlUnitOfWork, sessions)
    catalog = CatalogService(units)
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
    members = MemberService(SqlMemberLookups(engine))
    reads = read_format(config.card_reader_url)
    till = Till(
        config=config,
        clock=clock,
        auth=auth,
        catalog=catalog,
        members=members,
        enrolment=EnrolmentService(units, clock, config.till_id, auth, reads),
        merge=MemberMergeService(units, clock, config.till_id, auth),
        checkout=CheckoutService(
            units, clock, config.till_id, outbox, cutoff, store_id=store.store_id
        ),
        loyalty=LoyaltyService(units, store_id=store.store_id),
        refunds=RefundService(units, clock, config.till_id, auth, outbox),
        points_expiry=PointsExpiryService(units, clock, config.till_id),
        tier_review=TierReviewService(units, clock, config.till_id),
        segments=SegmentService(units, clock, config.till_id),
        adjustments=AdjustmentService(units, clock, config.till_id, auth),
        manual_discounts=ManualDiscountService(units, clock, config.till_id, auth),
        loyalty_admin=LoyaltyAdminService(units, clock, config.till_id),
        member_lists=MemberListService(
            units, partial(SqlMemberListReader, sessions), clock, config.till_id, auth, members
        ),
        member_story=MemberStoryService(
            units,
            clock,
            config.till_id,
            auth,
            MemberProfileService(units, clock, config.till_id, auth),
        ),
        guest_notes=GuestNoteService(units, clock, config.till_id, auth),
        reports=ReportService(
            units,
            SqlReportSource(sessions, cutoff),
            clock,
            config.till_id,
            currency,
            spooler,
            config.printer_url,
            config.receipt_language,
            cutoff,
            store.store_id,
        ),
        spooler=spooler,
        drawer=DrawerService(
            units,
            clock,
            config.till_id,
            auth,
            spooler,
            config.printer_url,
            config.drawer_allowed,
        ),
        till_mode=TillModeService(units, clock, config.till_id, auth, config.mode),
        staff_admin=StaffAdmin(units, clock, config.till_id),
        menu_admin=MenuAdmin(units, clock, config.till_id),
        restaurant_profile=RestaurantProfileAdmin(units, clock, config.till_id),
        printer=printer,
        card_reader=open_card_reader(config.card_reader_url, translation(reads)),
        display=open_display(config.display_url),
        coach=_coach(config, sessions, clock),
        currency=currency,
        print_preview=_preview_of(printer),
        member_import=MemberImporter(config.database_url, units, clock),
        search_keys=SearchKeyRebuild(engine),
        registration=registration,
        _engine=engine,
    )
    # The daily jobs (points expiry, tier review, segments) are not run here: their cost
    # grows with the members and the days missed, so the window runs them in the
    # background once it is showing (ui.daily_jobs).
    spooler.start()
    return till
