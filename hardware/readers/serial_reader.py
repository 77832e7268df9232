"""A card reader on a serial port (or any pyserial URL), read line by line on its own thread."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Sequence

import serial

from hardware.readers.state import OnRead, OnState, ReaderState, Translate, as_sent

logger = logging.getLogger(__name__)

_LINE_END = re.compile(rb"[\r\n]")  # CRLF leaves an empty line between, skipped as any
_MAX_LINE = 4096  # bytes; a stream that never ends a line still gets delivered


class SerialCardReader:
    """Reads lines ending in CR, LF or CRLF and delivers each non-empty one as text.

    A line that stops without a terminator is delivered once the port has been quiet
    for ``idle_s``, because some readers send none. When the port fails (unplugged,
    server gone) the reader reports DISCONNECTED and reopens it after each of
    ``retry_delays`` in turn, the last one repeating, until ``stop()``.

    Callbacks run on the reader's thread; none runs after ``stop()`` returns. Each line
    goes through ``translate`` (the reader's card format) on its way to the listener.
    """

    def __init__(
        self,
        port: str,
        baudrate: int = 9600,
        *,
        read_timeout: float = 0.2,
        retry_delays: Sequence[float] = (0.5, 1, 2, 5),
        idle_s: float = 1.0,
        translate: Translate = as_sent,
    ) -> None:
        if not retry_delays:
            raise ValueError("retry_delays must not be empty")
        self._port = port
        self._baudrate = baudrate
        self._read_timeout = read_timeout
        self._retry_delays = tuple(retry_delays)
        self._idle_s = idle_s
        self._translate = translate
        self._state = ReaderState.DISCONNECTED
        self._on_read: OnRead | None = None
        self._on_state: OnState | None = None
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def state(self) -> ReaderState:
        return self._state

    def describe(self) -> str:
        return f"card reader on {self._port} at {self._baudrate} baud"

    def start(self, on_read: OnRead, on_state: OnState | None = None) -> None:
        if self._thread is not None:
            raise RuntimeError("the card reader is already started")
        self._on_read = on_read
        self._on_state = on_state
        self._stopping = threading.Event()
        self._set_state(ReaderState.CONNECTING)
        self._thread = threading.Thread(
            target=self._run, name=f"card-reader {self._port}", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Ends the reader thread (within about ``read_timeout``) and closes the port."""
        thread, self._thread = self._thread, None
        self._stopping.set()
        if thread is not None:
            thread.join(timeout=max(2.0, 5 * self._read_timeout))
            if thread.is_alive():
                logger.warning("card reader %s: reader thread did not stop", self._port)
        self._state = ReaderState.DISCONNECTED

    # reader thread ----------------------------------------------------------

    def _run(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            try:
                port = serial.serial_for_url(
                    self._port, baudrate=self._baudrate, timeout=self._read_timeout
                )
            except Exception as exc:
                self._log_failure("cannot open", exc, quietly=failures > 0)
            else:
                failures = 0
                try:
                    self._set_state(ReaderState.CONNECTED)
                    self._read_lines(port)
                except Exception as exc:
                    self._log_failure("lost", exc, quietly=False)
                finally:
                    port.close()
            if self._stopping.is_set():
                break
            self._set_state(ReaderState.DISCONNECTED)
            delay = self._retry_delays[min(failures, len(self._retry_delays) - 1)]
            failures += 1
            self._stopping.wait(delay)

    def _read_lines(self, port: serial.SerialBase) -> None:
        pending = b""
        last_byte = time.monotonic()
        while not self._stopping.is_set():
            chunk: bytes = port.read(max(1, port.in_waiting))
            now = time.monotonic()
            if chunk:
                last_byte = now
                *lines, pending = _LINE_END.split(pending + chunk)
                if len(pending) >= _MAX_LINE:
                    lines.append(pending)
                    pending = b""
                for line in lines:
                    self._deliver(line)
            elif pending and now - last_byte >= self._idle_s:
                self._deliver(pending)
                pending = b""

    def _deliver(self, line: bytes) -> None:
        text = line.decode("utf-8", errors="replace")
        if not text.strip() or self._on_read is None or self._stopping.is_set():
            return
        try:
            self._on_read(self._translate(text))
        except Exception:
            logger.exception("card reader %s: the read listener failed", self._port)

    def _set_state(self, state: ReaderState) -> None:
        if state is self._state:
            return
        self._state = state
        if self._on_state is None or self._stopping.is_set():
            return
        try:
            self._on_state(state)
        except Exception:
            logger.exception("card reader %s: the state listener failed", self._port)

    def _log_failure(self, what: str, exc: Exception, *, quietly: bool) -> None:
        """Device trouble is expected (unplugged); anything else is a bug worth a trace.

        ``quietly``: repeated failures to reopen go to the debug log, not every few seconds
        to the warning log.
        """
        if isinstance(exc, serial.SerialException | OSError):
            level = logging.DEBUG if quietly else logging.WARNING
            logger.log(level, "card reader %s: %s: %s", self._port, what, exc)
        else:
            logger.exception("card reader %s: %s", self._port, what)


def probe_serial_port(port: str, baudrate: int) -> str | None:
    """Open and close the port once: ``None`` when it opens, else why it did not."""
    try:
        serial.serial_for_url(port, baudrate=baudrate, timeout=0.2).close()
    except (serial.SerialException, OSError, ValueError) as error:
        return str(error)
    return None
