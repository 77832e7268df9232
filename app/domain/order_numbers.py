"""Order numbers: ``T1-20261122-0001`` for the server's, ``T1-20261122-L0001`` for a sale
the till made on its local copy while the server was down.

An order's ``sequence`` is unique per till and business day. The server's count up from
1; offline ones are stored **below zero** (``L0003`` is sequence -3), a range the server's
numbering never reaches, so a replayed offline order keeps the number printed on its slip
without taking one the server's next order needs, and without an order the server holds
ever being printed on an offline slip. The till id is in the number, so two tills' offline
numbers never meet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

OFFLINE_MARK = "L"


def order_number(till_id: str, day: date, sequence: int) -> str:
    """The number of the order with ``sequence`` (below zero: an offline one)."""
    if sequence < 0:
        return f"{till_id}-{day:%Y%m%d}-{OFFLINE_MARK}{-sequence:04d}"
    return f"{till_id}-{day:%Y%m%d}-{sequence:04d}"


@dataclass(frozen=True)
class OfflineNumber:
    till_id: str
    business_day: date
    sequence: int
    """Below zero, as the order is stored."""


def offline_number(order_no: str) -> OfflineNumber | None:
    """What an offline order's number says (``None``: not an offline number). Till ids may
    hold dashes (``T1-TR``), so the number is read from the right."""
    parts = order_no.strip().rsplit("-", 2)
    if len(parts) != 3:
        return None
    till_id, day_text, counted = parts
    if not till_id or not counted.startswith(OFFLINE_MARK) or not counted[1:].isdigit():
        return None
    try:
        day = datetime.strptime(day_text, "%Y%m%d").date()
    except ValueError:
        return None
    sequence = int(counted[1:])
    if sequence < 1:
        return None
    return OfflineNumber(till_id, day, -sequence)
