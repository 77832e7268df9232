"""SerialCardReader against real pseudo-terminals and a TCP server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from app.card_readers.formats import read_format, translation
from app.diagnostics import check_card_reader
from app.domain.card_reads import CardRead, decode_read
from hardware.readers.factory import open_card_reader
from hardware.readers.serial_reader import SerialCardReader
from hardware.readers.state import ReaderState

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX pseudo-terminals")

SWIPE = ";8800000000000001=2512?"
PATIENCE = 5.0  # seconds; only ever waited out when a test fails


class Recorder:
    """Collects what a reader reports, from its thread, and lets the test wait for it."""

    def __init__(self) -> None:
        self.reads: list[str] = []
        self.states: list[ReaderState] = []
        self._changed = threading.Condition()

    def read(self, text: str) -> None:
        with self._changed:
            self.reads.append(text)
            self._changed.notify_all()

    def state(self, state: ReaderState) -> None:
        with self._changed:
            self.states.append(state)
            self._changed.notify_all()

    def wait_for(self, predicate: Callable[[], bool]) -> None:
        with self._changed:
            if not self._changed.wait_for(predicate, PATIENCE):
                raise AssertionError(f"timed out: reads {self.reads}, states {self.states}")

    def wait_for_state(self, state: ReaderState, times: int = 1) -> None:
        self.wait_for(lambda: self.states.count(state) >= times)


@pytest.fixture
def pty() -> Iterator[tuple[int, str]]:
    """A pseudo-terminal: the master's fd (the card reader's end) and the slave's path."""
    master, slave = os.openpty()
    yield master, os.ttyname(slave)
    for fd in (master, slave):
        with contextlib.suppress(OSError):  # the test closed it already
            os.close(fd)


StartReader = Callable[..., tuple[SerialCardReader, Recorder]]


@pytest.fixture
def start_reader() -> Iterator[StartReader]:
    """Start a reader on a port (keyword options as SerialCardReader's); stopped afterwards."""
    readers: list[SerialCardReader] = []

    def start(
        port: str, *, idle_s: float = 1.0, retry_delays: tuple[float, ...] = (0.5, 1, 2, 5)
    ) -> tuple[SerialCardReader, Recorder]:
        reader = SerialCardReader(port, 9600, retry_delays=retry_delays, idle_s=idle_s)
        recorder = Recorder()
        readers.append(reader)
        reader.start(recorder.read, recorder.state)
        return reader, recorder

    yield start
    for reader in readers:
        reader.stop()


def test_a_swipe_on_the_port_arrives_as_one_line(
    pty: tuple[int, str], start_reader: StartReader
) -> None:
    master, path = pty
    reader, seen = start_reader(path)
    seen.wait_for_state(ReaderState.CONNECTED)
    assert reader.state is ReaderState.CONNECTED
    os.write(master, f"{SWIPE}\r\n".encode())
    seen.wait_for(lambda: seen.reads == [SWIPE])


def test_a_line_split_across_writes_arrives_whole(
    pty: tuple[int, str], start_reader: StartReader
) -> None:
    master, path = pty
    _, seen = start_reader(path, idle_s=10.0)
    seen.wait_for_state(ReaderState.CONNECTED)
    os.write(master, SWIPE[:7].encode())
    time.sleep(0.3)  # let the reader take the first half on its own (not a timing assertion)
    os.write(master, f"{SWIPE[7:]}\r".encode())
    seen.wait_for(lambda: len(seen.reads) == 1)
    assert seen.reads == [SWIPE]


def test_cr_lf_and_crlf_all_end_a_line_and_empty_lines_are_skipped(
    pty: tuple[int, str], start_reader: StartReader
) -> None:
    master, path = pty
    _, seen = start_reader(path)
    seen.wait_for_state(ReaderState.CONNECTED)
    os.write(master, b"one\r\ntwo\nthree\r\r\n\nfour\r")
    seen.wait_for(lambda: len(seen.reads) == 4)
    assert seen.reads == ["one", "two", "three", "four"]


def test_a_line_without_terminator_arrives_once_the_port_is_quiet(
    pty: tuple[int, str], start_reader: StartReader
) -> None:
    master, path = pty
    _, seen = start_reader(path, idle_s=0.3)
    seen.wait_for_state(ReaderState.CONNECTED)
    os.write(master, b"04A2240AB15E80")
    seen.wait_for(lambda: seen.reads == ["04A2240AB15E80"])
    os.write(master, b"next\n")
    seen.wait_for(lambda: seen.reads == ["04A2240AB15E80", "next"])


def test_bytes_that_are_not_utf8_are_replaced_not_fatal(
    pty: tuple[int, str], start_reader: StartReader
) -> None:
    master, path = pty
    _, seen = start_reader(path)
    seen.wait_for_state(ReaderState.CONNECTED)
    os.write(master, b"\xff42\r\xe5\xbc\xa0\r")
    seen.wait_for(lambda: seen.reads == ["\ufffd42", "张"])


