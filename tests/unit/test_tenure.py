"""Tenure groups and suggested actions: the offer the till itself would show."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.renewal import OfferKind, RenewalOffer
from app.domain.tenure import (
    Action,
    Suggestion,
    TenureGroup,
    add_months,
    group_of,
    suggest,
    tenure_window,
)

TODAY = date(2026, 11, 22)
EARLY = RenewalOffer("EARLY-30", OfferKind.EARLY, 9_900, window_days=30)
GRACE = RenewalOffer("GRACE-30", OfferKind.GRACE, 12_900, window_days=30)
WIN_BACK = RenewalOffer("WINBACK", OfferKind.WIN_BACK, 7_900)
FREE = RenewalOffer("FREE", OfferKind.FREE_BY_SPEND, 0, min_spend=200_000)
OFFERS = (EARLY, GRACE, WIN_BACK, FREE)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 11, 22), 3, date(2027, 2, 22)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
    ],
)
def test_months_ahead_end_on_the_months_last_day_when_shorter(
    day: date, months: int, expected: date
) -> None:
    assert add_months(day, months) == expected


def test_each_member_is_in_the_most_urgent_group_only() -> None:
    window = tenure_window(TODAY)
    joined_recently = TODAY - timedelta(days=10)
    assert group_of(window, joined_recently, TODAY + timedelta(days=355)) is TenureGroup.NEW
    assert group_of(window, joined_recently, TODAY + timedelta(days=20)) is TenureGroup.EXPIRING
    assert group_of(window, joined_recently, TODAY - timedelta(days=1)) is TenureGroup.LAPSED
    assert group_of(window, date(2020, 1, 1), TODAY) is TenureGroup.EXPIRING
    assert group_of(window, date(2020, 1, 1), date(2027, 2, 22)) is TenureGroup.EXPIRING
    assert group_of(window, date(2020, 1, 1), date(2027, 2, 23)) is None
    assert group_of(window, date(2020, 1, 1), TODAY - timedelta(days=365)) is TenureGroup.LAPSED
    assert group_of(window, date(2020, 1, 1), TODAY - timedelta(days=366)) is None
    assert group_of(tenure_window(TODAY, lapsed_within_days=0), date(2020, 1, 1), date(2021, 1, 1))


def test_a_new_member_hears_about_the_benefits() -> None:
    advice = suggest(TenureGroup.NEW, TODAY, TODAY + timedelta(days=300), 0, OFFERS)
    assert advice == Suggestion(Action.INTRODUCE_BENEFITS)


def test_an_expiring_member_short_of_the_spend_hears_both_ways_to_renew() -> None:
    advice = suggest(TenureGroup.EXPIRING, TODAY, TODAY + timedelta(days=20), 150_000, OFFERS)
    assert advice.action is Action.SPEND_TO_RENEW_FREE
    assert (advice.missing, advice.also_fee) == (50_000, 9_900)


def test_an_expiring_member_who_spent_enough_renews_free() -> None:
    advice = suggest(TenureGroup.EXPIRING, TODAY, TODAY + timedelta(days=20), 200_000, OFFERS)
    assert advice.action is Action.RENEW_FREE and advice.offer_code == "FREE"


def test_before_the_early_window_the_day_it_opens_is_named() -> None:
    expires = TODAY + timedelta(days=60)
    advice = suggest(TenureGroup.EXPIRING, TODAY, expires, 0, (EARLY, GRACE))
    assert advice == Suggestion(
        Action.EARLY_OPENS, 9_900, from_day=expires - timedelta(days=30), offer_code="EARLY-30"
    )
    assert suggest(TenureGroup.EXPIRING, TODAY, expires, 0, ()).action is Action.REMIND


def test_in_grace_the_grace_offer_and_its_last_day() -> None:
    expires = TODAY - timedelta(days=10)
    advice = suggest(TenureGroup.LAPSED, TODAY, expires, 0, OFFERS)
    assert advice.action is Action.RENEW_GRACE
    assert (advice.fee, advice.until) == (12_900, expires + timedelta(days=30))


def test_the_win_back_fee_is_never_below_the_renewal_fee() -> None:
    advice = suggest(TenureGroup.LAPSED, TODAY, TODAY - timedelta(days=200), 0, OFFERS)
    assert advice.action is Action.WIN_BACK
    assert advice.fee == 9_900  # the offer says ¥79, the cheapest renewal is ¥99
    assert suggest(TenureGroup.LAPSED, TODAY, TODAY - timedelta(days=200), 0, (EARLY,)) == (
        Suggestion(Action.REMIND)
    )
