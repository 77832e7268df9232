"""A till's claim on its id: the registration token in its data folder, and the refusal
when another machine already holds the id."""

from __future__ import annotations

import os
import secrets
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from app.domain.stores import RegisteredTill
from app.errors import TillError
from db.engine import create_db_engine
from db.stores import holder_of, register_till

TOKEN_FILE = "till-token"


class TillIdTaken(TillError):
    """Another machine (another data folder) holds ``till_id`` on this database."""

    def __init__(self, till_id: str) -> None:
        super().__init__(
            f"another till already uses the till id {till_id} on this database: give this "
            f"till another id with 'pos tills set-id --next' (or 'pos tills set-id ID'), or, "
            f"if that till was replaced by this one, free the id with 'pos tills release "
            f"{till_id}'"
        )
        self.till_id = till_id


def till_token(folder: Path) -> str:
    """The machine's registration token, made on first use and kept in ``folder``
    (owner-only), so a copied settings file does not copy the claim on an id."""
    path = folder / TOKEN_FILE
    try:
        token = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        token = ""
    if token:
        return token
    folder.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(16)
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as out:
        out.write(token + "\n")
    temporary.replace(path)
    return token


def check_till_id_free(database_url: str, till_id: str, token: str) -> None:
    """Raises ``TillIdTaken`` when another machine holds ``till_id`` (a manager typing a
    new id in the settings); the id is claimed when the till restarts with it."""
    engine = create_db_engine(database_url)
    try:
        with engine.connect() as connection:
            holder = holder_of(connection, till_id)
    finally:
        engine.dispose()
    if holder is not None and holder != token:
        raise TillIdTaken(till_id)


def register(engine: Engine, till_id: str, token: str | None, now: datetime) -> RegisteredTill:
    """Raises ``TillIdTaken``; an empty ``till_id`` is handed out (``db.stores``)."""
    registered = register_till(engine, till_id, token, now)
    if registered is None:
        raise TillIdTaken(till_id)
    return registered
