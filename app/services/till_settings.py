"""Per-till settings: anyone may switch the language; only managers rewire devices."""

from __future__ import annotations

from pathlib import Path

from app.config import TillSettings, load_till_settings, save_till_settings
from app.domain.staff import Permission, StaffMember, role_allows
from app.errors import PermissionDenied
from hardware.urls import parse_display_url, parse_printer_url, parse_reader_url


class TillSettingsService:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> TillSettings:
        return load_till_settings(self.path)

    def update(self, staff: StaffMember, new: TillSettings) -> TillSettings:
        """Validate and save; raises ``DeviceUrlError`` or ``PermissionDenied``."""
        current = self.load()
        devices_changed = new.devices() != current.devices()
        if devices_changed and not role_allows(staff.role, Permission.CHANGE_SETTINGS):
            raise PermissionDenied("only a manager may change the till's devices")
        parse_printer_url(new.printer_url)
        parse_reader_url(new.card_reader_url)
        parse_display_url(new.display_url)
        if not new.till_id.strip() or len(new.till_id) > 16:
            raise ValueError("a till id has 1 to 16 characters")
        save_till_settings(self.path, new)
        return new
