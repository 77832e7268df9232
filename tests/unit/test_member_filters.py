"""The member-list filter value: validation, its JSON, and statuses at their boundary days."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from app.domain.member_filters import (
    SPEC_VERSION,
    FilterProblem,
    InvalidFilter,
    MemberFilter,
    SortKey,
    Status,
    expiry_range,
    from_json,
    grace_days,
    parse_spend,
    status_of,
    to_json,
    validate,
)
from app.domain.renewal import OfferKind, RenewalOffer

TODAY = date(2026, 11, 22)
GRACE = 30


def problem(f: MemberFilter) -> FilterProblem:
    with pytest.raises(InvalidFilter) as refused:
        validate(f)
    return refused.value.problem


def allowed(f: MemberFilter, expires_on: date | None, grace: int = GRACE) -> bool:
    """Whether ``expires_on`` lies in the status's range: what the SQL applies."""
    window = expiry_range(validate(f), TODAY, grace)
    if expires_on is None:
        return window.never
    low_ok = window.low is None or window.low <= expires_on
    high_ok = window.high is None or expires_on <= window.high
    return low_ok and high_ok


def test_the_empty_filter_is_valid_and_shows_everyone() -> None:
    assert validate(MemberFilter()) == MemberFilter()
    assert expiry_range(MemberFilter(), TODAY, GRACE).unbounded


def test_text_is_cleaned_as_the_till_cleans_it() -> None:
    assert validate(MemberFilter(text="  138 0013 8000\x00 ")).text == "138 0013 8000"


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (MemberFilter(expiring_days=-1), FilterProblem.EXPIRING_DAYS),
        (MemberFilter(expiring_days=3661), FilterProblem.EXPIRING_DAYS),
        (MemberFilter(min_spend=-1), FilterProblem.SPEND_NEGATIVE),
        (MemberFilter(min_spend=500, max_spend=499), FilterProblem.SPEND_RANGE_EMPTY),
        (MemberFilter(text="12"), FilterProblem.TEXT_UNREADABLE),
        (MemberFilter(text="!!!"), FilterProblem.TEXT_UNREADABLE),
        (MemberFilter(tiers=frozenset({" "})), FilterProblem.BAD_CODE),
        (MemberFilter(segments=frozenset({"x" * 25})), FilterProblem.BAD_CODE),
        (
            MemberFilter(last_visit_after=TODAY, last_visit_before=TODAY + timedelta(days=1)),
            FilterProblem.VISIT_RANGE_EMPTY,
        ),
    ],
)
def test_a_filter_that_cannot_mean_anything_is_refused(
    f: MemberFilter, expected: FilterProblem
) -> None:
    assert problem(f) is expected


def test_a_one_day_visit_range_and_an_equal_spend_range_are_fine() -> None:
    f = MemberFilter(
        last_visit_after=TODAY,
        last_visit_before=TODAY + timedelta(days=2),
        min_spend=500,
        max_spend=500,
    )
    assert validate(f) == f


@pytest.mark.parametrize(
    ("typed", "fen"),
    [("", None), (" ", None), ("12", 1200), ("¥1,200.5", 120050), ("0", 0), ("99.99", 9999)],
)
def test_spend_is_typed_as_money_at_the_till(typed: str, fen: int | None) -> None:
    assert parse_spend(typed) == fen


@pytest.mark.parametrize("typed", ["abc", "1.234", "-5"])
def test_spend_that_is_no_amount_is_refused(typed: str) -> None:
    with pytest.raises(InvalidFilter) as refused:
        parse_spend(typed)
    assert refused.value.problem in (FilterProblem.SPEND_UNREADABLE, FilterProblem.SPEND_NEGATIVE)


FULL = MemberFilter(
    tiers=frozenset({"GOLD", "PLATINUM"}),
    status=Status.EXPIRING,
    expiring_days=60,
    segments=frozenset({"at_risk", "lost"}),
    last_visit_before=date(2026, 9, 1),
    last_visit_after=date(2025, 1, 1),
    min_spend=10_000,
    max_spend=2_000_000,
    birthday_this_month=True,
    marketing_only=True,
    text="张",
    sort=SortKey.EXPIRES_ON,
    descending=True,
    include_erased=True,
)


@pytest.mark.parametrize("f", [MemberFilter(), FULL])
def test_a_filter_survives_the_json_round_trip(f: MemberFilter) -> None:
    spec = to_json(f)
    assert json.loads(spec)["version"] == SPEC_VERSION
    assert from_json(spec) == f


