"""The till keeps a local copy only of a shared server, in the background, and lets go of
it when it closes."""

from __future__ import annotations

from pathlib import Path

from app.bootstrap import TillConfig, build_till
from app.domain.enrolment import EnrolmentForm
from app.offline.refresher import CopyRefresher
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock


def test_a_till_on_a_shared_server_keeps_its_copy_current_in_the_background(
    new_database_url: str, clock: FakeClock, demo_templates: DemoTemplates, tmp_path: Path
) -> None:
    demo_templates.fill(new_database_url, Demo(DEMO_MEMBERS, clock.now().date()))
    path = tmp_path / "data" / "local-copy.db"
    config = TillConfig(new_database_url, demo_members_if_empty=DEMO_MEMBERS, local_copy_path=path)
    till = build_till(config, clock)
    try:
        if new_database_url.startswith("sqlite"):  # no server to lose: no copy
            assert till.local_copy is None and till.offline_units is None
            assert till.copy_refresher is None
            return
        assert "local_copy" not in till.built()  # nothing made before it is asked for
        assert till.local_copy is not None and not till.local_copy.status().exists
        refresher = CopyRefresher(till.local_copy, every_s=3600, first_after_s=0)
        refresher.start()
        assert refresher.finished.wait(120) and refresher.last_error is None
        status = till.local_copy.status()
        assert status.exists and status.rows is not None
        assert status.rows["members"] == DEMO_MEMBERS

        form = EnrolmentForm(phone="13700000009", name="林小雨")
        till.enrolment.enrol(till.auth.log_in("wangfang", "1111"), form)
        refresher.refresh_soon()
        assert refresher.finished.wait(120) and refresher.last_error is None
        offline = till.local_copy.members()
        found = offline.identify("13700000009").member
        offline.close()
        assert found is not None and found.name == "林小雨"
        assert till.offline_units is not None
        with till.offline_units() as uow:
            stored = uow.members.find(found.member_id)
        assert stored is not None and (stored.name, stored.phone) == ("林小雨", "13700000009")
        refresher.stop()
    finally:
        till.close()
