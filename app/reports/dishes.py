"""The dishes report: what guests eat, by daypart, weekday, tier or segment; the dishes
ordered together; and the dishes members stop ordering.

Three tables, every figure from ``db.reports.dishes`` (SQL aggregates) through the pure
rules of ``app.domain.dishes``:

- **Top dishes**: the ``top`` dishes of each group by revenue, with quantity, orders and
  their share of the group's revenue. By tier, the tier the guest had when they ordered;
  by segment, the member's segment now (members who declined automated decisions form a
  row of their own, never split).
- **Ordered together**: the pairs on at least ``MIN_TOGETHER`` orders, most frequent first,
  with confidence and lift (``app.domain.dishes``).
- **Dishes members stop ordering**: a regular of a dish ordered it on at least
  ``MIN_REGULAR_ORDERS`` orders in the window of the same length just before this one; of
  the regulars who came again in this window, the share who did not order it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta

from sqlalchemy.orm import Session

from app.domain.behaviour import daypart_starts
from app.domain.dishes import (
    Dropped,
    Pair,
    most_dropped,
    percent,
    strongest_pairs,
    times,
    top_per_group,
)
from app.domain.member_story import Daypart
from app.domain.rfm import Segment
from app.exports import Cell, Column, ColumnKind, Table
from app.exports.model import Language
from app.reports.model import (
    ParamKind,
    ParamValue,
    ReportContext,
    ReportParam,
    ReportParamError,
    ReportSpec,
    as_date,
    as_int,
    fixed_param,
    listed_table,
)
from app.reports.scope import REGION, STORE, store_ids
from app.reports.text import maybe_text, text
from db.reports import dishes as store

DEFAULT_DAYS = 90
MIN_TOGETHER = 3
MIN_REGULAR_ORDERS = 2
MIN_CAME_BACK = 3
PAIRS_PER_TOP = 2
"""The pairs table lists twice as many rows as each group's top."""
WEEKDAYS = ("wd_0", "wd_1", "wd_2", "wd_3", "wd_4", "wd_5", "wd_6")
"""Sunday first, as SQLite's ``%w`` and PostgreSQL's ``dow`` count."""

PARAMS = (
    ReportParam(
        "from",
        text("from", "zh"),
        text("from", "en"),
        ParamKind.DATE,
        lambda context: context.today - timedelta(days=DEFAULT_DAYS - 1),
    ),
    ReportParam("to", text("to", "zh"), text("to", "en"), ParamKind.DATE, lambda c: c.today),
    fixed_param("by", ParamKind.CHOICE, store.BY_ALL, "dish_by", choices=store.GROUPINGS),
    fixed_param("top", ParamKind.INTEGER, 10, "dish_top", minimum=1),
    STORE,
    REGION,
)


