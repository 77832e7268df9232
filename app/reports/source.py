"""Where the report service reads: each read in its own session, outside the service.

The reports' queries take a session (``ReportSpec.build``, ``kpi_figures``...); this
adapter opens it, so that ``app/services/reports.py`` holds no SQL. A report's tables
stream their rows from the database, so ``tables`` keeps the session open for as long
as the caller's ``with`` block runs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from app.domain.stores import Store
from app.exports import Table
from app.reports.eod import ZFigures, z_figures
from app.reports.kpi import KpiFigures, kpi_figures
from app.reports.model import ParamValue, ReportContext, ReportSpec
from app.reports.pareto import ParetoFigures, pareto_figures
from app.reports.scope import scope_names, store_ids
from db import stores as store_rows


class SqlReportSource:
    """The ``ReportSource`` (``app.services.reports``) over a session factory."""

    def __init__(self, sessions: sessionmaker[Session], cutoff_hour: int = 0) -> None:
        self._sessions, self._cutoff_hour = sessions, cutoff_hour

    @contextmanager
    def tables(
        self, spec: ReportSpec, values: Mapping[str, ParamValue], context: ReportContext
    ) -> Iterator[Sequence[Table]]:
        with self._sessions() as session:
            yield spec.build(session, values, context)

    def kpi(self, values: Mapping[str, ParamValue]) -> KpiFigures:
        with self._sessions() as session:
            return kpi_figures(session, values)

    def pareto(self, values: Mapping[str, ParamValue]) -> ParetoFigures:
        with self._sessions() as session:
            return pareto_figures(session, values)

    def stores(self) -> list[Store]:
        with self._sessions() as session:
            return store_rows.stores(session)

    def z_figures(
        self, till: str | None, day: date, values: Mapping[str, ParamValue] | None = None
    ) -> ZFigures:
        """``values``: the report's ``store``/``region`` parameters (none: every store)."""
        with self._sessions() as session:
            stores = store_ids(session, values) if values is not None else None
            figures = z_figures(session, till, day, self._cutoff_hour, stores)
            store_name, region = scope_names(session, values)
            return replace(figures, store_name=store_name, region=region)
