from __future__ import annotations

import pytest

from app.domain.card_formats import DigitsAre, UidOrder
from hardware.errors import DeviceUrlError
from hardware.readers.factory import open_card_reader
from hardware.readers.serial_reader import SerialCardReader
from hardware.readers.sim import SimCardReader
from hardware.readers.wedge import WedgeCardReader
from hardware.urls import (
    READ_DIGITS,
    READER_FORMS,
    UID_ORDERS,
    ReaderKind,
    ReaderSpec,
    parse_reader_url,
    wedge_url,
)

SERIAL = ReaderKind.SERIAL
WEDGE = ReaderKind.WEDGE

# Every card reader form in hardware/urls.py's docstring, and what it means.
FORMS = [
    ("sim://", ReaderSpec(ReaderKind.SIM)),
    ("serial:///dev/ttyUSB0?baudrate=9600", ReaderSpec(SERIAL, port="/dev/ttyUSB0")),
    ("serial:///dev/ttyACM1?baudrate=19200", ReaderSpec(SERIAL, "/dev/ttyACM1", 19200)),
    ("serial://COM3", ReaderSpec(SERIAL, port="COM3")),
    ("SERIAL://COM3", ReaderSpec(SERIAL, port="COM3")),
    ("socket://192.168.1.60:4001", ReaderSpec(SERIAL, port="socket://192.168.1.60:4001")),
    (
        "rfc2217://reader.local:7000?baudrate=4800",
        ReaderSpec(SERIAL, port="rfc2217://reader.local:7000", baudrate=4800),
    ),
    (
        "rfc2217://10.0.0.5:7000?ign_set_control&baudrate=2400&timeout=3",
        ReaderSpec(SERIAL, "rfc2217://10.0.0.5:7000?ign_set_control&timeout=3", 2400),
    ),
    ("loop://", ReaderSpec(SERIAL, port="loop://")),
    ("loop://?logging=debug", ReaderSpec(SERIAL, port="loop://?logging=debug")),
    ("wedge://", ReaderSpec(WEDGE)),
    (
        "wedge://?prefix=%23&suffix=%3F%0D&gap_ms=30&min_length=10",
        ReaderSpec(WEDGE, prefix="#", suffix="?\r", gap_ms=30, min_length=10),
    ),
    ("wedge://?prefix=%02&suffix=%03", ReaderSpec(WEDGE, prefix="\x02", suffix="\x03")),
    ("wedge://?digits=em4100", ReaderSpec(WEDGE, digits="em4100")),
    (
        "serial:///dev/ttyUSB0?digits=uid&uid_order=reversed",
        ReaderSpec(SERIAL, port="/dev/ttyUSB0", digits="uid", uid_order="reversed"),
    ),
    (
        "socket://reader.local:4001?digits=em4100-hex&timeout=3",
        ReaderSpec(SERIAL, port="socket://reader.local:4001?timeout=3", digits="em4100-hex"),
    ),
    ("sim://?digits=em4100", ReaderSpec(ReaderKind.SIM, digits="em4100")),
    ("wedge://?suffix=%09", ReaderSpec(WEDGE, suffix="\t")),
    ("wedge://?prefix=", ReaderSpec(WEDGE)),
]


@pytest.mark.parametrize(("url", "spec"), FORMS)
def test_documented_reader_forms_parse(url: str, spec: ReaderSpec) -> None:
    assert parse_reader_url(url) == spec


def test_every_documented_reader_form_is_tested() -> None:
    schemes = {form.split(":")[0] for form in READER_FORMS}
    assert schemes == {url.split(":")[0].lower() for url, _ in FORMS}


