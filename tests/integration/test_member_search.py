"""Every way a guest is identified, through the one search box and the readers."""

from __future__ import annotations

import pytest

from app.bootstrap import Till
from app.domain.enrolment import EnrolmentForm
from app.domain.member_search import LookupKind
from app.services.members import IdentifyProblem

SHARED_LAST_FOUR = {"M0000001", "M0000004", "M0000005"}  # all end in 8000


def numbers(till: Till, typed: str) -> set[str]:
    return {c.member_no for c in till.members.search(typed).candidates}


def test_last_four_digits_list_every_match_with_masked_phone_and_tier(till: Till) -> None:
    found = till.members.search("8000")
    assert found.kind is LookupKind.PHONE_LAST4
    assert {c.member_no for c in found.candidates} >= SHARED_LAST_FOUR
    zhang = next(c for c in found.candidates if c.member_no == "M0000001")
    assert (zhang.name, zhang.masked_phone, zhang.tier_name_zh) == (
        "张伟",
        "138****8000",
        "金卡会员",
    )
    picked = till.members.identify("8000")
    assert picked.member is None and len(picked.candidates) >= 3  # the cashier must choose


@pytest.mark.parametrize(
    ("typed", "member_no"),
    [
        ("sxx", "M0000004"),  # 单雄信 read as a surname: Shàn
        ("dxx", "M0000004"),  # ... and as the character is usually read
        ("shanxiongx", "M0000004"),
        ("SXX", "M0000004"),
        ("ｓｘｘ", "M0000004"),  # full-width from a Chinese input method
        ("zxx", "M0000005"),  # 曾 as Zēng
        ("zengxiaoxian", "M0000005"),
        ("单雄", "M0000004"),
        ("zhangw", "M0000001"),
        ("emily", "M0000002"),
        ("Emily C", "M0000002"),
        ("chen", "M0000002"),
        ("1380013", "M0000001"),  # the start of a phone number
    ],
)
def test_name_pinyin_and_phone_prefix_find_the_member(
    till: Till, typed: str, member_no: str
) -> None:
    assert member_no in numbers(till, typed)


def test_a_single_name_match_is_listed_for_the_cashier_to_pick(till: Till) -> None:
    result = till.members.identify("单雄信")
    assert result.member is None and not result.complete  # a name is never a whole identifier
    assert [c.member_no for c in result.candidates] == ["M0000004"]
    assert result.kind is LookupKind.NAME


def test_common_prefixes_are_capped_with_a_hint_that_there_are_more(till: Till) -> None:
    found = till.members.search("1", limit=5)  # too short for digits: nothing searched
    assert found.problem is IdentifyProblem.TOO_SHORT
    found = till.members.search("z", limit=5)
    assert len(found.candidates) == 5 and found.more


@pytest.mark.parametrize(
    ("raw", "member_no", "kind"),
    [
        (";8800000000000001=2712101?\r\n", "M0000001", LookupKind.CARD),
        (
            "%B8800000000000001^ZHANG/WEI^2712101?;8800000000000001=2712101?",
            "M0000001",
            LookupKind.CARD,
        ),
        ("8800000000000002\r\n", "M0000002", LookupKind.CARD),
        ("member:M0000002", "M0000002", LookupKind.MEMBER_NO),
        ("https://m.example.cn/card?m=m0000003", "M0000003", LookupKind.MEMBER_NO),
    ],
)
def test_reads_from_readers_and_scanners_identify_the_member(
    till: Till, raw: str, member_no: str, kind: LookupKind
) -> None:
    result = till.members.identify_read(raw)
    assert result.member is not None and result.member.member_no == member_no
    assert result.kind is kind


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (";88000000000000", IdentifyProblem.CARD_UNREADABLE),  # half a swipe
        ("%E?", IdentifyProblem.CARD_UNREADABLE),
        ("\x00\xff\x13\x88", IdentifyProblem.CARD_UNREADABLE),
        # track 1 and track 2 name different cards: a misread, never a wrong member
        (
            "%B8800000000000001^ZHANG/WEI^2712?;8800000000000002=2712?",
            IdentifyProblem.CARD_UNREADABLE,
        ),
        (";8899000000000002=2712?", IdentifyProblem.CARD_BLOCKED),  # Emily's lost card
        (";4111111111111111=2712?", IdentifyProblem.NOT_FOUND),
    ],
)
def test_bad_reads_never_identify_anyone(till: Till, raw: str, problem: IdentifyProblem) -> None:
    result = till.members.identify_read(raw)
    assert (result.member, result.problem) == (None, problem)


def test_blocked_card_typed_into_the_box_is_refused_too(till: Till) -> None:
    assert till.members.identify("8899000000000002").problem is IdentifyProblem.CARD_BLOCKED
    assert till.members.identify("13912345678").member is not None


def test_latin_letters_find_latin_names_and_pinyin_together(till: Till) -> None:
    cashier = till.auth.log_in("wangfang", "1111")
    till.enrolment.enrol(cashier, EnrolmentForm(phone="13700009999", name="陈静"))
    names = [c.name for c in till.members.search("chen").candidates]
    assert "Emily Chen" in names and "陈静" in names  # 陈 is chen in pinyin


def test_loaded_member_balances_are_the_ledger_sums(till: Till) -> None:
    zeng = till.members.load(till.members.search("M0000005").candidates[0].member_id)
    assert (zeng.points, zeng.stored_value, zeng.tier.code) == (0, 20_000, "SILVER")
    assert zeng.tier.excluded_categories  # silver excludes drinks and set menus
