"""Managing stores and tills without a window (``pos stores``, ``pos tills``): every
change in one transaction with its audit event."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.clock import Clock
from app.context import ActionContext
from app.domain.business_day import LATEST_CUTOFF
from app.domain.store_scope import ScopeError, target_key, targets_set
from app.domain.stores import RegisteredTill, Store
from app.errors import TillError
from db import stores as sql
from db.audit_log import SqlAuditLog
from db.engine import create_db_engine, session_factory
from db.migrate import upgrade_to_head
from db.models import SettingRow, StoreRow
from db.queries import SqlRestaurant

MAX_NAME = 64
MAX_TARGET = 1000
ACTOR = "setup"
"""The till id the audit events of these commands carry (as ``pos setup``'s)."""


class StoreRefused(TillError):
    """``str()`` says why, in one sentence."""


@dataclass(frozen=True)
class StoreView:
    store: Store
    tills: tuple[RegisteredTill, ...]
    excluded_offers: tuple[str, ...]


class StoreAdmin:
    def __init__(self, database_url: str, clock: Clock) -> None:
        self._url, self._clock = database_url, clock

    @contextmanager
    def _session(self) -> Iterator[Session]:
        engine = create_db_engine(self._url)
        try:
            upgrade_to_head(engine)
            with session_factory(engine).begin() as session:
                yield session
        except IntegrityError:
            raise StoreRefused("another store already has that name") from None
        finally:
            engine.dispose()

    def _audit(
        self, session: Session, action: str, subject: str, detail: dict[str, object]
    ) -> None:
        context = ActionContext.begin(self._clock, ACTOR, None)
        SqlAuditLog(session).record(context, action, subject, detail)

    def overview(self) -> list[StoreView]:
        with self._session() as session:
            tills = sql.tills(session)
            return [
                StoreView(
                    store,
                    tuple(t for t in tills if t.store.store_id == store.store_id),
                    tuple(sql.excluded_offers(session, store.store_id)),
                )
                for store in sql.stores(session)
            ]

    def add_store(self, store: Store) -> Store:
        store = _checked(store)
        with self._session() as session:
            added = sql.add_store(session, store, self._clock.now())
            self._audit(session, "store_added", f"store:{added.store_id}", _detail(added))
            return added

    def edit_store(self, ref: str, **changes: object) -> Store:
        with self._session() as session:
            row = _store(session, ref)
            edited = _checked(replace(sql.store_of(row), **changes))  # type: ignore[arg-type]
            sql.save_store(session, edited)
            self._audit(session, "store_edited", f"store:{edited.store_id}", _detail(edited))
            return edited

    def move_till(self, till_id: str, store_ref: str) -> Store:
        with self._session() as session:
            _till(session, till_id)
            store = sql.store_of(_store(session, store_ref))
            sql.move_till(session, till_id, store.store_id)
            detail: dict[str, object] = {"store_id": store.store_id}
            self._audit(session, "till_moved", f"till:{till_id}", detail)
            return store

    def release_till(self, till_id: str) -> None:
        with self._session() as session:
            _till(session, till_id)
            sql.release_till(session, till_id)
            self._audit(session, "till_released", f"till:{till_id}", {})

    def set_offer_runs(self, store_ref: str, offer_code: str, runs: bool) -> bool:
        """Whether anything changed."""
        with self._session() as session:
            store = _store(session, store_ref)
            offer = sql.offer_id(session, offer_code)
            if offer is None:
                raise StoreRefused(f"there is no offer with the code {offer_code}")
            changed = sql.set_offer_runs(session, offer, store.id, runs)
            if changed:
                action = "offer_included_in_store" if runs else "offer_excluded_from_store"
                detail = {"store_id": store.id, "offer": offer_code}
                self._audit(session, action, f"store:{store.id}", detail)
            return changed

    def set_target(self, level: str, name: str, value: str) -> str:
        """Set (``value`` empty: clear) the sign-up target of the company, a region, a city
        or a store (``app.domain.store_scope``); returns the setting's key."""
        try:
            target_key(level, name)
        except ScopeError as exc:
            raise StoreRefused(str(exc)) from None
        if value.strip():
            try:
                number = Decimal(value.strip())
            except InvalidOperation:
                number = Decimal(0)
            if not number.is_finite() or number <= 0 or number > MAX_TARGET:
                raise StoreRefused(f"a target is sign-ups per staff per day, e.g. 2.5, not {value}")
        with self._session() as session:
            if level == "store":  # by number, whatever the store is called later
                name = str(_store(session, name).id)
            key = target_key(level, name)
            restaurant = SqlRestaurant(session)
            before = restaurant.settings().get(key, "")
            if value.strip():
                restaurant.set_setting(key, value.strip())
            else:
                session.execute(delete(SettingRow).where(SettingRow.key == key))
            detail: dict[str, object] = {"before": before, "after": value.strip()}
            self._audit(session, "signup_target_set", f"target:{level}:{name}", detail)
        return key

    def targets(self) -> dict[str, str]:
        with self._session() as session:
            return targets_set(SqlRestaurant(session).settings())


def _store(session: Session, ref: str) -> StoreRow:
    row = sql.find_store(session, ref)
    if row is None:
        raise StoreRefused(f"there is no store {ref} (pos stores list names them)")
    return row


def _till(session: Session, till_id: str) -> None:
    if sql.find_till(session, till_id) is None:
        raise StoreRefused(f"no till {till_id} is registered (pos tills list names them)")


def _checked(store: Store) -> Store:
    name = store.name.strip()
    if not name or len(name) > MAX_NAME:
        raise StoreRefused(f"a store's name has 1 to {MAX_NAME} characters")
    if store.cutoff_hour is not None and not 0 <= store.cutoff_hour <= LATEST_CUTOFF:
        raise StoreRefused(f"the business day starts at an hour from 0 to {LATEST_CUTOFF}")
    return replace(store, name=name, region=store.region.strip())


def _detail(store: Store) -> dict[str, object]:
    return {
        "name": store.name,
        "address": store.address,
        "receipt_header": store.receipt_header,
        "cutoff_hour": store.cutoff_hour,
        "region": store.region,
    }
