"""The back office's staff list (``StaffAdmin``) and signing in after a PIN reset, on the
fake unit of work."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

import pytest

from app.domain.pin_policy import PinProblem, PinRejected
from app.domain.staff import (
    Permission,
    Role,
    StaffAccount,
    StaffId,
    StaffMember,
    hash_pin,
)
from app.errors import (
    BadgeProblem,
    BadgeRefused,
    LoginRefusal,
    LoginRefused,
    PermissionDenied,
    StaffProblem,
    StaffRefused,
)
from app.services.auth import AuthService
from app.staff_admin.service import NewStaff, StaffAdmin
from tests.fakes import FakeClock, FakeStore, FakeUnits

NOW = datetime(2026, 12, 4, 10, 0)
CASHIER = StaffMember(StaffId(1), "wangfang", "王芳", Role.CASHIER)
MANAGER = StaffMember(StaffId(2), "manager", "李经理", Role.MANAGER)
MEMBER_CARD = "8800000000000001"


def back_office() -> tuple[StaffAdmin, AuthService, FakeUnits]:
    store = FakeStore(member_card_numbers={MEMBER_CARD})
    for staff, pin in ((CASHIER, "1357"), (MANAGER, "2468")):
        store.staff[staff.staff_id] = StaffAccount(staff, hash_pin(pin))
    units, clock = FakeUnits(store), FakeClock(NOW)
    return StaffAdmin(units, clock, "T1"), AuthService(units, clock, "T1"), units


def events(units: FakeUnits) -> list[tuple[str, int | None, str, dict[str, object]]]:
    return [(a, c.staff_id, s, d) for c, a, s, d in units.store.audit]


def problem(call: object, *args: object) -> StaffProblem:
    assert callable(call)
    with pytest.raises(StaffRefused) as refused:
        call(*args)
    return refused.value.problem


def test_a_manager_adds_a_cashier_who_then_chooses_their_own_pin() -> None:
    admin, auth, units = back_office()
    new = admin.add(MANAGER, NewStaff(" zhouli ", " 周丽 ", Role.CASHIER), "4827")
    assert admin.listed(MANAGER)[-1].must_change_pin
    with pytest.raises(LoginRefused) as refused:  # the manager knows the first PIN
        auth.log_in("zhouli", "4827")
    assert refused.value.reason is LoginRefusal.NEW_PIN_REQUIRED
    chosen = auth.change_pin("zhouli", "4827", "5082")
    assert chosen == StaffMember(new, "zhouli", "周丽", Role.CASHIER)
    assert auth.log_in("zhouli", "5082") == chosen
    after = {"username": "zhouli", "name": "周丽", "role": "cashier", "must_change_pin": True}
    assert events(units)[0] == ("staff_added", 2, f"staff:{new}", after)
    listed = admin.listed(MANAGER)
    assert [(e.staff.username, e.active, e.badge_last4) for e in listed] == [
        ("wangfang", True, None), ("manager", True, None), ("zhouli", True, None),
    ]  # fmt: skip


def test_a_new_pin_and_sign_in_name_are_checked() -> None:
    admin, _, units = back_office()
    with pytest.raises(PinRejected) as rejected:
        admin.add(MANAGER, NewStaff("zhouli", "周丽", Role.CASHIER), "1234")
    assert rejected.value.problems == (PinProblem.SEQUENCE,)
    taken = NewStaff("WangFang", "王芳", Role.CASHIER)
    assert problem(admin.add, MANAGER, taken, "4827") is StaffProblem.USERNAME_TAKEN
    spaced = NewStaff("zhou li", "周丽", Role.CASHIER)
    assert problem(admin.add, MANAGER, spaced, "4827") is StaffProblem.BAD_USERNAME
    nameless = NewStaff("zhouli", "  ", Role.CASHIER)
    assert problem(admin.add, MANAGER, nameless, "4827") is StaffProblem.BAD_NAME
    assert len(units.store.staff) == 2 and units.store.audit == []


def test_only_a_stored_manager_manages_staff() -> None:
    admin, _, units = back_office()
    forged = replace(CASHIER, role=Role.MANAGER)
    with pytest.raises(PermissionDenied):
        admin.add(forged, NewStaff("zhouli", "周丽", Role.MANAGER), "4827")
    with pytest.raises(PermissionDenied):
        admin.listed(forged)
    second = admin.add(MANAGER, NewStaff("liu", "刘经理", Role.MANAGER), "4827")
    admin.set_active(MANAGER, MANAGER.staff_id, False)  # disabled since signing in
    with pytest.raises(PermissionDenied):
        admin.set_active(MANAGER, second, False)
    assert Permission.MANAGE_STAFF.value == "manage_staff"
    assert units.store.staff[second].active


def test_an_edit_and_a_disable_are_audited_before_and_after() -> None:
    admin, auth, units = back_office()
    admin.edit(MANAGER, CASHIER.staff_id, "王芳芳", Role.TRAINEE)
    admin.set_active(MANAGER, CASHIER.staff_id, False)
    with pytest.raises(LoginRefused):
        auth.log_in("wangfang", "1357")
    admin.set_active(MANAGER, CASHIER.staff_id, True)
    assert events(units)[:3] == [
        ("staff_edited", 2, "staff:1", {
            "before": {"name": "王芳", "role": "cashier"},
            "after": {"name": "王芳芳", "role": "trainee"},
        }),
        ("staff_disabled", 2, "staff:1", {"before": {"active": True}, "after": {"active": False}}),
        ("staff_enabled", 2, "staff:1", {"before": {"active": False}, "after": {"active": True}}),
    ]  # fmt: skip
    assert units.store.staff[CASHIER.staff_id].staff.role is Role.TRAINEE


def test_the_last_active_manager_is_neither_disabled_nor_demoted() -> None:
    admin, _, units = back_office()
    last = MANAGER.staff_id
    assert problem(admin.set_active, MANAGER, last, False) is StaffProblem.LAST_MANAGER
    demoted = problem(admin.edit, MANAGER, last, "李经理", Role.CASHIER)
    assert demoted is StaffProblem.LAST_MANAGER
    admin.edit(MANAGER, last, "李明", Role.MANAGER)  # a new name is fine
    second = admin.add(MANAGER, NewStaff("liu", "刘经理", Role.MANAGER), "4827")
    admin.set_active(MANAGER, second, False)  # a disabled manager does not count
    assert problem(admin.set_active, MANAGER, last, False) is StaffProblem.LAST_MANAGER
    admin.set_active(MANAGER, second, True)
    admin.edit(MANAGER, last, "李明", Role.CASHIER)
    assert units.store.staff[last].staff.role is Role.CASHIER


def test_a_reset_pin_signs_in_once_and_asks_for_a_new_one() -> None:
    admin, auth, units = back_office()
    admin.set_active(MANAGER, CASHIER.staff_id, True)  # no change: nothing audited
    admin.reset_pin(MANAGER, CASHIER.staff_id, "8642")
    assert events(units) == [
        ("pin_reset", 2, "staff:1", {"must_change_pin": {"before": False, "after": True}})
    ]
    assert admin.listed(MANAGER)[0].must_change_pin
    with pytest.raises(LoginRefused) as refused:
        auth.log_in("wangfang", "8642")
    assert refused.value.reason is LoginRefusal.NEW_PIN_REQUIRED
    with pytest.raises(LoginRefused) as approving:
        auth.approve("wangfang", "8642", Permission.CHECKOUT)
    assert approving.value.reason is LoginRefusal.NEW_PIN_REQUIRED
    with pytest.raises(PinRejected):
        auth.change_pin("wangfang", "8642", "0000")
    with pytest.raises(LoginRefused) as same:
        auth.change_pin("wangfang", "8642", "8642")
    assert same.value.reason is LoginRefusal.SAME_PIN
    with pytest.raises(LoginRefused) as wrong:
        auth.change_pin("wangfang", "1357", "9152")  # the old PIN is gone
    assert wrong.value.reason is LoginRefusal.WRONG_PIN
    assert auth.change_pin("wangfang", "8642", "9152") == CASHIER
    assert auth.log_in("wangfang", "9152") == CASHIER
    assert not units.store.staff[CASHIER.staff_id].must_change_pin
    assert ("pin_changed", 1, "staff:1", {"must_change_pin": {"before": True, "after": False}}) in (
        events(units)
    )


def test_the_pin_policy_setting_applies_to_new_pins() -> None:
    admin, auth, units = back_office()
    assert admin.pin_policy().min_length == 4
    admin.set_pin_policy(MANAGER, 6)
    assert auth.pin_policy().min_length == 6 and units.store.settings["pin_min_length"] == "6"
    with pytest.raises(PinRejected) as short:
        admin.reset_pin(MANAGER, CASHIER.staff_id, "8642")
    assert short.value.problems == (PinProblem.TOO_SHORT,)
    admin.reset_pin(MANAGER, CASHIER.staff_id, "864209")
    with pytest.raises(ValueError):
        admin.set_pin_policy(MANAGER, 5)
    changed = ("pin_policy_changed", 2, "pin_min_length", {"before": 4, "after": 6})
    assert events(units)[0] == changed
    with pytest.raises(PermissionDenied):
        admin.set_pin_policy(CASHIER, 4)


def test_a_badge_is_registered_typed_or_swiped_and_removed() -> None:
    admin, auth, units = back_office()
    assert admin.register_badge(MANAGER, CASHIER.staff_id, "6600000000001111") == "1111"
    assert auth.approve_by_badge(";6600000000001111?", Permission.CHECKOUT) == CASHIER
    taken = admin.register_badge
    with pytest.raises(BadgeRefused) as refused:
        taken(MANAGER, MANAGER.staff_id, ";6600000000001111?")
    assert refused.value.problem is BadgeProblem.TAKEN
    with pytest.raises(BadgeRefused) as member:
        taken(MANAGER, MANAGER.staff_id, MEMBER_CARD)
    assert member.value.problem is BadgeProblem.MEMBER_CARD
    admin.remove_badge(MANAGER, CASHIER.staff_id)
    with pytest.raises(BadgeRefused) as none:
        admin.remove_badge(MANAGER, CASHIER.staff_id)
    assert none.value.problem is BadgeProblem.NOT_REGISTERED
    assert units.store.staff[CASHIER.staff_id].badge is None
    badge_events = [(a, d) for a, _, _, d in events(units) if a.startswith("badge_")]
    assert badge_events == [
        ("badge_registered", {"before": {"badge": None}, "after": {"badge": "1111"}}),
        ("badge_removed", {"before": {"badge": "1111"}, "after": {"badge": None}}),
    ]


def test_no_pin_or_badge_number_reaches_the_audit_log() -> None:
    admin, auth, units = back_office()
    new = admin.add(MANAGER, NewStaff("zhouli", "周丽", Role.CASHIER), "482715")
    admin.reset_pin(MANAGER, new, "739146")
    auth.change_pin("zhouli", "739146", "905128")
    admin.register_badge(MANAGER, new, "6600000000005555")
    logged = json.dumps([[a, s, d] for _, a, s, d in units.store.audit], ensure_ascii=False)
    for secret in ("482715", "739146", "905128", "660000000000", "scrypt"):
        assert secret not in logged
