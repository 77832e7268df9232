"""Search keys for a member's name: the name itself, pinyin initials and full pinyin.

Cashiers find 张三 by typing ``张``, ``zs`` or ``zhangs``. Surnames are often read
unlike the character's common reading (单 is Shàn, 曾 Zēng, 解 Xiè, 区 Ōu), and a
cashier may type either reading, so a name gets keys for both. Keys are lowercase,
without spaces or tone marks, and ``ü`` is indexed both as ``v`` (how pinyin input
methods take it) and as ``u``.
"""

from __future__ import annotations

import enum
import unicodedata
from functools import lru_cache

MAX_KEY_LENGTH = 64
KEYS_VERSION = "1"
"""Raise when ``name_keys`` changes: the till then rebuilds every member's keys at start."""


class KeyKind(enum.IntEnum):
    NAME = 1
    INITIALS = 2
    PINYIN = 3


Syllables = tuple[str, ...]

# Readings as surnames, where they differ from the common reading (or where the
# dictionary's phrase guess is wrong for a surname).
COMPOUND_SURNAMES: dict[str, Syllables] = {
    "万俟": ("mo", "qi"),
    "尉迟": ("yu", "chi"),
    "长孙": ("zhang", "sun"),
    "澹台": ("tan", "tai"),
    "单于": ("chan", "yu"),
    "令狐": ("ling", "hu"),
    "欧阳": ("ou", "yang"),
    "司马": ("si", "ma"),
    "上官": ("shang", "guan"),
    "诸葛": ("zhu", "ge"),
    "东方": ("dong", "fang"),
    "皇甫": ("huang", "fu"),
    "公孙": ("gong", "sun"),
    "慕容": ("mu", "rong"),
    "夏侯": ("xia", "hou"),
    "宇文": ("yu", "wen"),
    "司徒": ("si", "tu"),
    "端木": ("duan", "mu"),
    "轩辕": ("xuan", "yuan"),
    "呼延": ("hu", "yan"),
    "南宫": ("nan", "gong"),
    "百里": ("bai", "li"),
    "西门": ("xi", "men"),
    "独孤": ("du", "gu"),
    "钟离": ("zhong", "li"),
    "宗政": ("zong", "zheng"),
    "濮阳": ("pu", "yang"),
    "公冶": ("gong", "ye"),
    "申屠": ("shen", "tu"),
}

SURNAME_READINGS: dict[str, str] = {
    "单": "shan",
    "曾": "zeng",
    "解": "xie",
    "区": "ou",
    "朴": "piao",
    "仇": "qiu",
    "查": "zha",
    "盖": "ge",
    "乐": "yue",
    "覃": "qin",
    "缪": "miao",
    "秘": "bi",
    "召": "shao",
    "种": "chong",
    "员": "yun",
    "折": "she",
    "翟": "zhai",
    "祭": "zhai",
    "句": "gou",
    "隗": "wei",
    "能": "nai",
    "黑": "he",
    "繁": "po",
    "宿": "su",
    "藏": "zang",
    "重": "chong",
    "尉": "wei",
    "蔚": "yu",
    "薄": "bo",
    "贲": "ben",
    "炅": "gui",
    "卜": "bu",
    "都": "du",
    "相": "xiang",
    "厍": "she",
    "眭": "sui",
    "柏": "bai",
    "沈": "shen",
    "长": "chang",
    "车": "che",
    "阚": "kan",
    "洗": "xian",
    "教": "jiao",
    "殷": "yin",
    "纪": "ji",
    "任": "ren",
    "华": "hua",
    "过": "guo",
    "闭": "bi",
    "哈": "ha",
    "牟": "mou",
    "逄": "pang",
    "万": "wan",
}

_SEPARATORS = str.maketrans("", "", " \t·・.'’-_")


def fold(text: str) -> str:
    """What keys and typed queries are compared as: casefolded, no accents, no spaces.

    ``José`` is found by ``jose`` and full-width ``ＺＳ`` by ``zs``.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", bare).casefold().translate(_SEPARATORS)


def is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\U00020000" <= char <= "\U0003134f"


def name_keys(name: str) -> frozenset[tuple[KeyKind, str]]:
    """Every key a member with this name is found by (prefix search on each)."""
    folded = fold(name)[:MAX_KEY_LENGTH]
    if not folded:
        return frozenset()
    keys: set[tuple[KeyKind, str]] = {(KeyKind.NAME, folded)}
    if not all(is_han(c) for c in folded):
        words = [fold(word) for word in name.split()]
        for start in range(1, len(words)):  # "Emily Chen" is also found by "chen"
            rest = "".join(words[start:])[:MAX_KEY_LENGTH]
            if rest:  # a trailing word of punctuation only folds to nothing
                keys.add((KeyKind.NAME, rest))
    else:
        for syllables in _readings(folded):
            if not syllables:  # a rare character pypinyin has no reading for
                continue
            keys.add((KeyKind.INITIALS, "".join(s[0] for s in syllables)[:MAX_KEY_LENGTH]))
            full = "".join(syllables)[:MAX_KEY_LENGTH]
            keys.add((KeyKind.PINYIN, full))
            if "v" in full:
                keys.add((KeyKind.PINYIN, full.replace("v", "u")))
    return frozenset(keys)


def _readings(name: str) -> list[Syllables]:
    """The name read with the surname's surname reading and with its common reading."""
    compound = name[:2] if name[:2] in COMPOUND_SURNAMES else ""
    surname = compound or name[0]
    given = _pinyin(name[len(surname) :]) if len(name) > len(surname) else ()
    surname_readings = [_pinyin(surname)]
    special = COMPOUND_SURNAMES.get(compound) if compound else None
    if special is None and surname in SURNAME_READINGS:
        special = (SURNAME_READINGS[surname],)
    if special is not None and special != surname_readings[0]:
        surname_readings.insert(0, special)
    return [reading + given for reading in surname_readings]


@lru_cache(maxsize=65_536)
def _pinyin(text: str) -> Syllables:
    # Imported on first use: loading pypinyin's dictionaries takes 0.3 s, which every start
    # paid before its window although only enrolment and search-key building read pinyin.
    from pypinyin import Style, lazy_pinyin

    return tuple(lazy_pinyin(text, style=Style.NORMAL, v_to_u=False, errors="ignore"))


def reading(char: str) -> str:
    """The common pinyin of one character, without tone."""
    return "".join(_pinyin(char))
