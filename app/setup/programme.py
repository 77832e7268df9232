"""Write a programme template through the programme editor's repository, each value
checked as the rules editor checks it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from app.domain.loyalty_admin import (
    RuleRejected,
    checked_offer,
    checked_tier,
    checked_top_up_rule,
)
from app.setup.templates import TEMPLATES, ProgrammeTemplate
from app.unit_of_work import ProgrammeEdits


class SettingsWriter(Protocol):
    def write_settings(self, values: Mapping[str, str]) -> None: ...


class UnknownTemplate(ValueError):
    pass


def template_named(key: str) -> ProgrammeTemplate:
    try:
        return TEMPLATES[key]
    except KeyError:
        names = ", ".join(TEMPLATES)
        message = f"there is no programme template {key!r}; choose one of: {names}"
        raise UnknownTemplate(message) from None


def check_template(template: ProgrammeTemplate) -> None:
    """Raise ``RuleRejected`` unless every value passes the editor's checks and the
    template has an entry tier (rank 1) and unique codes and ranks."""
    tiers = [checked_tier(spec) for spec in template.tiers]
    for spec in template.renewal_offers:
        checked_offer(spec)
    for rule in template.top_up_rules:
        checked_top_up_rule(rule)
    if not any(tier.rank == 1 for tier in tiers):
        raise RuleRejected(f"template {template.key} has no entry tier (rank 1)")
    if len({t.code for t in tiers}) != len(tiers) or len({t.rank for t in tiers}) != len(tiers):
        raise RuleRejected(f"template {template.key} repeats a tier code or rank")


def write_programme(
    template: ProgrammeTemplate, programme: ProgrammeEdits, settings: SettingsWriter
) -> dict[str, object]:
    """Save the template's tiers, offers, top-up rules and settings; returns what was
    written, for the audit log."""
    check_template(template)
    tiers = [programme.save_tier(checked_tier(spec)) for spec in template.tiers]
    offers = [programme.save_renewal_offer(checked_offer(s)) for s in template.renewal_offers]
    for rule in template.top_up_rules:
        programme.save_top_up_rule(checked_top_up_rule(rule))
    settings.write_settings(template.settings)
    return {
        "template": template.key,
        "tiers": [tier.code for tier in tiers],
        "renewal_offers": [offer.code for offer in offers],
        "top_up_rules": len(template.top_up_rules),
    }
