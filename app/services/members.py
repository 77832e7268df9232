"""Identify a member from what the cashier types or a reader sends."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from app.domain.card_reads import CardRead, ReadKind, UnreadableCard, decode_read
from app.domain.member_search import KEY_KIND, LAST_FOUR, Lookup, LookupKind, plan_lookups
from app.domain.members import MemberCandidate, MemberId, MemberSummary
from app.domain.phone import clean_lookup_text, mask_phone
from app.services.mapping import member_summary
from db import member_search, queries
from db.member_search import MemberMatch

SHOWN_MATCHES = 20
MERGE_HOPS = 8


class IdentifyProblem(enum.Enum):
    EMPTY = "empty"
    TOO_SHORT = "too_short"
    NOT_FOUND = "not_found"
    CARD_BLOCKED = "card_blocked"
    CARD_UNREADABLE = "card_unreadable"


@dataclass(frozen=True)
class Identification:
    """What a search found.

    ``member`` is set when one member was identified (and attached to the order);
    ``candidates`` when the cashier has to pick one (``more``: there are more than
    shown); ``problem`` when nobody was found.
    """

    query: str
    member: MemberSummary | None = None
    candidates: tuple[MemberCandidate, ...] = ()
    kind: LookupKind | None = None
    more: bool = False
    problem: IdentifyProblem | None = None


class MemberService:
    def __init__(self, engine: Engine, sessions: sessionmaker[Session]) -> None:
        self._engine, self._sessions = engine, sessions

    def search(self, text: str, limit: int = SHOWN_MATCHES) -> Identification:
        """The members ``text`` may mean, without loading balances: for search-as-you-type."""
        query = clean_lookup_text(text)
        lookups = plan_lookups(query)
        if not lookups:
            return Identification(query, problem=_why_no_lookup(query))
        with self._engine.connect() as connection:
            for lookup in lookups:
                found = self._run(connection, lookup, limit)
                if isinstance(found, IdentifyProblem):
                    return Identification(query, kind=lookup.kind, problem=found)
                if found:
                    shown = tuple(_candidate(match) for match in found[:limit])
                    more = len(found) > limit
                    return Identification(query, candidates=shown, kind=lookup.kind, more=more)
        return Identification(query, problem=IdentifyProblem.NOT_FOUND)

    def identify(self, text: str) -> Identification:
        """Search, and when exactly one member matches, identify them."""
        found = self.search(text)
        if len(found.candidates) == 1 and not found.more:
            member = self.load(found.candidates[0].member_id)
            return Identification(found.query, member=member, kind=found.kind)
        return found

    def identify_read(self, raw: str) -> Identification:
        """What a card reader or scanner sent: a swipe, a UID or a member's QR code."""
        read = decode_read(raw)
        query = clean_lookup_text(raw)
        if isinstance(read, UnreadableCard):
            return Identification(query, problem=IdentifyProblem.CARD_UNREADABLE)
        lookup = _lookup_for(read)
        with self._engine.connect() as connection:
            found = self._run(connection, lookup, 1)
        if isinstance(found, IdentifyProblem):
            return Identification(read.value, kind=lookup.kind, problem=found)
        if not found:
            return Identification(read.value, kind=lookup.kind, problem=IdentifyProblem.NOT_FOUND)
        member = self.load(MemberId(found[0].member_id))
        return Identification(read.value, member=member, kind=lookup.kind)

    def load(self, member_id: MemberId) -> MemberSummary:
        """The member with balances; a merged-away record gives the member it went into."""
        with self._sessions() as session:
            row = queries.member_by_id(session, member_id)
            for _ in range(MERGE_HOPS):
                if row is None or row.merged_into_id is None:
                    break
                row = queries.member_by_id(session, row.merged_into_id)
            assert row is not None, "members are never deleted"
            return member_summary(session, row)

    def refresh(self, member: MemberSummary) -> MemberSummary:
        return self.load(member.member_id)

    def _run(
        self, connection: Connection, lookup: Lookup, limit: int
    ) -> list[MemberMatch] | IdentifyProblem:
        """Matches for one lookup (one more than ``limit`` when there are more)."""
        value, kind = lookup.value, lookup.kind
        if kind is LookupKind.CARD:
            card = member_search.by_card(connection, value)
            if card is None:
                return []
            if card.card_status != "active":
                return IdentifyProblem.CARD_BLOCKED
            return _followed(connection, card.member)
        if kind is LookupKind.MEMBER_NO:
            return _followed(connection, member_search.by_member_no(connection, value))
        if kind is LookupKind.PHONE:
            return _followed(connection, member_search.by_phone(connection, value))
        if kind is LookupKind.PHONE_LAST4:
            return member_search.by_phone_last4(connection, value, limit + 1)
        if kind is LookupKind.PHONE_PREFIX:
            return member_search.by_phone_prefix(connection, value, limit + 1)
        return member_search.by_key_prefix(connection, KEY_KIND[kind], value, limit + 1)


def _followed(connection: Connection, match: MemberMatch | None) -> list[MemberMatch]:
    """The match, or the member it was merged into (a guest may still use an old card)."""
    for _ in range(MERGE_HOPS):
        if match is None or match.merged_into_id is None:
            break
        match = member_search.by_id(connection, match.merged_into_id)
    return [] if match is None else [match]


def _why_no_lookup(query: str) -> IdentifyProblem:
    if not query:
        return IdentifyProblem.EMPTY
    if query.isdigit() and len(query) < LAST_FOUR:
        return IdentifyProblem.TOO_SHORT
    return IdentifyProblem.NOT_FOUND


def _lookup_for(read: CardRead) -> Lookup:
    if read.kind is ReadKind.MEMBER_CODE:
        return Lookup(LookupKind.MEMBER_NO, read.value)
    return Lookup(LookupKind.CARD, read.value)


def _candidate(match: MemberMatch) -> MemberCandidate:
    return MemberCandidate(
        member_id=MemberId(match.member_id),
        member_no=match.member_no,
        name=match.name,
        masked_phone=mask_phone(match.phone),
        tier_name_zh=match.tier_name_zh,
        tier_name_en=match.tier_name_en,
        expires_on=match.expires_on,
    )
