"""A simulated card reader: the till (or a test) decides when a card is swiped."""

from __future__ import annotations

from collections.abc import Callable


class SimCardReader:
    """Delivers ``simulate_swipe`` data to the listener, on the caller's thread."""

    def __init__(self) -> None:
        self._on_read: Callable[[str], None] | None = None

    def describe(self) -> str:
        return "simulated card reader"

    def start(self, on_read: Callable[[str], None]) -> None:
        self._on_read = on_read

    def stop(self) -> None:
        self._on_read = None

    def simulate_swipe(self, data: str) -> None:
        if self._on_read is not None:
            self._on_read(data)
