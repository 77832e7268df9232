"""The member list as export tables (``app.exports``): the full CSV and the call list.

Words are here in both languages, as in ``app.reports.text``: app/ has no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime

from app.domain.member_filters import MemberFilter, Status
from app.domain.member_list import ListRow, TierName
from app.domain.money import format_money
from app.exports import Cell, Column, ColumnKind, Table
from app.exports.model import Language
from app.services.member_list_query import export_row

_TEXT: dict[str, dict[Language, str]] = {
    "export_title": {"zh": "会员名单", "en": "Member list"},
    "marketing_title": {"zh": "会员名单（营销用）", "en": "Member list (for marketing)"},
    "call_title": {"zh": "回访电话名单", "en": "Call list"},
    "member_no": {"zh": "会员号", "en": "Member no"},
    "name": {"zh": "姓名", "en": "Name"},
    "phone": {"zh": "手机", "en": "Phone"},
    "tier": {"zh": "等级", "en": "Tier"},
    "segment": {"zh": "分群", "en": "Segment"},
    "joined": {"zh": "入会日", "en": "Joined"},
    "expires": {"zh": "到期日", "en": "Expires"},
    "last_visit": {"zh": "最近到店", "en": "Last visit"},
    "visits": {"zh": "到店次数", "en": "Visits"},
    "spend": {"zh": "累计消费", "en": "Spend"},
    "value": {"zh": "价值", "en": "Value"},
    "birthday": {"zh": "生日", "en": "Birthday"},
    "consent": {"zh": "营销同意", "en": "Marketing consent"},
    "outcome": {"zh": "通话结果", "en": "Outcome"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    "erased": {"zh": "（已删除）", "en": "(erased)"},
    "all_members": {"zh": "全部会员", "en": "All members"},
    "consent_only": {"zh": "仅同意营销者", "en": "marketing consent only"},
    "birthday_month": {"zh": "本月生日", "en": "birthday this month"},
    "text": {"zh": "搜索“{text}”", "en": "search “{text}”"},
    Status.ACTIVE.value: {"zh": "有效会员", "en": "active"},
    Status.EXPIRING.value: {"zh": "{days} 天内到期", "en": "expiring within {days} days"},
    Status.IN_GRACE.value: {"zh": "宽限期内", "en": "in grace"},
    Status.LAPSED.value: {"zh": "已流失", "en": "lapsed"},
    "visit_before": {"zh": "最近到店早于 {day}", "en": "last visit before {day}"},
    "visit_after": {"zh": "最近到店晚于 {day}", "en": "last visit after {day}"},
    "spend_range": {"zh": "消费 {low}–{high}", "en": "spend {low}–{high}"},
}
_SEPARATOR: dict[Language, str] = {"zh": "；", "en": " · "}


def text(key: str, language: Language, **values: object) -> str:
    return _TEXT[key][language].format(**values)


def describe(f: MemberFilter, tiers: Mapping[int, TierName], language: Language) -> str:
    """The filter in a line, for an export's subtitle: ``Gold, Platinum · expiring …``."""
    parts: list[str] = []
    if f.tiers:
        names = sorted((t for t in tiers.values() if t.code in f.tiers), key=lambda t: t.rank)
        parts.append(", ".join(_tier_name(t, language) for t in names) or "-")
    if f.status is not Status.ANY:
        parts.append(text(f.status.value, language, days=f.expiring_days))
    if f.segments:
        parts.append(", ".join(sorted(f.segments)))
    if f.last_visit_before is not None:
        parts.append(text("visit_before", language, day=f.last_visit_before.isoformat()))
    if f.last_visit_after is not None:
        parts.append(text("visit_after", language, day=f.last_visit_after.isoformat()))
    if f.min_spend is not None or f.max_spend is not None:
        low = "" if f.min_spend is None else format_money(f.min_spend)
        high = "" if f.max_spend is None else format_money(f.max_spend)
        parts.append(text("spend_range", language, low=low, high=high))
    if f.birthday_this_month:
        parts.append(text("birthday_month", language))
    if f.marketing_only:
        parts.append(text("consent_only", language))
    if f.text:
        parts.append(text("text", language, text=f.text))
    return _SEPARATOR[language].join(parts) or text("all_members", language)


