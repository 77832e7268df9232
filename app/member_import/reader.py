"""Read a member export: columns found by their header (Chinese or English, or as a
mapping file says), each row checked, duplicates inside the file reported."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from app.domain.imported_members import FIELDS, REQUIRED, ImportedMember, Tiers, imported_member
from app.domain.row_notes import RowIssue, RowNote, RowRefused
from app.setup.csv_text import UnreadableCsv, decode, numbered_rows
from app.setup.menu_csv import BadRow

HEADERS = {
    "phone": ("phone", "mobile", "手机号", "手机", "手机号码", "电话"),
    "name": ("name", "姓名", "会员姓名"),
    "birthday": ("birthday", "生日", "出生日期"),
    "card": ("card", "card_no", "卡号", "会员卡号"),
    "stored_value": ("stored_value", "balance", "余额", "储值余额"),
    "points": ("points", "积分"),
    "tier": ("tier", "level", "等级", "会员等级"),
    "expires_on": ("expiry", "expires_on", "到期日", "有效期"),
    "gender": ("gender", "sex", "性别"),
    "allergies": ("allergies", "过敏", "过敏原"),
    "notes": ("notes", "备注"),
}


@dataclass(frozen=True)
class MemberFile:
    encoding: str
    rows: int
    members: tuple[ImportedMember, ...]
    bad_rows: tuple[BadRow, ...]


def read_mapping(text: str) -> dict[str, str]:
    """A mapping file: a JSON object ``{"header": "field"}`` or ``header=field`` lines."""
    if text.lstrip().startswith("{"):
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as error:
            raise UnreadableCsv(f"the mapping file is not valid JSON: {error.msg}") from None
        if not isinstance(loaded, dict) or not all(isinstance(v, str) for v in loaded.values()):
            raise UnreadableCsv('the mapping file is one JSON object of "header": "field"')
        pairs = list(loaded.items())
    else:
        pairs = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            header, sep, field = line.rpartition("=")
            if not sep:
                raise UnreadableCsv(f"mapping line {number} is not header=field")
            pairs.append((header, field))
    mapping = {header.strip().casefold(): field.strip() for header, field in pairs}
    unknown = sorted({f for f in mapping.values() if f not in FIELDS and f != "ignore"})
    if unknown:
        raise UnreadableCsv(
            f"the mapping names unknown field(s) {', '.join(unknown)}; "
            f"fields are {', '.join(FIELDS)} or ignore"
        )
    return mapping


def read_members(
    data: bytes,
    tiers: Tiers,
    today: date,
    *,
    encoding: str | None = None,
    mapping: dict[str, str] | None = None,
) -> MemberFile:
    text, used = decode(data, encoding)
    rows = numbered_rows(text)
    first = next(rows, None)
    if first is None:
        raise UnreadableCsv("the file is empty")
    where = _columns(first[1], mapping or {})
    members: list[ImportedMember] = []
    bad: list[BadRow] = []
    phones: dict[str, int] = {}
    cards: dict[str, int] = {}
    count = 0
    for line, cells in _cells(rows, where):
        count += 1
        try:
            member = imported_member(line, cells, tiers, today)
        except RowRefused as refused:
            bad.append(BadRow.noted(line, refused.note))
            continue
        if member.phone in phones:
            twice = RowNote(RowIssue.PHONE_TWICE, (member.phone, str(phones[member.phone])))
            bad.append(BadRow.noted(line, twice))
        elif member.card and member.card in cards:
            twice = RowNote(RowIssue.CARD_TWICE, (member.card, str(cards[member.card])))
            bad.append(BadRow.noted(line, twice))
        else:
            phones[member.phone] = line
            if member.card:
                cards[member.card] = line
            members.append(member)
    return MemberFile(used, count, tuple(members), tuple(bad))


def _columns(header: list[str], mapping: dict[str, str]) -> dict[str, int]:
    where: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = cell.strip().casefold()
        field = mapping.get(name) or next(
            (key for key, aliases in HEADERS.items() if name in aliases), None
        )
        if field is not None and field != "ignore" and field not in where:
            where[field] = index
    missing = [field for field in REQUIRED if field not in where]
    if missing:
        raise UnreadableCsv(
            "the header row lacks the column(s) "
            + ", ".join(missing)
            + " (手机号/phone and 姓名/name; a --mapping file names other headers)"
        )
    return where


def _cells(
    rows: Iterator[tuple[int, list[str]]], where: dict[str, int]
) -> Iterator[tuple[int, dict[str, str]]]:
    for line, row in rows:
        yield line, {field: row[i] for field, i in where.items() if i < len(row)}
