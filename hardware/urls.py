"""Device URLs: the one place their grammar lives.

Receipt printers::

    escpos+tcp://HOST[:PORT]              network printer, raw port (9100 by default)
    escpos+serial://DEVICE[?baudrate=N]   serial printer through pyserial (any pyserial
                                          port: /dev/ttyUSB0, COM3, ...; 9600 by default)
    escpos+usb://VVVV:PPPP                USB printer by vendor:product id (hex)
    escpos+file:///PATH                   character device (/dev/usb/lp0) or a plain file
    pdf:///FOLDER                         each slip as a PDF file in FOLDER (reportlab)
    sim://                                in-memory simulator with a preview

Printer options, as query parameters on any of the above:
``width=58|80`` (paper; 80 by default), ``profile=NAME`` (python-escpos printer
profile; TM-T20II for 80 mm, POS-5890 for 58 mm), ``timeout=SECONDS`` (5 by default),
``drawer_pin=2|5`` (the connector pin that kicks the cash drawer; 2 by default),
``font=gb2312|gbk`` (what the printer's Chinese font has: the GB2312 zone by default,
``gbk`` for every two-byte GB18030 code; other characters are replaced, see
``hardware.printing.charset``).

Customer displays (2×20 VFD, ESC/POS command mode)::

    vfd+serial://DEVICE[?baudrate=N]      on a serial port (9600 by default)
    sim://                                shown on the till's screen
    (empty)                               no customer display

Card readers (each delivers what it reads as lines of text)::

    sim://                                simulated swipes, triggered from the till
    serial://DEVICE[?baudrate=N]          a reader on a serial port (/dev/ttyUSB0, COM3,
                                          ...; 9600 by default)
    socket://HOST:PORT[?baudrate=N]       a reader behind a serial-to-network server
    rfc2217://HOST:PORT[?baudrate=N]      the same, speaking RFC 2217
    loop://[?baudrate=N]                  pyserial's loopback, for trials
    wedge://[?prefix=P&suffix=S&gap_ms=N&min_length=N]
                                          a reader that types like a keyboard: a read is a
                                          burst of keys at most ``gap_ms`` apart (50), ending
                                          in ``suffix`` (Enter by default, ``%0D``), starting
                                          after ``prefix`` (none by default) and at least
                                          ``min_length`` long in between (6)

What a reader sends where a line could mean several cards, on any reader URL::

    digits=number|em4100|em4100-hex|uid   a line of only digits is a card number (the
                                          default); an EM4100/TK4100 card's printed
                                          decimal; EM4100's 10 hex digits; a hex UID (8,
                                          14 or 20 digits) or a 4-byte UID in decimal (10)
    uid_order=sent|reversed               UID bytes in the card's order (the default) or
                                          last byte first

A wedge ``prefix`` is what the reader adds before each read (it is required and taken
off once, so the read may itself start with the same characters); one starting with
``%`` or ``;`` is refused, because those start a magnetic-stripe swipe. A ``suffix``
must hold a key no read contains (Enter ``%0D``, Tab ``%09``, line feed ``%0A``), so a
read is never cut short.

On socket://, rfc2217:// and loop:// every other query option goes to pyserial as is.

Anything else is refused with a ``DeviceUrlError`` that shows this grammar.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from hardware.errors import DeviceUrlError
from hardware.printing.charset import DEFAULT_COVERAGE, FontCoverage

logger = logging.getLogger(__name__)

PRINTER_FORMS = (
    "escpos+tcp://HOST[:PORT]",
    "escpos+serial://DEVICE[?baudrate=N]",
    "escpos+usb://VVVV:PPPP",
    "escpos+file:///PATH",
    "pdf:///FOLDER",
    "sim://",
)
READER_FORMS = (
    "sim://",
    "serial://DEVICE[?baudrate=N]",
    "socket://HOST:PORT[?baudrate=N]",
    "rfc2217://HOST:PORT[?baudrate=N]",
    "loop://[?baudrate=N]",
    "wedge://[?prefix=P&suffix=S&gap_ms=N&min_length=N]",
)
READ_DIGITS = ("number", "em4100", "em4100-hex", "uid")
UID_ORDERS = ("sent", "reversed")
_FORMAT_OPTIONS = {"digits", "uid_order"}
DISPLAY_FORMS = ("vfd+serial://DEVICE[?baudrate=N]", "sim://", "(empty: none)")

DEFAULT_PROFILES = {58: "POS-5890", 80: "TM-T20II"}
_PRINTER_OPTIONS = {"width", "profile", "timeout", "baudrate", "drawer_pin", "font"}


class PrinterTransportKind(enum.Enum):
    TCP = "tcp"
    SERIAL = "serial"
    FILE = "file"
    USB = "usb"
    PDF = "pdf"
    SIM = "sim"


@dataclass(frozen=True)
class PrinterSpec:
    """A parsed printer URL. ``target`` is host, serial port or path by kind."""

    kind: PrinterTransportKind
    target: str = ""
    port: int = 9100
    baudrate: int = 9600
    width_mm: int = 80
    profile: str = DEFAULT_PROFILES[80]
    timeout_s: float = 5.0
    drawer_pin: int = 2
    font: FontCoverage = DEFAULT_COVERAGE


class ReaderKind(enum.Enum):
    SIM = "sim"
    SERIAL = "serial"
    WEDGE = "wedge"


@dataclass(frozen=True)
class ReaderSpec:
    """A parsed card reader URL.

    ``port`` is what ``serial.serial_for_url`` opens: a device, or a pyserial URL.
    """

    kind: ReaderKind
    port: str = ""
    baudrate: int = 9600
    prefix: str = ""
    suffix: str = "\r"
    gap_ms: int = 50
    min_length: int = 6
    digits: str = READ_DIGITS[0]
    uid_order: str = UID_ORDERS[0]


def _refuse(url: str, why: str, forms: tuple[str, ...]) -> DeviceUrlError:
    return DeviceUrlError(f"{why} in device URL {url!r}; use one of: {', '.join(forms)}")


def parse_printer_url(url: str) -> PrinterSpec:
    parts = urlsplit(url.strip())
    options = dict(parse_qsl(parts.query, keep_blank_values=True))
    unknown = set(options) - _PRINTER_OPTIONS
    if unknown:
        raise _refuse(url, f"unknown option {sorted(unknown)[0]!r}", PRINTER_FORMS)
    width = _int_option(url, options, "width", 80)
    if width not in DEFAULT_PROFILES:
        raise _refuse(url, f"paper width must be 58 or 80, not {width}", PRINTER_FORMS)
    timeout = _float_option(url, options, "timeout", 5.0)
    drawer_pin = _int_option(url, options, "drawer_pin", 2)
    if drawer_pin not in (2, 5):
        raise _refuse(url, f"drawer_pin must be 2 or 5, not {drawer_pin}", PRINTER_FORMS)
    fonts = {f.value: f for f in FontCoverage}
    font = options.get("font", DEFAULT_COVERAGE.value).lower()
    if font not in fonts:
        raise _refuse(url, f"font must be {' or '.join(fonts)}, not {font!r}", PRINTER_FORMS)
    common = PrinterSpec(
        PrinterTransportKind.SIM,
        width_mm=width,
        profile=options.get("profile") or DEFAULT_PROFILES[width],
        timeout_s=timeout,
        drawer_pin=drawer_pin,
        font=fonts[font],
    )
    scheme = parts.scheme.lower()
    if scheme == "escpos+tcp":
        if not parts.hostname:
            raise _refuse(url, "missing printer address", PRINTER_FORMS)
        try:
            port = parts.port or 9100
        except ValueError as exc:
            raise _refuse(url, "bad port", PRINTER_FORMS) from exc
        return replace(common, kind=PrinterTransportKind.TCP, target=parts.hostname, port=port)
    if scheme == "escpos+serial":
        device = unquote(parts.netloc + parts.path)
        if not device:
            raise _refuse(url, "missing serial port", PRINTER_FORMS)
        baudrate = _int_option(url, options, "baudrate", 9600)
        return replace(common, kind=PrinterTransportKind.SERIAL, target=device, baudrate=baudrate)
    if scheme == "escpos+file":
        path = unquote(parts.path)
        if parts.netloc or not path:
            raise _refuse(url, "a file URL needs an absolute path", PRINTER_FORMS)
        return replace(common, kind=PrinterTransportKind.FILE, target=path)
    if scheme == "escpos+usb":
        ids = parts.netloc.lower().split(":")
        if len(ids) != 2 or not all(len(i) == 4 and _is_hex(i) for i in ids):
            raise _refuse(
                url, "a USB printer is vendor:product in hex, like 04b8:0202", PRINTER_FORMS
            )
        return replace(common, kind=PrinterTransportKind.USB, target=":".join(ids))
    if scheme == "pdf":
        folder = unquote(parts.path)
        if parts.netloc or not folder:
            raise _refuse(url, "a PDF URL needs an absolute folder", PRINTER_FORMS)
        return replace(common, kind=PrinterTransportKind.PDF, target=folder)
    if scheme == "sim":
        return common
    raise _refuse(url, f"unknown printer scheme {parts.scheme!r}", PRINTER_FORMS)


@dataclass(frozen=True)
class DisplaySpec:
    """``port`` is empty for the simulator."""

    port: str = ""
    baudrate: int = 9600


def parse_display_url(url: str) -> DisplaySpec | None:
    """``None`` when there is no customer display."""
    if not url.strip():
        return None
    parts = urlsplit(url.strip())
    options = dict(parse_qsl(parts.query))
    if set(options) - {"baudrate"}:
        raise _refuse(url, "unknown option", DISPLAY_FORMS)
    scheme = parts.scheme.lower()
    if scheme == "sim":
        return DisplaySpec()
    if scheme == "vfd+serial":
        port = unquote(parts.netloc + parts.path)
        baud = options.get("baudrate", "9600")
        if not port or not baud.isdigit():
            raise _refuse(url, "missing serial port or bad baudrate", DISPLAY_FORMS)
        return DisplaySpec(port, int(baud))
    raise _refuse(url, f"unknown display scheme {parts.scheme!r}", DISPLAY_FORMS)


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdef" for c in text)


# Options we read; pyserial's own schemes take any option and pass the rest to pyserial.
_READER_OPTIONS = {
    "sim": _FORMAT_OPTIONS,
    "serial": {"baudrate"} | _FORMAT_OPTIONS,
    "wedge": {"prefix", "suffix", "gap_ms", "min_length"} | _FORMAT_OPTIONS,
}
_PYSERIAL_SCHEMES = {"socket", "rfc2217", "loop"}


def parse_reader_url(url: str, *, strict: bool = True) -> ReaderSpec:
    """The reader ``url`` names. ``strict=False`` is for opening a reader stored before
    the wedge rules below: a prefix starting with ``%`` or ``;`` is dropped (the reader
    never sent it: it was the swipe's own start) and a printable suffix is kept."""
    spec = _reader_spec(url, strict)
    options = dict(parse_qsl(urlsplit(url.strip()).query, keep_blank_values=True))
    digits = options.get("digits", READ_DIGITS[0])
    order = options.get("uid_order", UID_ORDERS[0])
    if digits not in READ_DIGITS:
        raise _refuse(url, f"digits must be one of {', '.join(READ_DIGITS)}", READER_FORMS)
    if order not in UID_ORDERS:
        raise _refuse(url, f"uid_order must be one of {', '.join(UID_ORDERS)}", READER_FORMS)
    return replace(spec, digits=digits, uid_order=order)


def _reader_spec(url: str, strict: bool) -> ReaderSpec:
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    options = dict(parse_qsl(parts.query, keep_blank_values=True))
    if scheme not in _READER_OPTIONS and scheme not in _PYSERIAL_SCHEMES:
        raise _refuse(url, f"unknown card reader scheme {parts.scheme!r}", READER_FORMS)
    unknown = set(options) - _READER_OPTIONS.get(scheme, set(options))
    if unknown:
        raise _refuse(url, f"unknown option {sorted(unknown)[0]!r}", READER_FORMS)
    if scheme == "sim":
        return ReaderSpec(ReaderKind.SIM)
    if scheme == "wedge":
        return _wedge_spec(url, parts.netloc + parts.path, options, strict)
    baudrate = _reader_number(url, options, "baudrate", 9600, 50, 4_000_000)
    if scheme == "serial":
        device = unquote(parts.netloc + parts.path)
        if not device:
            raise _refuse(url, "missing serial port", READER_FORMS)
        return ReaderSpec(ReaderKind.SERIAL, port=device, baudrate=baudrate)
    if scheme != "loop":
        try:
            port = parts.port
        except ValueError as exc:
            raise _refuse(url, "bad port", READER_FORMS) from exc
        if not parts.hostname or port is None:
            raise _refuse(url, f"{scheme}:// needs HOST:PORT", READER_FORMS)
    ours = {"baudrate"} | _FORMAT_OPTIONS
    rest = [part for part in parts.query.split("&") if part and part.split("=")[0] not in ours]
    query = f"?{'&'.join(rest)}" if rest else ""
    port_url = f"{scheme}://{parts.netloc}{parts.path}{query}"
    return ReaderSpec(ReaderKind.SERIAL, port=port_url, baudrate=baudrate)


def _wedge_spec(url: str, address: str, options: dict[str, str], strict: bool) -> ReaderSpec:
    if address:
        raise _refuse(url, "a keyboard reader takes no address", READER_FORMS)
    suffix = options.get("suffix", "\r")
    if not suffix:
        raise _refuse(url, "suffix must not be empty", READER_FORMS)
    if suffix.isprintable() and strict:
        raise _refuse(
            url,
            "suffix must hold Enter (%0D), Tab (%09) or another key no read contains",
            READER_FORMS,
        )
    prefix = options.get("prefix", "")
    if prefix[:1] in ("%", ";") and not strict:
        logger.warning("card reader %s: prefix %r ignored: a swipe starts with it", url, prefix)
        prefix = ""
    if prefix[:1] in ("%", ";"):
        raise _refuse(
            url,
            f"prefix must not start with {prefix[0]!r}: a card swipe starts with it"
            " (leave the prefix out unless the reader adds one of its own)",
            READER_FORMS,
        )
    return ReaderSpec(
        ReaderKind.WEDGE,
        prefix=prefix,
        suffix=suffix,
        gap_ms=_reader_number(url, options, "gap_ms", 50, 1, 1000),
        min_length=_reader_number(url, options, "min_length", 6, 1, 256),
    )


def _reader_number(
    url: str, options: dict[str, str], name: str, default: int, lowest: int, highest: int
) -> int:
    raw = options.get(name)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit() and lowest <= int(raw) <= highest):
        raise _refuse(
            url,
            f"option {name} must be a whole number from {lowest} to {highest}, not {raw!r}",
            READER_FORMS,
        )
    return int(raw)


