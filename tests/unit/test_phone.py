from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.domain.phone import (
    PhoneProblem,
    check_phone,
    clean_lookup_text,
    last_four,
    legacy_phone,
    mask_phone,
    normalise_phone,
)


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
        "138‐0013‑8000",  # hyphen, non-breaking hyphen
        "138–0013—8000",  # en and em dash
        "138−0013−8000",  # minus sign
        "138·0013·8000",  # middle dot
        "138－0013－8000",  # full-width hyphen-minus
        "（+86）138 0013 8000",  # full-width brackets
        "＋８６ １３８ ００１３ ８０００",
        "138.0013.8000",
        "138/0013/8000",
        "+86 138\u00a00013\u30008000",  # no-break and ideographic spaces
    ],
)
def test_every_common_way_of_writing_a_mobile_number_normalises_alike(written: str) -> None:
    assert normalise_phone(written) == "13800138000"


@pytest.mark.parametrize("written", ["", "abc", "138001380x0", "1234", "12345678901234567", "+"])
def test_things_that_are_not_phone_numbers_give_none(written: str) -> None:
    assert normalise_phone(written) is None


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("010-6588 1234", "01065881234"),  # Beijing: area code 010
        ("(010) 6588-1234", "01065881234"),
        ("+86 10 6588 1234", "01065881234"),
        ("0086-10-65881234", "01065881234"),
        ("8601065881234", "01065881234"),  # 86 then the landline with its trunk 0
        ("020-8888 6666", "02088886666"),  # Guangzhou
        ("0755 2345 6789", "075523456789"),  # Shenzhen
        ("0755-23456789 转 123", "075523456789-123"),  # extension
        ("0755-23456789 ext. 88", "075523456789-88"),
        ("0755-23456789#8", "075523456789-8"),
        ("400 123 4567", "4001234567"),  # a national service number has no trunk 0
        ("+852 9123 4567", "85291234567"),  # Hong Kong mobile
        ("00852 2123 4567", "85221234567"),  # Hong Kong landline
        ("+853 6612 3456", "85366123456"),  # Macau
        ("+886 912 345 678", "886912345678"),  # Taiwan mobile
        ("+886 2 2345 6789", "886223456789"),  # Taipei
        ("+1 (415) 555-2671", "14155552671"),
        ("+44 20 7946 0958", "442079460958"),
    ],
)
def test_landlines_and_other_countries_are_stored_by_their_numbering(
    written: str, stored: str
) -> None:
    assert normalise_phone(written) == stored


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("1381234567", PhoneProblem.MOBILE_TOO_SHORT),  # one digit dropped
        ("+86 138 1234 567", PhoneProblem.MOBILE_TOO_SHORT),
        ("138123456789", PhoneProblem.MOBILE_TOO_LONG),  # one digit too many
        ("86 138 1234 56789", PhoneProblem.MOBILE_TOO_LONG),
        ("1065881234", PhoneProblem.MOBILE_TOO_SHORT),  # 010 without its 0 reads as a mobile
        ("12012345678", PhoneProblem.NO_SUCH_NUMBER),  # 11 digits, no such mobile range
        ("6588 1234", PhoneProblem.NO_AREA_CODE),
        ("010-123", PhoneProblem.NO_SUCH_NUMBER),
        ("+852 123", PhoneProblem.NO_SUCH_NUMBER),
        ("138 0013 800a", PhoneProblem.NOT_A_NUMBER),
        ("0755-23456789 转", PhoneProblem.NOT_A_NUMBER),
    ],
)
def test_impossible_numbers_are_refused_with_the_reason(
    written: str, problem: PhoneProblem
) -> None:
    assert check_phone(written) == problem


_MOBILE_PREFIXES = ["130", "135", "138", "139", "150", "158", "177", "186", "189", "199"]
mobiles = st.builds(
    lambda prefix, rest: prefix + rest,
    st.sampled_from(_MOBILE_PREFIXES),
    st.text("0123456789", min_size=8, max_size=8),
)


@given(mobiles, st.integers(0, 10))
def test_a_mobile_with_a_digit_dropped_is_refused_as_too_short(mobile: str, at: int) -> None:
    # 186… without its leading 1 is 86…: China's country code then a shorter number
    # (8601095000 is +86 010 95000, a Beijing service number), which is a phone.
    assume(not (at == 0 and mobile.startswith("186")))
    assert check_phone(mobile[:at] + mobile[at + 1 :]) in (
        PhoneProblem.MOBILE_TOO_SHORT,
        PhoneProblem.NO_AREA_CODE,  # the leading 1 dropped: 10 digits, no area code
        PhoneProblem.NO_SUCH_NUMBER,
    )


@given(mobiles, st.integers(0, 11), st.sampled_from("0123456789"))
def test_a_mobile_with_a_digit_added_is_refused(mobile: str, at: int, digit: str) -> None:
    longer = mobile[:at] + digit + mobile[at:]
    assert normalise_phone(longer) is None or not longer.startswith("1")


@given(
    mobiles,
    st.sampled_from(["", "+86", "+86 ", "0086", "86", "(+86)", "＋８６"]),
    st.lists(st.sampled_from([" ", "-", "‐", "‑", "–", "—", "−", "·", ".", "　"]), max_size=3),
)
def test_every_spelling_of_a_mobile_is_stored_as_its_11_digits(
    mobile: str, prefix: str, separators: list[str]
) -> None:
    written = prefix + mobile[:3]
    for at, separator in zip((3, 7, 9), separators, strict=False):
        written += separator + mobile[at : at + (4 if at == 3 else 2)]
    written += mobile[3 + sum((4, 2, 2)[: len(separators)]) :]
    assert normalise_phone(written) == mobile


@pytest.mark.parametrize(
    ("written", "legacy"),
    [
        ("+86 10 6588 1234", "861065881234"),
        ("00852 2123 4567", "0085221234567"),
        ("8888 8888", "88888888"),
        ("+86 138 0013 8000", "13800138000"),
    ],
)
def test_the_old_stored_form_is_still_known(written: str, legacy: str) -> None:
    assert legacy_phone(written) == legacy


def test_last_four_leaves_the_extension_out() -> None:
    assert last_four("075523456789-123") == "6789"
    assert last_four("13800138000") == "8000"


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
