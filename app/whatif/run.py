"""``pos rules export`` and ``pos whatif``: the live rules as a draft file, and the replay
of a period read from a till database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import Engine

from app.errors import TillError
from app.frozen_heap import frozen_heap
from app.whatif.draft import DraftRules, DraftTier, dump_draft, live_draft, load_draft
from app.whatif.figures import Comparison
from app.whatif.period import Period
from app.whatif.replay import Progress, replay
from db.engine import create_db_engine, missing_sqlite_file, session_factory
from db.member_accounts import tier_from_row
from db.migrate import has_schema, is_at_head
from db.programme_rows import tier_rows
from db.stores import stores
from db.whatif_orders import live_programme, paid_orders, period_members, rule_changes


class WhatIfRefused(TillError):
    """The database or the period cannot be replayed; ``str()`` says why."""


def export_rules(url: str, out: Path) -> DraftRules:
    draft = read_live_rules(url)
    out.write_text(dump_draft(draft), encoding="utf-8")
    return draft


def read_draft(path: Path) -> DraftRules:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise WhatIfRefused(f"cannot read the draft {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise WhatIfRefused(f"the draft {path} is not UTF-8 text") from exc
    return load_draft(text)


def read_live_rules(url: str) -> DraftRules:
    engine = _engine(url)
    try:
        with session_factory(engine)() as session:
            tiers, rules = live_programme(session)
        return live_draft(tuple(DraftTier(tier, spend) for tier, spend in tiers), rules)
    finally:
        engine.dispose()


def read_period(url: str, first: date, last: date) -> tuple[Period, DraftRules]:
    """The period's orders and the live rules, read in one transaction."""
    if last < first:
        raise WhatIfRefused("the period ends before it starts")
    engine = _engine(url)
    try:
        with session_factory(engine)() as session:
            tiers, rules = live_programme(session)
            recorded = {int(row.id): tier_from_row(row) for row in tier_rows(session)}
            orders = paid_orders(session, first, last)
            member_ids = {order.member_id for order in orders if order.member_id is not None}
            period = Period(
                orders,
                period_members(session, first, last, member_ids),
                recorded,
                rule_changes(session, datetime.combine(first, time.min)),
                {store.store_id: store.name for store in stores(session)},
            )
        live = live_draft(tuple(DraftTier(tier, spend) for tier, spend in tiers), rules)
        return period, live
    finally:
        engine.dispose()


def what_if(
    url: str,
    draft: DraftRules,
    first: date,
    last: date,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Comparison:
    with frozen_heap():  # the period's orders: not walked by every collection meanwhile
        period, live = read_period(url, first, last)
        return replay(period, live, draft, progress, cancelled)


def _engine(url: str) -> Engine:
    missing = missing_sqlite_file(url)
    if missing is not None:
        raise WhatIfRefused(f"there is no database at {missing}")
    engine = create_db_engine(url)
    if not has_schema(engine):
        engine.dispose()
        raise WhatIfRefused("this database holds no till yet; run pos setup first")
    if not is_at_head(engine):
        engine.dispose()
        raise WhatIfRefused("this database needs upgrading: start the till once first")
    return engine
