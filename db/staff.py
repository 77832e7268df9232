"""Staff accounts: sign-in names, PIN hashes, wrong PINs and lockouts, badges."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, bindparam, case, func, or_, select, update
from sqlalchemy.orm import Session

from app.domain.staff import (
    LOCKOUT,
    MAX_FAILED_ATTEMPTS,
    Role,
    StaffAccount,
    StaffId,
    StaffMember,
    StoredBadge,
)
from db import chained_writes
from db.models import CardRow, StaffRow


def staff_from_row(row: StaffRow) -> StaffMember:
    return StaffMember(StaffId(row.id), row.username, row.display_name, Role(row.role))


def account_from_row(row: StaffRow) -> StaffAccount:
    return StaffAccount(
        staff=staff_from_row(row),
        pin_hash=row.pin_hash,
        active=row.active,
        failed_attempts=row.failed_attempts,
        locked_until=row.locked_until,
        badge=None
        if row.badge_hash is None
        else StoredBadge(row.badge_hash, row.badge_last4 or ""),
        must_change_pin=row.must_change_pin,
    )


_BY_ID = select(*StaffRow.__table__.c).where(StaffRow.__table__.c.id == bindparam("staff"))


class SqlStaffAccounts:
    """Staff accounts read and written in the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def find(self, staff_id: StaffId) -> StaffAccount | None:
        # Columns, not the ORM row: every checkout asks (require_stored), and loading
        # the row into the session cost more than the read.
        row = chained_writes.connection(self._session).execute(_BY_ID, {"staff": staff_id}).first()
        return None if row is None else account_from_row(row)  # type: ignore[arg-type]

    def by_username(self, username: str) -> StaffAccount | None:
        query = select(StaffRow).where(StaffRow.username == username, StaffRow.active.is_(True))
        row = self._session.scalar(query)
        return None if row is None else account_from_row(row)

    def by_badge(self, digest: str) -> StaffAccount | None:
        row = self._session.scalar(select(StaffRow).where(StaffRow.badge_hash == digest))
        return None if row is None else account_from_row(row)

    def active(self) -> list[StaffMember]:
        query = select(StaffRow).where(StaffRow.active.is_(True)).order_by(StaffRow.id)
        return [staff_from_row(row) for row in self._session.scalars(query)]

    def record_sign_in(self, staff_id: StaffId) -> None:
        self._session.execute(
            update(StaffRow)
            .where(StaffRow.id == staff_id)
            .values(failed_attempts=0, locked_until=None)
            .execution_options(synchronize_session="fetch")
        )

    def claim_pin_attempt(self, staff_id: StaffId, now: datetime) -> int | None:
        """One statement decides and counts, and holds the row until the caller commits, so
        parallel attempts on other tills or processes queue behind it and see its count."""
        expired = and_(StaffRow.locked_until.is_not(None), StaffRow.locked_until <= now)
        number = case((expired, 1), else_=StaffRow.failed_attempts + 1)
        claimed = self._session.execute(
            update(StaffRow)
            .where(
                StaffRow.id == staff_id,
                or_(StaffRow.locked_until.is_(None), StaffRow.locked_until <= now),
            )
            .values(
                failed_attempts=number,
                locked_until=case((number >= MAX_FAILED_ATTEMPTS, now + LOCKOUT), else_=None),
            )
            .returning(StaffRow.failed_attempts)
            .execution_options(synchronize_session="fetch")
        ).scalar_one_or_none()
        return claimed

    def set_badge(self, staff_id: StaffId, badge: StoredBadge | None) -> None:
        row = self._row(staff_id)
        row.badge_hash = None if badge is None else badge.digest
        row.badge_last4 = None if badge is None else badge.last4

    def everyone(self) -> list[StaffAccount]:
        query = select(StaffRow).order_by(StaffRow.id)
        return [account_from_row(row) for row in self._session.scalars(query)]

    def username_taken(self, username: str) -> bool:
        query = select(StaffRow.id).where(func.lower(StaffRow.username) == username.lower())
        return self._session.scalar(query.limit(1)) is not None

    def add(self, username: str, display_name: str, role: Role, pin_hash: str) -> StaffId:
        row = StaffRow(
            username=username,
            display_name=display_name,
            role=role.value,
            pin_hash=pin_hash,
            failed_attempts=0,
            active=True,
            must_change_pin=False,
        )
        self._session.add(row)
        self._session.flush()
        return StaffId(row.id)

    def set_profile(self, staff_id: StaffId, display_name: str, role: Role) -> None:
        row = self._row(staff_id)
        row.display_name, row.role = display_name, role.value

    def set_active(self, staff_id: StaffId, active: bool) -> None:
        self._row(staff_id).active = active

    def set_pin(self, staff_id: StaffId, pin_hash: str, must_change: bool) -> None:
        row = self._row(staff_id)
        row.pin_hash, row.must_change_pin = pin_hash, must_change
        row.failed_attempts, row.locked_until = 0, None

    def active_managers(self) -> list[StaffId]:
        query = (
            select(StaffRow.id)
            .where(StaffRow.active.is_(True), StaffRow.role == Role.MANAGER.value)
            .order_by(StaffRow.id)
            .with_for_update()
        )
        return [StaffId(staff_id) for staff_id in self._session.scalars(query)]

    def is_member_card(self, number: str) -> bool:
        query = select(CardRow.id).where(CardRow.card_no == number).limit(1)
        return self._session.scalar(query) is not None

    def _row(self, staff_id: StaffId) -> StaffRow:
        row = self._session.get(StaffRow, staff_id)
        if row is None:
            raise LookupError(f"staff member {staff_id} does not exist")
        return row
