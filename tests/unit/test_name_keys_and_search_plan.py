from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from app.domain.enrolment import names_look_alike
from app.domain.member_search import KEY_KIND, LookupKind, plan_lookups
from app.domain.name_keys import MAX_GIVEN_READINGS, KeyKind, name_keys


@pytest.mark.parametrize(
    ("name", "initials", "pinyin"),
    [
        ("张三", {"zs"}, {"zhangsan"}),
        ("单雄信", {"sxx", "dxx"}, {"shanxiongxin", "danxiongxin"}),
        ("曾小贤", {"zxx", "cxx"}, {"zengxiaoxian", "cengxiaoxian"}),
        ("解晓东", {"xxd", "jxd"}, {"xiexiaodong", "jiexiaodong"}),
        ("区志强", {"ozq", "qzq"}, {"ouzhiqiang", "quzhiqiang"}),
        ("朴树", {"ps"}, {"piaoshu", "pushu"}),
        ("欧阳娜娜", {"oynn"}, {"ouyangnana"}),
        ("万俟卨", {"mqx"}, {"moqixie"}),
        ("吕布", {"lb"}, {"lvbu", "lubu"}),
        ("王 芳", {"wf"}, {"wangfang"}),
    ],
)
def test_chinese_names_get_surname_and_common_readings(
    name: str, initials: set[str], pinyin: set[str]
) -> None:
    keys = name_keys(name)
    assert {k for kind, k in keys if kind is KeyKind.INITIALS} >= initials
    assert {k for kind, k in keys if kind is KeyKind.PINYIN} >= pinyin


@pytest.mark.parametrize(
    ("name", "typed", "kind"),
    [
        # traditional and simplified find each other
        ("張偉", "张伟", KeyKind.NAME),
        ("张伟", "張偉", KeyKind.NAME),
        ("歐陽鋒", "欧阳", KeyKind.NAME),
        ("歐陽鋒", "oyf", KeyKind.INITIALS),
        ("單雄信", "sxx", KeyKind.INITIALS),  # a surname reading, written traditionally
        ("鍾麗", "zhongli", KeyKind.PINYIN),
        # every part of a name
        ("阿依古丽·买买提", "买买提", KeyKind.NAME),
        ("阿依古丽·买买提", "mmt", KeyKind.INITIALS),
        ("阿依古丽·买买提", "maimaiti", KeyKind.PINYIN),
        ("张伟 David", "david", KeyKind.NAME),
        ("张伟 David", "zw", KeyKind.INITIALS),
        ("张伟David", "david", KeyKind.NAME),
        ("David 张伟", "张伟", KeyKind.NAME),
        ("David 张伟", "zhangwei", KeyKind.PINYIN),
        ("Jean-Luc Picard", "luc", KeyKind.NAME),
        ("Mary‐Jane Watson", "jane", KeyKind.NAME),  # a Unicode hyphen
        ("玛丽—安", "安", KeyKind.NAME),  # an em dash
        # surname readings
        ("曾小贤", "zxx", KeyKind.INITIALS),
        ("朴树", "ps", KeyKind.INITIALS),
        ("仇英", "qy", KeyKind.INITIALS),
        # a given-name character's second common reading
        ("张乐", "zy", KeyKind.INITIALS),  # 乐 yuè as well as lè
        ("张乐", "zl", KeyKind.INITIALS),
        ("李行", "lh", KeyKind.INITIALS),  # 行 háng as well as xíng
        ("王长江", "wcj", KeyKind.INITIALS),  # 长 cháng as well as zhǎng
        ("王长江", "wzj", KeyKind.INITIALS),
        # characters outside the common tables: found by the characters themselves
        ("李〇", "李〇", KeyKind.NAME),
        ("王𠮷", "王𠮷", KeyKind.NAME),
        ("龑䶮", "龑䶮", KeyKind.NAME),
        ("🍜王芳", "🍜", KeyKind.NAME),
        ("🍜王芳", "王芳", KeyKind.NAME),
        ("🍜王芳", "wf", KeyKind.INITIALS),
    ],
)
def test_a_name_is_found_by_what_a_cashier_types(name: str, typed: str, kind: KeyKind) -> None:
    lookups = plan_lookups(typed)
    wanted = {lookup.value for lookup in lookups if KEY_KIND.get(lookup.kind) is kind}
    assert wanted, f"{typed!r} is not searched as {kind}"
    keys = {key for key_kind, key in name_keys(name) if key_kind is kind}
    assert any(key.startswith(value) for key in keys for value in wanted)


