"""Campaign rules: drawing the control group, and the uplift of an offer on its members.

A campaign is a targeted offer or a coupon offer started for an audience (the members
its tier and segment conditions name). A manager may hold back a share of the audience:
those members are drawn at random with a recorded seed, never given the coupon and
never offered the offer, so what the offer changed is measured against them.

The uplift compares visits and spend per member in the campaign's window:

- ``CONTROL``: the members given it against those held back (a randomised comparison);
- ``MATCHED``: without a control group, against members who did not get it, like with
  like: within each tier and segment the difference of the means, weighted by the
  members given it there (members given it in a tier and segment where nobody was left
  out are not compared, and counted apart);
- ``NONE``: nobody to compare with.

Figures are exact (``Fraction``); the spend uplift is rounded half-up to the minor unit
once, for showing.
"""

from __future__ import annotations

import enum
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction
from itertools import islice
from typing import TypeGuard

from app.domain.money import apply_basis_points

MAX_HOLDOUT_BP = 5_000
"""At most half the audience is held back (more leaves too few to give the offer to)."""


class Group(enum.Enum):
    TREATED = "treated"
    """In the audience and given the offer (and its coupon)."""
    CONTROL = "control"
    """In the audience, held back."""
    COMPARABLE = "comparable"
    """Not in the audience: a member the offer was never meant for or never reached."""


class Method(enum.Enum):
    CONTROL = "control"
    MATCHED = "matched"
    NONE = "none"


def control_size(audience: int, holdout_bp: int) -> int:
    """How many of ``audience`` members are held back: the share, rounded half-up."""
    if not 0 <= holdout_bp <= MAX_HOLDOUT_BP:
        raise ValueError(f"hold back between 0 and {MAX_HOLDOUT_BP // 100} %")
    return apply_basis_points(audience, holdout_bp)


def draw_control(member_ids: Iterable[int], holdout_bp: int, seed: int) -> frozenset[int]:
    """The members held back: the same ids, share and seed always draw the same ones
    (the ids are sorted first, so the order they were read in does not matter; ids
    already sorted and distinct, as a million read in id order, are drawn from as they are)."""
    ordered = member_ids if _increasing(member_ids) else sorted(set(member_ids))
    return frozenset(random.Random(seed).sample(ordered, control_size(len(ordered), holdout_bp)))


def _increasing(member_ids: Iterable[int]) -> TypeGuard[Sequence[int]]:
    if not isinstance(member_ids, Sequence):
        return False
    return all(a < b for a, b in zip(member_ids, islice(member_ids, 1, None), strict=False))


def campaign_coupon_code(campaign_id: int, member_id: int, secret: str) -> str:
    """A campaign's coupon code: unique by construction (one coupon per member in a
    campaign), never like a hand-given one (``CP-…``), with ``secret`` (random letters)
    so that a code cannot be guessed from a member number: ``C12-3F7K-Q9XW``."""
    return f"C{campaign_id}-{_base32(member_id)}-{secret}"


_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # as the till's coupons: no 0/O, 1/I


def _base32(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 32)
        digits = _ALPHABET[rest] + digits
        if not number:
            return digits


@dataclass(frozen=True)
class MemberFigures:
    """One member's visits and spend (minor units) in a campaign's window."""

    member_id: int
    group: Group
    tier_id: int
    segment: str
    visits: int
    spend: int


@dataclass(frozen=True)
class Uplift:
    method: Method
    treated: int
    """Members given the offer who were compared."""
    compared_with: int
    """Members held back, or comparable members in the strata compared."""
    unmatched: int = 0
    """Members given the offer in a tier and segment with nobody to compare with."""
    treated_visits: Fraction = Fraction(0)
    """Visits per member given the offer."""
    other_visits: Fraction = Fraction(0)
    treated_spend: Fraction = Fraction(0)
    """Spend per member given the offer, minor units."""
    other_spend: Fraction = Fraction(0)

    @property
    def visits(self) -> Fraction:
        """Extra visits per member the offer brought."""
        return self.treated_visits - self.other_visits

    @property
    def spend(self) -> Fraction:
        """Extra spend per member, minor units (exact)."""
        return self.treated_spend - self.other_spend

    @property
    def spend_rounded(self) -> int:
        return round_half_up(self.spend)


