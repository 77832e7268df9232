"""Request keys older than ``KEEP_DAYS`` are pruned by the daily work, a chunk per
transaction, on both databases; younger keys, which a retry may still need, stay."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, insert, select
from sqlalchemy.orm import Session

from app.domain.request_keys import KEEP_DAYS, RequestKind
from db.engine import create_db_engine
from db.migrate import upgrade_to_head
from db.models import RequestKeyRow
from db.request_key_pruning import RequestKeyPruning
from db.request_keys import SqlRequestKeys

TODAY = date(2026, 11, 22)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_db_engine(database_url)
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


def add_keys(engine: Engine, prefix: str, count: int, age_days: float) -> None:
    made = datetime.combine(TODAY, datetime.min.time()) - timedelta(days=age_days)
    rows = [
        {"key": f"{prefix}-{n}", "kind": RequestKind.CHECKOUT.value, "fingerprint": "f",
         "till_id": "T1", "created_at": made, "outcome": "{}"}
        for n in range(count)
    ]  # fmt: skip
    with engine.begin() as connection:
        connection.execute(insert(RequestKeyRow), rows)


def keys_left(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(RequestKeyRow)) or 0)


def test_keys_older_than_the_window_are_pruned_in_chunks_and_younger_ones_stay(
    engine: Engine,
) -> None:
    add_keys(engine, "old", 2_500, KEEP_DAYS + 10)
    add_keys(engine, "edge", 3, KEEP_DAYS + 0.5)  # just past the window
    add_keys(engine, "young", 7, KEEP_DAYS - 1)  # an offline till may still replay these
    add_keys(engine, "today", 5, 0)
    pruning = RequestKeyPruning(engine, chunk=1_000)
    assert pruning.run(TODAY) == 2_503
    assert keys_left(engine) == 12
    with Session(engine) as session:
        found = SqlRequestKeys(session).find("young-0")
        assert found is not None and found.kind is RequestKind.CHECKOUT
        assert SqlRequestKeys(session).find("old-0") is None
    assert pruning.run(TODAY) == 0  # the next day's run finds nothing more
    assert pruning.run(TODAY + timedelta(days=2)) == 7  # the young ones' turn has come
