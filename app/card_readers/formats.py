"""A reader URL's card format, and the translation every read goes through on arrival."""

from __future__ import annotations

from collections.abc import Callable

from app.domain.card_formats import DigitsAre, ReadFormat, UidOrder
from app.domain.card_reads import UnreadableCard, decode_read
from hardware.urls import parse_reader_url


def read_format(url: str) -> ReadFormat:
    """The format options of a reader URL (``DeviceUrlError`` for a bad URL)."""
    spec = parse_reader_url(url, strict=False)
    return ReadFormat(DigitsAre(spec.digits), UidOrder(spec.uid_order))


def translation(fmt: ReadFormat) -> Callable[[str], str]:
    """What a reader passes on for each line: the card spelt so that it means the same
    card under any format (``EM:…``, ``UID:…``), or the line as sent when it names none."""

    def translate(raw: str) -> str:
        read = decode_read(raw, fmt)
        return raw if isinstance(read, UnreadableCard) else read.text(fmt)

    return translate
