"""A receipt as pure data: already translated and formatted, ready to lay out on paper."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class ReceiptItem:
    """One sold line: ``detail`` is a second line such as ``2 x ¥38.00  -10%``."""

    name: str
    amount: str
    detail: str = ""
    note: str = ""
    """A warning printed under the line in bold, such as the member's allergy."""


@dataclass(frozen=True)
class ReceiptTotal:
    label: str
    amount: str
    emphasised: bool = False


@dataclass(frozen=True)
class ReceiptDocument:
    """Everything printed on one slip, top to bottom.

    ``banner`` (for example a TRAINING mark) is printed at the very top and bottom;
    ``logo`` is the path of an image printed above the title (skipped if unreadable).
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
    logo: str = ""


def document_to_json(doc: ReceiptDocument) -> str:
    """The same text as ``json.dumps(asdict(doc))``, without ``asdict``'s deep copy (a
    receipt is queued in every checkout's transaction)."""
    raw = dict(doc.__dict__)  # a dataclass's fields, in their order
    raw["items"] = [dict(item.__dict__) for item in doc.items]
    raw["totals"] = [dict(total.__dict__) for total in doc.totals]
    return json.dumps(raw, ensure_ascii=False)


def document_from_json(text: str) -> ReceiptDocument:
    """Inverse of ``document_to_json``; raises ``ValueError`` on anything else."""
    try:
        raw = json.loads(text)
        return ReceiptDocument(
            title=raw["title"],
            header=tuple(raw["header"]),
            facts=tuple((a, b) for a, b in raw["facts"]),
            items=tuple(ReceiptItem(**item) for item in raw["items"]),
            totals=tuple(ReceiptTotal(**total) for total in raw["totals"]),
            payments=tuple((a, b) for a, b in raw["payments"]),
            member=tuple((a, b) for a, b in raw["member"]),
            footer=tuple(raw["footer"]),
            banner=raw["banner"],
            reference=raw["reference"],
            extra=tuple(raw["extra"]),
            logo=raw.get("logo", ""),
        )
    except (KeyError, TypeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a stored receipt: {exc}") from exc


def marked_duplicate(doc: ReceiptDocument, mark: str) -> ReceiptDocument:
    """The same slip with ``mark`` (for example ``重印 DUPLICATE``) at top and bottom."""
    return replace(doc, banner=mark)
