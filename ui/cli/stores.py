"""``pos stores`` and ``pos tills``: the command line of ``app.stores``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from app.config import data_dir, resolve_database_url

if TYPE_CHECKING:
    from app.stores.admin import StoreAdmin


def add_stores_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    database: argparse.ArgumentParser,
) -> None:
    stores = commands.add_parser("stores", help="the chain's stores (restaurants)")
    actions = stores.add_subparsers(dest="stores_command", metavar="ACTION", required=True)
    actions.add_parser("list", parents=[database], help="stores, their tills and excluded offers")
    fields = argparse.ArgumentParser(add_help=False)
    fields.add_argument("--address", help="the store's address")
    fields.add_argument(
        "--header", help="the store's receipt header lines (\\n between lines); default: "
        "the restaurant profile's"
    )  # fmt: skip
    fields.add_argument("--cutoff", type=int, metavar="HOUR", help="business-day cut-off 0-11")
    fields.add_argument("--region", help="a region or city label, for chain views")
    add = actions.add_parser("add", parents=[database, fields], help="add a store")
    add.add_argument("name")
    edit = actions.add_parser(
        "edit", parents=[database, fields], help="rename a store or change its details"
    )
    edit.add_argument("store", help="the store's number or name")
    edit.add_argument("--name", help="the new name")
    edit.add_argument(
        "--profile-header", action="store_true", help="print the restaurant profile's header"
    )
    edit.add_argument(
        "--profile-cutoff", action="store_true", help="use the restaurant profile's cut-off"
    )
    for name, help_text in (
        ("exclude-offer", "stop a targeted offer in one store (offers run chain-wide)"),
        ("include-offer", "run an excluded offer in the store again"),
    ):
        offer = actions.add_parser(name, parents=[database], help=help_text)
        offer.add_argument("store", help="the store's number or name")
        offer.add_argument("offer", help="the offer's code")

    target = actions.add_parser(
        "target",
        parents=[database],
        help="sign-up target per staff per day: company, region, city or store (inherited down)",
    )
    level = target.add_mutually_exclusive_group()
    level.add_argument("--store", help="the store's number or name")
    level.add_argument("--region", help="a region label, e.g. 华东")
    level.add_argument("--city", help="region/city, e.g. 华东/上海")
    target.add_argument("value", nargs="?", help="e.g. 2.5; empty string: clear; none: list")
    tills = commands.add_parser("tills", help="the tills registered on this database")
    till_actions = tills.add_subparsers(dest="tills_command", metavar="ACTION", required=True)
    till_actions.add_parser("list", parents=[database], help="every till id, its store and state")
    move = till_actions.add_parser("move", parents=[database], help="move a till to a store")
    move.add_argument("till")
    move.add_argument("store", help="the store's number or name")
    release = till_actions.add_parser(
        "release",
        parents=[database],
        help="free a till id no machine uses any more (a replaced till): the next till "
        "started with that id takes it",
    )
    release.add_argument("till")
    set_id = till_actions.add_parser(
        "set-id", parents=[database], help="choose this till's id (written to its settings)"
    )
    chosen = set_id.add_mutually_exclusive_group(required=True)
    chosen.add_argument("till", nargs="?", help="the id, 1 to 16 characters")
    chosen.add_argument(
        "--next", action="store_true", help="let the database hand out the next free id"
    )


def run_stores(args: argparse.Namespace) -> int:
    from app.clock import SystemClock
    from app.domain.stores import Store
    from app.stores.admin import StoreAdmin, StoreRefused

    admin = StoreAdmin(_url(args), SystemClock())
    try:
        if args.stores_command == "list":
            return _list(admin)
        if args.stores_command == "add":
            header = _lines(args.header)
            store = Store(0, args.name, args.address or "", header, args.cutoff, args.region or "")
            added = admin.add_store(store)
            print(f"store {added.store_id} added: {added.name}")
            return 0
        if args.stores_command == "edit":
            edited = admin.edit_store(args.store, **_changes(args))
            print(f"store {edited.store_id} saved: {edited.name}")
            return 0
        if args.stores_command == "target":
            return _target(admin, args)
        runs = args.stores_command == "include-offer"
        changed = admin.set_offer_runs(args.store, args.offer, runs)
        where = "runs" if runs else "does not run"
        print(
            f"offer {args.offer} {where} in store {args.store}"
            + ("" if changed else " (as before)")
        )
        return 0
    except StoreRefused as refused:
        print(f"pos: {refused}", file=sys.stderr)
        return 1


def _target(admin: StoreAdmin, args: argparse.Namespace) -> int:
    if args.value is None:
        for scope, value in sorted(admin.targets().items()):
            print(f"{scope:<24} {value}")
        return 0
    level, name = next(
        ((lv, n) for lv in ("store", "region", "city") if (n := getattr(args, lv))),
        ("company", ""),
    )
    admin.set_target(level, name, args.value)
    where = f"{level} {name}".strip()
    print(f"sign-up target of the {where}: {args.value or 'cleared (inherited)'}")
    return 0


def run_tills(args: argparse.Namespace) -> int:
    from app.clock import SystemClock
    from app.stores.admin import StoreAdmin, StoreRefused

    if args.tills_command == "set-id":
        return _set_id(args)
    admin = StoreAdmin(_url(args), SystemClock())
    try:
        if args.tills_command == "list":
            return _list(admin)
        if args.tills_command == "move":
            store = admin.move_till(args.till, args.store)
            print(f"till {args.till} now belongs to store {store.store_id} ({store.name}); "
                  "it takes effect when the till restarts")  # fmt: skip
            return 0
        admin.release_till(args.till)
        print(f"till id {args.till} released: the next till started with it takes it")
        return 0
    except StoreRefused as refused:
        print(f"pos: {refused}", file=sys.stderr)
        return 1


def _set_id(args: argparse.Namespace) -> int:
    from app.domain.stores import MAX_TILL_ID, is_valid_till_id
    from app.services.till_settings import TillSettingsService
    from app.stores.registration import TillIdTaken, check_till_id_free, till_token

    settings = TillSettingsService(args.settings or data_dir() / "till-settings.json")
    if args.next:
        settings.remember_till_id("")
        print("this till gets the next free id from the database when it starts")
        return 0
    if not is_valid_till_id(args.till):
        print(f"pos: a till id has 1 to {MAX_TILL_ID} characters", file=sys.stderr)
        return 1
    try:
        check_till_id_free(_url(args), args.till, till_token(settings.path.parent))
    except TillIdTaken:
        print(f"pos: another till already uses the id {args.till}", file=sys.stderr)
        return 1
    settings.remember_till_id(args.till)
    print(f"this till is {args.till} from its next start")
    return 0


def _list(admin: StoreAdmin) -> int:
    for view in admin.overview():
        store = view.store
        region = f" [{store.region}]" if store.region else ""
        print(f"store {store.store_id}: {store.name}{region}")
        if store.address:
            print(f"  address: {store.address}")
        header = (
            "(the restaurant profile's)"
            if store.receipt_header is None
            else repr(store.receipt_header)
        )
        cutoff = "(the restaurant profile's)" if store.cutoff_hour is None else store.cutoff_hour
        print(f"  receipt header: {header}; business day from {cutoff}")
        if view.excluded_offers:
            print(f"  offers not run here: {', '.join(view.excluded_offers)}")
        for till in view.tills:
            state = "in use" if till.claimed else "free (no machine holds it)"
            seen = f", last seen {till.last_seen_at:%Y-%m-%d %H:%M}" if till.last_seen_at else ""
            print(f"  till {till.till_id}: {state}{seen}")
    return 0


def _changes(args: argparse.Namespace) -> dict[str, object]:
    changes: dict[str, object] = {}
    if args.name is not None:
        changes["name"] = args.name
    if args.address is not None:
        changes["address"] = args.address
    if args.region is not None:
        changes["region"] = args.region
    if args.header is not None:
        changes["receipt_header"] = _lines(args.header)
    if args.profile_header:
        changes["receipt_header"] = None
    if args.cutoff is not None:
        changes["cutoff_hour"] = args.cutoff
    if args.profile_cutoff:
        changes["cutoff_hour"] = None
    return changes


def _lines(header: str | None) -> str | None:
    return None if header is None else header.replace("\\n", "\n")


def _url(args: argparse.Namespace) -> str:
    return resolve_database_url(args.command_db or args.db)
