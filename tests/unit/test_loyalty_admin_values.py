"""Typed percentages and multipliers read exactly, and loyalty rules checked without a database."""

from __future__ import annotations

import pytest

from app.domain.loyalty_admin import (
    RuleRejected,
    TierSpec,
    checked_tier,
    format_fixed,
    parse_fixed,
)


@pytest.mark.parametrize(
    ("text", "digits", "value"),
    [("10", 2, 1000), ("12.5", 2, 1250), ("12.5%", 2, 1250), ("1.5x", 4, 15_000), ("0", 4, 0)],
)
def test_percentages_and_multipliers_are_read_exactly(text: str, digits: int, value: int) -> None:
    assert parse_fixed(text, digits) == value
    assert parse_fixed(format_fixed(value, digits), digits) == value


@pytest.mark.parametrize("text", ["", "ten", "12.345", "1.00001x", "nan", "inf"])
def test_what_is_not_an_exact_number_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_fixed(text, 2 if "x" not in text else 4)


def test_a_tier_is_trimmed_and_its_code_upper_cased_before_it_is_checked() -> None:
    spec = checked_tier(
        TierSpec(" vip-1 ", 5, " 贵宾 ", "VIP ", 1500, birthday_benefit_en=" cake ")
    )
    assert (spec.code, spec.name_zh, spec.name_en, spec.birthday_benefit_en) == (
        "VIP-1",
        "贵宾",
        "VIP",
        "cake",
    )
    with pytest.raises(RuleRejected, match="discount"):
        checked_tier(TierSpec("VIP", 5, "贵宾", "VIP", 10_001))
