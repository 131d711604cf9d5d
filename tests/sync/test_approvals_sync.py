"""Hole 12 through the real server: a suitability exception filed on an RM's device is decided on
the team lead's device and syncs back; the server refuses a decision written by the requester or
by a role without the decide action, a request filed already approved, and a request edited after
filing (raw pushes, as a tampered client would send them)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from kamdesk.common.errors import PermissionDenied
from kamdesk.common.hlc import HybridClock
from kamdesk.common.ids import new_id
from kamdesk.models import Approval, Client, Product
from kamdesk.services import approvals, proposals, suitability
from tests.server.test_api import login, server_records

TODAY = dt.date.today()


def _risky_setup(book: Any) -> tuple[str, str]:
    """One of the RM's corporate clients assessed C2 today, and the R4 fund of the demo shelf."""
    with book.session_scope(write=True) as s:
        c = s.scalars(select(Client).where(Client.owner_id == book.user.id, Client.kind == "corporate")
                      .order_by(Client.id)).first()
        c.risk_tolerance, c.risk_assessed_on = "C2", TODAY
        fund = s.scalars(select(Product).where(Product.risk_level == "R4")).first()
        return c.id, fund.id


def _rejections(res: Any, table: str = "approvals") -> dict[str, str]:
    return {r.field: r.reason for r in res.rejected if r.table == table}


def test_exception_filed_offline_is_decided_on_the_leads_device_and_syncs_back(bank: Any, connect: Any,
                                                                               sync: Any) -> None:
    srv, users = bank
    rm = connect(srv, users, "rm11", "rm.kdb")
    lead = connect(srv, users, "lead1", "lead.kdb")
    cid, fund = _risky_setup(rm)
    info = proposals.create(rm, cid, [proposals.LineInput(fund, Decimal("500000"), "客户要求")], today=TODAY)
    req = suitability.request_exception(rm, cid, fund, "客户书面确认自愿购买", proposal_id=info.id, today=TODAY)
    assert sync(rm).rejected == []

    sync(lead)
    pending = approvals.list_approvals(lead, pending_only=True)
    mine = next(i for i in pending if i.batch_id == req.batch_id)
    assert mine.can_decide and mine.detail["risk_level"] == "R4" and mine.requester_id == rm.user.id
    approvals.decide(lead, req.batch_id, True, "客户已书面确认，同意")
    assert sync(lead).rejected == []

    assert not suitability.check(rm, cid, [fund], today=TODAY).ok  # not yet synced back
    sync(rm)
    assert suitability.check(rm, cid, [fund], today=TODAY).ok
    assert approvals.get(rm, req.batch_id).status == "approved"
    assert proposals.issue(rm, info.id, today=TODAY).status == "issued"
    stored = next(r for r in server_records(srv, "approvals") if r.record_id == _row_id(rm, req.batch_id))
    assert stored.fields["status"] == "approved" and stored.fields["decided_by"] == lead.user.id


def _row_id(book: Any, batch_id: str) -> str:
    with book.session_scope() as s:
        return s.scalars(select(Approval.id).where(Approval.batch_id == batch_id)).one()


def test_the_requester_cannot_approve_through_a_tampered_client(bank: Any, connect: Any, sync: Any) -> None:
    srv, users = bank
    rm = connect(srv, users, "rm11", "rm.kdb")
    cid, fund = _risky_setup(rm)
    req = suitability.request_exception(rm, cid, fund, "客户书面确认自愿购买", today=TODAY)
    sync(rm)
    # the RM's own file says "approved" (as a tampered client would write it): the server refuses
    with rm.session_scope(write=True) as s:
        a = s.scalars(select(Approval).where(Approval.batch_id == req.batch_id)).one()
        a.status, a.decided_by, a.decision_reason = "approved", rm.user.id, "我自己批准"
        a.decided_at = dt.datetime(2026, 12, 1, 10, 0)
    res = sync(rm)
    assert set(_rejections(res)) == {"status", "decided_by", "decided_at", "decision_reason"}
    assert "may not decide" in _rejections(res)["status"]
    stored = next(r for r in server_records(srv, "approvals") if r.record_id == _row_id(rm, req.batch_id))
    assert stored.fields["status"] == "pending" and not stored.fields.get("decided_by")
    with pytest.raises(PermissionDenied):
        approvals.decide(rm, req.batch_id, True, "我自己批准")


