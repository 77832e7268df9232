from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
import tty
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, update
from sqlalchemy.orm import Session

from app.bootstrap import Till, TillConfig, build_till
from app.domain.draft import OrderDraft
from app.domain.payment import PaymentMethod, Tender
from app.services.checkout_types import CompletedOrder
from app.services.spooler import JobState, JobStatus
from db.models import PrintJobRow
from hardware.printing.escpos_decode import decode_escpos
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fake_printer import FakeNetworkPrinter, FakeSerialPrinter, Mode
from tests.fakes import FakeClock

ROOT = Path(__file__).resolve().parents[2]
MakeTill = Callable[[str], Till]


@pytest.fixture
def make_till(
    new_database_url: str, clock: FakeClock, demo_templates: DemoTemplates
) -> Iterator[MakeTill]:
    tills: list[Till] = []
    demo_templates.fill(new_database_url, Demo(DEMO_MEMBERS, clock.now().date()))

    def make(printer_url: str) -> Till:
        config = TillConfig(
            new_database_url, printer_url=printer_url, demo_members_if_empty=DEMO_MEMBERS
        )
        till = build_till(config, clock)
        tills.append(till)
        return till

    yield make
    for till in tills:
        till.close()


@pytest.fixture
def network_printer() -> Iterator[FakeNetworkPrinter]:
    printer = FakeNetworkPrinter()
    yield printer
    printer.close()


def sell(
    till: Till, *codes: str, member: str | None = "13800138000", tender: Tender | None = None
) -> CompletedOrder:
    catalog = till.catalog.load()
    draft = OrderDraft()
    for code in codes:
        draft.add(next(item for item in catalog.items if item.code == code))
    if member:
        draft.member = till.members.identify(member).member
    staff = till.auth.log_in("wangfang", "1111")
    return till.checkout.check_out(draft, tender or Tender(PaymentMethod.CASH, 20_000), staff)


def wait_for_job(
    till: Till, reference: str, wanted: set[JobStatus], timeout_s: float = 10.0
) -> JobState:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for job in till.spooler.recent():
            if job.reference == reference and job.status in wanted:
                return job
        time.sleep(0.02)
    raise AssertionError(f"job {reference} never reached {wanted}: {till.spooler.recent()}")


def assert_is_the_member_receipt(data: bytes, order: CompletedOrder) -> None:
    assert b"13800138000" not in data  # never the full phone on paper
    text = decode_escpos(data, strict=True).text
    for expected in (
        "宫保鸡丁",
        "2 x ¥38.00",
        "9折 -¥7.60",
        "酸梅汤",
        "不参与折扣",
        "商务午餐",
        "小计",
        "¥147.00",
        "会员优惠",
        "-¥13.50",
        "应付",
        "¥133.50",
        "找零",
        "¥66.50",
        "M0000001",
        "138****8000",
        order.order_no,
    ):
        assert expected in text, expected


MEMBER_ORDER = ("HOT-01", "HOT-01", "DRINK-01", "SET-02")


def test_receipt_reaches_a_network_printer_and_is_confirmed(
    make_till: MakeTill, network_printer: FakeNetworkPrinter
) -> None:
    till = make_till(network_printer.url)
    order = sell(till, *MEMBER_ORDER)
    job = wait_for_job(till, order.order_no, {JobStatus.PRINTED})
    (data,) = network_printer.wait_for_jobs(1)
    assert_is_the_member_receipt(data, order)
    assert decode_escpos(data).drawer_kicks == 1  # cash opens the drawer
    assert job.attempts == 1 and job.fault == ""


def test_card_payment_does_not_open_the_drawer(
    make_till: MakeTill, network_printer: FakeNetworkPrinter
) -> None:
    till = make_till(network_printer.url)
    order = sell(till, "HOT-02", member=None, tender=Tender(PaymentMethod.CARD_TERMINAL, 2600))
    wait_for_job(till, order.order_no, {JobStatus.PRINTED})
    (data,) = network_printer.wait_for_jobs(1)
    assert decode_escpos(data).drawer_kicks == 0


