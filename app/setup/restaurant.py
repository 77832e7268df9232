"""The headless set-up: a new database becomes a real restaurant in one transaction.

It writes the restaurant's settings (the receipt header reads them), the first manager,
the membership programme from a template and the menu (empty, or from a CSV file), and
audits each. A database that already holds a restaurant, or the demo, is refused and
left as it was; a fresh one is migrated first.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.clock import Clock
from app.context import ActionContext
from app.domain.menu_lines import MenuChanges, MenuLine
from app.domain.staff import Role, hash_pin
from app.errors import TillError
from app.setup.marker import is_demo
from app.setup.pin_file import check_first_pin
from app.setup.programme import template_named, write_programme
from app.setup.ran_by import ran_by
from app.setup.templates import DEFAULT_TEMPLATE
from db.engine import create_db_engine, session_factory
from db.migrate import has_schema, upgrade_to_head
from db.restaurant_setup import SqlRestaurantSetup, StaffNameTaken
from db.setup_lock import exclusive_setup

MAX_NAME = 64
MAX_TEXT = 400  # a receipt header or footer: a few lines


class SetupRefused(TillError):
    """``str()`` is the one sentence a person sees."""


@dataclass(frozen=True)
class RestaurantProfile:
    name: str
    address: str = ""
    phone: str = ""
    receipt_header: str | None = None
    """``None``: the address and phone, one line each."""
    receipt_footer: str = ""

    def settings(self) -> dict[str, str]:
        header = self.receipt_header
        if header is None:
            header = "\n".join(
                line for line in (self.address, f"Tel {self.phone}" if self.phone else "") if line
            )
        return {
            "restaurant_name": self.name,
            "restaurant_address": self.address,
            "restaurant_phone": self.phone,
            "receipt_header": header,
            "receipt_footer": self.receipt_footer,
            "currency": "CNY",
        }


@dataclass(frozen=True)
class SetupRequest:
    profile: RestaurantProfile
    manager_name: str
    pin: str
    template: str = DEFAULT_TEMPLATE
    menu: tuple[MenuLine, ...] = ()
    manager_username: str = "manager"


@dataclass(frozen=True)
class SetupDone:
    manager_username: str
    template: str
    menu: MenuChanges


def check_request(request: SetupRequest) -> SetupRequest:
    """The request with its texts trimmed; raises ``SetupRefused``."""
    profile = request.profile
    name, manager = profile.name.strip(), request.manager_name.strip()
    if not name:
        raise SetupRefused("the restaurant needs a name")
    if not manager:
        raise SetupRefused("the first manager needs a name")
    if len(name) > MAX_NAME or len(manager) > MAX_NAME:
        raise SetupRefused(f"a name is at most {MAX_NAME} characters")
    texts = (profile.address, profile.phone, profile.receipt_header or "", profile.receipt_footer)
    if any(len(text) > MAX_TEXT for text in texts):
        raise SetupRefused(f"the address, phone, header and footer are at most {MAX_TEXT} chars")
    try:
        check_first_pin(request.pin)
        template_named(request.template)
    except (ValueError, TillError) as error:
        raise SetupRefused(str(error)) from None
    return SetupRequest(
        profile=RestaurantProfile(
            name=name,
            address=profile.address.strip(),
            phone=profile.phone.strip(),
            receipt_header=profile.receipt_header,
            receipt_footer=profile.receipt_footer,
        ),
        manager_name=manager,
        pin=request.pin,
        template=request.template,
        menu=request.menu,
        manager_username=request.manager_username,
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
    by = ran_by("pos setup")
    settings = request.profile.settings()
    store.write_settings(settings)
    audit.record(action, "restaurant_set_up", request.profile.name, {**by, "settings": settings})
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
    return SetupDone(request.manager_username, request.template, changes)


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
