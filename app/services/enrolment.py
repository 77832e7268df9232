"""Enrol a new member at the till and issue cards, refusing duplicates."""

from __future__ import annotations

from dataclasses import dataclass

from app.approvers import Authoriser
from app.clock import Clock
from app.context import ActionContext
from app.domain.card_formats import DEFAULT_FORMAT, ReadFormat
from app.domain.card_reads import CardRead, card_read
from app.domain.enrolment import (
    EnrolmentForm,
    EnrolmentProblem,
    NewMember,
    clean_name,
    form_problems,
    names_look_alike,
)
from app.domain.members import MemberCandidate, MemberId, MemberSummary
from app.domain.membership_term import expiry_after_term
from app.domain.phone import normalise_phone
from app.domain.request_keys import RequestKind, fingerprint
from app.domain.rfm import Segment
from app.domain.staff import Permission, StaffMember
from app.domain.storage import WriteConflict
from app.errors import TillError
from app.once.keys import claim, committed_outcome, once_more_if_taken
from app.unit_of_work import UnitOfWork, UnitOfWorkFactory


class EnrolmentRefused(TillError):
    """``problems`` says what to fix; ``matches`` are the existing members in the way."""

    def __init__(
        self, problems: list[EnrolmentProblem], matches: tuple[MemberCandidate, ...] = ()
    ) -> None:
        super().__init__(", ".join(p.value for p in problems))
        self.problems = problems
        self.matches = matches


class CardRefused(TillError):
    def __init__(self, problem: EnrolmentProblem, holder: MemberCandidate | None = None) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.holder = holder


@dataclass(frozen=True)
class DuplicateCheck:
    problems: list[EnrolmentProblem]
    matches: tuple[MemberCandidate, ...]