def _push(srv: Any, users: dict[str, Any], who: str, record_id: str, fields: dict[str, Any], base_seq: int = 0) -> Any:
    client, body, _priv = login(srv, users, who)
    clock = HybridClock(body["device_id"].replace("-", ""))
    change = {"table": "approvals", "id": record_id, "fields": fields,
              "stamps": {k: clock.now() for k in fields}, "base_seq": base_seq}
    r = client.post("/sync/push", json={"idempotency_key": new_id(), "changes": [change], "audit": []})
    assert r.status_code == 200, r.text
    return {x["field"]: x["reason"] for x in r.json()["rejected"]}, body["user"]["id"]


def test_raw_pushes_that_break_maker_checker_are_refused(bank: Any) -> None:
    srv, users = bank
    own = next(r for r in server_records(srv, "clients") if r.fields["owner_id"] == users["rm11"]["id"])
    rid = new_id()
    request = {"kind": "suitability_exception", "batch_id": new_id(), "client_id": own.record_id,
               "requester_id": users["rm11"]["id"], "requested_at": dt.datetime.now(dt.UTC).isoformat(), "reason": "客户书面确认",
               "product_id": new_id(), "proposal_id": None, "detail": {"risk_level": "R4", "risk_tolerance": "C2"}}
    decision = {"decided_by": users["rm11"]["id"], "decided_at": dt.datetime.now(dt.UTC).isoformat(), "decision_reason": "自批"}
    # filed already approved by the requester: the decision fields are refused
    rejected, _uid = _push(srv, users, "rm11", rid, {**request, "status": "approved", **decision})
    assert set(rejected) == {"status", "decided_by", "decided_at", "decision_reason"}
    # filed in someone else's name: refused whole
    other = new_id()
    rejected, _uid = _push(srv, users, "rm11", other, {**request, "requester_id": users["lead1"]["id"],
                                                       "status": "pending"})
    assert "requester_id" in rejected
    # a proper request
    good = new_id()
    rejected, _uid = _push(srv, users, "rm11", good, {**request, "status": "pending", "decision_reason": ""})
    assert rejected == {}
    # a compliance officer may decide exports, not suitability exceptions
    rejected, _uid = _push(srv, users, "compliance1", good, {"status": "approved", **{
        **decision, "decided_by": users["compliance1"]["id"]}})
    assert "may not decide" in rejected["status"]
    # the lead decides, naming someone else as the decider: refused; naming himself: accepted
    rejected, _uid = _push(srv, users, "lead1", good, {"status": "approved", **decision})
    assert "decided_by" in rejected
    rejected, _uid = _push(srv, users, "lead1", good, {"status": "approved", **{
        **decision, "decided_by": users["lead1"]["id"], "decision_reason": "同意"}})
    assert rejected == {}
    # decided once: neither a second decision nor an edit of the request passes
    rejected, _uid = _push(srv, users, "lead1", good, {"status": "rejected"})
    assert "already decided" in rejected["status"]
    rejected, _uid = _push(srv, users, "rm11", good, {"reason": "改过的理由"})
    assert "cannot be changed" in rejected["reason"]
    stored = next(r for r in server_records(srv, "approvals") if r.record_id == good)
    assert stored.fields["status"] == "approved" and stored.fields["decided_by"] == users["lead1"]["id"]
    assert not [r for r in server_records(srv, "approvals") if r.record_id == rid and r.fields.get("status")]


def test_bulk_export_request_is_approved_by_compliance_on_her_device(bank: Any, connect: Any, sync: Any,
                                                                    tmp_path: Any) -> None:
    from kamdesk.services import clearexport

    srv, users = bank
    lead = connect(srv, users, "lead1", "lead.kdb")
    comp = connect(srv, users, "compliance1", "comp.kdb")
    with lead.session_scope() as s:
        ids = list(s.scalars(select(Client.id).where(Client.team_id == lead.user.team_id).order_by(Client.id).limit(2)))
    req = approvals.request_bulk_export(lead, "年度客户资料核对", client_ids=ids)
    assert sync(lead).rejected == []
    sync(comp)
    seen = next(i for i in approvals.list_approvals(comp, pending_only=True) if i.batch_id == req.batch_id)
    assert seen.can_decide and len(seen.client_ids) == 2
    approvals.decide(comp, req.batch_id, True, "核对必要，同意")
    assert sync(comp).rejected == []
    with pytest.raises(PermissionDenied):
        clearexport.export_clients_clear(lead, req.batch_id, tmp_path / "x.xlsx")  # not synced yet
    sync(lead)
    res = clearexport.export_clients_clear(lead, req.batch_id, tmp_path / "x.xlsx")
    assert res.rows == 2 and res.password
