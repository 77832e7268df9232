"""The stall figure of ``pos bench offline``: how long after a PostgreSQL server stalls
(connections open, nothing answers: ``StallProxy`` holds every byte) a till's next sale
is paid on its local copy.

Each run: a guest sale online (the pool holds a live connection, as at a counter), the
proxy stalls, and the clock runs from the stall until the next sale is paid, going the
way the counter goes (``SwitchedCheckout`` online; on ``StorageUnavailable`` the side
turns to the copy and the sale runs again there, as ``OfflineStatus`` does). Then the
proxy resumes, the side turns back, the journal is resynced. ``stalled_s`` is one figure
per run; ``cut_by`` says whether the stall check or a deadline ended the wait.
"""

from __future__ import annotations

import statistics
import time
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from app.benchmark.stall_proxy import StallProxy
from app.bootstrap import Till, build_till, prepare_database
from app.clock import SystemClock
from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.payment import PaymentMethod, Tender
from app.domain.storage import StorageUnavailable
from app.offline.counter import OfflineCounter
from app.offline.switched import SwitchedCheckout
from app.till_config import TillConfig
from db.server_timeouts import stall_check_of

STALL_TILL = "T3"
CASHIER = ("wangfang", "1111")


def bench_offline_stall(
    folder: Path, server_url: str, runs: int = 5, members: int = 200
) -> dict[str, Any]:
    """``server_url``: a PostgreSQL database, empty (seeded with the demo here) or a demo
    restaurant already. Returns ``stalled_s`` (per run), ``median_s``, ``max_s``."""
    if make_url(server_url).get_backend_name() != "postgresql":
        raise ValueError("the stall figure needs a PostgreSQL server (--stall-server URL)")
    folder.mkdir(parents=True, exist_ok=True)
    prepare_database(server_url, members, date.today()).dispose()
    target = make_url(server_url)
    with StallProxy(target.host or "127.0.0.1", target.port or 5432) as proxy:
        through = target.set(host="127.0.0.1", port=proxy.port)
        url = through.update_query_dict({"sslmode": "disable"}).render_as_string(False)
        config = TillConfig(url, till_id=STALL_TILL, local_copy_path=folder / "stall-copy.db")
        till = build_till(config, SystemClock())
        try:
            return _runs(till, proxy, runs)
        finally:
            proxy.resume()
            till.close()


def _runs(till: Till, proxy: StallProxy, runs: int) -> dict[str, Any]:
    copy, counter = till.local_copy, till.offline_counter
    assert copy is not None and counter is not None
    copy.build()
    check = stall_check_of(till._engine)
    checkout = SwitchedCheckout(till.checkout, counter)
    cashier = till.auth.log_in(*CASHIER)
    draft = OrderDraft()  # the counter has its menu and rules already
    draft.add(till.catalog.load().items[0])
    tender = Tender(
        PaymentMethod.CASH, build_bill(draft, till.loyalty.rules(), till.clock.now()).due
    )

    def sell() -> None:
        checkout.check_out(draft, tender, cashier)

    counter.services()  # opened once, as a counter that has switched before
    seconds, cut_by = [], []
    for _run in range(runs):
        sell()  # online: a live connection in the pool
        stalls = check.stalls if check is not None else 0
        proxy.stall()
        started = time.perf_counter()
        try:
            sell()
        except StorageUnavailable:
            counter.side.set_offline(True)
            sell()
        seconds.append(round(time.perf_counter() - started, 3))
        assert counter.side.offline, "the sale went through online on a stalled server"
        found = check is not None and check.stalls > stalls
        cut_by.append("stall check" if found else "deadline")
        proxy.resume()
        _back_online(till, counter)
    return {
        "runs": runs,
        "stalled_s": seconds,
        "median_s": round(statistics.median(seconds), 3),
        "max_s": max(seconds),
        "cut_by": cut_by,
    }


def _back_online(till: Till, counter: OfflineCounter) -> None:
    """As the status bar's probe: ask until the server answers, then resync."""
    probe = till.server_probe
    assert probe is not None
    for _attempt in range(50):
        try:
            probe.ping()
            break
        except StorageUnavailable:
            time.sleep(0.2)  # the probe's own pace (the till's is 2 s)
    counter.side.set_offline(False)
    counter.resync()