class EnrolmentService:
    """``read_format`` is the till's card reader's: typed card numbers are read as it
    sends them (the printed decimal of an EM4100 card, for one)."""

    def __init__(
        self,
        units: UnitOfWorkFactory,
        clock: Clock,
        till_id: str,
        auth: Authoriser,
        read_format: ReadFormat = DEFAULT_FORMAT,
    ) -> None:
        self._units, self._clock, self._till_id, self._auth = units, clock, till_id, auth
        self._format = read_format

    def check(self, form: EnrolmentForm) -> DuplicateCheck:
        """Everything wrong with ``form``, including existing members it collides with."""
        with self._units() as uow:
            return self._check(uow, form)

    def enrol(
        self,
        staff: StaffMember,
        form: EnrolmentForm,
        *,
        accept_look_alike: bool = False,
        request_key: str | None = None,
    ) -> MemberSummary:
        """Create the member (and their card) in one transaction.

        A phone or card already in use is always refused. A member with a near-identical
        name and the same birthday is refused unless the cashier confirmed it is
        someone else (``accept_look_alike``). With a ``request_key`` (an offline enrolment
        replayed) it commits once: a retry gets the member enrolled under the key.
        """
        self._auth.require(staff, Permission.ENROL_MEMBERS)
        return once_more_if_taken(lambda: self._enrol(staff, form, accept_look_alike, request_key))

    def _enrol(
        self,
        staff: StaffMember,
        form: EnrolmentForm,
        accept_look_alike: bool,
        request_key: str | None,
    ) -> MemberSummary:
        action = ActionContext.begin(self._clock, self._till_id, staff.staff_id)
        today = action.now.date()
        asked = fingerprint(RequestKind.ENROLMENT, {"phone": form.phone, "name": form.name})
        with self._units() as uow:
            prior = committed_outcome(uow, request_key, RequestKind.ENROLMENT, asked)
            if prior is not None:
                return uow.members.summary(MemberId(int(prior["member_id"])))
            check = self._check(uow, form)
            problems = [
                p
                for p in check.problems
                if not (accept_look_alike and p is EnrolmentProblem.LOOKS_LIKE_EXISTING)
            ]
            if problems:
                raise EnrolmentRefused(problems, check.matches)
            phone = normalise_phone(form.phone)
            assert phone is not None, "checked above"
            new = NewMember(
                name=clean_name(form.name),
                phone=phone,
                birthday=form.birthday,
                gender=form.gender,
                tier_id=uow.tiers.ranked()[0].tier_id,  # the entry tier
                joined_on=today,
                expires_on=expiry_after_term(today),
                preferences=form.preferences.strip(),
                allergies=form.allergies.strip(),
                marketing_consent=form.marketing_consent,
                segment=Segment.NEW.value,  # until the daily job scores them
                enrolled_by=staff.staff_id,
                created_at=action.now,
                till_id=self._till_id,
            )
            try:
                member_id = uow.members.add(new)
            except WriteConflict as error:  # another till took the phone a moment ago
                raise EnrolmentRefused([EnrolmentProblem.PHONE_TAKEN]) from error
            card = card_read(form.card, self._format)
            card_no = "" if card is None else card.identity
            if card_no:
                uow.members.issue_card(member_id, card_no, action.now, block_others=False)
            member = uow.members.summary(member_id)
            uow.audit.record(action, "member_enrolled", member.member_no, {"card": bool(card_no)})
            claim(uow, request_key, RequestKind.ENROLMENT, asked, self._till_id, action.now,
                  {"reference": member.member_no, "member_id": int(member_id)})  # fmt: skip
            uow.commit()
            return member

    def issue_card(
        self, staff: StaffMember, member_id: MemberId, raw: str, *, block_others: bool
    ) -> str:
        """Give the member a new card; ``block_others`` reports their old cards lost."""
        self._auth.require(staff, Permission.ENROL_MEMBERS)
        card = card_read(raw, self._format)
        if card is None:
            raise CardRefused(EnrolmentProblem.CARD_UNREADABLE)
        card_no = card.identity
        action = ActionContext.begin(self._clock, self._till_id, staff.staff_id)
        with self._units() as uow:
            holder = _holder(uow, card)
            if holder is not None:
                raise CardRefused(EnrolmentProblem.CARD_TAKEN, holder)
            member = uow.members.summary(member_id)
            uow.members.issue_card(member_id, card_no, action.now, block_others=block_others)
            detail = {"card": f"…{card_no[-4:]}", "blocked_others": block_others}
            uow.audit.record(action, "card_issued", member.member_no, detail)
            uow.commit()
        return card_no

    def _check(self, uow: UnitOfWork, form: EnrolmentForm) -> DuplicateCheck:
        problems = form_problems(form, self._clock.now().date())
        matches: list[MemberCandidate] = []
        phone = normalise_phone(form.phone)
        if phone is not None:
            holder = uow.members.by_phone(phone)
            if holder is not None:
                problems.append(EnrolmentProblem.PHONE_TAKEN)
                matches.append(holder)
        if form.card.strip():
            card = card_read(form.card, self._format)
            if card is None:
                problems.append(EnrolmentProblem.CARD_UNREADABLE)
            else:
                holder = _holder(uow, card)
                if holder is not None:
                    problems.append(EnrolmentProblem.CARD_TAKEN)
                    matches.append(holder)
        if form.birthday is not None and clean_name(form.name):
            same_day = uow.members.born_on(form.birthday)
            alike = [m for m in same_day if names_look_alike(m.name, form.name)]
            if alike:
                problems.append(EnrolmentProblem.LOOKS_LIKE_EXISTING)
                matches.extend(alike)
        unique = {m.member_id: m for m in matches}
        return DuplicateCheck(problems, tuple(unique.values()))


def _holder(uow: UnitOfWork, card: CardRead) -> MemberCandidate | None:
    """Who holds the card; for a Wiegand-26 read, anyone whose EM card shares its bits."""
    for identity in card.candidates:
        holder = uow.members.card_holder(identity)
        if holder is not None:
            return holder
    return None
