"""SQLite's plans for the member list's common filters: every page and count reads an
index, never the whole table (``EXPLAIN QUERY PLAN`` on the statements actually run).

SQLite plans without statistics (nobody runs ``ANALYZE``), so an empty database plans
as a million-member one does; the benchmark (``pos bench members``) shows the timings.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, event

from app.domain.member_list import Criteria, Plan, Sort
from db import member_list as store
from db.engine import create_db_engine
from db.migrate import upgrade_to_head

TODAY = date(2026, 11, 22)
COMMON = {
    "tier": (Criteria(tier_ids=(2, 3)), "ix_members_tier_id"),
    "expiring in 90 days": (
        Criteria(expires_low=TODAY, expires_high=TODAY + timedelta(90), expires_never=False),
        "ix_members_expires_on",
    ),
    "lapsed": (
        Criteria(expires_high=TODAY - timedelta(31), expires_never=False),
        "ix_members_expires_on",
    ),
    "segment": (Criteria(segments=("at_risk",)), "ix_members_segment"),
    "last visit before": (
        Criteria(last_visit_before=TODAY - timedelta(180)),
        "ix_members_last_visit_on",
    ),
    "birthday this month": (Criteria(birth_month=11), "ix_members_birth_month"),
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path = tmp_path_factory.mktemp("plans") / "till.db"
    built = create_db_engine(f"sqlite:///{path}")
    upgrade_to_head(built)
    yield built
    built.dispose()


def plans(engine: Engine, run: Any) -> list[str]:
    """The plan of every SELECT that ``run(connection)`` sent, with its parameters."""
    sent: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, sql: str, params: Any, *_: Any) -> None:
        if sql.lstrip().upper().startswith("SELECT"):
            sent.append((sql, params))

    event.listen(engine, "before_cursor_execute", record)
    try:
        with engine.connect() as connection:
            run(connection)
            return [
                " / ".join(
                    row[-1]
                    for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)
                )
                for sql, params in sent
            ]
    finally:
        event.remove(engine, "before_cursor_execute", record)


def reads_an_index(plan: str) -> bool:
    steps = [step for step in plan.split(" / ") if "members" in step]
    return bool(steps) and all("USING" in step for step in steps)


@pytest.mark.parametrize("name", COMMON)
def test_few_matches_are_read_through_the_filters_index(engine: Engine, name: str) -> None:
    criteria, index = COMMON[name]
    sort = Sort("member_no")

    def run(connection: Connection) -> None:
        store.page(connection, criteria, sort, None, 100, Plan.FILTER_FIRST)

    (plan,) = plans(engine, run)
    assert index in plan and reads_an_index(plan), plan


@pytest.mark.parametrize("name", COMMON)
@pytest.mark.parametrize(
    "sort", ["member_no", "expires_on", "last_visit_on", "spend", "value", "tier"]
)
def test_many_matches_walk_the_sorts_index(engine: Engine, name: str, sort: str) -> None:
    criteria, _ = COMMON[name]
    after = store.Position(0, None if sort == "tier" else _key(sort), 500)

    def run(connection: Connection) -> None:
        store.page(connection, criteria, Sort(sort, tier_order=(1, 2, 3)), after, 100)

    found = plans(engine, run)
    assert found and all(reads_an_index(plan) for plan in found), found
    assert all("TEMP B-TREE" not in plan for plan in found), "a page must not sort its matches"


@pytest.mark.parametrize("name", COMMON)
def test_a_capped_count_reads_an_index(engine: Engine, name: str) -> None:
    criteria, _ = COMMON[name]
    found = plans(engine, lambda connection: store.count(connection, criteria, 10_000))
    assert found and all(reads_an_index(plan) for plan in found), found


def _key(sort: str) -> object:
    return {"member_no": "M0500000", "spend": 10_000, "value": 30_000}.get(sort, TODAY)
