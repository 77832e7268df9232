"""What a till is built from: the database, devices, language and mode, as one value.

Live, demo, training and test tills differ only in the ``TillConfig`` they are built
from; ``app.bootstrap.build_till`` turns one into a working till.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.storage import DatabaseTimeouts
from app.receipt_text import Language


class TillMode(enum.Enum):
    LIVE = "live"
    TRAINING = "training"


@dataclass(frozen=True)
class TillConfig:
    database_url: str
    till_id: str = "T1"
    """Empty: the database hands one out at start (``app.stores.registration``)."""
    printer_url: str = "sim://"
    card_reader_url: str = "sim://"
    demo_members_if_empty: int | None = None
    receipt_language: Language = "zh"
    display_url: str = "sim://"
    drawer_allowed: bool = True
    mode: TillMode = TillMode.LIVE
    slip_mark: str = ""
    """Printed at the top and bottom of every slip (training)."""
    training_records_url: str = ""
    """Where exercise attempts are recorded; set, the till coaches exercises."""
    demo_history_days: int = 0
    """Days of past the demo restaurant gets (``app.demo_history``); 0: none."""
    registration_token: str | None = None
    """The machine's token (``app.stores.registration.till_token``): set, the till claims
    its id at start and is refused when another machine holds it; ``None`` (tests, tools,
    training): the id is registered if new, never refused."""
    database_timeouts: DatabaseTimeouts = field(default_factory=DatabaseTimeouts)
    """How long the till waits for a shared PostgreSQL server (SQLite: its busy timeout)."""
    usual_dishes: bool = True
    pairing_hints: bool = True
    """The member panel's usual dishes and pairing suggestion (``TillSettings``)."""
    local_copy_path: Path | None = None
    """Where the till keeps its local copy of a shared PostgreSQL server's data
    (``app.offline``: the data folder's ``local-copy.db``); ``None`` (tests, tools): none."""
