"""Customer pole display: a 2×20 VFD in its ESC/POS (CD5220-style) command mode.

Frames are ``CLR``, ``ESC Q A`` + 20 characters + ``CR`` (upper line), ``ESC Q B`` + 20
characters + ``CR`` (lower line). These displays show ASCII only, so text is folded to
ASCII (accents dropped, anything else shown as ``?``). Writing happens on a worker
thread that keeps only the newest frame: the till never waits for the display.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from collections.abc import Callable

import serial

from hardware.urls import parse_display_url

WIDTH = 20
CLEAR = b"\x0c"
UPPER, LOWER, END = b"\x1bQA", b"\x1bQB", b"\r"

log = logging.getLogger(__name__)


def fit(text: str) -> bytes:
    folded = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    return ascii_only.encode("ascii", errors="replace")[:WIDTH].ljust(WIDTH)


def frame(top: str, bottom: str) -> bytes:
    return CLEAR + UPPER + fit(top) + END + LOWER + fit(bottom) + END


def decode_frames(data: bytes) -> list[tuple[str, str]]:
    """Every (upper, lower) pair in ``data``: what the display showed, in order."""
    frames = []
    for chunk in data.split(CLEAR)[1:]:
        upper = chunk[chunk.find(UPPER) + 3 : chunk.find(END)]
        rest = chunk[chunk.find(LOWER) + 3 :]
        frames.append((upper.decode("ascii"), rest[: rest.find(END)].decode("ascii")))
    return frames


class SimDisplay:
    """Shows frames to listeners (the till's on-screen copy of the pole display)."""

    online = True

    def __init__(self) -> None:
        self.lines = ("", "")
        self._listeners: list[Callable[[str, str], None]] = []

    def describe(self) -> str:
        return "simulated customer display"

    def show(self, top: str, bottom: str) -> None:
        shown = decode_frames(frame(top, bottom))[0]
        self.lines = shown
        for listener in list(self._listeners):
            listener(*shown)

    def add_listener(self, listener: Callable[[str, str], None]) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[str, str], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def stop(self) -> None:
        self._listeners.clear()


class SerialDisplay:
    """A VFD on a serial port; ``show`` returns at once, a worker writes the newest frame."""

    def __init__(self, port: str, baudrate: int, timeout_s: float = 2.0) -> None:
        self._port_name, self._baudrate, self._timeout = port, baudrate, timeout_s
        self._pending: bytes | None = None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopped = False
        self.online = False
        self._thread = threading.Thread(target=self._run, name=f"display {port}", daemon=True)
        self._thread.start()

    def describe(self) -> str:
        return f"customer display {self._port_name}"

    def show(self, top: str, bottom: str) -> None:
        with self._lock:
            self._pending = frame(top, bottom)
        self._wake.set()

    def stop(self) -> None:
        self._stopped = True
        self._wake.set()
        self._thread.join(5)

    def _run(self) -> None:
        port: serial.SerialBase | None = None
        while not self._stopped:
            self._wake.wait(1.0)
            self._wake.clear()
            with self._lock:
                data, self._pending = self._pending, None
            if data is None:
                continue
            try:
                if port is None:
                    port = serial.serial_for_url(
                        self._port_name, baudrate=self._baudrate, write_timeout=self._timeout
                    )
                port.write(data)
                port.flush()
                self.online = True
            except (serial.SerialException, OSError, ValueError) as exc:
                log.warning("%s: %s", self.describe(), exc)
                self.online = False
                if port is not None:
                    port.close()
                port = None
        if port is not None:
            port.close()


def open_display(url: str) -> SimDisplay | SerialDisplay | None:
    """The display a URL names, or ``None`` for an empty URL (no display)."""
    spec = parse_display_url(url)
    if spec is None:
        return None
    return SerialDisplay(spec.port, spec.baudrate) if spec.port else SimDisplay()
