"""What the anniversary tier review reads: whose anniversary falls on a day, and whether
their tier was set by hand since the last one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import ColumnElement, extract, or_, select
from sqlalchemy.orm import Session

from app.domain.members import MemberId
from app.domain.qualification import Standing
from app.domain.tiers import TierId
from db.models import MemberRow, TierChangeRow


class SqlAnniversaries:
    def __init__(self, session: Session) -> None:
        self._session = session

    def due(self, day: date, tier_ids: Sequence[TierId]) -> list[MemberId]:
        """Members in ``tier_ids`` whose joining day has its anniversary on ``day``."""
        same_day: ColumnElement[bool] = (extract("month", MemberRow.joined_on) == day.month) & (
            extract("day", MemberRow.joined_on) == day.day
        )
        if (day.month, day.day) == (2, 28) and not _is_leap(day.year):
            leap_born = (extract("month", MemberRow.joined_on) == 2) & (
                extract("day", MemberRow.joined_on) == 29
            )
            same_day = or_(same_day, leap_born)  # 29 February joiners: 28 February
        query = select(MemberRow.id).where(
            same_day,
            MemberRow.joined_on < day,
            MemberRow.tier_id.in_(tier_ids),
            MemberRow.merged_into_id.is_(None),
        )
        return [MemberId(i) for i in self._session.scalars(query.order_by(MemberRow.id))]

    def standing(self, member_ids: Sequence[int]) -> list[Standing]:
        query = select(MemberRow.id, MemberRow.tier_id, MemberRow.joined_on).where(
            MemberRow.id.in_(member_ids)
        )
        return [Standing(*row) for row in self._session.execute(query.order_by(MemberRow.id))]

    def overridden_since(self, member_id: MemberId, since: date) -> bool:
        query = select(TierChangeRow.id).where(
            TierChangeRow.member_id == member_id,
            TierChangeRow.reason == "override",
            TierChangeRow.at >= datetime.combine(since, datetime.min.time()),
        )
        return self._session.scalar(query.limit(1)) is not None


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
