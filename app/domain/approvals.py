"""Which actions need a manager's one-shot approval at the till, and the reasons allowed.

Each role may do an action alone up to a limit (minor units; ``None``: no limit). A
role without the permission at all always needs an approver who has it. The approver
gives an ``Approval``: their PIN, or a swipe of their staff card (badge).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TypeAlias

from app.domain.card_reads import ReadKind, UnreadableCard, decode_read
from app.domain.staff import Permission, Role, role_allows


class ReasonCode(enum.Enum):
    WRONG_ITEMS = "wrong_items"
    GUEST_COMPLAINT = "guest_complaint"
    DUPLICATE_CHARGE = "duplicate_charge"
    GUEST_CHANGED_MIND = "guest_changed_mind"
    CORRECTION = "correction"
    GOODWILL = "goodwill"
    OTHER = "other"


# What a role may do without a second person: refunds per refund, manual discounts per
# discount (minor units).
SELF_APPROVAL_LIMITS: dict[Role, dict[Permission, int | None]] = {
    Role.CASHIER: {},
    Role.TRAINEE: {},
    Role.MANAGER: {
        Permission.REFUND: None,
        Permission.ADJUST_BALANCE: None,
        Permission.OVERRIDE_TIER: None,
        Permission.MANUAL_DISCOUNT: None,
    },
}
SELF_APPROVAL_LIMITS[Role.CHAIN_MANAGER] = SELF_APPROVAL_LIMITS[Role.MANAGER]


def needs_approval(role: Role, permission: Permission, amount: int = 0) -> bool:
    """Whether someone in ``role`` needs another person's PIN to do this."""
    if not role_allows(role, permission):
        return True
    limit = SELF_APPROVAL_LIMITS[role].get(permission, 0)
    return limit is not None and amount > limit


@dataclass(frozen=True)
class PinApproval:
    """The approver, chosen by username, types their PIN."""

    username: str
    pin: str = field(repr=False)


@dataclass(frozen=True)
class BadgeApproval:
    """The approver swipes their staff card; ``raw_read`` is what the reader sent."""

    raw_read: str = field(repr=False)


Approval: TypeAlias = PinApproval | BadgeApproval


def badge_number(raw_read: str) -> str | None:
    """The badge number in a reader's line, decoded as member cards are (framing, noise
    and track sentinels dropped): a card number or a UID. ``None`` when the line names no
    card, or names a member's QR code, which is never a staff badge."""
    read = decode_read(raw_read)
    if isinstance(read, UnreadableCard) or read.kind is ReadKind.MEMBER_CODE:
        return None
    return read.identity
