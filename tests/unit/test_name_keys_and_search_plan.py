from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from app.domain.enrolment import names_look_alike
from app.domain.member_search import LookupKind, plan_lookups
from app.domain.name_keys import KeyKind, name_keys


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
    assert {k for kind, k in keys if kind is KeyKind.INITIALS} == initials
    assert {k for kind, k in keys if kind is KeyKind.PINYIN} == pinyin


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
        ("138001", [LookupKind.CARD, LookupKind.PHONE, LookupKind.PHONE_PREFIX]),
        ("m0000001", [LookupKind.MEMBER_NO]),
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
