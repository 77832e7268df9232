"""Staff roles, what each may do, and PIN hashing with lockout rules."""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NewType

from app.domain.pin_policy import PinPolicy

StaffId = NewType("StaffId", int)


class Role(enum.Enum):
    CASHIER = "cashier"
    MANAGER = "manager"
    TRAINEE = "trainee"
    CHAIN_MANAGER = "chain_manager"  # a manager who also sees every store's figures


class Permission(enum.Enum):
    CHECKOUT = "checkout"
    CHANGE_SETTINGS = "change_settings"
    OPEN_DRAWER = "open_drawer"  # without a sale ("no sale")
    ENROL_MEMBERS = "enrol_members"  # and issue cards
    MERGE_MEMBERS = "merge_members"
    REFUND = "refund"  # refund or void a paid order
    ADJUST_BALANCE = "adjust_balance"  # points or stored value by hand
    OVERRIDE_TIER = "override_tier"
    EDIT_LOYALTY_RULES = "edit_loyalty_rules"
    ISSUE_COUPONS = "issue_coupons"  # personal coupons as a goodwill gesture
    MANUAL_DISCOUNT = "manual_discount"  # a discount by hand on a line or an order
    WORK_MEMBER_LISTS = "work_member_lists"  # the floor manager's lists and member stories
    VIEW_REPORTS = "view_reports"  # reports, KPIs and exports
    RUN_TRAINING = "run_training"  # switch a till into or out of training, reset its sandbox
    MANAGE_STAFF = "manage_staff"  # add, edit, disable staff; reset PINs; badges; PIN policy
    IMPORT_MEMBERS = "import_members"  # bring members from another system's export
    MANAGE_MENU = "manage_menu"  # categories, items, prices, allergens, sold out, hidden
    VIEW_CHAIN = "view_chain"  # reports of other stores, a region or the whole chain


_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.CASHIER: frozenset({Permission.CHECKOUT, Permission.ENROL_MEMBERS}),
    # Trainees practise in training mode only; on a live till they take no payments.
    Role.TRAINEE: frozenset(),
    Role.MANAGER: frozenset(Permission) - {Permission.VIEW_CHAIN},
    Role.CHAIN_MANAGER: frozenset(Permission),
}

MANAGER_ROLES = frozenset({Role.MANAGER, Role.CHAIN_MANAGER})
"""The roles with the manager's workspace (a chain manager is a manager everywhere)."""


def role_allows(role: Role, permission: Permission) -> bool:
    return permission in _GRANTS[role]


@dataclass(frozen=True)
class StaffMember:
    """A signed-in (or selectable) staff member, as the UI and services see them."""

    staff_id: StaffId
    username: str
    display_name: str
    role: Role


@dataclass(frozen=True)
class StoredBadge:
    """A staff badge as stored: never its number, but a slow hash that finds its holder
    and keeps it unique, and the last four digits that tell badges apart on screen."""

    digest: str
    last4: str

    @classmethod
    def of(cls, number: str) -> StoredBadge:
        return cls(hash_badge(number), number[-4:])


@dataclass(frozen=True)
class StaffAccount:
    """A staff member as stored: their PIN hash, wrong PINs so far, lockout and badge."""

    staff: StaffMember
    pin_hash: str
    active: bool = True
    failed_attempts: int = 0
    locked_until: datetime | None = None
    badge: StoredBadge | None = None
    must_change_pin: bool = False
    """A manager reset the PIN: the next sign-in sets a new one before anything else."""

    @property
    def staff_id(self) -> StaffId:
        return self.staff.staff_id

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


def may(account: StaffAccount | None, permission: Permission) -> bool:
    """Whether the stored ``account`` (``None``: nobody) may do it: active, and its role
    allows it."""
    return account is not None and account.active and role_allows(account.staff.role, permission)


MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=5)

# scrypt cost: ~50 ms per check here, slow enough that a stolen database does not give
# up 4- to 6-digit PINs in seconds, fast enough for a login at the till.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """Return ``scrypt$N$r$p$salt_hex$hash_hex`` for ``pin``; a fresh salt by default."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(
        pin.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32
    )
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


# A swipe must find its holder by the hash, so a badge's hash cannot have a salt of its
# own as a PIN's has: one fixed salt, still scrypt-slow against guessing from a stolen
# database. (Migration 0010 holds a frozen copy: change both or neither.)
_BADGE_SALT = b"pos-staff-badge1"


def hash_badge(number: str) -> str:
    """The same ``hash_pin`` string for the same badge number, on every till."""
    return hash_pin(number, salt=_BADGE_SALT)


def verify_pin(pin: str, stored: str) -> bool:
    """Check ``pin`` against a ``hash_pin`` string in constant time."""
    try:
        scheme, n, r, p, salt_hex, hash_hex = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(
        pin.encode(), salt=bytes.fromhex(salt_hex), n=int(n), r=int(r), p=int(p), dklen=32
    )
    return hmac.compare_digest(digest.hex(), hash_hex)


def validate_new_pin(pin: str, policy: PinPolicy | None = None) -> None:
    """``PinRejected`` (a ``ValueError``) for a PIN the till will not store: see
    ``app.domain.pin_policy``, the default policy unless one is given."""
    (policy or PinPolicy()).check(pin)


def lockout_until(failed_attempts: int, now: datetime) -> datetime | None:
    """When ``failed_attempts`` reaches the limit, the account locks until this time."""
    if failed_attempts >= MAX_FAILED_ATTEMPTS:
        return now + LOCKOUT
    return None