@pytest.fixture
def pty_pair() -> Iterator[tuple[int, str]]:
    controller, device = os.openpty()
    tty.setraw(device)
    tty.setraw(controller)
    yield controller, os.ttyname(device)
    os.close(controller)
    os.close(device)


def test_receipt_reaches_a_serial_printer_through_a_pseudo_terminal(
    make_till: MakeTill, pty_pair: tuple[int, str]
) -> None:
    controller, device_path = pty_pair
    printer = FakeSerialPrinter(controller)
    try:
        till = make_till(f"escpos+serial://{device_path}?baudrate=19200&width=58")
        order = sell(till, *MEMBER_ORDER)
        wait_for_job(till, order.order_no, {JobStatus.PRINTED})
        assert_is_the_member_receipt(printer.job_bytes(), order)
    finally:
        printer.close()


def test_receipts_append_to_a_character_device_unconfirmed(
    make_till: MakeTill, tmp_path: Path
) -> None:
    target = tmp_path / "lp0"
    till = make_till(f"escpos+file://{target}")
    first = sell(till, "HOT-01")
    second = sell(till, "HOT-02", member=None)
    wait_for_job(till, second.order_no, {JobStatus.SENT_UNCONFIRMED})
    assert wait_for_job(till, first.order_no, {JobStatus.SENT_UNCONFIRMED})
    text = decode_escpos(target.read_bytes()).text
    assert text.index(first.order_no) < text.index(second.order_no)  # in order


FAULTS = [
    # fault injected, job state while it lasts, fault recorded
    (Mode.REFUSE, "offline"),
    (Mode.STALL, "timeout"),
    (Mode.DROP, "offline"),
    (Mode.PAPER_OUT, "paper_out"),
]


@pytest.mark.parametrize(("mode", "fault"), FAULTS, ids=[m.value for m, _ in FAULTS])
def test_fault_then_recovery_prints_exactly_once(
    make_till: MakeTill, network_printer: FakeNetworkPrinter, mode: Mode, fault: str
) -> None:
    till = make_till(network_printer.url)
    warm_up = sell(till, "STAPLE-01", member=None)  # the printer shows it answers status
    wait_for_job(till, warm_up.order_no, {JobStatus.PRINTED})
    network_printer.wait_for_jobs(1)

    network_printer.set_mode(mode)
    order = sell(till, *MEMBER_ORDER)
    failed = wait_for_job(till, order.order_no, {JobStatus.FAILED})
    assert failed.fault == fault and failed.error
    assert len(network_printer.printed) == 1

    network_printer.set_mode(Mode.HEALTHY)
    till.spooler.retry_now()
    wait_for_job(till, order.order_no, {JobStatus.PRINTED})
    jobs = network_printer.wait_for_jobs(2)
    time.sleep(0.3)  # nothing more may arrive
    assert len(network_printer.printed) == 2
    assert_is_the_member_receipt(jobs[1], order)


def test_a_printer_without_status_is_sent_but_not_confirmed(
    make_till: MakeTill, network_printer: FakeNetworkPrinter
) -> None:
    network_printer.set_mode(Mode.NO_STATUS)
    till = make_till(network_printer.url)
    order = sell(till, "HOT-01")
    wait_for_job(till, order.order_no, {JobStatus.SENT_UNCONFIRMED})
    assert len(network_printer.wait_for_jobs(1)) == 1


def test_jobs_behind_a_failed_one_wait_their_turn(
    make_till: MakeTill, network_printer: FakeNetworkPrinter
) -> None:
    network_printer.set_mode(Mode.REFUSE)
    till = make_till(network_printer.url)
    orders = [sell(till, "STAPLE-01", member=None) for _ in range(3)]
    wait_for_job(till, orders[0].order_no, {JobStatus.FAILED})
    assert {job.status for job in till.spooler.recent()[:2]} == {JobStatus.QUEUED}
    network_printer.set_mode(Mode.HEALTHY)
    till.spooler.retry_now()
    jobs = network_printer.wait_for_jobs(3)
    numbers = [re.findall(r"T1-\d{8}-\d{4}", decode_escpos(job).text)[0] for job in jobs]
    assert numbers == [order.order_no for order in orders]