def test_the_json_is_stable_whatever_the_set_order() -> None:
    one = to_json(MemberFilter(tiers=frozenset({"A", "B", "C"})))
    two = to_json(MemberFilter(tiers=frozenset({"C", "B", "A"})))
    assert one == two
    assert json.loads(one)["tiers"] == ["A", "B", "C"]


def test_missing_fields_take_their_defaults() -> None:
    assert from_json('{"version": 1, "status": "lapsed"}') == MemberFilter(status=Status.LAPSED)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("not json", FilterProblem.BAD_SPEC),
        ("[]", FilterProblem.BAD_SPEC),
        ("{}", FilterProblem.BAD_SPEC),
        ('{"version": true}', FilterProblem.BAD_SPEC),
        ('{"version": 2}', FilterProblem.NEWER_SPEC),
        ('{"version": 1, "colour": "red"}', FilterProblem.BAD_SPEC),
        ('{"version": 1, "status": "asleep"}', FilterProblem.BAD_SPEC),
        ('{"version": 1, "tiers": "GOLD"}', FilterProblem.BAD_SPEC),
        ('{"version": 1, "min_spend": "5"}', FilterProblem.BAD_SPEC),
        ('{"version": 1, "min_spend": 1.5}', FilterProblem.BAD_SPEC),
        ('{"version": 1, "last_visit_before": "yesterday"}', FilterProblem.BAD_SPEC),
        ('{"version": 1, "marketing_only": 1}', FilterProblem.BAD_SPEC),
        ('{"version": 1, "min_spend": -5}', FilterProblem.SPEND_NEGATIVE),
        ('{"version": 1, "text": "12"}', FilterProblem.TEXT_UNREADABLE),
    ],
)
def test_a_spec_that_cannot_be_read_says_why(spec: str, expected: FilterProblem) -> None:
    with pytest.raises(InvalidFilter) as refused:
        from_json(spec)
    assert refused.value.problem is expected


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


@pytest.mark.parametrize(
    ("expires", "active", "expiring_90", "in_grace", "lapsed"),
    [
        (None, True, False, False, False),
        (days(91), True, False, False, False),
        (days(90), True, True, False, False),
        (days(0), True, True, False, False),
        (days(-1), False, False, True, False),
        (days(-GRACE), False, False, True, False),
        (days(-GRACE - 1), False, False, False, True),
        (days(-400), False, False, False, True),
    ],
)
def test_statuses_at_their_boundary_days(
    expires: date | None, active: bool, expiring_90: bool, in_grace: bool, lapsed: bool
) -> None:
    assert allowed(MemberFilter(status=Status.ACTIVE), expires) is active
    assert allowed(MemberFilter(status=Status.EXPIRING, expiring_days=90), expires) is expiring_90
    assert allowed(MemberFilter(status=Status.IN_GRACE), expires) is in_grace
    assert allowed(MemberFilter(status=Status.LAPSED), expires) is lapsed
    assert allowed(MemberFilter(), expires)
    shown = status_of(expires, TODAY, GRACE)
    assert (shown is Status.ACTIVE, shown is Status.IN_GRACE, shown is Status.LAPSED) == (
        active,
        in_grace,
        lapsed,
    )


def test_expiring_within_zero_days_is_today_only() -> None:
    f = MemberFilter(status=Status.EXPIRING, expiring_days=0)
    assert allowed(f, days(0)) and not allowed(f, days(1)) and not allowed(f, days(-1))


def test_without_a_grace_offer_nobody_is_in_grace_and_every_expiry_is_lapsed() -> None:
    assert expiry_range(MemberFilter(status=Status.IN_GRACE), TODAY, 0).empty
    assert allowed(MemberFilter(status=Status.LAPSED), days(-1), grace=0)
    assert status_of(days(-1), TODAY, 0) is Status.LAPSED


def offer(kind: OfferKind, window: int, until: date | None = None) -> RenewalOffer:
    return RenewalOffer(kind.value, kind, 9_900, window_days=window, valid_until=until)


def test_grace_days_come_from_the_grace_offers_valid_today() -> None:
    offers = [
        offer(OfferKind.EARLY, 90),
        offer(OfferKind.GRACE, 30),
        offer(OfferKind.GRACE, 45, until=days(-1)),  # ended yesterday
        offer(OfferKind.WIN_BACK, 0),
    ]
    assert grace_days(offers, TODAY) == 30
    assert grace_days([offer(OfferKind.GRACE, 45, until=TODAY)], TODAY) == 45
    assert grace_days([offer(OfferKind.EARLY, 90)], TODAY) == 0
