"""Learning a keyboard reader from two reads, and editing a reader URL's card format."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.card_readers.learning import (
    Keystroke,
    LearnedReader,
    LearningProblem,
    learn,
    with_format,
)
from app.domain.card_formats import DEFAULT_FORMAT, DigitsAre, ReadFormat, UidOrder
from app.domain.card_reads import decode_read
from hardware.urls import parse_reader_url
from tests.conftest import examples

CARDS = [
    "%B8800000000000001^CHEN/JING^2712101?;8800000000000001=2712101?",
    ";8800000000000001=2712?",
    "%B6200001234^LI/NA^2801?",
    "04A1B2C3D4E5F6",
    "0000BC614E",
    "188,24910",
    "https://club.example.com/m/M0000007",
    "M0000007",
    "8800000000000001",
]
PREFIXES = ["", "#", "@@", "!%", "CARD", "[", "~;~"]
SUFFIXES = ["\r", "\t", "\r\n", "#\r", "?\r", "\x03\r", "\t\r"]


def typed(text: str, start: float = 10.0, step: float = 0.008) -> list[Keystroke]:
    return [Keystroke(c, start + i * step) for i, c in enumerate(text)]


@settings(max_examples=examples(300))
@given(st.sampled_from(CARDS), st.sampled_from(PREFIXES), st.sampled_from(SUFFIXES))
def test_two_reads_give_back_the_prefix_and_suffix_the_reader_adds(
    card: str, prefix: str, suffix: str
) -> None:
    text = prefix + card + suffix
    learned = learn([typed(text), typed(text, 20.0)])
    assert isinstance(learned, LearnedReader)
    assert learned.prefix == prefix
    assert text.startswith(learned.prefix) and text.endswith(learned.suffix)
    body = text[len(learned.prefix) : len(text) - len(learned.suffix)]
    assert decode_read(body) == decode_read(card)
    # After a swipe a printable key may be its check character, after a URL its fragment.
    if not card.startswith(("%", ";", "https:")):
        assert learned.suffix == suffix
    assert parse_reader_url(learned.url()).prefix == prefix  # a URL the till accepts


def test_a_track_one_swipe_keeps_its_percent_sign() -> None:
    swipe = "%B8800000000000001^CHEN/JING^2712101?"
    learned = learn([typed(swipe + "\r"), typed(swipe + "\r")])
    assert learned == LearnedReader("", "\r", 50, 6)


def test_the_gap_is_twice_the_slowest_key_and_never_below_the_default() -> None:
    slow = typed("0000BC614E\r", step=0.04)
    assert isinstance(learned := learn([slow, slow]), LearnedReader)
    assert learned.gap_ms == 80
    fast = typed("0000BC614E\r", step=0.002)
    assert isinstance(learned := learn([fast, fast]), LearnedReader)
    assert learned.gap_ms == 50


def test_a_short_card_lowers_the_shortest_read() -> None:
    read = typed("12,345\r")
    assert learn([read, read]) == LearnedReader("", "\r", 50, 6)
    assert learn([typed("#1,2\r")] * 2) == LearnedReader("#", "\r", 50, 3)


@pytest.mark.parametrize(
    ("reads", "problem"),
    [
        (["hello there\r", "hello there\r"], LearningProblem.NO_CARD),
        (["0000BC614E", "0000BC614E"], LearningProblem.NO_END_KEY),
        (["0000BC614E#", "0000BC614E#"], LearningProblem.NO_END_KEY),
        (["%;8800000000000001?\r"] * 2, LearningProblem.PREFIX_LOOKS_LIKE_SWIPE),
        (["#0000BC614E\r", "0000BC614E\r"], LearningProblem.READS_DISAGREE),
        (["0000BC614E\r", "0000BC614E\t"], LearningProblem.READS_DISAGREE),
    ],
)
def test_reads_that_teach_nothing_say_why(reads: list[str], problem: LearningProblem) -> None:
    assert learn([typed(r) for r in reads]) == problem


def test_the_learned_url_carries_the_card_format() -> None:
    learned = LearnedReader("#", "\t", 70, 6)
    url = learned.url(ReadFormat(DigitsAre.EM4100))
    spec = parse_reader_url(url)
    assert (spec.prefix, spec.suffix, spec.gap_ms, spec.digits) == ("#", "\t", 70, "em4100")


@pytest.mark.parametrize(
    ("url", "fmt", "expected"),
    [
        ("wedge://", ReadFormat(DigitsAre.EM4100), "wedge://?digits=em4100"),
        (
            "serial:///dev/ttyUSB0?baudrate=19200&digits=em4100",
            ReadFormat(DigitsAre.UID, UidOrder.REVERSED),
            "serial:///dev/ttyUSB0?baudrate=19200&digits=uid&uid_order=reversed",
        ),
        ("wedge://?prefix=%23&digits=uid", DEFAULT_FORMAT, "wedge://?prefix=%23"),
        ("socket://10.0.0.5:4001?timeout=3", DEFAULT_FORMAT, "socket://10.0.0.5:4001?timeout=3"),
        (
            "rfc2217://10.0.0.5:7000?ign_set_control",
            ReadFormat(DigitsAre.EM4100_HEX),
            "rfc2217://10.0.0.5:7000?ign_set_control&digits=em4100-hex",
        ),
        ("", ReadFormat(DigitsAre.EM4100), ""),
    ],
)
def test_the_format_lists_edit_only_the_format_options(
    url: str, fmt: ReadFormat, expected: str
) -> None:
    assert with_format(url, fmt) == expected
