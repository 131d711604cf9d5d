"""Suitability: tolerance mapping, expired assessment, kind mismatch, audited overrides, permissions."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from kamdesk.common.errors import NotFound, PermissionDenied, ValidationError
from kamdesk.models import Product
from kamdesk.services import approvals, audit, suitability
from kamdesk.services.suitability import BLOCKED_ABOVE, BLOCKED_EXPIRED, BLOCKED_KIND, OK

from tests.conftest import USERS
from tests.services.conftest import add_client, add_users, decide_remotely

TODAY = dt.date(2026, 6, 15)


def _products(book):
    with book.session_scope(applying_remote=True) as s:
        ps = {lvl: Product(code=f"P{lvl}", name=f"产品{lvl}", product_type="wealth", risk_level=lvl, for_kind="any")
              for lvl in ("R1", "R2", "R3", "R4", "R5")}
        ps["corp"] = Product(code="CORP", name="对公结算", product_type="settlement", risk_level="R1", for_kind="corporate")
        s.add_all(ps.values())
        s.flush()
        return {k: p.id for k, p in ps.items()}


def test_tolerance_mapping(book):
    p = _products(book)
    cid = add_client(book, kind="individual", name="张伟", risk_tolerance="C3", risk_assessed_on=dt.date(2026, 1, 10))
    res = suitability.check(book, cid, [p["R1"], p["R3"], p["R4"], p["corp"]], today=TODAY)
    st = {i.product_id: i.status for i in res.items}
    assert st == {p["R1"]: OK, p["R3"]: OK, p["R4"]: BLOCKED_ABOVE, p["corp"]: BLOCKED_KIND}
    assert not res.ok and res.assessment_current and res.valid_until == dt.date(2027, 1, 10)
    assert "R4" in res.item(p["R4"]).reason and "C3" in res.item(p["R4"]).reason
    assert "对公客户" in res.item(p["corp"]).reason


@pytest.mark.parametrize("tol,allowed", [("C1", "R1"), ("C2", "R2"), ("C5", "R5")])
def test_each_level(book, tol, allowed):
    p = _products(book)
    cid = add_client(book, risk_tolerance=tol, risk_assessed_on=TODAY - dt.timedelta(days=1))
    res = suitability.check(book, cid, [p[f"R{i}"] for i in range(1, 6)], today=TODAY)
    assert [i.status == OK for i in res.items] == [int(i.risk_level[1]) <= int(allowed[1]) for i in res.items]


def test_expired_and_missing_assessment(book):
    p = _products(book)
    old = add_client(book, risk_tolerance="C5", risk_assessed_on=TODAY - dt.timedelta(days=365))
    never = add_client(book, risk_tolerance=None)
    r1 = suitability.check(book, old, [p["R1"]], today=TODAY)
    assert r1.items[0].status == BLOCKED_EXPIRED and "过期" in r1.items[0].reason and not r1.assessment_current
    r2 = suitability.check(book, never, [p["R1"]], today=TODAY)
    assert r2.items[0].status == BLOCKED_EXPIRED and "尚未" in r2.items[0].reason


def test_unknown_product_and_invisible_client(book):
    p = _products(book)
    cid = add_client(book, risk_tolerance="C3", risk_assessed_on=TODAY)
    with pytest.raises(NotFound):
        suitability.check(book, cid, [p["R1"], "nope"], today=TODAY)
    other = add_client(book, owner_id=USERS["rm2"].id, risk_tolerance="C3", risk_assessed_on=TODAY)
    with pytest.raises(NotFound):
        suitability.check(book, other, [p["R1"]], today=TODAY)


def test_an_exception_is_a_request_that_counts_only_once_someone_else_approves_it(book):
    """Hole 12: an RM used to record an override himself and it counted at once."""
    p = _products(book)
    cid = add_client(book, risk_tolerance="C2", risk_assessed_on=TODAY)
    with pytest.raises(ValidationError):
        suitability.request_exception(book, cid, p["R4"], "   ", today=TODAY)
    with pytest.raises(ValidationError, match="无需"):
        suitability.request_exception(book, cid, p["R1"], "客户坚持", today=TODAY)
    req = suitability.request_exception(book, cid, p["R4"], "客户书面确认自愿购买", today=TODAY)
    assert req.status == "pending" and req.detail["risk_level"] == "R4" and req.detail["risk_tolerance"] == "C2"
    assert suitability.request_exception(book, cid, p["R4"], "再次申请", today=TODAY).batch_id == req.batch_id
    with book.session_scope() as s:
        ev = audit.events(s, action="approval.request", entity_id=req.batch_id)
        assert len(ev) == 1 and json.loads(ev[0]["detail"])["product_id"] == p["R4"]
    item = suitability.check(book, cid, [p["R4"]], today=TODAY).items[0]
    assert not item.ok and item.pending and not item.overridden
    with pytest.raises(PermissionDenied):  # the requester cannot decide (nor may an RM at all)
        approvals.decide(book, req.batch_id, True, "我自己批准")
    decide_remotely(book, req.batch_id, by="rm")  # a self-approval that somehow arrived: not counted
    assert not suitability.check(book, cid, [p["R4"]], today=TODAY).ok
    decide_remotely(book, req.batch_id, by="team_lead")
    res = suitability.check(book, cid, [p["R4"]], today=TODAY)
    assert res.ok and res.items[0].overridden and res.items[0].status == BLOCKED_ABOVE


def test_a_rejected_exception_keeps_the_block(book):
    p = _products(book)
    cid = add_client(book, risk_tolerance="C2", risk_assessed_on=TODAY)
    req = suitability.request_exception(book, cid, p["R4"], "客户书面确认", today=TODAY)
    decide_remotely(book, req.batch_id, status="rejected", reason="风险过高")
    item = suitability.check(book, cid, [p["R4"]], today=TODAY).items[0]
    assert not item.ok and not item.pending


def test_a_lead_decides_another_users_request_on_the_same_file(make_book):
    lead = make_book("team_lead")
    add_users(lead)
    p = _products(lead)
    cid = add_client(lead, risk_tolerance="C2", risk_assessed_on=TODAY)
    req = suitability.request_exception(lead, cid, p["R4"], "客户书面确认", today=TODAY)
    with pytest.raises(PermissionDenied, match="双人复核"):  # a lead cannot approve his own request either
        approvals.decide(lead, req.batch_id, True, "同意")
    assert [i.batch_id for i in approvals.list_approvals(lead, pending_only=True)] == [req.batch_id]


def test_expired_and_kind_mismatch_cannot_be_overridden(book):
    p = _products(book)
    cid = add_client(book, kind="individual", risk_tolerance="C2", risk_assessed_on=TODAY)
    with pytest.raises(ValidationError, match="不能例外"):
        suitability.request_exception(book, cid, p["corp"], "理由", today=TODAY)
    old = add_client(book, risk_tolerance="C2", risk_assessed_on=dt.date(2020, 1, 1))
    with pytest.raises(ValidationError, match="不能例外"):
        suitability.request_exception(book, old, p["R4"], "理由", today=TODAY)


def test_compliance_officer_may_not_override(make_book):
    co = make_book("compliance_officer")
    p = _products(co)
    cid = add_client(co, risk_tolerance="C1", risk_assessed_on=TODAY)
    assert suitability.check(co, cid, [p["R3"]], today=TODAY).items[0].status == BLOCKED_ABOVE  # may read
    with pytest.raises(PermissionDenied):
        suitability.request_exception(co, cid, p["R3"], "理由", today=TODAY)


def test_a_new_risk_assessment_voids_earlier_overrides(book):
    import datetime as _dt

    from kamdesk.models import Client as _Client
    from kamdesk.models import Product as _Product

    today = _dt.date(2026, 11, 28)
    with book.session_scope(write=True) as s:
        p = _Product(code="RISKY-R5", name="高风险产品", product_type="fund", risk_level="R5")
        c = _Client(kind="corporate", name="覆盖测试公司", owner_id=book.user.id, risk_tolerance="C2",
                    risk_assessed_on=today - _dt.timedelta(days=30))
        s.add_all([p, c])
    req = suitability.request_exception(book, c.id, p.id, "客户书面确认", today=today)
    decide_remotely(book, req.batch_id)
    assert suitability.check(book, c.id, [p.id], today=today).ok
    with book.session_scope(write=True) as s:
        s.get(_Client, c.id).risk_assessed_on = today  # reassessed: the old override no longer applies
    assert not suitability.check(book, c.id, [p.id], today=today).ok
