"""The offline journal's checkouts read for the print outbox: which request keys the till
sold (and printed) offline from a given time, and what the server answered for them."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.exc import OperationalError

from db.offline_journal import journal


def offline_checkouts_since(local: Engine, at: datetime) -> list[tuple[str, str | None]]:
    """``(request key, the server's order number once replayed)`` of each checkout the till
    sold offline at or after ``at``; none when the copy has no journal yet."""
    query = select(journal.c.request_key, journal.c.outcome).where(
        journal.c.kind == "checkout", journal.c.at >= at
    )
    try:
        with local.connect() as connection:
            rows = connection.execute(query).all()
    except OperationalError:  # no journal: nothing was sold offline on this copy
        return []
    found: list[tuple[str, str | None]] = []
    for key, outcome in rows:
        order_no = json.loads(outcome).get("order_no") if outcome else None
        found.append((str(key), None if order_no is None else str(order_no)))
    return found
