"""Copy what a restaurant is (settings, menu, staff, tiers, offers, holidays, its stores
and which till is in which) from one database into a new, empty one: the training
sandbox starts from the real restaurant, and a training till sells in its live till's
store (its receipt header, cut-off and offers, named on its slips)."""

from __future__ import annotations

from sqlalchemy import Connection, Table, delete, insert, select

from db.models import MenuCategoryRow, MenuItemRow, SettingRow, StaffRow, StoreRow, TillRow
from db.programme_version import PROGRAMME_ROWS

REFERENCE_TABLES: tuple[Table, ...] = tuple(
    row.__table__  # type: ignore[misc]
    for row in (
        SettingRow,
        StoreRow,
        MenuCategoryRow,
        MenuItemRow,
        StaffRow,
        *PROGRAMME_ROWS,
        TillRow,
    )
)
"""In foreign-key order. Members, orders, ledgers and the audit log are never copied."""

TRAINEE_ROLE, CASHIER_ROLE = "trainee", "cashier"


def copy_reference_data(
    source: Connection, target: Connection, till_suffix: str = ""
) -> dict[str, int]:
    """Rows copied per table. Ids are kept, so offers still name their tiers and dishes.

    In the sandbox a trainee works as a cashier, with lockouts cleared. The stores replace
    the default one the sandbox's migrations made; each live till id comes over as its
    training till's (``T2`` + ``till_suffix``), held by no machine, in the same store.
    """
    copied: dict[str, int] = {}
    for table in REFERENCE_TABLES:
        rows = [dict(row) for row in source.execute(select(table)).mappings()]
        if table.name == StaffRow.__tablename__:
            rows = [_as_sandbox_staff(row) for row in rows]
        if table.name == StoreRow.__tablename__ and rows:
            target.execute(delete(TillRow))  # registered to the made-up store
            target.execute(delete(table))
        if table.name == TillRow.__tablename__:
            rows = [_as_training_till(row, till_suffix) for row in rows]
        if rows:
            target.execute(insert(table), rows)
        copied[table.name] = len(rows)
    return copied


def _as_training_till(row: dict[str, object], suffix: str) -> dict[str, object]:
    return {**row, "till_id": f"{row['till_id']}{suffix}", "token": None, "last_seen_at": None}


def _as_sandbox_staff(row: dict[str, object]) -> dict[str, object]:
    role = CASHIER_ROLE if row["role"] == TRAINEE_ROLE else row["role"]
    return {**row, "role": role, "failed_attempts": 0, "locked_until": None}
