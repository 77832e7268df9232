from __future__ import annotations

import os
import select
import socket
import threading
import tty
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.bootstrap import Till
from app.domain.draft import OrderDraft
from app.domain.payment import PaymentMethod, Tender
from app.services.checkout import CompletedOrder
from app.services.printing import ReceiptService
from hardware.errors import DeviceOffline
from hardware.printing.document import ReceiptDocument
from hardware.printing.escpos_decode import decode_escpos
from hardware.printing.printer import open_printer


class FakeNetworkPrinter:
    """A raw-port (9100) printer on 127.0.0.1 that keeps every job's bytes."""

    def __init__(self) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(10)
        self.port = self._server.getsockname()[1]
        self.jobs: list[bytes] = []
        self._thread = threading.Thread(target=self._serve_one, daemon=True)
        self._thread.start()

    def _serve_one(self) -> None:
        connection, _ = self._server.accept()
        with connection:
            chunks = []
            while chunk := connection.recv(4096):
                chunks.append(chunk)
        self.jobs.append(b"".join(chunks))

    def wait(self) -> bytes:
        self._thread.join(10)
        self._server.close()
        return self.jobs[0]


@pytest.fixture
def member_order(till: Till) -> CompletedOrder:
    catalog = till.catalog.load()
    draft = OrderDraft()
    for code in ("HOT-01", "HOT-01", "DRINK-01", "SET-02"):
        draft.add(next(item for item in catalog.items if item.code == code))
    draft.member = till.members.identify("13800138000").member
    staff = till.auth.log_in("wangfang", "1111")
    return till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 20_000), staff)


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
    assert "13800138000" not in text


def test_receipt_reaches_a_network_printer_over_tcp(
    till: Till, member_order: CompletedOrder
) -> None:
    printer = FakeNetworkPrinter()
    device = open_printer(f"escpos+tcp://127.0.0.1:{printer.port}?timeout=5")
    ReceiptService(device, till.catalog, till.currency).print_receipt(member_order, "zh")
    data = printer.wait()
    assert_is_the_member_receipt(data, member_order)
    assert decode_escpos(data).drawer_kicks == 1  # cash opens the drawer


@pytest.fixture
def pty_pair() -> Iterator[tuple[int, str]]:
    controller, device = os.openpty()
    tty.setraw(device)
    yield controller, os.ttyname(device)
    os.close(controller)
    os.close(device)


def test_receipt_reaches_a_serial_printer_through_a_pseudo_terminal(
    till: Till, member_order: CompletedOrder, pty_pair: tuple[int, str]
) -> None:
    controller, device_path = pty_pair
    received = bytearray()
    printed = threading.Event()

    def read_until_quiet() -> None:
        # 58 mm printers have no cutter, so the slip ends when the line goes quiet.
        while True:
            ready, _, _ = select.select([controller], [], [], 0.3)
            if ready:
                received.extend(os.read(controller, 65536))
            elif printed.is_set():
                return

    reader = threading.Thread(target=read_until_quiet, daemon=True)
    reader.start()
    device = open_printer(f"escpos+serial://{device_path}?baudrate=19200&width=58")
    ReceiptService(device, till.catalog, till.currency).print_receipt(member_order, "zh")
    printed.set()
    reader.join(10)
    assert not reader.is_alive()
    assert_is_the_member_receipt(bytes(received), member_order)


def test_receipt_appends_to_a_character_device_file(
    till: Till, member_order: CompletedOrder, tmp_path: Path
) -> None:
    target = tmp_path / "lp0"
    device = open_printer(f"escpos+file://{target}")
    service = ReceiptService(device, till.catalog, till.currency)
    service.print_receipt(member_order, "en")
    service.print_receipt(member_order, "en")
    text = decode_escpos(target.read_bytes()).text
    assert text.count("Kung Pao Chicken") == 2 and "10% off -¥7.60" in text


def test_an_unreachable_printer_raises_device_offline_quickly() -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # closed again: nothing listens there now
    device = open_printer(f"escpos+tcp://127.0.0.1:{port}?timeout=2")
    with pytest.raises(DeviceOffline, match=f"127.0.0.1:{port}"):
        device.print_receipt(ReceiptDocument(title="x"))


def test_a_missing_serial_port_raises_device_offline(tmp_path: Path) -> None:
    device = open_printer(f"escpos+serial://{tmp_path}/ttyNOPE")
    with pytest.raises(DeviceOffline, match="ttyNOPE"):
        device.print_receipt(ReceiptDocument(title="x"))
