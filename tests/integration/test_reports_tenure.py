"""The tenure report on both databases: the right members in each group, none erased or
merged, and the suggestion the till would make, spend in the current term included."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import create_engine, select, update
from sqlalchemy.orm import Session

from app.bootstrap import Till
from app.domain.enrolment import EnrolmentForm
from app.domain.payment import PaymentMethod, Tender
from app.domain.tenure import add_months
from app.services.reports import ExportFormat
from db.models import AuditEventRow, MemberRow
from tests.integration.test_loyalty import cashier, order_for

TODAY = date(2026, 11, 22)
EMILY, LI_NA, ZENG = "M0000002", "M0000003", "M0000005"


def members(url: str) -> list[MemberRow]:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            return list(session.scalars(select(MemberRow)))
    finally:
        engine.dispose()


def change(url: str, member_no: str, **values: object) -> None:
    engine = create_engine(url)
    with Session(engine) as session, session.begin():
        session.execute(update(MemberRow).where(MemberRow.member_no == member_no).values(**values))
    engine.dispose()


def rows_by_member(till: Till, language: str = "en", **params: str) -> dict[str, tuple[str, ...]]:
    manager = till.auth.log_in("manager", "9999")
    preview = till.reports.preview("tenure", params, manager, language, limit=10_000)  # type: ignore[arg-type]
    (section,) = preview.sections
    assert section.total == len(section.rows)
    return {row[1]: row for row in section.rows}


def test_groups_hold_exactly_the_members_by_their_dates(till: Till, database_url: str) -> None:
    before = rows_by_member(till)
    assert before[LI_NA][0] == "Lapsed" and before[ZENG][0] == "Expiring"
    change(database_url, LI_NA, erased_at=datetime(2026, 11, 1))
    change(database_url, ZENG, merged_into_id=1)
    rows = rows_by_member(till)

    until = add_months(TODAY, 3)
    expected: dict[str, str] = {}
    for member in members(database_url):
        if member.erased_at is not None or member.merged_into_id is not None:
            continue
        expires = member.expires_on
        if expires is not None and TODAY - timedelta(days=365) <= expires < TODAY:
            expected[member.member_no] = "Lapsed"
        elif expires is not None and TODAY <= expires <= until:
            expected[member.member_no] = "Expiring"
        elif member.joined_on >= TODAY - timedelta(days=90):
            expected[member.member_no] = "New"
    assert {no: row[0] for no, row in rows.items()} == expected
    assert {"Lapsed", "Expiring", "New"} <= set(expected.values())
    assert LI_NA not in rows and ZENG not in rows
    assert rows[EMILY][3] == "139****5678"  # never a whole phone number
    groups = [row[0] for row in rows.values()]
    assert groups == sorted(groups, key=["New", "Expiring", "Lapsed"].index)


def test_each_group_gets_the_offer_that_applies(till: Till) -> None:
    new = till.enrolment.enrol(cashier(till), EnrolmentForm(phone="13900001111", name="王小明"))
    rows = rows_by_member(till)
    assert rows[new.member_no][0] == "New"
    assert rows[new.member_no][-1] == "Introduce the benefits (Silver, 5% off)"
    # Emily: 30 days left, nothing spent this term.
    assert rows[EMILY][-1] == "Spend ¥2,000.00 more to renew free, or renew now at ¥99.00"
    # 李娜 expired 20 days ago: still in the 30-day grace window.
    assert rows[LI_NA][-1] == "Grace renewal at ¥129.00 (until 2026-12-02)"
    win_back = [row for row in rows.values() if row[-1].startswith("Win-back")]
    assert win_back and all(row[-1] == "Win-back offer: renew at ¥99.00" for row in win_back)
    assert all(row[5] < "2026-10-23" for row in win_back)  # past the grace window


def test_spend_this_term_counts_towards_a_free_renewal(till: Till) -> None:
    zeng = "18600008000"  # Silver, expires in 60 days
    big = order_for(till, zeng)
    dish = next(item for item in till.catalog.load().items if item.code == "HOT-03")
    big.add(dish, 30)  # 30 x ¥88, less 5%: ¥2,508 of qualifying spend
    till.checkout.check_out(big, Tender(PaymentMethod.CARD_TERMINAL, 250_800), cashier(till))
    small = order_for(till, "13912345678", "HOT-01")  # Emily
    done = till.checkout.check_out(small, Tender(PaymentMethod.CASH, 5_000), cashier(till))

    rows = rows_by_member(till, "zh")
    assert rows[ZENG][-1] == "已达消费门槛，可免费续费"
    assert rows[ZENG][7] == "¥2,508.00"
    missing = 200_000 - done.bill.priced.total
    assert rows[EMILY][-1] == f"再消费 ¥{missing / 100:,.2f} 即可免费续费，或现在续费 ¥99.00"


def test_filters_narrow_the_list(till: Till, database_url: str) -> None:
    everyone = rows_by_member(till)
    expiring = rows_by_member(till, group="expiring")
    assert set(expiring) == {no for no, row in everyone.items() if row[0] == "Expiring"}
    consenting = rows_by_member(till, consented_only="yes")
    consent = {m.member_no: m.marketing_consent for m in members(database_url)}
    assert set(consenting) == {no for no in everyone if consent[no]}
    assert len(rows_by_member(till, lapsed_within_days="0")) >= len(everyone)


def test_a_pdf_export_lists_the_members_and_is_audited(
    till: Till, database_url: str, tmp_path: Path
) -> None:
    manager = till.auth.log_in("manager", "9999")
    target = tmp_path / "tenure.pdf"
    done = till.reports.export(
        "tenure", {"group": "lapsed"}, ExportFormat.PDF, target, manager, "zh"
    )
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert "会员周期报表" in text and "宽限期续费 ¥129.00" in text and LI_NA in text
    assert done.rows == text.splitlines().count("已过期")
    assert "分组 已过期" in text  # the parameters, as people read them
    engine = create_engine(database_url)
    with Session(engine) as session:
        audit = session.scalars(
            select(AuditEventRow).where(AuditEventRow.action == "report_exported")
        ).one()
    engine.dispose()
    detail = json.loads(audit.detail)
    assert audit.staff_id == manager.staff_id and audit.subject == "report:tenure"
    assert (detail["rows"], detail["member_data"], detail["format"]) == (done.rows, True, "pdf")
    assert "group=lapsed" in detail["parameters"]


@pytest.mark.parametrize("bad", [{"group": "vip"}, {"new_days": "0"}, {"as_of": "yesterday"}])
def test_bad_parameters_are_refused_with_the_grammar(till: Till, bad: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="--"):
        rows_by_member(till, **bad)
