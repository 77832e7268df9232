"""Decode one line from a card reader or scanner into a card number, UID or member number."""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from app.domain.card_formats import (
    DEFAULT_FORMAT,
    EM_TAG,
    UID_TAG,
    DigitsAre,
    ReadFormat,
    em_identity,
    em_number_from_hex,
    uid_hex,
    uid_identity,
    w26_bits,
    w26_candidates,
)
from app.domain.phone import clean_lookup_text


class ReadKind(enum.Enum):
    TRACK1 = "track1"
    TRACK2 = "track2"
    UID = "uid"
    MEMBER_CODE = "member_code"
    PLAIN = "plain"
    EM4100 = "em4100"
    WIEGAND26 = "wiegand26"


_NUMBER_KINDS = (ReadKind.TRACK1, ReadKind.TRACK2, ReadKind.PLAIN)


@dataclass(frozen=True)
class CardRead:
    """A decoded read.

    ``value`` is a card number (ASCII digits), a UID (uppercase hex in the card's own
    byte order, no separators), an EM4100 number (its 10 printed digits), a Wiegand-26
    pair (``fff,ccccc``) or a member number (uppercase, ``M`` and digits).
    """

    kind: ReadKind
    value: str

    @property
    def identity(self) -> str:
        """What the card is stored under (``cards.card_no``); a member code's number."""
        if self.kind is ReadKind.UID:
            return uid_identity(self.value)
        if self.kind is ReadKind.EM4100:
            return f"{EM_TAG}{self.value}"
        if self.kind is ReadKind.WIEGAND26:
            return w26_candidates(_w26_low24(self.value))[0]
        return self.value

    @property
    def candidates(self) -> tuple[str, ...]:
        """The stored identities this read may be: one, but 256 for a Wiegand-26 read."""
        if self.kind is ReadKind.WIEGAND26:
            return w26_candidates(_w26_low24(self.value))
        return (self.identity,)

    def text(self, fmt: ReadFormat = DEFAULT_FORMAT) -> str:
        """The read spelt so that ``decode_read`` gives it back under ``fmt`` and under the
        default format alike (what a reader passes on, what the enrolment field shows)."""
        if self.kind is ReadKind.UID:
            return f"{UID_TAG}{self.value}"
        if self.kind is ReadKind.EM4100:
            return self.identity
        if self.kind in _NUMBER_KINDS:
            plain = all(
                decode_read(self.value, f) == CardRead(ReadKind.PLAIN, self.value)
                for f in (fmt, DEFAULT_FORMAT)
            )
            return self.value if plain else f";{self.value}?"
        return self.value


class ReadProblem(enum.Enum):
    EMPTY = "empty"
    PARTIAL = "partial"
    MALFORMED = "malformed"
    NOISE = "noise"


@dataclass(frozen=True)
class UnreadableCard:
    """A line that names no card; ``PARTIAL`` means swiping again may work."""

    problem: ReadProblem


_FRAMING = re.compile(r"^[\s\x00\x02\x03]+|[\s\x00\x02\x03]+$")
_PAN = re.compile(r"[0-9]{1,19}")
_TRACK1_AFTER_NAME = re.compile(r"[0-9]{4}|\^")  # YYMM expiry, or ^ standing in for it
_TRACK2_BODY = re.compile(r"[0-9=]+")
_NAME_MAX = 26
_MEMBER_NUMBER = re.compile(r"[Mm][0-9]{5,12}")
_HEX = re.compile(r"[0-9A-Fa-f]+")
_HEX_OCTET = re.compile(r"[0-9A-Fa-f]{2}")
_UID_OCTETS = (4, 7, 10)
_PLAIN = re.compile(r"[0-9]{6,19}")
_EM_DECIMAL = re.compile(r"[0-9]{1,10}")
_W26 = re.compile(r"([0-9]{1,3}),([0-9]{1,5})")
_URL_SCHEMES = ("http://", "https://")


