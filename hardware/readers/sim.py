"""A simulated card reader: the till (or a test) decides when a card is swiped."""

from __future__ import annotations

from hardware.readers.pushed import PushedCardReader


class SimCardReader(PushedCardReader):
    """Delivers ``simulate_swipe`` data to the listener, on the caller's thread."""

    def describe(self) -> str:
        return "simulated card reader"

    def simulate_swipe(self, data: str) -> None:
        self.deliver(data)
