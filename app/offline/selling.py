"""Selling on the local copy: ``CheckoutService`` and ``EnrolmentService`` over the local
file's units, each request journalled in the sale's own transaction, spending held to the
member's offline allowance."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from functools import partial
from pathlib import Path

from sqlalchemy import Engine

from app.approvers import Authoriser
from app.clock import Clock
from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.draft_snapshot import snapshot
from app.domain.enrolment import EnrolmentForm
from app.domain.members import MemberSummary
from app.domain.offline import (
    JournalEntry,
    OfflinePlace,
    OfflineSpend,
    allowance_of,
    allowance_refusal,
)
from app.domain.order_numbers import OFFLINE_MARK
from app.domain.payment import PaymentMethod, Tender
from app.domain.request_keys import new_request_key
from app.domain.staff import StaffMember
from app.errors import TillError
from app.offline.cover import FrozenClock
from app.services.checkout import CheckoutService, ReceiptQueue
from app.services.checkout_types import CompletedOrder
from app.services.enrolment import EnrolmentService
from app.services.order_numbering import OfflineNumbers
from db.engine import session_factory
from db.local_copy.offer_uses import CopyUnitOfWork
from db.local_copy.waiting import writer_lock
from db.offline_journal import JournallingUnitOfWork, OfflineJournal, ensure_journal

OFFLINE_ORDER_MARKER = OFFLINE_MARK
"""Offline order numbers read ``T1-20261122-L0001`` (``app.domain.order_numbers``): apart
from the server's, never repeated for a till and day, and kept by the replayed order."""


class OfflineRefused(TillError):
    """What the till cannot do offline, or what goes beyond a member's allowance.
    ``reason`` names which (``renewal``, ``discounts``, ``top_up``, ``stored_value``,
    ``points``) and ``room`` what the allowance still lets the member spend, so a screen
    can say it in the cashier's language."""

    def __init__(self, message: str, reason: str = "", room: int = 0) -> None:
        super().__init__(message)
        self.reason, self.room = reason, room


class OfflineSeller:
    """The till's sales while the server is down, on ``local`` (the local copy's engine).

    One seller per till; its calls are serialised, so an allowance is checked and spent
    without another sale of the same till in between.
    """

    def __init__(
        self,
        local: Engine,
        clock: Clock,
        place: OfflinePlace,
        receipts: ReceiptQueue,
        auth: Authoriser,
    ) -> None:
        ensure_journal(local)
        self._sessions = session_factory(local)
        self.journal = OfflineJournal(local)
        self._clock, self._place, self._receipts, self._auth = clock, place, receipts, auth
        # Also keeps a build of the copy from swapping the file during a sale.
        self._one_at_a_time = writer_lock(Path(str(local.url.database)))

    def check_out(self, draft: OrderDraft, tender: Tender, cashier: StaffMember) -> CompletedOrder:
        """Sell on the local copy; ``OfflineRefused`` for what needs the server or goes
        beyond the member's allowance. The order's ``request_key`` (made now if the till
        has none yet) is the one the resync sends to the server."""
        _refuse_what_needs_the_server(draft, tender)
        if draft.request_key is None:
            draft.request_key = new_request_key()
        with self._one_at_a_time:
            now = self._clock.now()
            spent = self._check_allowance(draft, tender, now)
            entry = JournalEntry(
                kind="checkout",
                request_key=draft.request_key,
                at=now,
                staff_id=int(cashier.staff_id),
                request={
                    "draft": snapshot(draft),
                    "tender": [tender.method.value, tender.tendered, tender.reference],
                },
                member_id=int(draft.member.member_id) if draft.member else None,
                spent=spent,
            )
            place = self._place
            service = CheckoutService(
                partial(JournallingUnitOfWork, self._sessions, entry),
                FrozenClock(now),
                place.till_id,
                self._receipts,
                place.cutoff_hour,
                place.store_id,
                numbering=OfflineNumbers(),
            )
            return service.check_out(draft, tender, cashier)

    def enrol(
        self, staff: StaffMember, form: EnrolmentForm, *, accept_look_alike: bool = False
    ) -> MemberSummary:
        """A member with a provisional number (``P<till>-<n>``) the resync confirms."""
        key = new_request_key()
        with self._one_at_a_time:
            now = self._clock.now()
            request = asdict(form)
            request.update(
                birthday=form.birthday.isoformat() if form.birthday else None,
                gender=form.gender.value,
                accept_look_alike=accept_look_alike,
            )
            entry = JournalEntry("enrolment", key, now, int(staff.staff_id), request)
            units = partial(
                JournallingUnitOfWork, self._sessions, entry, provisional=f"P{self._place.till_id}-"
            )
            service = EnrolmentService(
                units, FrozenClock(now), self._place.till_id, self._auth, self._place.read_format
            )
            enrolled = service.enrol(
                staff, form, accept_look_alike=accept_look_alike, request_key=key
            )
            with CopyUnitOfWork(self._sessions) as uow:
                return uow.members.summary(enrolled.member_id)

    def _check_allowance(self, draft: OrderDraft, tender: Tender, now: datetime) -> OfflineSpend:
        if draft.member is None:
            return OfflineSpend()
        with CopyUnitOfWork(self._sessions) as uow:
            member = uow.members.summary(draft.member.member_id)
            personal = uow.programme.personal(member, now.date())
            rules = uow.programme.rules().in_store(self._place.store_id)
            priced = OrderDraft(draft.service_type, draft.table_no, draft.party_size)
            for line in draft.lines():
                priced.set_quantity(line.item, line.quantity)
            priced.set_member(personal)
            priced.top_up_amount, priced.redeem_points = draft.top_up_amount, draft.redeem_points
            bill = build_bill(priced, rules, now)
            allowance = allowance_of(uow.restaurant.settings(), member.tier.code)
        paid_from_value = tender.method is PaymentMethod.STORED_VALUE
        wanted = OfflineSpend(bill.due if paid_from_value else 0, bill.points_redeemed)
        if not wanted.stored_value and not wanted.points:
            return wanted
        known = OfflineSpend(member.stored_value, member.points)
        spent = self.journal.spent_since_resync(int(member.member_id))
        refusal = allowance_refusal(known, spent, wanted, allowance)
        if refusal is not None:
            value = min(known.stored_value, allowance.stored_value - spent.stored_value)
            if wanted.stored_value > value:
                raise OfflineRefused(refusal, "stored_value", max(0, value))
            points = min(known.points, allowance.points - spent.points)
            raise OfflineRefused(refusal, "points", max(0, points))
        return wanted


def _refuse_what_needs_the_server(draft: OrderDraft, tender: Tender) -> None:
    if draft.renewal is not None or draft.upgrade is not None:
        raise OfflineRefused(
            "renewals and upgrades need the server: take them when it is back", "renewal"
        )
    if draft.manual_discounts or draft.coupon_ids:
        raise OfflineRefused(
            "coupons and manual discounts need the server: remove them or wait until it is back",
            "discounts",
        )
    if draft.top_up_amount and tender.method is not PaymentMethod.CASH:
        raise OfflineRefused("offline, a top-up is taken in cash only", "top_up")