def _tier_name(tier: TierName, language: Language) -> str:
    return tier.name_zh if language == "zh" else tier.name_en


def _columns(keys: Sequence[tuple[str, ColumnKind, float]], language: Language) -> list[Column]:
    return [Column(key, text(key, language), kind, width) for key, kind, width in keys]


ColumnSpec = tuple[tuple[str, ColumnKind, float], ...]

_FULL: ColumnSpec = (
    ("member_no", ColumnKind.TEXT, 1.1),
    ("name", ColumnKind.TEXT, 1.3),
    ("phone", ColumnKind.TEXT, 1.3),
    ("tier", ColumnKind.TEXT, 1.0),
    ("segment", ColumnKind.TEXT, 1.0),
    ("joined", ColumnKind.DATE, 1.0),
    ("expires", ColumnKind.DATE, 1.0),
    ("last_visit", ColumnKind.DATE, 1.0),
    ("visits", ColumnKind.INTEGER, 0.7),
    ("spend", ColumnKind.MONEY, 1.0),
    ("value", ColumnKind.MONEY, 1.0),
    ("birthday", ColumnKind.DATE, 1.0),
    ("consent", ColumnKind.TEXT, 0.8),
)
_CALL: ColumnSpec = (
    ("member_no", ColumnKind.TEXT, 1.0),
    ("name", ColumnKind.TEXT, 1.2),
    ("phone", ColumnKind.TEXT, 1.2),
    ("tier", ColumnKind.TEXT, 0.8),
    ("expires", ColumnKind.DATE, 0.9),
    ("last_visit", ColumnKind.DATE, 0.9),
    ("visits", ColumnKind.INTEGER, 0.6),
    ("outcome", ColumnKind.TEXT, 2.4),
)


def member_table(
    rows: Iterable[ListRow],
    *,
    call_list: bool,
    marketing: bool,
    subtitle: str,
    tiers: Mapping[int, TierName],
    expected: int | None,
    at: datetime,
    by: str,
    language: Language,
) -> Table:
    """The CSV export (every column) or the call list (who to call, room for the outcome)."""
    if call_list:
        title, keys = text("call_title", language), _CALL
    else:
        title = text("marketing_title" if marketing else "export_title", language)
        keys = _FULL
    cells = _call_cells if call_list else _full_cells
    return Table(
        title=title,
        subtitle=subtitle,
        columns=_columns(keys, language),
        rows=(cells(export_row(row), tiers, language) for row in rows),
        expected_rows=expected,
        generated_at=at,
        generated_by=by,
        language=language,
    )


def _name(row: ListRow, language: Language) -> str:
    return text("erased", language) if row.erased_at is not None else row.name


def _full_cells(row: ListRow, tiers: Mapping[int, TierName], language: Language) -> list[Cell]:
    return [
        row.member_no,
        _name(row, language),
        row.phone,
        _tier_name(tiers[row.tier_id], language),
        row.segment,
        row.joined_on,
        row.expires_on,
        row.last_visit_on,
        row.visits,
        row.spend_fen,
        row.value_fen,
        row.birthday,
        text("yes" if row.marketing_consent else "no", language),
    ]


def _call_cells(row: ListRow, tiers: Mapping[int, TierName], language: Language) -> list[Cell]:
    return [
        row.member_no,
        _name(row, language),
        row.phone,
        _tier_name(tiers[row.tier_id], language),
        row.expires_on,
        row.last_visit_on,
        row.visits,
        "",
    ]


def counted(rows: Iterable[ListRow], tally: list[int]) -> Iterator[ListRow]:
    """``rows``, adding one to ``tally[0]`` per row read: what an audit reports when an
    export stops half-way."""
    for row in rows:
        tally[0] += 1
        yield row
