"""Sign-in that carries on from the local copy while the server cannot be reached."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.domain.pin_policy import PinPolicy
from app.domain.staff import StaffMember
from app.domain.storage import StorageBusy, StorageUnavailable
from app.server_down.errors import NeedsServer, NoLocalCopy
from app.services.auth import AuthService

if TYPE_CHECKING:
    from app.bootstrap import Till


def copy_sign_in(till: Till) -> AuthService | None:
    """Sign-in over ``till``'s local copy; ``None`` without a usable copy (none yet, or
    made by another version of the till). Asked when the server does not answer."""
    copy = till.local_copy
    if copy is None:
        return None
    from app.server_down.opening import usable

    if not usable(copy):
        return None
    assert till.offline_units is not None
    return AuthService(till.offline_units, till.clock, till.config.till_id)


class SignInDesk:
    """The staff list and the PIN check from the server or, once the server did not
    answer, from the local copy: the same hashes and the same lockout rules, counted in
    the copy (the copy's staff rows are the server's again at its next refresh).

    ``offline`` gives the sign-in over the copy, or ``None`` when the till has no usable
    copy. One desk serves one sign-in window: the server is asked again by the next.
    ``known_down``: the server did not answer just before (the start, the last sign-in):
    go to the copy at once rather than wait for another timeout (to the server when there
    is no copy).
    """

    def __init__(
        self,
        online: AuthService,
        offline: Callable[[], AuthService | None],
        known_down: StorageUnavailable | None = None,
    ) -> None:
        self._online, self._offline = online, offline
        self._copy: AuthService | None = None
        self.unreachable: StorageUnavailable | None = None
        """What the server answered when it was given up on; ``None`` while online."""
        if known_down is not None:
            self._copy = offline()
            self.unreachable = None if self._copy is None else known_down

    def _current(self) -> AuthService:
        return self._online if self._copy is None else self._copy

    def _fall_back(self, error: StorageUnavailable) -> AuthService:
        if isinstance(error, StorageBusy):  # the server answered: it is there, only slow
            raise error
        copy = self._offline()
        if copy is None:
            raise NoLocalCopy(error) from error
        self._copy, self.unreachable = copy, error
        return copy

    def server_lost(self, error: StorageUnavailable) -> None:
        """The server stopped answering after a sign-in (the counter could not open): the
        next sign-in goes to the copy at once when there is one, else to the server again."""
        if self._copy is not None or isinstance(error, StorageBusy):
            return
        copy = self._offline()
        if copy is not None:
            self._copy, self.unreachable = copy, error

    def staff_on_duty(self) -> list[StaffMember]:
        try:
            return self._current().staff_on_duty()
        except StorageUnavailable as error:
            if self._copy is not None:
                raise
            return self._fall_back(error).staff_on_duty()

    def log_in(self, username: str, pin: str) -> StaffMember:
        try:
            return self._current().log_in(username, pin)
        except StorageUnavailable as error:
            if self._copy is not None:
                raise
            return self._fall_back(error).log_in(username, pin)

    def pin_policy(self) -> PinPolicy:
        return self._current().pin_policy()

    def change_pin(self, username: str, pin: str, new_pin: str) -> StaffMember:
        """A new PIN is kept by the server only: the copy's staff rows are replaced by the
        server's at its next refresh, so offline it would be lost."""
        if self._copy is not None:
            raise NeedsServer
        return self._online.change_pin(username, pin, new_pin)
