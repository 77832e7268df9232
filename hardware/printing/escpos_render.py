"""Render a receipt document to ESC/POS bytes with python-escpos and our own CJK path.

python-escpos has no GB18030 code page and does not switch the printer into Chinese
mode, so text goes out through ``encode_line``: ASCII as is, symbols that code page
437 holds (``¥``, ``é``) as one byte of it, and every run of other characters
wrapped in ``FS &`` (Chinese mode on) ... ``FS .`` (off) as GB18030. The layout has
already counted those runs two columns a character and replaced what the printer's
font lacks (``hardware.printing.charset``). Many Chinese printers start in Chinese
mode, so a slip leaves it first.
"""

from __future__ import annotations

import functools
import logging
import os
import stat
from typing import TYPE_CHECKING

from hardware.printing.charset import DEFAULT_COVERAGE, FontCoverage, single_byte
from hardware.printing.document import ReceiptDocument
from hardware.printing.layout import Align, PrintLine, banner_lines, lay_out

if TYPE_CHECKING:
    from escpos.printer import Dummy

FS_CHINESE_ON = b"\x1c\x26"
FS_CHINESE_OFF = b"\x1c\x2e"
ESC_CODE_PAGE_437 = b"\x1bt\x00"

log = logging.getLogger(__name__)


def encode_line(text: str) -> bytes:
    """Encode one line of text for a printer with a GB18030 Chinese font."""
    out = bytearray()
    run = ""
    for char in text:
        single = single_byte(char)
        if single is None:
            run += char
            continue
        if run:
            out += FS_CHINESE_ON + run.encode("gb18030", errors="replace") + FS_CHINESE_OFF
            run = ""
        out += single
    if run:
        out += FS_CHINESE_ON + run.encode("gb18030", errors="replace") + FS_CHINESE_OFF
    return bytes(out)


def _dummy(profile: str) -> Dummy:
    # Imported on first use: python-escpos pulls in PIL, barcode and qrcode (0.2 s), which
    # the till's start does not need before its first slip.
    from escpos.printer import Dummy

    return Dummy(profile=profile)


def columns_for(profile: str) -> int:
    return int(_dummy(profile).profile.get_columns("a"))


def render_escpos(
    doc: ReceiptDocument,
    profile: str,
    *,
    drawer_pin: int | None = None,
    font: FontCoverage = DEFAULT_COVERAGE,
) -> bytes:
    """The whole slip as bytes: init, lines, QR, feed and cut, then the drawer pulse if asked."""
    printer = _dummy(profile)
    printer.hw("INIT")
    printer._raw(FS_CHINESE_OFF + ESC_CODE_PAGE_437)
    columns = int(printer.profile.get_columns("a"))
    lines = lay_out(doc, columns, font)
    banner = len(banner_lines(doc, columns, font))
    opening_banner, lines = lines[:banner], lines[banner:]
    closing_banner, lines = lines[len(lines) - banner :], lines[: len(lines) - banner]
    for line in opening_banner:
        _print_line(printer, line)
    if doc.logo:
        _print_logo(printer, doc.logo, profile)
    for line in lines:
        _print_line(printer, line)
    if doc.reference:
        _print_qr(printer, doc.reference)
    for line in closing_banner:
        _print_line(printer, line)
    printer.set(align="left", bold=False, normal_textsize=True)
    printer.cut()
    if drawer_pin is not None:
        printer.cashdraw(drawer_pin)
    return bytes(printer.output)


def drawer_pulse(profile: str, pin: int) -> bytes:
    printer = _dummy(profile)
    printer.cashdraw(pin)
    return bytes(printer.output)


def _print_logo(printer: Dummy, path: str, profile: str) -> None:
    """The restaurant's logo as a raster image; a missing or broken file only logs."""
    try:
        found = os.stat(path)  # once a slip: the file's version is the cache's key
    except OSError:
        found = None
    if found is None or not stat.S_ISREG(found.st_mode):
        log.warning("receipt logo %s not found; printing without it", path)
        return
    try:
        version = (found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)
        raster = _logo_raster(path, version, profile)
    except (OSError, ValueError) as exc:
        log.warning("receipt logo %s cannot be printed: %s", path, exc)
        return
    printer._raw(raster)
    printer._raw(ESC_CODE_PAGE_437)  # the image path switches the code page


@functools.lru_cache(maxsize=8)
def _logo_raster(path: str, version: tuple[int, ...], profile: str) -> bytes:
    """The logo's ESC/POS raster for ``profile``, converted once per version of the file
    (``version``: its inode, size and times; the change time also moves when a copy keeps
    the old modification time): converting it took about half of a slip's rendering, on
    the print thread beside every sale."""
    printer = _dummy(profile)
    printer.image(path, center=True)
    return bytes(printer.output)


def _print_qr(printer: Dummy, content: str) -> None:
    """The order reference as a QR code: the printer's own where it has one, else an image."""
    printer.set(align="center", bold=False, normal_textsize=True)
    if printer.profile.supports("qrCode"):
        printer.qr(content, native=True, size=5)
    else:
        printer.qr(content, native=False, size=4, center=True)
        printer._raw(ESC_CODE_PAGE_437)  # the image path switches the code page
    printer._raw(b"\n")


def _print_line(printer: Dummy, line: PrintLine) -> None:
    printer.set(
        align="center" if line.align is Align.CENTER else "left",
        bold=line.bold,
        normal_textsize=not line.large,
        double_height=line.large or None,
    )
    printer._raw(encode_line(line.text) + b"\n")
