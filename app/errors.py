"""Errors the services raise for people to read; the UI maps each family to a message."""

from __future__ import annotations

from datetime import datetime


class TillError(Exception):
    """Base of every refusal a service gives; ``str()`` is a sentence for staff."""


class PermissionDenied(TillError):
    pass


class LoginRefused(TillError):
    def __init__(self, message: str, locked_until: datetime | None = None) -> None:
        super().__init__(message)
        self.locked_until = locked_until


class CheckoutRefused(TillError):
    pass
