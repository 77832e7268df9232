"""Build the card reader a URL names."""

from __future__ import annotations

from hardware.readers.sim import SimCardReader
from hardware.urls import ReaderKind, parse_reader_url


def open_card_reader(url: str) -> SimCardReader:
    spec = parse_reader_url(url)
    if spec.kind is ReaderKind.SIM:
        return SimCardReader()
    raise AssertionError(f"unhandled reader kind {spec.kind}")