def test_reprint_is_marked_duplicate_and_never_opens_the_drawer(
    make_till: MakeTill, network_printer: FakeNetworkPrinter
) -> None:
    till = make_till(network_printer.url)
    order = sell(till, *MEMBER_ORDER)
    wait_for_job(till, order.order_no, {JobStatus.PRINTED})
    till.spooler.reprint(order.order_no, network_printer.url)
    _original, copy = network_printer.wait_for_jobs(2)
    slip = decode_escpos(copy)
    assert slip.lines[0].strip() == "重印 DUPLICATE" and "重印 DUPLICATE" in slip.lines[-1]
    assert slip.drawer_kicks == 0 and order.order_no in slip.text
    with pytest.raises(LookupError):
        till.spooler.reprint("T9-19990101-0001", network_printer.url)


def test_a_failed_job_can_be_sent_to_another_printer(
    make_till: MakeTill, network_printer: FakeNetworkPrinter, tmp_path: Path
) -> None:
    network_printer.set_mode(Mode.REFUSE)
    till = make_till(network_printer.url)
    order = sell(till, "HOT-01")
    failed = wait_for_job(till, order.order_no, {JobStatus.FAILED})
    spare = f"escpos+file://{tmp_path / 'spare'}"
    till.spooler.redirect(failed.job_id, spare)
    wait_for_job(till, order.order_no, {JobStatus.SENT_UNCONFIRMED})
    assert order.order_no in decode_escpos((tmp_path / "spare").read_bytes()).text


KILLED_TILL = """
import os, sys
from datetime import datetime
from app.bootstrap import TillConfig, build_till
from app.domain.draft import OrderDraft
from app.domain.payment import PaymentMethod, Tender
from tests.fakes import FakeClock
till = build_till(TillConfig(sys.argv[1], printer_url=sys.argv[2], demo_members_if_empty=40),
                  FakeClock(datetime(2026, 11, 22, 12, 30)))
draft = OrderDraft()
draft.add(till.catalog.load().items[0])
order = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 5000),
                                till.auth.log_in("wangfang", "1111"))
print(order.order_no, flush=True)
os._exit(9)  # killed: no shutdown, no goodbye
"""


def test_a_job_queued_when_the_till_is_killed_prints_after_restart(
    database_url: str, clock: FakeClock, network_printer: FakeNetworkPrinter
) -> None:
    network_printer.set_mode(Mode.REFUSE)
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_TILL, database_url, network_printer.url],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert killed.returncode == 9, killed.stderr
    order_no = killed.stdout.strip()
    network_printer.set_mode(Mode.HEALTHY)
    till = build_till(TillConfig(database_url, printer_url=network_printer.url), clock)
    try:
        wait_for_job(till, order_no, {JobStatus.PRINTED})
        (data,) = network_printer.wait_for_jobs(1)
        assert order_no in decode_escpos(data).text
    finally:
        till.close()


def test_a_job_interrupted_while_printing_is_queued_again_on_start(
    make_till: MakeTill, network_printer: FakeNetworkPrinter, database_url: str
) -> None:
    network_printer.set_mode(Mode.REFUSE)
    till = make_till(network_printer.url)
    order = sell(till, "HOT-01")
    wait_for_job(till, order.order_no, {JobStatus.FAILED})
    till.close()
    assert till._engine is not None
    engine = create_engine(database_url)
    with Session(engine) as session, session.begin():
        session.execute(update(PrintJobRow).values(status="printing"))
    engine.dispose()
    network_printer.set_mode(Mode.HEALTHY)
    restarted = make_till(network_printer.url)
    job = wait_for_job(restarted, order.order_no, {JobStatus.PRINTED})
    assert job.attempts >= 2
    assert len(network_printer.wait_for_jobs(1)) == 1


def test_a_usb_printer_that_is_not_plugged_in_is_offline_with_its_ids() -> None:
    from hardware.errors import DeviceOffline
    from hardware.printing.document import ReceiptDocument
    from hardware.printing.printer import open_printer

    printer = open_printer("escpos+usb://04b8:0202?timeout=2")
    with pytest.raises(DeviceOffline, match="USB printer 04b8:0202"):
        printer.print_receipt(ReceiptDocument(title="x"))
    with pytest.raises(DeviceOffline, match="USB printer 04b8:0202"):
        printer.probe()


