"""Stores, the tills registered to them and the offers each store runs: the SQL.

``register_till`` is the one writer of a till's claim on its id: one transaction that
checks the id against the machine's registration token, so two machines never hold one
id (``tills.till_id`` is unique; a lost race is retried).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, Engine, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain.stores import FIRST_TILL_ID, RegisteredTill, Store, next_till_id
from db.models import OfferRow, OfferStoreExclusionRow, StoreRow, TillRow

DEFAULT_STORE_NAME = "Main store"
_ATTEMPTS = 10


def store_of(row: StoreRow) -> Store:
    return Store(
        store_id=row.id,
        name=row.name,
        address=row.address,
        receipt_header=row.receipt_header,
        cutoff_hour=row.cutoff_hour,
        region=row.region,
    )


def register_till(
    engine: Engine, till_id: str, token: str | None, now: datetime
) -> RegisteredTill | None:
    """Register ``till_id`` for the machine holding ``token``; ``None``: another machine
    holds that id. ``till_id`` empty: the id this machine already holds, else ``T1``
    when no machine holds it, else the next free ``T<n>``. Without a token (tests, tools,
    training) the id is registered if new and never refused."""
    for attempt in range(_ATTEMPTS):
        try:
            with Session(engine, expire_on_commit=False) as session, session.begin():
                return _register(session, till_id, token, now)
        except (IntegrityError, _TakenMeanwhile):  # another till was first: look again
            if attempt == _ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


class _TakenMeanwhile(Exception):
    """The id handed out was claimed by another till starting at the same moment."""


def _register(
    session: Session, till_id: str, token: str | None, now: datetime
) -> RegisteredTill | None:
    handing_out = not till_id
    if handing_out:
        own = None
        if token is not None:
            own = session.scalar(select(TillRow).where(TillRow.token == token))
        if own is not None:
            own.last_seen_at = now
            return _registered(session, own)
        till_id = _free_id(session)
    row = session.scalar(select(TillRow).where(TillRow.till_id == till_id).with_for_update())
    if row is None:
        row = TillRow(
            till_id=till_id,
            store_id=default_store(session, now).id,
            token=token,
            registered_at=now,
            last_seen_at=now if token is not None else None,
        )
        session.add(row)
        session.flush()
        return _registered(session, row)
    if token is None:
        return _registered(session, row)
    if row.token is None:
        taken = session.execute(
            update(TillRow)
            .where(TillRow.id == row.id, TillRow.token.is_(None))
            .values(token=token, last_seen_at=now)
        )
        if taken.rowcount != 1:  # type: ignore[attr-defined]
            return _refused(handing_out)
        session.refresh(row)
        return _registered(session, row)
    if row.token != token:
        return _refused(handing_out)
    row.last_seen_at = now
    return _registered(session, row)


def holder_of(connection: Connection, till_id: str) -> str | None:
    """The token of the machine holding ``till_id``; ``None``: nobody holds it."""
    query = select(TillRow.token).where(TillRow.till_id == till_id)
    return connection.execute(query).scalar_one_or_none()


def _refused(handing_out: bool) -> RegisteredTill | None:
    """``None``: the id asked for is another machine's; a handed-out one is tried again."""
    if handing_out:
        raise _TakenMeanwhile
    return None


def _free_id(session: Session) -> str:
    first = session.scalar(select(TillRow).where(TillRow.till_id == FIRST_TILL_ID))
    if first is None or first.token is None:
        return FIRST_TILL_ID
    return next_till_id(session.scalars(select(TillRow.till_id)))


def _registered(session: Session, row: TillRow) -> RegisteredTill:
    store = session.get(StoreRow, row.store_id)
    assert store is not None  # a foreign key
    return RegisteredTill(
        till_id=row.till_id,
        store=store_of(store),
        claimed=row.token is not None,
        registered_at=row.registered_at,
        last_seen_at=row.last_seen_at,
    )


def registered_in(engine: Engine, till_id: str, token: str | None) -> RegisteredTill | None:
    """The till as ``engine`` has it registered, read only (the local copy, when the server
    cannot be reached): the row holding ``token``, else the one for ``till_id``."""
    with Session(engine) as session:
        row = None
        if token is not None:
            row = session.scalar(select(TillRow).where(TillRow.token == token))
        if row is None and till_id:
            row = session.scalar(select(TillRow).where(TillRow.till_id == till_id))
        return None if row is None else _registered(session, row)


