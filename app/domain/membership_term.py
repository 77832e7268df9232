"""The membership term: when a membership bought (or renewed) on a day expires, and which
days the term that ends on an expiry date covers.

A term runs ``MEMBERSHIP_TERM_YEARS`` whole years. It expires on the same calendar day
that many years after it starts: joined 2026-11-22, expires 2027-11-22 (renewals run
from the old expiry, ``app.domain.renewal``). Counted back, the term that ends on an
expiry date starts the day after the same date a year earlier: the term expiring
2027-11-22 covers 2026-11-23 to 2027-11-22, both included (the days its spend counts,
``app.services.member_outlook.term_spend``).

Leap days and month ends: only 29 February has no same day in other years, and it falls
back to 28 February; no day ever moves into the next month. So a term from 29 February
2028 expires on 28 February 2029, and the term that ends on 29 February 2028 starts on
1 March 2027 (the day after 28 February 2027). Every other month end is the same day in
every year (30 April stays 30 April, 31 December stays 31 December), and 28 February is
28 February: a term from 28 February 2027 expires on 28 February 2028, not the 29th.
The fallback does not carry over: a date moved to 28 February stays there when moved
again (2028-02-29 -> 2029-02-28 -> 2030-02-28 ...).

The same year arithmetic serves the rolling 12-month windows (``first_day_of_year_ending``
for tier qualification and RFM scoring), so every "a year" in the loyalty rules counts
alike. ``db.reports.tenure`` repeats the term-start rule in SQL.
"""

from __future__ import annotations

from datetime import date, timedelta

MEMBERSHIP_TERM_YEARS = 1


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (negative: earlier); 29 February becomes
    28 February in a year without one."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def expiry_after_term(start: date, years: int = MEMBERSHIP_TERM_YEARS) -> date:
    """The day a membership that starts on ``start`` expires (the last day it is valid):
    the same day ``years`` later. A renewal passes the old expiry as ``start``."""
    return add_years(start, years)


def term_start(expires_on: date, years: int = MEMBERSHIP_TERM_YEARS) -> date:
    """The first day of the term that ends on ``expires_on``: the day after the same date
    ``years`` earlier (ending on 29 February 2028: starts on 1 March 2027)."""
    return add_years(expires_on, -years) + timedelta(days=1)


def first_day_of_year_ending(last_day: date) -> date:
    """The first day of the 12 months that end on ``last_day``, both days included: the
    day after the same date a year earlier (ending 29 February 2028: 1 March 2027)."""
    return add_years(last_day, -1) + timedelta(days=1)
