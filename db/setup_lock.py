"""One set-up at a time per database, whoever starts them: two scripted installs run
at once must not both migrate and write (the second then finds the first's work)."""

from __future__ import annotations

import fcntl
import os
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

_PG_KEY = zlib.crc32(b"membership-till setup")


@contextmanager
def exclusive_setup(url: str) -> Iterator[None]:
    """Hold the set-up lock: PostgreSQL's advisory lock, or for a SQLite file an
    ``flock`` on the file itself (created owner-only when new). Close every connection
    to a SQLite file before leaving: closing the lock's descriptor ends the process's
    SQLite locks on the file."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        engine = create_engine(url, poolclass=NullPool)
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _PG_KEY})
                connection.commit()
                try:
                    yield
                finally:
                    connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _PG_KEY})
                    connection.commit()
        finally:
            engine.dispose()
    elif parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(str(parsed.database)).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            yield
        finally:
            os.close(descriptor)
    else:
        yield
