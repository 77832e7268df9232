"""Resync: the offline journal replayed in order through the same services on the
server's units, under the same request keys, so a replay interrupted anywhere and run
again commits each request once."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from app.approvers import Authoriser
from app.clock import Clock
from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.draft_snapshot import restore
from app.domain.enrolment import EnrolmentForm, EnrolmentProblem, Gender
from app.domain.members import MemberId, MemberSummary
from app.domain.menu import ItemId, MenuItem
from app.domain.offline import JournalEntry, OfflinePlace
from app.domain.order_numbers import offline_number
from app.domain.payment import PaymentMethod, Tender
from app.domain.request_keys import KEEP_DAYS
from app.domain.staff import StaffId, StaffMember
from app.domain.storage import WriteConflict
from app.errors import CheckoutRefused, TillError
from app.offline.cover import CoverShortfall, FrozenClock, PrintedOffline
from app.offline.provisional import STAND_IN, merge_into_known
from app.offline.refunding import replay_refund
from app.services.checkout import CheckoutService
from app.services.enrolment import EnrolmentRefused, EnrolmentService
from app.services.order_numbering import AsNumbered
from app.unit_of_work import UnitOfWork, UnitOfWorkFactory
from db.offline_journal import OfflineJournal

log = logging.getLogger(__name__)

RECORDED_TOGETHER = 25
"""Outcomes written to the local journal in one transaction (one disk sync for 25)."""

ATTEMPTS = 3
"""A sale refused because a balance or price moved between the quote and the lock is
quoted again and retried this often before it is held for a manager."""


STALE_AFTER = timedelta(days=KEEP_DAYS - 1)
"""The server forgets a request key ``KEEP_DAYS`` after the request (the replay claims it
with the sale's own time), so an entry older than that could be committed twice if it
was committed once already by a run cut short; a day's margin covers the clocks."""
STALE = (
    f"sold offline more than {KEEP_DAYS - 1} days ago, so the server may no longer know "
    "whether it was replayed: not replayed (it could be charged twice); check it against "
    "the server's orders and enter it by hand if it is missing"
)


@dataclass(frozen=True)
class ResyncSummary:
    replayed: int
    held: int
    """Entries the server refused (a manager sees them in the journal's outcomes)."""


class Resync:
    def __init__(
        self,
        journal: OfflineJournal,
        server: UnitOfWorkFactory,
        clock: Clock,
        place: OfflinePlace,
        auth: Authoriser,
    ) -> None:
        self._journal, self._server, self._clock = journal, server, clock
        self._place, self._auth = place, auth
        self._staff_by_id: dict[int, StaffMember] = {}
        self._items: dict[ItemId, MenuItem] = {}
        self._provisional: set[int] = set()
        self._sold_to: dict[int, MemberSummary | None] = {}
        """Local members as the copy holds them (the checkout uses only their ids)."""

    def run(self, after_each: Callable[[JournalEntry], None] | None = None) -> ResyncSummary:
        """Replay every waiting entry, oldest first, keeping the server's outcomes in the
        journal 25 at a time. A lost connection (``StorageUnavailable``) ends the run:
        run it again when the server answers; nothing is committed twice."""
        members = self._confirmed_members()
        self._provisional = {
            int(e.member_id) for e in self._journal.entries()
            if e.kind == "enrolment" and e.member_id
        }  # fmt: skip
        replayed = held = 0
        batch: list[tuple[JournalEntry, dict[str, Any]]] = []
        for entry in self._journal.pending():
            outcome = self._replay(entry, members)
            replayed += 1
            held += "held" in outcome
            batch.append((entry, outcome))
            if len(batch) == RECORDED_TOGETHER:
                self._record(batch, after_each)
        self._record(batch, after_each)
        return ResyncSummary(replayed, held)

    def _record(
        self,
        batch: list[tuple[JournalEntry, dict[str, Any]]],
        after_each: Callable[[JournalEntry], None] | None,
    ) -> None:
        """Keep the batch's outcomes in the journal (a crash before this only makes the
        next run ask the server again: the keys answer), then report each entry."""
        self._journal.record_outcomes(
            [(entry.entry_id, outcome) for entry, outcome in batch], self._clock.now()
        )
        for entry, outcome in batch:
            if after_each is not None:
                after_each(replace(entry, outcome=outcome))
        batch.clear()

    def _confirmed_members(self) -> dict[int, int]:
        """Local id of each provisional member already confirmed -> the server's id."""
        return {
            int(e.member_id): int(str(e.outcome["member_id"]))
            for e in self._journal.entries()
            if e.kind == "enrolment" and e.outcome and "member_id" in e.outcome and e.member_id
        }

    def _replay(self, entry: JournalEntry, members: dict[int, int]) -> dict[str, Any]:
        if entry.at < self._clock.now() - STALE_AFTER:
            log.warning("offline %s %s held: too old to replay", entry.kind, entry.request_key)
            return {"held": STALE, "stale": True}
        staff = self._staff(entry.staff_id)
        if entry.kind == "refund":
            return self._refund(entry, staff)
        if entry.kind == "enrolment":
            outcome = self._enrol(entry, staff)
            if entry.member_id is not None and "member_id" in outcome:
                members[int(entry.member_id)] = int(outcome["member_id"])
            return outcome
        for attempt in range(ATTEMPTS):
            try:
                return self._check_out(entry, staff, members, quote=attempt > 0)
            except CheckoutRefused as refused:
                if attempt == ATTEMPTS - 1:
                    log.warning("offline sale %s held: %s", entry.request_key, refused)
                    return {"held": str(refused)}
        raise AssertionError("unreachable")

    def _refund(self, entry: JournalEntry, staff: StaffMember) -> dict[str, Any]:
        """After the sale it refunds (replayed before it, under the number the refund
        names); held when the server refuses it (the sale was held, say)."""
        approver = self._staff(int(str(entry.request["approver_id"])))
        try:
            return replay_refund(entry, self._server, self._place, staff, approver)
        except TillError as refused:
            log.warning("offline refund %s held: %s", entry.request_key, refused)
            return {"held": str(refused)}

    def _staff(self, staff_id: int) -> StaffMember:
        if staff_id not in self._staff_by_id:
            with self._server() as uow:
                account = uow.staff.find(StaffId(staff_id))
            if account is None:
                raise LookupError(f"staff {staff_id} is not on the server")
            self._staff_by_id[staff_id] = account.staff
        return self._staff_by_id[staff_id]

    def _as_sold(self, local_id: Any, server_id: Any) -> MemberSummary | None:
        """The member as the local copy knew them at the sale, under the server's id (only
        the id goes to the checkout, which locks and reads the member on the server)."""
        if local_id is None or server_id is None:
            return None
        if int(local_id) not in self._sold_to:
            self._sold_to[int(local_id)] = self._journal.member(int(local_id))
        found = self._sold_to[int(local_id)]
        return None if found is None else replace(found, member_id=MemberId(int(server_id)))

    def _enrol(self, entry: JournalEntry, staff: StaffMember) -> dict[str, Any]:
        form = _form(entry.request)
        service = EnrolmentService(
            self._server, FrozenClock(entry.at), self._place.till_id, self._auth,
            self._place.read_format,
        )  # fmt: skip
        try:
            member = service.enrol(
                staff,
                form,
                accept_look_alike=bool(entry.request.get("accept_look_alike")),
                request_key=entry.request_key,
            )
        except EnrolmentRefused as refused:
            if EnrolmentProblem.PHONE_TAKEN not in refused.problems:
                return {"held": f"the server refused the enrolment: {refused}"}
            member = merge_into_known(
                self._server, FrozenClock(entry.at), self._place.till_id, self._auth, staff,
                form, entry.request_key,
            )  # fmt: skip
            return {"member_id": int(member.member_id), "reference": member.member_no,
                    "matched": True}  # fmt: skip
        if member.phone.startswith(STAND_IN):  # an earlier run made it: finish the merge
            member = merge_into_known(
                self._server, FrozenClock(entry.at), self._place.till_id, self._auth, staff,
                form, entry.request_key,
            )  # fmt: skip
            return {"member_id": int(member.member_id), "reference": member.member_no,
                    "matched": True}  # fmt: skip
        return {"member_id": int(member.member_id), "reference": member.member_no}

    def _check_out(
        self, entry: JournalEntry, staff: StaffMember, members: dict[int, int], *, quote: bool
    ) -> dict[str, Any]:
        """The sale as the till rang it up; its bill as the offline till priced it, or, when
        ``quote`` (the server refused that), as the server prices it now."""
        saved = dict(entry.request["draft"])  # type: ignore[call-overload]
        local_member = saved.get("member_id")
        if local_member is not None:
            if int(local_member) in self._provisional and int(local_member) not in members:
                raise CheckoutRefused("the member enrolled offline was not confirmed")
            saved["member_id"] = members.get(int(local_member), int(local_member))
        tender_saved: list[Any] = list(entry.request["tender"])  # type: ignore[call-overload]
        method_text, tendered, reference = tender_saved
        local_settlement = (entry.local or {}).get("settlement")
        if not self._items:
            with self._server() as uow:
                self._items = {item.item_id: item for item in uow.menu.all_items()}
        as_sold = self._as_sold(local_member, saved.get("member_id"))
        if as_sold is not None and not quote and isinstance(local_settlement, list):
            # The bill as the offline till priced it: no server read here; the checkout
            # locks and reads the member itself (a member gone from the server is refused).
            draft = _restored_as_sold(saved, self._items, as_sold)
            due = int(local_settlement[1])
        else:
            with self._server() as uow:
                draft = _restored(uow, saved, self._items)
                rules = uow.programme.rules().in_store(self._place.store_id)
                personal = _personal(uow, draft, entry.at.date())
                due = build_bill(_with_points(personal, entry.spent.points), rules, entry.at).due
        method = PaymentMethod(method_text)
        exact = method in (PaymentMethod.STORED_VALUE, PaymentMethod.CARD_TERMINAL)
        tender = Tender(method, due if exact else max(int(tendered), due), str(reference))
        cover = CoverShortfall(
            entry.request_key,
            due if method is PaymentMethod.STORED_VALUE else 0,
            entry.spent.points,
            self._place.till_id,
        )
        printed = (entry.local or {}).get("reference")
        service = CheckoutService(
            self._server, FrozenClock(entry.at), self._place.till_id,
            PrintedOffline(self._journal.slip(str(printed)) if printed else None,
                           self._place.till_id),
            self._place.cutoff_hour, self._place.store_id,
            numbering=AsNumbered(str(printed)) if offline_number(str(printed)) else None,
        )  # fmt: skip
        try:
            completed = service.check_out(draft, tender, staff, cover)
        except LookupError as missing:  # the member's lock found no member
            raise CheckoutRefused("the offline order's member is not on the server") from missing
        except WriteConflict as taken:  # not under this key (that would have answered)
            raise CheckoutRefused(f"the number {printed} is another order's on the server") from (
                taken
            )
        return {
            "order_no": completed.order_no,
            "member_id": int(completed.member.member_id) if completed.member else None,
            "due": completed.settlement.amount,
            "offline_due": local_settlement[1] if isinstance(local_settlement, list) else None,
            "local_order_no": (entry.local or {}).get("reference"),
        }


def _restored_as_sold(
    saved: Mapping[str, Any], items: Mapping[ItemId, MenuItem], member: MemberSummary
) -> OrderDraft:
    restored = restore(saved, items, lambda _member_id: member)
    if restored is None or restored.dishes_left_out:
        raise CheckoutRefused("the offline order names dishes the server does not have")
    return restored.draft


def _restored(
    uow: UnitOfWork, saved: Mapping[str, Any], items: Mapping[ItemId, MenuItem]
) -> OrderDraft:
    restored = restore(saved, items, lambda member_id: uow.members.find(MemberId(member_id)))
    if restored is None or restored.dishes_left_out:
        raise CheckoutRefused("the offline order names dishes the server does not have")
    if saved.get("member_id") is not None and restored.draft.member is None:
        raise CheckoutRefused("the offline order's member is not on the server")
    return restored.draft


def _personal(uow: UnitOfWork, draft: OrderDraft, today: date) -> OrderDraft:
    """The draft with the member's own offers, as the checkout prices it."""
    if draft.member is None:
        return draft
    priced = _copy(draft)
    priced.set_member(uow.programme.personal(draft.member, today))
    return priced


def _copy(draft: OrderDraft) -> OrderDraft:
    copied = OrderDraft(draft.service_type, draft.table_no, draft.party_size)
    for line in draft.lines():
        copied.set_quantity(line.item, line.quantity)
    if draft.member is not None:
        copied.set_member(draft.member)
    copied.top_up_amount, copied.redeem_points = draft.top_up_amount, draft.redeem_points
    return copied


def _with_points(draft: OrderDraft, points: int) -> OrderDraft:
    """The draft priced as the replay will price it once a points shortfall is covered."""
    if draft.member is None or draft.member.points >= points:
        return draft
    priced = _copy(draft)
    priced.set_member(replace(draft.member, points=points))
    return priced


def _form(request: Mapping[str, Any]) -> EnrolmentForm:
    birthday = request.get("birthday")
    return EnrolmentForm(
        phone=str(request["phone"]),
        name=str(request["name"]),
        birthday=date.fromisoformat(birthday) if birthday else None,
        gender=Gender(request.get("gender", "")),
        card=str(request.get("card", "")),
        preferences=str(request.get("preferences", "")),
        allergies=str(request.get("allergies", "")),
        marketing_consent=bool(request.get("marketing_consent")),
    )
