"""The refusals a till gives when the server cannot be reached."""

from __future__ import annotations

from app.domain.storage import StorageUnavailable
from app.errors import TillError


class NoLocalCopy(TillError):
    """The server cannot be reached and this till has no local copy to open or sign in
    from yet (it is made while the server answers)."""

    def __init__(self, error: StorageUnavailable) -> None:
        super().__init__(
            "the server cannot be reached and this till has no local copy to work from yet: "
            "check the server and the network, then start the till again (the copy is made "
            "while the server answers)"
        )
        self.error = error


class NeedsServer(TillError):
    """What was asked needs the server, which cannot be reached now."""

    def __init__(self) -> None:
        super().__init__("this needs the server, which cannot be reached now: try again later")
