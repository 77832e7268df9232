"""The rights a role may lack, named in the interface language (refusals say which)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.staff import Permission


def permission_label(permission: Permission) -> str:
    translate = QCoreApplication.translate
    return {
        Permission.CHECKOUT: translate("PermissionText", "take payments"),
        Permission.CHANGE_SETTINGS: translate("PermissionText", "change the till's settings"),
        Permission.OPEN_DRAWER: translate("PermissionText", "open the cash drawer"),
        Permission.ENROL_MEMBERS: translate("PermissionText", "enrol members and issue cards"),
        Permission.MERGE_MEMBERS: translate("PermissionText", "merge member records"),
        Permission.REFUND: translate("PermissionText", "refund or void orders"),
        Permission.ADJUST_BALANCE: translate("PermissionText", "correct points or stored value"),
        Permission.OVERRIDE_TIER: translate("PermissionText", "change a member's tier"),
        Permission.EDIT_LOYALTY_RULES: translate("PermissionText", "edit the loyalty rules"),
        Permission.ISSUE_COUPONS: translate("PermissionText", "issue coupons"),
        Permission.MANUAL_DISCOUNT: translate("PermissionText", "give a discount by hand"),
        Permission.WORK_MEMBER_LISTS: translate("PermissionText", "work member lists"),
        Permission.VIEW_REPORTS: translate("PermissionText", "view reports"),
        Permission.RUN_TRAINING: translate("PermissionText", "run training mode"),
        Permission.MANAGE_STAFF: translate("PermissionText", "manage staff"),
        Permission.IMPORT_MEMBERS: translate("PermissionText", "import members"),
        Permission.MANAGE_MENU: translate("PermissionText", "manage the menu"),
    }[permission]
