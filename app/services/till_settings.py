"""Per-till settings: anyone may switch the language; only managers rewire devices (the
role stored for the staff id decides, not the one the caller's object carries)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Protocol

from app.config import TillSettings, load_till_settings, save_till_settings
from app.domain.staff import Permission, StaffMember
from app.domain.stores import is_valid_till_id
from hardware.urls import parse_display_url, parse_printer_url, parse_reader_url


class StoredRoleCheck(Protocol):
    """``app.services.auth.AuthService`` fits: it reads the stored role and active flag."""

    def require(self, staff: StaffMember, permission: Permission) -> None:
        """``PermissionDenied`` unless the account stored for ``staff`` may do it."""


class TillSettingsService:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> TillSettings:
        return load_till_settings(self.path)

    def remember_till_id(self, till_id: str) -> None:
        """The id the database handed out to this till (``app.stores.registration``)."""
        save_till_settings(self.path, replace(self.load(), till_id=till_id))

    def update(self, staff: StaffMember, new: TillSettings, roles: StoredRoleCheck) -> TillSettings:
        """Validate and save; raises ``DeviceUrlError`` or ``PermissionDenied``. The
        settings live beside the database, not in it, so the stored role is asked of
        ``roles`` (the till's database)."""
        current = self.load()
        if new.devices() != current.devices():
            roles.require(staff, Permission.CHANGE_SETTINGS)
        parse_printer_url(new.printer_url)
        parse_reader_url(new.card_reader_url)
        parse_display_url(new.display_url)
        if new.till_id and not is_valid_till_id(new.till_id):  # empty: handed out at start
            raise ValueError("a till id has 1 to 16 characters")
        save_till_settings(self.path, new)
        return new
