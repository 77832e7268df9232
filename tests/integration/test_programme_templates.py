"""Programme templates are written through the programme editor's repository and read
back by the loyalty engine as the rules the template states."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.domain.loyalty_admin import RuleRejected, TierSpec
from app.domain.qualification import TierThreshold
from app.domain.stored_value import TopUpRule
from app.setup.programme import UnknownTemplate, check_template, template_named, write_programme
from app.setup.templates import TEMPLATES, ProgrammeTemplate
from db.engine import create_db_engine, session_factory
from db.loyalty_rules import SqlLoyaltyProgramme
from db.migrate import upgrade_to_head
from db.restaurant_setup import SqlRestaurantSetup
from db.unit_of_work import SqlUnitOfWork


@pytest.mark.parametrize("key", list(TEMPLATES))
def test_each_template_is_stored_and_read_back_as_its_rules(database_url: str, key: str) -> None:
    template = template_named(key)
    engine = create_db_engine(database_url)
    try:
        upgrade_to_head(engine)
        sessions = session_factory(engine)
        with sessions.begin() as session:
            written = write_programme(
                template, SqlLoyaltyProgramme(session), SqlRestaurantSetup(session)
            )
        assert written["tiers"] == [tier.code for tier in template.tiers]
        with SqlUnitOfWork(sessions) as uow:
            specs = uow.programme.tier_specs()
            rules = uow.programme.rules()
            entry = uow.tiers.ranked()[0]
    finally:
        engine.dispose()
    assert [replace(spec, tier_id=None) for spec in specs] == list(template.tiers)
    assert entry.rank == 1
    assert rules.thresholds == tuple(
        TierThreshold(tier.rank, tier.qualify_spend) for tier in template.tiers
    )
    assert rules.top_up_rules == tuple(
        TopUpRule(rule.minimum, rule.bonus) for rule in template.top_up_rules
    )
    assert [offer.code for offer in rules.renewal_offers] == [
        offer.code for offer in template.renewal_offers
    ]
    assert rules.upgrade_for_fee_difference == (
        template.settings["loyalty.upgrade_for_fee_difference"] == "1"
    )


def test_templates_differ_as_their_names_say() -> None:
    paid, free, stored = (TEMPLATES[k] for k in ("paid-tiers", "free-tiers", "stored-value"))
    assert [t.annual_fee > 0 for t in paid.tiers] == [False, True, True]
    assert all(t.annual_fee == 0 for t in free.tiers)
    assert [t.qualify_spend for t in free.tiers] == sorted(t.qualify_spend for t in free.tiers)
    assert [t.discount_bp for t in stored.tiers] == [0] and stored.top_up_rules
    assert not free.top_up_rules


def test_a_template_without_an_entry_tier_or_unknown_is_refused() -> None:
    broken = ProgrammeTemplate(
        key="broken", title_en="", title_zh="", tiers=(TierSpec("GOLD", 2, "金", "Gold", 1000),)
    )
    with pytest.raises(RuleRejected, match="entry tier"):
        check_template(broken)
    with pytest.raises(UnknownTemplate, match="paid-tiers"):
        template_named("bronze")
