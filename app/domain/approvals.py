"""Which actions need a manager's one-shot approval at the till, and the reasons allowed.

Each role may do an action alone up to a limit (minor units; ``None``: no limit). A
role without the permission at all always needs an approver who has it.
"""

from __future__ import annotations

import enum

from app.domain.staff import Permission, Role, role_allows


class ReasonCode(enum.Enum):
    WRONG_ITEMS = "wrong_items"
    GUEST_COMPLAINT = "guest_complaint"
    DUPLICATE_CHARGE = "duplicate_charge"
    GUEST_CHANGED_MIND = "guest_changed_mind"
    CORRECTION = "correction"
    GOODWILL = "goodwill"
    OTHER = "other"


# Refunds a role may give without a second person, per refund.
SELF_APPROVAL_LIMITS: dict[Role, dict[Permission, int | None]] = {
    Role.CASHIER: {},
    Role.TRAINEE: {},
    Role.MANAGER: {
        Permission.REFUND: None,
        Permission.ADJUST_BALANCE: None,
        Permission.OVERRIDE_TIER: None,
    },
}


def needs_approval(role: Role, permission: Permission, amount: int = 0) -> bool:
    """Whether someone in ``role`` needs another person's PIN to do this."""
    if not role_allows(role, permission):
        return True
    limit = SELF_APPROVAL_LIMITS[role].get(permission, 0)
    return limit is not None and amount > limit
