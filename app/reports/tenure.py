"""The tenure report: new, expiring and lapsed members, each with a suggested action."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date

from sqlalchemy.orm import Session

from app.domain.money import Currency, discount_label_percent, discount_label_zhe, format_money
from app.domain.phone import mask_phone
from app.domain.renewal import OfferKind, RenewalOffer
from app.domain.tenure import (
    EXPIRING_MONTHS,
    LAPSED_WITHIN_DAYS,
    NEW_MEMBER_DAYS,
    Action,
    Suggestion,
    TenureGroup,
    suggest,
    tenure_window,
)
from app.exports import Cell, Column, ColumnKind, Table
from app.exports.model import Language
from app.reports.model import (
    ParamKind,
    ParamValue,
    ReportContext,
    ReportParam,
    ReportSpec,
    as_date,
    as_int,
    fixed_param,
)
from app.reports.scope import REGION, STORE, store_ids
from app.reports.text import text
from db.loyalty_rules import rules_from_rows
from db.reports.tenure import GROUPS, TenureBounds, TenureFact, tenure_counts, tenure_facts

ALL = "all"


PARAMS = (
    ReportParam(
        "as_of",
        text("as_of", "zh"),
        text("as_of", "en"),
        ParamKind.DATE,
        lambda context: context.today,
    ),
    fixed_param("group", ParamKind.CHOICE, ALL, choices=(ALL, *GROUPS)),
    fixed_param("new_days", ParamKind.INTEGER, NEW_MEMBER_DAYS, minimum=1),
    fixed_param("expiring_months", ParamKind.INTEGER, EXPIRING_MONTHS, minimum=1),
    fixed_param("lapsed_within_days", ParamKind.INTEGER, LAPSED_WITHIN_DAYS),
    fixed_param("consented_only", ParamKind.FLAG, False),
    STORE,
    REGION,
)


def columns(language: Language) -> tuple[Column, ...]:
    def t(key: str) -> str:
        return text(key, language)

    return (
        Column("group", t("group"), width=1.0),
        Column("member_no", t("member_no"), width=1.2),
        Column("name", t("name"), width=1.4),
        Column("phone", t("phone"), width=1.2),
        Column("tier", t("tier"), width=1.0),
        Column("expires", t("expires"), ColumnKind.DATE),
        Column("last_visit", t("last_visit"), ColumnKind.DATE),
        Column("spend", t("spend"), ColumnKind.MONEY),
        Column("consent", t("consent"), width=0.7),
        Column("action", t("action"), width=3.0),
    )


def build(
    session: Session, values: Mapping[str, ParamValue], context: ReportContext
) -> Sequence[Table]:
    window = tenure_window(
        as_date(values["as_of"]),
        as_int(values["new_days"]),
        as_int(values["expiring_months"]),
        as_int(values["lapsed_within_days"]),
    )
    bounds = TenureBounds(
        window.today,
        window.new_since,
        window.expiring_until,
        window.lapsed_since,
        consented_only=bool(values["consented_only"]),
        stores=store_ids(session, values),
    )
    group = str(values["group"])
    groups = GROUPS if group == ALL else (group,)
    offers = rules_from_rows(session).renewal_offers
    free_by_spend = any(o.kind is OfferKind.FREE_BY_SPEND for o in offers)
    facts = tenure_facts(session, bounds, groups, with_term_spend=free_by_spend)
    language = context.language
    title = text("tenure_title", language)
    return (
        Table(
            title=title,
            columns=columns(language),
            rows=_rows(facts, offers, window.today, language, context.currency),
            expected_rows=tenure_counts(session, bounds, groups),
            currency=context.currency,
            language=language,
        ),
    )


def _rows(
    facts: Iterator[TenureFact],
    offers: Sequence[RenewalOffer],
    today: date,
    language: Language,
    currency: Currency,
) -> Iterator[Sequence[Cell]]:
    for fact in facts:
        group = TenureGroup(fact.group)
        advice = suggest(group, today, fact.expires_on, fact.term_spend_fen, offers)
        yield (
            text(group.value, language),
            fact.member_no,
            fact.name,
            mask_phone(fact.phone),
            fact.tier_zh if language == "zh" else fact.tier_en,
            fact.expires_on,
            fact.last_visit_on,
            fact.spend_fen,
            text("yes" if fact.marketing_consent else "no", language),
            action_text(advice, fact, language, currency),
        )


def action_text(
    advice: Suggestion, fact: TenureFact, language: Language, currency: Currency
) -> str:
    def money(amount: int) -> str:
        return format_money(amount, currency)

    t = text(advice.action.value, language)
    if advice.action is Action.INTRODUCE_BENEFITS:
        tier, bp = (fact.tier_zh if language == "zh" else fact.tier_en), fact.tier_discount_bp
        if bp and language == "zh":
            tier += discount_label_zhe(bp)
        elif bp:
            tier += f", {discount_label_percent(bp)}"
        return t.format(tier=tier)
    if advice.action is Action.SPEND_TO_RENEW_FREE:
        out = t.format(missing=money(advice.missing))
        if advice.also_fee:
            out += text("or_renew_now", language).format(fee=money(advice.also_fee))
        return out
    day = advice.from_day.isoformat() if advice.from_day else ""
    until = advice.until.isoformat() if advice.until else ""
    return t.format(fee=money(advice.fee), day=day, until=until)


TENURE = ReportSpec(
    name="tenure",
    title_zh=text("tenure_title", "zh"),
    title_en=text("tenure_title", "en"),
    params=PARAMS,
    build=build,
    member_data=True,
)
