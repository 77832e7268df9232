"""Behaviour clusters and the Pareto view on both databases, from orders the real checkout
took at chosen times (a manager's holiday, a whole refund and a partial one included)."""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import create_engine, func, select, update
from sqlalchemy.orm import Session

from app.bootstrap import Till, TillConfig, build_till
from app.domain.behaviour import Cluster, VisitProfile, daypart_starts, profile_of
from app.domain.bill import build_bill
from app.domain.money import format_money
from app.domain.offer_admin import Holiday
from app.domain.payment import PaymentMethod, Tender
from app.reports.behaviour import profiles
from app.reports.pareto import concentration_of, percent
from app.services.reports import CommandLine, ReportPreview
from db.models import MemberRow, OrderRow, PublicHolidayRow, RefundLineRow, RefundRow
from db.reports import behaviour as store
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.integration.test_loyalty import cashier
from tests.integration.test_manual_discounts import guest_order
from tests.integration.test_partial_refunds import refund
from ui.cli import main

SHOP_ANNIVERSARY = date(2026, 11, 19)  # a Thursday the manager makes a holiday
EXPECTED = {
    "M0000001": Cluster.WEEKDAY_LUNCH,
    "M0000002": Cluster.WEEKEND_FAMILY_DINNER,
    "M0000003": Cluster.WEEKEND_LUNCH,
    "M0000004": Cluster.WEEKDAY_TEA,
    "M0000005": Cluster.LATE_NIGHT_REGULAR,
    "M0000006": Cluster.BUSINESS_BANQUET,
    "M0000007": Cluster.MIXED,
}
AS_OF = {"as_of": date(2026, 11, 22)}
AFTER_VISITS = datetime(2026, 11, 22, 21, 0)


def sell(
    till: Till, clock: FakeClock, moment: datetime, who: str | None, *codes: str, party: int = 2
) -> str:
    clock.advance(moment - clock.now())
    draft = guest_order(till, *codes)
    draft.open_table("A1", party)
    if who is not None:
        draft.set_member(till.members.identify(who).member)
    bill = build_bill(draft, till.loyalty.rules(), till.clock.now())
    done = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, bill.due), cashier(till))
    return done.order_no


@pytest.fixture
def till(
    request: pytest.FixtureRequest,
    new_database_url: str,
    clock: FakeClock,
    demo_templates: DemoTemplates,
) -> Iterator[Till]:
    """The demo till (``tests/conftest.py``); with ``visits``, started on a copy of a demo
    till that sold them, made once per process (the clock then where they left it)."""
    demo = Demo(DEMO_MEMBERS, clock.now().date())
    if "visits" in request.fixturenames:
        demo_templates.fill_grown(new_database_url, demo, sell_visits)
        clock.advance(AFTER_VISITS - clock.now())
    else:
        demo_templates.fill(new_database_url, demo)
    built = build_till(TillConfig(new_database_url, demo_members_if_empty=DEMO_MEMBERS), clock)
    yield built
    built.close()


@pytest.fixture
def visits() -> None:
    """The visits ``sell_visits`` sells: ``till`` starts on a database that holds them."""


def sell_visits(url: str) -> None:
    """Seven members' visits in the 12 months to Sunday 2026-11-22, and some outside, sold
    by a demo till on ``url`` from the ``clock`` fixture's time."""
    clock = FakeClock(datetime(2026, 11, 22, 12, 30))
    till = build_till(TillConfig(url, demo_members_if_empty=DEMO_MEMBERS), clock)
    try:
        _sell_visits(till, clock)
    finally:
        till.close()


