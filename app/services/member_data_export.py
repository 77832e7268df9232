"""Everything the restaurant holds about one member, in one JSON file, on their request.

Sections: the profile, consents, balances, cards, orders (with lines, payments and
refunds), the points and stored-value ledgers, complaints, feedback, no-shows, contacts,
the edit history, coupons, renewals, tier changes, offers used, records merged into the
member, and the audit events about them; ``counts`` gives the rows per section. Any
other table that refers to a member lands under ``other`` by its table name, so nothing
is left out when the schema grows.

The file is UTF-8 with Chinese as written (``ensure_ascii=False``); money is each
``*_fen`` integer with the same name without ``_fen`` as formatted text; dates and
times are ISO 8601. It is written to a temporary file beside the target and renamed over
it, so a reader never sees half a file. Managers only; each export is audited as
``member_data_exported`` with the file's row counts, in the transaction that read the
data (a file that could not be written leaves no audit event, an audit that could not be
committed leaves no file).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.approvers import Authoriser
from app.clock import Clock
from app.context import ActionContext
from app.domain.member_profile import ProfileProblem
from app.domain.money import Currency, format_money
from app.domain.staff import Permission, StaffMember
from app.services.member_profile import ProfileRefused
from app.unit_of_work import UnitOfWork, UnitOfWorkFactory

EXPORTED = "member_data_exported"
FORMAT = "member-data-export/1"

SECTIONS = {
    "cards": "cards",
    "orders": "orders",
    "points_ledger": "points_ledger",
    "stored_value_ledger": "stored_value_ledger",
    "complaints": "complaints",
    "feedback": "feedback",
    "no_shows": "no_shows",
    "member_contacts": "contacts",
    "member_changes": "changes",
    "member_coupons": "coupons",
    "membership_renewals": "renewals",
    "tier_changes": "tier_changes",
    "order_offers": "offers_used",
}
"""Sections by the table they come from."""
_STAFF_KEYS = ("staff_id", "opened_by", "owner_id", "issued_by", "approver_id", "created_by")
"""Columns naming a staff member: the export adds the name beside the id."""
CONSENT_COLUMNS = (
    "marketing_consent",
    "consent_third_party",
    "consent_automated",
    "consent_sensitive",
    "consent_updated_at",
)


@dataclass(frozen=True)
class DataExport:
    path: Path
    counts: dict[str, int]


class MemberDataExportService:
    def __init__(
        self, units: UnitOfWorkFactory, clock: Clock, till_id: str, auth: Authoriser
    ) -> None:
        self._units, self._clock, self._till_id, self._auth = units, clock, till_id, auth

    def export(
        self, member_id: int, path: Path, staff: StaffMember, currency: Currency
    ) -> DataExport:
        """Write the member's data to ``path``; blocks for as long as it reads and
        writes (run it off the GUI thread)."""
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        action = ActionContext.begin(self._clock, self._till_id, staff.staff_id)
        with self._units() as uow:
            document = _document(uow, member_id, currency)
            document["exported_at"] = action.now.isoformat()
            document["exported_by"] = staff.display_name
            document["till"] = self._till_id
            counts: dict[str, int] = document["counts"]
            _write_atomically(path, document)
            try:
                uow.audit.record(
                    action, EXPORTED, document["profile"]["member_no"], {"counts": counts}
                )
                uow.commit()
            except BaseException:
                path.unlink(missing_ok=True)
                raise
        return DataExport(path, counts)


def _document(uow: UnitOfWork, member_id: int, currency: Currency) -> dict[str, Any]:
    records = uow.member_data
    member = records.member(member_id)
    if member is None:
        raise ProfileRefused([ProfileProblem.MEMBER_NOT_FOUND])
    names = records.staff_names()

    def clean(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [_jsonable(row, currency, names) for row in rows]

    consents = {name: member.pop(name) for name in CONSENT_COLUMNS}
    document: dict[str, Any] = {
        "format": FORMAT,
        "profile": _jsonable(member, currency, names),
        "consents": _jsonable(consents, currency, names),
        "balances": _jsonable(
            {
                "points": uow.ledgers.points_balance(member_id),
                "stored_value_fen": uow.ledgers.stored_value(member_id).total,
            },
            currency,
            names,
        ),
    }
    other: dict[str, list[dict[str, Any]]] = {}
    for table, column, rows in records.history(member_id):
        section = SECTIONS.get(table)
        if table == "orders":
            document["orders"] = _orders(uow, rows, currency, names)
        elif section is not None:
            document[section] = clean(rows)
        elif rows:
            other.setdefault(f"{table}.{column}", []).extend(clean(rows))
    document["merged_records"] = clean(records.merged_records(member_id))
    document["audit_events"] = clean(records.audit_events(member["member_no"]))
    document["other"] = other
    counts = {name: len(value) for name, value in document.items() if isinstance(value, list)}
    counts["order_lines"] = sum(len(o["lines"]) for o in document["orders"])
    counts["payments"] = sum(len(o["payments"]) for o in document["orders"])
    counts["refunds"] = sum(len(o["refunds"]) for o in document["orders"])
    counts.update({name: len(rows) for name, rows in other.items()})
    document["counts"] = counts
    return document


def _orders(
    uow: UnitOfWork, orders: list[dict[str, Any]], currency: Currency, names: dict[int, str]
) -> list[dict[str, Any]]:
    parts = uow.member_data.order_parts([order["id"] for order in orders])
    refund_lines = parts.pop("refund_lines")
    result = []
    for order in orders:
        entry = _jsonable(order, currency, names)
        for part, rows in parts.items():
            entry[part] = [
                _jsonable(row, currency, names) for row in rows if row["order_id"] == order["id"]
            ]
        for refund in entry["refunds"]:
            refund["lines"] = [
                _jsonable(line, currency, names)
                for line in refund_lines
                if line["refund_id"] == refund["id"]
            ]
        result.append(entry)
    return result


def _jsonable(row: dict[str, Any], currency: Currency, names: dict[int, str]) -> dict[str, Any]:
    """Dates as ISO text, money as fen and as text, staff ids with the staff's name."""
    result: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, datetime | date):
            result[key] = value.isoformat()
        else:
            result[key] = value
        if key.endswith("_fen") and isinstance(value, int):
            result[key.removesuffix("_fen")] = format_money(value, currency)
        if key in _STAFF_KEYS and isinstance(value, int):
            result[f"{key.removesuffix('_id')}_name"] = names.get(value, "")
    return result


def _write_atomically(path: Path, document: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # mkstemp makes the file owner-only (0600); it stays so once renamed into place.
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(document, out, ensure_ascii=False, indent=2, sort_keys=False)
            out.write("\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