def _int_option(url: str, options: dict[str, str], name: str, default: int) -> int:
    raw = options.get(name)
    if raw is None:
        return default
    if not raw.isdigit():
        raise _refuse(url, f"option {name} must be a whole number, not {raw!r}", PRINTER_FORMS)
    return int(raw)


def _float_option(url: str, options: dict[str, str], name: str, default: float) -> float:
    raw = options.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise _refuse(url, f"option {name} must be a number, not {raw!r}", PRINTER_FORMS) from exc
    if not 0 < value <= 120:
        raise _refuse(url, f"option {name} must be between 0 and 120 seconds", PRINTER_FORMS)
    return value


def wedge_url(spec: ReaderSpec) -> str:
    """The ``wedge://`` URL for ``spec``'s wedge and format options, defaults left out."""
    defaults = ReaderSpec(ReaderKind.WEDGE)
    pairs = [
        (name, str(getattr(spec, name)))
        for name in ("prefix", "suffix", "gap_ms", "min_length", "digits", "uid_order")
        if getattr(spec, name) != getattr(defaults, name)
    ]
    query = "&".join(f"{name}={quote(value, safe='')}" for name, value in pairs)
    return f"wedge://?{query}" if query else "wedge://"


def printer_url(spec: PrinterSpec) -> str:
    """The URL for ``spec``: the inverse of ``parse_printer_url``, defaults left out."""
    options: list[str] = []
    if spec.width_mm != 80:
        options.append(f"width={spec.width_mm}")
    if spec.profile != DEFAULT_PROFILES[spec.width_mm]:
        options.append(f"profile={spec.profile}")
    if spec.timeout_s != 5.0:
        options.append(f"timeout={spec.timeout_s:g}")
    if spec.drawer_pin != 2:
        options.append(f"drawer_pin={spec.drawer_pin}")
    if spec.font is not DEFAULT_COVERAGE:
        options.append(f"font={spec.font.value}")
    if spec.kind is PrinterTransportKind.SERIAL and spec.baudrate != 9600:
        options.insert(0, f"baudrate={spec.baudrate}")
    query = f"?{'&'.join(options)}" if options else ""
    if spec.kind is PrinterTransportKind.TCP:
        port = f":{spec.port}" if spec.port != 9100 else ""
        return f"escpos+tcp://{spec.target}{port}{query}"
    if spec.kind is PrinterTransportKind.SERIAL:
        return f"escpos+serial://{spec.target}{query}"
    if spec.kind is PrinterTransportKind.FILE:
        return f"escpos+file://{spec.target}{query}"
    if spec.kind is PrinterTransportKind.USB:
        return f"escpos+usb://{spec.target}{query}"
    if spec.kind is PrinterTransportKind.PDF:
        return f"pdf://{spec.target}{query}"
    return f"sim://{query}"
