"""What a report is: a name, titles, typed parameters and a function from a session to
tables (``app.exports.Table``) whose rows stream from the database."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from app.domain.business_day import business_day
from app.domain.money import Currency
from app.exports import Cell, Column, Table
from app.exports.model import Language
from app.reports.text import maybe_text, text

ParamValue = date | str | int | bool
ALL_TILLS = "all"


class ParamKind(enum.Enum):
    DATE = "date"
    TEXT = "text"
    CHOICE = "choice"
    INTEGER = "integer"
    FLAG = "flag"


class ReportParamError(ValueError):
    """A parameter value the report cannot take; ``str()`` names it and the grammar."""


@dataclass(frozen=True)
class ReportContext:
    """Who asks, when and where: what the defaults and the titles depend on.

    ``till_id`` is the asking till, ``None`` on the command line.
    """

    now: datetime
    till_id: str | None
    language: Language
    currency: Currency
    generated_by: str
    cutoff_hour: int = 0
    """The restaurant's business-day cut-off (``app.domain.business_day``)."""
    store_id: int | None = None
    """The asking till's store: the default scope of the store reports."""

    @property
    def today(self) -> date:
        """Today's business day: the default day of the reports."""
        return business_day(self.now, self.cutoff_hour)


@dataclass(frozen=True)
class ReportParam:
    """One parameter: ``--name`` on the command line (``_`` written as ``-``)."""

    name: str
    title_zh: str
    title_en: str
    kind: ParamKind
    default: Callable[[ReportContext], ParamValue]
    choices: tuple[str, ...] = ()
    minimum: int = 0

    def title(self, language: Language) -> str:
        return self.title_zh if language == "zh" else self.title_en

    def parse(self, text: str) -> ParamValue:
        """The value typed on the command line or in a field; raises ``ReportParamError``."""
        text = text.strip()
        try:
            if self.kind is ParamKind.DATE:
                return date.fromisoformat(text)
            if self.kind is ParamKind.INTEGER:
                value = int(text)
                if value < self.minimum:
                    raise ValueError(f"at least {self.minimum}")
                return value
            if self.kind is ParamKind.FLAG:
                if text.lower() not in ("1", "0", "yes", "no", "true", "false"):
                    raise ValueError("yes or no")
                return text.lower() in ("1", "yes", "true")
        except ValueError as exc:
            raise ReportParamError(f"--{self.cli_name}: {text!r} is not valid ({exc})") from exc
        if self.kind is ParamKind.CHOICE and text not in self.choices:
            raise ReportParamError(f"--{self.cli_name}: choose one of {', '.join(self.choices)}")
        return text

    @property
    def cli_name(self) -> str:
        return self.name.replace("_", "-")


def fixed_param(
    name: str, kind: ParamKind, default: ParamValue, text_key: str = "", **extra: object
) -> ReportParam:
    """A parameter with a fixed default, titled by ``text_key`` (else ``name``) in
    ``app.reports.text``."""
    key = text_key or name
    return ReportParam(
        name,
        text(key, "zh"),
        text(key, "en"),
        kind,
        lambda _context: default,
        **extra,  # type: ignore[arg-type]
    )


Build = Callable[[Session, Mapping[str, ParamValue], ReportContext], Sequence[Table]]


@dataclass(frozen=True)
class ReportSpec:
    """A named report. ``member_data``: it lists members (every export is audited
    anyway; this marks the ones a privacy review asks about)."""

    name: str
    title_zh: str
    title_en: str
    params: tuple[ReportParam, ...]
    build: Build
    member_data: bool = False
    printable: bool = False
    """Whether it also prints on the receipt printer (the Z report)."""

    def title(self, language: Language) -> str:
        return self.title_zh if language == "zh" else self.title_en

    def describe(self, values: Mapping[str, ParamValue], language: Language) -> str:
        """``营业日 2026-11-22 · 收银台 T1``: the parameters as a title line shows them."""
        return " · ".join(
            f"{param.title(language)} {_readable(param, values[param.name], language)}"
            for param in self.params
            if param.name in values and _shown(param.name, values)
        )

    def resolve(
        self, given: Mapping[str, ParamValue | str], context: ReportContext
    ) -> dict[str, ParamValue]:
        """Every parameter's value: given ones parsed if text, the rest from defaults."""
        known = {param.name: param for param in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            names = ", ".join(f"--{p.cli_name}" for p in self.params) or "none"
            raise ReportParamError(f"{self.name} has no parameter {unknown[0]} (it takes {names})")
        values: dict[str, ParamValue] = {}
        for name, param in known.items():
            value = given.get(name)
            if value is None:
                values[name] = param.default(context)
            elif isinstance(value, str) and param.kind is not ParamKind.TEXT:
                values[name] = param.parse(value)
            else:
                values[name] = value
        return values


def describe_params(values: Mapping[str, ParamValue]) -> str:
    """``day=2026-11-22, till=T1``: the parameters as the audit log and titles show them."""
    return ", ".join(
        f"{name}={_text(value)}"
        for name, value in values.items()
        if value != "" or name not in ("store", "region")  # no store scope: the chain, as before
    )


def _shown(name: str, values: Mapping[str, ParamValue]) -> bool:
    """The store scope reads ``Store 2``, ``Region 华东`` or ``Store whole chain``."""
    if name == "region":
        return bool(values[name])
    return name != "store" or not values.get("region")


def _readable(param: ReportParam, value: ParamValue, language: Language) -> str:
    if param.name == "store" and value == "":
        return text("whole_chain", language)
    if isinstance(value, bool):
        return text("yes" if value else "no", language)
    if param.kind is ParamKind.CHOICE:
        return maybe_text(str(value), language)
    if param.name == "till" and value == ALL_TILLS:
        return text("all_tills", language)
    return _text(value)


def _text(value: ParamValue) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value.isoformat() if isinstance(value, date) else str(value)


def as_date(value: ParamValue) -> date:
    if isinstance(value, date):
        return value
    raise ReportParamError(f"{value!r} is not a date")


def as_int(value: ParamValue) -> int:
    if isinstance(value, int):
        return int(value)
    raise ReportParamError(f"{value!r} is not a whole number")


def listed_table(
    title: str,
    columns: Sequence[Column],
    rows: list[Sequence[Cell]],
    context: ReportContext,
    subtitle: str = "",
) -> Table:
    """A table of rows already worked out (their count known), in the asker's language
    and currency."""
    return Table(
        title,
        columns,
        rows,
        subtitle=subtitle,
        expected_rows=len(rows),
        currency=context.currency,
        language=context.language,
    )