def test_a_failing_listener_does_not_stop_the_reader(
    pty: tuple[int, str], start_reader: StartReader
) -> None:
    master, path = pty
    reader, seen = start_reader(path)
    seen.wait_for_state(ReaderState.CONNECTED)
    reader.stop()

    def fussy(text: str) -> None:
        seen.read(text)
        if text == "bad":
            raise RuntimeError("listener bug")

    reader.start(fussy, seen.state)
    seen.wait_for_state(ReaderState.CONNECTED, times=2)
    os.write(master, b"bad\rgood\r")
    seen.wait_for(lambda: seen.reads == ["bad", "good"])


def test_a_closed_pty_is_reported_and_stop_is_prompt(
    pty: tuple[int, str], start_reader: StartReader
) -> None:
    master, path = pty
    reader, seen = start_reader(path, retry_delays=(0.05,))
    seen.wait_for_state(ReaderState.CONNECTED)
    os.close(master)
    seen.wait_for_state(ReaderState.DISCONNECTED)
    assert reader.state is ReaderState.DISCONNECTED
    began = time.monotonic()
    reader.stop()
    assert time.monotonic() - began < 1.0


def test_a_missing_port_keeps_retrying_quietly_until_stopped(
    start_reader: StartReader,
) -> None:
    reader, seen = start_reader("/dev/no-such-card-reader", retry_delays=(0.01,))
    seen.wait_for_state(ReaderState.DISCONNECTED)
    began = time.monotonic()
    reader.stop()
    assert time.monotonic() - began < 1.0
    assert seen.states == [ReaderState.CONNECTING, ReaderState.DISCONNECTED]


def listen(port: int = 0) -> socket.socket:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen(1)
    server.settimeout(PATIENCE)
    return server


def test_a_network_reader_that_goes_away_is_reconnected(
    start_reader: StartReader,
) -> None:
    server = listen()
    port = server.getsockname()[1]
    _, seen = start_reader(f"socket://127.0.0.1:{port}", retry_delays=(0.05, 0.1))
    connection, _ = server.accept()
    seen.wait_for_state(ReaderState.CONNECTED)
    connection.sendall(b"first\r\n")
    seen.wait_for(lambda: seen.reads == ["first"])

    server.close()  # first, so the reader cannot reconnect at once
    connection.close()
    seen.wait_for_state(ReaderState.DISCONNECTED)

    server = listen(port)
    with server:
        connection, _ = server.accept()
        with connection:
            seen.wait_for_state(ReaderState.CONNECTED, times=2)
            connection.sendall(b"second\r\n")
            seen.wait_for(lambda: seen.reads == ["first", "second"])
    assert seen.states == [
        ReaderState.CONNECTING,
        ReaderState.CONNECTED,
        ReaderState.DISCONNECTED,
        ReaderState.CONNECTED,
    ]


def test_doctor_says_whether_a_serial_reader_port_opens() -> None:
    master, slave = os.openpty()
    try:
        found = check_card_reader(f"serial://{os.ttyname(slave)}")
        assert found.ok and "opens at 9600 baud" in found.message
    finally:
        os.close(master)
        os.close(slave)
    missing = check_card_reader("serial:///dev/ttyNOPE9?baudrate=19200")
    assert not missing.ok and "/dev/ttyNOPE9 cannot be opened" in missing.message
    assert check_card_reader("wedge://?gap_ms=30").ok


@pytest.mark.parametrize(
    ("options", "sent", "passed_on"),
    [
        ("digits=em4100", ["0012345678", "12345678", "188,24910"], "EM:0012345678"),
        ("digits=em4100-hex", ["0000BC614E", "0100bc614e"], "EM:0012345678"),
        ("digits=uid&uid_order=reversed", ["3283263748", "C3B2A104"], "UID:04A1B2C3"),
        ("", ["04:A1:B2:C3", "04A1B2C3"], "UID:04A1B2C3"),
    ],
)
def test_a_reader_on_a_pty_passes_on_each_card_as_its_url_says_it_sends_them(
    pty: tuple[int, str], options: str, sent: list[str], passed_on: str
) -> None:
    """The factory and the app's translation, as the till wires them; one card per case."""
    master, path = pty
    url = f"serial://{path}?{options}" if options else f"serial://{path}"
    reader = open_card_reader(url, translation(read_format(url)))
    assert isinstance(reader, SerialCardReader)
    seen = Recorder()
    reader.start(seen.read, seen.state)
    try:
        seen.wait_for_state(ReaderState.CONNECTED)
        os.write(master, "".join(f"{raw}\r\n" for raw in sent).encode())
        seen.wait_for(lambda: len(seen.reads) == len(sent))
    finally:
        reader.stop()
    wiegand = [read for read in seen.reads if "," in read]
    assert [read for read in seen.reads if "," not in read] == [passed_on] * (
        len(sent) - len(wiegand)
    )
    assert all(passed_on in decode_candidates(read) for read in wiegand)


def decode_candidates(line: str) -> tuple[str, ...]:
    read = decode_read(line)
    return read.candidates if isinstance(read, CardRead) else ()