def _sell_visits(till: Till, clock: FakeClock) -> None:
    boss = till.auth.log_in("manager", "9999")
    till.loyalty_admin.add_holiday(Holiday(SHOP_ANNIVERSARY, "店庆 Anniversary"), boss)
    d = datetime
    plan: list[tuple[datetime, str | None, tuple[str, ...], int]] = [
        # weekday lunches (Mon, Tue, Wed at 13:59) and one dinner on the holiday
        (d(2026, 11, 16, 12, 0), "M0000001", ("HOT-01", "STAPLE-01"), 1),
        (d(2026, 11, 17, 12, 30), "M0000001", ("HOT-02", "STAPLE-01"), 1),
        (d(2026, 11, 18, 13, 59), "M0000001", ("SET-02",), 1),
        (d(2026, 11, 19, 18, 0), "M0000001", ("HOT-03",), 2),
        # weekend dinners, the National Day holiday (a Thursday) counting as one
        (d(2026, 11, 21, 18, 30), "M0000002", ("SET-03",), 4),
        (d(2026, 11, 15, 18, 0), "M0000002", ("SET-01", "HOT-01"), 3),
        (d(2026, 10, 1, 17, 0), "M0000002", ("SET-01",), 3),
        # lunch on the manager's holiday and on a Saturday: weekend lunch, not a tie
        (d(2026, 11, 19, 11, 0), "M0000003", ("HOT-04",), 2),
        (d(2026, 11, 14, 12, 0), "M0000003", ("HOT-05",), 2),
        # afternoon tea three times (the last refunded whole below)
        (d(2026, 11, 16, 15, 0), "M0000004", ("DRINK-03", "COLD-01"), 2),
        (d(2026, 11, 17, 15, 30), "M0000004", ("DRINK-03",), 1),
        # late night after 21:00 and after midnight, and one lunch
        (d(2026, 11, 16, 22, 0), "M0000005", ("HOT-06",), 2),
        (d(2026, 11, 21, 0, 30), "M0000005", ("COLD-03", "DRINK-04"), 2),
        (d(2026, 11, 20, 12, 0), "M0000005", ("HOT-01",), 1),
        # two banquets for ten and twelve
        (d(2026, 11, 10, 19, 0), "M0000006", ("SET-03",) * 8, 10),
        (d(2026, 11, 11, 12, 0), "M0000006", ("SET-03",) * 8, 12),
        # one visit in the window, one 13 months ago; M0000008 only 13 months ago
        (d(2026, 11, 22, 12, 30), "M0000007", ("HOT-01",), 2),
        (d(2025, 10, 20, 12, 0), "M0000007", ("HOT-01", "HOT-01"), 2),
        (d(2025, 10, 20, 19, 0), "M0000008", ("SET-03",), 4),
        # guests
        (d(2026, 11, 20, 19, 0), None, ("HOT-03", "COLD-02"), 2),
        (d(2026, 11, 21, 12, 0), None, ("SET-01",), 2),
    ]
    for moment, who, codes, party in plan:
        sell(till, clock, moment, who, *codes, party=party)
    refund(till, sell(till, clock, d(2026, 11, 18, 16, 59), "M0000004", "DRINK-03"), None)
    first_lunch = sell(till, clock, d(2026, 11, 18, 12, 5), "M0000001", "HOT-01", "HOT-02")
    refund(till, first_lunch, {1: 1})  # part refunded: still a visit, less spend
    clock.advance(AFTER_VISITS - clock.now())


def engine_for(url: str):  # type: ignore[no-untyped-def]
    return create_engine(url)


def orders_by_member(url: str) -> tuple[dict[int, list[tuple[datetime, int, int]]], set[date]]:
    """Straight from the tables: each member's counted orders and the holidays."""
    engine = engine_for(url)
    try:
        with Session(engine) as session:
            rows = session.execute(
                select(
                    OrderRow.member_id,
                    OrderRow.created_at,
                    OrderRow.party_size,
                    OrderRow.qualifying_spend_fen - OrderRow.refunded_spend_fen,
                ).where(
                    OrderRow.member_id.is_not(None),
                    OrderRow.status != "refunded",
                    OrderRow.business_day >= date(2025, 11, 23),
                )
            )
            found: dict[int, list[tuple[datetime, int, int]]] = defaultdict(list)
            for member_id, at, party, spend in rows:
                assert member_id is not None
                found[member_id].append((at, party, spend))
            holidays = set(session.scalars(select(PublicHolidayRow.day)))
            return found, holidays
    finally:
        engine.dispose()


def preview(till: Till, name: str, **given: object) -> ReportPreview:
    return till.reports.preview(name, given, CommandLine(), "en", limit=1000)  # type: ignore[arg-type]