def default_store(session: Session, now: datetime) -> StoreRow:
    """The first store (the migration makes one); made if a database has none."""
    row = session.scalar(select(StoreRow).order_by(StoreRow.id).limit(1))
    if row is None:
        row = StoreRow(name=DEFAULT_STORE_NAME, created_at=now)
        session.add(row)
        session.flush()
    return row


DEFAULT_STORE_NAMES = frozenset({DEFAULT_STORE_NAME, "总店"})
"""The names a store has before anyone named it (migration 0014, ``default_store``)."""


def name_default_store(session: Session, name: str, address: str) -> str | None:
    """The first store, still under its default name (a database made before the
    restaurant was named), takes the restaurant's ``name``, and ``address`` when it has
    none; returns the name it had (``None``: nothing changed: named already, a name left
    blank, or another store holds that name)."""
    name = name.strip()[:64]
    row = session.scalar(select(StoreRow).order_by(StoreRow.id).limit(1))
    if row is None or row.name not in DEFAULT_STORE_NAMES or not name or row.name == name:
        return None
    if session.scalar(select(StoreRow.id).where(StoreRow.name == name)) is not None:
        return None
    old, row.name = row.name, name
    row.address = row.address or address.strip()
    session.flush()
    return old


def stores(session: Session) -> list[Store]:
    return [store_of(row) for row in session.scalars(select(StoreRow).order_by(StoreRow.id))]


def find_store(session: Session, ref: str) -> StoreRow | None:
    """A store by its number or its exact name."""
    if ref.isdigit():
        by_id = session.get(StoreRow, int(ref))
        if by_id is not None:
            return by_id
    return session.scalar(select(StoreRow).where(StoreRow.name == ref))


def add_store(session: Session, store: Store, now: datetime) -> Store:
    row = StoreRow(
        name=store.name,
        address=store.address,
        receipt_header=store.receipt_header,
        cutoff_hour=store.cutoff_hour,
        region=store.region,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return store_of(row)


def save_store(session: Session, store: Store) -> None:
    session.execute(
        update(StoreRow)
        .where(StoreRow.id == store.store_id)
        .values(
            name=store.name,
            address=store.address,
            receipt_header=store.receipt_header,
            cutoff_hour=store.cutoff_hour,
            region=store.region,
        )
    )


def tills(session: Session) -> list[RegisteredTill]:
    rows = session.scalars(select(TillRow).order_by(TillRow.store_id, TillRow.till_id))
    return [_registered(session, row) for row in rows]


def find_till(session: Session, till_id: str) -> TillRow | None:
    return session.scalar(select(TillRow).where(TillRow.till_id == till_id))


def move_till(session: Session, till_id: str, store_id: int) -> None:
    session.execute(update(TillRow).where(TillRow.till_id == till_id).values(store_id=store_id))


def release_till(session: Session, till_id: str) -> None:
    """No machine holds the id any more: the next till asking for it takes it."""
    session.execute(update(TillRow).where(TillRow.till_id == till_id).values(token=None))


def offer_id(session: Session, code: str) -> int | None:
    return session.scalar(select(OfferRow.id).where(OfferRow.code == code))


def excluded_offers(session: Session, store_id: int) -> list[str]:
    query = (
        select(OfferRow.code)
        .join(OfferStoreExclusionRow, OfferStoreExclusionRow.offer_id == OfferRow.id)
        .where(OfferStoreExclusionRow.store_id == store_id)
        .order_by(OfferRow.code)
    )
    return list(session.scalars(query))


def set_offer_runs(session: Session, offer: int, store_id: int, runs: bool) -> bool:
    """Whether anything changed."""
    exclusion = session.get(OfferStoreExclusionRow, (offer, store_id))
    if runs and exclusion is not None:
        session.execute(
            delete(OfferStoreExclusionRow).where(
                OfferStoreExclusionRow.offer_id == offer,
                OfferStoreExclusionRow.store_id == store_id,
            )
        )
        return True
    if not runs and exclusion is None:
        session.add(OfferStoreExclusionRow(offer_id=offer, store_id=store_id))
        session.flush()
        return True
    return False
