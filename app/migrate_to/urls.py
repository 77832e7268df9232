"""The two ends of a move as URLs: the till's SQLite file and a PostgreSQL database."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from app.migrate_to.errors import MoveRefused

DRIVER = "postgresql+psycopg"
GRAMMAR = f"{DRIVER}://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=require]"


def target_url(raw: str) -> str:
    """``raw`` as a URL the till connects with: ``postgres://`` and ``postgresql://`` (as
    managed services print them) get the psycopg driver the till uses."""
    try:
        url = make_url(raw)
    except ArgumentError:
        raise MoveRefused(f"{raw!r} is not a database URL: give {GRAMMAR}") from None
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername=DRIVER)
    if url.drivername != DRIVER:
        raise MoveRefused(f"the till moves to PostgreSQL only: give {GRAMMAR}, not {shown(raw)}")
    if not url.database:
        raise MoveRefused(f"{shown(raw)} names no database: give {GRAMMAR}")
    return url.render_as_string(hide_password=False)


def source_file(raw: str) -> Path:
    """The SQLite file behind ``raw``; refuses anything else."""
    try:
        url = make_url(raw)
    except ArgumentError:
        raise MoveRefused(f"{raw!r} is not a database URL: give sqlite:///FILE") from None
    if url.get_backend_name() != "sqlite":
        raise MoveRefused(
            f"this till's database is {shown(raw)}, not a SQLite file: there is nothing to move"
        )
    if url.database in (None, "", ":memory:"):
        raise MoveRefused(f"{raw} is not a SQLite file: give sqlite:///FILE")
    return Path(url.database).expanduser()


def shown(raw: str) -> str:
    """``raw`` with its password hidden, for printing."""
    try:
        return make_url(raw).render_as_string(hide_password=True)
    except ArgumentError:
        return raw
