"""Sign-in and approval rules of ``AuthService``, on the fake unit of work."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.domain.staff import (
    LOCKOUT,
    MAX_FAILED_ATTEMPTS,
    Permission,
    Role,
    StaffAccount,
    StaffId,
    StaffMember,
    StoredBadge,
    hash_pin,
)
from app.errors import BadgeProblem, BadgeRefused, LoginRefusal, LoginRefused, PermissionDenied
from app.services.auth import AuthService
from tests.fakes import FakeClock, FakeStore, FakeUnits

NOW = datetime(2026, 11, 22, 12, 30)
CASHIER = StaffMember(StaffId(1), "wangfang", "王芳", Role.CASHIER)
MANAGER = StaffMember(StaffId(2), "manager", "李经理", Role.MANAGER)
TRAINEE = StaffMember(StaffId(3), "zhaomin", "赵敏", Role.TRAINEE)
MANAGER_BADGE = "6600000000009999"
MEMBER_CARD = "8800000000000001"


def till() -> tuple[AuthService, FakeUnits, FakeClock]:
    store = FakeStore(member_card_numbers={MEMBER_CARD})
    for staff, pin in ((CASHIER, "1111"), (MANAGER, "9999"), (TRAINEE, "2222")):
        badge = MANAGER_BADGE if staff is MANAGER else None
        stored = None if badge is None else StoredBadge.of(badge)
        store.staff[staff.staff_id] = StaffAccount(staff, hash_pin(pin), badge=stored)
    units, clock = FakeUnits(store), FakeClock(NOW)
    return AuthService(units, clock, "T1"), units, clock


def events(units: FakeUnits) -> list[tuple[str, int | None, str, dict[str, object]]]:
    return [(a, c.staff_id, s, d) for c, a, s, d in units.store.audit]


def refusal(call: object, *args: object) -> LoginRefusal:
    assert callable(call)
    with pytest.raises(LoginRefused) as refused:
        call(*args)
    return refused.value.reason


def test_the_right_pin_signs_in_and_it_is_audited() -> None:
    auth, units, _ = till()
    assert auth.log_in("wangfang", "1111") == CASHIER
    assert events(units) == [("login", 1, "staff:1", {})]


def test_a_wrong_pin_is_refused_counted_and_audited() -> None:
    auth, units, _ = till()
    assert refusal(auth.log_in, "wangfang", "0000") is LoginRefusal.WRONG_PIN
    assert units.store.staff[1].failed_attempts == 1
    assert events(units) == [("login_failed", 1, "staff:1", {})]


def test_unknown_staff_are_refused_and_nothing_is_written() -> None:
    auth, units, _ = till()
    assert refusal(auth.log_in, "nobody", "1111") is LoginRefusal.UNKNOWN_STAFF
    assert units.store.audit == []


def test_the_last_wrong_pin_locks_the_account_until_the_lockout_passes() -> None:
    auth, units, clock = till()
    for _ in range(MAX_FAILED_ATTEMPTS - 1):
        assert refusal(auth.log_in, "wangfang", "0000") is LoginRefusal.WRONG_PIN
    with pytest.raises(LoginRefused) as locked:
        auth.log_in("wangfang", "0000")
    assert locked.value.reason is LoginRefusal.LOCKED_NOW
    assert units.store.staff[1].locked_until == NOW + LOCKOUT
    assert units.store.staff[1].failed_attempts == MAX_FAILED_ATTEMPTS  # restarts when it ends
    assert refusal(auth.log_in, "wangfang", "1111") is LoginRefusal.LOCKED
    clock.advance(LOCKOUT + timedelta(seconds=1))
    assert auth.log_in("wangfang", "1111") == CASHIER
    assert units.store.staff[1].locked_until is None
    actions = [action for action, *_ in events(units)]
    assert actions[-4:] == ["login_failed", "login_locked_out", "login_refused_locked", "login"]


def test_a_good_sign_in_starts_the_count_of_wrong_pins_again() -> None:
    auth, units, _ = till()
    for _ in range(MAX_FAILED_ATTEMPTS - 1):
        refusal(auth.log_in, "wangfang", "0000")
    auth.log_in("wangfang", "1111")
    assert units.store.staff[1].failed_attempts == 0
    assert refusal(auth.log_in, "wangfang", "0000") is LoginRefusal.WRONG_PIN


def test_a_trainee_signs_in_only_on_a_training_till() -> None:
    auth, units, _ = till()
    assert refusal(auth.log_in, "zhaomin", "2222") is LoginRefusal.TRAINING_ONLY
    assert events(units) == [("login_refused", 3, "staff:3", {"reason": "training_only"})]


def test_a_managers_pin_approves_and_the_approval_names_them() -> None:
    auth, units, _ = till()
    assert auth.approve("manager", "9999", Permission.REFUND) == MANAGER
    assert events(units) == [("approval", 2, "staff:2", {"by": "pin", "permission": "refund"})]


def test_a_cashiers_pin_approves_no_managers_action() -> None:
    auth, units, _ = till()
    with pytest.raises(PermissionDenied):
        auth.approve("wangfang", "1111", Permission.REFUND)
    assert events(units) == [
        ("approval_refused", 1, "staff:1",
         {"by": "pin", "permission": "refund", "refused": "permission"}),
    ]  # fmt: skip


def test_a_wrong_approval_pin_counts_towards_the_lockout() -> None:
    auth, units, _ = till()
    assert refusal(auth.approve, "manager", "0000", Permission.REFUND) is LoginRefusal.WRONG_PIN
    assert units.store.staff[2].failed_attempts == 1


def test_a_managers_badge_approves_until_their_account_locks() -> None:
    auth, units, clock = till()
    assert auth.approve_by_badge(f";{MANAGER_BADGE}=2812?", Permission.REFUND) == MANAGER
    for _ in range(MAX_FAILED_ATTEMPTS):
        refusal(auth.log_in, "manager", "0000")
    assert refusal(auth.approve_by_badge, MANAGER_BADGE, Permission.REFUND) is LoginRefusal.LOCKED
    clock.advance(LOCKOUT + timedelta(seconds=1))
    assert auth.approve_by_badge(MANAGER_BADGE, Permission.REFUND) == MANAGER
    assert units.store.staff[2].failed_attempts == MAX_FAILED_ATTEMPTS  # a swipe: unchanged


def test_an_unknown_badge_is_refused_and_audited_as_nobodys() -> None:
    auth, units, _ = till()
    swipe = ";6600000000004321=2812?"
    assert refusal(auth.approve_by_badge, swipe, Permission.REFUND) is LoginRefusal.UNKNOWN_BADGE
    assert events(units) == [
        ("approval_refused", None, "badge",
         {"by": "badge", "permission": "refund", "refused": "unknown_badge", "badge": "4321"}),
    ]  # fmt: skip


def test_a_badge_is_registered_unless_it_is_taken_or_a_members_card() -> None:
    auth, units, _ = till()
    with pytest.raises(BadgeRefused) as taken:
        auth.register_badge(CASHIER, "1111", MANAGER_BADGE)
    assert taken.value.problem is BadgeProblem.TAKEN
    with pytest.raises(BadgeRefused) as member_card:
        auth.register_badge(CASHIER, "1111", MEMBER_CARD)
    assert member_card.value.problem is BadgeProblem.MEMBER_CARD
    assert auth.badge_last4(CASHIER) is None
    assert auth.register_badge(CASHIER, "1111", "6600000000001111") == "1111"
    assert auth.approve_by_badge("6600000000001111", Permission.CHECKOUT) == CASHIER
    auth.remove_badge(CASHIER, "1111")
    assert auth.badge_last4(CASHIER) is None
    assert [action for action, *_ in events(units) if action.startswith("badge")] == [
        "badge_refused", "badge_refused", "badge_registered", "badge_removed",
    ]  # fmt: skip
