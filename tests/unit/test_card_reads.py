from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.card_reads import (
    CardRead,
    ReadKind,
    ReadProblem,
    UnreadableCard,
    decode_read,
)

VISA_TEST = "4111111111111111"
DEMO_CARD = "8800000000000001"
BANK_TRACK1 = f"%B{VISA_TEST}^CARDHOLDER/TEST^25121010000000000000000?"
BANK_TRACK2 = f";{VISA_TEST}=25121010000000000000?"
DEMO_TRACK1 = f"%B{DEMO_CARD}^MEMBER/DEMO^4912000?"
DEMO_TRACK2 = f";{DEMO_CARD}=4912000?"


def full_width(text: str) -> str:
    """What an IME in full-width mode types for the ASCII ``text``."""
    return "".join(chr(ord(c) + 0xFEE0) for c in text)


def track1(pan: str) -> CardRead:
    return CardRead(ReadKind.TRACK1, pan)


def track2(pan: str) -> CardRead:
    return CardRead(ReadKind.TRACK2, pan)


def uid(value: str) -> CardRead:
    return CardRead(ReadKind.UID, value)


def member(number: str) -> CardRead:
    return CardRead(ReadKind.MEMBER_CODE, number)


def plain(digits: str) -> CardRead:
    return CardRead(ReadKind.PLAIN, digits)


def problem(kind: ReadProblem) -> UnreadableCard:
    return UnreadableCard(kind)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (BANK_TRACK1 + BANK_TRACK2, track2(VISA_TEST)),
        (BANK_TRACK1 + "B" + BANK_TRACK2 + "5\r\n", track2(VISA_TEST)),
        (BANK_TRACK1, track1(VISA_TEST)),
        (BANK_TRACK2 + "\r", track2(VISA_TEST)),
        (DEMO_TRACK1 + DEMO_TRACK2, track2(DEMO_CARD)),
        (DEMO_TRACK1 + ";" + DEMO_TRACK2 + "?", track2(DEMO_CARD)),
        (DEMO_TRACK1 + "%", track1(DEMO_CARD)),
        (DEMO_TRACK2 + ";", track2(DEMO_CARD)),
        (f"\x02{DEMO_TRACK2}\x03", track2(DEMO_CARD)),
        (f"\x00\x00{DEMO_TRACK1}{DEMO_TRACK2}\r\n\x00", track2(DEMO_CARD)),
        (f"%B{DEMO_CARD}^MEMBER/DEMO^^^?", track1(DEMO_CARD)),
        (f";{DEMO_CARD}?", track2(DEMO_CARD)),
        (f"%b{DEMO_CARD}^member/demo^4912000?", track1(DEMO_CARD)),
        (f"%E?{DEMO_TRACK2}", track2(DEMO_CARD)),
        (f"%?{DEMO_TRACK2}", track2(DEMO_CARD)),
        (f"{DEMO_TRACK1};E?", track1(DEMO_CARD)),
        (f"{DEMO_TRACK1}{DEMO_TRACK2};E?", track2(DEMO_CARD)),
        (f"{DEMO_TRACK1}{DEMO_TRACK2}+E?", track2(DEMO_CARD)),
        (
            f"{BANK_TRACK1}{BANK_TRACK2};011234567890123445=724724100000000000030300?",
            track2(VISA_TEST),
        ),
        (full_width(DEMO_TRACK1), track1(DEMO_CARD)),
    ],
)
def test_swipes_decode_to_the_card_number(raw: str, expected: CardRead) -> None:
    assert decode_read(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "%",
        ";",
        f"%B{VISA_TEST}^CARDHOLDER/TE",
        ";411111111",
        f"{BANK_TRACK1};4111111",
        f"%B{VISA_TEST}^CARDHOLDER;{VISA_TEST}=2512?",
        "%E?",
        ";E?",
        "%E?;E?\r\n",
        "%e?",
        "%?;?",
        "%E?;E?+E?",
    ],
)
def test_half_swipes_and_read_errors_ask_for_another_swipe(raw: str) -> None:
    assert decode_read(raw) == problem(ReadProblem.PARTIAL)