@pytest.mark.usefixtures("visits")
def test_the_sql_slots_agree_with_the_tills_dayparts_and_holidays(
    till: Till, database_url: str
) -> None:
    orders, holidays = orders_by_member(database_url)
    starts = [(s.strftime("%H:%M:%S"), p.value) for s, p in daypart_starts()]
    engine = engine_for(database_url)
    try:
        with Session(engine) as session:
            rows = store.slot_rows(session, date(2025, 11, 23), date(2026, 11, 22), starts)
            from_sql = {row.member_id: profile for row, profile in profiles(rows)}
    finally:
        engine.dispose()
    expected = {member: profile_of(seen, holidays) for member, seen in orders.items()}
    assert from_sql == expected
    assert all(isinstance(p, VisitProfile) and p.visits for p in from_sql.values())


@pytest.mark.usefixtures("visits")
def test_each_member_lands_in_the_cluster_their_visits_make(till: Till) -> None:
    summary, members = preview(till, "behaviour", **AS_OF).sections
    listed = {row[0]: row for row in members.rows}
    assert {no: row[3] for no, row in listed.items()} == {
        no: till_text(cluster) for no, cluster in EXPECTED.items()
    }
    assert members.total == len(EXPECTED)
    assert listed["M0000001"][1] == "张伟" and listed["M0000001"][2] == "138****8000"
    assert listed["M0000001"][4] == "5"  # the partly refunded lunch still counts
    assert listed["M0000004"][4] == "2"  # the refunded tea does not
    by_cluster = {row[0]: row for row in summary.rows}
    assert len(summary.rows) == len(Cluster) + 1
    assert summary.rows[-1][:3] == ("Not profiled (declined)", "0", "0.0%")
    assert by_cluster[till_text(Cluster.NO_VISITS)][1:3] == ("33", "82.5%")  # 33 of 40
    banquet = by_cluster[till_text(Cluster.BUSINESS_BANQUET)]
    assert banquet[1:4] == ("1", "2.5%", "2") and banquet[5] == "11.0"
    family = by_cluster[till_text(Cluster.WEEKEND_FAMILY_DINNER)]
    assert family[5] == "3.3" and "kids' dish" in family[6]


def test_without_the_managers_holiday_the_lunches_tie(
    till: Till, clock: FakeClock, database_url: str
) -> None:
    sell(till, clock, datetime(2026, 11, 19, 11, 0), "M0000003", "HOT-04")
    sell(till, clock, datetime(2026, 11, 14, 12, 0), "M0000003", "HOT-05")
    _summary, members = preview(till, "behaviour", cluster="mixed", **AS_OF).sections
    assert [row[0] for row in members.rows] == ["M0000003"]


@pytest.mark.usefixtures("visits")
def test_a_member_who_declined_automated_decisions_is_counted_but_never_clustered(
    till: Till, database_url: str
) -> None:
    engine = engine_for(database_url)
    try:
        with Session(engine) as session, session.begin():
            session.execute(
                update(MemberRow)
                .where(MemberRow.member_no.in_(("M0000005", "M0000020")))
                .values(consent_automated=False, consent_updated_at=datetime(2026, 11, 1))
            )
    finally:
        engine.dispose()
    summary, members = preview(till, "behaviour", **AS_OF).sections
    assert "M0000005" not in [row[0] for row in members.rows]
    by_cluster = {row[0]: row[1:3] for row in summary.rows}
    assert by_cluster[till_text(Cluster.LATE_NIGHT_REGULAR)] == ("0", "0.0%")
    assert by_cluster["Not profiled (declined)"] == ("2", "5.0%")
    assert by_cluster[till_text(Cluster.NO_VISITS)] == ("32", "80.0%")
    _s, absent = preview(till, "behaviour", cluster="no_visits", **AS_OF).sections
    assert absent.total == 32 and "M0000020" not in [row[0] for row in absent.rows]


