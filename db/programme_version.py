"""Which version of the programme's tables the database holds, so a till may keep what it
read of them until they change.

The tables (tiers and their excluded categories, renewal offers, top-up rules, offers and
what they name, holidays) change a few times a year and were read by every checkout,
seven statements and the offers rebuilt each time. Every write to them through a session
(the ORM's flushes and ``session.execute`` of an INSERT, UPDATE or DELETE) replaces the
token in ``settings`` row ``programme.version`` in the same transaction, and the settings
are read by every checkout anyway: when the token is the one a till read the tables under,
it keeps them (``db.loyalty_rules``). A till's start writes a token where there is none
(``ensure_version``). Writes that bypass the session (the migrations, the demo and bench
builders, SQL by hand) do not replace it: a change made that way reaches a running till
with the next edit or when it restarts.
"""

from __future__ import annotations

import uuid
from itertools import chain
from typing import Any

from sqlalchemy import Engine, event, select
from sqlalchemy.orm import ORMExecuteState, Session

from db.models import (
    OfferCategoryRow,
    OfferItemRow,
    OfferRow,
    OfferStoreExclusionRow,
    OfferTierRow,
    PublicHolidayRow,
    RenewalOfferRow,
    SettingRow,
    TierExcludedCategoryRow,
    TierRow,
    TopUpRuleRow,
)
from db.queries import forget_settings
from db.upserts import dialect_insert

VERSION_KEY = "programme.version"
PROGRAMME_ROWS = (
    TierRow,
    TierExcludedCategoryRow,
    RenewalOfferRow,
    TopUpRuleRow,
    OfferRow,
    OfferCategoryRow,
    OfferItemRow,
    OfferTierRow,
    OfferStoreExclusionRow,
    PublicHolidayRow,
)
"""The loyalty programme's tables, in foreign-key order."""
_TABLES = frozenset(row.__tablename__ for row in PROGRAMME_ROWS)


def ensure_version(engine: Engine) -> None:
    """A token where there is none yet (a till's start), so tills may keep the tables
    from the first checkout on."""
    with engine.begin() as connection:
        query = select(SettingRow.value).where(SettingRow.key == VERSION_KEY)
        if connection.execute(query).first() is None:
            insert = dialect_insert(connection.dialect.name)
            connection.execute(
                insert(SettingRow)
                .values(key=VERSION_KEY, value=uuid.uuid4().hex)
                .on_conflict_do_nothing()
            )


def replace_version(session: Session) -> None:
    """A new token in this transaction: tills that kept the tables read them again."""
    connection = session.connection()
    insert = dialect_insert(connection.dialect.name)
    token = uuid.uuid4().hex
    connection.execute(
        insert(SettingRow)
        .values(key=VERSION_KEY, value=token)
        .on_conflict_do_update(index_elements=[SettingRow.key], set_={"value": token})
    )
    forget_settings(session)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: Any) -> None:
    touched = chain(session.new, session.dirty, session.deleted)
    if any(isinstance(row, PROGRAMME_ROWS) for row in touched):
        replace_version(session)


@event.listens_for(Session, "do_orm_execute")
def _on_execute(state: ORMExecuteState) -> None:
    if state.is_select:
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) in _TABLES:
        replace_version(state.session)
