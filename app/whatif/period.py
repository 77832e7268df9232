"""A period to replay, as read from the database (``app/whatif/run.py``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.domain.recorded_orders import RecordedMember, RecordedOrder, RuleChange
from app.domain.tiers import Tier


@dataclass(frozen=True)
class Period:
    """What the replay reads: the period's orders in time order, their members, the
    tiers as recorded (by id), and the rule changes made since the period began."""

    orders: Sequence[RecordedOrder]
    members: Mapping[int, RecordedMember]
    recorded_tiers: Mapping[int, Tier]
    rule_changes: Sequence[RuleChange] = ()
