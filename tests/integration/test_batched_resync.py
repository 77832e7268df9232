"""The resync with several sales per server transaction (``app.offline.batched_resync``)
is as exact as one sale per transaction: the whole offline story of
test_offline_resync.py replayed in batches of three (a refused sale inside a batch, an
enrolment between sales, a run again after losing the journal's bookkeeping), and a
batch that fails at its commit has written nothing and is replayed one by one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.payment import PaymentMethod, Tender
from app.offline.batched_resync import BatchedResync, Batches
from app.unit_of_work import UnitOfWorkFactory
from db.engine import create_db_engine
from db.models import OrderRow
from db.offline_checks import find_anomalies
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import DemoTemplates
from tests.fakes import FakeClock
from tests.integration.offline_chain import Chain, offline_chain
from tests.integration.test_offline_resync import ZENG, ZHANG_WEI
from tests.integration.test_offline_resync import (
    test_offline_sales_resync_exactly_with_overdrafts_as_the_allowances_predict as story,
)


class CommitFails(Exception):
    pass


def batched(chain: Chain, batches: Batches | None = None, size: int = 3) -> BatchedResync:
    return BatchedResync(
        chain.seller.journal, chain.home.units, chain.clock, chain.home.offline_place,
        chain.home.auth, batches or chain.home.unit_batches, size,
    )  # fmt: skip


@pytest.fixture
def chain(
    database_url: str,
    tmp_path: Path,
    demo_templates: DemoTemplates,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Chain]:
    monkeypatch.setattr(Chain, "resync", batched)
    with offline_chain(database_url, tmp_path, demo_templates, clock, DEMO_MEMBERS) as made:
        yield made


def test_the_offline_story_resyncs_exactly_in_batches(chain: Chain) -> None:
    assert isinstance(chain.resync(), BatchedResync)
    story(chain)


def test_a_batch_that_fails_at_its_commit_leaves_nothing_and_is_replayed_one_by_one(
    chain: Chain,
) -> None:
    cashier = chain.cashier(chain.local)
    for phone in (ZHANG_WEI, ZENG, ZHANG_WEI, ZENG, ZHANG_WEI):
        sale = chain.order(chain.local, chain.member(chain.local, phone), "HOT-01")
        chain.seller.check_out(sale, Tender(PaymentMethod.CASH, 10_000), cashier)
    server = create_db_engine(chain.server_url)
    opened: list[int] = []
    seen: list[int] = []

    @contextmanager
    def failing_second() -> Iterator[UnitOfWorkFactory]:
        # The second: its first unit is a sale's (staff and menu are read by the first).
        opened.append(len(opened))
        with chain.home.unit_batches() as units:
            yield units
            if len(opened) == 2:  # its sales went through: then the commit fails
                with Session(server) as look:
                    seen.append(look.scalar(select(func.count()).select_from(OrderRow)) or 0)
                raise CommitFails("the commit failed")

    try:
        replay = batched(chain, failing_second, size=2)
        done = replay.run()
        assert seen == [2]  # only the first batch's: the second's were not on the server
        assert (done.replayed, done.held, replay.fell_back) == (5, 0, 1)
        entries = chain.seller.journal.entries()
        assert find_anomalies(server, entries, "T1").total == 0
        with Session(server) as session:
            assert session.scalar(select(func.count()).select_from(OrderRow)) == 5
        assert batched(chain).run().replayed == 0  # nothing waits, nothing doubles
    finally:
        server.dispose()
