"""The unit of work over SQLAlchemy: one session, one transaction, its repositories."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.domain.storage import WriteConflict
from db.anniversaries import SqlAnniversaries
from db.audit_log import SqlAuditLog
from db.complaints import SqlComplaints
from db.ledgers import SqlLedgers
from db.loyalty_rules import SqlLoyaltyProgramme
from db.member_accounts import SqlMemberAccounts, SqlTiers
from db.member_contacts import SqlMemberContacts
from db.member_data import SqlMemberData
from db.member_erasures import SqlMemberErasures
from db.member_merges import SqlMemberMerges
from db.member_story import SqlMemberStories
from db.member_values import SqlMemberValues
from db.menu import SqlMenu
from db.offers import SqlCoupons
from db.offline_overdrafts import SqlOfflineOverdrafts
from db.order_history import SqlOrderHistory
from db.orders import SqlOrders
from db.print_jobs import SqlPrintJobs
from db.queries import SqlRestaurant
from db.request_keys import SqlRequestKeys
from db.saved_filters import SqlSavedFilters
from db.segments import SqlMemberSegments
from db.staff import SqlStaffAccounts
from db.storage_errors import storage_error
from db.watermarks import SqlWatermarks


class SqlUnitOfWork:
    """``with uow: ... uow.commit()``; leaving without a commit rolls everything back.

    A unit is used once, by one thread: open a new one per user action.
    """

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        self._session: Session | None = None

    def __enter__(self) -> SqlUnitOfWork:
        if self._session is not None:
            raise RuntimeError("a unit of work is used once: open a new one")
        session = self._sessions()
        session.begin()
        self._session = session
        self.ledgers = SqlLedgers(session)
        self.audit = SqlAuditLog(session)
        self.members = SqlMemberAccounts(session)
        self.tiers = SqlTiers(session)
        self.coupons = SqlCoupons(session)
        self.programme = SqlLoyaltyProgramme(session)
        self.orders = SqlOrders(session)
        self.print_jobs = SqlPrintJobs(session)
        self.restaurant = SqlRestaurant(session)
        self.order_history = SqlOrderHistory(session)
        self.complaints = SqlComplaints(session)
        self.menu = SqlMenu(session)
        self.merges = SqlMemberMerges(session)
        self.watermarks = SqlWatermarks(session)
        self.anniversaries = SqlAnniversaries(session)
        self.segments = SqlMemberSegments(session)
        self.member_values = SqlMemberValues(session)
        self.saved_filters = SqlSavedFilters(session)
        self.member_contacts = SqlMemberContacts(session)
        self.erasures = SqlMemberErasures(session)
        self.member_data = SqlMemberData(session)
        self.stories = SqlMemberStories(session)
        self.staff = SqlStaffAccounts(session)
        self.request_keys = SqlRequestKeys(session)
        self.offline_overdrafts = SqlOfflineOverdrafts(session)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        assert self._session is not None
        try:
            if self._session.in_transaction():
                self._session.rollback()
        except DBAPIError as failed:  # the connection is gone: nothing was written
            error = error or failed
        finally:
            self._session.close()
        if isinstance(error, IntegrityError):
            raise WriteConflict(str(error.orig)) from error
        mapped = storage_error(error)
        if mapped is not None:
            raise mapped from error

    def commit(self) -> None:
        assert self._session is not None, "commit inside 'with'"
        self._session.commit()
