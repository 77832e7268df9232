"""The SQL the first-run set-up needs beyond the programme editor's: whether a database
already holds a restaurant, the restaurant's settings and the first staff account."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain.menu_lines import MenuChanges, MenuLine
from app.domain.staff import Role, StaffId
from db import stores
from db.audit_log import SqlAuditLog
from db.loyalty_rules import SqlLoyaltyProgramme
from db.menu_import import import_menu
from db.models import MenuItemRow, SettingRow, StaffRow, TierRow


class StaffNameTaken(ValueError):
    """Another account has this sign-in name (a set-up running alongside, say)."""


class SqlRestaurantSetup:
    """Everything the set-up writes, in the caller's one transaction."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.audit = SqlAuditLog(session)
        self.programme = SqlLoyaltyProgramme(session)

    def import_menu(self, lines: Sequence[MenuLine]) -> MenuChanges:
        return import_menu(self._session, lines)

    def settings(self) -> dict[str, str]:
        return {row.key: row.value for row in self._session.scalars(select(SettingRow))}

    def counts(self) -> dict[str, int]:
        """Staff accounts, tiers and menu items already there."""
        return {
            name: int(self._session.scalar(select(func.count()).select_from(table)) or 0)
            for name, table in (("staff", StaffRow), ("tiers", TierRow), ("menu", MenuItemRow))
        }

    def name_default_store(self, name: str, address: str) -> str | None:
        """``db.stores.name_default_store`` in this transaction."""
        return stores.name_default_store(self._session, name, address)

    def write_settings(self, values: Mapping[str, str]) -> None:
        """Set each key to its value, adding the keys not there yet."""
        for key, value in values.items():
            row = self._session.get(SettingRow, key)
            if row is None:
                self._session.add(SettingRow(key=key, value=value))
            else:
                row.value = value
        self._session.flush()

    def add_staff(self, username: str, display_name: str, role: Role, pin_hash: str) -> StaffId:
        row = StaffRow(
            username=username, display_name=display_name, role=role.value, pin_hash=pin_hash
        )
        self._session.add(row)
        try:
            self._session.flush()
        except IntegrityError:
            raise StaffNameTaken(f"a staff account named {username} exists already") from None
        return StaffId(row.id)