def decode_read(raw: str, fmt: ReadFormat = DEFAULT_FORMAT) -> CardRead | UnreadableCard:
    """Decode what a reader sent; never raises.

    Framing (NUL, STX, ETX, CR/LF, spaces) is stripped and the text NFKC-normalised, then
    the first form that fits wins: a swipe starting with ``%`` or ``;`` (track 1, track 2,
    or both, each optionally followed by an LRC character); ``member:M…``, an http(s) URL
    naming a member number, or a bare member number; ``EM:`` and an EM4100 number;
    ``UID:`` and a UID in the card's own order; a Wiegand-26 ``facility,card``; a 4-, 7-
    or 10-byte hex UID (bytes in ``fmt.uid_order``); 10 hex digits of an EM4100 card;
    then digits as ``fmt.digits`` says (by default 6-19 digits are a card number).
    """
    if all(c.isspace() or unicodedata.category(c) in ("Cc", "Cf") for c in raw):
        return UnreadableCard(ReadProblem.EMPTY)
    text = _FRAMING.sub("", unicodedata.normalize("NFKC", raw))
    if not text:
        return UnreadableCard(ReadProblem.EMPTY)
    if not text.isprintable() or "\ufffd" in text:
        return UnreadableCard(ReadProblem.NOISE)
    if text[0] in "%;":
        return _decode_swipe(text)
    member = _member_number(text)
    if member is not None:
        return CardRead(ReadKind.MEMBER_CODE, member)
    tagged = _tagged(text)
    if tagged is not None:
        return tagged
    w26 = _W26.fullmatch(text)
    if w26 is not None:
        facility, card = int(w26[1]), int(w26[2])
        if facility > 0xFF or card > 0xFFFF:
            return UnreadableCard(ReadProblem.MALFORMED)
        return CardRead(ReadKind.WIEGAND26, f"{facility:03d},{card:05d}")
    uid = _uid(text, fmt)
    if uid is not None:
        return CardRead(ReadKind.UID, uid)
    em_hex = not text.isdigit() or fmt.digits is DigitsAre.EM4100_HEX
    if len(text) == 10 and _HEX.fullmatch(text) and em_hex:
        return CardRead(ReadKind.EM4100, f"{em_number_from_hex(text):010d}")
    if text.isascii() and text.isdigit():
        return _digits(text, fmt)
    if "?" in text and not text.lower().startswith(_URL_SCHEMES):
        return UnreadableCard(ReadProblem.MALFORMED)  # an end sentinel without a start
    return UnreadableCard(ReadProblem.NOISE)


def card_read(raw: str, fmt: ReadFormat = DEFAULT_FORMAT) -> CardRead | None:
    """The card a read or typed text names, or ``None`` when it names none."""
    if not clean_lookup_text(raw):
        return None
    read = decode_read(raw, fmt)
    if isinstance(read, UnreadableCard) or read.kind is ReadKind.MEMBER_CODE:
        return None
    return read


def card_number(raw: str, fmt: ReadFormat = DEFAULT_FORMAT) -> str:
    """The identity a read or typed text names, or ``""`` when it names none (what
    enrolment and the member import issue as a card)."""
    read = card_read(raw, fmt)
    return "" if read is None else read.identity


def _decode_swipe(text: str) -> CardRead | UnreadableCard:
    segments = _split_tracks(text)
    if isinstance(segments, ReadProblem):
        return UnreadableCard(segments)
    pans: dict[int, str] = {}
    seen: set[int] = set()
    for sentinel, body in segments:
        # ISO track 3 also starts with ";", so a second ";" track is track 3.
        track = 1 if sentinel == "%" else 2 if sentinel == ";" and 2 not in seen else 3
        if track in seen:
            return UnreadableCard(ReadProblem.MALFORMED)
        seen.add(track)
        if track == 3 or body.upper() in ("", "E"):  # track 3 unused; "E" is a read error
            continue
        pan = _track1_pan(body) if track == 1 else _track2_pan(body)
        if isinstance(pan, ReadProblem):
            return UnreadableCard(pan)
        pans[track] = pan
    if not pans:
        return UnreadableCard(ReadProblem.PARTIAL)
    if len(set(pans.values())) > 1:
        return UnreadableCard(ReadProblem.MALFORMED)
    if 2 in pans:
        return CardRead(ReadKind.TRACK2, pans[2])
    return CardRead(ReadKind.TRACK1, pans[1])


