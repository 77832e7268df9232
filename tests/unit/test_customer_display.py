from __future__ import annotations

import pytest

from app import display_text
from app.domain.menu import CategoryId, ItemId, MenuItem
from app.domain.pricing import LineInput, price
from hardware.display import WIDTH, decode_frames, fit, frame
from hardware.errors import DeviceUrlError
from hardware.urls import DisplaySpec, parse_display_url
from tests.unit.test_pricing import GOLD, TODAY


def test_a_frame_sets_both_lines_of_twenty_ascii_characters() -> None:
    data = frame("Kung Pao Chicken with peanuts x2", "TOTAL 83.40")
    assert data.startswith(b"\x0c\x1bQA") and data.count(b"\r") == 2
    assert decode_frames(data) == [("Kung Pao Chicken wit", "TOTAL 83.40         ")]


def test_non_ascii_is_folded_for_the_display() -> None:
    assert fit("Crème brûlée") == b"Creme brulee        "
    assert fit("宫保鸡丁") == b"????                "
    assert len(fit("")) == WIDTH


def test_display_messages_fit_twenty_columns() -> None:
    fish = MenuItem(ItemId(1), "F", "水煮鱼", "Sichuan Boiled Fish", CategoryId(1), 8800)
    priced = price([LineInput(fish, 2)], GOLD, TODAY)
    assert display_text.item_added(fish.name_en, 2, priced.total) == (
        "Sichuan Boiled Fi x2",
        "TOTAL         158.40",
    )
    saved_and_due = display_text.total_due(priced.discount, priced.total)
    assert saved_and_due == ("SAVED 17.60", "TOTAL         158.40")
    assert display_text.paid(20_000, 4_160) == ("PAID          200.00", "CHANGE         41.60")
    for lines in (display_text.item_added(fish.name_en, 2, priced.total), display_text.paid(1, 0)):
        assert all(len(line) <= WIDTH for line in lines)


@pytest.mark.parametrize(
    ("url", "spec"),
    [
        ("", None),
        ("sim://", DisplaySpec()),
        ("vfd+serial:///dev/ttyUSB1?baudrate=19200", DisplaySpec("/dev/ttyUSB1", 19200)),
        ("vfd+serial://COM4", DisplaySpec("COM4", 9600)),
    ],
)
def test_display_urls(url: str, spec: DisplaySpec | None) -> None:
    assert parse_display_url(url) == spec


def test_bad_display_urls_are_refused() -> None:
    with pytest.raises(DeviceUrlError, match="vfd\\+serial://DEVICE"):
        parse_display_url("lcd://1")
