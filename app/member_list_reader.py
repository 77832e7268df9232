"""The member list's read side: the port ``MemberListService`` reads members through
(``db.member_list_query.SqlMemberListReader`` runs it as SQL on one session)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Protocol

from app.domain.member_list import Criteria, ListRow, PageRow, Plan, Position, Sort, TierName
from app.domain.renewal import RenewalOffer
from app.domain.stores import Store


class MemberListReader(Protocol):
    """``with reader: ...``: what one user action reads, on one connection; used once."""

    def __enter__(self) -> MemberListReader: ...

    def __exit__(self, *exc_info: object) -> None: ...

    def tier_names(self) -> dict[int, TierName]:
        """Every tier by id, lowest rank first."""

    def renewal_offers(self) -> tuple[RenewalOffer, ...]:
        """The active renewal offers, read as the till reads them."""

    def stores(self) -> tuple[Store, ...]:
        """Every store of the chain, by id."""

    def count(self, criteria: Criteria, cap: int | None) -> tuple[int, bool]:
        """How many members match, and whether that is exact; with ``cap``, a count
        above ``cap`` stops there and is not exact (``None``: a full scan)."""

    def page(
        self, criteria: Criteria, sort: Sort, after: Position | None, limit: int, plan: Plan
    ) -> list[PageRow]:
        """Up to ``limit`` rows strictly after ``after`` (``None``: from the start)."""

    def stream(self, criteria: Criteria, sort: Sort, plan: Plan) -> Iterator[ListRow]:
        """Every matching row in the sort, a batch at a time; read it inside the ``with``."""


MemberListReaders = Callable[[], MemberListReader]
"""Opens a reader; one per user action, never shared across threads."""
