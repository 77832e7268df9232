"""Enrol a new member at the till and issue cards, refusing duplicates."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock
from app.context import ActionContext
from app.domain.card_reads import ReadKind, UnreadableCard, decode_read
from app.domain.enrolment import (
    EnrolmentForm,
    EnrolmentProblem,
    clean_name,
    form_problems,
    names_look_alike,
)
from app.domain.members import MemberCandidate, MemberId, MemberSummary
from app.domain.membership_term import expiry_after_term
from app.domain.phone import clean_lookup_text, normalise_phone
from app.domain.rfm import Segment
from app.domain.staff import Permission, StaffMember
from app.errors import TillError
from app.services.auth import AuthService
from app.services.mapping import member_candidate
from app.services.search_index import write_member_keys
from db import queries
from db.audit_log import SqlAuditLog
from db.member_accounts import member_summary
from db.models import CardRow, MemberRow, TierRow


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
    def __init__(
        self, sessions: sessionmaker[Session], clock: Clock, till_id: str, auth: AuthService
    ) -> None:
        self._sessions, self._clock, self._till_id, self._auth = sessions, clock, till_id, auth

    def check(self, form: EnrolmentForm) -> DuplicateCheck:
        """Everything wrong with ``form``, including existing members it collides with."""
        with self._sessions() as session:
            return self._check(session, form)

    def enrol(
        self, staff: StaffMember, form: EnrolmentForm, *, accept_look_alike: bool = False
    ) -> MemberSummary:
        """Create the member (and their card) in one transaction.

        A phone or card already in use is always refused. A member with a near-identical
        name and the same birthday is refused unless the cashier confirmed it is
        someone else (``accept_look_alike``).
        """
        self._auth.require(staff, Permission.ENROL_MEMBERS)
        today = self._clock.now().date()
        with self._sessions.begin() as session:
            check = self._check(session, form)
            problems = [
                p
                for p in check.problems
                if not (accept_look_alike and p is EnrolmentProblem.LOOKS_LIKE_EXISTING)
            ]
            if problems:
                raise EnrolmentRefused(problems, check.matches)
            phone = normalise_phone(form.phone)
            assert phone is not None, "checked above"
            row = MemberRow(
                member_no=f"NEW-{uuid.uuid4().hex[:16]}",
                name=clean_name(form.name),
                phone=phone,
                phone_last4=phone[-4:],
                birthday=form.birthday,
                gender=form.gender.value,
                tier_id=_entry_tier(session),
                joined_on=today,
                expires_on=expiry_after_term(today),
                preferences=form.preferences.strip(),
                allergies=form.allergies.strip(),
                marketing_consent=form.marketing_consent,
                source_channel="till",
                enrolled_by_id=staff.staff_id,
                segment=Segment.NEW.value,  # until the daily job scores them
                created_at=self._clock.now(),
            )
            session.add(row)
            try:
                session.flush()
            except IntegrityError as error:  # another till took the phone a moment ago
                raise EnrolmentRefused([EnrolmentProblem.PHONE_TAKEN]) from error
            row.member_no = f"M{row.id:07d}"
            write_member_keys(session, row.id, row.name)
            card_no = _card_number(form.card)
            if card_no:
                session.add(CardRow(card_no=card_no, member_id=row.id, issued_at=self._clock.now()))
            self._audit(session, staff, "member_enrolled", row.member_no, {"card": bool(card_no)})
            session.flush()
            return member_summary(session, row)

    def issue_card(
        self, staff: StaffMember, member_id: MemberId, raw: str, *, block_others: bool
    ) -> str:
        """Give the member a new card; ``block_others`` reports their old cards lost."""
        self._auth.require(staff, Permission.ENROL_MEMBERS)
        card_no = _card_number(raw)
        if not card_no:
            raise CardRefused(EnrolmentProblem.CARD_UNREADABLE)
        with self._sessions.begin() as session:
            existing = queries.card_by_number(session, card_no)
            if existing is not None:
                holder = queries.member_by_id(session, existing.member_id)
                raise CardRefused(
                    EnrolmentProblem.CARD_TAKEN,
                    None if holder is None else member_candidate(session, holder),
                )
            member = queries.member_by_id(session, member_id)
            assert member is not None, "members are never deleted"
            if block_others:
                session.execute(
                    update(CardRow)
                    .where(CardRow.member_id == member_id, CardRow.status == "active")
                    .values(status="blocked")
                )
            session.add(CardRow(card_no=card_no, member_id=member_id, issued_at=self._clock.now()))
            detail = {"card": f"…{card_no[-4:]}", "blocked_others": block_others}
            self._audit(session, staff, "card_issued", member.member_no, detail)
        return card_no

    def _check(self, session: Session, form: EnrolmentForm) -> DuplicateCheck:
        problems = form_problems(form, self._clock.now().date())
        matches: list[MemberCandidate] = []
        phone = normalise_phone(form.phone)
        if phone is not None:
            holder = queries.member_by_phone(session, phone)
            if holder is not None:
                problems.append(EnrolmentProblem.PHONE_TAKEN)
                matches.append(member_candidate(session, holder))
        if form.card.strip():
            card_no = _card_number(form.card)
            if not card_no:
                problems.append(EnrolmentProblem.CARD_UNREADABLE)
            else:
                card = queries.card_by_number(session, card_no)
                if card is not None:
                    problems.append(EnrolmentProblem.CARD_TAKEN)
                    holder = queries.member_by_id(session, card.member_id)
                    if holder is not None:
                        matches.append(member_candidate(session, holder))
        if form.birthday is not None and clean_name(form.name):
            same_day = session.scalars(
                select(MemberRow).where(
                    MemberRow.birthday == form.birthday, MemberRow.merged_into_id.is_(None)
                )
            )
            alike = [m for m in same_day if names_look_alike(m.name, form.name)]
            if alike:
                problems.append(EnrolmentProblem.LOOKS_LIKE_EXISTING)
                matches.extend(member_candidate(session, m) for m in alike)
        unique = {m.member_id: m for m in matches}
        return DuplicateCheck(problems, tuple(unique.values()))

    def _audit(
        self,
        session: Session,
        staff: StaffMember,
        action: str,
        subject: str,
        detail: Mapping[str, object],
    ) -> None:
        SqlAuditLog(session).record(
            ActionContext(staff.staff_id, self._till_id, self._clock.now()),
            action,
            subject,
            detail,
        )


def _card_number(raw: str) -> str:
    """The card number a read or typed text names, or ``""`` when it names none."""
    if not clean_lookup_text(raw):
        return ""
    read = decode_read(raw)
    if isinstance(read, UnreadableCard) or read.kind is ReadKind.MEMBER_CODE:
        return ""
    return read.value


def _entry_tier(session: Session) -> int:
    tier_id = session.scalar(select(TierRow.id).order_by(TierRow.rank).limit(1))
    assert tier_id is not None, "a restaurant has at least one tier"
    return tier_id
