"""Refunds on the local copy of the orders this till sold offline and has not resynced
yet: ``RefundService`` over the copy's units, journalled in the refund's own transaction,
and replayed on the server once, after the sale it refunds (the journal's order), under
the same request key and the sale's own number.

Only those orders: the copy holds no other order of the server's, and an order already
resynced may have been refunded online since. The rest needs the server
(``OfflineRefused``, reason ``refund``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from app.approvers import Authoriser, require_stored
from app.clock import Clock
from app.domain.approvals import Approval, ReasonCode
from app.domain.offline import JournalEntry, OfflinePlace, OfflineSpend
from app.domain.request_keys import new_request_key
from app.domain.staff import Permission, StaffMember
from app.offline.cover import FrozenClock
from app.offline.selling import OfflineRefused
from app.services.refunds import (
    Extra,
    RecentOrder,
    RefundPreview,
    RefundService,
    RefundSlips,
)
from app.unit_of_work import UnitOfWork, UnitOfWorkFactory
from db.engine import session_factory
from db.local_copy.offer_uses import CopyUnitOfWork
from db.local_copy.waiting import writer_lock
from db.offline_journal import JournallingUnitOfWork, OfflineJournal, ensure_journal

NEEDS_SERVER = (
    "only the orders this till sold offline since the server went can be refunded "
    "offline: this one's refund needs the server"
)


@dataclass(frozen=True)
class ApprovedAlready:
    """The ``Authoriser`` of a refund whose approver is known already (approved on the
    copy at the counter, or named by the journal on replay): that person's stored role
    must still allow it where the refund is written."""

    units: UnitOfWorkFactory
    approver: StaffMember

    def authorise(self, approval: Approval | None, permission: Permission) -> StaffMember:
        self.require(self.approver, permission)
        return self.approver

    def require(self, staff: StaffMember, permission: Permission) -> None:
        with self.units() as uow:
            require_stored(uow.staff, staff, permission)


class SlipPrintedOffline:
    """The refund slip queue of a replay: the slip was printed by the offline till."""

    def enqueue_refund(self, uow: UnitOfWork, *_args: object) -> None:
        return None

    def notify(self) -> None:
        return None


class OfflineRefunds:
    """The refund dialog's service while the counter sells on the copy at ``local``."""

    def __init__(
        self,
        local: Engine,
        clock: Clock,
        place: OfflinePlace,
        slips: RefundSlips,
        auth: Authoriser,
    ) -> None:
        ensure_journal(local)
        self._sessions = session_factory(local)
        self._journal = OfflineJournal(local)
        self._clock, self._place, self._slips, self._auth = clock, place, slips, auth
        self._one_at_a_time = writer_lock(Path(str(local.url.database)))

    def _units(self) -> UnitOfWork:
        return CopyUnitOfWork(self._sessions)

    def _service(self, units: UnitOfWorkFactory, clock: Clock, auth: Authoriser) -> RefundService:
        return RefundService(units, clock, self._place.till_id, auth, self._slips)

    def _sold_offline(self) -> dict[str, JournalEntry]:
        """This outage's sales (waiting for the resync) by their order numbers."""
        return {
            str((entry.local or {}).get("reference")): entry
            for entry in self._journal.pending()
            if entry.kind == "checkout"
        }

    def _refusing_others(self, order_no: str) -> JournalEntry:
        sale = self._sold_offline().get(order_no.strip())
        if sale is None:
            raise OfflineRefused(NEEDS_SERVER, "refund")
        return sale

    def recent(self, limit: int = 30) -> list[RecentOrder]:
        """This outage's offline orders, newest first."""
        ours = self._sold_offline()
        found = self._service(self._units, self._clock, self._auth).recent(limit)
        return [order for order in found if order.order_no in ours]

    def preview(
        self,
        order_no: str,
        units: Mapping[int, int] | None = None,
        extras: Collection[Extra] | None = None,
    ) -> RefundPreview:
        self._refusing_others(order_no)
        return self._service(self._units, self._clock, self._auth).preview(order_no, units, extras)

    def needs_approval(self, staff: StaffMember, amount: int) -> bool:
        return self._service(self._units, self._clock, self._auth).needs_approval(staff, amount)

    def refund(
        self,
        order_no: str,
        staff: StaffMember,
        reason: ReasonCode,
        note: str = "",
        approval: Approval | None = None,
        units: Mapping[int, int] | None = None,
        extras: Collection[Extra] | None = None,
        request_key: str | None = None,
    ) -> RefundPreview:
        """As ``RefundService.refund``, on the copy, journalled; what the refund gives back
        to the member's stored value and points is given back to their offline allowance."""
        order_no, key = order_no.strip(), request_key or new_request_key()
        sale = self._refusing_others(order_no)
        with self._one_at_a_time:
            now = self._clock.now()
            plain = self._service(self._units, FrozenClock(now), self._auth)
            if self._journal.holds(key):  # a retry: the refund committed under the key
                return plain.refund(order_no, staff, reason, note, None, units, extras, key)
            preview = plain.preview(order_no, units, extras)
            if plain.needs_approval(staff, preview.value):
                approver = self._auth.authorise(approval, Permission.REFUND)
            else:
                self._auth.require(staff, Permission.REFUND)
                approver = staff
            entry = JournalEntry(
                kind="refund",
                request_key=key,
                at=now,
                staff_id=int(staff.staff_id),
                request=refund_request(order_no, reason, note, units, extras, approver),
                member_id=sale.member_id,
                spent=OfflineSpend(-preview.stored_value_back.total, -preview.points_back),
            )
            journalled = partial(JournallingUnitOfWork, self._sessions, entry)
            service = self._service(
                journalled, FrozenClock(now), ApprovedAlready(self._units, approver)
            )
            return service.refund(
                order_no, staff, reason, note, None, units, extras, request_key=key
            )


def refund_request(
    order_no: str,
    reason: ReasonCode,
    note: str,
    units: Mapping[int, int] | None,
    extras: Collection[Extra] | None,
    approver: StaffMember,
) -> dict[str, Any]:
    """The journal's record of a refund (JSON-ready), as its replay sends it again."""
    return {
        "order_no": order_no,
        "reason": reason.value,
        "note": note,
        "units": None if units is None else {str(p): n for p, n in units.items()},
        "extras": None if extras is None else sorted(extra.value for extra in extras),
        "approver_id": int(approver.staff_id),
    }


def replay_refund(
    entry: JournalEntry,
    server: UnitOfWorkFactory,
    place: OfflinePlace,
    staff: StaffMember,
    approver: StaffMember,
) -> dict[str, Any]:
    """The refund sent to the server as the counter sent it offline: same key, time,
    order number, lines, reason and approver. ``RefundRefused`` (and the other refusals)
    reach the caller, which holds the entry."""
    request = entry.request
    raw_units = request.get("units")
    raw_extras = request.get("extras")
    units = (
        None if raw_units is None else {int(p): int(n) for p, n in dict(raw_units).items()}  # type: ignore[call-overload]
    )
    extras = None if raw_extras is None else {Extra(e) for e in raw_extras}  # type: ignore[attr-defined]
    service = RefundService(
        server,
        FrozenClock(entry.at),
        place.till_id,
        ApprovedAlready(server, approver),
        SlipPrintedOffline(),
    )
    order_no = str(request["order_no"])
    done = service.refund(
        order_no,
        staff,
        ReasonCode(str(request["reason"])),
        str(request.get("note", "")),
        None,
        units,
        extras,
        request_key=entry.request_key,
    )
    return {"refunded": order_no, "reference": order_no, "money_back": done.money_back}
