from __future__ import annotations

import pytest

from app.domain.money import (
    Currency,
    apply_basis_points,
    discount_label_percent,
    discount_label_zhe,
    format_money,
    parse_money,
)


@pytest.mark.parametrize(
    ("amount", "bp", "expected"),
    [
        (1000, 1000, 100),
        (3450, 1000, 345),
        (2990, 500, 150),  # 149.5 rounds half-up
        (2985, 1000, 299),  # 298.5 rounds half-up
        (2984, 1000, 298),  # 298.4 rounds down
        (1, 5000, 1),  # 0.5 fen rounds up
        (1, 4999, 0),
        (0, 1500, 0),
        (12_345_678_901, 1500, 1_851_851_835),  # 1,851,851,835.15: no float drift
        (999, 10_000, 999),
    ],
)
def test_basis_points_round_half_up_once(amount: int, bp: int, expected: int) -> None:
    assert apply_basis_points(amount, bp) == expected


def test_negative_basis_points_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        apply_basis_points(100, -1)


@pytest.mark.parametrize(
    ("amount", "text"),
    [(0, "¥0.00"), (5, "¥0.05"), (1250, "¥12.50"), (-300, "-¥3.00"), (123456789, "¥1,234,567.89")],
)
def test_format_money_in_yuan(amount: int, text: str) -> None:
    assert format_money(amount) == text


def test_format_money_for_a_currency_without_minor_units() -> None:
    assert format_money(1500, Currency("JPY", "¥", 0)) == "¥1,500"


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("12", 1200),
        ("12.5", 1250),
        ("¥1,200.00", 120_000),
        ("￥50", 5000),
        (" 0.01 ", 1),
        ("１００", 10_000),
        ("100。5", 10_050),
    ],
)
def test_parse_money_accepts_what_cashiers_type(text: str, amount: int) -> None:
    assert parse_money(text) == amount


@pytest.mark.parametrize("text", ["", "abc", "12.345", "1e3x", "NaN", "Infinity"])
def test_parse_money_refuses_non_amounts(text: str) -> None:
    with pytest.raises(ValueError):
        parse_money(text)


@pytest.mark.parametrize(
    ("bp", "english", "chinese"),
    [
        (1000, "10% off", "9折"),
        (1500, "15% off", "8.5折"),
        (550, "5.5% off", "9.45折"),
        (500, "5% off", "9.5折"),
    ],
)
def test_discount_labels_in_both_conventions(bp: int, english: str, chinese: str) -> None:
    assert discount_label_percent(bp) == english
    assert discount_label_zhe(bp) == chinese
