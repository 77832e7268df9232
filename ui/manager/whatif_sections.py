"""A replay's results as titled tables in the UI language: the same tables fill the
What-if tab and its PDF and CSV exports (``app.exports``), so the two never differ."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from app.exports.model import Cell, Column, ColumnKind
from app.whatif.figures import NO_SEGMENT, NO_STORE, SCALARS, Comparison, Figures, Slice
from app.whatif.report import MONEY
from ui.segment_names import SegmentNames

MONEY_KIND, COUNT = ColumnKind.MONEY, ColumnKind.INTEGER


translate = QCoreApplication.translate


@dataclass(frozen=True)
class Section:
    name: str
    """Stable, for tests and object names: ``summary``, ``tiers``, ..."""
    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Cell]]


def figure_labels() -> dict[str, str]:
    return {
        "orders": translate("WhatIf", "Orders replayed"),
        "discount_cost": translate("WhatIf", "Discount cost"),
        "tier_discount": translate("WhatIf", "  of which tier discounts"),
        "offer_discount": translate("WhatIf", "  of which offers and coupons"),
        "points_issued": translate("WhatIf", "Points issued"),
        "points_liability": translate("WhatIf", "Points liability"),
        "stored_value_bonus": translate("WhatIf", "Stored-value bonus"),
        "renewal_income": translate("WhatIf", "Renewal income"),
        "upgrade_income": translate("WhatIf", "Upgrade income"),
        "tier_ups": translate("WhatIf", "Tier upgrades by spend"),
    }


def sections(comparison: Comparison, tier_names: Mapping[str, str]) -> list[Section]:
    """Per store only where the period's orders were sold in more than one."""

    def tier_name(key: str) -> str:
        return tier_names.get(key, translate("WhatIf", "Guests") if key == "guest" else key)

    def store_name(key: str) -> str:
        return translate("WhatIf", "No store recorded") if key == NO_STORE else key

    parts = [
        _summary(comparison),
        _sliced("tiers", translate("WhatIf", "By tier"), translate("WhatIf", "Tier"),
                comparison, "by_tier", tier_name),
        _sliced("segments", translate("WhatIf", "By segment"), translate("WhatIf", "Segment"),
                comparison, "by_segment", _segment_name),
    ]  # fmt: skip
    if len(comparison.current.by_store) > 1:
        parts.append(
            _sliced(
                "stores",
                translate("WhatIf", "By store"),
                translate("WhatIf", "Store"),
                comparison,
                "by_store",
                store_name,
            )
        )
    return [*parts, _moves(comparison, tier_names), _missed(comparison)]


def _summary(comparison: Comparison) -> Section:
    labels = figure_labels()
    rows: list[list[Cell]] = []
    for name in SCALARS:
        now, then = getattr(comparison.current, name), getattr(comparison.draft, name)
        rows.append([labels[name], now, then, then - now])
    columns = [
        Column("figure", translate("WhatIf", "Figure"), width=2.5),
        Column("current", translate("WhatIf", "Current rules")),
        Column("draft", translate("WhatIf", "Draft")),
        Column("delta", translate("WhatIf", "Difference")),
    ]
    return Section("summary", translate("WhatIf", "Side by side"), columns, rows)


def kind_of(section: Section, row: int, column: int) -> ColumnKind:
    """A cell's kind; in the summary the money rows hold money in every number column."""
    if section.name == "summary" and column > 0:
        return MONEY_KIND if SCALARS[row] in MONEY else COUNT
    return section.columns[column].kind


def _segment_name(key: str) -> str:
    if key == "guest":
        return translate("WhatIf", "Guests")
    if key == NO_SEGMENT:
        return translate("WhatIf", "No segment")
    return SegmentNames().of(key)


def _sliced(
    name: str,
    title: str,
    key_title: str,
    comparison: Comparison,
    attribute: str,
    shown: Callable[[str], str],
) -> Section:
    current: dict[str, Slice] = getattr(comparison.current, attribute)
    draft: dict[str, Slice] = getattr(comparison.draft, attribute)
    empty = Slice()
    rows: list[list[Cell]] = []
    for key in sorted(set(current) | set(draft)):
        now, then = current.get(key, empty), draft.get(key, empty)
        rows.append(
            [
                shown(key),
                now.orders,
                now.discount_cost,
                then.discount_cost,
                then.discount_cost - now.discount_cost,
                now.points_issued,
                then.points_issued,
                then.points_issued - now.points_issued,
            ]
        )
    columns = [
        Column("key", key_title, width=1.6),
        Column("orders", translate("WhatIf", "Orders"), COUNT),
        Column("discount_current", translate("WhatIf", "Discount (current)"), MONEY_KIND),
        Column("discount_draft", translate("WhatIf", "Discount (draft)"), MONEY_KIND),
        Column("discount_delta", translate("WhatIf", "Discount difference"), MONEY_KIND),
        Column("points_current", translate("WhatIf", "Points (current)"), COUNT),
        Column("points_draft", translate("WhatIf", "Points (draft)"), COUNT),
        Column("points_delta", translate("WhatIf", "Points difference"), COUNT),
    ]
    return Section(name, title, columns, rows)


def _moves(comparison: Comparison, tier_names: Mapping[str, str]) -> Section:
    up, down = translate("WhatIf", "Up"), translate("WhatIf", "Down")
    rows: list[list[Cell]] = [
        [
            move.member_no,
            move.name,
            tier_names.get(move.current_tier, move.current_tier),
            tier_names.get(move.draft_tier, move.draft_tier),
            up if move.direction == "up" else down,
        ]
        for move in comparison.tier_moves
    ]
    columns = [
        Column("member_no", translate("WhatIf", "Member no")),
        Column("name", translate("WhatIf", "Name")),
        Column("current_tier", translate("WhatIf", "Tier now")),
        Column("draft_tier", translate("WhatIf", "Tier under draft")),
        Column("direction", translate("WhatIf", "Moves")),
    ]
    return Section("moves", translate("WhatIf", "Tier changes"), columns, rows)


def _missed(comparison: Comparison) -> Section:
    rows: list[list[Cell]] = [
        [item.order_no, item.reason, item.differences] for item in comparison.not_reproduced
    ]
    columns = [
        Column("order_no", translate("WhatIf", "Order")),
        Column("reason", translate("WhatIf", "Why"), width=2.0),
        Column("differences", translate("WhatIf", "Replayed and recorded"), width=3.0),
    ]
    return Section("missed", translate("WhatIf", "Orders not reproduced"), columns, rows)


def chart_values(figures: Figures) -> list[float]:
    """The chart's bars in yuan: discount cost, points liability, stored-value bonus,
    renewal income, upgrade income."""
    return [
        value / 100
        for value in (
            figures.discount_cost,
            figures.points_liability,
            figures.stored_value_bonus,
            figures.renewal_income,
            figures.upgrade_income,
        )
    ]


def chart_labels() -> list[str]:
    return [
        translate("WhatIf", "Discount cost"),
        translate("WhatIf", "Points liability"),
        translate("WhatIf", "Stored-value bonus"),
        translate("WhatIf", "Renewal income"),
        translate("WhatIf", "Upgrade income"),
    ]
