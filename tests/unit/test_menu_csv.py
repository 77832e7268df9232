"""Reading a menu CSV: encodings, Chinese or English headers, every bad row with its line."""

from __future__ import annotations

import pytest

from app.domain.menu import Allergen
from app.setup.menu_csv import BadRow, UnreadableMenu, parse_menu_csv

MENU = (
    "分类,分类英文,菜品,菜品英文,价格,供应\n"
    "热菜,Hot dishes,宫保鸡丁,Kung Pao Chicken,38.00,是\n"
    "主食,Staples,米饭,Rice,3,售罄\n"
)


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (MENU.encode("utf-8"), "utf-8"),
        (MENU.encode("utf-8-sig"), "utf-8-sig"),
        (MENU.encode("gb18030"), "gb18030"),
    ],
)
def test_each_encoding_reads_the_same_menu(encoded: bytes, encoding: str) -> None:
    parsed = parse_menu_csv(encoded)
    assert parsed.encoding == encoding and parsed.bad_rows == ()
    assert [(m.line, m.category, m.item_en, m.price, m.available) for m in parsed.lines] == [
        (2, "热菜", "Kung Pao Chicken", 3800, True),
        (3, "主食", "Rice", 300, False),
    ]


def test_every_bad_row_is_reported_with_its_line_and_reason() -> None:
    data = (
        "category,item,price,available\n"
        "Hot,Chicken,38.00,yes\n"
        "Hot,,3.00,yes\n"  # 3
        "\n"  # 4: blank lines are skipped, but counted
        'Cold,"Cucumber\nsmashed",12.345,yes\n'  # 5-6: a quoted name over two lines
        "Cold,Tofu,-1,yes\n"  # 7
        "Cold,Eggs,abc,yes\n"  # 8
        "Cold,Jelly,9,maybe\n"  # 9
        "Hot,Chicken,40,yes\n"  # 10: twice in one category
        f"Hot,{'长' * 65},1,yes\n"  # 11
        ",Rice,3,yes\n"  # 12
        "Drinks,Tea,1000000.01,yes\n"  # 13
    ).encode()
    parsed = parse_menu_csv(data)
    assert [m.item for m in parsed.lines] == ["Chicken"]
    assert [(b.line, b.reason.split(":")[0]) for b in parsed.bad_rows] == [
        (3, "the item name is empty"),
        (5, "the price"),
        (7, "the price is from ¥0.00 to ¥100,000.00"),
        (8, "the price"),
        (9, "available is yes or no, not 'maybe'"),
        (10, "Chicken is already on line 2"),
        (11, "a name is longer than 64 characters"),
        (12, "the category is empty"),
        (13, "the price is from ¥0.00 to ¥100,000.00"),
    ]
    assert str(parsed.bad_rows[1]) == "line 5: the price: too many decimals in '12.345'"
    assert isinstance(parsed.bad_rows[0], BadRow)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"name,cost\nA,1\n", r"lacks the column\(s\) category, item, price"),
        (b"category,item,price\nA,B,1\x00\n", "NUL"),
        ("category,item,price\n甲,乙,1\n".encode("utf-16"), "neither UTF-8 nor GB18030"),
    ],
)
def test_a_file_that_cannot_be_read_at_all_says_why(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableMenu, match=reason):
        parse_menu_csv(data)


def test_allergens_are_read_from_codes_and_chinese_or_english_names() -> None:
    data = (
        "分类,菜品,价格,过敏原\n"
        "热菜,宫保鸡丁,38,花生、大豆|麸质\n"
        "热菜,虾饺,28,甲壳类; 小麦 ;蛋；含酒精\n"
        "凉菜,芝麻酱拌面,18,sesame;Tree nuts|MILK;fish|坚果\n"
        "凉菜,拍黄瓜,12,\n"
    ).encode()
    parsed = parse_menu_csv(data)
    assert parsed.bad_rows == ()
    assert [(m.item, m.allergens, m.allergen_note) for m in parsed.lines] == [
        ("宫保鸡丁", {Allergen.PEANUT, Allergen.SOY, Allergen.WHEAT_GLUTEN}, ""),
        ("虾饺", {Allergen.SHELLFISH, Allergen.WHEAT_GLUTEN, Allergen.EGG}, "含酒精"),
        ("芝麻酱拌面", {Allergen.SESAME, Allergen.TREE_NUTS, Allergen.MILK, Allergen.FISH}, ""),
        ("拍黄瓜", frozenset(), ""),
    ]


def test_an_allergen_note_longer_than_the_column_is_a_bad_row() -> None:
    data = f"category,item,price,allergens\nHot,Chicken,38,peanut;{'x' * 201}\n".encode()
    assert [b.line for b in parse_menu_csv(data).bad_rows] == [2]
