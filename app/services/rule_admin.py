"""What every change to the loyalty programme shares: the manager's permission, one
transaction, and the ``loyalty_rule_changed`` audit event with the values before and after."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock
from app.context import ActionContext
from app.domain.loyalty_admin import OfferSpec, RuleRejected, TierSpec, TopUpRuleSpec
from app.domain.offer_admin import Holiday, OfferStacking, TargetedOfferSpec
from app.domain.staff import Permission, StaffMember, role_allows
from app.errors import PermissionDenied
from db.audit_log import SqlAuditLog
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
        context = ActionContext.begin(self._clock, self._till_id, staff.staff_id)
        SqlAuditLog(session).record(context, ACTION, subject, detail)


def existing(session: Session, table: type[Row], row_id: object, what: str) -> Row | None:
    """The row to update, locked (``None`` for a new one); refuses an id that is gone."""
    if row_id is None:
        return None
    row = session.get(table, row_id, with_for_update=True)
    if row is None:
        raise RuleRejected(f"this {what} no longer exists: reload")
    return row
