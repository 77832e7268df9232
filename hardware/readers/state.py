"""Whether a card reader is connected, and the callbacks every reader takes."""

from __future__ import annotations

import enum
from collections.abc import Callable


class ReaderState(enum.Enum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"


OnRead = Callable[[str], None]
OnState = Callable[[ReaderState], None]
Translate = Callable[[str], str]


def as_sent(text: str) -> str:
    return text
