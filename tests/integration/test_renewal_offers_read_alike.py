"""The member list and the till read the renewal offers through one mapping: a free
renewal earned by spend keeps its minimum spend on both paths, on both databases."""

from __future__ import annotations

from datetime import date

from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

from app.bootstrap import Till
from app.domain.member_filters import MemberFilter, grace_days
from app.domain.renewal import OfferKind, RenewalOffer
from db.loyalty_rules import rules_from_rows
from db.member_list_query import SqlMemberListReader
from db.models import RenewalOfferRow
from tests.integration.member_list_data import TODAY, manager

SPRING_FREE = RenewalOffer(
    "FREE-SPRING",
    OfferKind.FREE_BY_SPEND,
    fee=0,
    min_spend=350_000,
    valid_from=date(2026, 11, 1),
    valid_until=date(2027, 3, 31),
)


def test_a_free_renewal_by_spend_reads_the_same_in_the_member_list_as_at_the_till(
    till: Till, database_url: str
) -> None:
    engine = create_engine(database_url)
    sessions = sessionmaker(engine)
    try:
        with sessions.begin() as session:
            session.add_all(
                [
                    RenewalOfferRow(
                        code=SPRING_FREE.code,
                        kind=SPRING_FREE.kind.value,
                        fee_fen=SPRING_FREE.fee,
                        min_spend_fen=SPRING_FREE.min_spend,
                        valid_from=SPRING_FREE.valid_from,
                        valid_until=SPRING_FREE.valid_until,
                    ),
                    RenewalOfferRow(code="BIRTHDAY", kind="birthday", fee_fen=0),  # a newer kind
                ]
            )
        with Session(engine) as session:
            at_till = rules_from_rows(session).renewal_offers
        with SqlMemberListReader(sessions) as reader:
            in_list = reader.renewal_offers()
    finally:
        engine.dispose()

    assert in_list == at_till == till.loyalty.rules().renewal_offers
    free = {o.code: o for o in in_list if o.kind is OfferKind.FREE_BY_SPEND}
    assert free["FREE-2000"].min_spend == 200_000  # the demo's: the list used to read 0
    assert free["FREE-SPRING"] == SPRING_FREE
    assert "BIRTHDAY" not in {o.code for o in in_list}
    prepared = till.member_lists.prepare(manager(till), MemberFilter())
    assert prepared.resolved.grace_days == grace_days(at_till, TODAY) == 30
