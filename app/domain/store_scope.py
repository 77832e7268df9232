"""Which stores a manager's view covers: one store, a region (or a city in it), or the
whole chain; who may ask for which; and sign-up targets down the hierarchy.

A store's region label is ``region`` or ``region/city`` (``华东/上海``): ``--region 华东``
covers every store in the region, ``--region 华东/上海`` the stores of that city.
Targets inherit downwards: a store without its own takes its city's, then its region's,
then the company's (``kpi.signups_per_staff_day``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.domain.stores import Store

COMPANY_TARGET_KEY = "kpi.signups_per_staff_day"
"""The same key as ``app.domain.kpi.SIGNUP_TARGET_KEY``: the company's target."""


MAX_KEY = 64
"""The settings table's key length."""


class ScopeError(ValueError):
    """A scope that names no store; ``str()`` is one sentence for a person."""


@dataclass(frozen=True)
class StoreScope:
    """``store_id`` set: that store; ``region`` set: its stores; neither: the chain."""

    store_id: int | None = None
    region: str = ""

    @property
    def is_chain(self) -> bool:
        return self.store_id is None and not self.region

    def covers(self, store: Store) -> bool:
        if self.store_id is not None:
            return store.store_id == self.store_id
        if self.region:
            return in_region(store.region, self.region)
        return True

    def store_ids(self, stores: Iterable[Store]) -> tuple[int, ...] | None:
        """The stores covered, ``None`` for the whole chain (no filter at all)."""
        if self.is_chain:
            return None
        return tuple(sorted(s.store_id for s in stores if self.covers(s)))


CHAIN = StoreScope()


def scope_of(store: str, region: str) -> StoreScope:
    """The scope from a report's ``store`` and ``region`` parameters (empty: not given)."""
    store, region = store.strip(), region.strip().strip("/")
    if store and region:
        raise ScopeError("give a store or a region, not both")
    if store:
        if not store.isdigit():
            raise ScopeError(f"--store takes a store number (pos stores list), not {store!r}")
        return StoreScope(int(store))
    return StoreScope(region=region)


def in_region(label: str, region: str) -> bool:
    """``label`` (``华东/上海``) is ``region`` (``华东/上海``) or lies in it (``华东``)."""
    parts = [p.strip() for p in label.split("/") if p.strip()]
    wanted = [p.strip() for p in region.split("/") if p.strip()]
    return bool(wanted) and parts[: len(wanted)] == wanted


def may_see(scope: StoreScope, home_store: int | None, sees_chain: bool) -> bool:
    """A chain manager sees every scope; anyone else only their own store."""
    return sees_chain or (home_store is not None and scope.store_id == home_store)


# targets ---------------------------------------------------------------------


def target_key(level: str, name: str = "") -> str:
    """The setting holding a target: the company's key, or it with ``@region:华东``,
    ``@city:华东/上海``, ``@store:2``."""
    if level == "company":
        return COMPANY_TARGET_KEY
    if level not in ("region", "city", "store") or not name.strip():
        raise ScopeError("a target is for the company, a region, a city or a store")
    key = f"{COMPANY_TARGET_KEY}@{level}:{name.strip()}"
    if len(key) > MAX_KEY:
        raise ScopeError(f"the {level} name is too long for a target")
    return key


def targets_set(settings: Mapping[str, str]) -> dict[str, str]:
    """Every target set, ``company`` or ``store:2``/``region:华东``/``city:华东/上海``."""
    found = {"company": settings[COMPANY_TARGET_KEY]} if COMPANY_TARGET_KEY in settings else {}
    prefix = f"{COMPANY_TARGET_KEY}@"
    found |= {k[len(prefix) :]: v for k, v in settings.items() if k.startswith(prefix)}
    return found


def target_setting(
    settings: Mapping[str, str], scope: StoreScope, stores: Iterable[Store]
) -> str | None:
    """The target that applies to ``scope``: for one store its own, else its city's,
    region's or the company's; for a region or city its own or the levels above it."""
    keys: list[str] = []
    if scope.store_id is not None:
        keys.append(target_key("store", str(scope.store_id)))
        label = next((s.region for s in stores if s.store_id == scope.store_id), "")
    else:
        label = scope.region
    parts = [p.strip() for p in label.split("/") if p.strip()]
    if len(parts) >= 2:
        keys.append(target_key("city", "/".join(parts[:2])))
    if parts:
        keys.append(target_key("region", parts[0]))
    keys.append(COMPANY_TARGET_KEY)
    for key in keys:
        if settings.get(key, "").strip():
            return settings[key]
    return None


# the scope picker ------------------------------------------------------------


@dataclass(frozen=True)
class ScopeChoice:
    """One entry of the manager's scope picker: ``kind`` is ``this_store``, ``store``,
    ``region`` (a region or a city) or ``chain``; ``name`` what the entry shows."""

    kind: str
    store: str
    region: str
    name: str

    def values(self) -> dict[str, str]:
        return {"store": self.store, "region": self.region}


def scope_choices(
    stores: Iterable[Store], home_store: int | None, sees_chain: bool
) -> tuple[ScopeChoice, ...]:
    """This store first; for a chain manager then the other stores, every region and
    city the stores name, and the whole chain last."""
    stores = sorted(stores, key=lambda s: s.store_id)
    home = next((s for s in stores if s.store_id == home_store), None)
    choices = [] if home is None else [ScopeChoice("this_store", str(home.store_id), "", home.name)]
    if not sees_chain:
        return tuple(choices)
    choices += [ScopeChoice("store", str(s.store_id), "", s.name) for s in stores if s is not home]
    labels: set[str] = set()
    for store in stores:
        parts = [p.strip() for p in store.region.split("/") if p.strip()]
        labels |= {"/".join(parts[: n + 1]) for n in range(min(len(parts), 2))}
    choices += [ScopeChoice("region", "", label, label) for label in sorted(labels)]
    return (*choices, ScopeChoice("chain", "", "", ""))
