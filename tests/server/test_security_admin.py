"""Security review, finding 1: an administrator must not be able to reach client C2 data."""
from __future__ import annotations

from typing import Any

import httpx

from kamdesk.sync import keywrap
from kamdesk.sync import protocol as p
from tests.server.test_api import API, login, server_records


def test_admin_cannot_reassign_a_client_but_a_team_lead_can_within_the_team(bank: Any) -> None:
    srv, users = bank
    adm, _b, _p = login(srv, users, "admin")
    victim = next(r for r in server_records(srv, "clients") if r.fields["owner_id"] == users["rm11"]["id"])
    aid = adm.post("/admin/users", json={"username": "mole", "role": "rm"}).json()["approval"]["id"]
    second, _b2, _p2 = login(srv, users, "admin2")
    assert second.post(f"/admin/approvals/{aid}/approve", json={}).status_code == 200
    r = adm.post("/admin/clients/reassign", json={"client_id": victim.record_id, "owner": "mole"})
    assert r.status_code == 403
    row = next(x for x in server_records(srv, "clients") if x.record_id == victim.record_id)
    assert row.fields["owner_id"] == users["rm11"]["id"]
    lead, _lb, _lp = login(srv, users, "lead1")
    # not to someone outside the lead's team
    assert lead.post("/admin/clients/reassign", json={"client_id": victim.record_id, "owner": "mole"}).status_code == 403
    assert lead.post("/admin/clients/reassign", json={"client_id": victim.record_id, "owner": "rm12"}).status_code == 204
    row = next(x for x in server_records(srv, "clients") if x.record_id == victim.record_id)
    assert row.fields["owner_id"] == users["rm12"]["id"]


def test_reset_ends_sessions_and_the_same_device_re_registers_after_the_users_enrolment(bank: Any) -> None:
    srv, users = bank
    rm, rb, _priv = login(srv, users, "rm12")
    assert rm.get("/keys").status_code == 200
    adm, _b, _p = login(srv, users, "admin")
    second, _b2, _p2 = login(srv, users, "admin2")
    aid = adm.post("/admin/users/rm12/reset", json={}).json()["approval"]["id"]
    secret = second.post(f"/admin/approvals/{aid}/approve", json={}).json()["enrolment"]["enrolment_secret"]
    assert rm.get("/keys").status_code == 401  # the old session is gone
    r = httpx.post(srv.url + API + "/auth/enrol", json={"username": "rm12", "enrolment_secret": secret,
                                                         "new_password": "mine-again-1"})
    assert r.status_code == 204
    users["rm12"] = {**users["rm12"], "password": "mine-again-1"}
    # the same device signs in again with a fresh key: re-registered, not wiped, keys at once
    again, ab, apriv = login(srv, users, "rm12", device_id=rb["device_id"])
    assert ab["user"]["must_change_password"] is False
    keys = again.get("/keys").json()["keys"]
    assert keys and keywrap.unwrap_on_device(p.WrappedKey(**keys[0]), apriv, rb["device_id"])
