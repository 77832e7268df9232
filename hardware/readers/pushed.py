"""A card reader whose reads are handed to it by the till itself, on the caller's thread.

The simulator and the keyboard-wedge reader work this way: there is no device thread,
and the reader is connected for as long as it is started.
"""

from __future__ import annotations

from hardware.readers.state import OnRead, OnState, ReaderState, Translate, as_sent


class PushedCardReader:
    """``translate`` turns each read into what the listener gets (the reader's format)."""

    def __init__(self, translate: Translate = as_sent) -> None:
        self._translate = translate
        self._on_read: OnRead | None = None
        self._state = ReaderState.DISCONNECTED

    @property
    def state(self) -> ReaderState:
        return self._state

    def start(self, on_read: OnRead, on_state: OnState | None = None) -> None:
        self._on_read = on_read
        self._state = ReaderState.CONNECTED
        if on_state is not None:
            on_state(ReaderState.CONNECTED)

    def stop(self) -> None:
        self._on_read = None
        self._state = ReaderState.DISCONNECTED

    def deliver(self, text: str) -> None:
        """One read, passed to the listener while the reader is started."""
        if self._on_read is not None:
            self._on_read(self._translate(text))
