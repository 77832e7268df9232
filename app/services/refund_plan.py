"""What a refund of an order (some units of its lines, or all that is left) will do,
worked out from the order's rows and ledgers; ``app.services.refunds`` writes it.

A partial refund takes the units' share of every order figure
(``app.domain.refund_shares``). The refund that completes the order reverses what is
left of each original ledger entry, so however an order was refunded, in the end every
entry is reversed exactly once and to the unit.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.payment import PaymentMethod
from app.domain.refund_shares import OrderFigures, RefundTooLarge, Share, SoldLine, line_share
from app.domain.stored_value import Balances
from app.errors import TillError
from app.services.loyalty import window_spend
from app.services.refund_extras import (
    Extra,
    ExtrasBack,
    extras_back,
    extras_left,
    payment_parts,
)
from db.ledgers import SqlLedgers
from db.loyalty_rules import rules_from_rows
from db.models import (
    MemberRow,
    MembershipRenewalRow,
    OrderRow,
    PointsLedgerRow,
    RefundRow,
    StoredValueLedgerRow,
    TierChangeRow,
    TierRow,
)


class RefundRefused(TillError):
    pass


@dataclass(frozen=True)
class RefundLine:
    """One line of the order as the refund dialog lists it."""

    position: int
    name_zh: str
    name_en: str
    quantity: int
    refunded: int
    net: int

    @property
    def refundable(self) -> int:
        return self.quantity - self.refunded


@dataclass(frozen=True)
class RefundPreview:
    """What refunding will do; shown before anyone approves it."""

    order_no: str
    created_at: datetime
    member_no: str
    member_name: str
    due: int
    method: PaymentMethod
    money_back: int
    """Cash or card handed back (0 when paid with stored value)."""
    stored_value_back: Balances
    """Net change to (principal, bonus): a stored-value payment comes back, a top-up goes."""
    points_back: int
    """Net change to the points balance: redeemed points back, earned points gone."""
    restores_expiry: date | None
    renewal_reverted: bool
    tier_reverted: bool
    completes: bool = True
    """This refund gives back all that is left of the order (renewal and top-up too)."""
    lines: tuple[RefundLine, ...] = ()
    units: tuple[tuple[int, int], ...] = ()
    """(line position, units) this refund gives back."""
    spend_back: int = 0
    extras: tuple[Extra, ...] = ()
    """The renewal, upgrade and top-up this refund gives back."""
    extras_left: tuple[Extra, ...] = ()
    """Those still on the order before this refund, to choose from."""
    fees_back: ExtrasBack = field(default_factory=ExtrasBack)

    @property
    def value(self) -> int:
        """What goes back to the guest, in money and stored value: what approval limits
        weigh."""
        return self.money_back + max(self.stored_value_back.total, 0)


@dataclass(frozen=True)
class LedgerReversal:
    points: list[tuple[str, int, int | None]] = field(default_factory=list)
    """(reason, delta, reverses_id) entries to write."""
    stored_value: list[tuple[str, int, int, int | None]] = field(default_factory=list)
    """(reason, principal delta, bonus delta, reverses_id)."""


def order_by_number(session: Session, order_no: str) -> OrderRow:
    order = session.scalar(select(OrderRow).where(OrderRow.order_no == order_no))
    if order is None:
        raise RefundRefused(f"no order {order_no!r}")
    if order.status == "refunded":
        raise RefundRefused(f"order {order_no} was refunded already")
    return order


def plan(
    session: Session,
    order: OrderRow,
    units: Mapping[int, int] | None,
    extras: Collection[Extra] | None = None,
) -> tuple[RefundPreview, LedgerReversal]:
    """The refund of ``units`` (line position -> units) and ``extras``, or (both
    ``None``) of all that is left. Units alone refund no extras."""
    lines = tuple(
        RefundLine(
            line.position, line.name_zh, line.name_en, line.quantity, line.refunded_quantity,
            line.net_fen,
        )
        for line in order.lines
    )  # fmt: skip
    wanted = {pos: n for pos, n in (units or {}).items() if n > 0}
    everything_left = {line.position: line.refundable for line in lines if line.refundable}
    left = extras_left(session, order)
    whole = units is None and extras is None
    chosen = left if whole else frozenset(extras or ()) & left
    if not whole and set(extras or ()) - left:
        raise RefundRefused(f"order {order.order_no}: that was refunded already")
    completes = whole or (wanted == everything_left and chosen == left)
    if not completes and not wanted and not chosen:
        raise RefundRefused("choose at least one item to refund")
    if completes and not everything_left and not left and _refunded_before(session, order):
        raise RefundRefused(f"order {order.order_no} was refunded already")
    if completes:
        wanted = everything_left
    primary = next(p for p in order.payments if p.method != PaymentMethod.POINTS.value)
    method = PaymentMethod(primary.method)
    fees = extras_back(session, order, chosen, method is PaymentMethod.STORED_VALUE)
    share = None
    if completes:
        reversal = _remainder(session, order)
    else:
        share = _share(session, order, lines, wanted) if wanted else None
        reversal = _reversal_of(share, fees)
    principal = sum(p for _, p, _, _ in reversal.stored_value)
    bonus = sum(b for _, _, b, _ in reversal.stored_value)
    points = sum(delta for _, delta, _ in reversal.points)
    renewal = renewal_of(session, order) if Extra.RENEWAL in chosen else None
    member = session.get(MemberRow, order.member_id) if order.member_id is not None else None
    if completes:
        spend_back = order.qualifying_spend_fen - order.refunded_spend_fen
    else:
        spend_back = share.qualifying_spend if share is not None else 0
    money_back = _money_back(session, order, primary.amount_fen, method, share, fees, completes)
    preview = RefundPreview(
        order_no=order.order_no,
        created_at=order.created_at,
        member_no=member.member_no if member else "",
        member_name=member.name if member else "",
        due=order.due_fen,
        method=method,
        money_back=money_back,
        stored_value_back=Balances(principal, bonus),
        points_back=points,
        restores_expiry=renewal.old_expiry if renewal else None,
        renewal_reverted=renewal is not None,
        tier_reverted=member is not None
        and _takes_tier_back(session, order, member, completes, spend_back, chosen),
        completes=completes,
        lines=lines,
        units=tuple(sorted(wanted.items())),
        spend_back=spend_back,
        extras=tuple(sorted(chosen, key=_EXTRAS.index)),
        extras_left=tuple(sorted(left, key=_EXTRAS.index)),
        fees_back=fees,
    )
    return preview, reversal


_EXTRAS = list(Extra)


def _refunded_before(session: Session, order: OrderRow) -> bool:
    return bool(
        session.scalar(select(func.count(RefundRow.id)).where(RefundRow.order_id == order.id))
    )


def _originals(
    session: Session, order: OrderRow
) -> tuple[list[PointsLedgerRow], list[StoredValueLedgerRow]]:
    points = session.scalars(
        select(PointsLedgerRow)
        .where(
            PointsLedgerRow.order_id == order.id,
            PointsLedgerRow.refund_id.is_(None),
            PointsLedgerRow.reverses_id.is_(None),
        )
        .order_by(PointsLedgerRow.id)
    ).all()
    stored = session.scalars(
        select(StoredValueLedgerRow)
        .where(
            StoredValueLedgerRow.order_id == order.id,
            StoredValueLedgerRow.refund_id.is_(None),
            StoredValueLedgerRow.reverses_id.is_(None),
        )
        .order_by(StoredValueLedgerRow.id)
    ).all()
    return list(points), list(stored)


def _remainder(session: Session, order: OrderRow) -> LedgerReversal:
    points, stored = _originals(session, order)
    reversal = LedgerReversal()
    ledgers = SqlLedgers(session)
    for entry in points:
        reason = f"refund_{entry.reason}"
        before = ledgers.points_on_order(order.id, reason, by_refunds=True)
        reversal.points.append((reason, -entry.delta - before, entry.id))
    for sv in stored:
        reason = f"refund_{sv.reason}"
        returned = ledgers.stored_value_on_order(order.id, reason, by_refunds=True)
        reversal.stored_value.append(
            (
                reason,
                -sv.principal_delta_fen - returned.principal,
                -sv.bonus_delta_fen - returned.bonus,
                sv.id,
            )
        )
    return reversal


def _share(
    session: Session, order: OrderRow, lines: tuple[RefundLine, ...], wanted: Mapping[int, int]
) -> Share:
    """The units' share of every figure of the order, worked out once."""
    points, stored = _originals(session, order)
    redeemed = -sum(e.delta for e in points if e.reason == "redeem")
    earned = sum(e.delta for e in points if e.reason == "earn")
    payment = [sv for sv in stored if sv.reason == "payment"]
    principal = -sum(sv.principal_delta_fen for sv in payment)
    bonus = -sum(sv.bonus_delta_fen for sv in payment)
    if principal or bonus:  # the stored-value payment may have paid a renewal too
        principal = payment_parts(order, principal)[0]
        bonus = payment_parts(order, bonus)[0]
    figures = OrderFigures(
        points_redeemed=redeemed,
        points_value=order.points_value_fen,
        points_earned=earned,
        qualifying_spend=order.qualifying_spend_fen,
        stored_value_principal=principal,
        stored_value_bonus=bonus,
    )
    sold = [SoldLine(line.position, line.quantity, line.net, line.refunded) for line in lines]
    try:
        return line_share(sold, figures, wanted)
    except RefundTooLarge as exc:
        raise RefundRefused(str(exc)) from exc


