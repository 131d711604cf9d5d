"""Security review, finding 1: an administrator must not be able to reach client C2 data."""
from __future__ import annotations

from typing import Any

from kamdesk.sync import keywrap
from kamdesk.sync import protocol as p
from tests.server.test_api import login, server_records


def test_admin_cannot_reassign_a_client_but_a_team_lead_can_within_the_team(bank: Any) -> None:
    srv, users = bank
    adm, _b, _p = login(srv, users, "admin")
    victim = next(r for r in server_records(srv, "clients") if r.fields["owner_id"] == users["rm11"]["id"])
    assert adm.post("/admin/users", json={"username": "mole", "role": "rm", "password": "mole-password-1"}).status_code == 201
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


def test_admin_password_reset_ends_sessions_and_withholds_keys_until_the_user_sets_a_password(bank: Any) -> None:
    srv, users = bank
    rm, rb, _priv = login(srv, users, "rm12")
    assert rm.get("/keys").status_code == 200
    adm, _b, _p = login(srv, users, "admin")
    assert adm.post("/admin/users/rm12/password", json={"password": "taken-over-1"}).status_code == 204
    assert rm.get("/keys").status_code == 401  # the old session is gone
    users["rm12"] = {**users["rm12"], "password": "taken-over-1"}
    # the same device signs in again with a fresh key: re-registered, not wiped
    again, ab, apriv = login(srv, users, "rm12", device_id=rb["device_id"])
    assert ab["user"]["must_change_password"] is True
    r = again.get("/keys")
    assert r.status_code == 403 and r.json()["wipe"] is False
    assert again.post("/auth/password", json={"old_password": "wrong-one-1", "new_password": "mine-again-1"}).status_code == 401
    assert again.post("/auth/password", json={"old_password": "taken-over-1",
                                              "new_password": "mine-again-1"}).status_code == 204
    keys = again.get("/keys").json()["keys"]
    assert keys and keywrap.unwrap_on_device(p.WrappedKey(**keys[0]), apriv, rb["device_id"])
    assert again.get("/auth/me").json()["must_change_password"] is False
