"""Every way a reader spells a card names the one identity the card is stored under.

A card here is what is physically in the guest's hand: an EM4100 card (its version byte
and 32-bit number), an NFC card (its UID bytes in the card's own order) or a magnetic
card (its number). A reader is a spelling plus the setting that says how to read it.
The pipeline under test is the real one: the reader's translation (``translation``,
what every reader applies before the till sees a line), then ``decode_read`` as the
services call it, then ``identity`` (what ``cards.card_no`` holds).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.card_readers.formats import read_format, translation
from app.domain.card_formats import (
    DEFAULT_FORMAT,
    DigitsAre,
    ReadFormat,
    UidOrder,
    em_identity,
)
from app.domain.card_reads import CardRead, ReadKind, card_number, decode_read
from tests.conftest import examples

EM_DEC = ReadFormat(DigitsAre.EM4100)
EM_HEX = ReadFormat(DigitsAre.EM4100_HEX)
UID_SENT = ReadFormat(DigitsAre.UID)
UID_REV = ReadFormat(DigitsAre.UID, UidOrder.REVERSED)
HEX_REV = ReadFormat(uid_order=UidOrder.REVERSED)


@dataclass(frozen=True)
class EmCard:
    version: int
    number: int


@dataclass(frozen=True)
class NfcCard:
    uid: bytes


@dataclass(frozen=True)
class StripeCard:
    number: str


Card = EmCard | NfcCard | StripeCard
Spelling = tuple[str, ReadFormat]


def em_spellings(card: EmCard) -> list[Spelling]:
    hex10 = f"{card.version:02X}{card.number:08X}"
    n = card.number
    return [
        (hex10, EM_HEX),
        (hex10.lower(), EM_HEX),
        (f"{n:010d}", EM_DEC),
        (str(n), EM_DEC),
        (f"\x02{n:010d}\x03\r\n", EM_DEC),
        (f"EM:{n:010d}", DEFAULT_FORMAT),
        *([(hex10, DEFAULT_FORMAT)] if not hex10.isdigit() else []),
    ]


def w26_spellings(card: EmCard) -> list[Spelling]:
    facility, low = card.number >> 16 & 0xFF, card.number & 0xFFFF
    return [(f"{facility},{low}", fmt) for fmt in (DEFAULT_FORMAT, EM_DEC, EM_HEX)] + [
        (f"{facility:03d},{low:05d}", UID_REV)
    ]


def nfc_spellings(card: NfcCard) -> list[Spelling]:
    sent, backwards = card.uid.hex().upper(), card.uid[::-1].hex().upper()
    spellings: list[Spelling] = [
        (sent, UID_SENT),
        (backwards, UID_REV),
        (":".join(f"{b:02x}" for b in card.uid), UID_SENT),
        ("-".join(f"{b:02X}" for b in card.uid[::-1]), HEX_REV),
        (" ".join(f"{b:02X}" for b in card.uid), DEFAULT_FORMAT),
        (f"UID:{sent}", UID_REV),
    ]
    if not sent.isdigit():
        spellings += [(sent, DEFAULT_FORMAT), (backwards, HEX_REV)]
    if len(card.uid) == 4:
        spellings += [
            (f"{int.from_bytes(card.uid, 'big'):010d}", UID_SENT),
            (f"{int.from_bytes(card.uid, 'little'):010d}", UID_REV),
        ]
    return spellings


def stripe_spellings(card: StripeCard) -> list[Spelling]:
    n = card.number
    spellings: list[Spelling] = [
        (f"%B{n}^CHEN/JING^2712101?;{n}=2712101?", fmt) for fmt in (DEFAULT_FORMAT, EM_DEC, UID_REV)
    ]
    spellings += [(f";{n}=2712?", EM_HEX), (f"%b{n}^X^2712?", UID_SENT)]
    if 6 <= len(n) <= 19:
        spellings.append((n, DEFAULT_FORMAT))
    return spellings


def identity_of(card: Card) -> str:
    if isinstance(card, EmCard):
        return em_identity(card.number)
    if isinstance(card, NfcCard):
        hex_uid = card.uid.hex().upper()
        return hex_uid if not hex_uid.isdigit() else f"UID:{hex_uid}"
    return card.number


def read_through_the_till(raw: str, fmt: ReadFormat) -> CardRead:
    """What a reader set to ``fmt`` passes on, decoded as the member service does."""
    read = decode_read(translation(fmt)(raw))
    assert isinstance(read, CardRead), (raw, fmt, read)
    return read


em_cards = st.builds(EmCard, st.integers(0, 255), st.integers(0, 2**32 - 1))
nfc_cards = st.builds(
    NfcCard, st.sampled_from((4, 7, 10)).flatmap(lambda n: st.binary(min_size=n, max_size=n))
)
stripe_cards = st.builds(StripeCard, st.text("0123456789", min_size=1, max_size=19))
cards: st.SearchStrategy[Card] = st.one_of(em_cards, nfc_cards, stripe_cards)
SPELLINGS: dict[type, Callable[..., list[Spelling]]] = {
    EmCard: em_spellings,
    NfcCard: nfc_spellings,
    StripeCard: stripe_spellings,
}


@settings(max_examples=examples(400))
@given(cards)
def test_every_spelling_of_a_card_gives_its_one_identity(card: Card) -> None:
    for raw, fmt in SPELLINGS[type(card)](card):
        read = read_through_the_till(raw, fmt)
        assert read.identity == identity_of(card), (raw, fmt)
        assert card_number(raw, fmt) == identity_of(card), (raw, fmt)


@settings(max_examples=examples(300))
@given(em_cards)
def test_a_wiegand_read_names_its_card_among_the_cards_with_its_24_bits(card: EmCard) -> None:
    for raw, fmt in w26_spellings(card):
        read = read_through_the_till(raw, fmt)
        assert read.kind is ReadKind.WIEGAND26
        assert identity_of(card) in read.candidates
        assert len(read.candidates) == 256
        # every candidate is a card with the same low 24 bits, so no other card is named
        assert all(int(c[3:]) & 0xFFFFFF == card.number & 0xFFFFFF for c in read.candidates)


@settings(max_examples=examples(500))
@given(cards, cards)
def test_distinct_cards_never_share_an_identity_in_any_spelling(a: Card, b: Card) -> None:
    if identity_of(a) == identity_of(b):
        # Only the same card: an EM card's version byte is not part of what readers send.
        same = (
            (a.number == b.number)
            if isinstance(a, EmCard) and isinstance(b, EmCard)
            else (type(a) is type(b) and a == b)
        )
        assert same
        return
    read_as_b = {read_through_the_till(raw, fmt).identity for raw, fmt in SPELLINGS[type(b)](b)}
    for raw, fmt in SPELLINGS[type(a)](a):
        assert read_through_the_till(raw, fmt).identity not in read_as_b


def look_alikes(card: Card) -> list[Card]:
    """Cards of the other kinds whose numbers are spelt with the same characters."""
    if isinstance(card, EmCard):
        dec, hex8 = f"{card.number:010d}", f"{card.number:08X}"
        found: list[Card] = [StripeCard(dec), StripeCard(dec.lstrip("0") or "0")]
        found.append(NfcCard(bytes.fromhex(hex8)))
        hex10 = f"{card.version:02X}{hex8}"
        return [*found, StripeCard(hex10)] if hex10.isdigit() else found
    if isinstance(card, NfcCard):
        hex_uid = card.uid.hex().upper()
        found = [StripeCard(hex_uid)] if hex_uid.isdigit() and len(hex_uid) < 20 else []
        if len(card.uid) == 4:
            number = int.from_bytes(card.uid, "big")
            found += [EmCard(0, number), StripeCard(f"{number:010d}")]
        return found
    found = []
    if len(card.number) in (8, 14, 20):
        found.append(NfcCard(bytes.fromhex(card.number)))
    if int(card.number) < 2**32:
        found.append(EmCard(0, int(card.number)))
    return found


digit_uids = st.builds(
    NfcCard,
    st.sampled_from((4, 7, 10)).flatmap(
        lambda n: st.lists(st.integers(0, 99), min_size=n, max_size=n).map(
            lambda xs: bytes.fromhex("".join(f"{x:02d}" for x in xs))
        )
    ),
)


@settings(max_examples=examples(400))
@given(
    st.one_of(
        cards, digit_uids, st.builds(StripeCard, st.text("0123456789", min_size=8, max_size=8))
    )
)
def test_cards_spelt_with_the_same_digits_stay_apart(card: Card) -> None:
    """The collisions random pairs would almost never hit: a UID of only digits and the
    card number with those digits, an EM number and the same digits on a stripe."""
    for other in look_alikes(card):
        assert identity_of(other) != identity_of(card), other
        read_as_other = {
            read_through_the_till(r, f).identity for r, f in SPELLINGS[type(other)](other)
        }
        for raw, fmt in SPELLINGS[type(card)](card):
            assert read_through_the_till(raw, fmt).identity not in read_as_other, (raw, fmt, other)


@settings(max_examples=examples(300))
@given(cards, st.sampled_from((DEFAULT_FORMAT, EM_DEC, EM_HEX, UID_SENT, UID_REV, HEX_REV)))
def test_what_a_reader_passes_on_means_the_same_card_under_every_setting(
    card: Card, other_setting: ReadFormat
) -> None:
    """The enrolment field shows the passed-on text and reads it with the till's setting."""
    for raw, fmt in SPELLINGS[type(card)](card):
        passed_on = translation(fmt)(raw)
        for setting in (fmt, DEFAULT_FORMAT):
            read = decode_read(passed_on, setting)
            assert isinstance(read, CardRead) and read.identity == identity_of(card)
        again = decode_read(passed_on, other_setting)
        if isinstance(again, CardRead) and passed_on.startswith(("EM:", "UID:", ";", "%")):
            assert again.identity == identity_of(card)