def _reversal_of(share: Share | None, fees: ExtrasBack) -> LedgerReversal:
    """Entries for a partial refund: they reverse parts, so they name no original
    (the completing refund names each one, with what is left of it)."""
    reversal = LedgerReversal()
    principal, bonus = fees.stored_value_payment
    if share is not None:
        if share.points_redeemed:
            reversal.points.append(("refund_redeem", share.points_redeemed, None))
        if share.points_earned:
            reversal.points.append(("refund_earn", -share.points_earned, None))
        principal += share.stored_value_principal
        bonus += share.stored_value_bonus
    if principal or bonus:
        reversal.stored_value.append(("refund_payment", principal, bonus, None))
    if fees.top_up_reversal != (0, 0):
        reversal.stored_value.append(("refund_top_up", *fees.top_up_reversal, None))
    return reversal


def _money_back(
    session: Session,
    order: OrderRow,
    paid: int,
    method: PaymentMethod,
    share: Share | None,
    fees: ExtrasBack,
    completes: bool,
) -> int:
    """Cash or card back: all that is left of the payment when the refund completes the
    order, else the units' part of it that was not paid with points or stored value,
    and the fees and top-up given back."""
    if method is PaymentMethod.STORED_VALUE:
        return fees.top_up
    before = int(
        session.scalar(
            select(func.coalesce(func.sum(RefundRow.amount_fen), 0)).where(
                RefundRow.order_id == order.id
            )
        )
        or 0
    )
    if completes:
        return paid - before
    units = share.paid_by_tender if share is not None else 0
    return min(units + fees.fees, paid - before)


