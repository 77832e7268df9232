from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.bootstrap import Till, TillConfig, build_till
from app.domain.approvals import PinApproval
from app.domain.payment import PaymentMethod, Tender
from app.errors import LoginRefused, PermissionDenied
from app.services.spooler import JobStatus
from db.models import AuditEventRow
from hardware.printing.escpos_decode import decode_escpos
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fake_printer import FakeNetworkPrinter
from tests.fakes import FakeClock
from tests.integration.test_printing import sell, wait_for_job


@pytest.fixture
def printer() -> Iterator[FakeNetworkPrinter]:
    fake = FakeNetworkPrinter()
    yield fake
    fake.close()


@pytest.fixture(autouse=True)
def demo(new_database_url: str, clock: FakeClock, demo_templates: DemoTemplates) -> None:
    """Each test's database starts as the demo till ``make`` would seed."""
    demo_templates.fill(new_database_url, Demo(DEMO_MEMBERS, clock.now().date()))


def make(database_url: str, clock: FakeClock, printer_url: str, drawer: bool = True) -> Till:
    return build_till(
        TillConfig(
            database_url,
            printer_url=printer_url,
            drawer_allowed=drawer,
            demo_members_if_empty=DEMO_MEMBERS,
        ),
        clock,
    )


def audit(till: Till) -> list[tuple[str, str]]:
    assert till._engine is not None
    with Session(till._engine) as session:
        rows = session.execute(
            select(AuditEventRow.action, AuditEventRow.detail).order_by(AuditEventRow.id)
        )
        return [(a, d) for a, d in rows]


def test_no_sale_needs_a_manager_pin_and_is_audited(
    database_url: str, clock: FakeClock, printer: FakeNetworkPrinter
) -> None:
    till = make(database_url, clock, printer.url + "&drawer_pin=5")
    try:
        cashier = till.auth.log_in("wangfang", "1111")
        assert till.drawer.needs_approval(cashier)
        with pytest.raises(LoginRefused):
            till.drawer.open_no_sale(cashier, PinApproval("manager", "0000"))
        with pytest.raises(PermissionDenied):  # a cashier cannot approve a cashier
            till.drawer.open_no_sale(cashier, PinApproval("wangfang", "1111"))
        till.drawer.open_no_sale(cashier, PinApproval("manager", "9999"))
        (data,) = printer.wait_for_jobs(1)
        assert data[:3] == b"\x1bp\x01" and len(data) == 5  # ESC p m=1 (pin 5): no paper
        wait_for_job(till, "NO_SALE", {JobStatus.PRINTED})
        actions = [a for a, _ in audit(till)]
        assert actions[-2:] == ["approval", "drawer_no_sale"]
        assert '"approved_by": 2' in audit(till)[-1][1]
    finally:
        till.close()


def test_a_manager_opens_the_drawer_alone(
    database_url: str, clock: FakeClock, printer: FakeNetworkPrinter
) -> None:
    till = make(database_url, clock, printer.url)
    try:
        manager = till.auth.log_in("manager", "9999")
        assert not till.drawer.needs_approval(manager)
        till.drawer.open_no_sale(manager)
        assert decode_escpos(printer.wait_for_jobs(1)[0]).drawer_kicks == 1
    finally:
        till.close()


def test_the_drawer_never_opens_when_the_till_forbids_it(
    database_url: str, clock: FakeClock, printer: FakeNetworkPrinter
) -> None:
    till = make(database_url, clock, printer.url, drawer=False)
    try:
        manager = till.auth.log_in("manager", "9999")
        with pytest.raises(PermissionDenied, match="training"):
            till.drawer.open_no_sale(manager)
        order = sell(till, "HOT-01")  # cash sale: receipt prints, drawer stays shut
        wait_for_job(till, order.order_no, {JobStatus.PRINTED})
        assert decode_escpos(printer.wait_for_jobs(1)[0]).drawer_kicks == 0
    finally:
        till.close()


def test_pdf_receipts_embed_the_chinese_font(
    database_url: str, clock: FakeClock, tmp_path: Path
) -> None:
    folder = tmp_path / "receipts"
    till = make(database_url, clock, f"pdf://{folder}?width=58")
    try:
        order = sell(till, "HOT-01", "DRINK-04", tender=Tender(PaymentMethod.CASH, 10_000))
        wait_for_job(till, order.order_no, {JobStatus.PRINTED})
        till.spooler.reprint(order.order_no, f"pdf://{folder}")
        pdf = folder / f"{order.order_no}.pdf"
        copy = folder / f"{order.order_no}-2.pdf"
        wait_for_job(till, order.order_no, {JobStatus.PRINTED})
        for _ in range(200):
            if copy.exists():
                break
            __import__("time").sleep(0.02)
        assert pdf.read_bytes().startswith(b"%PDF") and copy.exists()
    finally:
        till.close()
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True)
    if fonts.returncode == 0:  # poppler-utils comes with installer/setup.sh --for-tests
        line = next(row for row in fonts.stdout.splitlines() if "WenQuanYi" in row)
        assert " yes yes " in line  # embedded, subset
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
    if text.returncode == 0:
        assert "宫" in text.stdout and "138****8000" in text.stdout.replace(" ", "")
