"""Hand-written fakes shared by the tests."""

from __future__ import annotations

from collections.abc import Mapping
from copy import deepcopy
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from app.context import ActionContext
from app.domain.members import MemberId, MemberSummary
from app.domain.tiers import Tier, TierChange, TierId


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now += delta


@dataclass(frozen=True)
class FakeHeld:
    principal: int
    bonus: int

    @property
    def total(self) -> int:
        return self.principal + self.bonus


@dataclass
class FakeStore:
    """What the fake database holds; units copy it on entry and write it back on commit."""

    members: dict[int, MemberSummary] = field(default_factory=dict)
    tiers: dict[int, Tier] = field(default_factory=dict)
    points: list[dict[str, Any]] = field(default_factory=list)
    stored_value: list[dict[str, Any]] = field(default_factory=list)
    audit: list[tuple[ActionContext, str, str, dict[str, object]]] = field(default_factory=list)
    tier_changes: list[tuple[int, int, TierChange]] = field(default_factory=list)
    coupon_offers: dict[str, int] = field(default_factory=dict)
    """Offer code -> id of the active, coupon-only offers."""
    coupons: list[dict[str, Any]] = field(default_factory=list)
    locks_taken: int = 0


class FakeLedgers:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def points_balance(self, member_id: int) -> int:
        return sum(e["delta"] for e in self._store.points if e["member_id"] == member_id)

    def stored_value(self, member_id: int) -> FakeHeld:
        mine = [e for e in self._store.stored_value if e["member_id"] == member_id]
        return FakeHeld(sum(e["principal"] for e in mine), sum(e["bonus"] for e in mine))

    def append_points(
        self,
        *,
        member_id: int,
        delta: int,
        reason: str,
        at: datetime,
        order_id: int | None = None,
        staff_id: int | None = None,
        refund_id: int | None = None,
        reverses_id: int | None = None,
    ) -> None:
        self._store.points.append(
            dict(
                member_id=member_id,
                delta=delta,
                reason=reason,
                at=at,
                order_id=order_id,
                staff_id=staff_id,
                refund_id=refund_id,
                reverses_id=reverses_id,
            )
        )

    def append_stored_value(
        self,
        *,
        member_id: int,
        principal: int,
        bonus: int,
        reason: str,
        at: datetime,
        order_id: int | None = None,
        staff_id: int | None = None,
        refund_id: int | None = None,
        reverses_id: int | None = None,
    ) -> None:
        self._store.stored_value.append(
            dict(
                member_id=member_id,
                principal=principal,
                bonus=bonus,
                reason=reason,
                at=at,
                order_id=order_id,
                staff_id=staff_id,
                refund_id=refund_id,
                reverses_id=reverses_id,
            )
        )


class FakeAuditLog:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def record(
        self,
        context: ActionContext,
        action: str,
        subject: str = "",
        detail: Mapping[str, object] | None = None,
    ) -> None:
        self._store.audit.append((context, action, subject, dict(detail or {})))


class FakeMemberAccounts:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def lock(self, member_id: MemberId) -> MemberSummary:
        self._store.locks_taken += 1
        return self.summary(member_id)

    def summary(self, member_id: MemberId) -> MemberSummary:
        if member_id not in self._store.members:
            raise LookupError(f"member {member_id} does not exist")
        ledgers = FakeLedgers(self._store)
        return replace(
            self._store.members[member_id],
            points=ledgers.points_balance(member_id),
            stored_value=ledgers.stored_value(member_id).total,
        )

    def change_tier(self, member_id: MemberId, change: TierChange) -> None:
        member = self.summary(member_id)
        self._store.tier_changes.append((member_id, member.tier.tier_id, change))
        self._store.members[member_id] = replace(member, tier=self._store.tiers[change.to_tier])


class FakeTiers:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def get(self, tier_id: TierId) -> Tier | None:
        return self._store.tiers.get(tier_id)


class FakeCoupons:
    def __init__(self, store: FakeStore) -> None:
        self._store = store

    def issuable_offer(self, offer_code: str) -> int | None:
        return self._store.coupon_offers.get(offer_code)

    def issue(
        self,
        *,
        member_id: MemberId,
        offer_id: int,
        code: str,
        issued_at: datetime,
        issued_by: int | None,
        expires_on: date,
    ) -> int:
        coupon_id = len(self._store.coupons) + 1
        self._store.coupons.append(
            dict(
                coupon_id=coupon_id,
                member_id=member_id,
                offer_id=offer_id,
                code=code,
                issued_at=issued_at,
                issued_by=issued_by,
                expires_on=expires_on,
            )
        )
        return coupon_id


class FakeUnitOfWork:
    """Works on a copy of the store; ``commit()`` puts the copy back, as a transaction would."""

    def __init__(self, store: FakeStore) -> None:
        self._committed = store
        self._working: FakeStore | None = None
        self.commits = 0

    def __enter__(self) -> FakeUnitOfWork:
        if self._working is not None:
            raise RuntimeError("a unit of work is used once: open a new one")
        self._working = deepcopy(self._committed)
        self.ledgers = FakeLedgers(self._working)
        self.audit = FakeAuditLog(self._working)
        self.members = FakeMemberAccounts(self._working)
        self.tiers = FakeTiers(self._working)
        self.coupons = FakeCoupons(self._working)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._working = FakeStore()  # nothing after the block reaches the store

    def commit(self) -> None:
        assert self._working is not None, "commit inside 'with'"
        for name in self._committed.__dataclass_fields__:
            setattr(self._committed, name, deepcopy(getattr(self._working, name)))
        self.commits += 1


class FakeUnits:
    """A ``UnitOfWorkFactory`` over one ``FakeStore``."""

    def __init__(self, store: FakeStore | None = None) -> None:
        self.store = store or FakeStore()

    def __call__(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.store)