@pytest.mark.usefixtures("visits")
def test_one_cluster_and_the_members_with_no_visits_can_be_listed(till: Till) -> None:
    _s, lunch = preview(till, "behaviour", cluster="weekday_lunch", **AS_OF).sections
    assert [row[0] for row in lunch.rows] == ["M0000001"] and lunch.total == 1
    _s, absent = preview(till, "behaviour", cluster="no_visits", **AS_OF).sections
    numbers = [row[0] for row in absent.rows]
    assert len(numbers) == absent.total == 33 and "M0000008" in numbers
    assert not set(numbers) & set(EXPECTED)
    _s, month = preview(
        till, "behaviour", as_of=date(2026, 11, 12), window_months=1, cluster="no_visits"
    ).sections
    assert month.total == 39 and "M0000006" not in [row[0] for row in month.rows]


@pytest.mark.usefixtures("visits")
def test_anonymised_members_show_a_pseudonym_that_changes_every_run(till: Till) -> None:
    _s, first = preview(till, "behaviour", anonymise=True, **AS_OF).sections
    _s, second = preview(till, "behaviour", anonymise=True, **AS_OF).sections
    assert first.columns == ("Pseudonym", "Cluster", "Visits", "Spend in window")
    cells = {cell for row in first.rows for cell in row}
    assert not cells & {"M0000001", "张伟", "138****8000"}
    names = [row[0] for row in first.rows]
    assert len(set(names)) == len(EXPECTED) and all(n.startswith("P-") for n in names)
    assert not set(names) & {row[0] for row in second.rows}
    assert sorted(row[1:] for row in first.rows) == sorted(row[1:] for row in second.rows)


def member_revenue(url: str) -> tuple[list[int], int, int]:
    """Members' revenue in the window, guests' revenue and guests' orders, by hand."""
    engine = engine_for(url)
    try:
        with Session(engine) as session:
            back = dict(
                session.execute(
                    select(RefundRow.order_id, func.sum(RefundLineRow.net_fen))
                    .join(RefundLineRow, RefundLineRow.refund_id == RefundRow.id)
                    .group_by(RefundRow.order_id)
                ).all()
            )
            rows = session.execute(
                select(OrderRow.id, OrderRow.member_id, OrderRow.total_fen).where(
                    OrderRow.status != "refunded",
                    OrderRow.business_day >= date(2025, 11, 23),
                    OrderRow.business_day <= date(2026, 11, 22),
                )
            ).all()
    finally:
        engine.dispose()
    members: dict[int, int] = defaultdict(int)
    guests = guest_orders = 0
    for order_id, member_id, total in rows:
        net = total - int(back.get(order_id) or 0)
        if member_id is None:
            guests, guest_orders = guests + net, guest_orders + 1
        else:
            members[member_id] += net
    return list(members.values()), guests, guest_orders


@pytest.mark.usefixtures("visits")
def test_the_pareto_view_ranks_members_by_revenue_net_of_refunds(
    till: Till, database_url: str
) -> None:
    top, deciles, split = preview(
        till, "pareto", **{"from": date(2025, 11, 23), "to": date(2026, 11, 22)}
    ).sections
    revenues, guests, guest_orders = member_revenue(database_url)
    figures = concentration_of(revenues)
    assert figures.members == 7 and figures.top_members == math.ceil(7 / 5) == 2
    assert top.rows[0][1:3] == ("2", format_money(figures.top_revenue))
    assert top.rows[0][3] == percent(figures.top_share_bp)
    assert top.rows[2][1:] == ("7", format_money(sum(revenues)), "100.0%")
    assert [row[1] for row in deciles.rows] == ["1", "1", "1", "0", "1", "1", "0", "1", "1", "0"]
    ranked = [format_money(v) for v in sorted(revenues, reverse=True)]
    assert [row[2] for row in deciles.rows if row[1] == "1"] == ranked
    assert deciles.rows[1][4] == top.rows[0][3] and deciles.rows[-1][4] == "100.0%"
    assert split.rows[0][:3] == ("Members", "18", format_money(sum(revenues)))
    assert split.rows[1][:3] == ("Non-members", str(guest_orders), format_money(guests))
    assert guest_orders == 2


