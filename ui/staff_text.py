"""A staff member's name as screens show it: a trainee's marked in the interface language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.staff import Role, StaffMember


def staff_name(staff: StaffMember) -> str:
    if staff.role is Role.TRAINEE:
        marked = QCoreApplication.translate("StaffText", "%1 (trainee)")
        return marked.replace("%1", staff.display_name)
    return staff.display_name
