"""``pos members import`` on SQLite and PostgreSQL: each encoding, a dry run that changes
nothing, balances as opening ledger entries, members found as the till finds them, every
bad row reported and the duplicate policies (the command's ``main`` in this process), and
a killed import (a real process) that leaves nothing half done and completes when run
again."""

from __future__ import annotations

import csv
import signal
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app.bootstrap import Till
from tests.integration.conftest import PosMain
from tests.integration.test_cli import POS, ROOT, run_pos
from tests.integration.test_setup_cli import table

HEADER = "手机号,姓名,生日,卡号,余额,积分,等级,到期日,性别,备注\n"
ROWS = (
    "188 0018 8000,张三,1990-05-01,6200001,120.50,300,{tier},2027-01-01,男,\n"
    '+86 189-0018-9000,"Chen, Emily",,,0,15,,,female,"window seat, ""quiet"""\n'
    "12,Bad phone,,,,,,,,\n"
    "13700137000,未来,2099-01-01,,,,,,,\n"
    "13600136000,负数,,,-5,,,,,\n"
    "13500135000,无等级,,,,,黑钻,,,\n"
    "13400134000,坏数,,,,abc,,,,\n"
    "13300133000,空字,,,,,,,,a\x00b\n"
    "18800188000,重复,,,,,,,,\n"
)
BAD = [
    ("4", "bad", "'12' is not a phone number"),
    ("5", "bad", "the birthday 2099-01-01 is not in the past"),
    ("6", "bad", "the stored value -¥5.00 is negative"),
    ("7", "bad", "there is no tier called '黑钻'"),
    ("8", "bad", "the points 'abc' are not a whole number"),
    ("9", "bad", "the notes holds a NUL byte"),
    ("10", "bad", "the phone 18800188000 is also on line 2"),
]
OPENING = (
    "SELECT (SELECT count(*) FROM points_ledger WHERE reason = 'opening_balance'), "
    "(SELECT count(*) FROM stored_value_ledger WHERE reason = 'opening_balance'), "
    "(SELECT count(*) FROM members), (SELECT count(*) FROM cards), "
    "(SELECT count(*) FROM member_search_keys), (SELECT count(*) FROM audit_events)"
)


def report_rows(path: Path) -> list[tuple[str, ...]]:
    with path.open(encoding="utf-8-sig", newline="") as report:
        return [tuple(row) for row in list(csv.reader(report))[1:]]


