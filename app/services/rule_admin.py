"""What every change to the loyalty programme shares: the manager's permission, one
transaction, and the ``loyalty_rule_changed`` audit event with the values before and after."""

from __future__ import annotations

import enum
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date, time
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock
from app.domain.loyalty_admin import OfferSpec, RuleRejected, TierSpec, TopUpRuleSpec
from app.domain.offer_admin import Holiday, OfferStacking, TargetedOfferSpec
from app.domain.staff import Permission, StaffMember, role_allows
from app.errors import PermissionDenied
from db import queries
from db.models import Base

ACTION = "loyalty_rule_changed"

Row = TypeVar("Row", bound=Base)
Spec = TierSpec | OfferSpec | TopUpRuleSpec | TargetedOfferSpec | Holiday | OfferStacking


class RuleAdmin:
    """The base of the programme's editors; each public method of a subclass that writes
    calls ``_require`` first, writes in ``_write`` and records ``_audit``."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock, till_id: str) -> None:
        self._sessions, self._clock, self._till_id = sessions, clock, till_id

    def _require(self, staff: StaffMember) -> None:
        if not role_allows(staff.role, Permission.EDIT_LOYALTY_RULES):
            raise PermissionDenied(f"{staff.display_name} may not edit the loyalty rules")

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One transaction; a unique key taken by another till meanwhile is a refusal."""
        try:
            with self._sessions.begin() as session:
                yield session
        except IntegrityError as exc:
            raise RuleRejected(
                "another till changed the same rule just now: reload and try again"
            ) from exc

    def _audit(
        self,
        session: Session,
        staff: StaffMember,
        subject: str,
        before: Spec | None,
        after: Spec | None,
    ) -> None:
        detail = {
            "before": asdict(before) if before is not None else None,
            "after": asdict(after) if after is not None else None,
        }
        queries.record_audit(
            session,
            at=self._clock.now(),
            till_id=self._till_id,
            staff_id=staff.staff_id,
            action=ACTION,
            subject=subject,
            detail=json.dumps(detail, default=_plain, ensure_ascii=False, sort_keys=True),
        )


def existing(session: Session, table: type[Row], row_id: object, what: str) -> Row | None:
    """The row to update, locked (``None`` for a new one); refuses an id that is gone."""
    if row_id is None:
        return None
    row = session.get(table, row_id, with_for_update=True)
    if row is None:
        raise RuleRejected(f"this {what} no longer exists: reload")
    return row


def _plain(value: object) -> object:
    if isinstance(value, frozenset | set):
        return sorted(value, key=_sort_key)
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    raise TypeError(f"{type(value).__name__} in an audit detail")


def _sort_key(value: object) -> Any:  # the members of one set are of one type
    return value.value if isinstance(value, enum.Enum) else value
