"""What a refund of an order (some units of its lines, or all that is left) will do,
worked out from the order's rows and ledgers; ``app.services.refunds`` writes it.

A partial refund takes the units' share of every order figure
(``app.domain.refund_shares``). The refund that completes the order reverses what is
left of each original ledger entry, so however an order was refunded, in the end every
entry is reversed exactly once and to the unit.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from app.domain.members import MemberId, MemberSummary
from app.domain.orders import OrderEntry, RecordedOrder
from app.domain.payment import PaymentMethod
from app.domain.qualification import window
from app.domain.refund_shares import OrderFigures, RefundTooLarge, Share, SoldLine, line_share
from app.domain.stored_value import Balances
from app.domain.tiers import TierId
from app.errors import TillError
from app.services.refund_extras import (
    Extra,
    ExtrasBack,
    extras_back,
    extras_left,
    payment_parts,
)
from app.unit_of_work import UnitOfWork


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


def order_by_number(uow: UnitOfWork, order_no: str) -> RecordedOrder:
    order = uow.order_history.find(order_no)
    if order is None:
        raise RefundRefused(f"no order {order_no!r}")
    if order.status == "refunded":
        raise RefundRefused(f"order {order_no} was refunded already")
    return order


def plan(
    uow: UnitOfWork,
    order: RecordedOrder,
    units: Mapping[int, int] | None,
    extras: Collection[Extra] | None = None,
    member: MemberSummary | None = None,
) -> tuple[RefundPreview, LedgerReversal]:
    """The refund of ``units`` (line position -> units) and ``extras``, or (both
    ``None``) of all that is left. Units alone refund no extras. ``member``: the order's
    member as the caller has just locked them (else read here)."""
    lines = tuple(
        RefundLine(
            line.position, line.name_zh, line.name_en, line.quantity, line.refunded_quantity,
            line.net,
        )
        for line in order.lines
    )  # fmt: skip
    wanted = {pos: n for pos, n in (units or {}).items() if n > 0}
    everything_left = {line.position: line.refundable for line in lines if line.refundable}
    history = uow.order_history
    so_far = history.refunds_so_far(order.order_id)
    left = extras_left(uow, order, so_far)
    whole = units is None and extras is None
    chosen = left if whole else frozenset(extras or ()) & left
    if not whole and set(extras or ()) - left:
        raise RefundRefused(f"order {order.order_no}: that was refunded already")
    completes = whole or (wanted == everything_left and chosen == left)
    if not completes and not wanted and not chosen:
        raise RefundRefused("choose at least one item to refund")
    if completes and not everything_left and not left and so_far.count:
        raise RefundRefused(f"order {order.order_no} was refunded already")
    if completes:
        wanted = everything_left
    primary_method, paid = next(
        (method, amount)
        for method, amount in order.payments
        if method != PaymentMethod.POINTS.value
    )
    method = PaymentMethod(primary_method)
    points_entries, stored_entries = history.entries(order.order_id)
    fees = extras_back(order, chosen, method is PaymentMethod.STORED_VALUE, stored_entries)
    share = None
    if completes:
        reversal = _remainder(uow, order, points_entries, stored_entries)
    else:
        share = _share(order, lines, wanted, points_entries, stored_entries) if wanted else None
        reversal = _reversal_of(share, fees)
    principal = sum(p for _, p, _, _ in reversal.stored_value)
    bonus = sum(b for _, _, b, _ in reversal.stored_value)
    points = sum(delta for _, delta, _ in reversal.points)
    renewal = history.renewal(order.order_id) if Extra.RENEWAL in chosen else None
    member_id = MemberId(order.member_id) if order.member_id is not None else None
    if member is None and member_id is not None:
        member = uow.members.summary(member_id)
    if completes:
        spend_back = order.qualifying_spend - order.refunded_spend
    else:
        spend_back = share.qualifying_spend if share is not None else 0
    money_back = _money_back(paid - so_far.money_back, method, share, fees, completes)
    preview = RefundPreview(
        order_no=order.order_no,
        created_at=order.created_at,
        member_no=member.member_no if member else "",
        member_name=member.name if member else "",
        due=order.due,
        method=method,
        money_back=money_back,
        stored_value_back=Balances(principal, bonus),
        points_back=points,
        restores_expiry=renewal.old_expiry if renewal else None,
        renewal_reverted=renewal is not None,
        tier_reverted=member is not None
        and _takes_tier_back(uow, order, member.tier.tier_id, member.joined_on, completes,
                             spend_back, chosen),
        completes=completes,
        lines=lines,
        units=tuple(sorted(wanted.items())),
        spend_back=spend_back,
        extras=tuple(sorted(chosen, key=_EXTRAS.index)),
        extras_left=tuple(sorted(left, key=_EXTRAS.index)),
        fees_back=fees,
    )  # fmt: skip
    return preview, reversal


_EXTRAS = list(Extra)


def _remainder(
    uow: UnitOfWork,
    order: RecordedOrder,
    points: Sequence[OrderEntry],
    stored: Sequence[OrderEntry],
) -> LedgerReversal:
    reversal = LedgerReversal()
    for entry in points:
        reason = f"refund_{entry.reason}"
        before = uow.ledgers.points_on_order(order.order_id, reason, by_refunds=True)
        reversal.points.append((reason, -entry.points - before, entry.entry_id))
    for sv in stored:
        reason = f"refund_{sv.reason}"
        returned = uow.ledgers.stored_value_on_order(order.order_id, reason, by_refunds=True)
        reversal.stored_value.append(
            (
                reason,
                -sv.principal - returned.principal,
                -sv.bonus - returned.bonus,
                sv.entry_id,
            )
        )
    return reversal


def _share(
    order: RecordedOrder,
    lines: tuple[RefundLine, ...],
    wanted: Mapping[int, int],
    points: Sequence[OrderEntry],
    stored: Sequence[OrderEntry],
) -> Share:
    """The units' share of every figure of the order, worked out once."""
    redeemed = -sum(e.points for e in points if e.reason == "redeem")
    earned = sum(e.points for e in points if e.reason == "earn")
    payment = [sv for sv in stored if sv.reason == "payment"]
    principal = -sum(sv.principal for sv in payment)
    bonus = -sum(sv.bonus for sv in payment)
    if principal or bonus:  # the stored-value payment may have paid a renewal too
        principal = payment_parts(order, principal)[0]
        bonus = payment_parts(order, bonus)[0]
    figures = OrderFigures(
        points_redeemed=redeemed,
        points_value=order.points_value,
        points_earned=earned,
        qualifying_spend=order.qualifying_spend,
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
    left_to_give: int,
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
    if completes:
        return left_to_give
    units = share.paid_by_tender if share is not None else 0
    return min(units + fees.fees, left_to_give)


def _takes_tier_back(
    uow: UnitOfWork,
    order: RecordedOrder,
    member_tier: int,
    joined_on: date,
    completes: bool,
    spend_back: int,
    extras: Collection[Extra],
) -> bool:
    """The tier this order earned goes when the order goes, a bought upgrade when its
    fee goes back, an earned tier when what is refunded brings the window's spend below
    that tier's mark."""
    change = uow.order_history.tier_change(order.order_id)
    if change is None or member_tier != change.to_tier_id:
        return False
    if completes:
        return True
    if change.reason != "qualified":
        return Extra.UPGRADE in extras
    tier = uow.tiers.get(TierId(change.to_tier_id))
    assert tier is not None, "foreign key guarantees the tier"
    rules = uow.programme.rules()
    mark = next(t.spend for t in rules.thresholds if t.rank == tier.rank)
    assert order.member_id is not None, "a member's tier changed"
    first, last = window(rules.window, order.business_day, joined_on)
    spend = uow.orders.qualifying_spend(order.member_id, first, last)
    return spend - spend_back < mark
