"""KPI arithmetic: periods, rounding, members active at a day's end, the per-period rows."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.kpi import (
    Complaints,
    Cumulative,
    KpiInputs,
    Membership,
    OrderDay,
    Period,
    PeriodKind,
    Renewals,
    StaffDay,
    default_range,
    hundredths,
    is_whole,
    kpi_rows,
    mean,
    percent_text,
    period_of,
    periods,
    rate_bp,
    signup_target,
    staff_days,
    staff_lines,
)

D = date(2026, 11, 22)  # a Sunday


def day(n: int) -> date:
    return D + timedelta(days=n)


def test_the_default_range_is_twelve_weeks_from_a_monday_to_today() -> None:
    first, last = default_range(date(2026, 11, 19))  # a Thursday
    assert (first, last) == (date(2026, 8, 31), date(2026, 11, 19))
    assert first.weekday() == 0
    assert len(periods(first, last, PeriodKind.WEEK)) == 12


def test_weeks_run_monday_to_sunday_and_are_cut_to_the_range() -> None:
    spans = periods(date(2026, 11, 4), date(2026, 11, 18), PeriodKind.WEEK)
    assert spans == (
        Period(date(2026, 11, 4), date(2026, 11, 8)),
        Period(date(2026, 11, 9), date(2026, 11, 15)),
        Period(date(2026, 11, 16), date(2026, 11, 18)),
    )
    assert spans[1].before == date(2026, 11, 8)


def test_months_are_calendar_months_across_a_year_end() -> None:
    spans = periods(date(2025, 12, 15), date(2026, 2, 28), PeriodKind.MONTH)
    assert [(p.start, p.end) for p in spans] == [
        (date(2025, 12, 15), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 1, 31)),
        (date(2026, 2, 1), date(2026, 2, 28)),
    ]


def test_days_are_one_period_each_and_a_backwards_range_is_refused() -> None:
    assert len(periods(day(-6), D, PeriodKind.DAY)) == 7
    with pytest.raises(ValueError, match="before it starts"):
        periods(D, day(-1), PeriodKind.DAY)


def test_a_day_is_found_in_its_period_or_nowhere() -> None:
    spans = periods(date(2026, 11, 4), date(2026, 11, 18), PeriodKind.WEEK)
    assert period_of(spans, date(2026, 11, 9)) == 1
    assert period_of(spans, date(2026, 11, 18)) == 2
    assert period_of(spans, date(2026, 11, 3)) is None
    assert period_of(spans, date(2026, 11, 19)) is None


def test_rates_and_means_round_half_up_and_show_zero_without_data() -> None:
    assert rate_bp(1, 3) == 3333 and rate_bp(2, 3) == 6667
    assert rate_bp(1, 8) == 1250 and rate_bp(0, 0) == 0
    assert mean(5, 2) == 3 and mean(7, 0) == 0  # 2.5 fen -> 3 fen
    assert hundredths(17, 4) == 425 and hundredths(1, 3) == 33 and hundredths(2, 3) == 67
    assert percent_text(8333) == "83.33%"


@pytest.mark.parametrize(
    ("setting", "target"),
    [(None, 300), ("3", 300), ("2.5", 250), (" 4 ", 400), ("", 300), ("lots", 300), ("-1", 300)],
)
def test_the_signup_target_comes_from_the_setting_or_defaults_to_three(
    setting: str | None, target: int
) -> None:
    assert signup_target(setting) == target


def test_cumulative_counts_up_to_before_and_between_days() -> None:
    counts = Cumulative({day(0): 2, day(2): 3, day(5): 1})
    assert counts.up_to(day(2)) == 5 and counts.before(day(2)) == 2
    assert counts.up_to(day(-1)) == 0 and counts.up_to(day(9)) == 6
    assert counts.between(day(1), day(5)) == 4


def membership(*renewals: Renewals) -> Membership:
    # Ten members joined long ago; four of today's expiries fall in the range.
    joined = Cumulative({day(-400): 10})
    expires = Cumulative({day(3): 1, day(10): 2, day(20): 1, day(400): 6})
    return Membership(joined, expires, renewals)


def test_members_are_active_through_their_expiry_day() -> None:
    m = membership()
    assert m.active_at(day(3)) == 10
    assert m.active_at(day(4)) == 9
    assert m.active_at(day(11)) == 7


def test_a_member_renewed_late_was_not_active_between_the_lapse_and_the_renewal() -> None:
    # Lapsed after day 5, renewed on day 9 (today's expiry is day 400).
    m = membership(Renewals(day(5), day(9), True, 1))
    assert m.active_at(day(5)) == 9  # the day-3 expiry has gone already
    assert [m.active_at(day(n)) for n in (6, 8)] == [8, 8]
    assert m.active_at(day(9)) == 9  # active again at the end of the renewal day


def test_lapsed_counts_terms_ending_in_the_period_not_renewed_by_its_end() -> None:
    week = Period(day(1), day(7))  # before = day 0
    early = Renewals(day(30), day(2), True, 1)  # renewed early: never lapsed
    late = Renewals(day(5), day(9), True, 1)  # lapsed in this week, renewed the next
    in_time = Renewals(day(6), day(7), True, 1)  # lapsed on day 7? no: renewed on day 7
    m = membership(early, late, in_time)
    assert m.lapsed_in(week) == 1 + 1  # the day-3 expiry and the late renewal's gap
    assert m.active_at(week.before) - m.lapsed_in(week) == m.active_at(week.end)


def test_renewal_rate_is_the_share_of_terms_due_that_were_renewed() -> None:
    week = Period(day(1), day(7))
    m = membership(
        Renewals(day(5), day(4), True, 2),  # due this week, renewed this week
        Renewals(day(30), day(6), False, 1),  # sold this week at another till, due later
        Renewals(day(-2), day(3), True, 1),  # came due last week, renewed late this week
        Renewals(day(6), day(12), True, 1),  # due this week, renewed in grace next week
    )
    assert m.due_in(week) == 1 + 2 + 1  # the day-3 expiry, the three renewed ones
    assert m.renewed_of(week) == 3
    assert m.sold_in(week) == 2 + 1  # at the till asked about
    (row,) = kpi_rows([week], KpiInputs(m, (), (), (), (), ()))
    assert (row.renewals_sold, row.renewals_due, row.renewed_of_due) == (3, 4, 3)
    assert row.renewal_rate_bp == 7500


def test_a_complaint_is_overdue_while_open_after_its_promised_day() -> None:
    c = Complaints(day(0), day(6), day(2), 1)
    assert [c.overdue_at(day(n)) for n in (1, 2, 3, 5, 6)] == [False, False, True, True, False]
    assert Complaints(day(0), None, None, 1).overdue_at(day(9)) is False


def test_working_days_join_orders_rung_up_and_members_enrolled() -> None:
    days = staff_days([(day(0), 1), (day(0), 2), (day(1), 1)], [(day(0), 1, 3), (day(2), None, 2)])
    assert days == (
        StaffDay(day(0), 1, 3),
        StaffDay(day(0), 2, 0),
        StaffDay(day(1), 1, 0),
        StaffDay(day(2), None, 2),
    )
    lines = staff_lines(days, 300)
    assert [(s.staff_id, s.signups, s.days, s.per_day, s.of_target_bp) for s in lines] == [
        (1, 3, 2, 150, 5000),
        (2, 0, 1, 0, 0),
        (None, 2, 0, 0, 0),
    ]


def test_each_period_gets_its_figures_and_an_empty_period_shows_zeros() -> None:
    spans = periods(day(1), day(14), PeriodKind.WEEK)
    inputs = KpiInputs(
        membership=membership(),
        orders=(
            OrderDay(day(1), True, 7, 3, 30_001, 900),
            OrderDay(day(2), True, 8, 1, 10_000, 500),
            OrderDay(day(2), False, None, 2, 9_000, 0),
        ),
        staff_days=(StaffDay(day(1), 1, 2), StaffDay(day(2), 1, 1), StaffDay(day(3), None, 4)),
        complaints=(Complaints(day(2), None, day(4), 2),),
        scores=((day(1), 9, 2), (day(3), 3, 1)),
        tier_ids=(7, 8),
    )
    first, second = kpi_rows(spans, inputs)
    assert (first.member_visits, first.guest_visits) == (4, 2)
    assert (first.member_avg_spend, first.guest_avg_spend) == (10_000, 4_500)
    assert first.tier_discounts == (900, 500) and first.tier_discount_total == 1_400
    assert (first.signups, first.staff_days, first.signups_per_staff_day) == (7, 2, 150)
    assert (first.complaints, first.overdue, first.feedback, first.satisfaction) == (2, 2, 3, 400)
    assert (first.active_start, first.active_end, first.lapsed) == (10, 9, 1)
    assert (first.retention_bp, first.churn_bp) == (9000, 1000)
    assert (second.member_visits, second.member_avg_spend, second.tier_discounts) == (0, 0, (0, 0))
    assert (second.complaints, second.overdue, second.satisfaction) == (0, 2, 0)
    assert (second.active_start, second.active_end, second.lapsed) == (9, 7, 2)


def test_a_period_cut_by_the_range_is_not_whole() -> None:
    weeks = periods(date(2026, 11, 4), date(2026, 11, 18), PeriodKind.WEEK)
    assert [is_whole(p, PeriodKind.WEEK) for p in weeks] == [False, True, False]
    months = periods(date(2026, 10, 1), date(2026, 11, 22), PeriodKind.MONTH)
    assert [is_whole(p, PeriodKind.MONTH) for p in months] == [True, False]
    assert is_whole(Period(D, D), PeriodKind.DAY)
