from __future__ import annotations

from datetime import datetime

import pytest

from app.domain.staff import (
    LOCKOUT,
    MAX_FAILED_ATTEMPTS,
    Permission,
    Role,
    hash_pin,
    lockout_until,
    role_allows,
    validate_new_pin,
    verify_pin,
)
from tests.demo_templates import cheap_pin_hash


def test_pin_hash_is_salted_and_verifies() -> None:
    first, second = hash_pin("1234"), hash_pin("1234")
    assert first != second
    assert first.startswith("scrypt$") and "1234" not in first
    assert verify_pin("1234", first) and verify_pin("1234", second)
    assert not verify_pin("1235", first)
    assert not verify_pin("", first)


def test_a_pin_is_checked_at_the_cost_its_hash_names() -> None:
    cheap = cheap_pin_hash("1111")  # the suite's demo templates' staff
    assert cheap.split("$")[1:4] == ["2", "1", "1"]
    assert hash_pin("1111").split("$")[1:4] == ["16384", "8", "1"]
    assert verify_pin("1111", cheap) and not verify_pin("1112", cheap)


def test_damaged_hash_never_verifies() -> None:
    assert not verify_pin("1234", "garbage")
    assert not verify_pin("1234", "md5$1$2$3$00$00")


def test_lockout_starts_at_the_limit() -> None:
    now = datetime(2026, 11, 22, 12, 0)
    assert lockout_until(MAX_FAILED_ATTEMPTS - 1, now) is None
    assert lockout_until(MAX_FAILED_ATTEMPTS, now) == now + LOCKOUT


@pytest.mark.parametrize("pin", ["123", "12a4", "１２３４", ""])
def test_weak_or_odd_pins_are_refused(pin: str) -> None:
    with pytest.raises(ValueError):
        validate_new_pin(pin)


def test_only_managers_change_settings() -> None:
    assert role_allows(Role.MANAGER, Permission.CHANGE_SETTINGS)
    assert not role_allows(Role.CASHIER, Permission.CHANGE_SETTINGS)
    assert role_allows(Role.CASHIER, Permission.CHECKOUT)
    assert not role_allows(Role.TRAINEE, Permission.CHECKOUT)