@pytest.mark.parametrize(
    "raw",
    [
        f"%A{VISA_TEST}^CARDHOLDER/TEST^2512101?",
        f"%{VISA_TEST}^CARDHOLDER/TEST^2512101?",
        f"%B{VISA_TEST}CARDHOLDER/TEST2512101?",
        f"%B{VISA_TEST}^CARDHOLDER/TEST2512101?",
        f"%B{VISA_TEST}^CARDHOLDER/TEST^?",
        f"%B{VISA_TEST}^CARDHOLDER/TEST^DEC25?",
        "%B4111 1111 1111 1111^CARDHOLDER/TEST^2512101?",
        "%B41111111X1111111^CARDHOLDER/TEST^2512101?",
        "%B12345678901234567890^CARDHOLDER/TEST^2512101?",
        "%B^CARDHOLDER/TEST^2512101?",
        f"%B{VISA_TEST}^A VERY LONG CARDHOLDER/NAME INDEED^2512101?",
        f";B{VISA_TEST}^CARDHOLDER/TEST^2512101?",
        f";{VISA_TEST}=2512A01?",
        f";{VISA_TEST}D2512101?",
        ";=2512101?",
        ";12345678901234567890=2512?",
        f"{VISA_TEST}=2512101?",
        "?",
        "?0001219=1111111111111114;",
        f"{DEMO_TRACK1};4111111111111111=4912?",
        f"{DEMO_TRACK2}5junk",
        f"xx{DEMO_TRACK2}",
        f"{DEMO_TRACK1}{DEMO_TRACK1}",
        f"+E?{DEMO_TRACK2}",
        f"{DEMO_TRACK2}{DEMO_TRACK2}{DEMO_TRACK2}",
        "what?",
    ],
)
def test_wrong_sentinels_separators_or_disagreeing_tracks_are_malformed(raw: str) -> None:
    assert decode_read(raw) == problem(ReadProblem.MALFORMED)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("04A23B1C", "04A23B1C"),
        ("04a23b1c5d8000", "04A23B1C5D8000"),
        ("04:A2:3B:1C:5D:80:00", "04A23B1C5D8000"),
        ("04-a2-3b-1c", "04A23B1C"),
        ("04 A2 3B 1C 5D 80 00 11 22 33", "04A23B1C5D8000112233"),
        ("04A23B1C5D8000112233", "04A23B1C5D8000112233"),
        ("12:34:56:78", "12345678"),
        ("\x02 04A23B1C\r\n\x03", "04A23B1C"),
        (full_width("04A23B1C"), "04A23B1C"),
    ],
)
def test_hex_uids_lose_their_separators_and_are_uppercased(raw: str, expected: str) -> None:
    assert decode_read(raw) == uid(expected)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("member:M0000001", "M0000001"),
        ("MEMBER:m0000001", "M0000001"),
        ("M0000001", "M0000001"),
        ("m000000000001", "M000000000001"),
        ("https://club.example.com/join?m=M0000001", "M0000001"),
        ("https://club.example.com/?member=m0000042&utm_source=qr", "M0000042"),
        ("https://club.example.com/?utm_source=qr&M=M0000042", "M0000042"),
        ("http://club.example.com/members/M0000001/", "M0000001"),
        ("HTTPS://CLUB.EXAMPLE.COM/m/M0000001#card", "M0000001"),
        ("https://club.example.com/m/M0000001?m=bogus", "M0000001"),
        (full_width("member:M0000001"), "M0000001"),
    ],
)
def test_member_qr_codes_name_the_member_number(raw: str, expected: str) -> None:
    assert decode_read(raw) == member(expected)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (DEMO_CARD, DEMO_CARD),
        (f"{DEMO_CARD}\r\n", DEMO_CARD),
        (f"\x00\x02{DEMO_CARD}\x03", DEMO_CARD),
        (full_width(DEMO_CARD), DEMO_CARD),
        ("123456", "123456"),
        ("1234567890123456789", "1234567890123456789"),
        ("12345678", "12345678"),
        ("04123310517280", "04123310517280"),
    ],
)
def test_bare_digits_are_a_plain_card_number(raw: str, expected: str) -> None:
    assert decode_read(raw) == plain(expected)


