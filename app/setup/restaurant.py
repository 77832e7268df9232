"""The headless set-up: a new database becomes a real restaurant in one transaction.

It writes the restaurant's settings (the receipt header reads them), the first manager,
the membership programme from a template and the menu (empty, or from a CSV file), and
audits each. A database that already holds a restaurant, or the demo, is refused and
left as it was; a fresh one is migrated first.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from app.clock import Clock
from app.context import ActionContext
from app.domain.menu_lines import MenuChanges, MenuLine
from app.domain.staff import Role, StaffMember, hash_pin
from app.domain.storage import DatabaseTimeouts
from app.errors import TillError
from app.restaurant_profile.profile import (
    MAX_NAME,
    ProfileRefused,
    RestaurantProfile,
    check_profile,
)
from app.setup.marker import is_demo
from app.setup.pin_file import check_first_pin
from app.setup.programme import template_named, write_programme
from app.setup.ran_by import ran_by
from app.setup.templates import DEFAULT_TEMPLATE
from db.engine import create_db_engine, session_factory
from db.migrate import has_schema, upgrade_to_head
from db.restaurant_setup import SqlRestaurantSetup, StaffNameTaken
from db.setup_lock import exclusive_setup
from db.storage_errors import storage_error

__all__ = [
    "RestaurantProfile",
    "SetupDone",
    "SetupRefused",
    "SetupRequest",
    "check_request",
    "needs_setup",
    "set_up_restaurant",
]


class SetupRefused(TillError):
    """``str()`` is the one sentence a person sees."""


@dataclass(frozen=True)
class SetupRequest:
    profile: RestaurantProfile
    manager_name: str
    pin: str
    template: str = DEFAULT_TEMPLATE
    menu: tuple[MenuLine, ...] = ()
    manager_username: str = "manager"
    ran_from: str = "pos setup"
    """What ran the set-up, for the audit log (the command or the wizard)."""


@dataclass(frozen=True)
class SetupDone:
    manager_username: str
    template: str
    menu: MenuChanges
    manager: StaffMember | None = None
    """The first manager's account (the wizard saves the till's devices as them)."""


def check_request(request: SetupRequest) -> SetupRequest:
    """The request with its texts trimmed; raises ``SetupRefused``."""
    manager = request.manager_name.strip()
    try:
        profile = check_profile(request.profile)
    except ProfileRefused as refused:
        raise SetupRefused(str(refused)) from None
    if not manager:
        raise SetupRefused("the first manager needs a name")
    if len(manager) > MAX_NAME:
        raise SetupRefused(f"a name is at most {MAX_NAME} characters")
    try:
        check_first_pin(request.pin)
        template_named(request.template)
    except (ValueError, TillError) as error:
        raise SetupRefused(str(error)) from None
    return SetupRequest(
        profile=profile,
        manager_name=manager,
        pin=request.pin,
        template=request.template,
        menu=request.menu,
        manager_username=request.manager_username,
        ran_from=request.ran_from,
    )


def set_up_restaurant(
    url: str, request: SetupRequest, clock: Clock, till_id: str = "setup"
) -> SetupDone:
    request = check_request(request)
    with exclusive_setup(url):
        engine = create_db_engine(url)
        try:
            if has_schema(engine):
                with session_factory(engine)() as session:
                    _refuse_if_set_up(SqlRestaurantSetup(session))
            upgrade_to_head(engine)
            with session_factory(engine).begin() as session:
                store = SqlRestaurantSetup(session)
                _refuse_if_set_up(store)  # again, in the writing transaction
                return _write(request, store, clock, till_id)
        except StaffNameTaken:
            raise SetupRefused("this database was set up meanwhile; nothing was changed") from None
        finally:
            engine.dispose()


def _write(
    request: SetupRequest, store: SqlRestaurantSetup, clock: Clock, till_id: str
) -> SetupDone:
    action = ActionContext.begin(clock, till_id, None)
    audit = store.audit
    by = ran_by(request.ran_from)
    settings = request.profile.settings()
    store.write_settings(settings)
    audit.record(action, "restaurant_set_up", request.profile.name, {**by, "settings": settings})
    renamed = store.name_default_store(request.profile.name, request.profile.address)
    if renamed is not None:  # the store made by the migration before the name was known
        named = {**by, "before": renamed, "after": request.profile.name}
        audit.record(action, "store_renamed", request.profile.name, named)
    manager_id = store.add_staff(
        request.manager_username, request.manager_name, Role.MANAGER, hash_pin(request.pin)
    )
    audit.record(
        action,
        "staff_created",
        request.manager_username,
        {**by, "staff_id": manager_id, "name": request.manager_name, "role": Role.MANAGER},
    )
    written = write_programme(template_named(request.template), store.programme, store)
    audit.record(action, "loyalty_programme_from_template", request.template, {**by, **written})
    changes = store.import_menu(request.menu)
    if request.menu:
        audit.record(action, "menu_imported", "", {**by, **vars(changes)})
    manager = StaffMember(manager_id, request.manager_username, request.manager_name, Role.MANAGER)
    return SetupDone(request.manager_username, request.template, changes, manager)


def _refuse_if_set_up(store: SqlRestaurantSetup) -> None:
    if is_demo(store.settings()):
        raise SetupRefused(
            "this database holds the demo restaurant; set up a real restaurant in a new database"
        )
    held = [what for what, count in store.counts().items() if count]
    if held:
        raise SetupRefused(
            f"this database is already set up (it has {', '.join(held)}); nothing was changed"
        )


def needs_setup(url: str, timeouts: DatabaseTimeouts | None = None) -> bool:
    """Whether ``url`` is a brand-new database: no schema, or a schema with no staff and no
    restaurant (and not the demo). The till opens the set-up wizard for one.
    ``StorageUnavailable`` when the server does not answer (within ``timeouts``)."""
    engine = create_db_engine(url, timeouts)
    try:
        if not has_schema(engine):
            return True
        with session_factory(engine)() as session:
            store = SqlRestaurantSetup(session)
            settings = store.settings()
            if is_demo(settings) or settings.get("restaurant_name", "").strip():
                return False
            return store.counts()["staff"] == 0
    except SQLAlchemyError as error:
        raise (storage_error(error) or error) from error
    finally:
        engine.dispose()
