"""A refund as its request key keeps it: the fingerprint of what was asked, and the
``RefundPreview`` committed, which a retry with the same key gets back unchanged."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from app.domain.approvals import ReasonCode
from app.domain.payment import PaymentMethod
from app.domain.request_keys import RequestKind, fingerprint
from app.domain.stored_value import Balances
from app.services.refund_extras import Extra, ExtrasBack
from app.services.refund_plan import RefundLine, RefundPreview


def refund_fingerprint(
    order_no: str,
    reason: ReasonCode,
    note: str,
    units: Mapping[int, int] | None,
    extras: Collection[Extra] | None,
) -> str:
    return fingerprint(
        RequestKind.REFUND,
        {
            "order_no": order_no,
            "reason": reason.value,
            "note": note.strip(),
            "units": None if units is None else sorted([p, n] for p, n in units.items() if n),
            "extras": None if extras is None else sorted(extra.value for extra in extras),
        },
    )


def refund_outcome(done: RefundPreview) -> dict[str, Any]:
    facts = asdict(done)
    facts.update(
        reference=done.order_no,
        created_at=done.created_at.isoformat(),
        method=done.method.value,
        restores_expiry=done.restores_expiry.isoformat() if done.restores_expiry else None,
        extras=[extra.value for extra in done.extras],
        extras_left=[extra.value for extra in done.extras_left],
    )
    return facts


def replayed_refund(outcome: Mapping[str, Any]) -> RefundPreview:
    fees = outcome["fees_back"]
    expiry = outcome["restores_expiry"]
    return RefundPreview(
        order_no=outcome["order_no"],
        created_at=datetime.fromisoformat(outcome["created_at"]),
        member_no=outcome["member_no"],
        member_name=outcome["member_name"],
        due=outcome["due"],
        method=PaymentMethod(outcome["method"]),
        money_back=outcome["money_back"],
        stored_value_back=Balances(**outcome["stored_value_back"]),
        points_back=outcome["points_back"],
        restores_expiry=date.fromisoformat(expiry) if expiry else None,
        renewal_reverted=outcome["renewal_reverted"],
        tier_reverted=outcome["tier_reverted"],
        completes=outcome["completes"],
        lines=tuple(RefundLine(**line) for line in outcome["lines"]),
        units=tuple((int(p), int(n)) for p, n in outcome["units"]),
        spend_back=outcome["spend_back"],
        extras=tuple(Extra(value) for value in outcome["extras"]),
        extras_left=tuple(Extra(value) for value in outcome["extras_left"]),
        fees_back=ExtrasBack(
            renewal=fees["renewal"],
            upgrade=fees["upgrade"],
            top_up=fees["top_up"],
            stored_value_payment=(fees["stored_value_payment"][0], fees["stored_value_payment"][1]),
            top_up_reversal=(fees["top_up_reversal"][0], fees["top_up_reversal"][1]),
        ),
    )