def round_half_up(value: Fraction) -> int:
    whole, rest = divmod(abs(value), 1)
    rounded = int(whole) + (1 if rest >= Fraction(1, 2) else 0)
    return rounded if value >= 0 else -rounded


@dataclass
class _Tally:
    members: int = 0
    visits: int = 0
    spend: int = 0

    def add(self, one: MemberFigures) -> None:
        self.members += 1
        self.visits += one.visits
        self.spend += one.spend

    def means(self) -> tuple[Fraction, Fraction]:
        if not self.members:
            return Fraction(0), Fraction(0)
        return Fraction(self.visits, self.members), Fraction(self.spend, self.members)


def uplift(figures: Iterable[MemberFigures]) -> Uplift:
    """Visits and spend per member of those given the offer against the comparison:
    the control group when there is one, else comparable members (module docstring).

    One pass, keeping sums per group, tier and segment: a million members' figures may
    stream through without being held."""
    tallies: dict[tuple[Group, int, str], _Tally] = defaultdict(_Tally)
    for one in figures:
        tallies[(one.group, one.tier_id, one.segment)].add(one)
    totals: dict[Group, _Tally] = defaultdict(_Tally)
    for (group, _tier, _segment), tally in tallies.items():
        total = totals[group]
        total.members += tally.members
        total.visits += tally.visits
        total.spend += tally.spend
    treated, control = totals[Group.TREATED], totals[Group.CONTROL]
    if not treated.members:
        return Uplift(Method.NONE, 0, 0)
    if control.members:
        (treated_visits, treated_spend), (other_visits, other_spend) = (
            treated.means(),
            control.means(),
        )
        return Uplift(Method.CONTROL, treated.members, control.members, 0,
                      treated_visits, other_visits, treated_spend, other_spend)  # fmt: skip
    return _matched(tallies, treated.members)


def _matched(tallies: dict[tuple[Group, int, str], _Tally], treated: int) -> Uplift:
    matched = [
        (given, tallies[(Group.COMPARABLE, tier, segment)])
        for (group, tier, segment), given in tallies.items()
        if group is Group.TREATED and (Group.COMPARABLE, tier, segment) in tallies
    ]
    compared = sum(given.members for given, _pool in matched)
    if not compared:
        return Uplift(Method.NONE, 0, 0, treated)
    result = [Fraction(0)] * 4
    for given, pool in matched:
        weight = Fraction(given.members, compared)
        (given_visits, given_spend), (pool_visits, pool_spend) = given.means(), pool.means()
        means = (given_visits, pool_visits, given_spend, pool_spend)
        result = [total + weight * mean for total, mean in zip(result, means, strict=True)]
    pooled = sum(pool.members for _given, pool in matched)
    return Uplift(Method.MATCHED, compared, pooled, treated - compared, *result)


@dataclass(frozen=True)
class CampaignFacts:
    """What happened in a campaign's window, as counted in the database.

    ``campaign_id`` is ``None`` for the coupons of an offer given by hand at the till
    (outside any campaign): their window runs from the first issued to the last expiry.
    """

    campaign_id: int | None
    offer_code: str
    name_zh: str
    name_en: str
    coupon_offer: bool
    started_at: datetime
    ends_on: date | None
    holdout_bp: int
    seed: int
    targeted: int
    """Members in the audience, held back ones included."""
    held_back: int
    coupons_issued: int
    reached: int
    """Members given it who paid an order at a till while it was theirs (the till lists a
    member's coupons and prices their offers whenever they are on an order)."""
    redeemed: int
    """Uses on paid orders by members given it, in the window."""
    redeemers: int
    discount: int
    revenue: int
    """Totals of the orders it was used on, minor units."""


@dataclass(frozen=True)
class CampaignResult:
    facts: CampaignFacts
    uplift: Uplift

    @property
    def given(self) -> int:
        return self.facts.targeted - self.facts.held_back

    @property
    def redemption_rate(self) -> Fraction:
        """Share of the members given it who used it at least once."""
        return Fraction(self.facts.redeemers, self.given) if self.given else Fraction(0)
