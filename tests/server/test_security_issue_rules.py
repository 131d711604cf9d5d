"""Issue 10, hole 12 at the trust boundary: a modified client that skips the suitability check
and pushes a proposal as `issued` with a product above the client's risk tolerance is refused by
the server until an exception for that product, against the client's current assessment, was
approved by someone else whose role may decide it (raw pushes against the real server)."""
from __future__ import annotations

import datetime as dt

from typing import Any

from kamdesk.common.ids import new_id
from tests.security.redteam import Attacker, as_role


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat()


def _setup(bank: Any) -> tuple[Attacker, dict[str, Any], dict[str, Any]]:
    """The RM, one of his clients with an assessed tolerance below C5, and a product above it."""
    rm = as_role(bank, "rm")
    recs = rm.pull_all()[0]
    client = next(r for r in recs if r["table"] == "clients" and r["fields"].get("owner_id") == rm.user_id
                  and r["fields"].get("risk_tolerance") in ("C1", "C2", "C3", "C4"))
    tol = int(client["fields"]["risk_tolerance"][1])
    product = next(r for r in recs if r["table"] == "products" and int(r["fields"]["risk_level"][1]) > tol)
    return rm, client, product


def _proposal(rm: Attacker, client: dict[str, Any], product: dict[str, Any]) -> str:
    pid = new_id()
    r = rm.push_record("proposals", pid, {
        "client_id": client["id"], "owner_id": rm.user_id, "series_id": pid, "title": "综合金融服务方案",
        "status": "draft", "version": 1, "deleted": False,
        "data": {"lines": [{"product_id": product["id"], "code": product["fields"]["code"], "amount": "1000000"}]}})
    assert r.json()["accepted"] == 1, r.text
    return pid


def _exception(maker: Attacker, client: dict[str, Any], product: dict[str, Any], pid: str,
               *, tolerance: str | None = None) -> str:
    aid = new_id()
    f = client["fields"]
    r = maker.push_record("approvals", aid, {
        "batch_id": aid, "client_id": client["id"], "kind": "suitability_exception", "status": "pending",
        "requester_id": maker.user_id, "requested_at": _now(), "reason": "客户书面确认了解产品风险",
        "product_id": product["id"], "proposal_id": pid, "decided_by": None, "decided_at": None,
        "decision_reason": "", "deleted": False,
        "detail": {"risk_tolerance": tolerance or f["risk_tolerance"], "assessed_on": f.get("risk_assessed_on"),
                   "risk_level": product["fields"]["risk_level"]}})
    assert r.json()["accepted"] == 1, r.text
    return aid


def _decide(who: Attacker, aid: str) -> None:
    r = who.push_record("approvals", aid, {"status": "approved", "decided_by": who.user_id,
                                            "decided_at": _now(), "decision_reason": "同意"})
    assert r.json()["accepted"] == 1, r.text


def _issue(rm: Attacker, pid: str) -> dict[str, Any]:
    return rm.push_record("proposals", pid, {"status": "issued", "issued_at": _now()}).json()


def test_issuing_above_tolerance_without_an_approved_exception_is_refused(bank: Any) -> None:
    rm, client, product = _setup(bank)
    pid = _proposal(rm, client, product)
    out = _issue(rm, pid)
    assert [x["field"] for x in out["rejected"]] == ["status"]
    assert "suitability exception" in out["rejected"][0]["reason"]
    # a pending request does not count, nor one bound to another assessment, nor one the lead approved
    # for a tolerance the client no longer has
    aid = _exception(rm, client, product, pid)
    assert [x["field"] for x in _issue(rm, pid)["rejected"]] == ["status"]
    other = "C5" if client["fields"]["risk_tolerance"] != "C5" else "C4"
    stale = _exception(rm, client, product, pid, tolerance=other)
    _decide(as_role(bank, "team_lead"), stale)
    assert [x["field"] for x in _issue(rm, pid)["rejected"]] == ["status"]
    # approved by the lead against the current assessment: now it issues
    _decide(as_role(bank, "team_lead"), aid)
    assert _issue(rm, pid)["rejected"] == []


def test_a_draft_and_products_within_tolerance_issue_as_before(bank: Any) -> None:
    rm = as_role(bank, "rm")
    recs = rm.pull_all()[0]
    client = next(r for r in recs if r["table"] == "clients" and r["fields"].get("owner_id") == rm.user_id
                  and r["fields"].get("risk_tolerance"))
    tol = int(client["fields"]["risk_tolerance"][1])
    product = next(r for r in recs if r["table"] == "products" and int(r["fields"]["risk_level"][1]) <= tol)
    pid = _proposal(rm, client, product)
    assert _issue(rm, pid)["rejected"] == []
