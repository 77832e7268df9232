"""Changing the restaurant's profile and receipt text, as a manager in the back office.

The right is checked against the role stored for the manager who asks (``require_stored``),
and each save is audited with the settings before and after. The first store, while it
still carries its default name ("Main store": the database was made before the restaurant
was named), takes the restaurant's name and address (audited as ``store_renamed``). The
currency is chosen at set-up: amounts already stored are in it, so it cannot change here.
"""

from __future__ import annotations

from app.approvers import require_stored
from app.clock import Clock
from app.context import ActionContext
from app.domain.staff import Permission, StaffMember
from app.restaurant_profile.profile import (
    ProfileProblem,
    ProfileRefused,
    RestaurantProfile,
    check_profile,
)
from app.unit_of_work import UnitOfWorkFactory

_DOING = "change the restaurant's profile"


class RestaurantProfileAdmin:
    def __init__(self, units: UnitOfWorkFactory, clock: Clock, till_id: str) -> None:
        self._units, self._clock, self._till_id = units, clock, till_id

    def current(self) -> RestaurantProfile:
        """The profile as stored (anyone may read it: every receipt prints it)."""
        with self._units() as uow:
            return RestaurantProfile.from_settings(uow.restaurant.settings())

    def save(self, manager: StaffMember, profile: RestaurantProfile) -> RestaurantProfile:
        """Store ``profile``; receipts printed from now on carry it. Raises
        ``PermissionDenied`` and ``ProfileRefused``."""
        profile = check_profile(profile)
        with self._units() as uow:
            require_stored(uow.staff, manager, Permission.CHANGE_SETTINGS, _DOING)
            stored = uow.restaurant.settings()
            before = RestaurantProfile.from_settings(stored).settings()
            if profile.currency != before["currency"]:
                raise ProfileRefused(ProfileProblem.CURRENCY_FIXED)
            after = profile.settings()
            changed = {key for key, value in after.items() if stored.get(key) != value}
            for key in sorted(changed):
                uow.restaurant.set_setting(key, after[key])
            if changed:
                action = ActionContext.begin(self._clock, self._till_id, manager.staff_id)
                detail = {
                    "before": {key: before[key] for key in sorted(changed)},
                    "after": {key: after[key] for key in sorted(changed)},
                }
                uow.audit.record(action, "restaurant_profile_changed", profile.name, detail)
                renamed = uow.restaurant.name_default_store(profile.name, profile.address)
                if renamed is not None:
                    named = {"before": renamed, "after": profile.name, "why": "restaurant_named"}
                    uow.audit.record(action, "store_renamed", profile.name, named)
            uow.commit()
        return profile
