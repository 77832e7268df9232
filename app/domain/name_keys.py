"""Search keys for a member's name: the name itself, pinyin initials and full pinyin.

Cashiers find 张三 by typing ``张``, ``zs`` or ``zhangs``. Surnames are often read
unlike the character's common reading (单 is Shàn, 曾 Zēng, 解 Xiè, 区 Ōu), and a
cashier may type either reading, so a name gets keys for both; a given-name character
with a second common reading (乐 lè/yuè, 行 xíng/háng) gets both too, at most
``MAX_GIVEN_READINGS`` spellings per name part. Keys are lowercase, without spaces or
tone marks, and ``ü`` is indexed both as ``v`` (how pinyin input methods take it) and as
``u``.

Traditional characters are keyed by their simplified form as well (OpenCC's character
table), and typed queries are simplified the same way, so 張偉 and 张伟 find each other.
Every part of a name after a separator (space, ``·``, dashes) or where Chinese meets
another script is a key of its own, with its own pinyin: ``阿依古丽·买买提`` is found by
``买买提`` and ``mmt``, ``张伟 David`` by ``david``. Characters with no reading (emoji,
rare CJK) stay in the name keys, so the name is still found by what it is written with.
"""

from __future__ import annotations

import enum
import itertools
import re
import unicodedata
from functools import lru_cache

MAX_KEY_LENGTH = 64
MAX_GIVEN_READINGS = 4
KEYS_VERSION = "2"
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

_SEPARATOR_CHARS = " \t·・･•.'’-_\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d\ufe63"
_SEPARATORS = str.maketrans("", "", _SEPARATOR_CHARS)
_SPLIT = re.compile(f"[\\s{re.escape(_SEPARATOR_CHARS)}]+")
_HAN_RANGES = (
    ("\u3007", "\u3007"),  # 〇, the zero written in names and dates
    ("\u3400", "\u4dbf"),
    ("\u4e00", "\u9fff"),
    ("\uf900", "\ufaff"),
    ("\U00020000", "\U0003134f"),
    ("\U00031350", "\U000323af"),
)


def fold(text: str) -> str:
    """What keys and typed queries are compared as: casefolded, no accents, no spaces.

    ``José`` is found by ``jose`` and full-width ``ＺＳ`` by ``zs``.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", bare).casefold().translate(_SEPARATORS)


def is_han(char: str) -> bool:
    if "\u4e00" <= char <= "\u9fff":  # the common table: nearly every name
        return True
    return char > "\u3006" and any(low <= char <= high for low, high in _HAN_RANGES)


def simplified(text: str) -> str:
    """``text`` with each traditional character in its simplified form (张偉 -> 张伟).

    Character by character, not by phrase, so the start of a name converts exactly as
    the start of its key does.
    """
    if text.isascii():
        return text
    return "".join(_simplified_char(c) for c in text)


@lru_cache(maxsize=65_536)
def _simplified_char(char: str) -> str:
    return (_converter().convert(char) or char) if is_han(char) else char


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]  # opencc loads its tables on first use
    import opencc

    return opencc.OpenCC("t2s")


def name_keys(name: str) -> frozenset[tuple[KeyKind, str]]:
    """Every key a member with this name is found by (prefix search on each)."""
    folded = fold(name)[:MAX_KEY_LENGTH]
    if not folded:
        return frozenset()
    keys: set[tuple[KeyKind, str]] = {(KeyKind.NAME, folded)}
    parts = name_parts(name)
    for start in range(1, len(parts)):  # "Emily Chen" is also found by "chen"
        rest = "".join(parts[start:])[:MAX_KEY_LENGTH]
        keys.update({(KeyKind.NAME, rest), (KeyKind.NAME, simplified(rest))})
    whole = simplified(folded)
    keys.add((KeyKind.NAME, whole))
    if all(is_han(c) for c in folded):  # the whole name read as one, surname first
        keys.update(_pinyin_keys(_readings(whole, with_surname=True)))
    han = [simplified(part) for part in parts if is_han(part[0])]
    for index, part in enumerate(han):
        if part != whole:  # a name of one part was read just above
            keys.update(_pinyin_keys(_readings(part, with_surname=index == 0)))
    return frozenset(keys)


def name_parts(name: str) -> list[str]:
    """The folded parts of a name: split at separators and where Chinese meets another
    script (``张伟David`` -> ``张伟``, ``david``)."""
    parts: list[str] = []
    for piece in _SPLIT.split(unicodedata.normalize("NFKC", name)):
        for _, run in itertools.groupby(piece, key=is_han):
            part = fold("".join(run))
            if part:
                parts.append(part)
    return parts


def _pinyin_keys(readings: list[Syllables]) -> set[tuple[KeyKind, str]]:
    keys: set[tuple[KeyKind, str]] = set()
    for syllables in readings:
        if not syllables:  # a rare character pypinyin has no reading for
            continue
        keys.add((KeyKind.INITIALS, "".join(s[0] for s in syllables)[:MAX_KEY_LENGTH]))
        full = "".join(syllables)[:MAX_KEY_LENGTH]
        keys.add((KeyKind.PINYIN, full))
        if "v" in full:
            keys.add((KeyKind.PINYIN, full.replace("v", "u")))
    return keys


def _readings(name: str, with_surname: bool) -> list[Syllables]:
    """The name read with the surname's surname reading and with its common reading,
    then each given-name spelling (``_given_readings``)."""
    if not with_surname:
        return list(_given_readings(name))
    compound = name[:2] if name[:2] in COMPOUND_SURNAMES else ""
    surname = compound or name[0]
    given = _given_readings(name[len(surname) :]) if len(name) > len(surname) else ((),)
    surname_readings = [_pinyin(surname)]
    special = COMPOUND_SURNAMES.get(compound) if compound else None
    if special is None and surname in SURNAME_READINGS:
        special = (SURNAME_READINGS[surname],)
    if special is not None and special != surname_readings[0]:
        surname_readings.insert(0, special)
    return [reading + spelling for reading in surname_readings for spelling in given]


@lru_cache(maxsize=65_536)
def _given_readings(given: str) -> tuple[Syllables, ...]:
    """The given name's reading in context first, then with a character's second common
    reading instead; ``MAX_GIVEN_READINGS`` spellings at most."""
    usual = _pinyin(given)
    if len(usual) != len(given):  # a character without a reading: no alternatives
        return (usual,)
    choices = [
        (syllable, *_second_reading(char, syllable))
        for char, syllable in zip(given, usual, strict=True)
    ]
    return tuple(itertools.islice(itertools.product(*choices), MAX_GIVEN_READINGS))


@lru_cache(maxsize=65_536)
def _second_reading(char: str, usual: str) -> tuple[str, ...]:
    from pypinyin import Style, pinyin

    readings = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    common = readings[0][:2] if readings else []
    return tuple(r for r in common if r != usual)[:1]


@lru_cache(maxsize=65_536)
def _pinyin(text: str) -> Syllables:
    # Imported on first use: loading pypinyin's dictionaries takes 0.3 s, which every start
    # paid before its window although only enrolment and search-key building read pinyin.
    from pypinyin import Style, lazy_pinyin

    return tuple(lazy_pinyin(text, style=Style.NORMAL, v_to_u=False, errors="ignore"))


def reading(char: str) -> str:
    """The common pinyin of one character, without tone."""
    return "".join(_pinyin(char))
