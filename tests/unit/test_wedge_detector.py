from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardware.readers.wedge import Action, Read, Release, WedgeCardReader, WedgeDetector

SWIPE = ";8800000000000001=2512?"


class Ticks:
    """A monotonic clock in seconds that the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def advance_ms(self, ms: float) -> None:
        self.now += ms / 1000


def typed(detector: WedgeDetector, clock: Ticks, text: str, gap_ms: float) -> list[list[Action]]:
    """Feed ``text`` one key every ``gap_ms``; the actions after each key."""
    steps = []
    for char in text:
        clock.advance_ms(gap_ms)
        steps.append(detector.key(char))
    return steps


def make(
    clock: Ticks, prefix: str = "", suffix: str = "\r", gap_ms: int = 50, min_length: int = 6
) -> WedgeDetector:
    return WedgeDetector(prefix, suffix, gap_ms, min_length, clock)


def test_a_scanner_burst_is_one_read_and_every_key_is_held_until_then() -> None:
    clock = Ticks()
    steps = typed(make(clock), clock, SWIPE + "\r", gap_ms=8)
    assert steps[:-1] == [[]] * len(SWIPE)
    assert steps[-1] == [Read(SWIPE)]


def test_a_burst_may_take_gap_ms_between_each_key_but_no_more() -> None:
    clock = Ticks()
    assert typed(make(clock, gap_ms=50), clock, "123456\r", gap_ms=50)[-1] == [Read("123456")]
    assert typed(make(clock, gap_ms=50), clock, "123456\r", gap_ms=51)[-1] == [Release("6\r")]


def test_with_a_prefix_only_keys_after_it_are_candidates() -> None:
    clock = Ticks()
    detector = make(clock, prefix=";", suffix="?")
    assert typed(detector, clock, "ab", gap_ms=10) == [[Release("a")], [Release("b")]]
    steps = typed(detector, clock, SWIPE, gap_ms=10)
    assert steps[-1] == [Read("8800000000000001=2512")]
    assert detector.held == ""


def test_a_false_start_of_a_long_prefix_is_released_and_may_begin_it_again() -> None:
    clock = Ticks()
    detector = make(clock, prefix="%B", suffix="?")
    steps = typed(detector, clock, "%x%%B1234567890^DOE/J^2512?", gap_ms=5)
    assert steps[:4] == [[], [Release("%x")], [], [Release("%")]]
    assert steps[-1] == [Read("1234567890^DOE/J^2512")]


def test_a_person_typing_slowly_gets_each_key_back_within_a_gap() -> None:
    clock = Ticks()
    detector = make(clock)
    steps = typed(detector, clock, "hello", gap_ms=200)
    assert steps == [[], [Release("h")], [Release("e")], [Release("l")], [Release("l")]]
    assert detector.held == "o"
    clock.advance_ms(50)
    assert detector.flush_due() == []
    clock.advance_ms(1)
    assert detector.flush_due() == [Release("o")]
    assert detector.due_in() is None


def test_a_person_typing_fast_but_short_gets_the_keys_and_enter_back() -> None:
    clock = Ticks()
    steps = typed(make(clock), clock, "A12\r", gap_ms=30)
    assert steps == [[], [], [], [Release("A12\r")]]


def test_a_burst_that_never_ends_is_released_when_it_goes_quiet() -> None:
    clock = Ticks()
    detector = make(clock)
    assert typed(detector, clock, "12345678", gap_ms=5) == [[]] * 8
    clock.advance_ms(20)
    assert detector.due_in() == pytest.approx(0.030)
    assert detector.flush_due() == []
    clock.advance_ms(40)
    assert detector.flush_due() == [Release("12345678")]


def test_a_pause_in_the_middle_splits_a_burst() -> None:
    clock = Ticks()
    detector = make(clock)
    first = typed(detector, clock, "1234", gap_ms=5)
    clock.advance_ms(100)
    second = typed(detector, clock, "5678\r", gap_ms=5)
    assert first + second == [[], [], [], [], [Release("1234")], [], [], [], [Release("5678\r")]]


@pytest.mark.parametrize(
    ("noise", "released"),
    [
        ("\b", "1234\b"),  # Backspace
        ("\x1b", "1234\x1b"),  # Escape
        ("\t", "1234\t"),  # Tab, unless it is the suffix
    ],
)
def test_a_control_key_releases_everything_held_with_itself(noise: str, released: str) -> None:
    clock = Ticks()
    detector = make(clock)
    typed(detector, clock, "1234", gap_ms=5)
    assert detector.key(noise) == [Release(released)]
    assert detector.held == ""


def test_a_tab_suffix_ends_a_burst() -> None:
    clock = Ticks()
    assert typed(make(clock, suffix="\t"), clock, "12345678\t", gap_ms=5)[-1] == [Read("12345678")]


def test_release_all_hands_back_what_is_held_for_keys_that_are_not_characters() -> None:
    clock = Ticks()
    detector = make(clock)
    typed(detector, clock, "123", gap_ms=5)
    assert detector.release_all() == [Release("123")]
    assert detector.release_all() == []


def test_too_short_a_burst_is_a_person_after_all() -> None:
    clock = Ticks()
    steps = typed(make(clock, min_length=8), clock, "1234567\r", gap_ms=5)
    assert steps[-1] == [Release("1234567\r")]


def test_one_key_at_a_time() -> None:
    with pytest.raises(ValueError, match="one character"):
        WedgeDetector().key("ab")


def test_the_wedge_reader_hands_reads_to_its_listener_only_while_started() -> None:
    reader = WedgeCardReader()
    reads: list[str] = []
    reader.deliver("ignored")
    reader.start(reads.append)
    reader.deliver(SWIPE)
    reader.stop()
    reader.deliver("ignored")
    assert reads == [SWIPE]


keys = st.lists(
    st.tuples(st.sampled_from([1, 10, 49, 50, 51, 200]), st.sampled_from(list(";%ab12?\r\b"))),
    max_size=40,
)


@given(keys, st.sampled_from(["", ";", "%b"]), st.sampled_from(["\r", "?\r", "?"]))
def test_no_key_is_ever_lost_or_reordered(
    steps: list[tuple[int, str]], prefix: str, suffix: str
) -> None:
    clock = Ticks()
    detector = make(clock, prefix=prefix, suffix=suffix, min_length=2)
    actions: list[Action] = []
    for gap_ms, char in steps:
        clock.advance_ms(gap_ms)
        actions += detector.key(char)
    clock.advance_ms(1000)
    actions += detector.flush_due()
    out = "".join(a.chars if isinstance(a, Release) else prefix + a.text + suffix for a in actions)
    assert out == "".join(char for _, char in steps)
