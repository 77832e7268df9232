"""``pos menu import``: bring a CSV menu into a till database, or show what it would do.

All or nothing: a file with a bad row changes nothing, and the rows are written in one
transaction. A dry run makes the same changes inside the transaction to count them, then
rolls it back.
"""

from __future__ import annotations

from app.clock import Clock
from app.context import ActionContext
from app.domain.menu_lines import MenuChanges, MenuLine
from app.errors import TillError
from app.setup.ran_by import ran_by
from db.engine import create_db_engine, missing_sqlite_file, session_factory
from db.migrate import has_schema, is_at_head
from db.restaurant_setup import SqlRestaurantSetup


class MenuImportRefused(TillError):
    pass


def import_menu_lines(
    url: str, lines: tuple[MenuLine, ...], clock: Clock, *, dry_run: bool, source: str = ""
) -> MenuChanges:
    missing = missing_sqlite_file(url)
    if missing is not None:
        raise MenuImportRefused(f"there is no database at {missing}")
    engine = create_db_engine(url)
    try:
        if not has_schema(engine):
            raise MenuImportRefused("this database holds no till yet; run pos setup first")
        if not is_at_head(engine):
            raise MenuImportRefused("this database needs upgrading: start the till once first")
        with session_factory(engine)() as session:
            store = SqlRestaurantSetup(session)
            changes = store.import_menu(lines)
            if dry_run:
                session.rollback()
                return changes
            store.audit.record(
                ActionContext.begin(clock, "setup", None),
                "menu_imported",
                source[-80:],
                {**ran_by("pos menu import"), **vars(changes)},
            )
            session.commit()
        return changes
    finally:
        engine.dispose()
