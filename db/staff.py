"""Staff accounts: sign-in names, PIN hashes, wrong PINs and lockouts, badges."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.staff import Role, StaffAccount, StaffId, StaffMember
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
        badge_no=row.badge_no,
    )


class SqlStaffAccounts:
    """Staff accounts read and written in the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def find(self, staff_id: StaffId) -> StaffAccount | None:
        row = self._session.get(StaffRow, staff_id)
        return None if row is None else account_from_row(row)

    def by_username(self, username: str) -> StaffAccount | None:
        query = select(StaffRow).where(StaffRow.username == username, StaffRow.active.is_(True))
        row = self._session.scalar(query)
        return None if row is None else account_from_row(row)

    def by_badge(self, badge_no: str) -> StaffAccount | None:
        row = self._session.scalar(select(StaffRow).where(StaffRow.badge_no == badge_no))
        return None if row is None else account_from_row(row)

    def active(self) -> list[StaffMember]:
        query = select(StaffRow).where(StaffRow.active.is_(True)).order_by(StaffRow.id)
        return [staff_from_row(row) for row in self._session.scalars(query)]

    def record_sign_in(self, staff_id: StaffId) -> None:
        row = self._row(staff_id)
        row.failed_attempts, row.locked_until = 0, None

    def record_failed_sign_in(
        self, staff_id: StaffId, failed_attempts: int, locked_until: datetime | None
    ) -> None:
        row = self._row(staff_id)
        row.failed_attempts, row.locked_until = failed_attempts, locked_until

    def set_badge(self, staff_id: StaffId, badge_no: str | None) -> None:
        self._row(staff_id).badge_no = badge_no

    def is_member_card(self, number: str) -> bool:
        query = select(CardRow.id).where(CardRow.card_no == number).limit(1)
        return self._session.scalar(query) is not None

    def _row(self, staff_id: StaffId) -> StaffRow:
        row = self._session.get(StaffRow, staff_id)
        if row is None:
            raise LookupError(f"staff member {staff_id} does not exist")
        return row
