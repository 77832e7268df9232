"""Byte transports to receipt printers: opened per job, with timeouts, errors translated.

``deliver`` opens the connection, asks the printer's real-time status (DLE EOT) where
the link is two-way, writes the job, asks again, and closes. A printer that answered
status once is expected to keep answering: silence after a job then counts as a
timeout, not as success (python-escpos issue 253: jobs lost without an error).
"""

from __future__ import annotations

import enum
import os
import socket
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

import serial

from hardware.errors import DeviceOffline, DeviceTimeout, HardwareError, PrinterFault
from hardware.printing.status import (
    QUERY_OFFLINE_CAUSE,
    QUERY_PAPER_SENSOR,
    PrinterStatus,
    decode_status,
    is_status_byte,
)

if TYPE_CHECKING:
    from escpos.printer import Usb

STATUS_WAIT_S = 1.0
_T = TypeVar("_T")


class Delivery(enum.Enum):
    CONFIRMED = "printed"
    UNCONFIRMED = "sent_unconfirmed"


class Transport(Protocol):
    def deliver(self, data: bytes) -> Delivery:
        """Deliver ``data`` or raise a ``HardwareError``. Blocks up to the timeouts."""

    def describe(self) -> str: ...

    def probe(self) -> PrinterStatus | None:
        """Status without printing (``None``: not reported). Raises ``HardwareError``."""


class _Link(Protocol):
    def write(self, data: bytes) -> None: ...

    def read_byte(self) -> int | None:
        """One byte, ``None`` on silence; raises ``DeviceOffline`` if the link closed."""


class _StatusAware(ABC):
    """Status before and after the job, shared by the two-way transports."""

    answers_status = False

    @abstractmethod
    def describe(self) -> str: ...

    def _run_job(self, link: _Link, data: bytes) -> Delivery:
        before = self._status(link)
        if before is not None:
            self._raise_if_fault(before, "cannot print")
        link.write(data)
        after = self._status(link)
        if after is None:
            if self.answers_status:
                raise DeviceTimeout(f"{self.describe()} stopped answering during the job")
            return Delivery.UNCONFIRMED
        self._raise_if_fault(after, "stopped during the job")
        return Delivery.CONFIRMED

    def _status(self, link: _Link) -> PrinterStatus | None:
        link.write(QUERY_OFFLINE_CAUSE)
        offline = link.read_byte()
        if offline is None or not is_status_byte(offline):
            return None
        link.write(QUERY_PAPER_SENSOR)
        paper = link.read_byte()
        if paper is None or not is_status_byte(paper):
            return None
        self.answers_status = True
        return decode_status(offline, paper)

    def _raise_if_fault(self, status: PrinterStatus, what: str) -> None:
        fault = status.fault()
        if fault is not None:
            raise PrinterFault(f"{self.describe()} {what}: {fault.value.replace('_', ' ')}", fault)


class _SocketLink:
    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    def write(self, data: bytes) -> None:
        self._sock.sendall(data)

    def read_byte(self) -> int | None:
        self._sock.settimeout(STATUS_WAIT_S)
        try:
            chunk = self._sock.recv(1)
        except TimeoutError:
            return None
        if not chunk:
            raise DeviceOffline("the printer closed the connection")
        return chunk[0]


class TcpTransport(_StatusAware):
    def __init__(self, host: str, port: int, timeout_s: float) -> None:
        self._host, self._port, self._timeout = host, port, timeout_s

    def describe(self) -> str:
        return f"network printer {self._host}:{self._port}"

    def probe(self) -> PrinterStatus | None:
        """The printer's status without printing; ``None`` if it does not report one."""
        return self._with_link(self._status)

    def deliver(self, data: bytes) -> Delivery:
        return self._with_link(lambda link: self._run_job(link, data))

    def _with_link(self, work: Callable[[_Link], _T]) -> _T:
        try:
            with socket.create_connection((self._host, self._port), self._timeout) as sock:
                sock.settimeout(self._timeout)
                return work(_SocketLink(sock))
        except HardwareError:
            raise
        except TimeoutError as exc:
            message = f"{self.describe()} did not answer within {self._timeout:g} s"
            raise DeviceTimeout(message) from exc
        except OSError as exc:
            message = f"{self.describe()} is unreachable: {exc.strerror or exc}"
            raise DeviceOffline(message) from exc


class _SerialLink:
    def __init__(self, port: serial.SerialBase) -> None:
        self._port = port

    def write(self, data: bytes) -> None:
        self._port.write(data)
        self._port.flush()

    def read_byte(self) -> int | None:
        chunk = self._port.read(1)
        return chunk[0] if chunk else None


