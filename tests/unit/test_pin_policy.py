"""The PIN policy: which new PINs are refused, and why in words a person can read."""

from __future__ import annotations

import pytest

from app.domain.pin_policy import SETTING, PinPolicy, PinProblem, PinRejected
from app.domain.staff import validate_new_pin

DEFAULT, LONGER = PinPolicy(), PinPolicy(min_length=6)


@pytest.mark.parametrize("pin", ["2580", "1357", "90210", "13572468", "1123", "1243", "7890"])
def test_ordinary_pins_of_4_to_8_digits_are_accepted(pin: str) -> None:
    assert DEFAULT.problems(pin) == ()
    DEFAULT.check(pin)


@pytest.mark.parametrize(
    ("pin", "problems"),
    [
        ("0000", (PinProblem.ALL_SAME,)),
        ("77777777", (PinProblem.ALL_SAME,)),
        ("1234", (PinProblem.SEQUENCE,)),
        ("0123", (PinProblem.SEQUENCE,)),
        ("4321", (PinProblem.SEQUENCE,)),
        ("345678", (PinProblem.SEQUENCE,)),
        ("987654", (PinProblem.SEQUENCE,)),
        ("258", (PinProblem.TOO_SHORT,)),
        ("123", (PinProblem.TOO_SHORT, PinProblem.SEQUENCE)),
        ("135792468", (PinProblem.TOO_LONG,)),
        ("000000000", (PinProblem.TOO_LONG, PinProblem.ALL_SAME)),
        ("12a4", (PinProblem.NOT_DIGITS,)),
        ("１２３４", (PinProblem.NOT_DIGITS,)),  # full-width digits
        (" 2580", (PinProblem.NOT_DIGITS,)),
        ("", (PinProblem.NOT_DIGITS,)),
    ],
)
def test_weak_or_malformed_pins_are_refused_with_every_reason(
    pin: str, problems: tuple[PinProblem, ...]
) -> None:
    assert DEFAULT.problems(pin) == problems
    with pytest.raises(PinRejected) as rejected:
        DEFAULT.check(pin)
    assert rejected.value.problems == problems


def test_the_longer_policy_wants_six_digits_and_keeps_the_other_rules() -> None:
    assert LONGER.problems("2580") == (PinProblem.TOO_SHORT,)
    assert LONGER.problems("258013") == ()
    assert LONGER.problems("123456") == (PinProblem.SEQUENCE,)


def test_each_reason_reads_as_a_sentence_naming_the_policys_numbers() -> None:
    with pytest.raises(PinRejected) as rejected:
        LONGER.check("1111")
    assert str(rejected.value) == (
        "A PIN has at least 6 digits. A PIN of one digit repeated is too easy to guess."
    )
    sentences = [DEFAULT.describe(problem) for problem in PinProblem]
    assert all(s.startswith("A PIN") and s.endswith(".") for s in sentences)
    assert len(set(sentences)) == len(PinProblem)


def test_the_policy_comes_from_the_restaurants_setting_and_goes_back_to_it() -> None:
    assert PinPolicy.from_settings({}) == DEFAULT
    assert PinPolicy.from_settings({SETTING: "6"}) == LONGER
    assert PinPolicy.from_settings(LONGER.setting()) == LONGER
    assert PinPolicy.from_settings(DEFAULT.setting()) == DEFAULT


@pytest.mark.parametrize("value", ["5", "3", "six", "-6", "0"])
def test_a_setting_the_till_cannot_honour_is_an_error_not_a_weaker_policy(value: str) -> None:
    with pytest.raises(ValueError, match=SETTING):
        PinPolicy.from_settings({SETTING: value})
    with pytest.raises(ValueError):
        PinPolicy(min_length=int(value) if value.lstrip("-").isdigit() else 2)


def test_setting_a_new_pin_uses_the_policy_given_or_the_default() -> None:
    validate_new_pin("2580")
    with pytest.raises(PinRejected):
        validate_new_pin("2580", LONGER)
    with pytest.raises(ValueError):
        validate_new_pin("0000")
