"""Every report by name: what ``pos report --list`` and the Reports tab offer."""

from __future__ import annotations

from app.reports.behaviour import BEHAVIOUR
from app.reports.dishes import DISHES
from app.reports.eod import EOD
from app.reports.kpi import KPI
from app.reports.member_value import MEMBER_VALUE
from app.reports.model import ReportSpec
from app.reports.pareto import PARETO
from app.reports.tenure import TENURE

REPORTS: tuple[ReportSpec, ...] = (TENURE, EOD, BEHAVIOUR, PARETO, KPI, DISHES, MEMBER_VALUE)


class UnknownReport(LookupError):
    def __init__(self, name: str) -> None:
        names = ", ".join(spec.name for spec in REPORTS)
        super().__init__(f"no report named {name!r} (reports: {names})")


def report_named(name: str) -> ReportSpec:
    for spec in REPORTS:
        if spec.name == name:
            return spec
    raise UnknownReport(name)
