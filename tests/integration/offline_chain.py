"""A server and one till's local copy of it, seeded alike, for the offline tests and the
resync benchmark's check: T2 sells online on the server, T1 sells offline on its copy."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from app.bootstrap import Till, build_till
from app.domain.draft import OrderDraft
from app.domain.members import MemberSummary
from app.domain.staff import StaffMember
from app.offline.desk import OfflineDesk
from app.offline.resync import Resync
from app.offline.selling import OfflineSeller
from app.till_config import TillConfig
from db.engine import create_db_engine
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock


@dataclass
class Chain:
    server_url: str
    local_url: str
    online: Till
    """T2, selling on the server while T1 is offline."""
    home: Till
    """T1 on the server: its resync runs through this till's services."""
    local: Till
    """T1 on its local copy (its outbox and sign-in)."""
    local_engine: Engine
    seller: OfflineSeller
    clock: FakeClock

    def resync(self) -> Resync:
        return Resync(
            self.seller.journal,
            self.home.units,
            self.clock,
            self.home.offline_place,
            self.home.auth,
        )

    def desk(self) -> OfflineDesk:
        return OfflineDesk(self.home.units, self.clock, "T1")

    def cashier(self, till: Till) -> StaffMember:
        return till.auth.log_in("wangfang", "1111")

    def manager(self, till: Till) -> StaffMember:
        return till.auth.log_in("manager", "9999")

    def order(self, till: Till, member: MemberSummary | None, *codes: str) -> OrderDraft:
        catalog = till.catalog.load()
        draft = OrderDraft()
        for code in codes:
            draft.add(next(item for item in catalog.items if item.code == code))
        if member is not None:
            draft.set_member(member)
        return draft

    def member(self, till: Till, phone: str) -> MemberSummary:
        found = till.members.identify(phone).member
        assert found is not None, phone
        return found


@contextmanager
def offline_chain(
    server_url: str, folder: Path, templates: DemoTemplates, clock: FakeClock, members: int
) -> Iterator[Chain]:
    local_url = f"sqlite:///{folder / 'local-copy.db'}"
    demo = Demo(members, clock.now().date())
    templates.fill(server_url, demo)
    templates.fill(local_url, demo)
    online = build_till(TillConfig(server_url, till_id="T2"), clock)
    home = build_till(TillConfig(server_url, till_id="T1"), clock)
    local = build_till(TillConfig(local_url, till_id="T1"), clock)
    engine = create_db_engine(local_url)
    seller = OfflineSeller(engine, clock, local.offline_place, local.outbox, local.auth)
    try:
        yield Chain(server_url, local_url, online, home, local, engine, seller, clock)
    finally:
        engine.dispose()
        for till in (local, home, online):
            till.close()
