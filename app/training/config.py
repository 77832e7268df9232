"""Training as a configuration of the composition root: the same till, built on the
sandbox database, with its own till id (so its own order numbers), simulated devices,
every slip marked and the cash drawer shut."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy.engine import make_url

from app.config import data_dir
from app.till_config import TillConfig, TillMode

TRAINING_MARK = "培训 TRAINING — 不是收据 NOT A RECEIPT"
TRAINING_TILL_SUFFIX = "-TR"
SANDBOX_FILE = "sandbox.db"
RECORDS_FILE = "training-records.db"
UNREGISTERED = "NEW"
"""A till that trains before it ever opened live has no id yet: it trains as ``NEW-TR``."""


def training_folder(live_database_url: str) -> Path:
    """Beside a SQLite till database (``<folder>/training``), else in the data folder."""
    url = make_url(live_database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(str(url.database)).resolve().parent / "training"
    return data_dir() / "training"


def sandbox_url(folder: Path, till_id: str) -> str:
    return f"sqlite:///{folder / till_id / SANDBOX_FILE}"


def records_url(folder: Path) -> str:
    """Attempts and scores: kept apart from the sandbox, so a reset keeps them."""
    return f"sqlite:///{folder / RECORDS_FILE}"


def training_config(live: TillConfig, folder: Path, real_printer: bool = False) -> TillConfig:
    """The training till of a live till. Card reader and customer display are the
    simulators; the printer too unless a manager allowed the real one, whose slips then
    carry the training mark at top and bottom (every slip is marked either way)."""
    return replace(
        live,
        database_url=sandbox_url(folder, live.till_id or UNREGISTERED),
        till_id=(live.till_id or UNREGISTERED) + TRAINING_TILL_SUFFIX,
        registration_token=None,  # the sandbox claims nothing on the live database
        printer_url=live.printer_url if real_printer else "sim://",
        card_reader_url="sim://",
        display_url="sim://",
        demo_members_if_empty=None,
        drawer_allowed=False,
        mode=TillMode.TRAINING,
        slip_mark=TRAINING_MARK,
        training_records_url=records_url(folder),
    )
