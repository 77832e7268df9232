"""What the manager's workspace reads as it opens (the tiers, the Members tab's scopes and
saved filters, the Staff, Menu and Restaurant pages), in one job off the GUI thread: the
workspace is built once it is back, or the counter says why it could not open. A page
the service refuses carries the refusal instead (the page says it); a server that does
not answer fails the whole job."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from app.domain.saved_filters import SavedFilter
from app.domain.staff import MANAGER_ROLES, StaffMember
from app.domain.store_scope import ScopeChoice, StoreScope
from app.domain.tiers import Tier
from app.errors import TillError
from app.menu_admin.service import MenuAdmin, MenuListing
from app.restaurant_profile.profile import RestaurantProfile
from app.restaurant_profile.service import RestaurantProfileAdmin
from app.services.member_list import MemberListService
from app.services.member_outlook import LoyaltyService
from app.staff_admin.service import StaffAdmin, StaffEntry


class OpeningServices(Protocol):
    """What the first reads need of ``ui.manager.workspace.WorkspaceServices``."""

    @property
    def member_lists(self) -> MemberListService: ...
    @property
    def loyalty(self) -> LoyaltyService: ...
    @property
    def staff_admin(self) -> StaffAdmin | None: ...
    @property
    def menu_admin(self) -> MenuAdmin | None: ...
    @property
    def restaurant_profile(self) -> RestaurantProfileAdmin | None: ...


T = TypeVar("T")


@dataclass(frozen=True)
class MemberListStart:
    scopes: tuple[ScopeChoice, ...]
    default_scope: StoreScope
    saved: list[SavedFilter]


@dataclass(frozen=True)
class StaffStart:
    entries: list[StaffEntry]
    pin_minimum: int


@dataclass(frozen=True)
class WorkspaceStart:
    """Each page's first read, or why the service refused it (``None``: no such page)."""

    tiers: list[Tier]
    members: MemberListStart | Exception
    staff: StaffStart | Exception | None = None
    menu: MenuListing | Exception | None = None
    restaurant: RestaurantProfile | Exception | None = None


def _refusal_kept(read: Callable[[], T]) -> T | Exception:
    try:
        return read()
    except (TillError, ValueError) as refused:  # the page says it; other pages open
        return refused


def workspace_start_job(
    services: OpeningServices, staff: StaffMember
) -> Callable[[], WorkspaceStart]:
    manager = staff.role in MANAGER_ROLES
    lists, staff_admin = services.member_lists, services.staff_admin
    menu_admin, profile = services.menu_admin, services.restaurant_profile

    def members() -> MemberListStart:
        scopes = lists.scope_choices(staff)
        return MemberListStart(scopes, lists.default_scope(staff), lists.saved_filters(staff))

    def work() -> WorkspaceStart:
        return WorkspaceStart(
            services.loyalty.tiers(),
            _refusal_kept(members),
            None if staff_admin is None or not manager else _refusal_kept(
                lambda: StaffStart(
                    staff_admin.listed(staff), staff_admin.pin_policy().min_length
                )
            ),
            None if menu_admin is None or not manager else _refusal_kept(
                lambda: menu_admin.listed(staff)
            ),
            None if profile is None or not manager else _refusal_kept(profile.current),
        )  # fmt: skip

    return work
