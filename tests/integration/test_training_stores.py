"""Training on a till of a chain: the sandbox holds the chain's stores, the training till
sells in its live till's store (orders stamped with it) and its marked slips name it;
the live database is not touched. Both databases for the live side."""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import create_engine, text

from app.bootstrap import TillConfig, build_till
from app.services.printing import slip_text
from app.training.config import training_config
from app.training.sandbox import prepare_sandbox
from hardware.printing.transports import SimTransport
from tests.fakes import FakeClock
from tests.integration.test_store_views import Chain, chain  # noqa: F401
from tests.integration.test_training import order, pay, sign_in


def scalar(url: str, query: str) -> object:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.scalar(text(query))
    finally:
        engine.dispose()


def test_a_training_till_sells_in_its_live_tills_store_and_its_slips_name_it(
    chain: Chain,  # noqa: F811
    tmp_path: Path,
    clock: FakeClock,
) -> None:
    live_orders = scalar(chain.url, "SELECT count(*) FROM orders")
    config = training_config(TillConfig(chain.url, till_id="T2"), tmp_path / "training")
    prepare_sandbox(chain.url, config.database_url, clock.now().date(), None)
    trainee = build_till(config, clock)
    try:
        assert trainee.registration is not None
        assert trainee.registration.till_id == "T2-TR"
        assert trainee.registration.store.name == "East Road"
        order_no = pay(trainee, order(trainee, None, "HOT-01"), sign_in(trainee))
        sandbox = config.database_url
        stamped = f"SELECT store_id FROM orders WHERE order_no = '{order_no}'"
        assert scalar(sandbox, stamped) == chain.east_id
        manager = trainee.auth.log_in("manager", "9999")
        trainee.reports.print_z_report({"till": "all"}, manager)
        preview = trainee.print_preview
        assert isinstance(preview, SimTransport)
        deadline = time.monotonic() + 15
        while len(preview.jobs()) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        slip = slip_text(preview.jobs()[-1])
        assert "门店 East Road" in slip and slip.count("培训 TRAINING") == 2
    finally:
        trainee.close()
    assert scalar(chain.url, "SELECT count(*) FROM orders") == live_orders
    assert scalar(chain.url, "SELECT count(*) FROM tills WHERE till_id LIKE '%-TR'") == 0