def test_alternative_readings_are_bounded() -> None:
    keys = name_keys("朝重行长乐调")  # every character has several readings
    assert len(keys) <= 2 + 2 * 2 * MAX_GIVEN_READINGS


def test_keys_of_an_unchanged_name_keep_the_old_ones() -> None:
    assert {(KeyKind.NAME, "张三"), (KeyKind.INITIALS, "zs"), (KeyKind.PINYIN, "zhangsan")} <= (
        name_keys("张三")
    )
    assert {(KeyKind.PINYIN, "lvbu"), (KeyKind.PINYIN, "lubu")} <= name_keys("吕布")


def test_latin_names_are_found_by_any_word_without_accents() -> None:
    assert name_keys("José  García") == {(KeyKind.NAME, "josegarcia"), (KeyKind.NAME, "garcia")}
    assert (KeyKind.NAME, "obrien") in name_keys("Sean O'Brien")


@example("𠀂")  # CJK extension B: pypinyin has no reading; once gave an empty key
@example("0\r·")  # a last word of punctuation only once gave an empty key
@given(st.text(max_size=80))
def test_any_name_gives_bounded_keys(name: str) -> None:
    for _kind, key in name_keys(name):
        assert 0 < len(key) <= 64 and key == key.casefold()


@pytest.mark.parametrize(
    ("typed", "kinds"),
    [
        ("8000", [LookupKind.PHONE_LAST4]),
        ("800", []),
        ("13800138000", [LookupKind.CARD, LookupKind.PHONE]),
        ("+86 138-0013-8000", [LookupKind.CARD, LookupKind.PHONE]),
        ("１３８００１３８０００", [LookupKind.CARD, LookupKind.PHONE]),
        ("138001", [LookupKind.CARD, LookupKind.PHONE_PREFIX]),
        ("1380013800", [LookupKind.CARD, LookupKind.PHONE_PREFIX]),  # a digit short: no exact
        ("138001380001", [LookupKind.CARD, LookupKind.PHONE_PREFIX]),  # a digit long
        ("138‐0013‑8000", [LookupKind.CARD, LookupKind.PHONE]),
        ("138−0013·8000", [LookupKind.CARD, LookupKind.PHONE]),
        ("0755-23456789 转 8", [LookupKind.PHONE]),
        ("m0000001", [LookupKind.MEMBER_NO]),
        ("M 0000001", [LookupKind.MEMBER_NO]),
        ("M-0000001", [LookupKind.MEMBER_NO]),
        ("Ｍ－０００００００１", [LookupKind.MEMBER_NO]),
        ("😀", [LookupKind.NAME]),
        ("zs", [LookupKind.NAME, LookupKind.PINYIN_INITIALS, LookupKind.PINYIN]),
        ("张", [LookupKind.NAME]),
        ("   ", []),
        ("!!!", []),
    ],
)
def test_typed_text_is_read_as_the_right_lookups(typed: str, kinds: list[LookupKind]) -> None:
    assert [lookup.kind for lookup in plan_lookups(typed)] == kinds


def test_phone_lookups_use_the_normalised_number() -> None:
    assert [lk.value for lk in plan_lookups("0086 138 0013 8000")][1] == "13800138000"


@pytest.mark.parametrize("typed", ["m0000001", "M 0000001", "M-0000001", "m_0000001", "M·0000001"])
def test_member_numbers_are_read_however_written(typed: str) -> None:
    assert [lk.value for lk in plan_lookups(typed)] == ["M0000001"]


def test_a_landline_stored_before_the_numbering_rules_is_still_looked_up() -> None:
    values = [lk.value for lk in plan_lookups("+86 10 6588 1234") if lk.kind is LookupKind.PHONE]
    assert values == ["01065881234", "861065881234"]


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        ("张伟", "张伟", True),
        ("张伟", "张炜", True),  # homophone typed by pinyin
        ("张伟", "王伟", False),
        ("Emily Chen", "chen  emily", True),
        ("Emily Chen", "Emilly Chen", True),
        ("Emily Chen", "Emma Chen", False),
        ("", "", False),
    ],
)
def test_look_alike_names(a: str, b: str, alike: bool) -> None:
    assert names_look_alike(a, b) is alike
