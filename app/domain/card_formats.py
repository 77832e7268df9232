"""How a reader writes a card's number, and the one identity each card is stored under.

The same card reaches the till in different spellings depending on the reader model:

- **NFC UIDs** (4, 7 or 10 bytes) in hex, in the card's own byte order or reversed, or a
  4-byte UID as the decimal of the bytes as sent (``0012345678``).
- **EM4100/TK4100** (125 kHz): 10 hex digits (a version byte and the 32-bit number), the
  32-bit number in decimal as printed on the card (``0012345678``, leading zeros
  optional) or the Wiegand-26 "facility,card" pair (``188,24910``: bits 16-23 and 0-15).

The version byte is neither printed nor sent by decimal or Wiegand readers, so an EM card
is known by its 32-bit number. A Wiegand-26 reader sends only the low 24 bits: such a
read names the card only when exactly one enrolled EM card has those bits.

Where a line of digits could mean several of these, ``ReadFormat`` (a reader setting)
says which one the reader sends; lines with hex letters or a comma are unambiguous.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class DigitsAre(enum.Enum):
    """What a line of only digits from this reader is."""

    NUMBER = "number"  # a card number (magnetic stripe, barcode, printed number)
    EM4100 = "em4100"  # an EM4100 card's printed decimal, 1-10 digits
    EM4100_HEX = "em4100-hex"  # 10 digits are EM4100's 10 hex digits that hold no letter
    UID = "uid"  # 8/14/20 digits are a hex UID; 10 digits a 4-byte UID in decimal


class UidOrder(enum.Enum):
    SENT = "sent"  # the card's own byte order (UID0 first)
    REVERSED = "reversed"  # last byte first, as some readers send it


@dataclass(frozen=True)
class ReadFormat:
    digits: DigitsAre = DigitsAre.NUMBER
    uid_order: UidOrder = UidOrder.SENT


DEFAULT_FORMAT = ReadFormat()

EM_TAG = "EM:"
UID_TAG = "UID:"
EM_BITS = 32
W26_BITS = 24
UID_BYTES = (4, 7, 10)


def em_identity(number: int) -> str:
    """``EM:`` and the card's 32-bit number as the 10 digits printed on it."""
    if not 0 <= number < 1 << EM_BITS:
        raise ValueError(f"not a 32-bit EM4100 number: {number}")
    return f"{EM_TAG}{number:010d}"


def em_number_from_hex(hex10: str) -> int:
    """The 32-bit number in 10 hex digits (the first two are the version byte)."""
    return int(hex10[2:], 16)


def w26_bits(facility: int, card: int) -> int:
    return facility << 16 | card


def w26_candidates(low24: int) -> tuple[str, ...]:
    """Every EM identity whose low 24 bits are ``low24``, the most likely first."""
    return tuple(em_identity(high << W26_BITS | low24) for high in range(1 << (EM_BITS - 24)))


def uid_hex(octets: bytes, order: UidOrder) -> str:
    """The UID in the card's own byte order, uppercase hex."""
    ordered = octets[::-1] if order is UidOrder.REVERSED else octets
    return ordered.hex().upper()


def uid_identity(hex_uid: str) -> str:
    """The stored identity of a UID: its hex, tagged when it has no letter, so that it
    can never equal a card number (UIDs with a letter were stored untagged before)."""
    return f"{UID_TAG}{hex_uid}" if hex_uid.isdigit() else hex_uid
