"""The end-of-day (Z) report on both databases, from sales, refunds and voids made through
the real services: its figures match the orders and it reconciles with the tenders."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.bootstrap import Till, TillConfig, build_till
from app.domain.approvals import ReasonCode
from app.domain.bill import build_bill
from app.domain.manual_discount import DiscountKind, DiscountRequest
from app.domain.payment import PaymentMethod, Tender
from app.errors import PermissionDenied
from app.reports.eod import ZFigures, method_lines, z_figures
from app.services.checkout_types import CompletedOrder
from app.services.reports import ExportFormat
from db.ledgers import SqlLedgers
from db.models import AuditEventRow, MemberRow, PrintJobRow, StoreRow
from hardware.printing.document import document_from_json
from hardware.printing.layout import lay_out
from tests.fakes import FakeClock
from tests.integration.test_loyalty import cashier, order_for, refund
from tests.integration.test_manual_discounts import grant, guest_order

DAY = date(2026, 11, 22)
EMILY, ZHANG = "13912345678", "13800138000"


@dataclass(frozen=True)
class Day:
    orders: list[CompletedOrder]
    refunded: CompletedOrder


@pytest.fixture
def day(till: Till, database_url: str, clock: FakeClock) -> Iterator[Day]:
    staff = cashier(till)
    clock.advance(timedelta(days=-1))  # yesterday: not in today's report
    till.checkout.check_out(guest_order(till, "HOT-02"), Tender(PaymentMethod.CASH, 10_000), staff)
    clock.advance(timedelta(days=1))
    orders: list[CompletedOrder] = []

    # Emily: early renewal and a ¥1,000 top-up (¥100 bonus) by card ...
    draft = order_for(till, EMILY)
    assert draft.member is not None
    draft.renewal = till.loyalty.outlook(draft.member, DAY, till.loyalty.rules()).renewal
    draft.top_up_amount = 100_000
    orders.append(
        till.checkout.check_out(draft, Tender(PaymentMethod.CARD_TERMINAL, 109_900), staff)
    )
    # ... then dinner paid with her points and stored value.
    draft = order_for(till, EMILY, "HOT-03", "HOT-03", "COLD-02")
    draft.redeem_points = True
    orders.append(till.checkout.check_out(draft, Tender(PaymentMethod.STORED_VALUE, 12_420), staff))
    # 张伟 (Gold) with a ¥8 manual discount, cash.
    draft = order_for(till, ZHANG, "HOT-01", "HOT-03")
    grant(till, draft, DiscountRequest(DiscountKind.AMOUNT, 800, ReasonCode.GOODWILL))
    due = build_bill(draft, till.loyalty.rules(), clock.now()).due
    orders.append(till.checkout.check_out(draft, Tender(PaymentMethod.CASH, due + 1_000), staff))
    # A guest pays cash, then has it refunded with the manager's approval.
    guest = till.checkout.check_out(
        guest_order(till, "HOT-01"), Tender(PaymentMethod.CASH, 5_000), staff
    )
    orders.append(guest)
    refund(till, guest.order_no)
    # An order dropped before payment.
    dropped = guest_order(till, "HOT-02")
    till.checkout.void(dropped, build_bill(dropped, till.loyalty.rules(), clock.now()), staff)
    # Another till on the same database sells one dish today.
    other = build_till(TillConfig(database_url, till_id="T2"), clock)
    try:
        other.checkout.check_out(
            guest_order(other, "COLD-02"), Tender(PaymentMethod.CASH, 3_600), staff
        )
    finally:
        other.close()
    yield Day(orders, guest)


def figures(url: str, till: str | None = "T1") -> ZFigures:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            return z_figures(session, till, DAY)
    finally:
        engine.dispose()


def test_the_z_report_adds_up_the_days_orders(day: Day, database_url: str) -> None:
    z = figures(database_url)
    bills = [order.bill for order in day.orders]
    t = z.totals
    assert t.orders == 4
    assert t.subtotal == sum(b.priced.subtotal for b in bills)
    assert t.tier_discount == sum(b.priced.discount for b in bills) > 0
    assert t.offer_discount == sum(b.priced.offer_discount for b in bills)
    assert t.manual_discount == 800
    assert t.points_value == 5_600
    assert (t.renewals, t.renewal, t.top_ups, t.top_up) == (1, 9_900, 1, 100_000)
    assert t.due == sum(b.due for b in bills)
    assert [(r.order_no, r.amount, r.method, r.staff, r.approver) for r in z.refunds] == [
        (day.refunded.order_no, 3_800, "cash", "王芳", "李经理")
    ]
    assert [(v.staff, v.subject) for v in z.voids] == [("王芳", "guest")]
    assert [(r.member_no, r.kind, r.fee) for r in z.renewals] == [("M0000002", "early", 9_900)]
    by_tier = {line.tier_en or "guest": line for line in z.by_tier}
    assert by_tier["guest"].orders == 1 and by_tier["guest"].tier_discount == 0
    assert by_tier["Gold"].manual_discount == 800
    assert by_tier["Platinum"].orders == 2
    assert sum(line.tier_discount for line in z.by_tier) == t.tier_discount
    ledger = z.ledger
    assert ledger.points_redeemed == 5_600
    assert ledger.points_issued == sum(order.points_earned for order in day.orders) > 0
    assert ledger.top_up_bonus == 10_000


def test_sales_less_refunds_is_what_the_tenders_took(day: Day, database_url: str) -> None:
    z = figures(database_url)
    assert z.tendered == z.totals.due
    net = {method: taken - back for method, _n, taken, back in method_lines(z)}
    assert sum(net.values()) == z.totals.due - z.refunded
    assert "points" not in net  # not a tender: the summary shows its value
    assert net["card_terminal"] == 109_900 and net["stored_value"] == 12_420
    cash_in = sum(o.bill.due for o in day.orders if o.settlement.method is PaymentMethod.CASH)
    assert net["cash"] == cash_in - 3_800


def test_the_liability_equals_the_members_balances(day: Day, database_url: str) -> None:
    z = figures(database_url)
    engine = create_engine(database_url)
    with Session(engine) as session:
        ids = session.scalars(select(MemberRow.id)).all()
        balances = sum(SqlLedgers(session).stored_value(member_id).total for member_id in ids)
    engine.dispose()
    assert z.ledger.principal_liability + z.ledger.bonus_liability == balances
    assert z.ledger.bonus_liability >= 10_000 - 1_129  # Emily's bonus less what dinner used


def test_all_tills_include_the_other_till_and_another_day_is_separate(
    day: Day, database_url: str
) -> None:
    assert figures(database_url, None).totals.orders == 5
    assert figures(database_url, "T2").totals.due == 3_600
    engine = create_engine(database_url)
    with Session(engine) as session:
        yesterday = z_figures(session, "T1", DAY - timedelta(days=1))
    engine.dispose()
    assert (yesterday.totals.orders, yesterday.refunds, yesterday.voids) == (1, (), ())


def test_the_exported_csv_shows_the_same_figures_and_is_audited(
    day: Day, till: Till, database_url: str, tmp_path: Path
) -> None:
    manager = till.auth.log_in("manager", "9999")
    target = tmp_path / "z.csv"
    done = till.reports.export(
        "eod", {"day": "2026-11-22"}, ExportFormat.CSV, target, manager, "en"
    )
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    z = figures(database_url)
    assert ["Taken by tenders", "", f"{z.totals.due / 100:.2f}"] in rows
    assert ["Net taken", "", f"{(z.totals.due - 3_800) / 100:.2f}"] in rows
    assert any(row[:2] == ["Cash", "2"] for row in rows)  # T2's and yesterday's are not here
    approvers = [row for row in rows if row and row[-1] == "李经理"]
    assert len(approvers) == 1 and approvers[0][1] == day.refunded.order_no
    engine = create_engine(database_url)
    with Session(engine) as session:
        audit = session.scalars(
            select(AuditEventRow).where(AuditEventRow.action == "report_exported")
        ).one()
    engine.dispose()
    detail = json.loads(audit.detail)
    assert (audit.staff_id, audit.subject) == (manager.staff_id, "report:eod")
    assert detail["rows"] == done.rows and "day=2026-11-22" in detail["parameters"]


def test_the_z_report_goes_to_the_receipt_printer_through_the_outbox(
    day: Day, till: Till, database_url: str
) -> None:
    manager = till.auth.log_in("manager", "9999")
    job_id = till.reports.print_z_report({}, manager)
    engine = create_engine(database_url)
    with Session(engine) as session:
        job = session.get(PrintJobRow, job_id)
        assert job is not None and job.kind == "z_report" and job.till_id == "T1"
        slip = document_from_json(job.document)
        (store,) = session.scalars(select(StoreRow.name)).all()
    engine.dispose()
    text = "\n".join(line.text for line in lay_out(slip, 48))
    z = figures(database_url)
    assert slip.title == "日结报表（Z）"
    assert f"¥{z.totals.due / 100:,.2f}" in text and "李经理" in text
    assert day.refunded.order_no in text
    assert "日终储值余额（本金）" in text
    assert f"门店 {store} · 收银台 T1" in text  # one store: the slip names it


def test_a_cashier_may_not_see_reports(till: Till, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    with pytest.raises(PermissionDenied):
        till.reports.export("eod", {}, ExportFormat.PDF, tmp_path / "z.pdf", cashier(till), "zh")
    with pytest.raises(PermissionDenied):
        till.reports.preview("tenure", {}, cashier(till), "zh")
    with pytest.raises(PermissionDenied):
        till.reports.print_z_report({}, cashier(till))
    assert not tmp_path.exists()