def gold_tier(url: str) -> str:
    (row,) = table(url, "SELECT name_zh FROM tiers ORDER BY rank DESC LIMIT 1")
    return str(row[0])


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_a_dry_run_then_the_import_in_each_encoding(
    till: Till,
    database_url: str,
    tmp_path: Path,
    encoding: str,
    pos_main: PosMain,
) -> None:
    members_file = tmp_path / "members.csv"
    members_file.write_bytes((HEADER + ROWS.format(tier=gold_tier(database_url))).encode(encoding))
    before = table(database_url, OPENING)

    dry = pos_main("members", "import", "--db", database_url, str(members_file), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    detected = "gb18030" if encoding.startswith("gb") else encoding
    assert dry.stdout.splitlines()[-1] == (
        f"9 rows read ({detected}): would add 2 members, would merge 0, skip 0; 7 bad; "
        "opening stored value ¥120.50 and 315 points (dry run: nothing changed)"
    )
    assert table(database_url, OPENING) == before

    report = tmp_path / "problems.csv"
    done = pos_main(
        "members", "import", "--db", database_url, str(members_file), "--report", str(report)
    )
    assert done.returncode == 0, done.stderr
    assert "add 2 members" in done.stdout
    assert f"7 row(s) listed in {report}" in done.stderr
    assert report_rows(report) == BAD
    assert report.stat().st_mode & 0o777 == 0o600  # it holds members' phones
    points, stored, members, cards, _, audits = table(database_url, OPENING)[0]
    assert (points, stored, members, cards, audits) == (
        before[0][0] + 2,
        before[0][1] + 1,
        before[0][2] + 2,
        before[0][3] + 1,
        before[0][5] + 1,
    )

    loaded = till.members.identify("18800188000").member
    assert loaded is not None
    assert loaded.member_no == f"M{loaded.member_id:07d}"
    assert (loaded.name, loaded.points, loaded.stored_value) == ("张三", 300, 12050)
    assert loaded.tier.name_zh == gold_tier(database_url)
    assert [c.member_id for c in till.members.search("zhangs").candidates] == [loaded.member_id]
    by_card = till.members.identify_read("6200001").member
    assert by_card is not None and by_card.member_id == loaded.member_id
    chen = till.members.identify("18900189000").member
    assert chen is not None and (chen.name, chen.points) == ("Chen, Emily", 15)
    assert chen.member_id in [c.member_id for c in till.members.search("emily").candidates]
    (audit,) = table(
        database_url, "SELECT action, detail FROM audit_events ORDER BY id DESC LIMIT 1"
    )
    assert audit[0] == "members_imported"
    assert '"added": 2' in str(audit[1]) and '"bad_rows": 7' in str(audit[1])


def test_a_phone_already_a_members_stops_skips_or_merges(
    till: Till,
    database_url: str,
    tmp_path: Path,
    pos_main: PosMain,
) -> None:
    engine = create_engine(database_url)
    with engine.begin() as connection:  # a member the till knows without a birthday or notes
        connection.execute(text("UPDATE members SET birthday = NULL, birth_month = NULL, "
                                "notes = '' WHERE id = 1"))  # fmt: skip
    engine.dispose()
    ((phone, member_no, tier),) = table(
        database_url, "SELECT phone, member_no, tier_id FROM members WHERE id = 1"
    )
    members_file = tmp_path / "members.csv"
    members_file.write_text(
        HEADER
        + f"{phone},Someone Else,1980-02-03,,500.00,9000,,,,from the old till\n"
        + "13900139000,New Member,,,,,,,,\n",
        encoding="utf-8",
    )
    member_state = (
        "SELECT m.name, m.birthday, m.notes, m.tier_id, "
        "(SELECT coalesce(sum(delta), 0) FROM points_ledger p WHERE p.member_id = m.id), "
        "(SELECT coalesce(sum(principal_delta_fen), 0) FROM stored_value_ledger s "
        f"WHERE s.member_id = m.id) FROM members m WHERE m.phone = '{phone}'"
    )
    before, counts = table(database_url, member_state), table(database_url, OPENING)

    stop = pos_main("members", "import", "--db", database_url, str(members_file))
    assert stop.returncode == 1
    assert "nothing was imported (choose --on-duplicate merge or skip)" in stop.stderr
    assert table(database_url, OPENING) == counts
    report = Path(f"{members_file}.report.csv")
    assert report_rows(report) == [
        ("2", "duplicate", f"the phone {phone} is already member {member_no}'s")
    ]

    skip = pos_main(
        "members", "import", "--db", database_url, str(members_file), "--on-duplicate", "skip"
    )
    assert skip.returncode == 0, skip.stderr
    assert "add 1 members, merge 0, skip 1" in skip.stdout
    assert table(database_url, member_state) == before

    merge = pos_main(
        "members", "import", "--db", database_url, str(members_file), "--on-duplicate", "merge"
    )
    assert merge.returncode == 0, merge.stderr
    assert "add 0 members, merge 2, skip 0; 0 bad" in merge.stdout  # the new one is in now
    name, born, notes, tier_after, points, principal = table(database_url, member_state)[0]
    assert (name, str(born), notes, tier_after) == (
        before[0][0],
        "1980-02-03",
        "from the old till",
        tier,
    )
    assert (points, principal) == before[0][4:]  # balances in the file are not added
    assert ("2", "duplicate", f"merged: the phone {phone} is already member {member_no}'s; "
            "filled in birthday, notes") in report_rows(report)  # fmt: skip


def test_a_killed_import_leaves_nothing_and_the_rerun_completes(
    till: Till, database_url: str, tmp_path: Path
) -> None:
    count = 15_000  # three batches of 5,000: killed while the second is written
    members_file = tmp_path / "big.csv"
    with members_file.open("w", encoding="utf-8") as out:
        out.write("phone\tname\tbalance\tpoints\tcard\n")
        for n in range(count):
            out.write(f"199{n:08d}\t会员{n}\t{n % 500}.25\t{n % 97}\t55{n:012d}\n")
    before = table(database_url, OPENING)

    process = subprocess.Popen(
        [*POS, "members", "import", "--db", database_url, str(members_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    assert first.startswith("written 5,000 of 15,000 members"), first
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    process.stdout.close()
    assert process.stderr is not None
    process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    assert table(database_url, OPENING) == before  # nothing half imported

    again = run_pos("members", "import", "--db", database_url, str(members_file))
    assert again.returncode == 0, again.stderr
    assert "add 15,000 members" in again.stdout
    points, stored, members, cards, _, _ = table(database_url, OPENING)[0]
    assert (members, cards) == (before[0][2] + count, before[0][3] + count)
    assert points == before[0][0] + sum(1 for n in range(count) if n % 97)
    assert stored == before[0][1] + count
    (sums,) = table(
        database_url,
        "SELECT sum(principal_delta_fen) FROM stored_value_ledger s JOIN members m "
        "ON m.id = s.member_id WHERE m.phone LIKE '199%'",
    )
    assert sums[0] == sum((n % 500) * 100 + 25 for n in range(count))
    last = till.members.identify(f"199{count - 1:08d}").member
    assert last is not None and last.member_no == f"M{last.member_id:07d}"
    assert (last.stored_value, last.points) == (((count - 1) % 500) * 100 + 25, (count - 1) % 97)
