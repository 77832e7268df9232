"""What a receipt printer's font prints, how it is sent and how many columns it takes.

One owner for three rules that must agree, or the slip's columns drift:

- **Encoding** (``single_byte``): ASCII and the symbols code page 437 holds (``¥``,
  ``é``, ``·``) go out as one byte; everything else goes out in Chinese mode as GB18030.
- **Width** (``char_width``): a single byte prints one column; in Chinese mode every
  multi-byte code prints two, ``×``, curly quotes, ``…`` and ``，`` included, whatever
  Unicode's East Asian Width says.
- **Coverage** (``FontCoverage``, ``printable``): what the printer's Chinese font has.
  The default, ``gb2312``, is the GB2312 zone of GB18030 (two-byte codes A1A1–F7FE: the
  6,763 common simplified characters and the symbols every thermal font carries, ``×``
  ``“”`` ``……`` ``·`` ``￥`` ``①`` ``℃`` ``→`` ``€``); ``gbk`` adds the rest of GBK, the
  two-byte codes of GB18030 before its 2005 additions (traditional characters, more
  symbols). A printer's URL names it (``?font=gbk``). Private-use codes (a font's
  user-defined area) are never taken as printable.

A character the font lacks is never sent raw (the printer would print garbage):
``printable`` replaces it, per user-perceived character, by the first that fits of

1. its compatibility form (``ﬁ`` -> ``fi``, ``㎏`` -> ``kg``),
2. its simplified form (``張`` -> ``张``, ``燒`` -> ``烧``; OpenCC),
3. for a Chinese character, its pinyin in brackets (``䶮`` -> ``[yan]``; pypinyin),
4. ``?`` (emoji, a rare character without a known reading, other scripts).

Zero-width marks (variation selectors, joiners) and control characters other than the
line feed are dropped.
"""

from __future__ import annotations

import enum
import functools
import unicodedata

FALLBACK = "?"


class FontCoverage(enum.Enum):
    GB2312 = "gb2312"
    GBK = "gbk"


DEFAULT_COVERAGE = FontCoverage.GB2312


@functools.lru_cache(maxsize=4096)
def single_byte(char: str) -> bytes | None:
    """The one byte ``char`` is sent as outside Chinese mode, or ``None``."""
    if char.isascii():
        return char.encode("ascii")
    try:
        return char.encode("cp437")
    except UnicodeEncodeError:
        return None


def char_width(char: str) -> int:
    """Printed columns: 1 for a single byte, 2 for a code sent in Chinese mode.

    Zero-width marks count 0 (``printable`` removes them before anything is printed).
    """
    if single_byte(char) is not None:
        return 1
    if _zero_width(char):
        return 0
    return 2


def display_width(text: str) -> int:
    return sum(char_width(c) for c in text)


@functools.lru_cache(maxsize=65536)
def in_font(char: str, coverage: FontCoverage = DEFAULT_COVERAGE) -> bool:
    """Whether the printer prints ``char`` (one code point) as itself."""
    if single_byte(char) is not None:
        return char.isprintable() or char == " "
    if unicodedata.category(char) == "Co":
        return False  # private use: GB18030 maps it into the user-defined rows AA-AF, F8-FE
    try:
        code = char.encode("gb18030")
    except UnicodeEncodeError:
        return False
    if len(code) != 2:
        return False  # four-byte codes: CJK extensions (𠮷 䶮), emoji, other scripts
    if coverage is FontCoverage.GBK:
        return _in_gbk(char)  # not the FE row's later additions (䶮 is FE9F)
    return 0xA1 <= code[0] <= 0xF7 and 0xA1 <= code[1] <= 0xFE


def printable(text: str, coverage: FontCoverage = DEFAULT_COVERAGE) -> str:
    """``text`` with every character the font lacks replaced (see the module docstring)."""
    text = unicodedata.normalize("NFC", text)
    if all(in_font(c, coverage) for c in text):
        return text
    from uniseg.graphemecluster import grapheme_clusters  # 25 ms: not at the till's start

    return "".join(_cluster(cluster, coverage) for cluster in grapheme_clusters(text))


def _cluster(cluster: str, coverage: FontCoverage) -> str:
    """One user-perceived character: itself, or one replacement for the whole of it
    (a family emoji joined from three pictures is one ``?``; a mark the font lacks goes)."""
    kept = "".join(c for c in cluster if c == "\n" or not (_zero_width(c) or _control(c)))
    if all(c == "\n" or in_font(c, coverage) for c in kept):
        return kept
    base = kept[0]
    return base if in_font(base, coverage) else _replacement(base, coverage)


def _replacement(char: str, coverage: FontCoverage) -> str:
    compatible = unicodedata.normalize("NFKC", char)
    if compatible != char and compatible and all(in_font(c, coverage) for c in compatible):
        return compatible
    simplified = _simplified(char)
    if simplified != char and all(in_font(c, coverage) for c in simplified):
        return simplified
    if _is_han(char):
        reading = _pinyin(char)
        if reading:
            return f"[{reading}]"
    return FALLBACK


def _zero_width(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me", "Cf") or 0xFE00 <= ord(char) <= 0xFE0F


def _in_gbk(char: str) -> bool:
    try:
        char.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def _control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"


def _is_han(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK ")


@functools.cache
def _converter() -> object:
    import opencc  # 5 ms to load its tables: only when a slip has a character to replace

    return opencc.OpenCC("t2s")


def _simplified(char: str) -> str:
    return str(_converter().convert(char))  # type: ignore[attr-defined]


def _pinyin(char: str) -> str:
    from pypinyin import lazy_pinyin

    readings = lazy_pinyin(char, errors="ignore")
    return readings[0] if readings and readings[0].isascii() else ""