@pytest.mark.parametrize(
    "raw",
    [
        "\x00\xff\x13",
        "\ufffd\ufffd\ufffd",
        "8800\x1b0000",
        f"%B{DEMO_CARD}\x7f",
        "hello world",
        "12345",
        "12345678901234567890",
        "8800 0000 0000 0001",
        "04:A2:3B",
        "04A23B1C5",
        "04:A2-3B:1C",
        "0x04A23B1C",
        "M1234",
        "M1234567890123",
        "member:",
        "member:X0000001",
        "https://club.example.com/menu?table=4",
        "https://[club.example.com/?m=M0000001",
        "+8613800138000",
    ],
)
def test_anything_else_is_noise(raw: str) -> None:
    assert decode_read(raw) == problem(ReadProblem.NOISE)


@pytest.mark.parametrize("raw", ["", "   ", "\r\n", "\x00\x02\x03", "\x02\r\n\x03", "\u3000\u200b"])
def test_framing_alone_is_empty(raw: str) -> None:
    assert decode_read(raw) == problem(ReadProblem.EMPTY)


_VALUE_SHAPES = {
    ReadKind.TRACK1: re.compile(r"[0-9]{1,19}"),
    ReadKind.TRACK2: re.compile(r"[0-9]{1,19}"),
    ReadKind.PLAIN: re.compile(r"[0-9]{6,19}"),
    ReadKind.UID: re.compile(r"[0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{20}"),
    ReadKind.MEMBER_CODE: re.compile(r"M[0-9]{5,12}"),
    ReadKind.EM4100: re.compile(r"[0-9]{10}"),
    ReadKind.WIEGAND26: re.compile(r"[0-9]{3},[0-9]{5}"),
}

_SWIPE_ALPHABET = "%;?^=+/ BbEeM0123456789\r\n\x00\x02\x03"


@given(
    st.one_of(
        st.text(),
        st.text(alphabet=_SWIPE_ALPHABET, max_size=80),
        st.binary(max_size=40).map(lambda b: b.decode("latin-1")),
    )
)
def test_any_text_decodes_to_a_read_or_a_problem_without_raising(raw: str) -> None:
    result = decode_read(raw)
    if isinstance(result, CardRead):
        assert _VALUE_SHAPES[result.kind].fullmatch(result.value)
    else:
        assert isinstance(result, UnreadableCard)


_digits = st.text(alphabet="0123456789", min_size=6, max_size=19)
_line_end = st.sampled_from(["", "\r", "\n", "\r\n"])
# Readers that pass the LRC through send it as a character of the track's own set.
_track2_lrc = st.sampled_from(["", *map(chr, range(0x30, 0x40))])
_track1_lrc = st.sampled_from(["", *map(chr, range(0x20, 0x60))])


@given(
    pan=_digits,
    after=st.text(alphabet="0123456789=", max_size=16),
    lrc=_track2_lrc,
    end=_line_end,
)
def test_a_track2_swipe_decodes_back_to_its_pan(pan: str, after: str, lrc: str, end: str) -> None:
    assert decode_read(f";{pan}={after}?{lrc}{end}") == track2(pan)


@given(
    pan=_digits,
    name=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ /.", max_size=26),
    lrc1=_track1_lrc,
    lrc2=_track2_lrc,
    end=_line_end,
)
def test_a_two_track_swipe_decodes_back_to_its_pan(
    pan: str, name: str, lrc1: str, lrc2: str, end: str
) -> None:
    line = f"%B{pan}^{name}^4912101?{lrc1};{pan}=4912101?{lrc2}{end}"
    assert decode_read(line) == track2(pan)


@given(
    octets=st.sampled_from([4, 7, 10]).flatmap(
        lambda n: st.lists(st.integers(0, 255), min_size=n, max_size=n)
    ),
    separator=st.sampled_from([":", "-", " "]),
    lower=st.booleans(),
)
def test_a_separated_uid_decodes_to_uppercase_hex(
    octets: list[int], separator: str, lower: bool
) -> None:
    written = separator.join(f"{o:02X}" for o in octets)
    assert decode_read(written.lower() if lower else written) == uid(written.replace(separator, ""))
