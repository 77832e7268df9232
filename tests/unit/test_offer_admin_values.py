"""Targeted offers, holidays and the stacking policy checked without a database."""

from __future__ import annotations

from datetime import date, time

import pytest

from app.domain.loyalty_admin import RuleRejected
from app.domain.offer_admin import (
    Holiday,
    OfferStacking,
    TargetedOfferSpec,
    checked_holiday,
    checked_stacking,
    checked_targeted_offer,
    split_segments,
)
from app.domain.offers import BenefitKind, Conditions, Offer, StackingPolicy


def offer(**conditions: object) -> TargetedOfferSpec:
    rule = Conditions(**conditions)  # type: ignore[arg-type]
    return TargetedOfferSpec(Offer("TEA", "下午茶", "Tea", BenefitKind.PERCENT_OFF, 1500, rule))


def test_segments_are_split_at_latin_and_chinese_commas() -> None:
    assert split_segments(" champions，at_risk、vip ; new,, ") == {
        "champions",
        "at_risk",
        "vip",
        "new",
    }
    assert split_segments("  ") == frozenset()


def test_an_offer_is_trimmed_and_its_code_upper_cased_before_it_is_checked() -> None:
    spec = TargetedOfferSpec(
        Offer(
            " tea-time ",
            " 下午茶 ",
            " Tea ",
            BenefitKind.AMOUNT_OFF,
            3000,
            Conditions(segments=frozenset({" vip ", ""})),
        )
    )
    checked = checked_targeted_offer(spec).offer
    assert (checked.code, checked.name_zh, checked.name_en) == ("TEA-TIME", "下午茶", "Tea")
    assert checked.conditions.segments == {"vip"}


@pytest.mark.parametrize(
    ("starts_at", "ends_at"),
    [(time(22), time(2)), (None, time(11)), (time(22), None), (time(14), time(17))],
)
def test_a_daypart_may_cross_midnight_or_be_open_at_one_end(
    starts_at: time | None, ends_at: time | None
) -> None:
    spec = offer(starts_at=starts_at, ends_at=ends_at)
    assert checked_targeted_offer(spec) == spec


def test_a_daypart_that_ends_when_it_starts_is_refused() -> None:
    with pytest.raises(RuleRejected, match="across midnight is fine"):
        checked_targeted_offer(offer(starts_at=time(9), ends_at=time(9)))


def test_an_offer_for_exactly_one_day_is_accepted() -> None:
    day = date(2027, 2, 14)
    spec = offer(valid_from=day, valid_until=day)
    assert checked_targeted_offer(spec) == spec


@pytest.mark.parametrize("cap_bp", [0, 2_550, 10_000])
def test_the_cap_runs_from_nothing_to_the_whole_order(cap_bp: int) -> None:
    stacking = OfferStacking(StackingPolicy.EXCLUSIVE, cap_bp)
    assert checked_stacking(stacking) == stacking


def test_a_holiday_needs_a_name() -> None:
    assert checked_holiday(Holiday(date(2027, 4, 5), " 清明节 ")).name == "清明节"
    with pytest.raises(RuleRejected, match="holiday's name must not be empty"):
        checked_holiday(Holiday(date(2027, 4, 5), ""))
