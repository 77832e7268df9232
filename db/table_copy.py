"""Copying every table of a till's SQLite database into PostgreSQL (``pos migrate-to``).

Generic over the schema: the tables are the target's, reflected after Alembic made them,
in foreign-key order, so a table added by a later migration comes along without a
change here. Rows travel as SQLite stores them (text dates, 0/1 booleans) through
PostgreSQL's ``COPY``, which parses each value as its column's type. The foreign keys are
dropped for the copy and added back at the end, which checks every row against them
(a member merged into a later member refers forward in its own table).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from psycopg import sql
from sqlalchemy import Connection, ForeignKeyConstraint, MetaData, Table, func, select, text
from sqlalchemy.schema import AddConstraint, DropConstraint

VERSION_TABLE = "alembic_version"
"""Alembic's own: the target has its row from the upgrade; never copied."""
FEED_TABLE = "change_feed"
"""Notes for tills' local copies of this database (migration 0016): a new server starts
its own, and its triggers are off while the rows arrive."""
NOT_COPIED = frozenset({VERSION_TABLE, FEED_TABLE})
BATCH = 20_000


@dataclass(frozen=True)
class CopiedTable:
    name: str
    rows: int
    seconds: float


def till_tables(connection: Connection) -> list[Table]:
    """The database's tables in foreign-key order (referred tables first)."""
    metadata = MetaData()
    metadata.reflect(connection)
    return [table for table in metadata.sorted_tables if table.name not in NOT_COPIED]


def row_count(connection: Connection, table: str) -> int:
    return int(
        connection.scalar(select(func.count()).select_from(text(_quoted(connection, table)))) or 0
    )


# Rows the migrations themselves write into a new database (0014: the default store).
MADE_BY_MIGRATIONS = frozenset({"stores"})


def tables_with_rows(connection: Connection) -> dict[str, int]:
    """Every till table holding rows a till wrote, with its count."""
    tables = [table for table in till_tables(connection) if table.name not in MADE_BY_MIGRATIONS]
    counts = {table.name: row_count(connection, table.name) for table in tables}
    return {name: count for name, count in counts.items() if count}


def empty_all(connection: Connection, tables: Sequence[Table]) -> None:
    """Delete every row of ``tables`` (PostgreSQL), restarting their id sequences."""
    if tables:
        names = ", ".join(_quoted(connection, table.name) for table in tables)
        connection.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")


def switch_triggers(connection: Connection, tables: Sequence[Table], on: bool) -> None:
    """Switch the tables' own triggers (the change feed's) on or off (PostgreSQL)."""
    for table in tables:
        state = "ENABLE" if on else "DISABLE"
        connection.exec_driver_sql(
            f"ALTER TABLE {_quoted(connection, table.name)} {state} TRIGGER USER"
        )


def drop_foreign_keys(
    connection: Connection, tables: Sequence[Table]
) -> list[ForeignKeyConstraint]:
    """Drop every foreign key of ``tables``; what was dropped, to add back."""
    dropped = [
        constraint
        for table in tables
        for constraint in sorted(table.foreign_key_constraints, key=lambda c: str(c.name))
    ]
    for constraint in dropped:
        connection.execute(DropConstraint(constraint))
    return dropped


def add_foreign_keys(connection: Connection, constraints: Sequence[ForeignKeyConstraint]) -> None:
    """Add the constraints back: PostgreSQL checks every row against each."""
    for constraint in constraints:
        connection.execute(AddConstraint(constraint))


def copy_table(
    source: Connection,
    target: Connection,
    table: Table,
    batch: int = BATCH,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Copy ``table``'s rows from ``source`` (in primary-key order) with ``COPY``; how many.

    Both connections' transactions are the caller's; the source is SQLite, read through
    its driver as stored, and its table must have every column of the target's.
    """
    columns = [column.name for column in table.columns]
    order = [column.name for column in table.primary_key.columns] or columns[:1]
    select_rows = 'SELECT {} FROM "{}" ORDER BY {}'.format(
        ", ".join(f'"{name}"' for name in columns),
        table.name,
        ", ".join(f'"{name}"' for name in order),
    )
    copy = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    done = 0
    reader = source.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    reader.execute(select_rows)
    with _driver(target).cursor() as cursor, cursor.copy(copy) as writer:
        while rows := reader.fetchmany(batch):
            for row in rows:
                writer.write_row(row)
            done += len(rows)
            if on_batch is not None:
                on_batch(done)
    return done


def reset_sequences(connection: Connection, tables: Sequence[Table]) -> int:
    """Move every id sequence past the highest id copied; how many were moved."""
    moved = 0
    for table in tables:
        for column in table.primary_key.columns:
            sequence = connection.scalar(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": _quoted(connection, table.name), "column": column.name},
            )
            if sequence is None:
                continue
            highest = connection.scalar(select(func.max(table.c[column.name])))
            connection.execute(
                text("SELECT setval(CAST(:sequence AS regclass), :value, :called)"),
                {"sequence": sequence, "value": highest or 1, "called": highest is not None},
            )
            moved += 1
    return moved


def _quoted(connection: Connection, name: str) -> str:
    return str(connection.dialect.identifier_preparer.quote(name))


def _driver(connection: Connection) -> Any:
    """The psycopg connection under ``connection``, for ``COPY``."""
    return connection.connection.driver_connection
