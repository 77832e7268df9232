"""Errors the services raise for people to read; the UI maps each family to a message."""

from __future__ import annotations

import enum
from datetime import datetime

from app.domain.staff import Permission


class TillError(Exception):
    """Base of every refusal a service gives; ``str()`` is a sentence for staff."""


class PermissionDenied(TillError):
    """A role may not do this; ``permission`` names the right it lacks, when one does (the
    screens say it in the cashier's language)."""

    def __init__(self, message: str = "", permission: Permission | None = None) -> None:
        super().__init__(message)
        self.permission = permission


class LoginRefusal(enum.Enum):
    UNKNOWN_STAFF = "unknown staff member"
    WRONG_PIN = "wrong PIN"
    LOCKED = "account locked"
    LOCKED_NOW = "too many wrong PINs: account locked"
    UNREADABLE_BADGE = "badge not read"
    UNKNOWN_BADGE = "unknown badge"
    INACTIVE = "staff member no longer active"
    TRAINING_ONLY = "trainees sign in on a till in training mode"
    NEW_PIN_REQUIRED = "the PIN was reset: choose a new one"
    SAME_PIN = "the new PIN is the PIN it replaces"


class LoginRefused(TillError):
    def __init__(self, reason: LoginRefusal, locked_until: datetime | None = None) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.locked_until = locked_until


class CheckoutRefused(TillError):
    pass


class BadgeProblem(enum.Enum):
    UNREADABLE = "badge not read"
    TAKEN = "badge registered to someone else"
    MEMBER_CARD = "a member's card, not a staff badge"
    NOT_REGISTERED = "no badge registered"


class BadgeRefused(TillError):
    """A staff member's own badge could not be registered or removed."""

    def __init__(self, problem: BadgeProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


class StaffProblem(enum.Enum):
    LAST_MANAGER = "the last active manager cannot be disabled or made another role"
    USERNAME_TAKEN = "that sign-in name is taken"
    BAD_USERNAME = "a sign-in name is 2 to 32 letters, digits, dots, dashes or underscores"
    BAD_NAME = "a name has 1 to 64 characters"
    UNKNOWN_STAFF = "no such staff member"


class StaffRefused(TillError):
    """The back office refused a change to the staff list."""

    def __init__(self, problem: StaffProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


class MenuProblem(enum.Enum):
    NO_NAME = "an item or category needs a name"
    LONG_NAME = "a name has at most 64 characters"
    LONG_NOTE = "the allergen note has at most 200 characters"
    DUPLICATE_ITEM = "that category already has an item of that name"
    DUPLICATE_CATEGORY = "a category of that name already exists"
    BAD_PRICE = "a price is from 0.00 to 100,000.00"
    UNKNOWN_CATEGORY = "no such category"
    UNKNOWN_ITEM = "no such menu item"


class MenuRefused(TillError):
    """The back office refused a change to the menu."""

    def __init__(self, problem: MenuProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem
