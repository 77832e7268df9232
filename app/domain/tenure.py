"""Members by tenure and what to do about each: welcome the new, renew the expiring,
win back the lapsed (about 60% of members are lost after the first expiry if nobody acts).

A member is in one group at most, the most urgent first: lapsed (expired before
today), expiring (expires today or within the months ahead), new (joined within the
last days). The suggestion for a renewal is the offer the till itself would show
(``app.domain.renewal``), so the win-back fee honours its cap: lapsing is never
cheaper than renewing.
"""

from __future__ import annotations

import calendar
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.renewal import (
    OfferKind,
    RenewalOffer,
    renewal_quote,
    spend_to_renew_free,
)

NEW_MEMBER_DAYS = 90
EXPIRING_MONTHS = 3
LAPSED_WITHIN_DAYS = 365


class TenureGroup(enum.Enum):
    NEW = "new"
    EXPIRING = "expiring"
    LAPSED = "lapsed"


@dataclass(frozen=True)
class TenureWindow:
    """The dates that draw the groups' borders, as of ``today``."""

    today: date
    new_since: date
    expiring_until: date
    lapsed_since: date | None
    """Lapsed members whose membership ended on or after this day (``None``: all)."""


def tenure_window(
    today: date,
    new_days: int = NEW_MEMBER_DAYS,
    expiring_months: int = EXPIRING_MONTHS,
    lapsed_within_days: int = LAPSED_WITHIN_DAYS,
) -> TenureWindow:
    """``lapsed_within_days=0`` keeps every lapsed member, however long ago."""
    return TenureWindow(
        today=today,
        new_since=today - timedelta(days=new_days),
        expiring_until=add_months(today, expiring_months),
        lapsed_since=today - timedelta(days=lapsed_within_days) if lapsed_within_days else None,
    )


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day (30 Nov + 3 -> 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def group_of(window: TenureWindow, joined_on: date, expires_on: date | None) -> TenureGroup | None:
    if expires_on is not None and expires_on < window.today:
        if window.lapsed_since is None or expires_on >= window.lapsed_since:
            return TenureGroup.LAPSED
        return None
    if expires_on is not None and expires_on <= window.expiring_until:
        return TenureGroup.EXPIRING
    if joined_on >= window.new_since:
        return TenureGroup.NEW
    return None


class Action(enum.Enum):
    INTRODUCE_BENEFITS = "introduce_benefits"
    RENEW_FREE = "renew_free"  # the spend is reached: renewal costs nothing
    SPEND_TO_RENEW_FREE = "spend_to_renew_free"
    RENEW_EARLY = "renew_early"  # the early offer applies today
    EARLY_OPENS = "early_opens"  # the early offer applies from ``from_day``
    RENEW_GRACE = "renew_grace"
    WIN_BACK = "win_back"
    REMIND = "remind"  # no offer on the data: remind of the expiry


@dataclass(frozen=True)
class Suggestion:
    """What staff should say; ``fee`` and ``missing`` in minor units.

    ``from_day``: when an early offer opens (``EARLY_OPENS``); ``also_fee``: with
    ``SPEND_TO_RENEW_FREE``, the fee the member could pay instead (0: none today).
    """

    action: Action
    fee: int = 0
    missing: int = 0
    from_day: date | None = None
    until: date | None = None
    offer_code: str = ""
    also_fee: int | None = None


def suggest(
    group: TenureGroup,
    today: date,
    expires_on: date | None,
    term_spend: int,
    offers: Sequence[RenewalOffer],
) -> Suggestion:
    """The suggested action for a member of ``group`` (``term_spend`` in minor units)."""
    if group is TenureGroup.NEW or expires_on is None:
        return Suggestion(Action.INTRODUCE_BENEFITS)
    quote = renewal_quote(expires_on, today, term_spend, offers)
    if quote is not None and quote.offer.kind is OfferKind.FREE_BY_SPEND:
        return Suggestion(Action.RENEW_FREE, offer_code=quote.offer.code, until=expires_on)
    if group is TenureGroup.EXPIRING:
        free = spend_to_renew_free(expires_on, today, term_spend, offers)
        if free is not None:
            also = quote.fee if quote is not None else None
            return Suggestion(
                Action.SPEND_TO_RENEW_FREE,
                missing=free.missing,
                offer_code=free.offer.code,
                until=expires_on,
                also_fee=also,
            )
        if quote is not None:
            return Suggestion(Action.RENEW_EARLY, quote.fee, offer_code=quote.offer.code)
        return _early_later(today, expires_on, term_spend, offers)
    if quote is None:
        return Suggestion(Action.REMIND)
    if quote.offer.kind is OfferKind.GRACE:
        until = expires_on + timedelta(days=quote.offer.window_days)
        return Suggestion(Action.RENEW_GRACE, quote.fee, offer_code=quote.offer.code, until=until)
    return Suggestion(Action.WIN_BACK, quote.fee, offer_code=quote.offer.code)


def _early_later(
    today: date, expires_on: date, term_spend: int, offers: Sequence[RenewalOffer]
) -> Suggestion:
    """No offer applies yet: name the early offer from the day its window opens."""
    opening = sorted(
        expires_on - timedelta(days=o.window_days)
        for o in offers
        if o.kind is OfferKind.EARLY and expires_on - timedelta(days=o.window_days) > today
    )
    for day in opening:
        quote = renewal_quote(expires_on, day, term_spend, offers)
        if quote is not None:
            return Suggestion(
                Action.EARLY_OPENS, quote.fee, from_day=day, offer_code=quote.offer.code
            )
    return Suggestion(Action.REMIND, until=expires_on)
