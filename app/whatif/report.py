"""A replay's comparison as JSON (each figure for ``current``, ``draft`` and ``delta`` =
draft - current, amounts in minor units) and as a side-by-side text table."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from app.domain.money import format_money
from app.whatif.figures import SCALARS, Comparison, Figures, Slice

MONEY = {
    "discount_cost", "tier_discount", "offer_discount", "points_liability",
    "stored_value_bonus", "renewal_income", "upgrade_income",
}  # fmt: skip
LABELS = {
    "orders": "orders replayed",
    "discount_cost": "discount cost",
    "tier_discount": "  tier discounts",
    "offer_discount": "  offers and coupons",
    "points_issued": "points issued",
    "points_liability": "points liability",
    "stored_value_bonus": "stored-value bonus",
    "renewal_income": "renewal income",
    "upgrade_income": "upgrade income",
    "tier_ups": "tier upgrades by spend",
}
SLICE_FIELDS = ("orders", "discount_cost", "points_issued")


def _triple(current: int, draft: int) -> dict[str, int]:
    return {"current": current, "draft": draft, "delta": draft - current}


def _scalar(figures: Figures, name: str) -> int:
    value: int = getattr(figures, name)
    return value


def _slices(current: dict[str, Slice], draft: dict[str, Slice]) -> dict[str, Any]:
    empty = Slice()
    return {
        key: {
            name: _triple(
                getattr(current.get(key, empty), name), getattr(draft.get(key, empty), name)
            )
            for name in SLICE_FIELDS
        }
        for key in sorted(set(current) | set(draft))
    }


def comparison_json(comparison: Comparison, first: date, last: date) -> dict[str, Any]:
    current, draft = comparison.current, comparison.draft
    return {
        "period": {"from": first.isoformat(), "to": last.isoformat()},
        "units": "amounts in minor units (fen); delta is draft - current",
        "figures": {
            name: _triple(_scalar(current, name), _scalar(draft, name)) for name in SCALARS
        },
        "by_tier": _slices(current.by_tier, draft.by_tier),
        "by_segment": _slices(current.by_segment, draft.by_segment),
        "by_store": _slices(current.by_store, draft.by_store),
        "tier_moves": [asdict(move) for move in comparison.tier_moves],
        "not_reproduced": {
            "count": len(comparison.not_reproduced),
            "reasons": dict(comparison.reasons().most_common()),
            "orders": [asdict(item) for item in comparison.not_reproduced],
        },
    }


def comparison_table(comparison: Comparison, shown_moves: int = 20) -> str:
    """The figures side by side, the tier moves (the first ``shown_moves``) and what could
    not be reproduced."""
    rows = [("", "current", "draft", "delta")]
    for name in SCALARS:
        now, then = _scalar(comparison.current, name), _scalar(comparison.draft, name)
        show = _money if name in MONEY else _count
        rows.append((LABELS[name], show(now), show(then), show(then - now, signed=True)))
    rows.append(("", "", "", ""))
    rows.append(("discount cost by tier", "", "", ""))
    current, draft = comparison.current.by_tier, comparison.draft.by_tier
    for key in sorted(set(current) | set(draft)):
        now = current.get(key, Slice()).discount_cost
        then = draft.get(key, Slice()).discount_cost
        rows.append((f"  {key}", _money(now), _money(then), _money(then - now, signed=True)))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]
    moves = comparison.tier_moves
    ups = sum(1 for move in moves if move.direction == "up")
    lines.append("")
    lines.append(f"members in another tier under the draft: {ups} up, {len(moves) - ups} down")
    for move in moves[:shown_moves]:
        lines.append(
            f"  {move.direction:4} {move.member_no} {move.name}: "
            f"{move.current_tier} -> {move.draft_tier}"
        )
    if len(moves) > shown_moves:
        lines.append(f"  … and {len(moves) - shown_moves} more (see --json)")
    missed = comparison.not_reproduced
    lines.append("")
    lines.append(f"orders not reproduced under the rules in force: {len(missed)}")
    for reason, count in comparison.reasons().most_common():
        lines.append(f"  {count:>6}  {reason}")
    return "\n".join(lines) + "\n"


def _money(amount: int, signed: bool = False) -> str:
    text = format_money(abs(amount))
    if amount < 0:
        return "-" + text
    return ("+" + text) if signed and amount else text


def _count(value: int, signed: bool = False) -> str:
    return f"{value:+,}" if signed and value else f"{value:,}"
