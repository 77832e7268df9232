"""A till that has been selling upgrades to the newest schema with its data intact: the
later migrations rebuild tables that paid orders, refunds and ledgers point at."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from db.engine import create_db_engine
from db.migrate import alembic_config, is_at_head, upgrade_to_head

ROWS_AT_0004 = [
    "INSERT INTO staff (id, username, display_name, role, pin_hash, failed_attempts, active)"
    " VALUES (1, 'wangfang', '王芳', 'cashier', 'x', 0, true),"
    " (2, 'manager', '李经理', 'manager', 'x', 0, true)",
    "INSERT INTO tiers (id, code, rank, name_zh, name_en, discount_bp, points_multiplier_bp,"
    " annual_fee_fen) VALUES (1, 'GOLD', 2, '金卡会员', 'Gold', 1000, 10000, 0)",
    "INSERT INTO members (id, member_no, name, phone, phone_last4, tier_id, joined_on,"
    " preferences, allergies, notes, marketing_consent, source_channel, created_at) VALUES"
    " (1, 'M0000001', '张伟', '13800138000', '8000', 1, '2026-01-01', '', '', '', false,"
    " 'till', '2026-01-01 09:00:00')",
    "INSERT INTO menu_categories (id, code, name_zh, name_en, sort_order)"
    " VALUES (1, 'HOT', '热菜', 'Hot dishes', 0)",
    "INSERT INTO menu_items (id, code, category_id, name_zh, name_en, price_fen, active,"
    " sort_order) VALUES (1, 'HOT-01', 1, '宫保鸡丁', 'Kung Pao Chicken', 3800, true, 1)",
    "INSERT INTO orders (id, order_no, till_id, business_day, sequence, staff_id, member_id,"
    " service_type, table_no, party_size, subtotal_fen, discount_fen, total_fen,"
    " points_earned, qualifying_spend_fen, status, created_at) VALUES"
    " (1, 'T1-20261101-0001', 'T1', '2026-11-01', 1, 1, 1, 'takeaway', '', 1, 7600, 760,"
    " 6840, 68, 6840, 'refunded', '2026-11-01 12:00:00'),"
    " (2, 'T1-20261101-0002', 'T1', '2026-11-01', 2, 1, 1, 'takeaway', '', 1, 3800, 380,"
    " 3420, 34, 3420, 'paid', '2026-11-01 12:30:00')",
    "INSERT INTO order_lines (order_id, position, item_id, category_id, name_zh, name_en,"
    " quantity, unit_price_fen, gross_fen, discount_fen, net_fen, discount_bp, discount_rule)"
    " VALUES (1, 1, 1, 1, '宫保鸡丁', 'Kung Pao Chicken', 2, 3800, 7600, 760, 6840, 1000,"
    " 'tier'), (2, 1, 1, 1, '宫保鸡丁', 'Kung Pao Chicken', 1, 3800, 3800, 380, 3420, 1000,"
    " 'tier')",
    "INSERT INTO payments (order_id, method, amount_fen, tendered_fen, change_fen, reference)"
    " VALUES (1, 'cash', 6840, 7000, 160, ''), (2, 'cash', 3420, 3420, 0, '')",
    "INSERT INTO refunds (id, order_id, till_id, staff_id, approver_id, reason_code, note,"
    " method, amount_fen, created_at) VALUES (1, 1, 'T1', 1, 2, 'wrong_items', '', 'cash',"
    " 6840, '2026-11-01 13:00:00')",
    "INSERT INTO points_ledger (member_id, delta, reason, order_id, staff_id, created_at,"
    " refund_id) VALUES (1, 68, 'earn', 1, 1, '2026-11-01 12:00:00', NULL),"
    " (1, -68, 'refund_earn', 1, 1, '2026-11-01 13:00:00', 1)",
]


def test_a_till_with_paid_and_refunded_orders_upgrades_from_0004_to_head(
    database_url: str,
) -> None:
    engine = create_db_engine(database_url)
    command.upgrade(alembic_config(engine), "0004")
    with engine.begin() as connection:
        for statement in ROWS_AT_0004:
            connection.execute(text(statement))

    upgrade_to_head(engine)

    assert is_at_head(engine)
    with engine.connect() as connection:
        orders = connection.execute(
            text("SELECT order_no, status, upgrade_fen FROM orders ORDER BY id")
        ).all()
        assert [tuple(row) for row in orders] == [
            ("T1-20261101-0001", "refunded", 0),
            ("T1-20261101-0002", "paid", 0),
        ]
        refunded = connection.execute(
            text("SELECT order_id, refunded_quantity FROM order_lines ORDER BY order_id")
        ).all()
        assert [tuple(row) for row in refunded] == [(1, 2), (2, 0)]
        completes = connection.execute(text("SELECT completes_order_id FROM refunds")).scalar()
        assert completes == 1
        assert connection.execute(text("SELECT count(*) FROM staff")).scalar() == 2
        figures = connection.execute(
            text("SELECT visits, last_visit_on, spend_fen, birth_month FROM members")
        ).one()
        assert (figures[0], str(figures[1]), figures[2], figures[3]) == (
            1,
            "2026-11-01",
            3420,
            None,
        )  # the refunded order is no visit
        if engine.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    engine.dispose()
