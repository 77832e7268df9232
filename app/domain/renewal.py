"""Which renewal offer applies to a member today, what it costs and the new expiry.

Offers are data (a manager edits them), each valid between two dates:

- early renewal: within ``window_days`` before expiry, at ``fee``; the new term runs
  from the old expiry, so renewing early never shortens what was paid for;
- grace renewal: within ``window_days`` after expiry, at ``fee``, also from the old
  expiry (the member kept their benefits meanwhile);
- win-back: lapsed longer than the grace window, at ``fee`` but never less than the
  cheapest early or grace fee on offer, so lapsing on purpose is never cheaper; the
  new term runs from today;
- free renewal earned by spend: whoever spent ``min_spend`` in the current term renews
  for nothing during the early or grace window.

When several apply, the cheapest wins (free first); ties go to the order above.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.membership_term import expiry_after_term


class OfferKind(enum.Enum):
    FREE_BY_SPEND = "free_by_spend"
    EARLY = "early"
    GRACE = "grace"
    WIN_BACK = "win_back"


@dataclass(frozen=True)
class RenewalOffer:
    code: str
    kind: OfferKind
    fee: int
    window_days: int = 0
    """EARLY: days before expiry; GRACE: days after. Unused by the others."""
    min_spend: int = 0
    """FREE_BY_SPEND only: spend within the current term that earns the free renewal."""
    valid_from: date | None = None
    valid_until: date | None = None

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


@dataclass(frozen=True)
class RenewalQuote:
    offer: RenewalOffer
    fee: int
    new_expiry: date


@dataclass(frozen=True)
class SpendToRenewFree:
    """ "Spend ¥X more this term and renewal is free": the offer and what is missing."""

    offer: RenewalOffer
    missing: int


def renewal_quote(
    expires_on: date, today: date, term_spend: int, offers: Sequence[RenewalOffer]
) -> RenewalQuote | None:
    """The one offer the till shows for a member whose membership ends ``expires_on``."""
    live = [offer for offer in offers if offer.valid_on(today)]
    quotes: list[RenewalQuote] = []
    for offer in live:
        if not _applies(offer, expires_on, today, term_spend, live):
            continue
        if offer.kind is OfferKind.WIN_BACK:
            floor = min(
                (o.fee for o in live if o.kind in (OfferKind.EARLY, OfferKind.GRACE)),
                default=offer.fee,
            )
            quotes.append(RenewalQuote(offer, max(offer.fee, floor), expiry_after_term(today)))
        else:
            fee = 0 if offer.kind is OfferKind.FREE_BY_SPEND else offer.fee
            quotes.append(RenewalQuote(offer, fee, expiry_after_term(expires_on)))
    if not quotes:
        return None
    order = list(OfferKind)
    return min(quotes, key=lambda q: (q.fee, order.index(q.offer.kind)))


def spend_to_renew_free(
    expires_on: date, today: date, term_spend: int, offers: Sequence[RenewalOffer]
) -> SpendToRenewFree | None:
    """How much more the member must spend this term to renew for free, if an offer says."""
    if today > expires_on:
        return None
    candidates = [
        o
        for o in offers
        if o.kind is OfferKind.FREE_BY_SPEND and o.valid_on(today) and term_spend < o.min_spend
    ]
    if not candidates:
        return None
    offer = min(candidates, key=lambda o: o.min_spend)
    return SpendToRenewFree(offer, offer.min_spend - term_spend)


def _applies(
    offer: RenewalOffer,
    expires_on: date,
    today: date,
    term_spend: int,
    live: Sequence[RenewalOffer],
) -> bool:
    if offer.kind is OfferKind.EARLY:
        return expires_on - timedelta(days=offer.window_days) <= today <= expires_on
    if offer.kind is OfferKind.GRACE:
        return expires_on < today <= expires_on + timedelta(days=offer.window_days)
    if offer.kind is OfferKind.WIN_BACK:
        grace = max((o.window_days for o in live if o.kind is OfferKind.GRACE), default=0)
        return today > expires_on + timedelta(days=grace)
    renewal_windows = [o for o in live if o.kind in (OfferKind.EARLY, OfferKind.GRACE)]
    in_window = any(_applies(o, expires_on, today, term_spend, live) for o in renewal_windows)
    return in_window and term_spend >= offer.min_spend
