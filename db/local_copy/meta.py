"""What the copy knows about itself, kept in its own ``settings`` under ``local_copy.``
(a refresh of the settings leaves these rows alone)."""

from __future__ import annotations

import sqlite3

POSITION = "local_copy.position"
"""The feed position applied (``db.local_copy.feed.Position``, JSON)."""
BUILT_AT = "local_copy.built_at"
REFRESHED_AT = "local_copy.refreshed_at"


def write(local: sqlite3.Connection, key: str, value: str) -> None:
    local.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def read(local: sqlite3.Connection, key: str) -> str | None:
    row = local.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])
