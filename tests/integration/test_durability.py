"""A till's SQLite connections commit with full durability: WAL with ``synchronous=FULL``,
so a sale whose receipt printed survives a power cut (docs/DURABILITY.md)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from db.engine import create_db_engine

FULL = 2  # PRAGMA synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA


def test_every_connection_is_in_wal_mode_with_synchronous_full(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'till.db'}")
    try:
        for _ in range(2):  # a second pooled connection is configured alike
            with engine.connect() as connection:
                assert connection.scalar(text("PRAGMA journal_mode")) == "wal"
                assert connection.scalar(text("PRAGMA synchronous")) == FULL
    finally:
        engine.dispose()
