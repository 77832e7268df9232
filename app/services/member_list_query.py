"""A ``MemberFilter`` resolved against the database: tier codes to ids, the status to
expiry days (with today's grace window), the free text to what the till's search finds.

The free text goes through the till's own search (``MemberService.search``), which
decides what the text is, in the till's order: a card, member number or full phone
names one member (followed through merges, as at the till), and the list shows that
member; last four digits, the start of a phone number, a name or its pinyin find every
member the same lookup would (the till shows the first 20; a list shows them all, so the
prefix lookups become conditions: ``app.domain.member_list.TextMatch``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

from app.domain.member_filters import (
    ListPosition,
    MemberFilter,
    SortKey,
    Status,
    expiry_range,
    grace_days,
    status_of,
)
from app.domain.member_list import (
    Criteria,
    ListRow,
    PageRow,
    Plan,
    Position,
    Sort,
    TextMatch,
    TierName,
)
from app.domain.member_search import KEY_KIND, LookupKind, plan_lookups
from app.domain.members import MemberId
from app.domain.phone import mask_phone
from app.member_list_reader import MemberListReader
from app.services.members import Identification

COUNT_CAP = 10_000
"""Counts stop here ("more than 10,000"): beyond, an exact count is a full scan."""


@dataclass(frozen=True)
class MemberCount:
    """``exact``: ``value`` members match; otherwise more than ``value`` do."""

    value: int
    exact: bool


class MemberSearch(Protocol):
    """The till's own search (``app.services.members.MemberService`` fits it)."""

    def search(self, text: str, limit: int) -> Identification: ...


@dataclass(frozen=True)
class MemberListRow:
    """One line of the list, as a manager may see it: the phone masked."""

    member_id: MemberId
    member_no: str
    name: str
    masked_phone: str
    tier: TierName
    segment: str
    joined_on: date
    expires_on: date | None
    status: Status
    last_visit_on: date | None
    visits: int
    spend: int
    value: int | None
    """The stored lifetime value estimate (``None``: not valued, e.g. declined)."""
    marketing_consent: bool
    erased: bool
    position: ListPosition


@dataclass(frozen=True)
class Resolved:
    """A filter as SQL terms on one day, and what the rows need to be shown."""

    filter: MemberFilter
    today: date
    grace_days: int
    criteria: Criteria
    sort: Sort
    tiers: Mapping[int, TierName]


@dataclass(frozen=True)
class PreparedList:
    """A filter applied: its count (capped at ``COUNT_CAP``) and the plan its pages use.

    Hand it back to ``MemberListService.page`` as it is; it holds no connection.
    """

    resolved: Resolved
    count: MemberCount
    plan: Plan

    @property
    def filter(self) -> MemberFilter:
        return self.resolved.filter


_SORT_COLUMN = {
    SortKey.MEMBER_NO: "member_no",
    SortKey.TIER: "tier",
    SortKey.JOINED_ON: "joined_on",
    SortKey.EXPIRES_ON: "expires_on",
    SortKey.LAST_VISIT: "last_visit_on",
    SortKey.SPEND: "spend",
    SortKey.VALUE: "value",
}


def resolve(
    reader: MemberListReader, members: MemberSearch, f: MemberFilter, today: date
) -> Resolved:
    """``f`` (validated) as criteria on ``today``; raises nothing for unknown tier codes:
    they match nobody, as a saved filter naming a removed tier should."""
    tiers = reader.tier_names()
    by_code = {name.code: tier_id for tier_id, name in tiers.items()}
    grace = grace_days(reader.renewal_offers(), today)
    expiry = expiry_range(f, today, grace)
    text = _text_match(members, f.text) if f.text else None
    criteria = Criteria(
        tier_ids=tuple(by_code[c] for c in sorted(f.tiers) if c in by_code) if f.tiers else None,
        expires_low=expiry.low,
        expires_high=expiry.high,
        expires_never=expiry.never,
        segments=tuple(sorted(f.segments)) if f.segments else None,
        last_visit_before=f.last_visit_before,
        last_visit_after=f.last_visit_after,
        min_spend=f.min_spend,
        max_spend=f.max_spend,
        birth_month=today.month if f.birthday_this_month else None,
        marketing_only=f.marketing_only,
        include_erased=f.include_erased,
        text=text,
        nothing=expiry.empty or (bool(f.text) and text is None),
    )
    if not f.scope.is_chain:
        stores = reader.stores()
        ids = f.scope.store_ids(stores) or ()
        first = min((s.store_id for s in stores), default=None)
        criteria = replace(
            criteria, store_ids=ids, unplaced_too=first in ids, nothing=criteria.nothing or not ids
        )
    order = tuple(tiers)  # lowest rank first
    sort = Sort(_SORT_COLUMN[f.sort], f.descending, order)
    return Resolved(f, today, grace, criteria, sort, tiers)


def _text_match(members: MemberSearch, text: str) -> TextMatch | None:
    """What the till's search finds for ``text`` as conditions; ``None``: nobody."""
    found = members.search(text, limit=1)
    if found.kind is None or found.problem is not None:
        return None
    if found.kind.is_exact:
        return TextMatch(member_ids=tuple(int(c.member_id) for c in found.candidates))
    lookups = plan_lookups(found.query)
    if found.kind in KEY_KIND:
        keys = tuple((int(KEY_KIND[k.kind]), k.value) for k in lookups if k.kind in KEY_KIND)
        return TextMatch(key_prefixes=keys)
    value = next(lookup.value for lookup in lookups if lookup.kind is found.kind)
    if found.kind is LookupKind.PHONE_LAST4:
        return TextMatch(phone_last4=value)
    return TextMatch(phone_prefix=value)


def with_selection(resolved: Resolved, member_ids: frozenset[int] | None) -> Criteria:
    """The criteria, narrowed to a selection of members when one is given."""
    if member_ids is None:
        return resolved.criteria
    return replace(resolved.criteria, member_ids=tuple(sorted(member_ids)))


def to_position(position: ListPosition | None) -> Position | None:
    if position is None:
        return None
    return Position(position.bucket, position.key, position.member_id)


def list_row(found: PageRow, resolved: Resolved) -> MemberListRow:
    row, position = found.row, found.position
    return MemberListRow(
        member_id=MemberId(row.member_id),
        member_no=row.member_no,
        name=row.name,
        masked_phone=mask_phone(row.phone),
        tier=resolved.tiers[row.tier_id],
        segment=row.segment,
        joined_on=row.joined_on,
        expires_on=row.expires_on,
        status=status_of(row.expires_on, resolved.today, resolved.grace_days),
        last_visit_on=row.last_visit_on,
        visits=row.visits,
        spend=row.spend_fen,
        value=row.value_fen,
        marketing_consent=row.marketing_consent,
        erased=row.erased_at is not None,
        position=ListPosition(position.bucket, position.key, position.member_id),
    )


def export_row(row: ListRow) -> ListRow:
    """An erased member as an export may show them: the number only, nothing personal."""
    if row.erased_at is None:
        return row
    return row._replace(name="", phone="", birthday=None)