@pytest.mark.usefixtures("visits")
def test_the_chart_reads_the_figures_the_tables_are_formatted_from(
    till: Till, database_url: str
) -> None:
    window = {"from": date(2025, 11, 23), "to": date(2026, 11, 22)}
    top, deciles, split = preview(till, "pareto", **window).sections
    figures = till.reports.pareto(window, CommandLine(), "en")
    revenues, guests, guest_orders = member_revenue(database_url)
    assert figures.concentration == concentration_of(revenues)
    assert [row[1] for row in deciles.rows] == [
        str(d.members) for d in figures.concentration.deciles
    ]
    assert [row[4] for row in deciles.rows] == [
        percent(d.cumulative_bp) for d in figures.concentration.deciles
    ]
    assert top.rows[0][3] == percent(figures.concentration.top_share_bp)
    members, non_members = figures.split
    assert (non_members.orders, non_members.revenue) == (guest_orders, guests)
    assert split.rows[0][3:] == (percent(members.share_bp), format_money(members.per_order))


def test_an_empty_window_has_no_members_and_no_revenue(till: Till) -> None:
    top, deciles, split = preview(till, "pareto").sections
    assert top.rows[2][1:] == ("0", "¥0.00", "0.0%")
    assert {row[4] for row in deciles.rows} == {"0.0%"}
    assert [row[1] for row in split.rows] == ["0", "0"]


@pytest.mark.usefixtures("visits")
def test_both_reports_run_from_the_command_line(
    till: Till, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file, pdf_file = tmp_path / "behaviour.csv", tmp_path / "pareto.pdf"
    args = ["--db", database_url, "--as-of", "2026-11-22", "--cluster", "weekday_lunch"]
    assert main(["report", "behaviour", *args, "--out", str(csv_file), "--language", "en"]) == 0
    pareto = ["report", "pareto", "--db", database_url, "--from", "2025-11-23"]
    assert main([*pareto, "--to", "2026-11-22", "--out", str(pdf_file), "--language", "en"]) == 0

    with csv_file.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[2][:2] == ["Weekday lunch regulars", "1"]
    assert any(line[:2] == ["M0000001", "张伟"] for line in lines)
    assert not any(line[:1] == ["M0000002"] for line in lines)
    text = "\n".join(page.extract_text() for page in PdfReader(pdf_file).pages)
    assert "Revenue concentration (Pareto)" in text and "Concentration by decile" in text
    assert "Top 20% by revenue" in text and "100.0%" in text
    out = capsys.readouterr().out
    assert f"behaviour: 14 rows written to {csv_file}" in out  # 12 clusters, declined, 1 member


def till_text(cluster: Cluster) -> str:
    from app.reports.text import text

    return text(cluster.value, "en")


@pytest.mark.usefixtures("visits")
def test_clusters_split_by_age_band_and_gender_only_with_sensitive_consent(
    till: Till, database_url: str
) -> None:
    people = {
        "M0000001": (True, date(1990, 5, 1), "female"),  # 36 on the window's last day
        "M0000002": (True, date(2001, 11, 23), "M"),  # 24: 25 only the day after
        "M0000003": (True, None, ""),
        "M0000004": (False, date(1970, 1, 1), "female"),  # no consent: never split
    }
    engine = engine_for(database_url)
    try:
        with Session(engine) as session, session.begin():
            for member_no, (sensitive, born, gender) in people.items():
                session.execute(
                    update(MemberRow)
                    .where(MemberRow.member_no == member_no)
                    .values(consent_sensitive=sensitive, birthday=born, gender=gender)
                )
    finally:
        engine.dispose()
    sections = preview(till, "behaviour", **AS_OF, people=True).sections
    assert len(sections) == 3 and len(preview(till, "behaviour", **AS_OF).sections) == 2
    lunch, family = till_text(Cluster.WEEKDAY_LUNCH), till_text(Cluster.WEEKEND_FAMILY_DINNER)
    weekend_lunch = till_text(Cluster.WEEKEND_LUNCH)
    assert [row[:5] for row in sections[2].rows] == [
        (lunch, "35–44", "Female", "1", "5"),  # clusters in their usual order
        (weekend_lunch, "Birthday unknown", "Not given", "1", "2"),
        (family, "Under 25", "Male", "1", "3"),
        ("No sensitive-data consent (not split)", "", "", "4", ""),
    ]
    assert sections[2].rows[0][6] == sections[0].rows[0][6]  # the cluster's offer, as today
