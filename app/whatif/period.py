"""A period to replay, as read from the database (``app/whatif/run.py``), and the periods
the workspace offers (last month, last quarter)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.domain.recorded_orders import RecordedMember, RecordedOrder, RuleChange
from app.domain.tiers import Tier


@dataclass(frozen=True)
class Period:
    """What the replay reads: the period's orders in time order, their members, the
    tiers as recorded (by id), the rule changes made since the period began and the
    stores' names."""

    orders: Sequence[RecordedOrder]
    members: Mapping[int, RecordedMember]
    recorded_tiers: Mapping[int, Tier]
    rule_changes: Sequence[RuleChange] = ()
    store_names: Mapping[int, str] = field(default_factory=dict)
    """Each store's name by id, for the figures per store."""


def last_month(today: date) -> tuple[date, date]:
    """The calendar month before ``today``'s: first and last day."""
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def last_quarter(today: date) -> tuple[date, date]:
    """The calendar quarter (Jan-Mar, Apr-Jun, ...) before ``today``'s."""
    start_month = 3 * ((today.month - 1) // 3) + 1
    end = date(today.year, start_month, 1) - timedelta(days=1)
    return date(end.year, end.month - 2, 1), end
