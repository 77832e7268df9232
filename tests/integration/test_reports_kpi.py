"""The KPI report on both databases, from sign-ups, sales, renewals, complaints and
feedback made through the real services over two weeks: exact figures per week, the
members active at each week's end against a member-by-member count, CSV and the CLI."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.bootstrap import Till, TillConfig, build_till
from app.domain.enrolment import EnrolmentForm
from app.domain.member_story import ComplaintCategory, NewComplaint
from app.domain.payment import PaymentMethod, Tender
from app.errors import PermissionDenied
from app.reports.command import run_report
from app.reports.kpi import KpiFigures, kpi_figures
from app.services.checkout_types import CompletedOrder
from app.services.reports import ExportFormat
from db.models import MemberRow, MembershipRenewalRow, OrderRow, SettingRow
from tests.fakes import FakeClock
from tests.integration.test_loyalty import cashier, order_for
from tests.integration.test_manual_discounts import guest_order

FIRST, LAST = date(2026, 11, 9), date(2026, 11, 22)  # Monday to Sunday: two weeks
EMILY, ZHANG, LI_NA = "13912345678", "13800138000", "13698765432"


@dataclass(frozen=True)
class Weeks:
    week1_sales: list[CompletedOrder]
    week2_sales: list[CompletedOrder]


def at(clock: FakeClock, day: date, hour: int = 12) -> None:
    clock.advance(datetime(day.year, day.month, day.day, hour) - clock.now())


@pytest.fixture
def weeks(till: Till, database_url: str, clock: FakeClock) -> Iterator[Weeks]:
    staff, boss = cashier(till), till.auth.log_in("manager", "9999")
    zhang = till.members.identify(ZHANG).member
    assert zhang is not None
    # Week 1, Tuesday: 王芳 signs up two guests, sells a Gold member and a guest a meal.
    at(clock, date(2026, 11, 10))
    for phone, name in (("13900001111", "王小明"), ("13900002222", "Amy Lin")):
        till.enrolment.enrol(staff, EnrolmentForm(phone=phone, name=name))
    cash = Tender(PaymentMethod.CASH, 100_000)
    week1 = [
        till.checkout.check_out(order_for(till, ZHANG, "HOT-01", "HOT-03"), cash, staff),
        till.checkout.check_out(guest_order(till, "HOT-02"), cash, staff),
    ]
    promised = NewComplaint(ComplaintCategory.FOOD, "Fish was cold", promised_on=date(2026, 11, 12))
    late = till.member_story.record_complaint(zhang.member_id, promised, boss)
    till.member_story.record_feedback(zhang.member_id, 4, "", boss)
    at(clock, date(2026, 11, 11))
    till.member_story.record_feedback(zhang.member_id, 5, "good", boss)
    # Week 2: resolved on Wednesday; the manager signs one up on Friday; a new complaint.
    at(clock, date(2026, 11, 18))
    till.member_story.resolve_complaint(late, "Apologised", boss)
    at(clock, date(2026, 11, 20))
    till.enrolment.enrol(boss, EnrolmentForm(phone="13900003333", name="陈静"))
    soon = NewComplaint(ComplaintCategory.WAITING, "Long wait", promised_on=date(2026, 11, 21))
    till.member_story.record_complaint(zhang.member_id, soon, boss)
    # Sunday: Emily renews early, 李娜 (lapsed since 2 November) renews in grace.
    at(clock, LAST, 12)
    week2 = []
    for phone in (EMILY, LI_NA):
        draft = order_for(till, phone, "HOT-01")
        assert draft.member is not None
        draft.renewal = till.loyalty.outlook(draft.member, LAST, till.loyalty.rules()).renewal
        assert draft.renewal is not None
        week2.append(till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 200_000), staff))
    till.member_story.record_feedback(zhang.member_id, 2, "", boss)
    other = build_till(TillConfig(database_url, till_id="T2"), clock)
    try:  # another till sells a guest a dish
        other.checkout.check_out(guest_order(other, "COLD-02"), cash, staff)
    finally:
        other.close()
    yield Weeks(week1, week2)


def figures(url: str, till: str = "all", period: str = "week") -> KpiFigures:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            values = {"from": FIRST, "to": LAST, "period": period, "till": till}
            return kpi_figures(session, values)
    finally:
        engine.dispose()


def active_by_hand(url: str, day: date) -> int:
    """Member by member: the expiry a member had at the end of ``day`` is the old expiry
    of their first renewal sold after it, else today's."""
    engine = create_engine(url)
    with Session(engine) as session:
        members = session.scalars(select(MemberRow)).all()
        sold = session.execute(
            select(MembershipRenewalRow.member_id, OrderRow.business_day, MembershipRenewalRow)
            .join(OrderRow, OrderRow.id == MembershipRenewalRow.order_id)
            .where(MembershipRenewalRow.refund_id.is_(None))
            .order_by(OrderRow.business_day)
        ).all()
        active = 0
        for m in members:
            later = [r.old_expiry for member, d, r in sold if member == m.id and d > day]
            expiry = later[0] if later else m.expires_on
            if (
                m.merged_into_id is None
                and m.joined_on <= day
                and (expiry is None or expiry >= day)
            ):
                active += 1
    engine.dispose()
    return active


