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

from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock
from app.context import ActionContext
from app.domain.member_profile import ProfileProblem
from app.domain.money import Currency, format_money
from app.domain.staff import Permission, StaffMember
from app.services.auth import AuthService
from app.services.member_profile import ProfileRefused
from db import member_profile as store
from db.audit_log import SqlAuditLog
from db.ledgers import SqlLedgers
from db.member_story import staff_names

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
        self, sessions: sessionmaker[Session], clock: Clock, till_id: str, auth: AuthService
    ) -> None:
        self._sessions, self._clock, self._till_id, self._auth = sessions, clock, till_id, auth

    def export(
        self, member_id: int, path: Path, staff: StaffMember, currency: Currency
    ) -> DataExport:
        """Write the member's data to ``path``; blocks for as long as it reads and
        writes (run it off the GUI thread)."""
        self._auth.require(staff, Permission.WORK_MEMBER_LISTS)
        now = self._clock.now()
        with self._sessions.begin() as session:
            document = _document(session, member_id, currency)
            document["exported_at"] = now.isoformat()
            document["exported_by"] = staff.display_name
            document["till"] = self._till_id
            counts: dict[str, int] = document["counts"]
            _write_atomically(path, document)
            try:
                SqlAuditLog(session).record(
                    ActionContext(staff.staff_id, self._till_id, now),
                    EXPORTED,
                    document["profile"]["member_no"],
                    {"counts": counts},
                )
                session.flush()
            except BaseException:
                path.unlink(missing_ok=True)
                raise
        return DataExport(path, counts)


def _document(session: Session, member_id: int, currency: Currency) -> dict[str, Any]:
    member = store.member_row(session, member_id)
    if member is None:
        raise ProfileRefused([ProfileProblem.MEMBER_NOT_FOUND])
    names = staff_names(session)

    def clean(rows: list[store.Row]) -> list[dict[str, Any]]:
        return [_jsonable(row, currency, names) for row in rows]

    consents = {name: member.pop(name) for name in CONSENT_COLUMNS}
    document: dict[str, Any] = {
        "format": FORMAT,
        "profile": _jsonable(member, currency, names),
        "consents": _jsonable(consents, currency, names),
        "balances": _jsonable(
            {
                "points": SqlLedgers(session).points_balance(member_id),
                "stored_value_fen": SqlLedgers(session).stored_value(member_id).total,
            },
            currency,
            names,
        ),
    }
    other: dict[str, list[dict[str, Any]]] = {}
    for table, column in store.history_tables():
        rows = store.rows_where(session, table, column, member_id)
        section = SECTIONS.get(table.name)
        if table.name == "orders":
            document["orders"] = _orders(session, rows, currency, names)
        elif section is not None:
            document[section] = clean(rows)
        elif rows:
            other.setdefault(f"{table.name}.{column.name}", []).extend(clean(rows))
    document["merged_records"] = clean(store.merged_records(session, member_id))
    document["audit_events"] = clean(store.audit_events(session, member["member_no"]))
    document["other"] = other
    counts = {name: len(value) for name, value in document.items() if isinstance(value, list)}
    counts["order_lines"] = sum(len(o["lines"]) for o in document["orders"])
    counts["payments"] = sum(len(o["payments"]) for o in document["orders"])
    counts["refunds"] = sum(len(o["refunds"]) for o in document["orders"])
    counts.update({name: len(rows) for name, rows in other.items()})
    document["counts"] = counts
    return document


def _orders(
    session: Session, orders: list[store.Row], currency: Currency, names: dict[int, str]
) -> list[dict[str, Any]]:
    parts = store.order_parts(session, [order["id"] for order in orders])
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
    path.parent.mkdir(parents=True, exist_ok=True)
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
