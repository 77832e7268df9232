"""The manager's member import dialog, driven on a real till: a GBK file from the old
system is detected, checked (bad rows with their lines, a report saved), then imported;
and an import cancelled while it waits leaves nothing imported."""

from __future__ import annotations

import csv
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import click, open_workspace_as_manager, save_screenshot
from ui.app import TillApp
from ui.manager.member_import_dialog import MemberImportDialog

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support raise"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

FILE = (
    "手机号,姓名,生日,余额,积分,等级\n"
    "188 0018 8000,张三,1990-05-01,120.50,300,\n"
    "12,坏号码,,,,\n"
    "13700137000,未来,2099-01-01,,,\n"
    "13500135000,无等级,,,,黑钻\n"
    "+86 189-0018-9000,李四,,,15,\n"
)
COUNTS = "SELECT (SELECT count(*) FROM members), (SELECT count(*) FROM audit_events)"


def database(tmp_path: Path) -> Path:
    return tmp_path / "till.db"


def counts(tmp_path: Path) -> tuple[int, int]:
    with sqlite3.connect(database(tmp_path)) as connection:
        members, events = connection.execute(COUNTS).fetchone()
    return int(members), int(events)


def open_import(qtbot: QtBot, till_app: TillApp, files: dict[str, Path]) -> MemberImportDialog:
    _, workspace, _ = open_workspace_as_manager(qtbot, till_app)
    click(qtbot, workspace, "importMembersButton")
    dialog = workspace.findChild(MemberImportDialog, "memberImportDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.choose_file = lambda _parent, purpose: files[purpose]
    return dialog


def wait_for(qtbot: QtBot, dialog: MemberImportDialog, words: str) -> None:
    qtbot.waitUntil(lambda: words in dialog.summary_label.text(), timeout=30_000)


def test_a_manager_checks_then_imports_a_gbk_file(
    qtbot: QtBot, make_app: Callable[[str], TillApp], tmp_path: Path
) -> None:
    members = tmp_path / "old-system.csv"
    members.write_bytes(FILE.encode("gbk"))
    report = tmp_path / "report.csv"
    till_app = make_app("en")
    dialog = open_import(qtbot, till_app, {"open": members, "save": report})
    before = counts(tmp_path)

    click(qtbot, dialog, "importChooseFile")
    assert dialog.encoding_combo.currentData() == "gb18030"
    assert dialog.detected_label.text() == "Detected: GBK/GB18030"
    assert not dialog.import_button.isEnabled()  # check first
    click(qtbot, dialog, "importCheckButton")
    wait_for(qtbot, dialog, "Nothing has changed yet.")
    assert dialog.summary_label.text().startswith(
        "5 rows read: 2 members to add, 0 to merge, 0 to skip, 3 bad rows; "
        "opening stored value ¥120.50 and 315 points."
    )
    listed = [
        (dialog.rows_table.item(row, 0).text(), dialog.rows_table.item(row, 1).text())
        for row in range(dialog.rows_table.rowCount())
    ]
    assert listed == [
        ("3", "'12' is not a phone number"),
        ("4", "the birthday 2099-01-01 is not in the past"),
        ("5", "there is no tier called '黑钻'"),
    ]
    assert counts(tmp_path) == before
    dialog.resize(1024, 768)
    save_screenshot(dialog, "import-checked-en")

    click(qtbot, dialog, "importSaveReport")
    with report.open(encoding="utf-8-sig", newline="") as saved:
        assert [row[:2] for row in csv.reader(saved)] == [
            ["line", "problem"], ["3", "bad"], ["4", "bad"], ["5", "bad"]
        ]  # fmt: skip
    assert os.stat(report).st_mode & 0o077 == 0  # it holds phones: owner only

    click(qtbot, dialog, "importRunButton")
    wait_for(qtbot, dialog, "Imported 2 members")
    assert counts(tmp_path) == (before[0] + 2, before[1] + 1)
    assert not dialog.import_button.isEnabled()  # a second run needs a second check


def test_cancel_leaves_nothing_imported(
    qtbot: QtBot, make_app: Callable[[str], TillApp], tmp_path: Path
) -> None:
    members = tmp_path / "old-system.csv"
    members.write_bytes(FILE.encode("utf-8-sig"))
    till_app = make_app("en")
    dialog = open_import(qtbot, till_app, {"open": members})
    click(qtbot, dialog, "importChooseFile")
    assert dialog.encoding_combo.currentData() == "utf-8-sig"
    click(qtbot, dialog, "importCheckButton")
    wait_for(qtbot, dialog, "Nothing has changed yet.")
    before = counts(tmp_path)

    # Another till is writing: the import waits for the database, as it would on a busy
    # evening, and the manager cancels meanwhile.
    other_till = sqlite3.connect(database(tmp_path), isolation_level=None)
    other_till.execute("BEGIN IMMEDIATE")
    click(qtbot, dialog, "importRunButton")
    assert dialog.progress_bar.isVisible()
    assert dialog.cancel_button.text() == "Cancel"
    click(qtbot, dialog, "importCancelButton")
    other_till.execute("ROLLBACK")
    other_till.close()
    wait_for(qtbot, dialog, "Import cancelled: nothing was imported.")
    assert counts(tmp_path) == before
    assert dialog.cancel_button.text() == "Close"


def test_the_dialog_speaks_chinese_and_says_why_a_file_cannot_be_read(
    qtbot: QtBot, make_app: Callable[[str], TillApp], tmp_path: Path
) -> None:
    garbled, members = tmp_path / "garbled.csv", tmp_path / "old-system.csv"
    garbled.write_bytes(b"\xff\xfe\xff phone,name\n")
    members.write_bytes(FILE.encode("gb18030"))
    files = {"open": garbled}
    dialog = open_import(qtbot, make_app("zh"), files)
    click(qtbot, dialog, "importChooseFile")
    assert dialog.summary_label.text() == "该文件既不是 UTF-8，也不是 GBK/GB18030 编码。"
    assert dialog.detected_label.text() == "无法识别编码：请选择一种。"

    files["open"] = members
    click(qtbot, dialog, "importChooseFile")
    assert dialog.detected_label.text() == "检测到：GBK/GB18030"
    click(qtbot, dialog, "importCheckButton")
    wait_for(qtbot, dialog, "尚未做任何更改。")
    assert dialog.summary_label.text().startswith("已读取 5 行：将新增 2 位会员")
    reasons = [dialog.rows_table.item(row, 1).text() for row in range(3)]
    assert reasons == ["'12' 不是手机号", "生日 2099-01-01 不在今天之前", "没有名为 '黑钻' 的等级"]
    dialog.resize(1024, 768)
    save_screenshot(dialog, "import-checked-zh")
