"""Byte transports to receipt printers: opened per job, with timeouts, errors translated.

Each ``send`` opens the connection, writes everything, and closes it, so a printer that
was switched off and on again just works on the next job (no stale handles).
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable
from typing import Protocol

import serial

from hardware.errors import DeviceOffline, DeviceTimeout, HardwareError


class Transport(Protocol):
    def send(self, data: bytes) -> None:
        """Deliver ``data`` completely or raise a ``HardwareError``. Blocks up to the timeout."""

    def describe(self) -> str: ...


class TcpTransport:
    def __init__(self, host: str, port: int, timeout_s: float) -> None:
        self._host, self._port, self._timeout = host, port, timeout_s

    def describe(self) -> str:
        return f"network printer {self._host}:{self._port}"

    def send(self, data: bytes) -> None:
        try:
            with socket.create_connection((self._host, self._port), self._timeout) as sock:
                sock.settimeout(self._timeout)
                sock.sendall(data)
                sock.shutdown(socket.SHUT_WR)
        except TimeoutError as exc:
            raise DeviceTimeout(
                f"{self.describe()} did not answer within {self._timeout:g} s"
            ) from exc
        except OSError as exc:
            message = f"{self.describe()} is unreachable: {exc.strerror or exc}"
            raise DeviceOffline(message) from exc


class SerialTransport:
    def __init__(self, port: str, baudrate: int, timeout_s: float) -> None:
        self._port, self._baudrate, self._timeout = port, baudrate, timeout_s

    def describe(self) -> str:
        return f"serial printer {self._port} at {self._baudrate} baud"

    def send(self, data: bytes) -> None:
        try:
            with serial.serial_for_url(
                self._port,
                baudrate=self._baudrate,
                timeout=self._timeout,
                write_timeout=self._timeout,
            ) as port:
                port.write(data)
                port.flush()
        except serial.SerialTimeoutException as exc:
            raise DeviceTimeout(f"{self.describe()} did not take the data in time") from exc
        except (serial.SerialException, OSError, ValueError) as exc:
            raise DeviceOffline(f"{self.describe()} is not available: {exc}") from exc


class FileTransport:
    """A character device such as ``/dev/usb/lp0``, or a plain file that collects slips."""

    def __init__(self, path: str) -> None:
        self._path = path

    def describe(self) -> str:
        return f"printer device {self._path}"

    def send(self, data: bytes) -> None:
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


class SimTransport:
    """Keeps every job in memory and tells listeners; the till previews them on screen."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: list[bytes] = []
        self._listeners: list[Callable[[bytes], None]] = []

    def describe(self) -> str:
        return "simulated printer"

    def send(self, data: bytes) -> None:
        with self._lock:
            self._jobs.append(bytes(data))
            listeners = list(self._listeners)
        for listener in listeners:
            listener(bytes(data))

    def jobs(self) -> list[bytes]:
        with self._lock:
            return list(self._jobs)

    def add_listener(self, listener: Callable[[bytes], None]) -> None:
        """``listener`` runs on the thread that printed; the UI must marshal it."""
        with self._lock:
            self._listeners.append(listener)
