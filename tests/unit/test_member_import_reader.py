"""Reading another system's member export: encodings, separators, quoting, headers, a
mapping file, and every bad row with its line and reason."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.enrolment import Gender
from app.domain.imported_members import Tiers
from app.member_import.reader import MemberFile, read_mapping, read_members
from app.setup.csv_text import UnreadableCsv

TIERS = Tiers({"silver": 1, "银卡": 1, "gold": 2, "金卡": 2, "g": 2}, entry=1)
TODAY = date(2026, 11, 22)
HEADER = "手机号,姓名,生日,卡号,余额,积分,等级,到期日,性别\n"
GOOD = "138 0013 8000,张三,1990-05-01,6200001,120.50,300,金卡,2027-01-01,男\n"


def read(text: str, mapping: dict[str, str] | None = None) -> MemberFile:
    return read_members(text.encode("utf-8"), TIERS, TODAY, mapping=mapping)


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("gb18030", "gb18030")],
)
def test_each_encoding_is_detected(encoding: str, detected: str) -> None:
    name = "张𠀾" if encoding == "gb18030" else "张三"  # 𠀾 is in GB18030, not in GBK
    parsed = read_members((HEADER + GOOD.replace("张三", name)).encode(encoding), TIERS, TODAY)
    assert parsed.encoding == detected
    (member,) = parsed.members
    assert (member.line, member.phone, member.name) == (2, "13800138000", name)
    assert (member.birthday, member.card, member.stored_value, member.points) == (
        date(1990, 5, 1),
        "6200001",
        12050,
        300,
    )
    assert (member.tier_id, member.expires_on, member.gender) == (2, date(2027, 1, 1), Gender.MALE)


def test_the_encoding_can_be_named() -> None:
    data = (HEADER + GOOD).encode("gbk")
    assert read_members(data, TIERS, TODAY, encoding="gbk").members[0].name == "张三"
    with pytest.raises(UnreadableCsv, match="not utf-8"):
        read_members(data, TIERS, TODAY, encoding="utf-8")
    with pytest.raises(UnreadableCsv, match="no encoding called 'klingon'"):
        read_members(data, TIERS, TODAY, encoding="klingon")


def test_tabs_english_headers_and_excel_quoting() -> None:
    text = (
        "Phone\tName\tNotes\tBalance\n"
        '13900139000\t"Chen, Emily"\t"likes the window\nseat, ""quiet"""\t"1,200.00"\n'
        "13700137000\tLi Si\t\t\n"
    )
    parsed = read(text)
    assert parsed.bad_rows == ()
    first, second = parsed.members
    assert (first.name, first.notes, first.stored_value) == (
        "Chen, Emily",
        'likes the window\nseat, "quiet"',
        120000,
    )
    assert second.line == 4  # the quoted line end moved it down one


def test_every_bad_row_has_its_line_and_reason() -> None:
    rows = [
        "12,Too short,,,,,,,",
        "13700137001,Future,2030-01-01,,,,,,",
        "13700137002,Negative,,,-5,,,,",
        "13700137003,Unknown tier,,,,,platinum,,",
        "13700137004,Bad money,,,12.345,,,,",
        "13700137005,Bad points,,,,many,,,",
        "13700137006,Nul\x00name,,,,,,,",
        "13700137007," + "x" * 10_001 + ",,,,,,,",
        "13700137008,,,,,,,,",
        "13700137009,Bad date,31/12/1990,,,,,,",
        "13800138000,Same phone,,,,,,,",
        "13700137010,Same card,,6200001,,,,,",
        "13700137011,Gender,,,,,,,x",
    ]
    parsed = read(HEADER + GOOD + "\n".join(rows) + "\n")
    assert [m.name for m in parsed.members] == ["张三"]
    assert parsed.rows == 14
    assert tuple((bad.line, bad.reason) for bad in parsed.bad_rows) == (
        (3, "'12' is not a phone number"),
        (4, "the birthday 2030-01-01 is not in the past"),
        (5, "the stored value -¥5.00 is negative"),
        (6, "there is no tier called 'platinum'"),
        (7, "the stored value '12.345' is not an amount (write 1234.50)"),
        (8, "the points 'many' are not a whole number"),
        (9, "the name holds a NUL byte"),
        (10, "the name is longer than 10,000 characters"),
        (11, "the name is empty"),
        (12, "the birthday '31/12/1990' is not a date (write 2024-01-31)"),
        (13, "the phone 13800138000 is also on line 2"),
        (14, "the card 6200001 is also on line 2"),
        (15, "the gender is 男/女, male/female or empty, not 'x'"),
    )


def test_a_huge_field_is_one_bad_row_not_the_end_of_the_file() -> None:
    parsed = read(HEADER + "13700137000,Big," + "9" * 10_000_000 + ",,,,,,\n" + GOOD)
    assert [(bad.line, bad.reason) for bad in parsed.bad_rows] == [
        (2, "the birthday is longer than 10,000 characters")
    ]
    assert [m.line for m in parsed.members] == [3]


def test_a_mapping_file_names_other_headers() -> None:
    for mapping in (
        "# the old system's names\n会员电话=phone\n客户=name\n旧编号=ignore\n",
        '{"会员电话": "phone", "客户": "name", "旧编号": "ignore"}',
    ):
        parsed = read("旧编号,会员电话,客户\nA1,13900139000,王五\n", mapping=read_mapping(mapping))
        assert [(m.phone, m.name) for m in parsed.members] == [("13900139000", "王五")]
    with pytest.raises(UnreadableCsv, match=r"unknown field.*mobile_no"):
        read_mapping("电话=mobile_no\n")


def test_a_file_without_phone_or_name_columns_is_refused() -> None:
    with pytest.raises(UnreadableCsv, match=r"lacks the column.*name"):
        read("phone,nickname\n13900139000,Wu\n")
    with pytest.raises(UnreadableCsv, match="empty"):
        read("")
