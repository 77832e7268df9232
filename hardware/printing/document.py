"""A receipt as pure data: already translated and formatted, ready to lay out on paper."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReceiptItem:
    """One sold line: ``detail`` is a second line such as ``2 x ¥38.00  -10%``."""

    name: str
    amount: str
    detail: str = ""


@dataclass(frozen=True)
class ReceiptTotal:
    label: str
    amount: str
    emphasised: bool = False


@dataclass(frozen=True)
class ReceiptDocument:
    """Everything printed on one slip, top to bottom.

    ``banner`` (for example a TRAINING mark) is printed at the very top and bottom.
    """

    title: str
    header: tuple[str, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()
    items: tuple[ReceiptItem, ...] = ()
    totals: tuple[ReceiptTotal, ...] = ()
    payments: tuple[tuple[str, str], ...] = ()
    member: tuple[tuple[str, str], ...] = ()
    footer: tuple[str, ...] = ()
    banner: str = ""
    reference: str = ""
    extra: tuple[str, ...] = field(default=())
