"""The light question a till asks its database while it cannot be reached."""

from __future__ import annotations

from typing import Protocol


class ServerProbe(Protocol):
    def ping(self) -> None:
        """One round trip; raises ``StorageUnavailable`` when the database does not answer
        within the till's timeouts. Blocks: call it off the GUI thread."""
