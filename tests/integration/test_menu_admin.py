"""The back office's menu on the real database (SQLite and PostgreSQL): a price change
leaves paid orders as they were, sold out and hidden items leave the till's catalogue,
and a till with a menu upgrades to allergens and "sold out today"."""

from __future__ import annotations

from datetime import timedelta

import pytest
from alembic import command
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.menu import Allergen
from app.domain.payment import PaymentMethod, Tender
from app.errors import MenuProblem, MenuRefused, PermissionDenied
from app.menu_admin.order import one_step
from app.menu_admin.service import ItemDetails
from app.reports.eod import z_figures
from db.engine import create_db_engine, session_factory
from db.migrate import alembic_config, is_at_head, upgrade_to_head
from db.models import AuditEventRow
from db.unit_of_work import SqlUnitOfWork
from tests.fakes import FakeClock
from tests.integration.test_loyalty import cashier
from tests.integration.test_manual_discounts import guest_order


def test_a_price_change_keeps_past_orders_at_the_price_they_were_sold_at(
    till: Till, database_url: str
) -> None:
    manager = till.auth.log_in("manager", "9999")
    paid = till.checkout.check_out(
        guest_order(till, "HOT-01", "HOT-01"), Tender(PaymentMethod.CASH, 20_000), cashier(till)
    )
    item = next(i for i in till.catalog.load().items if i.code == "HOT-01")
    details = ItemDetails(item.category_id, item.name_zh, item.name_en, item.unit_price + 1_000)
    till.menu_admin.edit_item(manager, item.item_id, details)

    assert next(i for i in till.catalog.load().items if i.code == "HOT-01").unit_price == (
        item.unit_price + 1_000
    )
    engine = create_db_engine(database_url)
    try:
        with SqlUnitOfWork(session_factory(engine)) as uow:
            recorded = uow.order_history.find(paid.order_no)
        with Session(engine) as session:
            z = z_figures(session, "T1", till.clock.now().date())
            event = session.scalars(
                select(AuditEventRow).where(AuditEventRow.action == "menu_item_edited")
            ).one()
    finally:
        engine.dispose()
    assert recorded is not None
    assert (recorded.subtotal, recorded.due) == (2 * item.unit_price, paid.bill.due)
    assert recorded.lines[0].net == paid.bill.priced.lines[0].net
    assert (z.totals.orders, z.totals.subtotal, z.totals.due) == (
        1, 2 * item.unit_price, paid.bill.due,
    )  # fmt: skip
    assert event.staff_id == manager.staff_id and f'"price_fen": {item.unit_price}' in (
        event.detail or ""
    )


def test_sold_out_and_hidden_items_on_the_database(till: Till, clock: FakeClock) -> None:
    manager = till.auth.log_in("manager", "9999")
    hot = till.catalog.load().categories[0].category_id
    added = till.menu_admin.add_item(
        manager,
        ItemDetails(hot, "花生米", "Fried peanuts", 1_500, frozenset({Allergen.PEANUT}), "油炸"),
    )
    with pytest.raises(MenuRefused) as refused:
        till.menu_admin.add_item(manager, ItemDetails(hot, "花生米", "", 1_500))
    assert refused.value.problem is MenuProblem.DUPLICATE_ITEM
    with pytest.raises(PermissionDenied):
        till.menu_admin.set_sold_out(cashier(till), added, True)

    till.menu_admin.set_sold_out(manager, added, True)
    peanuts = next(i for i in till.catalog.load().items if i.item_id == added)
    assert peanuts.allergens == {Allergen.PEANUT} and peanuts.allergen_note == "油炸"
    assert not peanuts.on_sale(clock.now().date())
    clock.advance(timedelta(days=1))
    assert next(i for i in till.catalog.load().items if i.item_id == added).on_sale(
        clock.now().date()
    )
    till.menu_admin.set_hidden(manager, added, True)
    assert added not in {i.item_id for i in till.catalog.load().items}
    assert added in {i.item_id for i in till.menu_admin.listed(manager).items}


def test_a_till_with_a_menu_upgrades_to_allergens_and_sold_out(database_url: str) -> None:
    engine = create_db_engine(database_url)
    try:
        command.upgrade(alembic_config(engine), "0011")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO menu_categories (id, code, name_zh, name_en, sort_order)"
                    " VALUES (1, 'HOT', '热菜', 'Hot dishes', 0)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO menu_items (id, code, category_id, name_zh, name_en,"
                    " price_fen, active, sort_order) VALUES (1, 'HOT-01', 1, '宫保鸡丁',"
                    " 'Kung Pao Chicken', 3800, true, 1), (2, 'HOT-02', 1, '麻婆豆腐',"
                    " 'Mapo Tofu', 2600, false, 2)"
                )
            )
        upgrade_to_head(engine)
        assert is_at_head(engine)
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT code, price_fen, active, allergens, allergen_note, sold_out_on"
                    " FROM menu_items ORDER BY id"
                )
            ).all()
    finally:
        engine.dispose()
    assert [tuple(row) for row in rows] == [
        ("HOT-01", 3800, True, "", "", None),
        ("HOT-02", 2600, False, "", "", None),
    ]


def test_a_move_saved_again_after_a_lost_reply_moves_once(till: Till, database_url: str) -> None:
    """The page sends where the item or category ends up (worked out from the list it
    shows, which it keeps when a reply is lost); the same request again changes nothing."""
    manager = till.auth.log_in("manager", "9999")
    listing = till.menu_admin.listed(manager)
    first, second = listing.categories[0], listing.categories[1]
    hot = [i.item_id for i in listing.items_in(first.category_id)]
    to = one_step(hot, hot[-1], -1)  # the last item one up, as its Move up button does
    cats = [c.category_id for c in listing.categories]
    up = one_step(cats, second.category_id, -1)
    assert to is not None and up is not None
    for _attempt in range(2):  # the save, then its retry: the first reply was lost
        till.menu_admin.place_item(manager, hot[-1], to)
        till.menu_admin.place_category(manager, second.category_id, up)

    after = till.menu_admin.listed(manager)
    assert [i.item_id for i in after.items_in(first.category_id)] == [
        *hot[:-2], hot[-1], hot[-2],
    ]  # fmt: skip
    assert [c.category_id for c in after.categories] == [cats[1], cats[0], *cats[2:]]
    engine = create_db_engine(database_url)
    try:
        with Session(engine) as session:
            actions = session.scalars(
                select(AuditEventRow.action).where(AuditEventRow.action.like("menu_%reordered"))
            ).all()
    finally:
        engine.dispose()
    assert sorted(actions) == ["menu_categories_reordered", "menu_items_reordered"]
