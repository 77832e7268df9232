"""The ``store`` and ``region`` parameters of the store reports (Z report, KPIs): which
stores a report covers (``app.domain.store_scope``); both empty is the whole chain."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from app.domain.store_scope import ScopeError, StoreScope, scope_of
from app.exports.model import Language
from app.reports.model import ParamKind, ParamValue, ReportParam, ReportParamError
from app.reports.text import text
from db import stores as store_rows

STORE = ReportParam(
    "store",
    text("store", "zh"),
    text("store", "en"),
    ParamKind.TEXT,
    lambda c: "" if c.store_id is None else str(c.store_id),
)
REGION = ReportParam(
    "region", text("region", "zh"), text("region", "en"), ParamKind.TEXT, lambda c: ""
)


def scope_in(values: Mapping[str, ParamValue]) -> StoreScope:
    try:
        return scope_of(str(values.get("store", "")), str(values.get("region", "")))
    except ScopeError as exc:
        raise ReportParamError(str(exc)) from exc


def scope_names(session: Session, values: Mapping[str, ParamValue] | None) -> tuple[str, str]:
    """(store name, region) the parameters cover, for a slip or a title: the store's name,
    or the region, or neither for the whole chain (of one store: that store's name)."""
    scope = scope_in(values or {})
    stores = store_rows.stores(session)
    if scope.store_id is not None:
        return next((s.name for s in stores if s.store_id == scope.store_id), ""), ""
    if scope.region:
        return "", scope.region
    return (stores[0].name if len(stores) == 1 else ""), ""


def scope_line(store_name: str, region: str, language: Language) -> str:
    """``门店 东路店``, ``区域 华东`` or ``全连锁``."""
    if store_name:
        return f"{text('store', language)} {store_name}"
    if region:
        return f"{text('region', language)} {region}"
    return text("whole_chain", language)


def store_ids(session: Session, values: Mapping[str, ParamValue]) -> tuple[int, ...] | None:
    """The stores the parameters cover (``None``: the chain, no filter); a store or region
    that does not exist is refused rather than shown as an empty report."""
    scope = scope_in(values)
    if scope.is_chain:
        return None
    ids = scope.store_ids(store_rows.stores(session))
    if not ids:
        named = f"store {scope.store_id}" if scope.store_id is not None else repr(scope.region)
        raise ReportParamError(f"no store matches {named} (pos stores list)")
    return ids
