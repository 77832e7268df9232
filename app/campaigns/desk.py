"""Starting a campaign for a targeted offer or coupon offer, and reading its results.

A start records the audience, draws the control group (seeded; the seed is kept) and,
for a coupon offer, issues a coupon to every member not held back: all in one
transaction with its audit event. Reads compute each campaign's uplift with
``app.domain.campaigns.uplift``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from sqlalchemy.orm import Session

from app.clock import Clock
from app.context import ActionContext
from app.domain.campaigns import (
    MAX_HOLDOUT_BP,
    CampaignResult,
    campaign_coupon_code,
    draw_control,
    uplift,
)
from app.domain.staff import Permission, StaffMember, role_allows
from app.errors import TillError
from app.services.adjustments import COUPON_ALPHABET, MAX_COUPON_DAYS
from db import campaign_results as results
from db import campaigns as sql
from db.audit_log import SqlAuditLog
from db.campaign_results import Scope
from db.engine import create_db_engine, session_factory
from db.migrate import upgrade_to_head

DEFAULT_COUPON_DAYS = 30
CLI_ACTOR = "setup"
"""The till id a start from the command line carries in the audit log (as ``pos setup``)."""

Sessions = Callable[[], AbstractContextManager[Session]]
"""Opens a session in a transaction (``sessionmaker.begin``)."""


class CampaignRefused(TillError):
    """``str()`` says why, in one sentence; ``kind`` names the refusal for the screen
    (``holdout``, ``coupon_days``, ``no_offer``, ``inactive``, ``no_audience``,
    ``not_manager``, ``no_campaign``)."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class StartedCampaign:
    campaign_id: int
    offer_code: str
    targeted: int
    held_back: int
    coupons_issued: int
    seed: int


class CampaignDesk:
    """The manager's campaigns; ``staff=None`` is the command line (no sign-in)."""

    def __init__(self, sessions: Sessions, clock: Clock, till_id: str = CLI_ACTOR) -> None:
        self._sessions, self._clock, self._till_id = sessions, clock, till_id

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    def start(
        self,
        offer_code: str,
        holdout_bp: int = 0,
        *,
        staff: StaffMember | None = None,
        seed: int | None = None,
        coupon_days: int = DEFAULT_COUPON_DAYS,
    ) -> StartedCampaign:
        """Start the offer's campaign for its audience now, holding back ``holdout_bp``
        of it (basis points; 1,000 is 10 %)."""
        _require(staff, Permission.EDIT_LOYALTY_RULES)
        if not 0 <= holdout_bp <= MAX_HOLDOUT_BP:
            raise CampaignRefused(f"hold back between 0 and {MAX_HOLDOUT_BP // 100} %", "holdout")
        if not 1 <= coupon_days <= MAX_COUPON_DAYS:
            raise CampaignRefused(
                f"a coupon is valid for 1 to {MAX_COUPON_DAYS} days", "coupon_days"
            )
        seed = secrets.randbits(31) if seed is None else seed
        action = ActionContext.begin(self._clock, self._till_id, staff.staff_id if staff else None)
        with self._session() as session:
            offer = sql.offer_by_code(session, offer_code)
            if offer is None:
                raise CampaignRefused(f"there is no offer {offer_code}", "no_offer")
            if not offer.active:
                raise CampaignRefused(f"the offer {offer_code} is not active", "inactive")
            ids = sql.audience_ids(session, offer.offer_id)
            if not ids:
                raise CampaignRefused(
                    f"no member is in the audience of {offer_code}", "no_audience"
                )
            held = draw_control(ids, holdout_bp, seed)
            ends_on = offer.valid_until
            if offer.coupon_only:
                ends_on = action.now.date() + timedelta(days=coupon_days)
            campaign_id = sql.add_campaign(
                session,
                offer_id=offer.offer_id,
                started_at=action.now,
                started_by=action.staff_id,
                holdout_bp=holdout_bp,
                seed=seed,
                ends_on=ends_on,
            )
            issue = None
            if offer.coupon_only:
                assert ends_on is not None
                issue = partial(
                    sql.issue_coupons,
                    session,
                    offer.offer_id,
                    code=partial(_coupon_code, campaign_id),
                    issued_at=action.now,
                    issued_by=action.staff_id,
                    expires_on=ends_on,
                )
            targeted, held_back, issued = _record_audience(
                session, offer.offer_id, campaign_id, ids, held, issue
            )
            started = StartedCampaign(campaign_id, offer.code, targeted, held_back, issued, seed)
            SqlAuditLog(session).record(
                action,
                "campaign_started",
                f"campaign:{campaign_id}",
                {
                    "offer": offer.code,
                    "targeted": started.targeted,
                    "held_back": started.held_back,
                    "holdout_bp": holdout_bp,
                    "seed": seed,
                    "coupons_issued": started.coupons_issued,
                    "ends_on": ends_on.isoformat() if ends_on else None,
                },
            )
            return started

    def campaigns(self, staff: StaffMember | None = None) -> list[CampaignResult]:
        """Every campaign with its figures, newest first, then each coupon offer's
        coupons given by hand."""
        _require(staff, Permission.VIEW_REPORTS)
        with self._session() as session:
            scopes = [results.campaign_scope(session, n) for n in results.campaign_ids(session)]
            scopes += [results.hand_scope(session, c) for c in results.hand_coupon_offers(session)]
            return [_result(session, scope) for scope in scopes if scope is not None]

    def campaign(self, campaign_id: int, staff: StaffMember | None = None) -> CampaignResult:
        _require(staff, Permission.VIEW_REPORTS)
        with self._session() as session:
            scope = results.campaign_scope(session, campaign_id)
            if scope is None:
                raise CampaignRefused(f"there is no campaign {campaign_id}", "no_campaign")
            return _result(session, scope)

    def coupons_by_hand(self, offer_code: str, staff: StaffMember | None = None) -> CampaignResult:
        """The coupons of ``offer_code`` given by hand, as one campaign without a control."""
        _require(staff, Permission.VIEW_REPORTS)
        with self._session() as session:
            scope = results.hand_scope(session, offer_code)
            if scope is None:
                raise CampaignRefused(f"no coupon of {offer_code} was given by hand", "no_campaign")
            return _result(session, scope)

    def offers(self) -> list[tuple[str, str, str]]:
        """(code, Chinese name, English name) of the active offers a campaign may start."""
        with self._session() as session:
            return sql.active_offers(session)


