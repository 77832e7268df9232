"""The loyalty programme as a manager edits it: tiers, renewal offers and top-up rules as
plain values, and the checks each must pass before it is saved.

Amounts are minor units (fen); discounts and multipliers are basis points. The checks
here need no database; codes and ranks being unique is the service's to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import NewType

from app.domain.menu import CategoryId
from app.domain.money import BASIS_POINTS_PER_WHOLE
from app.domain.renewal import OfferKind
from app.domain.tiers import TierId
from app.errors import TillError

OfferId = NewType("OfferId", int)
TopUpRuleId = NewType("TopUpRuleId", int)

MAX_AMOUNT = 5_000_000  # ¥50,000: a larger fee, spend or bonus is a typing mistake
MAX_MULTIPLIER_BP = 10 * BASIS_POINTS_PER_WHOLE  # 10x points
MAX_WINDOW_DAYS = 366
MAX_RANK = 99
MAX_NAME_LENGTH = 64  # the name columns' width
CODE_PATTERN = re.compile(r"[A-Z0-9_-]{1,32}")


class RuleRejected(TillError):
    """A loyalty rule the till will not save; ``str()`` says which value and why."""


@dataclass(frozen=True)
class TierSpec:
    """A tier as edited; ``tier_id`` is ``None`` for a tier not saved yet."""

    code: str
    rank: int
    name_zh: str
    name_en: str
    discount_bp: int
    points_multiplier_bp: int = BASIS_POINTS_PER_WHOLE
    annual_fee: int = 0
    qualify_spend: int = 0
    birthday_benefit_zh: str = ""
    birthday_benefit_en: str = ""
    excluded_categories: frozenset[CategoryId] = frozenset()
    tier_id: TierId | None = None


@dataclass(frozen=True)
class OfferSpec:
    """A renewal offer as edited (see ``app.domain.renewal`` for what each field means)."""

    code: str
    kind: OfferKind
    fee: int = 0
    window_days: int = 0
    min_spend: int = 0
    valid_from: date | None = None
    valid_until: date | None = None
    active: bool = True
    offer_id: OfferId | None = None


@dataclass(frozen=True)
class TopUpRuleSpec:
    """ "Top up at least ``minimum``, get ``bonus``", as edited."""

    minimum: int
    bonus: int
    active: bool = True
    rule_id: TopUpRuleId | None = None


def checked_tier(spec: TierSpec) -> TierSpec:
    """``spec`` with its code upper-cased and texts trimmed; raises ``RuleRejected``."""
    spec = replace(
        spec,
        code=clean_code(spec.code),
        name_zh=clean_name(spec.name_zh, "Chinese name"),
        name_en=clean_name(spec.name_en, "English name"),
        birthday_benefit_zh=spec.birthday_benefit_zh.strip(),
        birthday_benefit_en=spec.birthday_benefit_en.strip(),
    )
    if not 1 <= spec.rank <= MAX_RANK:
        raise RuleRejected(f"the rank is a whole number from 1 to {MAX_RANK}")
    if not 0 <= spec.discount_bp <= BASIS_POINTS_PER_WHOLE:
        raise RuleRejected("the discount is from 0% to 100%")
    if not 0 <= spec.points_multiplier_bp <= MAX_MULTIPLIER_BP:
        raise RuleRejected("the points multiplier is from 0x to 10x")
    check_amount(spec.annual_fee, "annual fee")
    check_amount(spec.qualify_spend, "qualifying spend")
    return spec


def checked_offer(spec: OfferSpec) -> OfferSpec:
    """``spec`` with its code upper-cased; raises ``RuleRejected``."""
    if not isinstance(spec.kind, OfferKind):
        kinds = ", ".join(kind.value for kind in OfferKind)
        raise RuleRejected(f"the kind of offer is one of: {kinds}")
    spec = replace(spec, code=clean_code(spec.code))
    check_amount(spec.fee, "fee")
    check_amount(spec.min_spend, "minimum spend")
    if not 0 <= spec.window_days <= MAX_WINDOW_DAYS:
        raise RuleRejected(f"the window is from 0 to {MAX_WINDOW_DAYS} days")
    if spec.valid_from and spec.valid_until and spec.valid_from > spec.valid_until:
        raise RuleRejected("the offer must start on or before the day it ends")
    return spec


def checked_top_up_rule(spec: TopUpRuleSpec) -> TopUpRuleSpec:
    check_amount(spec.minimum, "minimum top-up")
    check_amount(spec.bonus, "bonus")
    if spec.bonus >= spec.minimum:
        raise RuleRejected("the bonus must be less than the minimum top-up")
    return spec


def parse_fixed(text: str, digits: int) -> int:
    """``"12.5"`` with 2 digits -> ``1250``: a decimal typed by a person, as a whole number
    of ``10**-digits`` units, exactly (a percentage in basis points: 2; a multiplier: 4).

    Raises ``ValueError`` for anything else, including more decimals than ``digits``.
    """
    cleaned = text.strip().rstrip("%xX×").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {text!r}") from exc
    scaled = value.scaleb(digits)
    if not scaled.is_finite() or scaled != scaled.to_integral_value():
        raise ValueError(f"at most {digits} decimals: {text!r}")
    return int(scaled)


def format_fixed(value: int, digits: int) -> str:
    """``1250`` with 2 digits -> ``"12.5"``; the inverse of ``parse_fixed``."""
    whole, part = divmod(abs(value), 10**digits)
    sign = "-" if value < 0 else ""
    decimals = f"{part:0{digits}d}".rstrip("0")
    return f"{sign}{whole}.{decimals}" if decimals else f"{sign}{whole}"


def clean_code(code: str) -> str:
    """The code upper-cased and trimmed; raises ``RuleRejected`` unless it is 1 to 32 of
    A-Z, 0-9, ``-`` and ``_``."""
    code = code.strip().upper()
    if not CODE_PATTERN.fullmatch(code):
        raise RuleRejected(
            "a code is 1 to 32 letters A-Z, digits, '-' or '_' (no spaces), e.g. GOLD or EARLY-90"
        )
    return code


def clean_name(name: str, what: str) -> str:
    """The name trimmed; raises ``RuleRejected`` naming ``what`` if empty or too long."""
    name = name.strip()
    if not name:
        raise RuleRejected(f"the {what} must not be empty")
    if len(name) > MAX_NAME_LENGTH:
        raise RuleRejected(f"the {what} is at most {MAX_NAME_LENGTH} characters")
    return name


def check_amount(amount: int, what: str) -> None:
    """Raises ``RuleRejected`` naming ``what`` unless 0 <= ``amount`` <= ¥50,000."""
    if amount < 0:
        raise RuleRejected(f"the {what} must not be negative")
    if amount > MAX_AMOUNT:
        raise RuleRejected(f"the {what} is at most ¥50,000")