def _takes_tier_back(
    session: Session,
    order: OrderRow,
    member: MemberRow,
    completes: bool,
    spend_back: int,
    extras: Collection[Extra],
) -> bool:
    """The tier this order earned goes when the order goes, a bought upgrade when its
    fee goes back, an earned tier when what is refunded brings the window's spend below
    that tier's mark."""
    change = tier_change(session, order)
    if change is None or member.tier_id != change.to_tier_id:
        return False
    if completes:
        return True
    if change.reason != "qualified":
        return Extra.UPGRADE in extras
    tier = session.get(TierRow, change.to_tier_id)
    assert tier is not None, "foreign key guarantees the tier"
    rules = rules_from_rows(session)
    spend = window_spend(session, member.id, rules, order.business_day, member.joined_on)
    return spend - spend_back < tier.qualify_spend_fen


def renewal_of(session: Session, order: OrderRow) -> MembershipRenewalRow | None:
    return session.scalar(
        select(MembershipRenewalRow).where(MembershipRenewalRow.order_id == order.id)
    )


@dataclass(frozen=True)
class OrderTierChange:
    """What an order did to the member's tier: from the tier before its first change to
    the tier after its last (a bought upgrade, then a qualification on spend)."""

    from_tier_id: int
    to_tier_id: int
    reason: str


def tier_change(session: Session, order: OrderRow) -> OrderTierChange | None:
    changes = session.scalars(
        select(TierChangeRow)
        .where(
            TierChangeRow.order_id == order.id,
            TierChangeRow.reason.in_(("qualified", "upgrade_bought")),
        )
        .order_by(TierChangeRow.id)
    ).all()
    if not changes:
        return None
    return OrderTierChange(changes[0].from_tier_id, changes[-1].to_tier_id, changes[-1].reason)
