"""Privileged services check the role stored for the staff id, on SQLite and PostgreSQL:
a ``StaffMember`` claiming to be a manager is only a claim (forged, or stale after a
demotion)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.bootstrap import Till
from app.config import TillSettings, load_till_settings
from app.domain.staff import Role
from app.errors import PermissionDenied
from app.services.till_settings import TillSettingsService
from app.staff_admin.service import NewStaff


def test_a_cashier_claiming_manager_cannot_rewire_the_till(till: Till, tmp_path: Path) -> None:
    settings = TillSettingsService(tmp_path / "till-settings.json")
    cashier = till.auth.log_in("wangfang", "1111")
    claiming = replace(cashier, role=Role.MANAGER)
    with pytest.raises(PermissionDenied):
        settings.update(claiming, TillSettings(printer_url="escpos+tcp://10.0.0.9:9100"), till.auth)
    assert load_till_settings(settings.path) == TillSettings()
    language_only = TillSettings(language="en")  # anyone may switch the language
    assert settings.update(cashier, language_only, till.auth) == language_only


def test_a_demoted_manager_cannot_rewire_the_till_with_their_old_sign_in(
    till: Till, tmp_path: Path
) -> None:
    settings = TillSettingsService(tmp_path / "till-settings.json")
    manager = till.auth.log_in("manager", "9999")
    new_id = till.staff_admin.add(manager, NewStaff("liu", "刘经理", Role.MANAGER), "4827")
    liu = till.auth.change_pin("liu", "4827", "6193")
    rewired = TillSettings(printer_url="escpos+tcp://10.0.0.9:9100")
    assert settings.update(liu, rewired, till.auth) == rewired
    till.staff_admin.edit(manager, new_id, "刘经理", Role.CASHIER)
    with pytest.raises(PermissionDenied):
        settings.update(liu, TillSettings(printer_url="sim://"), till.auth)
    assert load_till_settings(settings.path) == rewired