def build(
    session: Session, values: Mapping[str, ParamValue], context: ReportContext
) -> Sequence[Table]:
    first, last = as_date(values["from"]), as_date(values["to"])
    if first > last:
        raise ReportParamError(f"--from {first} is after --to {last}")
    window = store.Window(first, last, store_ids(session, values))
    top, by, language = as_int(values["top"]), str(values["by"]), context.language
    starts = [(start.strftime("%H:%M:%S"), part.value) for start, part in daypart_starts()]
    names = _GroupNames(session, by, language)

    def t(key: str) -> str:
        return text(key, language)

    def table(key: str, columns: Sequence[Column], rows: list[Sequence[Cell]]) -> Table:
        return listed_table(t(key), columns, rows, context)

    dish = Column("dish", t("dish"), width=2.0)
    orders = Column("orders", t("orders"), ColumnKind.INTEGER)
    ranked = sorted(
        top_per_group(store.top_dishes(session, window, by, starts), top),
        key=lambda line: names.order(line.dish.group),
    )
    total, sold = store.dish_orders(session, window)
    per_dish = {row.item_id: row for row in sold}
    pairs = strongest_pairs(
        [
            Pair(
                row.first_item,
                row.second_item,
                row.together,
                per_dish[row.first_item].orders,
                per_dish[row.second_item].orders,
                total,
            )
            for row in store.pairs(session, window, MIN_TOGETHER)
        ],
        PAIRS_PER_TOP * top,
    )
    dropped_rows = {row.item_id: row for row in store.dropped(session, window, MIN_REGULAR_ORDERS)}
    dropped = most_dropped(
        (Dropped(r.item_id, r.regulars, r.came_back, r.stopped) for r in dropped_rows.values()),
        top,
        MIN_CAME_BACK,
    )

    def name(item_id: int) -> str:
        row = per_dish.get(item_id) or dropped_rows[item_id]
        return _dish_name(row.name_zh, row.name_en, language)

    return (
        table(
            "dish_top_title",
            (
                Column("group", t("dish_group"), width=1.4),
                Column("rank", t("dish_rank"), ColumnKind.INTEGER, width=0.6),
                dish,
                Column("quantity", t("dish_quantity"), ColumnKind.INTEGER),
                orders,
                Column("revenue", t("dish_revenue"), ColumnKind.MONEY),
                Column("share", t("dish_share"), width=0.8),
            ),
            [
                (
                    names.of(line.dish.group),
                    line.rank,
                    _dish_name(line.dish.name_zh, line.dish.name_en, language),
                    line.dish.quantity,
                    line.dish.orders,
                    line.dish.revenue,
                    percent(line.share_bp),
                )
                for line in ranked
            ],
        ),
        table(
            "dish_pairs_title",
            (
                dish,
                Column("with", t("dish_with"), width=2.0),
                Column("together", t("dish_together"), ColumnKind.INTEGER),
                Column("confidence", t("dish_confidence"), width=1.2),
                Column("lift", t("dish_lift"), width=0.8),
            ),
            [
                (
                    name(pair.first),
                    name(pair.second),
                    pair.together,
                    percent(pair.confidence_bp),
                    times(pair.lift_hundredths),
                )
                for pair in pairs
            ],
        ),
        table(
            "dish_dropped_title",
            (
                dish,
                Column("regulars", t("dish_regulars"), ColumnKind.INTEGER),
                Column("came_back", t("dish_came_back"), ColumnKind.INTEGER),
                Column("stopped", t("dish_stopped"), ColumnKind.INTEGER),
                Column("stopped_share", t("dish_stopped_share"), width=0.8),
            ),
            [
                (name(d.item_id), d.regulars, d.came_back, d.stopped, percent(d.stopped_bp))
                for d in dropped
            ],
        ),
    )


def segment_text(segment: str, language: Language) -> str:
    """A segment's name (``""``: not segmented; ``not_profiled``: declined profiling)."""
    return maybe_text(f"seg_{segment or 'none'}", language, segment)


def _dish_name(name_zh: str, name_en: str, language: Language) -> str:
    return name_en or name_zh if language == "en" else name_zh or name_en


class _GroupNames:
    """A group's words (a daypart, a weekday, a tier's name, a segment) and its place:
    the day's order, Monday first, tiers by rank, segments best first, guests last."""

    def __init__(self, session: Session, by: str, language: Language) -> None:
        self._by, self._language = by, language
        self._tiers = (
            {
                str(tier_id): (name_en or name_zh if language == "en" else name_zh)
                for tier_id, name_zh, name_en in store.tier_names(session)
            }
            if by == store.BY_TIER
            else {}
        )
        places: list[str] = []
        if by == store.BY_TIER:
            places = list(self._tiers)
        elif by == store.BY_DAYPART:
            places = [part.value for part in Daypart]
        elif by == store.BY_WEEKDAY:
            places = [str(day % 7) for day in range(1, 8)]
        elif by == store.BY_SEGMENT:
            places = [segment.value for segment in Segment] + ["", store.NOT_PROFILED]
        self._places = {group: place for place, group in enumerate(places)}

    def order(self, group: str) -> tuple[int, str]:
        last = len(self._places) + (group == store.GUESTS)
        return self._places.get(group, last), group

    def of(self, group: str) -> str:
        language = self._language
        if group == store.GUESTS:
            return text("non_member", language)
        if self._by == store.BY_TIER:
            return self._tiers.get(group, group)
        if self._by == store.BY_WEEKDAY and group.isdigit():
            return text(WEEKDAYS[int(group) % 7], language)
        if self._by == store.BY_SEGMENT:
            return segment_text(group, language)
        if self._by == store.BY_ALL:
            return text("dish_all_orders", language)
        return maybe_text(f"dp_{group}", language, group)


DISHES = ReportSpec(
    name="dishes",
    title_zh=text("dish_title", "zh"),
    title_en=text("dish_title", "en"),
    params=PARAMS,
    build=build,
)
