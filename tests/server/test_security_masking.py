"""Security review, finding 5: roles without the book see individual clients' names masked."""
from __future__ import annotations

from typing import Any

from kamdesk.common.hlc import HybridClock
from kamdesk.common.ids import new_id
from kamdesk.security.policy import default_policy
from tests.server.test_api import login, pull_all


def test_policy_declares_which_roles_mask_individual_names() -> None:
    pol = default_policy()
    assert pol.masks_individual_names("compliance_officer") and pol.masks_individual_names("risk_officer")
    assert not pol.masks_individual_names("rm") and not pol.masks_individual_names("team_lead")


def test_compliance_receives_individuals_masked_without_address_or_birthday(bank: Any) -> None:
    srv, users = bank
    rm, rb, _ = login(srv, users, "rm11")
    stamp = HybridClock(rb["device_id"].replace("-", "")).now()
    cid = new_id()
    f = {"kind": "individual", "name": "欧阳娜娜", "short_name": "欧阳娜娜", "owner_id": users["rm11"]["id"],
         "branch": "上海分行", "address": "上海市浦东新区秘藏路77号", "established_on": "1990-01-01", "deleted": False}
    r = rm.post("/sync/push", json={"idempotency_key": new_id(), "changes": [
        {"table": "clients", "id": cid, "fields": f, "stamps": {k: stamp for k in f}, "base_seq": None}]}).json()
    assert r["accepted"] == 1 and r["rejected"] == [], r
    comp, _b, _ = login(srv, users, "compliance1")
    recs, raw = pull_all(comp)
    c = next(x for x in recs if x["id"] == cid)
    assert c["fields"]["name"] == "欧阳**" and c["fields"]["short_name"] == "欧阳**"
    assert "address" not in c["fields"] and "established_on" not in c["fields"]
    assert "欧阳娜娜" not in raw
    assert "秘藏路77号" not in raw
    # corporate clients keep their names; the RM still sees everything
    assert any(x["table"] == "clients" and x["fields"].get("kind") == "corporate"
               and "*" not in x["fields"]["name"] for x in recs)
    mine, _raw = pull_all(rm)
    c = next(x for x in mine if x["id"] == cid)
    assert c["fields"]["name"] == "欧阳娜娜" and c["fields"]["address"] == "上海市浦东新区秘藏路77号"