# A table of real readers' lines for one EM4100 card printed "0012345678 188,24910".
EM_TABLE = [
    ("wedge://?digits=em4100", "0012345678\r"),
    ("wedge://?digits=em4100", "12345678"),
    ("serial:///dev/ttyUSB0?digits=em4100-hex", "0000BC614E"),
    ("serial:///dev/ttyUSB0?digits=em4100-hex", "0100bc614e"),
    ("wedge://", "0000BC614E"),
    ("wedge://", "EM:0012345678"),
    ("sim://?digits=em4100", "\x020012345678\x03"),
]


@pytest.mark.parametrize(("url", "raw"), EM_TABLE)
def test_em4100_readers_of_one_card_agree(url: str, raw: str) -> None:
    assert decode_read(translation(read_format(url))(raw)) == CardRead(
        ReadKind.EM4100, "0012345678"
    )


def test_the_wiegand_form_printed_on_that_card_is_its_low_24_bits() -> None:
    read = decode_read("188,24910")
    assert read == CardRead(ReadKind.WIEGAND26, "188,24910")
    assert isinstance(read, CardRead) and "EM:0012345678" in read.candidates


@pytest.mark.parametrize(
    ("url", "raw", "identity"),
    [
        ("wedge://", "04A1B2C3", "04A1B2C3"),
        ("wedge://?uid_order=reversed", "C3B2A104", "04A1B2C3"),
        ("serial:///dev/ttyACM0?digits=uid&uid_order=reversed", "3283263748", "04A1B2C3"),
        ("serial:///dev/ttyACM0?digits=uid", "0077705923", "04A1B2C3"),
        ("wedge://?digits=uid", "12345678", "UID:12345678"),
        ("wedge://?digits=uid&uid_order=reversed", "78563412", "UID:12345678"),
        ("wedge://", "04:5A:6B:7C:8D:9E:AF", "045A6B7C8D9EAF"),
        ("wedge://?uid_order=reversed", "af-9e-8d-7c-6b-5a-04", "045A6B7C8D9EAF"),
        ("wedge://", "0102030405060708090A", "0102030405060708090A"),
        ("wedge://", "12345678", "12345678"),  # digits are a card number by default
    ],
)
def test_nfc_readers_table(url: str, raw: str, identity: str) -> None:
    assert card_number(translation(read_format(url))(raw)) == identity


@pytest.mark.parametrize(
    ("raw", "fmt"),
    [
        ("4294967296", EM_DEC),  # beyond 32 bits: no EM card has it
        ("9999999999", UID_SENT),
        ("256,1", DEFAULT_FORMAT),  # a facility code is one byte
        ("12,65536", DEFAULT_FORMAT),
        ("EM:99999999999", DEFAULT_FORMAT),
        ("UID:04A1B2", DEFAULT_FORMAT),
    ],
)
def test_impossible_numbers_name_no_card(raw: str, fmt: ReadFormat) -> None:
    assert card_number(raw, fmt) == ""