def test_a_top_up_alone_prints_what_was_paid_on_58_mm_paper_over_tcp(
    make_till: MakeTill, network_printer: FakeNetworkPrinter
) -> None:
    till = make_till(network_printer.url + "&width=58")
    draft = OrderDraft()
    draft.member = till.members.identify("13800138000").member
    draft.top_up_amount = 20_000
    staff = till.auth.log_in("wangfang", "1111")
    order = till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 20_000), staff)
    wait_for_job(till, order.order_no, {JobStatus.PRINTED})
    (data,) = network_printer.wait_for_jobs(1)
    slip = decode_escpos(data, strict=True)
    assert max(slip.widths) <= 32  # every multi-byte code counted two columns, from the bytes
    assert "小计" not in slip.text and "¥0.00" not in slip.text
    ((total, width),) = [
        (line, width)
        for line, width in zip(slip.lines, slip.widths, strict=True)
        if line.startswith("应付")
    ]
    assert total.endswith("¥200.00") and width == 32  # the amount ends at the paper's edge


def test_the_printer_s_font_setting_travels_with_its_url(
    network_printer: FakeNetworkPrinter,
) -> None:
    from hardware.printing.document import ReceiptDocument, ReceiptItem
    from hardware.printing.printer import open_printer

    doc = ReceiptDocument(title="燒味館", items=(ReceiptItem("叉燒飯 𠮷", "¥38.00"),))
    for url, title in (("", "烧味馆"), ("&font=gbk", "燒味館")):
        printer = open_printer(network_printer.url + "&width=58" + url)
        printer.print_receipt(doc)
        data = network_printer.wait_for_jobs(1 if not url else 2)[-1]
        slip = decode_escpos(data, strict=True)
        assert slip.lines[0].strip() == title
        assert "?" in slip.text and "𠮷" not in slip.text  # no two-byte font has it
        assert max(slip.widths) <= 32


@contextmanager
def printer_statements(till: Till) -> Iterator[list[str]]:
    """The statements the till's print workers send meanwhile, each on one line."""
    engine = till._engine
    assert engine is not None
    sent: list[str] = []

    def note(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        if threading.current_thread().name.startswith("printer"):
            sent.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", note)


def test_after_a_slip_with_nothing_behind_it_the_spooler_does_not_look_for_more(
    make_till: MakeTill, network_printer: FakeNetworkPrinter
) -> None:
    till = make_till(network_printer.url)
    first = sell(till, "STAPLE-01", member=None)  # starts the printer's worker
    wait_for_job(till, first.order_no, {JobStatus.PRINTED})
    with printer_statements(till) as sent:
        for _ in range(3):  # one at a time: each slip is alone in the queue
            order = sell(till, "STAPLE-01", member=None)
            wait_for_job(till, order.order_no, {JobStatus.PRINTED})
    assert len(network_printer.wait_for_jobs(4)) == 4
    looks = [sql for sql in sent if sql.startswith("SELECT")]
    assert len(looks) == 3, "\n".join(sent)  # one per wake; none after a slip printed
    assert sum(sql.startswith("UPDATE print_jobs") for sql in sent) == 6


def test_the_spooler_reads_no_job_back_and_prints_each_slip_once(
    make_till: MakeTill, network_printer: FakeNetworkPrinter
) -> None:
    till = make_till(network_printer.url)
    with printer_statements(till) as sent:
        orders = [sell(till, "STAPLE-01", member=None) for _ in range(3)]
        jobs = [wait_for_job(till, order.order_no, {JobStatus.PRINTED}) for order in orders]
    assert len(network_printer.wait_for_jobs(3)) == 3
    assert [job.attempts for job in jobs] == [1, 1, 1]
    updates = [sql for sql in sent if sql.startswith("UPDATE print_jobs")]
    assert len(updates) == 6  # started, then printed: nothing else written
    by_id = [sql for sql in sent if sql.startswith("SELECT") and "WHERE print_jobs.id =" in sql]
    assert by_id == []  # each change returns the job as it now is
