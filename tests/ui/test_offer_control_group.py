"""A new targeted offer with a control group, made in the rules editor: saving it starts
its campaign with that share of the audience held back (drawn and recorded), and the
editor says so; an offer whose campaign cannot start is still saved and the editor says
why. Editing an existing offer offers no control group (its campaign is the Campaigns
tab's)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QSpinBox, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from app.bootstrap import prepare_database
from app.campaigns.desk import CampaignDesk
from app.domain.money import CNY
from app.services.auth import AuthService
from app.services.loyalty_admin import LoyaltyAdminService
from app.services.member_outlook import LoyaltyService
from db.engine import session_factory
from db.unit_of_work import SqlUnitOfWork
from tests.conftest import DEMO_MEMBERS
from tests.demo_templates import Demo, DemoTemplates
from tests.fakes import FakeClock
from tests.ui.conftest import on_next_modal, save_screenshot, settle
from tests.ui.test_loyalty_rules_editor import Programme, click, fill, select_row
from tests.ui.test_offer_rules_editor import TARGETED_TAB, tick
from ui.manager.loyalty_rules_dialog import LoyaltyRulesDialog


@pytest.fixture
def desk(
    tmp_path: Path, clock: FakeClock, demo_templates: DemoTemplates
) -> Iterator[tuple[Programme, CampaignDesk]]:
    url = f"sqlite:///{tmp_path / 'till.db'}"
    demo_templates.fill(url, Demo(DEMO_MEMBERS, clock.now().date()))
    engine = prepare_database(url, DEMO_MEMBERS, clock.now().date())
    sessions = session_factory(engine)
    units = partial(SqlUnitOfWork, sessions)
    yield (
        Programme(
            LoyaltyAdminService(units, clock, "T1"),
            LoyaltyService(units),
            AuthService(units, clock, "T1"),
        ),
        CampaignDesk(sessions.begin, clock, "T1"),
    )
    engine.dispose()


def open_editor(
    qtbot: QtBot, desk: tuple[Programme, CampaignDesk], language: str
) -> LoyaltyRulesDialog:
    programme, campaigns = desk
    staff = programme.auth.log_in("manager", "9999")
    dialog = LoyaltyRulesDialog(programme.admin, staff, CNY, language, campaigns=campaigns)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(dialog)
    dialog.findChild(QTabWidget, "loyaltyRulesTabs").setCurrentIndex(TARGETED_TAB)
    return dialog


def new_offer(qtbot: QtBot, code: str, tier: str, holdout: int) -> partial[None]:
    def fill_in(form: QWidget) -> None:
        fill(qtbot, form, "targetedCodeEdit", code)
        fill(qtbot, form, "targetedNameZhEdit", "回头客 9折")
        fill(qtbot, form, "targetedNameEnEdit", "Come back: 10% off")
        fill(qtbot, form, "targetedValueEdit", "10")
        tick(form, "targetedTiersList", tier)
        spin = form.findChild(QSpinBox, "targetedHoldoutSpin")
        assert spin is not None and spin.maximum() == 50
        spin.setValue(holdout)
        save_screenshot(form, f"targeted-offer-control-{code.lower()}")
        click(qtbot, form, "saveTargetedOfferButton")

    return partial(fill_in)


def test_a_new_offer_holding_back_a_fifth_starts_its_campaign_as_it_is_saved(
    qtbot: QtBot, desk: tuple[Programme, CampaignDesk], chinese: None
) -> None:
    programme, campaigns = desk
    dialog = open_editor(qtbot, desk, "zh")
    on_next_modal(new_offer(qtbot, "COME-BACK", "银卡会员", 20))
    click(qtbot, dialog, "addTargetedOfferButton")

    staff = programme.auth.log_in("manager", "9999")
    [result] = [r for r in campaigns.campaigns(staff) if r.facts.offer_code == "COME-BACK"]
    facts = result.facts
    assert facts.holdout_bp == 2_000 and facts.targeted > 0
    assert facts.held_back == round(facts.targeted * 0.2)  # the share asked for, drawn
    message = dialog.findChild(QLabel, "loyaltyRulesNote")
    assert message is not None
    assert message.text() == (
        f"已为 COME-BACK 发起活动：{facts.targeted} 名会员，对照组 {facts.held_back} 名，"
        "发券 0 张。"
    )
    save_screenshot(dialog, "targeted-offer-control-started")

    # editing it again: no control group field (its campaign has started)
    seen: dict[str, object] = {}

    def look(form: QWidget) -> None:
        seen["spin"] = form.findChild(QSpinBox, "targetedHoldoutSpin")
        form.reject()

    select_row(dialog, "targetedOffersTable", "COME-BACK")
    on_next_modal(look)
    click(qtbot, dialog, "editTargetedOfferButton")
    assert seen == {"spin": None}


def test_an_offer_whose_campaign_cannot_start_is_saved_and_the_editor_says_why(
    qtbot: QtBot, desk: tuple[Programme, CampaignDesk]
) -> None:
    programme, campaigns = desk
    dialog = open_editor(qtbot, desk, "en")

    def inactive(form: QWidget) -> None:
        form.findChild(QWidget, "targetedActiveCheck").setChecked(False)
        new_offer(qtbot, "NOT-YET", "Gold", 10)(form)

    on_next_modal(inactive)
    click(qtbot, dialog, "addTargetedOfferButton")
    assert any(spec.offer.code == "NOT-YET" for spec in programme.admin.targeted_offers())
    staff = programme.auth.log_in("manager", "9999")
    assert not [r for r in campaigns.campaigns(staff) if r.facts.offer_code == "NOT-YET"]
    message = dialog.findChild(QLabel, "loyaltyRulesMessage")
    assert message is not None
    assert message.text() == (
        "The offer is saved, but its campaign did not start: That offer is not active: "
        "switch it on first. Start it from the Campaigns tab."
    )
    assert dialog.findChild(QLabel, "loyaltyRulesNote").text() == ""