def _split_tracks(text: str) -> list[tuple[str, str]] | ReadProblem:
    """Cut a swipe into (start sentinel, body) pairs, dropping one LRC after each ``?``."""
    segments: list[tuple[str, str]] = []
    rest = text
    while rest:
        # "+" starts track 3 on some readers; at the head of a line it is not a swipe.
        if rest[0] not in ("%;+" if segments else "%;"):
            return ReadProblem.MALFORMED
        end = rest.find("?", 1)
        if end < 0:
            return ReadProblem.PARTIAL
        body = rest[1:end]
        if any(sentinel in body for sentinel in "%;+"):
            return ReadProblem.PARTIAL  # ran into the next track: this one was cut short
        segments.append((rest[0], body))
        rest = rest[end + 1 :]
        # An LRC may itself be "%", ";" or "?": it is the LRC unless a track follows it.
        starts_track = len(rest) > 1 and rest[0] in "%;+" and rest[1] not in "%;+"
        if rest and not starts_track:
            rest = rest[1:]
    return segments


def _track1_pan(body: str) -> str | ReadProblem:
    # "b": keyboard-wedge readers type lowercase letters while Caps Lock is on.
    if body[0] not in "Bb":
        return ReadProblem.MALFORMED
    fields = body[1:].split("^", 2)
    if len(fields) < 3:
        return ReadProblem.MALFORMED
    pan, name, after_name = fields
    if not _PAN.fullmatch(pan) or len(name) > _NAME_MAX or not _TRACK1_AFTER_NAME.match(after_name):
        return ReadProblem.MALFORMED
    return pan


def _track2_pan(body: str) -> str | ReadProblem:
    if not _TRACK2_BODY.fullmatch(body):
        return ReadProblem.MALFORMED
    # Loyalty cards often hold only the number (";8800000000000001?"), with no "=".
    pan = body.partition("=")[0]
    return pan if _PAN.fullmatch(pan) else ReadProblem.MALFORMED


def _member_number(text: str) -> str | None:
    if text.lower().startswith(_URL_SCHEMES):
        return _member_in_url(text)
    scheme = "member:"
    candidate = text[len(scheme) :] if text[: len(scheme)].lower() == scheme else text
    return candidate.upper() if _MEMBER_NUMBER.fullmatch(candidate) else None


def _member_in_url(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed "[" in the host
        return None
    for key, value in parse_qsl(parts.query):
        if key.lower() in ("m", "member") and _MEMBER_NUMBER.fullmatch(value):
            return value.upper()
    last_segment = parts.path.rstrip("/").rpartition("/")[2]
    return last_segment.upper() if _MEMBER_NUMBER.fullmatch(last_segment) else None


def _tagged(text: str) -> CardRead | None:
    """``EM:`` or ``UID:`` spellings, which name a card in every reader format."""
    head, _, body = text.partition(":")
    if head.upper() + ":" == EM_TAG and _EM_DECIMAL.fullmatch(body) and int(body) < 1 << 32:
        return CardRead(ReadKind.EM4100, em_identity(int(body))[len(EM_TAG) :])
    if head.upper() + ":" == UID_TAG and len(body) in (8, 14, 20) and _HEX.fullmatch(body):
        return CardRead(ReadKind.UID, body.upper())
    return None


def _uid(text: str, fmt: ReadFormat) -> str | None:
    for separator in ":- ":
        if separator in text:
            octets = text.split(separator)
            if len(octets) in _UID_OCTETS and all(_HEX_OCTET.fullmatch(o) for o in octets):
                return uid_hex(bytes.fromhex("".join(octets)), fmt.uid_order)
            return None
    # Without separators, decimal-only lines are card numbers unless the reader sends UIDs.
    hex_uid = fmt.digits is DigitsAre.UID or not text.isdigit()
    if len(text) in (8, 14, 20) and _HEX.fullmatch(text) and hex_uid:
        return uid_hex(bytes.fromhex(text), fmt.uid_order)
    return None


def _digits(text: str, fmt: ReadFormat) -> CardRead | UnreadableCard:
    if fmt.digits is DigitsAre.EM4100 and len(text) <= 10:
        if int(text) >= 1 << 32:
            return UnreadableCard(ReadProblem.MALFORMED)
        return CardRead(ReadKind.EM4100, f"{int(text):010d}")
    if fmt.digits is DigitsAre.UID and len(text) == 10:
        if int(text) >= 1 << 32:
            return UnreadableCard(ReadProblem.MALFORMED)
        return CardRead(ReadKind.UID, uid_hex(int(text).to_bytes(4, "big"), fmt.uid_order))
    if _PLAIN.fullmatch(text):
        return CardRead(ReadKind.PLAIN, text)
    return UnreadableCard(ReadProblem.NOISE)


def _w26_low24(value: str) -> int:
    facility, _, card = value.partition(",")
    return w26_bits(int(facility), int(card))
