"""The report service on the fake unit of work and a report source that reads nothing:
who may ask, and what an export or a printed Z report leaves behind."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import fields
from datetime import date, datetime
from pathlib import Path

import pytest

from app.domain.staff import Role, StaffId, StaffMember
from app.errors import PermissionDenied
from app.exports import Column, ColumnKind, Table
from app.reports.eod import ZFigures
from app.reports.model import ParamValue, ReportContext, ReportSpec
from app.services.reports import ExportFormat, ReportRefused, ReportService
from db.reports.eod import LedgerFigures, OrderTotals
from tests.fakes import FakeClock, FakeStore, FakeUnits, staff_accounts

NOW = datetime(2026, 11, 22, 21, 30)
MANAGER = StaffMember(StaffId(2), "manager", "李经理", Role.MANAGER)
CASHIER = StaffMember(StaffId(1), "wangfang", "王芳", Role.CASHIER)


class StillSource:
    """Every report is one table of two rows; the day's figures are all zero."""

    @contextmanager
    def tables(
        self, spec: ReportSpec, values: Mapping[str, ParamValue], context: ReportContext
    ) -> Iterator[Sequence[Table]]:
        columns = (Column("name", "Name"), Column("spend", "Spend", ColumnKind.MONEY))
        yield (Table(spec.name, columns, [("张伟", 12_300), ("李娜", 4_500)]),)

    def kpi(self, values: Mapping[str, ParamValue]) -> object:
        raise AssertionError("not asked here")

    def pareto(self, values: Mapping[str, ParamValue]) -> object:
        raise AssertionError("not asked here")

    def stores(self) -> list[object]:
        return []

    def z_figures(self, till: str | None, day: date, values: object = None) -> ZFigures:
        def zeros(kind: type) -> object:
            return kind(**{field.name: 0 for field in fields(kind)})

        return ZFigures(till, day, zeros(OrderTotals), (), (), (), zeros(LedgerFigures),
                        (), (), ())  # fmt: skip


class Spooler:
    def __init__(self) -> None:
        self.woken: list[str] = []

    def wake(self, printer_url: str) -> None:
        self.woken.append(printer_url)


def service(units: FakeUnits, spooler: Spooler | None = None) -> ReportService:
    return ReportService(
        units, StillSource(), FakeClock(NOW), "T1", spooler=spooler,
        printer_url="sim://" if spooler else "",
    )  # fmt: skip


def test_an_export_is_written_and_audited_with_who_asked_and_how_many_rows(
    tmp_path: Path,
) -> None:
    units = FakeUnits(FakeStore(staff=staff_accounts(MANAGER, CASHIER)))
    done = service(units).export("eod", {}, ExportFormat.CSV, tmp_path / "z.csv", MANAGER, "en")
    assert done.rows == 2 and (tmp_path / "z.csv").is_file()
    [(context, action, subject, detail)] = units.store.audit
    assert (action, subject, context.staff_id, context.till_id) == (
        "report_exported", "report:eod", MANAGER.staff_id, "T1",
    )  # fmt: skip
    assert (detail["rows"], detail["actor"], detail["format"]) == (2, "manager", "csv")


def test_a_cashier_may_not_see_reports_and_nothing_is_read_or_kept(tmp_path: Path) -> None:
    units = FakeUnits(FakeStore(staff=staff_accounts(MANAGER, CASHIER)))
    with pytest.raises(PermissionDenied):
        service(units).export("eod", {}, ExportFormat.CSV, tmp_path / "z.csv", CASHIER, "en")
    assert units.store.audit == [] and not (tmp_path / "z.csv").exists()


def test_a_printed_z_report_is_queued_and_audited_in_one_unit() -> None:
    units, spooler = (
        FakeUnits(
            FakeStore(settings={"receipt.header": "川味小馆"}, staff=staff_accounts(MANAGER))
        ),
        Spooler(),
    )
    job = service(units, spooler).print_z_report({"day": "2026-11-22"}, MANAGER)
    [queued] = units.store.print_jobs
    assert (job, queued["kind"], queued["printer_url"], queued["till_id"]) == (
        1, "z_report", "sim://", "T1",
    )  # fmt: skip
    assert [a[1] for a in units.store.audit] == ["report_printed"]
    assert spooler.woken == ["sim://"]


def test_a_till_without_a_printer_refuses_the_z_report() -> None:
    units = FakeUnits(FakeStore(staff=staff_accounts(MANAGER, CASHIER)))
    with pytest.raises(ReportRefused):
        service(units).print_z_report({}, MANAGER)
    assert units.store.print_jobs == [] and units.store.audit == []
