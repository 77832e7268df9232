"""Errors the services raise for people to read; the UI maps each family to a message."""

from __future__ import annotations

import enum
from datetime import datetime


class TillError(Exception):
    """Base of every refusal a service gives; ``str()`` is a sentence for staff."""


class PermissionDenied(TillError):
    pass


class LoginRefusal(enum.Enum):
    UNKNOWN_STAFF = "unknown staff member"
    WRONG_PIN = "wrong PIN"
    LOCKED = "account locked"
    LOCKED_NOW = "too many wrong PINs: account locked"


class LoginRefused(TillError):
    def __init__(self, reason: LoginRefusal, locked_until: datetime | None = None) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.locked_until = locked_until


class CheckoutRefused(TillError):
    pass
