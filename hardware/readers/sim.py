"""A simulated card reader: the till (or a test) decides when a card is swiped."""

from __future__ import annotations

from hardware.readers.state import OnRead, OnState, ReaderState


class SimCardReader:
    """Delivers ``simulate_swipe`` data to the listener, on the caller's thread."""

    def __init__(self) -> None:
        self._on_read: OnRead | None = None
        self._state = ReaderState.DISCONNECTED

    @property
    def state(self) -> ReaderState:
        return self._state

    def describe(self) -> str:
        return "simulated card reader"

    def start(self, on_read: OnRead, on_state: OnState | None = None) -> None:
        self._on_read = on_read
        self._state = ReaderState.CONNECTED
        if on_state is not None:
            on_state(ReaderState.CONNECTED)

    def stop(self) -> None:
        self._on_read = None
        self._state = ReaderState.DISCONNECTED

    def simulate_swipe(self, data: str) -> None:
        if self._on_read is not None:
            self._on_read(data)
