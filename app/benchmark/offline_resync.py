"""The resync part of ``pos bench offline``: a till sells ``orders`` orders on its local
copy while another till keeps selling on the server (spending some of the same members'
stored value), then the journal is replayed on the server through the same services.
Measured: the replay's throughput; checked after it: the anomalies (a balance that is not
its ledger's sum or is below zero, a duplicate order, a lost sale).

The server is a new SQLite file in ``folder`` unless ``server_url`` names an empty
database (PostgreSQL); the local copy is a file copy of a SQLite server, or the same demo
seeded afresh beside a PostgreSQL one (the demo is deterministic: same ids, same rows).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from app.bootstrap import Till, build_till, prepare_database
from app.clock import SystemClock
from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.members import MemberId, MemberSummary
from app.domain.menu import MenuItem
from app.domain.payment import PaymentMethod, Tender
from app.errors import TillError
from app.offline.batched_resync import BATCH, BatchedResync
from app.offline.desk import OfflineDesk
from app.offline.resync import Resync
from app.offline.selling import OfflineSeller
from app.till_config import TillConfig
from db.engine import create_db_engine
from db.offline_checks import find_anomalies

OFFLINE_TILL, ONLINE_TILL = "T1", "T2"
CASHIER = ("wangfang", "1111")
DRAINED = 40
CASH_OVER = 1_000  # the guest hands over ¥10 more than the bill


def bench_offline_resync(
    folder: Path,
    orders: int = 1_000,
    members: int = 200,
    server_url: str | None = None,
    batch: int = BATCH,
) -> dict[str, Any]:
    """Sell ``orders`` offline over ``members`` demo members, resync ``batch`` sales per
    server transaction (1: one each, as before batching), and return the figures as a
    plain dict (``orders_per_second``, ``anomalies``...)."""
    folder.mkdir(parents=True, exist_ok=True)
    today = date.today()
    server_url = server_url or f"sqlite:///{folder / 'server.db'}"
    local_path = folder / "local-copy.db"
    prepare_database(server_url, members, today).dispose()
    if server_url.startswith("sqlite"):
        shutil.copyfile(server_url.removeprefix("sqlite:///"), local_path)
    local_url = f"sqlite:///{local_path}"
    prepare_database(local_url, members, today).dispose()
    clock = SystemClock()
    places = ((local_url, OFFLINE_TILL), (server_url, OFFLINE_TILL), (server_url, ONLINE_TILL))
    tills = [build_till(TillConfig(url, till_id=till), clock) for url, till in places]
    local, home, online = tills
    engine, server = create_db_engine(local_url), create_db_engine(server_url)
    try:
        seller = OfflineSeller(engine, clock, local.offline_place, local.outbox, local.auth)
        started = time.perf_counter()
        refused = _sell_offline(local, seller, orders, members)
        sold = time.perf_counter() - started
        _spend_online(online, members)
        replay = (
            Resync(seller.journal, home.units, clock, home.offline_place, home.auth)
            if batch <= 1
            else BatchedResync(
                seller.journal,
                home.units,
                clock,
                home.offline_place,
                home.auth,
                home.unit_batches,
                batch,
            )
        )
        started = time.perf_counter()
        done = replay.run()
        seconds = time.perf_counter() - started
        entries = seller.journal.entries()
        found = find_anomalies(server, entries, OFFLINE_TILL)
        overdrafts = OfflineDesk(home.units, clock, OFFLINE_TILL).overdrafts()
    finally:
        engine.dispose()
        server.dispose()
        for till in tills:
            till.close()
    replayed = sum(1 for entry in entries if entry.kind == "checkout")
    return {
        "orders": replayed,
        "members": members,
        "batch": batch,
        "batches_fell_back": replay.fell_back if isinstance(replay, BatchedResync) else 0,
        "refused_offline": refused,
        "sell_seconds": round(sold, 3),
        "resync_seconds": round(seconds, 3),
        "orders_per_second": round(replayed / seconds, 1) if seconds else 0.0,
        "held": done.held,
        "overdrafts": len(overdrafts),
        "overdraft_fen": sum(o.stored_value for o in overdrafts),
        "anomalies": found.total + done.held,
        "balance_not_ledger": found.balance_not_ledger,
        "duplicate_orders": found.duplicate_orders,
        "lost_sales": found.lost_sales,
    }


def _sell_offline(till: Till, seller: OfflineSeller, orders: int, members: int) -> int:
    """Every other sale pays from stored value where the allowance lets it, every fifth
    redeems points; the rest is cash. Returns the sales the allowances refused (paid in
    cash instead)."""
    cashier = till.auth.log_in(*CASHIER)
    items = till.catalog.load().items
    rules = till.loyalty.rules()
    refused = 0
    for number in range(orders):
        member = till.members.load(MemberId(1 + number // 2 % members)) if number % 4 else None
        draft = _draft(items, number, member)
        bill = build_bill(draft, rules, till.clock.now())
        if draft.redeem_points and not bill.points_redeemed:
            draft.redeem_points = False  # too few points: the cashier would not offer it
            bill = build_bill(draft, rules, till.clock.now())
        due = bill.due
        if member is not None and number % 2 and member.stored_value >= due:
            try:
                seller.check_out(draft, Tender(PaymentMethod.STORED_VALUE, due), cashier)
                continue
            except TillError:
                refused += 1
        try:
            seller.check_out(draft, Tender(PaymentMethod.CASH, due + CASH_OVER), cashier)
        except TillError:  # beyond the points allowance: the guest pays it all in cash
            refused += 1
            draft.redeem_points = False
            due = build_bill(draft, rules, till.clock.now()).due
            seller.check_out(draft, Tender(PaymentMethod.CASH, due + CASH_OVER), cashier)
    return refused


def _draft(items: Sequence[MenuItem], number: int, member: MemberSummary | None) -> OrderDraft:
    draft = OrderDraft()
    for offset in (0, 7):
        draft.add(items[(number + offset) % len(items)])
    if member is not None:
        draft.set_member(member)
        draft.redeem_points = number % 5 == 0
    return draft


def _spend_online(till: Till, members: int) -> None:
    """The other till spends the stored value of the first ``DRAINED`` members meanwhile,
    down to less than the cheapest dish, so what they spent offline comes back short."""
    cashier = till.auth.log_in(*CASHIER)
    by_price = sorted(till.catalog.load().items, key=lambda item: -item.unit_price)
    rules = till.loyalty.rules()
    for member_id in range(1, min(members, DRAINED) + 1):
        for item in by_price:
            while True:
                member = till.members.load(MemberId(member_id))
                draft = OrderDraft()
                draft.set_member(member)
                draft.add(item)
                due = build_bill(draft, rules, till.clock.now()).due
                if not 0 < due <= member.stored_value:
                    break
                tender = Tender(PaymentMethod.STORED_VALUE, due)
                try:
                    till.checkout.check_out(draft, tender, cashier)
                except TillError:
                    break
