"""Read a menu from a CSV file: categories, items, prices in yuan, availability, allergens.

Pure: bytes in, lines and bad rows out, read by ``app.setup.csv_text``. Headers
are English or Chinese; every bad row is kept with its line number and the reason, so a
person can fix the file in one go. The allergens cell lists codes or Chinese/English
names separated by ``;``, ``、`` or ``|`` (``app.menu_admin.allergens``); whatever else it
says becomes the item's allergen note.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.menu_lines import MenuLine
from app.domain.money import parse_money
from app.domain.row_notes import RowNote
from app.menu_admin.allergens import read_allergens
from app.menu_admin.service import MAX_NOTE
from app.setup.csv_text import UnreadableCsv, decode, numbered_rows

MAX_NAME = 64  # the menu name columns' width
MAX_PRICE = 10_000_000  # ¥100,000: a larger price is a typing mistake

COLUMNS = {
    "category": ("category", "分类"),
    "category_en": ("category_en", "分类英文"),
    "item": ("item", "菜品"),
    "item_en": ("item_en", "菜品英文"),
    "price": ("price", "价格"),
    "available": ("available", "供应"),
    "allergens": ("allergens", "过敏原"),
}
REQUIRED = ("category", "item", "price")
YES = {"", "1", "yes", "y", "true", "是", "有"}
NO = {"0", "no", "n", "false", "否", "无", "售罄"}


@dataclass(frozen=True)
class BadRow:
    line: int
    reason: str
    note: RowNote | None = None
    """The reason as a kind and values, where the file's reader gives one (members)."""

    @classmethod
    def noted(cls, line: int, note: RowNote) -> BadRow:
        return cls(line, str(note), note)

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass(frozen=True)
class ParsedMenu:
    encoding: str
    lines: tuple[MenuLine, ...]
    bad_rows: tuple[BadRow, ...]


UnreadableMenu = UnreadableCsv
"""The file as a whole cannot be read (encoding, no header); ``str()`` says why."""


def parse_menu_csv(data: bytes) -> ParsedMenu:
    text, encoding = decode(data)
    if "\x00" in text:
        raise UnreadableMenu("the file holds NUL bytes: it is not a CSV text file")
    rows = numbered_rows(text)
    first = next(rows, None)
    if first is None:
        raise UnreadableMenu("the file is empty")
    where = _columns(first[1])
    lines: list[MenuLine] = []
    bad: list[BadRow] = []
    seen: dict[tuple[str, str], int] = {}
    for line, row in rows:
        try:
            parsed = _line(line, row, where)
        except ValueError as reason:
            bad.append(BadRow(line, str(reason)))
        else:
            key = (parsed.category, parsed.item)
            if key in seen:
                bad.append(BadRow(line, f"{parsed.item} is already on line {seen[key]}"))
            else:
                seen[key] = line
                lines.append(parsed)
    return ParsedMenu(encoding, tuple(lines), tuple(bad))


def _columns(header: list[str]) -> dict[str, int]:
    names = [cell.strip().lower() for cell in header]
    where = {
        key: names.index(alias)
        for key, aliases in COLUMNS.items()
        for alias in aliases
        if alias in names
    }
    missing = [key for key in REQUIRED if key not in where]
    if missing:
        raise UnreadableMenu(
            "the header row lacks the column(s) " + ", ".join(missing) + " (see the template)"
        )
    return where


def _line(line: int, row: list[str], where: dict[str, int]) -> MenuLine:
    def cell(key: str) -> str:
        index = where.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    category, item = cell("category"), cell("item")
    if not category:
        raise ValueError("the category is empty")
    if not item:
        raise ValueError("the item name is empty")
    for value in (category, cell("category_en"), item, cell("item_en")):
        if len(value) > MAX_NAME:
            raise ValueError(f"a name is longer than {MAX_NAME} characters: {value[:20]}…")
    try:
        price = parse_money(cell("price"))
    except ValueError as error:
        raise ValueError(f"the price: {error}") from None
    if not 0 <= price <= MAX_PRICE:
        raise ValueError("the price is from ¥0.00 to ¥100,000.00")
    available = cell("available").lower()
    if available not in YES | NO:
        raise ValueError(f"available is yes or no, not {available!r}")
    allergens, note = read_allergens(cell("allergens"))
    if len(note) > MAX_NOTE:
        raise ValueError(f"the allergens say more than {MAX_NOTE} characters")
    return MenuLine(
        line=line,
        category=category,
        category_en=cell("category_en") or category,
        item=item,
        item_en=cell("item_en") or item,
        price=price,
        available=available in YES,
        allergens=allergens,
        allergen_note=note,
    )
