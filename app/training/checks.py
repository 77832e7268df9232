"""Matches: the declarative conditions an exercise's steps and mistakes are made of,
checked against the evidence of what the trainee did (``db.training_evidence``).

Kinds and their fields (all optional but ``kind``):

- ``order``: ``member`` (a member no, ``"none"`` for a guest, ``"new"`` for one enrolled
  during the exercise), ``member_not``, ``payment`` / ``payment_not`` (cash,
  card_terminal, stored_value), ``renewal`` (early, grace, win_back, free_by_spend,
  ``"any"``, ``"none"``), ``points`` (true: points redeemed; false: none),
  ``top_up_at_least`` (fen).
- ``enrolment``: ``phone`` / ``phone_not`` (digits), ``card`` (true: with an active card).
- ``refund``: ``approved_by`` (``"manager"``).
- ``complaint``: ``member``, ``member_not``.  ``allergy``: the same and ``contains``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from db.training_evidence import EnrolmentDone, Evidence, NoteDone, OrderDone, RefundDone

KINDS = ("order", "enrolment", "refund", "complaint", "allergy")
FIELDS: dict[str, frozenset[str]] = {
    "order": frozenset(
        {"member", "member_not", "payment", "payment_not", "renewal", "points", "top_up_at_least"}
    ),
    "enrolment": frozenset({"phone", "phone_not", "card"}),
    "refund": frozenset({"approved_by"}),
    "complaint": frozenset({"member", "member_not"}),
    "allergy": frozenset({"member", "member_not", "contains"}),
}


@dataclass(frozen=True)
class Match:
    kind: str
    fields: Mapping[str, object] = field(default_factory=dict)


def parse_match(raw: object) -> Match:
    if not isinstance(raw, dict) or raw.get("kind") not in KINDS:
        raise ValueError(f"a match needs kind = one of {', '.join(KINDS)}: {raw!r}")
    kind = str(raw["kind"])
    fields = {key: value for key, value in raw.items() if key != "kind"}
    unknown = set(fields) - FIELDS[kind]
    if unknown:
        raise ValueError(f"{kind} has no field {sorted(unknown)[0]!r}")
    return Match(kind, fields)


def matching(match: Match, evidence: Evidence) -> tuple[str, ...]:
    """Keys of the things done that satisfy ``match`` (a mistake counts once per key)."""
    if match.kind == "order":
        return tuple(f"order:{o.order_id}" for o in evidence.orders if _order(match, o))
    if match.kind == "enrolment":
        return tuple(f"member:{e.member_no}" for e in evidence.enrolments if _enrolment(match, e))
    if match.kind == "refund":
        return tuple(f"refund:{r.refund_id}" for r in evidence.refunds if _refund(match, r))
    return tuple(n.key for n in evidence.notes if _note(match, n))


def _order(match: Match, order: OrderDone) -> bool:
    f = match.fields
    member = order.member_no or "none"
    if "member" in f and not (
        f["member"] == member or (f["member"] == "new" and order.member_is_new)
    ):
        return False
    if "member_not" in f and f["member_not"] == member:
        return False
    if "payment" in f and f["payment"] not in order.methods:
        return False
    if "payment_not" in f and f["payment_not"] in order.methods:
        return False
    if "renewal" in f and not _renewal(str(f["renewal"]), order.renewal_kind):
        return False
    if "points" in f and bool(f["points"]) != (order.points_value_fen > 0):
        return False
    least = f.get("top_up_at_least")
    return least is None or order.top_up_fen >= int(str(least))


def _renewal(wanted: str, sold: str | None) -> bool:
    if wanted == "any":
        return sold is not None
    if wanted == "none":
        return sold is None
    return wanted == sold


def _enrolment(match: Match, enrolment: EnrolmentDone) -> bool:
    f = match.fields
    digits = "".join(c for c in enrolment.phone if c.isdigit())
    if "phone" in f and digits != str(f["phone"]):
        return False
    if "phone_not" in f and digits == str(f["phone_not"]):
        return False
    return not ("card" in f and bool(f["card"]) != bool(enrolment.cards))


def _refund(match: Match, refund: RefundDone) -> bool:
    wanted = match.fields.get("approved_by")
    return wanted is None or (refund.approver_role == wanted and refund.approved_by_other)


def _note(match: Match, note: NoteDone) -> bool:
    f = match.fields
    if note.kind != match.kind or ("member" in f and f["member"] != note.member_no):
        return False
    if "member_not" in f and f["member_not"] == note.member_no:
        return False
    return str(f.get("contains", "")) in note.text
