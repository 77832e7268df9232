"""Manual discounts a cashier gives at the till, each approved once for this order.

A manual discount comes last: after the tier discount and the offers, on what is left
of its line (or of the whole order). It is either a percentage or an amount off, and
never more than the amount approved: a percentage approved as "10% off, ¥12.80" stays
at most ¥12.80 when more dishes are added afterwards, so adding items after the
approval never widens it. An order discount is spread over the lines in proportion to
what is left of each (``money.allocate``), so the lines add up to the order.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from app.domain.approvals import ReasonCode
from app.domain.menu import ItemId
from app.domain.money import BASIS_POINTS_PER_WHOLE, allocate, apply_basis_points
from app.domain.pricing import PricedLine, PricedOrder, points_for

MAX_NOTE_LENGTH = 200


class DiscountKind(enum.Enum):
    PERCENT = "percent"
    """``value`` is in basis points: 1000 is 10% off."""
    AMOUNT = "amount"
    """``value`` is in minor units off."""


class ManualDiscountRejected(ValueError):
    """The discount asked for makes no sense (nothing to take off, over 100%, …)."""


@dataclass(frozen=True)
class DiscountRequest:
    """What the cashier asks for, before anyone approves it."""

    kind: DiscountKind
    value: int
    reason: ReasonCode
    item_id: ItemId | None = None
    """The line it is on; ``None``: the whole order."""
    note: str = ""


@dataclass(frozen=True)
class ManualDiscount:
    """A request once approved: ``limit`` is the amount approved, ``grant_id`` the
    approval's record, used by one order only."""

    request: DiscountRequest
    limit: int
    grant_id: int
    approver_name: str


@dataclass(frozen=True)
class AppliedManualDiscount:
    discount: ManualDiscount
    amount: int
    line_amounts: tuple[int, ...]


def check_request(request: DiscountRequest) -> DiscountRequest:
    """The request, cleaned; ``ManualDiscountRejected`` if it cannot be given."""
    if request.value <= 0:
        raise ManualDiscountRejected("a manual discount takes something off")
    if request.kind is DiscountKind.PERCENT and request.value > BASIS_POINTS_PER_WHOLE:
        raise ManualDiscountRejected("a discount is at most 100%")
    note = request.note.strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise ManualDiscountRejected(f"the note is at most {MAX_NOTE_LENGTH} characters")
    if request.reason is ReasonCode.OTHER and not note:
        raise ManualDiscountRejected("say why in the note when the reason is 'other'")
    return replace(request, note=note)


def parse_percent_off(text: str) -> int:
    """What a cashier types for a percentage off, in basis points: ``10``, ``12.5%`` or
    the Chinese way, the price paid in tenths: ``9折`` (10% off), ``8.5折`` (15% off)."""
    cleaned = text.strip().replace("％", "%").removesuffix("%").strip()
    zhe = cleaned.endswith("折")
    cleaned = cleaned.removesuffix("折").strip().replace("。", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ManualDiscountRejected(f"not a percentage: {text!r}") from exc
    if not value.is_finite():
        raise ManualDiscountRejected(f"not a percentage: {text!r}")
    if zhe:
        if not 0 <= value < 10:
            raise ManualDiscountRejected(f"a discount in 折 is below 10: {text!r}")
        basis_points = BASIS_POINTS_PER_WHOLE - value * 1000
    else:
        basis_points = value * 100
    if basis_points != basis_points.to_integral_value():
        raise ManualDiscountRejected(f"too many decimals in {text!r}")
    if basis_points <= 0:
        raise ManualDiscountRejected("a manual discount takes something off")
    return int(basis_points)


def amount_off(request: DiscountRequest, priced: PricedOrder) -> int:
    """What ``request`` would take off ``priced`` as it stands (before any limit)."""
    base = _base(request, priced.lines)
    if request.kind is DiscountKind.PERCENT:
        return apply_basis_points(base, request.value)
    return min(request.value, base)


def apply_manual_discounts(
    priced: PricedOrder, discounts: Sequence[ManualDiscount]
) -> tuple[PricedOrder, tuple[AppliedManualDiscount, ...]]:
    """Line discounts first, then the order's, each on what is left and within its
    limit. A discount on a line no longer on the order takes nothing off."""
    ordered = sorted(discounts, key=lambda d: d.request.item_id is None)
    lines = list(priced.lines)
    applied: list[AppliedManualDiscount] = []
    for discount in ordered:
        amount = min(
            amount_off(discount.request, replace(priced, lines=tuple(lines))), discount.limit
        )
        weights = [_weight(line, discount.request) for line in lines]
        shares = allocate(amount, weights) if amount else tuple(0 for _ in lines)
        lines = [
            replace(line, manual_discount=line.manual_discount + share, net=line.net - share)
            for line, share in zip(lines, shares, strict=True)
        ]
        applied.append(AppliedManualDiscount(discount, amount, shares))
    manual = sum(a.amount for a in applied)
    if not manual:
        return priced, tuple(applied)
    total = priced.total - manual
    tier = priced.tier
    earns = priced.member_current and tier is not None
    points = points_for(total, tier.points_multiplier_bp) if earns and tier else 0
    repriced = replace(
        priced, lines=tuple(lines), manual_discount=manual, total=total, points_earned=points
    )
    return repriced, tuple(applied)


def _base(request: DiscountRequest, lines: Sequence[PricedLine]) -> int:
    return sum(_weight(line, request) for line in lines)


def _weight(line: PricedLine, request: DiscountRequest) -> int:
    if request.item_id is None or line.item.item_id == request.item_id:
        return line.net
    return 0
