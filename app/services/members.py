"""Identify a member from what the cashier types or a reader sends."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

from app.domain.card_reads import CardRead, ReadKind, UnreadableCard, decode_read
from app.domain.member_search import (
    KEY_KIND,
    LAST_FOUR,
    CardMatch,
    LoadedMember,
    Lookup,
    LookupKind,
    MemberMatch,
    plan_lookups,
)
from app.domain.members import MemberCandidate, MemberId, MemberSummary
from app.domain.phone import clean_lookup_text, mask_phone

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

    @property
    def complete(self) -> bool:
        """One member found by a whole identifier (phone, member number, card): Enter may
        attach them. A prefix, last four digits or a name only lists candidates."""
        exact = self.kind is not None and self.kind.is_exact
        return exact and len(self.candidates) == 1 and not self.more


class MemberLookups(Protocol):
    """The search box's indexed lookups (``db.member_search.SqlMemberLookups``).

    Each runs on every keystroke, so it is one statement on a connection kept per
    thread, not a unit of work. Limits are the most rows to return.
    """

    def close(self) -> None: ...

    def by_id(self, member_id: int) -> MemberMatch | None:
        """Not an erased member."""

    def by_member_no(self, member_no: str) -> MemberMatch | None:
        """Not an erased member."""

    def by_phone(self, phone: str) -> MemberMatch | None: ...

    def by_card(self, card_no: str) -> CardMatch | None: ...

    def by_phone_last4(self, last4: str, limit: int) -> list[MemberMatch]:
        """Members not merged away, by last four then id."""

    def by_phone_prefix(self, prefix: str, limit: int) -> list[MemberMatch]:
        """Members not merged away, by phone."""

    def by_key_prefix(self, kind: int, prefix: str, limit: int) -> list[MemberMatch]:
        """Members with a search key of ``kind`` starting with ``prefix``, each once."""

    def member(self, member_id: int) -> LoadedMember | None:
        """The member with their balances."""


class MemberService:
    def __init__(self, lookups: MemberLookups) -> None:
        self._lookups = lookups

    def close(self) -> None:
        self._lookups.close()

    def search(self, text: str, limit: int = SHOWN_MATCHES) -> Identification:
        """The members ``text`` may mean, without loading balances: for search-as-you-type."""
        query = clean_lookup_text(text)
        lookups = plan_lookups(query)
        if not lookups:
            return Identification(query, problem=_why_no_lookup(query))
        if all(lookup.kind in KEY_KIND for lookup in lookups):
            return self._name_search(query, lookups, limit)
        for lookup in lookups:
            found = self._run(lookup, limit)
            if isinstance(found, IdentifyProblem):
                return Identification(query, kind=lookup.kind, problem=found)
            if found:
                shown = tuple(_candidate(match) for match in found[:limit])
                more = len(found) > limit
                return Identification(query, candidates=shown, kind=lookup.kind, more=more)
        return Identification(query, problem=IdentifyProblem.NOT_FOUND)

    def _name_search(self, query: str, lookups: list[Lookup], limit: int) -> Identification:
        """Names and pinyin together, alternating: ``chen`` finds Emily Chen and 陈静."""
        found = [self._keys(lookup, limit) for lookup in lookups]
        merged: dict[int, MemberMatch] = {}
        for rank in range(limit + 1):
            for matches in found:
                if rank < len(matches):
                    merged.setdefault(matches[rank].member_id, matches[rank])
        if not merged:
            return Identification(query, problem=IdentifyProblem.NOT_FOUND)
        kind = next(lookup.kind for lookup, matches in zip(lookups, found, strict=True) if matches)
        shown = tuple(_candidate(match) for match in list(merged.values())[:limit])
        more = len(merged) > limit or any(len(matches) > limit for matches in found)
        return Identification(query, candidates=shown, kind=kind, more=more)

    def _keys(self, lookup: Lookup, limit: int) -> list[MemberMatch]:
        return self._lookups.by_key_prefix(KEY_KIND[lookup.kind], lookup.value, limit + 1)

    def identify(self, text: str) -> Identification:
        """Search, and when a whole identifier names one member, identify them."""
        found = self.search(text)
        if found.complete:
            member = self.load(found.candidates[0].member_id)
            return Identification(found.query, member=member, kind=found.kind)
        return found

    def identify_read(self, raw: str) -> Identification:
        """What a card reader or scanner sent (as its reader translated it): a swipe, a
        UID, an EM4100 number or a member's QR code.

        A Wiegand-26 read carries only 24 of an EM card's 32 bits: it names a card only
        when exactly one enrolled card has those bits; two or more is a read that cannot
        tell them apart, refused as unreadable.
        """
        read = decode_read(raw)
        query = clean_lookup_text(raw)
        if isinstance(read, UnreadableCard):
            return Identification(query, problem=IdentifyProblem.CARD_UNREADABLE)
        lookup = _lookup_for(read)
        if len(read.candidates) > 1:
            held = [i for i in read.candidates if self._lookups.by_card(i) is not None]
            if len(held) > 1:
                return Identification(query, problem=IdentifyProblem.CARD_UNREADABLE)
            lookup = Lookup(LookupKind.CARD, held[0] if held else read.identity)
        found = self._run(lookup, 1)
        if isinstance(found, IdentifyProblem):
            return Identification(read.value, kind=lookup.kind, problem=found)
        if not found:
            return Identification(read.value, kind=lookup.kind, problem=IdentifyProblem.NOT_FOUND)
        member = self.load(MemberId(found[0].member_id))
        return Identification(read.value, member=member, kind=lookup.kind)

    def load(self, member_id: MemberId) -> MemberSummary:
        """The member with balances; a merged-away record gives the member it went into."""
        loaded = self._lookups.member(member_id)
        for _ in range(MERGE_HOPS):
            if loaded is None or loaded.merged_into_id is None:
                break
            loaded = self._lookups.member(loaded.merged_into_id)
        assert loaded is not None, "members are never deleted"
        return loaded.member

    def refresh(self, member: MemberSummary) -> MemberSummary:
        return self.load(member.member_id)

    def _run(self, lookup: Lookup, limit: int) -> list[MemberMatch] | IdentifyProblem:
        """Matches for one lookup (one more than ``limit`` when there are more)."""
        value, kind = lookup.value, lookup.kind
        if kind is LookupKind.CARD:
            card = self._lookups.by_card(value)
            if card is None:
                return []
            if card.card_status != "active":
                return IdentifyProblem.CARD_BLOCKED
            return _followed(self._lookups, card.member)
        if kind is LookupKind.MEMBER_NO:
            return _followed(self._lookups, self._lookups.by_member_no(value))
        if kind is LookupKind.PHONE:
            return _followed(self._lookups, self._lookups.by_phone(value))
        if kind is LookupKind.PHONE_LAST4:
            return self._lookups.by_phone_last4(value, limit + 1)
        if kind is LookupKind.PHONE_PREFIX:
            return self._lookups.by_phone_prefix(value, limit + 1)
        return self._keys(lookup, limit)


def _followed(lookups: MemberLookups, match: MemberMatch | None) -> list[MemberMatch]:
    """The match, or the member it was merged into (a guest may still use an old card)."""
    for _ in range(MERGE_HOPS):
        if match is None or match.merged_into_id is None:
            break
        match = lookups.by_id(match.merged_into_id)
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
    return Lookup(LookupKind.CARD, read.identity)


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
