from datetime import date

from app.domain.member_value import value_of, years_and_months

TODAY = date(2026, 12, 4)


def test_a_member_of_two_years_brings_three_years_at_their_yearly_pace() -> None:
    value = value_of(730_000, date(2024, 12, 4), date(2026, 11, 30), TODAY)
    assert (value.tenure_days, value.pace, value.lifetime_value) == (730, 365_000, 1_095_000)


def test_a_new_member_counts_a_whole_year_not_a_fortune() -> None:
    value = value_of(10_000, date(2026, 11, 4), date(2026, 12, 1), TODAY)
    assert (value.pace, value.lifetime_value) == (10_000, 30_000)


def test_a_member_gone_for_over_a_year_is_worth_nothing_more() -> None:
    gone = value_of(500_000, date(2022, 12, 5), date(2025, 12, 3), TODAY)
    assert gone.lapsed and gone.lifetime_value == 0 and gone.pace == 125_000
    still = value_of(500_000, date(2022, 12, 5), date(2025, 12, 4), TODAY)  # a year to the day
    # 1,460 days of membership: 500,000 x 365 / 1,460 = 125,000 a year
    assert not still.lapsed and still.lifetime_value == 375_000
    assert value_of(0, date(2026, 1, 1), None, TODAY).lifetime_value == 0


def test_the_pace_rounds_half_up_to_the_fen() -> None:
    # 1,000 fen over 400 days: 1000 x 365 / 400 = 912.5 -> 913
    assert value_of(1_000, date(2025, 10, 30), TODAY, TODAY).pace == 913


def test_tenure_in_years_and_months() -> None:
    assert years_and_months(365 + 95) == (1, 3)
    assert years_and_months(29) == (0, 0)
