"""What the report service hands the UI and the command line: frozen values, no rows."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from app.domain.staff import StaffMember
from app.errors import TillError
from app.reports.model import ParamKind, ParamValue


class ReportRefused(TillError):
    pass


class ScopeRefused(ReportRefused):
    """A store manager asked for another store's, a region's or the chain's figures."""


class ExportFormat(enum.Enum):
    CSV = "csv"
    PDF = "pdf"


@dataclass(frozen=True)
class CommandLine:
    """A scheduled export from ``pos report``: audited with no staff member."""

    name: str = "cli"


Requester = StaffMember | CommandLine


@dataclass(frozen=True)
class ParamInfo:
    name: str
    title: str
    kind: ParamKind
    default: ParamValue
    choices: tuple[str, ...] = ()
    choice_titles: tuple[str, ...] = ()
    """The choices as people read them, in the asked language."""


@dataclass(frozen=True)
class ReportInfo:
    name: str
    title: str
    params: tuple[ParamInfo, ...]
    printable: bool
    member_data: bool


@dataclass(frozen=True)
class PreviewSection:
    """A table's first rows as text; ``total`` is the whole table's row count if known."""

    title: str
    columns: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: tuple[tuple[str, ...], ...]
    total: int | None


@dataclass(frozen=True)
class ReportPreview:
    title: str
    parameters: str
    sections: tuple[PreviewSection, ...]


@dataclass(frozen=True)
class ExportDone:
    path: Path
    rows: int
    format: ExportFormat
