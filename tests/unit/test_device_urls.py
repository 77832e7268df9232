from __future__ import annotations

import pytest

from hardware.errors import DeviceUrlError
from hardware.urls import PrinterTransportKind, parse_printer_url, parse_reader_url, printer_url

# Every form in hardware/urls.py's docstring, and what it means.
FORMS = [
    ("escpos+tcp://192.168.1.50:9100", PrinterTransportKind.TCP, "192.168.1.50", 9100),
    ("escpos+tcp://printer.local", PrinterTransportKind.TCP, "printer.local", 9100),
    ("escpos+tcp://127.0.0.1:9200?timeout=2.5", PrinterTransportKind.TCP, "127.0.0.1", 9200),
    (
        "escpos+serial:///dev/ttyUSB0?baudrate=19200",
        PrinterTransportKind.SERIAL,
        "/dev/ttyUSB0",
        19200,
    ),
    ("escpos+serial://COM3", PrinterTransportKind.SERIAL, "COM3", 9600),
    ("escpos+file:///dev/usb/lp0", PrinterTransportKind.FILE, "/dev/usb/lp0", None),
    ("escpos+usb://04B8:0202", PrinterTransportKind.USB, "04b8:0202", None),
    ("pdf:///srv/receipts", PrinterTransportKind.PDF, "/srv/receipts", None),
    ("sim://", PrinterTransportKind.SIM, "", None),
]


@pytest.mark.parametrize(("url", "kind", "target", "number"), FORMS)
def test_documented_printer_forms_parse(
    url: str, kind: PrinterTransportKind, target: str, number: int | None
) -> None:
    spec = parse_printer_url(url)
    assert (spec.kind, spec.target) == (kind, target)
    if kind is PrinterTransportKind.TCP:
        assert spec.port == number
    if kind is PrinterTransportKind.SERIAL:
        assert spec.baudrate == number


def test_paper_width_picks_the_profile_and_columns() -> None:
    assert parse_printer_url("sim://?width=58").profile == "POS-5890"
    assert parse_printer_url("sim://").profile == "TM-T20II"
    assert parse_printer_url("sim://?width=80&profile=TM-T88V").profile == "TM-T88V"


@pytest.mark.parametrize(
    ("url", "complaint"),
    [
        ("lpt://1", "unknown printer scheme"),
        ("escpos+tcp://", "missing printer address"),
        ("escpos+tcp://host:port", "bad port"),
        ("escpos+serial://", "missing serial port"),
        ("escpos+file://relative/path", "absolute path"),
        ("escpos+usb://epson", "vendor:product in hex"),
        ("escpos+usb://04b8:02020", "vendor:product in hex"),
        ("sim://?colour=red", "unknown option 'colour'"),
        ("sim://?width=76", "58 or 80"),
        ("escpos+tcp://h?timeout=soon", "must be a number"),
        ("escpos+tcp://h?timeout=0", "between 0 and 120"),
        ("escpos+serial:///dev/ttyS0?baudrate=fast", "whole number"),
        ("escpos+tcp://h?font=big5", "font must be gb2312 or gbk"),
    ],
)
def test_bad_printer_urls_are_refused_with_the_grammar(url: str, complaint: str) -> None:
    with pytest.raises(DeviceUrlError) as error:
        parse_printer_url(url)
    assert complaint in str(error.value)
    assert "escpos+tcp://HOST[:PORT]" in str(error.value)


def test_the_font_option_names_what_the_printer_s_chinese_font_has() -> None:
    assert parse_printer_url("sim://").font.value == "gb2312"
    assert parse_printer_url("escpos+tcp://h?font=GBK").font.value == "gbk"


def test_reader_urls() -> None:
    assert parse_reader_url("sim://").kind.value == "sim"
    with pytest.raises(DeviceUrlError, match="sim://"):
        parse_reader_url("bluetooth://x")


@pytest.mark.parametrize(
    "url",
    [
        "escpos+tcp://192.168.1.50",
        "escpos+tcp://10.0.0.2:9200?timeout=2.5",
        "escpos+serial:///dev/ttyUSB0?baudrate=19200&width=58",
        "escpos+serial://COM3",
        "escpos+file:///dev/usb/lp0?drawer_pin=5",
        "escpos+usb://04b8:0202?timeout=2",
        "pdf:///srv/receipts?width=58",
        "sim://",
        "sim://?profile=TM-T88V",
        "escpos+tcp://192.168.1.50?font=gbk",
    ],
)
def test_printer_urls_round_trip(url: str) -> None:
    assert printer_url(parse_printer_url(url)) == url
