"""ESC/POS real-time status (DLE EOT): what a printer's status bytes say, as pure code."""

from __future__ import annotations

import enum
from dataclasses import dataclass

QUERY_OFFLINE_CAUSE = b"\x10\x04\x02"  # DLE EOT 2
QUERY_PAPER_SENSOR = b"\x10\x04\x04"  # DLE EOT 4

_FIXED_MASK, _FIXED_BITS = 0x93, 0x12  # bits 0, 1, 4, 7 of every reply are 0, 1, 1, 0


class Fault(enum.Enum):
    """Why a printer cannot print; the value is the reason stored with a failed job."""

    OFFLINE = "offline"
    TIMEOUT = "timeout"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    ERROR = "error"


@dataclass(frozen=True)
class PrinterStatus:
    cover_open: bool
    paper_out: bool
    paper_near_end: bool
    error: bool

    def fault(self) -> Fault | None:
        if self.paper_out:
            return Fault.PAPER_OUT
        if self.cover_open:
            return Fault.COVER_OPEN
        if self.error:
            return Fault.ERROR
        return None


def is_status_byte(value: int) -> bool:
    return value & _FIXED_MASK == _FIXED_BITS


def decode_status(offline_cause: int, paper_sensor: int) -> PrinterStatus:
    """From the replies to DLE EOT 2 and DLE EOT 4 (ESC/POS reference bit meanings)."""
    return PrinterStatus(
        cover_open=bool(offline_cause & 0x04),
        paper_out=bool(offline_cause & 0x20) or bool(paper_sensor & 0x60),
        paper_near_end=bool(paper_sensor & 0x0C),
        error=bool(offline_cause & 0x40),
    )