def test_weekly_figures_add_up_from_what_the_till_did(weeks: Weeks, database_url: str) -> None:
    f = figures(database_url)
    w1, w2 = f.rows
    assert (w1.period.start, w1.period.end, w2.period.end) == (FIRST, date(2026, 11, 15), LAST)
    zhang = weeks.week1_sales[0].bill.priced
    assert (w1.member_visits, w1.guest_visits) == (1, 1)
    assert w1.member_avg_spend == zhang.total
    assert w1.guest_avg_spend == weeks.week1_sales[1].bill.priced.total
    gold = next(t.tier_id for t in f.tiers if t.name_en == "Gold")
    assert w1.tier_discounts[[t.tier_id for t in f.tiers].index(gold)] == zhang.discount > 0
    assert (w2.member_visits, w2.guest_visits) == (2, 1)  # T2's guest counts for all tills
    assert w2.member_avg_spend == round(sum(o.bill.priced.total for o in weeks.week2_sales) / 2)
    assert (w1.complaints, w1.overdue, w2.complaints, w2.overdue) == (1, 1, 1, 1)
    assert (w1.feedback, w1.satisfaction, w2.feedback, w2.satisfaction) == (2, 450, 1, 200)
    assert (w1.renewals_sold, w2.renewals_sold) == (0, 2)


def test_members_active_retained_and_lapsed_match_a_member_by_member_count(
    weeks: Weeks, database_url: str
) -> None:
    f = figures(database_url, period="day")
    for row in f.rows:
        assert row.active_end == active_by_hand(database_url, row.period.end), row.period
        assert row.active_start == active_by_hand(database_url, row.period.before)
    w1, w2 = figures(database_url).rows
    assert w1.active_end == w2.active_start
    # 李娜 lapsed before the range and renewed on its last day: not active in week 1.
    assert w2.active_end - w2.active_start == w2.signups + 1 - w2.lapsed
    assert w2.retained == w2.active_start - w2.lapsed
    assert w2.churn_bp + w2.retention_bp == 10_000


def test_sign_ups_per_staff_member_per_working_day_against_the_target(
    weeks: Weeks, database_url: str
) -> None:
    f = figures(database_url)
    named = {s.name: s.line for s in f.staff if s.name}
    assert (named["王芳"].signups, named["王芳"].days, named["王芳"].per_day) == (2, 2, 100)
    assert (named["李经理"].signups, named["李经理"].days, named["李经理"].per_day) == (1, 1, 100)
    assert f.target == 300 and named["王芳"].of_target_bp == 3333
    w1, w2 = f.rows
    assert (w1.staff_days, w1.signups_per_staff_day) == (1, 200)
    assert (w2.staff_days, w2.signups_per_staff_day) == (2, 50)
    engine = create_engine(database_url)
    with Session(engine) as session, session.begin():
        session.add(SettingRow(key="kpi.signups_per_staff_day", value="2"))
    engine.dispose()
    assert figures(database_url).target == 200


def test_renewal_rate_is_the_share_of_terms_due_that_were_renewed(
    weeks: Weeks, database_url: str
) -> None:
    engine = create_engine(database_url)
    with Session(engine) as session:
        values = {"from": date(2026, 11, 1), "to": date(2026, 11, 30), "period": "month"}
        (november,) = kpi_figures(session, {**values, "till": "all"}).rows
        due_now = session.scalars(
            select(MemberRow.member_no).where(
                MemberRow.expires_on >= date(2026, 11, 1),
                MemberRow.expires_on <= date(2026, 11, 30),
            )
        ).all()
    engine.dispose()
    # 李娜's old term ended on 2 November (renewed late); Emily's ends in December (early,
    # not due); the others due this month have not renewed.
    assert november.renewals_sold == 2
    assert november.renewals_due == 1 + len(due_now)
    assert november.renewed_of_due == 1
    due = november.renewals_due
    assert november.renewal_rate_bp == (10_000 * 2 + due) // (2 * due)  # half-up


def test_one_till_counts_its_own_sales_and_renewals(weeks: Weeks, database_url: str) -> None:
    all_tills, t2 = figures(database_url).rows[1], figures(database_url, "T2").rows[1]
    assert (t2.member_visits, t2.guest_visits, t2.renewals_sold) == (0, 1, 0)
    assert t2.active_end == all_tills.active_end  # membership is the restaurant's


def test_exports_to_csv_through_the_service_and_runs_from_the_command_line(
    weeks: Weeks, till: Till, database_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    boss = till.auth.log_in("manager", "9999")
    given = {"from": "2026-11-09", "to": "2026-11-22", "period": "week"}
    target = tmp_path / "kpi.csv"
    till.reports.export("kpi", given, ExportFormat.CSV, target, boss, "en")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    weeks_rows = [row for row in rows if row and row[0].startswith("2026-11-")]
    assert weeks_rows[0][0] == "2026-11-09~11-15"
    w1 = figures(database_url).rows[0]
    assert weeks_rows[0][1] == str(w1.active_end)
    assert ["王芳", "2", "2", "1.00", "3.00", "33.33%"] in rows
    pdf = tmp_path / "kpi.pdf"
    done = run_report(database_url, "kpi", pdf, ExportFormat.PDF, given, "zh", clock)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert done.rows == len(weeks_rows) + 2 == 3 * 2 + 2  # three sections of two weeks, two staff
    cashier_staff = cashier(till)
    with pytest.raises(PermissionDenied):
        till.reports.kpi(given, cashier_staff, "en")
    figures_, title = till.reports.kpi(given, boss, "en")
    assert len(figures_.rows) == 2 and "Week" in title