class SerialTransport(_StatusAware):
    def __init__(self, port: str, baudrate: int, timeout_s: float) -> None:
        self._port, self._baudrate, self._timeout = port, baudrate, timeout_s

    def describe(self) -> str:
        return f"serial printer {self._port} at {self._baudrate} baud"

    def probe(self) -> PrinterStatus | None:
        """The printer's status without printing; ``None`` if it does not report one."""
        return self._with_link(self._status)

    def deliver(self, data: bytes) -> Delivery:
        return self._with_link(lambda link: self._run_job(link, data))

    def _with_link(self, work: Callable[[_Link], _T]) -> _T:
        try:
            with serial.serial_for_url(
                self._port,
                baudrate=self._baudrate,
                timeout=STATUS_WAIT_S,
                write_timeout=self._timeout,
            ) as port:
                return work(_SerialLink(port))
        except HardwareError:
            raise
        except serial.SerialTimeoutException as exc:
            raise DeviceTimeout(f"{self.describe()} did not take the data in time") from exc
        except (serial.SerialException, OSError, ValueError) as exc:
            raise DeviceOffline(f"{self.describe()} is not available: {exc}") from exc


class UsbTransport:
    """A USB printer by vendor:product id, through python-escpos and pyusb.

    No status is asked over USB: those reads can block forever (python-escpos issue
    143), so a USB job is 'sent, not confirmed'.
    """

    def __init__(self, vendor: int, product: int, timeout_s: float) -> None:
        self._vendor, self._product, self._timeout = vendor, product, timeout_s

    def describe(self) -> str:
        return f"USB printer {self._vendor:04x}:{self._product:04x}"

    def probe(self) -> PrinterStatus | None:
        self._with_device(lambda _printer: None)
        return None

    def deliver(self, data: bytes) -> Delivery:
        self._with_device(lambda printer: printer._raw(data))
        return Delivery.UNCONFIRMED

    def _with_device(self, work: Callable[[Usb], None]) -> None:
        from escpos.printer import Usb  # on first use: python-escpos loads PIL and more

        if not Usb.is_usable():
            raise DeviceOffline(f"{self.describe()}: USB support (pyusb, libusb) is missing")
        printer = Usb(self._vendor, self._product, timeout=int(self._timeout * 1000))
        try:
            printer.open()
            work(printer)
        # pyusb and python-escpos raise unrelated types here (USBNotFoundError, USBError,
        # NoBackendError, ...): all of them mean the printer cannot be used now.
        except Exception as exc:
            raise DeviceOffline(f"{self.describe()} is not available: {exc}") from exc
        finally:
            printer.close()


class FileTransport:
    """A character device such as ``/dev/usb/lp0``, or a plain file that collects slips."""

    def __init__(self, path: str) -> None:
        self._path = path

    def describe(self) -> str:
        return f"printer device {self._path}"

    def probe(self) -> PrinterStatus | None:
        folder = os.path.dirname(self._path) or "."
        if not os.path.exists(self._path) and not os.access(folder, os.W_OK):
            raise DeviceOffline(f"{self.describe()} does not exist")
        if os.path.exists(self._path) and not os.access(self._path, os.W_OK):
            raise DeviceOffline(f"{self.describe()} is not writable")
        return None

    def deliver(self, data: bytes) -> Delivery:
        try:
            fd = os.open(self._path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as exc:
            raise DeviceOffline(f"{self.describe()} cannot be opened: {exc.strerror}") from exc
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
        except OSError as exc:
            raise HardwareError(f"{self.describe()} failed while printing: {exc.strerror}") from exc
        finally:
            os.close(fd)
        return Delivery.UNCONFIRMED


class SimTransport:
    """Keeps every job in memory and tells listeners; the till previews them on screen."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: list[bytes] = []
        self._listeners: list[Callable[[bytes], None]] = []

    def describe(self) -> str:
        return "simulated printer"

    def deliver(self, data: bytes) -> Delivery:
        with self._lock:
            self._jobs.append(bytes(data))
            listeners = list(self._listeners)
        for listener in listeners:
            listener(bytes(data))
        return Delivery.CONFIRMED

    def probe(self) -> PrinterStatus | None:
        return PrinterStatus(cover_open=False, paper_out=False, paper_near_end=False, error=False)

    def jobs(self) -> list[bytes]:
        with self._lock:
            return list(self._jobs)

    def add_listener(self, listener: Callable[[bytes], None]) -> None:
        """``listener`` runs on the thread that printed; the UI must marshal it."""
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[bytes], None]) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)
