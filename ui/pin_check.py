"""The sign-in window's database work as work for a pool thread: the first read of the
staff list (with the demo marker), and the PIN check (the scrypt hash and the database's
reads and writes: the failed attempts, the lockout). None of it holds the window up, and a
stalled server only keeps a job out until the statement timeout."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.domain.pin_policy import PinPolicy
from app.domain.staff import StaffMember
from app.domain.storage import StorageUnavailable
from app.errors import LoginRefusal, LoginRefused
from app.server_down.sign_in import SignInDesk


@dataclass(frozen=True)
class NewPinNeeded:
    """The PIN typed is a one-time PIN a manager gave: the person chooses their own under
    ``policy`` (read in the same job, so the new-PIN dialog opens without another wait)."""

    policy: PinPolicy


@dataclass(frozen=True)
class StaffList:
    """Who may sign in, and whether the restaurant is the demo (its PINs are shown)."""

    staff: list[StaffMember]
    demo: bool


def staff_read(desk: SignInDesk, demo_marker: Callable[[], bool] | None) -> Callable[[], StaffList]:
    """The staff list from the server, or from the copy once the server did not answer;
    raises what ``desk.staff_on_duty`` raises (``NoLocalCopy``, ``StorageUnavailable``).
    ``demo_marker`` is asked first (``None``: not asked, not the demo); a server that does
    not answer it sends the staff list to the copy at once rather than after a second
    timeout."""

    def read() -> StaffList:
        demo = False
        if demo_marker is not None:
            try:
                demo = demo_marker()
            except StorageUnavailable as error:
                desk.server_lost(error)
        return StaffList(desk.staff_on_duty(), demo)

    return read


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
