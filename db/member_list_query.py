"""The member list read on one session: tiers and renewal offers for resolving a filter,
then counts, pages and streams (``db.member_list``)."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy.orm import Session, sessionmaker

from app.domain.member_list import Criteria, ListRow, PageRow, Plan, Position, Sort, TierName
from app.domain.renewal import RenewalOffer
from app.domain.stores import Store
from db import member_list as store
from db import programme_rows, queries
from db import stores as store_rows
from db.loyalty_rules import renewal_offers_from_rows


class SqlMemberListReader:
    """``with SqlMemberListReader(sessions) as reader: ...``; used once, by one thread."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        self._session: Session | None = None

    def __enter__(self) -> SqlMemberListReader:
        if self._session is not None:
            raise RuntimeError("a reader is used once: open a new one")
        self._session = self._sessions()
        return self

    def __exit__(self, *exc_info: object) -> None:
        assert self._session is not None
        self._session.close()

    def tier_names(self) -> dict[int, TierName]:
        return {
            row.id: TierName(row.code, row.rank, row.name_zh, row.name_en)
            for row in queries.tiers(self._opened())  # by rank
        }

    def renewal_offers(self) -> tuple[RenewalOffer, ...]:
        """Through the till's own mapping (``db.loyalty_rules``), every field carried."""
        return renewal_offers_from_rows(programme_rows.renewal_offers(self._opened()))

    def stores(self) -> tuple[Store, ...]:
        return tuple(store_rows.stores(self._opened()))

    def count(self, criteria: Criteria, cap: int | None) -> tuple[int, bool]:
        return store.count(self._opened().connection(), criteria, cap)

    def page(
        self, criteria: Criteria, sort: Sort, after: Position | None, limit: int, plan: Plan
    ) -> list[PageRow]:
        return store.page(self._opened().connection(), criteria, sort, after, limit, plan)

    def stream(self, criteria: Criteria, sort: Sort, plan: Plan) -> Iterator[ListRow]:
        return store.stream(self._opened().connection(), criteria, sort, plan)

    def _opened(self) -> Session:
        assert self._session is not None, "read inside 'with'"
        return self._session
