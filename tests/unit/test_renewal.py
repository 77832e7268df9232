from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.membership_term import expiry_after_term
from app.domain.renewal import (
    OfferKind,
    RenewalOffer,
    renewal_quote,
    spend_to_renew_free,
)

EXPIRY = date(2027, 3, 31)
EARLY = RenewalOffer("EARLY90", OfferKind.EARLY, fee=15_900, window_days=90)
GRACE = RenewalOffer("GRACE30", OfferKind.GRACE, fee=19_900, window_days=30)
WIN_BACK = RenewalOffer("WINBACK", OfferKind.WIN_BACK, fee=9_900)  # tempting, but capped
FREE = RenewalOffer("FREE", OfferKind.FREE_BY_SPEND, fee=0, min_spend=300_000)
OFFERS = (EARLY, GRACE, WIN_BACK, FREE)


def day(offset: int) -> date:
    return EXPIRY + timedelta(days=offset)


@pytest.mark.parametrize(
    ("offset", "code", "fee", "new_expiry"),
    [
        (-91, None, None, None),  # too early for anything
        (-90, "EARLY90", 15_900, date(2028, 3, 31)),  # from the old expiry, not today
        (0, "EARLY90", 15_900, date(2028, 3, 31)),
        (1, "GRACE30", 19_900, date(2028, 3, 31)),
        (30, "GRACE30", 19_900, date(2028, 3, 31)),
        (31, "WINBACK", 15_900, day(31).replace(year=2028)),  # capped at the early fee
        (400, "WINBACK", 15_900, day(400).replace(year=day(400).year + 1)),
    ],
)
def test_the_offer_follows_the_boundary_days(
    offset: int, code: str | None, fee: int | None, new_expiry: date | None
) -> None:
    quote = renewal_quote(EXPIRY, day(offset), term_spend=0, offers=OFFERS)
    if code is None:
        assert quote is None
        return
    assert quote is not None
    assert (quote.offer.code, quote.fee, quote.new_expiry) == (code, fee, new_expiry)


def test_spend_earns_a_free_renewal_inside_the_windows_only() -> None:
    free = renewal_quote(EXPIRY, day(-10), term_spend=300_000, offers=OFFERS)
    assert free is not None and (free.offer.code, free.fee) == ("FREE", 0)
    assert renewal_quote(EXPIRY, day(-200), term_spend=300_000, offers=OFFERS) is None
    lapsed = renewal_quote(EXPIRY, day(60), term_spend=300_000, offers=OFFERS)
    assert lapsed is not None and lapsed.offer.code == "WINBACK"


def test_how_far_from_a_free_renewal() -> None:
    nudge = spend_to_renew_free(EXPIRY, day(-100), term_spend=268_000, offers=OFFERS)
    assert nudge is not None and nudge.missing == 32_000
    assert spend_to_renew_free(EXPIRY, day(-100), term_spend=300_000, offers=OFFERS) is None
    assert spend_to_renew_free(EXPIRY, day(5), term_spend=0, offers=OFFERS) is None


def test_offers_outside_their_validity_dates_do_nothing() -> None:
    expired_offer = RenewalOffer(
        "OLD", OfferKind.EARLY, fee=100, window_days=90, valid_until=day(-60)
    )
    quote = renewal_quote(EXPIRY, day(-30), term_spend=0, offers=(expired_offer, EARLY))
    assert quote is not None and quote.offer.code == "EARLY90"


@given(st.integers(-500, 800), st.integers(0, 500_000))
def test_lapsing_is_never_cheaper_and_renewing_never_shortens_the_term(
    offset: int, spend: int
) -> None:
    quote = renewal_quote(EXPIRY, day(offset), spend, OFFERS)
    if quote is None:
        return
    if quote.offer.kind is OfferKind.WIN_BACK:
        assert quote.fee >= min(EARLY.fee, GRACE.fee)
    assert quote.new_expiry >= expiry_after_term(EXPIRY)  # what was paid for is never cut short
    assert quote.new_expiry > day(offset)
