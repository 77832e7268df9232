"""Two records of one guest made one: what the surviving record keeps of each."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

PROFILE_SEPARATOR = "；"


@dataclass(frozen=True)
class MergeParty:
    """One of the two records, as the merge weighs it."""

    member_id: int
    member_no: str
    merged: bool
    """Already merged into another record."""
    tier_id: int
    tier_rank: int
    expires_on: date | None
    birthday: date | None
    allergies: str
    preferences: str
    notes: str
    marketing_consent: bool


def combined(survivor: MergeParty, absorbed: MergeParty) -> tuple[MergeParty, list[str]]:
    """The survivor keeps the better tier and the later expiry and gains the absorbed
    record's birthday (when it had none), allergies, preferences and notes; marketing
    consent stays only if both gave it. Returns the survivor and the fields that changed."""
    changed: list[str] = []
    result = survivor
    if absorbed.tier_rank > survivor.tier_rank:
        result = replace(result, tier_id=absorbed.tier_id, tier_rank=absorbed.tier_rank)
        changed.append("tier")
    if absorbed.expires_on is not None and (
        survivor.expires_on is None or absorbed.expires_on > survivor.expires_on
    ):
        result = replace(result, expires_on=absorbed.expires_on)
        changed.append("expires_on")
    if survivor.birthday is None and absorbed.birthday is not None:
        result = replace(result, birthday=absorbed.birthday)
        changed.append("birthday")
    allergies = _joined(survivor.allergies, absorbed.allergies)
    preferences = _joined(survivor.preferences, absorbed.preferences)
    notes = _joined(survivor.notes, absorbed.notes)
    result = replace(result, allergies=allergies, preferences=preferences, notes=notes)
    changed += [
        field
        for field, before, after in (
            ("allergies", survivor.allergies, allergies),
            ("preferences", survivor.preferences, preferences),
            ("notes", survivor.notes, notes),
        )
        if before != after
    ]
    if survivor.marketing_consent and not absorbed.marketing_consent:
        result = replace(result, marketing_consent=False)
        changed.append("marketing_consent")
    return result, changed


def _joined(mine: str, theirs: str) -> str:
    if not theirs or theirs in mine:
        return mine
    return f"{mine}{PROFILE_SEPARATOR}{theirs}" if mine else theirs