@contextmanager
def open_desk(database_url: str, clock: Clock) -> Iterator[CampaignDesk]:
    """A desk on the database at ``database_url`` (brought to the current schema) for
    the command line; the engine is disposed afterwards."""
    engine = create_db_engine(database_url)
    try:
        upgrade_to_head(engine)
        yield CampaignDesk(session_factory(engine).begin, clock)
    finally:
        engine.dispose()


def _result(session: Session, scope: Scope) -> CampaignResult:
    facts = results.facts(session, scope)
    figures = results.member_figures(session, scope, comparable=facts.held_back == 0)
    return CampaignResult(facts, uplift(figures))


def _record_audience(
    session: Session,
    offer_id: int,
    campaign_id: int,
    ids: Sequence[int],
    held: frozenset[int],
    issue: Callable[[list[int]], dict[int, int]] | None,
) -> tuple[int, int, int]:
    """Write the audience ``CHUNK`` members at a time (read by id range, each with its
    coupon when ``issue``s): (members targeted, held back, coupons issued). A member
    erased or merged since the ids were read is left out."""
    targeted = held_back = issued = 0
    for start in range(0, len(ids), sql.CHUNK):
        first, last = ids[start], ids[min(start + sql.CHUNK, len(ids)) - 1]
        members = sql.audience_between(session, offer_id, first, last)
        coupons: dict[int, int] = {}
        if issue is not None:
            coupons = issue([m.member_id for m in members if m.member_id not in held])
        sql.add_members(session, campaign_id, members, held, coupons)
        targeted += len(members)
        held_back += sum(1 for m in members if m.member_id in held)
        issued += len(coupons)
    return targeted, held_back, issued


def _coupon_code(campaign_id: int, member_id: int) -> str:
    secret = "".join(secrets.choice(COUPON_ALPHABET) for _ in range(4))
    return campaign_coupon_code(campaign_id, member_id, secret)


def _require(staff: StaffMember | None, permission: Permission) -> None:
    if staff is not None and not role_allows(staff.role, permission):
        raise CampaignRefused("only a manager may do that", "not_manager")
