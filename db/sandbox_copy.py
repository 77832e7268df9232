"""Copy what a restaurant is (settings, menu, staff, tiers, offers, holidays) from one
database into a new, empty one: the training sandbox starts from the real restaurant."""

from __future__ import annotations

from sqlalchemy import Connection, Table, insert, select

from db.models import (
    MenuCategoryRow,
    MenuItemRow,
    OfferCategoryRow,
    OfferItemRow,
    OfferRow,
    OfferTierRow,
    PublicHolidayRow,
    RenewalOfferRow,
    SettingRow,
    StaffRow,
    TierExcludedCategoryRow,
    TierRow,
    TopUpRuleRow,
)

REFERENCE_TABLES: tuple[Table, ...] = tuple(
    row.__table__  # type: ignore[misc]
    for row in (
        SettingRow,
        MenuCategoryRow,
        MenuItemRow,
        StaffRow,
        TierRow,
        TierExcludedCategoryRow,
        RenewalOfferRow,
        TopUpRuleRow,
        OfferRow,
        OfferCategoryRow,
        OfferItemRow,
        OfferTierRow,
        PublicHolidayRow,
    )
)
"""In foreign-key order. Members, orders, ledgers and the audit log are never copied."""

TRAINEE_ROLE, CASHIER_ROLE = "trainee", "cashier"


def copy_reference_data(source: Connection, target: Connection) -> dict[str, int]:
    """Rows copied per table. Ids are kept, so offers still name their tiers and dishes.

    In the sandbox a trainee works as a cashier, with lockouts cleared.
    """
    copied: dict[str, int] = {}
    for table in REFERENCE_TABLES:
        rows = [dict(row) for row in source.execute(select(table)).mappings()]
        if table.name == StaffRow.__tablename__:
            rows = [_as_sandbox_staff(row) for row in rows]
        if rows:
            target.execute(insert(table), rows)
        copied[table.name] = len(rows)
    return copied


def _as_sandbox_staff(row: dict[str, object]) -> dict[str, object]:
    role = CASHIER_ROLE if row["role"] == TRAINEE_ROLE else row["role"]
    return {**row, "role": role, "failed_attempts": 0, "locked_until": None}
