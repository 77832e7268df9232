"""Names as people have them, found through the real search keys on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, select, update
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.enrolment import EnrolmentForm
from app.domain.name_keys import KEYS_VERSION
from db.engine import create_db_engine
from db.models import MemberRow, MemberSearchKeyRow, SettingRow
from db.search_keys import VERSION_SETTING, ensure_search_keys

NAMES = {
    "16611110001": "張偉",
    "16611110002": "阿依古丽·买买提",
    "16611110003": "张伟 David",
    "16611110004": "李〇",
    "16611110005": "🍜王芳",
    "16611110006": "张乐",
    "16611110007": "王𠮷",
    "16611110008": "Mary‐Jane Watson",
}


@pytest.fixture
def named(till: Till) -> Till:
    cashier = till.auth.log_in("wangfang", "1111")
    for phone, name in NAMES.items():
        till.enrolment.enrol(cashier, EnrolmentForm(phone=phone, name=name), accept_look_alike=True)
    return till


def names(till: Till, typed: str) -> set[str]:
    return {c.name for c in till.members.search(typed).candidates}


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("张伟", "張偉"),  # simplified finds traditional
        ("張偉", "张伟"),  # and traditional finds the demo's simplified 张伟
        ("張", "张乐"),
        ("买买提", "阿依古丽·买买提"),
        ("mmt", "阿依古丽·买买提"),
        ("maimaiti", "阿依古丽·买买提"),
        ("david", "张伟 David"),
        ("zw", "张伟 David"),
        ("李〇", "李〇"),
        ("🍜", "🍜王芳"),
        ("王芳", "🍜王芳"),
        ("zy", "张乐"),  # 乐 read yuè
        ("zl", "张乐"),  # and lè
        ("王𠮷", "王𠮷"),
        ("jane", "Mary‐Jane Watson"),
        ("watson", "Mary‐Jane Watson"),
    ],
)
def test_names_are_found_by_any_part_script_or_reading(named: Till, typed: str, name: str) -> None:
    assert name in names(named, typed)


def test_keys_of_an_older_version_are_rebuilt_with_the_new_ones(
    named: Till, database_url: str
) -> None:
    engine = create_engine(database_url)
    with Session(engine) as session, session.begin():
        session.execute(
            update(SettingRow).where(SettingRow.key == VERSION_SETTING).values(value="1")
        )
        session.query(MemberSearchKeyRow).delete()
    engine.dispose()
    engine = create_db_engine(database_url)
    assert ensure_search_keys(engine)
    assert not ensure_search_keys(engine)  # once per version
    with Session(engine) as session:
        version = session.scalar(select(SettingRow.value).where(SettingRow.key == VERSION_SETTING))
        zhang = session.scalar(select(MemberRow.id).where(MemberRow.name == "張偉"))
        keys = set(
            session.scalars(
                select(MemberSearchKeyRow.key).where(MemberSearchKeyRow.member_id == zhang)
            )
        )
    engine.dispose()
    assert version == KEYS_VERSION
    assert {"張偉", "张伟", "zw", "zhangwei"} <= keys
