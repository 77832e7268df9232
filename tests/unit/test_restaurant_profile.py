"""The restaurant profile's rules on the fake unit of work: the stored role decides, only
what changed is written and audited, and a profile round-trips through its settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from app.domain.staff import Role, StaffAccount, StaffId, StaffMember, hash_pin
from app.errors import PermissionDenied
from app.restaurant_profile.profile import (
    ProfileProblem,
    ProfileRefused,
    RestaurantProfile,
    check_profile,
)
from app.restaurant_profile.service import RestaurantProfileAdmin
from tests.fakes import FakeClock, FakeStore, FakeUnits

CASHIER = StaffMember(StaffId(1), "wangfang", "王芳", Role.CASHIER)
MANAGER = StaffMember(StaffId(2), "manager", "李经理", Role.MANAGER)
PROFILE = RestaurantProfile(
    "老王面馆", "上海市徐汇区漕溪北路1号", "021-6400 1234", None, "多谢惠顾", "税号 123", "CNY", 4
)


def back_office(store_name: str = "老王面馆") -> tuple[RestaurantProfileAdmin, FakeUnits]:
    store = FakeStore(default_store_name=store_name)
    for staff in (CASHIER, MANAGER):
        store.staff[staff.staff_id] = StaffAccount(staff, hash_pin("2468"))
    store.settings.update(PROFILE.settings())
    units = FakeUnits(store)
    return RestaurantProfileAdmin(units, FakeClock(datetime(2026, 12, 4, 10, 0)), "T1"), units


def test_a_profile_round_trips_through_its_settings_and_an_old_database_gets_defaults() -> None:
    stored = RestaurantProfile.from_settings(PROFILE.settings())
    assert stored == replace(PROFILE, receipt_header="上海市徐汇区漕溪北路1号\nTel 021-6400 1234")
    old = RestaurantProfile.from_settings({"restaurant_name": "小店", "receipt_header": "x"})
    # the business day of a database set up before the cut-off existed is the calendar day
    assert (old.currency, old.cutoff_hour, old.tax_line) == ("CNY", 0, "")


def test_only_what_changed_is_written_and_audited_before_and_after() -> None:
    admin, units = back_office()
    admin.save(MANAGER, replace(admin.current(), cutoff_hour=6, tax_line=" 税号 456 "))
    assert units.store.settings["business_day_cutoff_hour"] == "6"
    assert units.store.settings["restaurant_tax_line"] == "税号 456"
    ((context, action, subject, detail),) = units.store.audit
    assert (context.staff_id, action, subject) == (
        MANAGER.staff_id,
        "restaurant_profile_changed",
        "老王面馆",
    )
    assert detail == {
        "before": {"business_day_cutoff_hour": "4", "restaurant_tax_line": "税号 123"},
        "after": {"business_day_cutoff_hour": "6", "restaurant_tax_line": "税号 456"},
    }
    admin.save(MANAGER, admin.current())  # nothing changed: nothing audited
    assert len(units.store.audit) == 1


def test_the_role_stored_for_the_staff_id_decides_not_the_callers_claim() -> None:
    admin, units = back_office()
    for caller in (CASHIER, replace(CASHIER, role=Role.MANAGER)):
        with pytest.raises(PermissionDenied):
            admin.save(caller, replace(PROFILE, name="冒名"))
    units.store.staff[MANAGER.staff_id] = StaffAccount(
        replace(MANAGER, role=Role.CASHIER), hash_pin("2468")
    )  # demoted since signing in
    with pytest.raises(PermissionDenied):
        admin.save(MANAGER, replace(PROFILE, name="冒名"))
    assert admin.current().name == "老王面馆" and not units.store.audit


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"name": " "}, ProfileProblem.NO_NAME),
        ({"name": "名" * 65}, ProfileProblem.NAME_TOO_LONG),
        ({"address": "路" * 401}, ProfileProblem.TEXT_TOO_LONG),
        ({"currency": "JPY"}, ProfileProblem.UNKNOWN_CURRENCY),
        ({"cutoff_hour": -1}, ProfileProblem.BAD_CUTOFF),
        ({"cutoff_hour": 12}, ProfileProblem.BAD_CUTOFF),
    ],
)
def test_a_bad_profile_is_refused_with_its_problem(
    change: dict[str, object], problem: ProfileProblem
) -> None:
    with pytest.raises(ProfileRefused) as refused:
        check_profile(replace(PROFILE, **change))  # type: ignore[arg-type]
    assert refused.value.problem is problem


def test_a_store_still_under_the_default_name_takes_the_restaurants_name_once() -> None:
    admin, units = back_office(store_name="Main store")
    admin.save(MANAGER, replace(admin.current(), tax_line="税号 456"))
    assert units.store.default_store_name == "老王面馆"
    assert [action for _c, action, _s, _d in units.store.audit] == [
        "restaurant_profile_changed",
        "store_renamed",
    ]
    admin.save(MANAGER, replace(admin.current(), name="新面馆"))
    assert units.store.default_store_name == "老王面馆"  # named once: kept
    assert [action for _c, action, _s, _d in units.store.audit][-1] == "restaurant_profile_changed"
