"""What every change to the loyalty programme shares: the manager's permission, one unit
of work, and the ``loyalty_rule_changed`` audit event with the values before and after."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import TypeVar

from app.approvers import require_stored
from app.clock import Clock
from app.context import ActionContext
from app.domain.loyalty_admin import OfferSpec, RuleRejected, TierSpec, TopUpRuleSpec
from app.domain.offer_admin import Holiday, OfferStacking, TargetedOfferSpec
from app.domain.staff import Permission, StaffMember
from app.domain.storage import WriteConflict
from app.unit_of_work import UnitOfWork, UnitOfWorkFactory

ACTION = "loyalty_rule_changed"

Key = TypeVar("Key")
Found = TypeVar("Found")
Spec = TierSpec | OfferSpec | TopUpRuleSpec | TargetedOfferSpec | Holiday | OfferStacking


class RuleAdmin:
    """The base of the programme's editors; each public method of a subclass that writes
    calls ``_require`` first, writes in ``_write`` and records ``_audit``."""

    def __init__(self, units: UnitOfWorkFactory, clock: Clock, till_id: str) -> None:
        self._units, self._clock, self._till_id = units, clock, till_id

    def _require(self, staff: StaffMember) -> None:
        with self._units() as uow:
            require_stored(
                uow.staff, staff, Permission.EDIT_LOYALTY_RULES, "edit the loyalty rules"
            )

    @contextmanager
    def _write(self) -> Iterator[UnitOfWork]:
        """One unit, committed when the block ends without an error (a ``return`` too); a
        unique key taken by another till meanwhile is a refusal."""
        try:
            with self._units() as uow:
                yield uow
                uow.commit()
        except WriteConflict as exc:
            raise RuleRejected(
                "another till changed the same rule just now: reload and try again"
            ) from exc

    def _audit(
        self,
        uow: UnitOfWork,
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
        uow.audit.record(context, ACTION, subject, detail)


def existing(lock: Callable[[Key], Found | None], key: Key | None, what: str) -> Found | None:
    """What ``lock`` finds under ``key``, locked (``None`` for a new one, no key); refuses
    a key that is gone."""
    if key is None:
        return None
    found = lock(key)
    if found is None:
        raise RuleRejected(f"this {what} no longer exists: reload")
    return found
