"""Client 360 on a small fixture book: group tree and exposure, contacts and birthdays, team,
maturities, 12-month contribution, visits, follow-ups, opportunities, requests with SLA state."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from kamdesk.common.errors import NotFound
from kamdesk.models import (Contact, Contribution, Holding, Opportunity, Product, RelationshipMember, ServiceRequest,
                            Task, Visit)
from kamdesk.services.book import Book
from kamdesk.services.client360 import client_360, last_months, next_birthday
from kamdesk.services.dto import to_jsonable
from tests.services.conftest import USERS, add_client

TODAY = dt.date(2026, 6, 15)
NOW = dt.datetime(2026, 6, 15, 10, 0)
D = Decimal


def test_next_birthday_and_months() -> None:
    assert next_birthday(dt.date(1980, 6, 20), TODAY) == dt.date(2026, 6, 20)
    assert next_birthday(dt.date(1980, 6, 15), TODAY) == TODAY
    assert next_birthday(dt.date(1980, 1, 2), TODAY) == dt.date(2027, 1, 2)
    assert next_birthday(dt.date(1980, 2, 29), dt.date(2026, 1, 1)) == dt.date(2026, 2, 28)
    assert next_birthday(None, TODAY) is None
    m = last_months(TODAY)
    assert len(m) == 12 and m[0] == "2025-07" and m[-1] == "2026-06"


@pytest.fixture
def group_book(seeded: Callable[..., Book]) -> tuple[Book, dict[str, str]]:
    b = seeded("rm")
    rm, rm2 = USERS["rm"], USERS["rm2"]
    ids = {"root": add_client(b, name="华东能源集团有限公司", tier="strategic", net_worth="3000000000")}
    ids["sub"] = add_client(b, name="华东能源销售有限公司", parent_id=ids["root"], tier="core",
                            members=[rm2.id])
    ids["subsub"] = add_client(b, name="华东能源(苏州)物流有限公司", parent_id=ids["sub"], tier="key")
    ids["hidden"] = add_client(b, name="华东能源海外投资有限公司", parent_id=ids["root"], owner_id=rm2.id,
                               team_id=None)
    with b.session_scope(applying_remote=True) as s:
        dep = Product(code="D01", name="单位定期存款", product_type="deposit", risk_level="R1")
        loan = Product(code="L01", name="流动资金贷款", product_type="loan", risk_level="R2")
        s.add_all([dep, loan])
        s.flush()
        s.add_all([
            Holding(client_id=ids["sub"], product_id=dep.id, amount=D("1000000"), maturity_on=TODAY + dt.timedelta(days=30)),
            Holding(client_id=ids["sub"], product_id=loan.id, amount=D("5000000"), maturity_on=TODAY + dt.timedelta(days=200)),
            Holding(client_id=ids["sub"], product_id=dep.id, amount=D("7"), maturity_on=TODAY - dt.timedelta(days=1)),
            Holding(client_id=ids["root"], product_id=dep.id, amount=D("2000000")),
            Holding(client_id=ids["subsub"], product_id=loan.id, amount=D("300000")),
            Holding(client_id=ids["hidden"], product_id=loan.id, amount=D("99000000")),
            Holding(client_id=ids["sub"], product_id=dep.id, amount=D("123"), deleted=True),
        ])
        s.add_all([
            Contact(client_id=ids["sub"], name="陈总", title="总经理", role="decision_maker", is_primary=True,
                    birthday=dt.date(1970, 6, 20)),
            Contact(client_id=ids["sub"], name="刘会计", role="finance", birthday=dt.date(1985, 1, 3)),
            Contact(client_id=ids["sub"], name="已离职", deleted=True),
            RelationshipMember(client_id=ids["sub"], user_id=rm.id, role="primary_rm", credit_share=D("0.7")),
            Contribution(client_id=ids["sub"], month="2026-06", deposit_income=D("100"), loan_income=D("200"),
                         fee_income=D("50")),
            Contribution(client_id=ids["sub"], month="2025-07", deposit_income=D("1"), loan_income=D("0"),
                         fee_income=D("0")),
            Contribution(client_id=ids["sub"], month="2025-06", deposit_income=D("999"), loan_income=D("0"),
                         fee_income=D("0")),  # outside the 12 months
        ])
        for i in range(7):
            s.add(Visit(client_id=ids["sub"], owner_id=rm.id, planned_at=NOW - dt.timedelta(days=10 * (i + 1)),
                        status="done", agenda=f"第{i + 1}次回访"))
        s.add(Visit(client_id=ids["sub"], owner_id=rm.id, planned_at=NOW + dt.timedelta(days=3), status="planned"))
        s.add_all([
            Task(client_id=ids["sub"], owner_id=rm.id, title="补充财报", due_on=TODAY - dt.timedelta(days=2)),
            Task(client_id=ids["sub"], owner_id=rm.id, title="安排授信", due_on=TODAY + dt.timedelta(days=5)),
            Task(client_id=ids["sub"], owner_id=rm.id, title="已完成", status="done"),
            Opportunity(client_id=ids["sub"], owner_id=rm.id, name="现金管理", stage="proposal", amount=D("800000")),
            Opportunity(client_id=ids["sub"], owner_id=rm.id, name="已赢单", stage="won"),
            ServiceRequest(client_id=ids["sub"], kind="complaint", category="服务", title="柜台等候过久",
                           opened_at=NOW - dt.timedelta(hours=50), sla_due_at=NOW - dt.timedelta(hours=2)),
            ServiceRequest(client_id=ids["sub"], category="开户", title="开立一般户", opened_at=NOW - dt.timedelta(hours=20),
                           sla_due_at=NOW + dt.timedelta(hours=2)),
            ServiceRequest(client_id=ids["sub"], category="开户", title="网银开通", opened_at=NOW,
                           sla_due_at=NOW + dt.timedelta(hours=48)),
            ServiceRequest(client_id=ids["sub"], category="开户", title="已关闭", opened_at=NOW, status="closed"),
        ])
    return b, ids


def test_client_360_contents(group_book: Any) -> None:
    b, ids = group_book
    v = client_360(b, ids["sub"], today=TODAY, now=NOW)
    assert v.profile.name == "华东能源销售有限公司" and v.profile.group_name == "华东能源集团有限公司"
    # group: root, sub, subsub visible; the other RM's subsidiary is hidden and not summed
    g = v.group
    assert g is not None and g.root_id == ids["root"]
    assert [(m.name, m.depth) for m in g.members] == [("华东能源集团有限公司", 0), ("华东能源销售有限公司", 1),
                                                      ("华东能源(苏州)物流有限公司", 2)]
    assert g.hidden_members == 1
    assert g.holdings_total == D("3000007") and g.loans_total == D("5300000")
    assert g.combined_exposure == D("8300007")
    assert [m.is_current for m in g.members] == [False, True, False]
    # contacts: primary first, next birthday
    assert [c.name for c in v.contacts] == ["陈总", "刘会计"]
    assert v.contacts[0].next_birthday == dt.date(2026, 6, 20) and v.contacts[0].days_to_birthday == 5
    assert v.contacts[1].days_to_birthday == (dt.date(2027, 1, 3) - TODAY).days
    assert [(m.name, m.role_label) for m in v.team] == [("王晓明", "主办客户经理"), ("李娜", "协办客户经理")]
    # holdings: active, not deleted; the one maturing within 90 days is flagged
    assert len(v.holdings) == 3
    assert [h.amount for h in v.maturing_soon] == [D("1000000")]
    assert any(h.is_loan and h.product_name == "流动资金贷款" for h in v.holdings)
    # 12 months of contribution, zero-filled
    c = v.contribution
    assert len(c.months) == 12 and c.months[-1].total == D("350")
    assert (c.deposit_income, c.loan_income, c.fee_income, c.total) == (D("101"), D("200"), D("50"), D("351"))
    # visits: the last five, newest first; the next planned one
    assert [x.agenda for x in v.last_visits] == [f"第{i}次回访" for i in range(1, 6)]
    assert v.next_visit is not None and v.next_visit.planned_at > NOW
    assert [(t.title, t.overdue) for t in v.open_tasks] == [("补充财报", True), ("安排授信", False)]
    assert [o.name for o in v.opportunities] == ["现金管理"]
    assert [(r.title, r.sla_state) for r in v.requests] == [("柜台等候过久", "breached"), ("开立一般户", "due_soon"),
                                                           ("网银开通", "ok")]
    assert v.grade.tier == "core" and v.grade.source in ("grading", "tier")
    doc = to_jsonable(v)  # JSON-ready for the CLI
    assert doc["profile"]["name"] == "华东能源销售有限公司"


def test_client_360_of_a_standalone_client(seeded: Callable[..., Book]) -> None:
    b = seeded("rm")
    cid = add_client(b, name="独立客户有限公司")
    v = client_360(b, cid, today=TODAY, now=NOW)
    assert v.group is None and v.contacts == [] and v.holdings == [] and v.contribution.total == 0
    assert v.requests == [] and v.next_visit is None


def test_client_360_respects_visibility(group_book: Any) -> None:
    b, ids = group_book
    with pytest.raises(NotFound):
        client_360(b, ids["hidden"], today=TODAY)
    with pytest.raises(NotFound):
        client_360(b, "00000000-0000-7000-8000-00000000ffff", today=TODAY)


def test_grade_falls_back_to_tier(group_book: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    b, ids = group_book
    import kamdesk.services.grading as grading

    def broken(*_a: Any, **_k: Any) -> Any:
        raise RuntimeError("no model")

    monkeypatch.setattr(grading, "explain", broken)
    v = client_360(b, ids["root"], today=TODAY, now=NOW)
    assert v.grade.source == "tier" and v.grade.tier_label == "战略"
    monkeypatch.delattr(grading, "explain")
    assert client_360(b, ids["root"], today=TODAY, now=NOW).grade.source == "tier"
