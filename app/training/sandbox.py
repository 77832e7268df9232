"""Build (or rebuild) a till's training sandbox: a new SQLite database holding the real
restaurant's settings, menu, staff, tiers and offers, the training guests and a few
hundred realistic random members. Nothing is ever written to the real database."""

from __future__ import annotations

import logging
import random
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from app.demo import batches, insert_members, synthetic_members
from app.domain.renewal import OfferKind
from app.till_database import prepare_database
from app.training.config import TRAINING_TILL_SUFFIX
from app.training.roster import featured_members, load_roster
from db.engine import create_db_engine, session_factory
from db.fresh_sqlite import new_sqlite_at_head
from db.models import RenewalOfferRow, SettingRow, TierRow
from db.sandbox_copy import copy_reference_data
from db.search_keys import ensure_search_keys

SANDBOX_MEMBERS = 400
TRAINING_SETTING = "training.sandbox_built_on"
SEED = 2011  # the year a peer's training-mode request was opened; any fixed seed will do

log = logging.getLogger(__name__)


def sandbox_exists(url: str) -> bool:
    return _path(url).exists()


def build_sandbox(live: Engine, url: str, today: date, members: int = SANDBOX_MEMBERS) -> None:
    """Write the sandbox at ``url`` (a SQLite file), replacing any previous one.

    Built in a temporary file and moved into place, so a failure leaves the previous
    sandbox (or none) rather than half of one.
    """
    path = _path(url)
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(path.name + ".building")
    _remove(building)
    new_sqlite_at_head(building)
    engine = create_db_engine(f"sqlite:///{building}")
    try:
        with live.connect() as source, engine.begin() as target:
            copied = copy_reference_data(source, target, TRAINING_TILL_SUFFIX)
        _add_members(session_factory(engine), today, members)
        ensure_search_keys(engine)
    finally:
        engine.dispose()
    _remove(path)
    building.replace(path)
    log.info("training sandbox built at %s: %s", path, copied)


def _add_members(sessions: sessionmaker[Session], today: date, count: int) -> None:
    now = datetime.combine(today, datetime.min.time()).replace(hour=9)
    with sessions.begin() as session:
        by_rank = select(TierRow.code, TierRow.id).order_by(TierRow.rank)
        ordered = {code: id_ for code, id_ in session.execute(by_rank)}
        featured = featured_members(load_roster(), list(ordered), _windows(session))
        total = max(count, len(featured))
        rows = synthetic_members(random.Random(SEED), total, ordered, today, now, featured)
        for batch in batches(rows, 5_000):
            insert_members(session, batch, now)
        session.merge(SettingRow(key=TRAINING_SETTING, value=today.isoformat()))


def _windows(session: Session) -> dict[OfferKind, int]:
    windows: dict[OfferKind, int] = {}
    for kind, days in session.execute(select(RenewalOfferRow.kind, RenewalOfferRow.window_days)):
        try:
            offer_kind = OfferKind(kind)
        except ValueError:
            continue
        windows[offer_kind] = max(windows.get(offer_kind, 0), days)
    return windows


def _path(url: str) -> Path:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        raise ValueError(f"a training sandbox is a SQLite file, not {url}")
    return Path(parsed.database)


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)


def prepare_sandbox(
    live_url: str, url: str, today: date, demo_members: int | None, fresh: bool = False
) -> None:
    """Build the sandbox of the till on ``live_url`` unless it exists (or afresh). The
    live database is prepared first as a live till would (a brand-new one gets the demo
    restaurant), so ``pos --training`` works on a fresh machine."""
    if sandbox_exists(url) and not fresh:
        return
    live = prepare_database(live_url, demo_members, today)
    try:
        build_sandbox(live, url, today)
    finally:
        live.dispose()
