"""Request keys in SQL: find a committed one, claim a new one in the request's transaction."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.domain.request_keys import CommittedRequest, RequestKind
from db.models import RequestKeyRow
from db.upserts import dialect_insert


class SqlRequestKeys:
    def __init__(self, session: Session) -> None:
        self._session = session

    def find(self, key: str) -> CommittedRequest | None:
        row = self._session.get(RequestKeyRow, key)
        if row is None:
            return None
        return CommittedRequest(RequestKind(row.kind), row.fingerprint, json.loads(row.outcome))

    def claim(
        self,
        key: str,
        kind: RequestKind,
        fingerprint: str,
        till_id: str,
        at: datetime,
        outcome: Mapping[str, Any],
    ) -> bool:
        """Write the key; ``False`` when it is committed already (on PostgreSQL this waits
        for another transaction writing the same key, then sees its outcome)."""
        values = {
            "key": key,
            "kind": kind.value,
            "fingerprint": fingerprint,
            "till_id": till_id,
            "created_at": at,
            "outcome": json.dumps(outcome, sort_keys=True),
        }
        dialect = self._session.get_bind().dialect.name
        insert = dialect_insert(dialect)
        statement = insert(RequestKeyRow).values(values).on_conflict_do_nothing()
        result = self._session.execute(statement.returning(RequestKeyRow.key))
        return result.scalar_one_or_none() is not None
