"""The print spooler's order, retries and redirects, on the fake unit of work."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime

import pytest

from app.domain.print_jobs import JobStatus, PrintJob
from app.services.spooler import JobState, PrintSpooler
from hardware.errors import DeviceOffline
from hardware.printing.document import ReceiptDocument, document_from_json, document_to_json
from hardware.printing.status import PrinterStatus
from hardware.printing.transports import Delivery
from tests.fakes import FakeClock, FakeUnits

NOW = datetime(2026, 11, 22, 12, 30)
WAIT_S = 10.0


class ScriptedPrinter:
    """Fails while ``failures`` lasts, then prints; keeps the references it printed."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.printed: list[str] = []

    def describe(self) -> str:
        return "scripted"

    def print_receipt(self, doc: ReceiptDocument, *, open_drawer: bool = False) -> Delivery:
        if self.failures:
            self.failures -= 1
            raise DeviceOffline("the printer does not answer")
        self.printed.append(doc.reference)
        return Delivery.CONFIRMED

    def kick_drawer(self) -> Delivery:
        return Delivery.CONFIRMED

    def probe(self) -> PrinterStatus | None:
        return None


class Seen:
    """The job states the spooler reported, and a wait for one of them."""

    def __init__(self) -> None:
        self.states: list[JobState] = []
        self._changed = threading.Condition()

    def __call__(self, state: JobState) -> None:
        with self._changed:
            self.states.append(state)
            self._changed.notify_all()

    def wait_for(self, reference: str, status: JobStatus, times: int = 1) -> None:
        def seen() -> bool:
            found = [s for s in self.states if (s.reference, s.status) == (reference, status)]
            return len(found) >= times

        with self._changed:
            assert self._changed.wait_for(seen, WAIT_S), self.states


def queue(units: FakeUnits, reference: str, printer_url: str = "sim://a") -> int:
    with units() as uow:
        job_id = uow.print_jobs.add(
            till_id="T1", printer_url=printer_url, kind="receipt",
            document=document_to_json(ReceiptDocument("收据", reference=reference)),
            open_drawer=False, created_at=NOW,
        )  # fmt: skip
        uow.commit()
    return job_id


@pytest.fixture
def units() -> FakeUnits:
    return FakeUnits()


@pytest.fixture
def printers() -> dict[str, ScriptedPrinter]:
    return {"sim://a": ScriptedPrinter(), "sim://b": ScriptedPrinter()}


@pytest.fixture
def spooler(units: FakeUnits, printers: dict[str, ScriptedPrinter]) -> Iterator[PrintSpooler]:
    spooler = PrintSpooler(units, FakeClock(NOW), "T1", printers.__getitem__, (0.01, 60.0))
    yield spooler
    spooler.stop()


def test_a_failed_job_is_retried_before_the_next_one_prints(
    units: FakeUnits, printers: dict[str, ScriptedPrinter], spooler: PrintSpooler
) -> None:
    printers["sim://a"].failures = 1
    seen = Seen()
    spooler.add_listener(seen)
    first, second = queue(units, "A"), queue(units, "B")
    spooler.start()
    seen.wait_for("B", JobStatus.PRINTED)
    spooler.stop()
    assert printers["sim://a"].printed == ["A", "B"]
    assert [(s.reference, s.status) for s in seen.states] == [
        ("A", JobStatus.PRINTING), ("A", JobStatus.FAILED), ("A", JobStatus.PRINTING),
        ("A", JobStatus.PRINTED), ("B", JobStatus.PRINTING), ("B", JobStatus.PRINTED),
    ]  # fmt: skip
    assert seen.states[1].fault == "offline"
    jobs = {job.job_id: job for job in spooler.recent()}
    assert (jobs[first].attempts, jobs[first].fault) == (2, "")
    assert jobs[second].attempts == 1


def test_a_job_a_crash_interrupted_is_printed_on_start(
    units: FakeUnits, printers: dict[str, ScriptedPrinter], spooler: PrintSpooler
) -> None:
    job = queue(units, "A")
    with units() as uow:
        uow.print_jobs.start_attempt(job)
        uow.commit()
    seen = Seen()
    spooler.add_listener(seen)
    spooler.start()
    seen.wait_for("A", JobStatus.PRINTED)
    assert printers["sim://a"].printed == ["A"]


def test_a_failed_job_can_be_sent_to_another_printer_but_a_printed_one_cannot(
    units: FakeUnits, printers: dict[str, ScriptedPrinter], spooler: PrintSpooler
) -> None:
    printers["sim://a"].failures = 99
    seen = Seen()
    spooler.add_listener(seen)
    job = queue(units, "A")
    spooler.start()
    # the first retry comes after 10 ms, the next a minute later: redirect in that minute
    seen.wait_for("A", JobStatus.FAILED, times=2)
    spooler.redirect(job, "sim://b")
    seen.wait_for("A", JobStatus.PRINTED)
    assert printers["sim://b"].printed == ["A"]
    with pytest.raises(ValueError):
        spooler.redirect(job, "sim://a")
    with pytest.raises(LookupError):
        spooler.redirect(999, "sim://a")


def test_a_job_printed_elsewhere_is_finished_without_printing_and_the_next_one_prints(
    units: FakeUnits, printers: dict[str, ScriptedPrinter], spooler: PrintSpooler
) -> None:
    seen = Seen()
    spooler.add_listener(seen)
    asked: list[str] = []

    def printed_offline(job: PrintJob) -> bool:
        reference = document_from_json(job.document).reference
        asked.append(reference)
        return reference == "A"

    spooler.skip_when(printed_offline)
    first, _second = queue(units, "A"), queue(units, "B")
    spooler.start()
    seen.wait_for("B", JobStatus.PRINTED)
    assert printers["sim://a"].printed == ["B"]
    assert asked == ["A", "B"]
    assert [(s.reference, s.status) for s in seen.states] == [
        ("A", JobStatus.PRINTED_OFFLINE), ("B", JobStatus.PRINTING), ("B", JobStatus.PRINTED),
    ]  # fmt: skip
    jobs = {job.job_id: job for job in spooler.recent()}
    assert jobs[first].status is JobStatus.PRINTED_OFFLINE and jobs[first].attempts == 0


class HeldPrinter(ScriptedPrinter):
    """Prints once ``release`` is set; ``printing`` is set when a slip has arrived."""

    def __init__(self) -> None:
        super().__init__()
        self.printing, self.release = threading.Event(), threading.Event()

    def print_receipt(self, doc: ReceiptDocument, *, open_drawer: bool = False) -> Delivery:
        self.printing.set()
        assert self.release.wait(WAIT_S)
        return super().print_receipt(doc, open_drawer=open_drawer)


def test_a_slip_printed_while_the_till_stops_is_recorded_printed(units: FakeUnits) -> None:
    printer = HeldPrinter()
    spooler = PrintSpooler(units, FakeClock(NOW), "T1", lambda _url: printer, (0.01, 60.0))
    job = queue(units, "A")
    spooler.start()
    assert printer.printing.wait(WAIT_S)
    stopping = threading.Thread(target=spooler.stop)
    stopping.start()  # the stop is asked while the slip is on its way
    printer.release.set()
    stopping.join(WAIT_S)
    with units() as uow:
        done = uow.print_jobs.get(job)
    assert done is not None and done.status is JobStatus.PRINTED  # not queued again on start
    assert printer.printed == ["A"]
