"""The interfaces app/ owns; adapters in db/ and hardware/ (and fakes in tests) fit them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from hardware.printing.document import ReceiptDocument
from hardware.printing.status import PrinterStatus
from hardware.printing.transports import Delivery
from hardware.readers.state import ReaderState
from hardware.readers.wedge import WedgeDetector


class ReceiptPrinter(Protocol):
    def describe(self) -> str: ...

    def print_receipt(self, doc: ReceiptDocument, *, open_drawer: bool = False) -> Delivery:
        """Blocking: call it off the GUI thread. Raises ``HardwareError``."""

    def kick_drawer(self) -> Delivery:
        """Open the cash drawer wired to the printer. Blocking, like printing."""

    def probe(self) -> PrinterStatus | None:
        """Status without printing (``None``: not reported). Raises ``HardwareError``."""


class CardReader(Protocol):
    def describe(self) -> str: ...

    @property
    def state(self) -> ReaderState: ...

    def start(
        self,
        on_read: Callable[[str], None],
        on_state: Callable[[ReaderState], None] | None = None,
    ) -> None:
        """Both callbacks may run on a reader thread; ``on_read`` gets one raw read."""

    def stop(self) -> None: ...


class CustomerDisplay(Protocol):
    def describe(self) -> str: ...

    online: bool
    """Whether the last frame reached the device."""

    def show(self, top: str, bottom: str) -> None:
        """Returns at once; the device catches up on its own thread."""

    def stop(self) -> None: ...


@runtime_checkable
class SimulatesSwipes(Protocol):
    """A card reader the till can drive itself (training, demos, tests)."""

    def simulate_swipe(self, data: str) -> None: ...


@runtime_checkable
class KeyboardWedge(CardReader, Protocol):
    """A card reader that types like a keyboard (``wedge://``): the UI must feed it keys.

    The UI shows each typed character to ``detector`` and hands each completed read to
    ``deliver``; reads arrive on the GUI thread.
    """

    @property
    def detector(self) -> WedgeDetector: ...

    def deliver(self, text: str) -> None:
        """One read, passed to the listener while the reader is started."""


class PrintPreview(Protocol):
    """A printer that keeps what it printed (the simulator)."""

    def add_listener(self, listener: Callable[[bytes], None]) -> None:
        """``listener`` gets each slip's bytes, on the printing thread."""

    def remove_listener(self, listener: Callable[[bytes], None]) -> None: ...


@runtime_checkable
class DisplayPreview(Protocol):
    """A customer display that keeps what it shows, so the till can mirror it (the simulator)."""

    @property
    def lines(self) -> tuple[str, str]:
        """The upper and lower line on show now."""

    def add_listener(self, listener: Callable[[str, str], None]) -> None:
        """``listener`` gets each frame's two lines, on the thread that showed it."""

    def remove_listener(self, listener: Callable[[str, str], None]) -> None: ...
