"""``pos menu import`` in a real subprocess: a dry run changes nothing, a real run adds
and reprices in one go, past orders keep their prices, a bad file changes nothing."""

from __future__ import annotations

from pathlib import Path

from app.bootstrap import Till
from app.domain.draft import OrderDraft
from app.domain.payment import PaymentMethod, Tender
from tests.integration.test_cli import run_pos
from tests.integration.test_setup_cli import table

CHANGES = (
    "category,category_en,item,item_en,price,available\n"
    "热菜,Hot dishes,宫保鸡丁,Kung Pao Chicken,40.00,yes\n"
    "热菜,Hot dishes,麻婆豆腐,Mapo Tofu,26.00,yes\n"
    "小吃,Snacks,春卷,Spring Rolls,12.50,yes\n"
)
MENU_STATE = (
    "SELECT i.code, c.name_zh, i.name_zh, i.price_fen, i.active FROM menu_items i "
    "JOIN menu_categories c ON c.id = i.category_id ORDER BY i.id"
)


def test_dry_run_then_import_on_a_till_with_past_orders(
    till: Till, database_url: str, tmp_path: Path
) -> None:
    draft = OrderDraft()
    draft.add(next(item for item in till.catalog.load().items if item.code == "HOT-01"))
    cashier = till.auth.log_in("wangfang", "1111")
    till.checkout.check_out(draft, Tender(PaymentMethod.CASH, 3_800), cashier)
    csv_file = tmp_path / "menu.csv"
    csv_file.write_bytes(CHANGES.encode("gb18030"))
    before = table(database_url, MENU_STATE)
    audit_before = table(database_url, "SELECT count(*) FROM audit_events")

    dry = run_pos("menu", "import", "--db", database_url, str(csv_file), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.strip() == (
        "would add 1 categories and 1 items, would change 1, 1 unchanged (dry run: nothing changed)"
    )
    assert table(database_url, MENU_STATE) == before
    assert table(database_url, "SELECT count(*) FROM audit_events") == audit_before

    done = run_pos("menu", "import", "--db", database_url, str(csv_file))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "added 1 categories and 1 items, changed 1, 1 unchanged"
    after = table(database_url, MENU_STATE)
    assert after[0][:4] == ("HOT-01", "热菜", "宫保鸡丁", 4000)
    assert after[-1][1:4] == ("小吃", "春卷", 1250)
    assert len(after) == len(before) + 1
    assert table(database_url, "SELECT unit_price_fen FROM order_lines") == [(3800,)]
    (action,) = table(database_url, "SELECT action FROM audit_events ORDER BY id DESC LIMIT 1")
    assert action == ("menu_imported",)

    again = run_pos("menu", "import", "--db", database_url, str(csv_file))
    assert again.stdout.strip() == "added 0 categories and 0 items, changed 0, 3 unchanged"


def test_a_file_with_a_bad_row_changes_nothing(
    till: Till, database_url: str, tmp_path: Path
) -> None:
    csv_file = tmp_path / "menu.csv"
    csv_file.write_text(CHANGES + "小吃,Snacks,煎饺,Dumplings,abc,yes\n", encoding="utf-8-sig")
    before = table(database_url, MENU_STATE)
    refused = run_pos("menu", "import", "--db", database_url, str(csv_file))
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        f"pos menu import: {csv_file}: line 5: the price: not an amount: 'abc'",
        "pos menu import: 1 bad row(s); nothing was changed",
    ]
    assert table(database_url, MENU_STATE) == before


def test_a_database_without_a_till_is_refused(tmp_path: Path) -> None:
    csv_file = tmp_path / "menu.csv"
    csv_file.write_text(CHANGES)
    missing = run_pos("menu", "import", "--db", f"sqlite:///{tmp_path / 'x.db'}", str(csv_file))
    assert missing.returncode == 1
    assert missing.stderr.strip() == f"pos menu import: there is no database at {tmp_path / 'x.db'}"
    assert not (tmp_path / "x.db").exists()
    (tmp_path / "empty.db").touch()
    empty = run_pos("menu", "import", "--db", f"sqlite:///{tmp_path / 'empty.db'}", str(csv_file))
    assert empty.returncode == 1
    assert empty.stderr.strip() == (
        "pos menu import: this database holds no till yet; run pos setup first"
    )


def test_allergens_are_imported_from_chinese_names_and_a_second_run_changes_nothing(
    till: Till, database_url: str, tmp_path: Path
) -> None:
    csv_file = tmp_path / "menu.csv"
    csv_file.write_text(
        "分类,菜品,价格,过敏原\n"
        "热菜,宫保鸡丁,38.00,花生、大豆|麸质\n"
        "小吃,虾饺,28.00,甲壳类;蛋;含酒精\n",
        encoding="utf-8-sig",
    )
    done = run_pos("menu", "import", "--db", database_url, str(csv_file))
    assert done.returncode == 0, done.stderr
    assert "allergens" not in done.stdout
    rows = table(
        database_url,
        "SELECT name_zh, allergens, allergen_note FROM menu_items"
        " WHERE name_zh IN ('宫保鸡丁', '虾饺') ORDER BY name_zh",
    )
    assert sorted(rows) == sorted(
        [("宫保鸡丁", "peanut;soy;wheat_gluten", ""), ("虾饺", "shellfish;egg", "含酒精")]
    )
    again = run_pos("menu", "import", "--db", database_url, str(csv_file))
    assert again.stdout.strip() == "added 0 categories and 0 items, changed 0, 2 unchanged"
