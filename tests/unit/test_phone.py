from __future__ import annotations

import pytest

from app.domain.phone import clean_lookup_text, mask_phone, normalise_phone


@pytest.mark.parametrize(
    "written",
    [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138 0013 8000",
        "+86-138-0013-8000",
        "0086 13800138000",
        "8613800138000",
        "(+86) 138.0013.8000",
        "１３８００１３８０００",
        "138 0013 8000 ",
        "138—0013—8000",
        "+86 (138) 0013 8000",
    ],
)
def test_every_common_way_of_writing_a_mobile_number_normalises_alike(written: str) -> None:
    assert normalise_phone(written) == "13800138000"


@pytest.mark.parametrize("written", ["", "abc", "138001380x0", "1234", "12345678901234567", "+"])
def test_things_that_are_not_phone_numbers_give_none(written: str) -> None:
    assert normalise_phone(written) is None


def test_landline_keeps_its_digits() -> None:
    assert normalise_phone("010-6588 1234") == "01065881234"


def test_86_prefix_is_only_stripped_from_a_mobile_number() -> None:
    assert normalise_phone("8601065881234") == "8601065881234"


@pytest.mark.parametrize(
    ("phone", "masked"),
    [("13800138000", "138****8000"), ("01065881234", "010****1234"), ("123456", "****56")],
)
def test_masked_phone_hides_the_middle(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\x02 8800000000000001\r\n\x03", "8800000000000001"),
        ("13800\x0013800\u200b0", "13800138000"),
        ("", ""),
        ("\x00\x00", ""),
        ("张伟", "张伟"),
        ("9" * 100, "9" * 64),
    ],
)
def test_lookup_text_loses_reader_noise(raw: str, clean: str) -> None:
    assert clean_lookup_text(raw) == clean
