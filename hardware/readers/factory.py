"""Build the card reader a URL names."""

from __future__ import annotations

from hardware.readers.serial_reader import SerialCardReader
from hardware.readers.sim import SimCardReader
from hardware.readers.state import Translate, as_sent
from hardware.readers.wedge import WedgeCardReader
from hardware.urls import ReaderKind, parse_reader_url

AnyCardReader = SimCardReader | SerialCardReader | WedgeCardReader


def open_card_reader(url: str, translate: Translate = as_sent) -> AnyCardReader:
    """Nothing is opened until ``start``; a wedge reader also needs the UI's key filter.

    Every read goes through ``translate`` before the listener sees it.
    """
    spec = parse_reader_url(url, strict=False)  # a stored reader opens as it did
    if spec.kind is ReaderKind.SIM:
        return SimCardReader(translate)
    if spec.kind is ReaderKind.SERIAL:
        return SerialCardReader(spec.port, spec.baudrate, translate=translate)
    if spec.kind is ReaderKind.WEDGE:
        return WedgeCardReader(
            spec.prefix, spec.suffix, spec.gap_ms, spec.min_length, translate=translate
        )
    raise AssertionError(f"unhandled reader kind {spec.kind}")
