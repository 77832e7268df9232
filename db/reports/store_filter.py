"""Which rows a store scope takes, for the reports' queries."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.elements import ColumnElement

from db.models import StoreRow


def first_store_in(stores: tuple[int, ...]) -> ColumnElement[bool]:
    return select(func.min(StoreRow.id)).scalar_subquery().in_(stores)


def in_stores(column: QueryableAttribute[Any], stores: tuple[int, ...]) -> ColumnElement[bool]:
    """``column`` (a ``store_id``) is one of ``stores``. Rows written with no store (the
    history the demo and the benchmarks write in bulk) are the first store's, as
    migration 0014 made the rows before it."""
    return or_(column.in_(stores), and_(column.is_(None), first_store_in(stores)))
