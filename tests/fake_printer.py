"""A fake ESC/POS network printer on 127.0.0.1 with faults to inject.

It answers DLE EOT 2 and 4 like a real printer (unless told not to), strips those
queries from the data, and counts a job as printed when the client closes a
connection that carried job bytes, but only while it is healthy. ``printed`` is in the
order the connections came (each is read on its own thread, and a late thread would
otherwise put a job behind the one sent after it).
"""

from __future__ import annotations

import bisect
import enum
import socket
import threading
import time

from hardware.printing.status import QUERY_OFFLINE_CAUSE, QUERY_PAPER_SENSOR

HEALTHY_OFFLINE_CAUSE, HEALTHY_PAPER = 0x12, 0x12
PAPER_OUT_OFFLINE_CAUSE, PAPER_OUT_PAPER = 0x32, 0x72


class Mode(enum.Enum):
    HEALTHY = "healthy"
    NO_STATUS = "no_status"  # prints, but has no real-time status (many cheap printers)
    REFUSE = "refuse"  # powered off: nothing listens on the port
    STALL = "stall"  # accepts, then neither reads nor answers
    DROP = "drop"  # closes the connection in the middle of the job
    PAPER_OUT = "paper_out"  # answers status: paper end; prints nothing


class FakeNetworkPrinter:
    def __init__(self, mode: Mode = Mode.HEALTHY) -> None:
        self.mode = mode
        self.printed: list[bytes] = []
        self._printed_came: list[int] = []  # each printed job's connection number
        self.connections = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._released = threading.Event()
        self._released.set()
        self.held = 0  # connections that waited on ``hold``
        # listening before the constructor returns: a till may connect at once
        self._server: socket.socket | None = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.05)
        self.port = int(self._server.getsockname()[1])
        if mode is Mode.REFUSE:
            self._close_server()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"escpos+tcp://127.0.0.1:{self.port}?timeout=2"

    def set_mode(self, mode: Mode) -> None:
        """Takes effect before it returns: after REFUSE, no connection is accepted."""
        with self._lock:
            self.mode = mode
            if mode is Mode.REFUSE:
                self._close_server()

    def hold(self) -> None:
        """Until ``release``, a connection accepted waits before its mode's answer (or
        fault): the till's connection hangs on the printer meanwhile."""
        self._released.clear()

    def release(self) -> None:
        self._released.set()

    def wait_for_jobs(self, count: int, timeout_s: float = 10.0) -> list[bytes]:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.printed) >= count:
                    return list(self.printed)
            time.sleep(0.02)
        raise AssertionError(f"expected {count} printed jobs, got {len(self.printed)}")

    def close(self) -> None:
        self._stop.set()
        self._released.set()
        self._thread.join(5)

    def _serve(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                server = None if self.mode is Mode.REFUSE else self._listening()
            if server is None:
                time.sleep(0.02)
                continue
            try:
                connection, _ = server.accept()
            except OSError:  # timeout, or closed by set_mode(REFUSE)
                continue
            self.connections += 1
            came = self.connections
            threading.Thread(target=self._handle, args=(connection, came), daemon=True).start()
        self._close_server()

    def _listening(self) -> socket.socket:
        if self._server is None:
            self._server = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
            self._server.settimeout(0.05)
        return self._server

    def _close_server(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _handle(self, connection: socket.socket, came: int) -> None:
        mode = self.mode
        data = bytearray()
        answered = 0
        with connection:
            if mode is Mode.REFUSE:  # accepted while switching off: hang up at once
                return
            connection.settimeout(10)
            if not self._released.is_set():
                with self._lock:
                    self.held += 1
                self._released.wait()  # close() releases too
            if mode is Mode.STALL:
                self._stop.wait(6)  # longer than the client's status wait
                return
            while True:
                try:
                    chunk = connection.recv(4096)
                except OSError:
                    return
                if not chunk:
                    break
                data.extend(chunk)
                answered = self._answer_queries(connection, data, mode, answered)
                if mode is Mode.DROP and len(data) > 200:
                    connection.shutdown(socket.SHUT_RDWR)
                    return
        job = bytes(data).replace(QUERY_OFFLINE_CAUSE, b"").replace(QUERY_PAPER_SENSOR, b"")
        if job and mode in (Mode.HEALTHY, Mode.NO_STATUS):
            with self._lock:
                at = bisect.bisect(self._printed_came, came)
                self._printed_came.insert(at, came)
                self.printed.insert(at, job)

    def _answer_queries(
        self, connection: socket.socket, data: bytearray, mode: Mode, answered: int
    ) -> int:
        """Answer the status queries not answered yet; returns how many are answered now."""
        if mode is Mode.NO_STATUS:
            return answered
        queries = data.count(QUERY_OFFLINE_CAUSE) + data.count(QUERY_PAPER_SENSOR)
        paper_out = mode is Mode.PAPER_OUT
        # Answer each query once, in the order they arrived.
        order = sorted(
            [(i, QUERY_OFFLINE_CAUSE) for i in _find_all(data, QUERY_OFFLINE_CAUSE)]
            + [(i, QUERY_PAPER_SENSOR) for i in _find_all(data, QUERY_PAPER_SENSOR)]
        )
        for _, query in order[answered:queries]:
            if query == QUERY_OFFLINE_CAUSE:
                reply = PAPER_OUT_OFFLINE_CAUSE if paper_out else HEALTHY_OFFLINE_CAUSE
            else:
                reply = PAPER_OUT_PAPER if paper_out else HEALTHY_PAPER
            connection.sendall(bytes([reply]))
        return queries


def _find_all(data: bytearray, needle: bytes) -> list[int]:
    found, start = [], 0
    while (index := data.find(needle, start)) >= 0:
        found.append(index)
        start = index + len(needle)
    return found


class FakeSerialPrinter:
    """The device end of a pseudo-terminal: answers DLE EOT and keeps what it received."""

    def __init__(self, controller_fd: int) -> None:
        self._fd = controller_fd
        self.received = bytearray()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import os
        import select

        answered = 0
        while not self._stop.is_set():
            ready, _, _ = select.select([self._fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self._fd, 4096)
            except OSError:
                return
            with self._lock:
                self.received.extend(chunk)
                queries = sorted(
                    _find_all(self.received, QUERY_OFFLINE_CAUSE)
                    + _find_all(self.received, QUERY_PAPER_SENSOR)
                )
            for _ in queries[answered:]:
                os.write(self._fd, bytes([HEALTHY_OFFLINE_CAUSE]))
            answered = len(queries)

    def job_bytes(self) -> bytes:
        with self._lock:
            data = bytes(self.received)
        return data.replace(QUERY_OFFLINE_CAUSE, b"").replace(QUERY_PAPER_SENSOR, b"")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
