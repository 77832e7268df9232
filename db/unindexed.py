"""``unindexed(column)``: the column, but not an index SQLite may choose for this term.

SQLite's planner has no statistics unless someone runs ``ANALYZE``, and then guesses:
it takes an equality on ``tier_id`` for a handful of rows and sorts 300,000 of them
rather than walk the sort's index. Where the caller knows better (``db.member_list``
measures how many rows match first), it writes ``+members.tier_id`` on SQLite, which
the SQLite documentation gives as the way to keep a term off an index. Other databases
get the plain column: PostgreSQL keeps statistics and plans well on its own.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class unindexed(FunctionElement[Any]):
    name = "unindexed"
    inherit_cache = True

    def __init__(self, column: ColumnElement[Any]) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(unindexed)
def _plain(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(unindexed, "sqlite")
def _unary_plus(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return "+" + compiler.process(element.clauses, **kw)
