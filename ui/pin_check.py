"""The sign-in window's PIN check as work for a pool thread: the scrypt hash and the
database's reads and writes (the failed attempts, the lockout) never hold the window up,
and a stalled server only keeps the check out until the statement timeout."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.domain.pin_policy import PinPolicy
from app.domain.staff import StaffMember
from app.errors import LoginRefusal, LoginRefused
from app.server_down.sign_in import SignInDesk


@dataclass(frozen=True)
class NewPinNeeded:
    """The PIN typed is a one-time PIN a manager gave: the person chooses their own under
    ``policy`` (read in the same job, so the new-PIN dialog opens without another wait)."""

    policy: PinPolicy


def pin_check(
    desk: SignInDesk, username: str, pin: str
) -> Callable[[], StaffMember | NewPinNeeded]:
    """Who signs in, or that a new PIN is needed; raises what ``desk.log_in`` raises (a
    one-time PIN on the local copy too: a new PIN needs the server)."""

    def check() -> StaffMember | NewPinNeeded:
        try:
            return desk.log_in(username, pin)
        except LoginRefused as refusal:
            if refusal.reason is LoginRefusal.NEW_PIN_REQUIRED and desk.unreachable is None:
                return NewPinNeeded(desk.pin_policy())
            raise

    return check
