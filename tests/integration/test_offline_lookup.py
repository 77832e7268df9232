"""Member lookup over the local copy finds what the server finds, by every path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.bootstrap import Till
from app.domain.name_keys import KeyKind, name_keys
from app.offline.local_copy import LocalCopy
from db.engine import create_db_engine
from db.models import CardRow, MemberRow


@pytest.fixture
def copy(database_url: str, till: Till, tmp_path: Path) -> Iterator[LocalCopy]:
    server = create_db_engine(database_url)
    made = LocalCopy(server, tmp_path / "local-copy.db", till.clock)
    made.build()
    yield made
    made.close()
    server.dispose()


def lookups(till: Till, copy: LocalCopy) -> dict[str, list[str]]:
    """Every way a cashier finds each member: card, full phone, last four, member number,
    name and pinyin initials."""
    with copy.engine().connect() as connection:
        members = connection.execute(
            select(MemberRow.phone, MemberRow.member_no, MemberRow.name)
        ).all()
        cards = connection.execute(select(CardRow.card_no)).scalars().all()
    initials = [
        key for _p, _n, name in members for kind, key in name_keys(name) if kind == KeyKind.INITIALS
    ]
    return {
        "card": list(cards),
        "phone": [phone for phone, _n, _name in members],
        "last4": [phone[-4:] for phone, _n, _name in members],
        "member_no": [number for _p, number, _name in members],
        "name": [name for _p, _n, name in members],
        "pinyin_initials": initials,
    }


def test_every_lookup_path_finds_the_same_members_offline_as_online(
    till: Till, copy: LocalCopy
) -> None:
    offline = copy.members()
    try:
        paths = lookups(till, copy)
        for path, queries in paths.items():
            assert queries, path
            for query in queries:
                online_found, offline_found = till.members.identify(query), offline.identify(query)
                assert offline_found == online_found, (path, query)
        identified = [offline.identify(q).member for q in paths["phone"]]
        assert all(member is not None for member in identified)  # the paths do find someone
    finally:
        offline.close()