@pytest.mark.parametrize(
    ("url", "complaint"),
    [
        ("bluetooth://x", "unknown card reader scheme 'bluetooth'"),
        ("", "unknown card reader scheme ''"),
        ("sim://?baudrate=9600", "unknown option 'baudrate'"),
        ("wedge://?prefix=%25", "prefix must not start with '%': a card swipe starts with it"),
        ("wedge://?prefix=;", "prefix must not start with ';'"),
        ("wedge://?suffix=%3F", "suffix must hold Enter (%0D), Tab (%09)"),
        ("wedge://?suffix=%20", "suffix must hold Enter"),
        ("serial:///dev/ttyUSB0?digits=hex", "digits must be one of number, em4100"),
        ("loop://?uid_order=lsb", "uid_order must be one of sent, reversed"),
        ("serial://", "missing serial port"),
        ("serial:///dev/ttyUSB0?parity=E", "unknown option 'parity'"),
        ("serial:///dev/ttyUSB0?baudrate=fast", "baudrate must be a whole number"),
        ("serial:///dev/ttyUSB0?baudrate=0", "baudrate must be a whole number from 50"),
        ("serial:///dev/ttyUSB0?baudrate=", "baudrate must be a whole number"),
        ("socket://", "socket:// needs HOST:PORT"),
        ("socket://reader.local", "socket:// needs HOST:PORT"),
        ("socket://reader.local:port", "bad port"),
        ("rfc2217://:7000", "rfc2217:// needs HOST:PORT"),
        ("loop://?baudrate=-1", "baudrate must be a whole number"),
        ("wedge://keyboard", "takes no address"),
        ("wedge://?suffix=", "suffix must not be empty"),
        ("wedge://?gap_ms=0", "gap_ms must be a whole number from 1 to 1000"),
        ("wedge://?gap_ms=fifty", "gap_ms must be a whole number"),
        ("wedge://?gap_ms=2.5", "gap_ms must be a whole number"),
        ("wedge://?min_length=0", "min_length must be a whole number from 1"),
        ("wedge://?min_length=²", "min_length must be a whole number"),
        ("wedge://?sufix=%0D", "unknown option 'sufix'"),
    ],
)
def test_bad_reader_urls_are_refused_with_the_grammar(url: str, complaint: str) -> None:
    with pytest.raises(DeviceUrlError) as error:
        parse_reader_url(url)
    assert complaint in str(error.value)
    assert "serial://DEVICE[?baudrate=N]" in str(error.value)
    assert "wedge://" in str(error.value)


@pytest.mark.parametrize(
    ("url", "reader_type"),
    [
        ("sim://", SimCardReader),
        ("serial:///dev/ttyUSB0", SerialCardReader),
        ("socket://127.0.0.1:4001", SerialCardReader),
        ("wedge://?min_length=8", WedgeCardReader),
    ],
)
def test_the_factory_builds_the_reader_a_url_names_without_opening_it(
    url: str, reader_type: type
) -> None:
    reader = open_card_reader(url)
    assert isinstance(reader, reader_type)
    assert reader.describe()


def test_a_wedge_url_configures_the_detector() -> None:
    reader = open_card_reader("wedge://?prefix=%23&suffix=%3F%09&gap_ms=20&min_length=16")
    assert isinstance(reader, WedgeCardReader)
    detector = reader.detector
    assert (detector.prefix, detector.suffix, detector.gap_ms, detector.min_length) == (
        "#",
        "?\t",
        20,
        16,
    )


@pytest.mark.parametrize(
    "spec",
    [
        ReaderSpec(WEDGE),
        ReaderSpec(WEDGE, prefix="#&=?", suffix="\t\r", gap_ms=35, min_length=4),
        ReaderSpec(WEDGE, prefix="\x02", suffix="\x03\r\n", digits="uid", uid_order="reversed"),
        ReaderSpec(WEDGE, prefix="卡", digits="em4100"),
    ],
)
def test_a_wedge_url_built_from_settings_parses_back_to_them(spec: ReaderSpec) -> None:
    assert parse_reader_url(wedge_url(spec)) == spec


def test_the_format_words_are_the_domain_s() -> None:
    assert tuple(d.value for d in DigitsAre) == READ_DIGITS
    assert tuple(o.value for o in UidOrder) == UID_ORDERS


def test_a_reader_stored_before_the_wedge_rules_still_opens_without_a_swipe_prefix() -> None:
    stored = parse_reader_url("wedge://?prefix=%25&suffix=%3F&gap_ms=50", strict=False)
    assert (stored.prefix, stored.suffix, stored.gap_ms) == ("", "?", 50)
    reader = open_card_reader("wedge://?prefix=;&suffix=%0D")
    assert isinstance(reader, WedgeCardReader) and reader.detector.prefix == ""
