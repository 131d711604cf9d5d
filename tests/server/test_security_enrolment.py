"""Issue 10, hole 2: administrators must not obtain client data. An administrator never chooses a
password (new and reset accounts get a one-time enrolment secret only the user turns into a
password), and creating, elevating or resetting an account that reaches client data, or changing
a team lead, waits for a second administrator (maker-checker, recorded in the admin log).
Everything here is raw HTTP against the real server, as an attacker would send it."""
from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import update

from kamdesk.common.ids import new_id
from kamdesk.server import storage as st
from kamdesk.sync import keywrap
from kamdesk.sync import protocol as p
from tests.server.test_api import API, login, pull_all, server_records


def _raw_login(srv: Any, username: str, password: str) -> httpx.Response:
    _priv, pub = keywrap.new_device_key()
    return httpx.post(srv.url + API + "/auth/login", json={"username": username, "password": password,
                                                            "device_public_key": pub})


def _enrol(srv: Any, username: str, secret: str, password: str) -> httpx.Response:
    return httpx.post(srv.url + API + "/auth/enrol", json={"username": username, "enrolment_secret": secret,
                                                            "new_password": password})


def _client_names(srv: Any) -> list[str]:
    return [r.fields["name"] for r in server_records(srv, "clients")]


def test_admin_creating_a_team_lead_with_a_chosen_password_gets_no_account_no_keys_no_clients(any_bank: Any) -> None:
    srv, users = any_bank
    adm, _b, _p = login(srv, users, "admin")
    r = adm.post("/admin/users", json={"username": "mole", "role": "team_lead", "team": "公司业务一部",
                                       "password": "mole-password-1"})
    assert r.status_code == 202, r.text  # a request, not an account
    body = r.json()
    assert body["status"] == "pending" and body["user"] is None and body["enrolment"] is None
    assert body["approval"]["requested_by"] == "admin" and body["approval"]["kind"] == "user.create"
    login_try = _raw_login(srv, "mole", "mole-password-1")
    assert login_try.status_code == 401
    assert "mole" not in {u["username"] for u in adm.get("/admin/users").json()}
    teams = {t["name"]: t for t in adm.get("/admin/teams").json()}
    assert teams["公司业务一部"]["lead_id"] == users["lead1"]["id"]  # the team lead did not change
    # the administrator's own session never reaches the book or the keys
    assert adm.get("/keys").json()["keys"] == []
    assert adm.post("/sync/pull", json={"since_seq": 0, "since_gen": 0}).status_code == 403
    assert not any(name in r.text + login_try.text for name in _client_names(srv))


def test_admin_reset_then_signing_in_as_the_user_fails(any_bank: Any) -> None:
    srv, users = any_bank
    rm, _rb, _rp = login(srv, users, "rm12")
    assert rm.get("/keys").status_code == 200
    adm, _b, _p = login(srv, users, "admin")
    # the old documented path that let the administrator choose the password is gone
    assert adm.post("/admin/users/rm12/password", json={"password": "taken-over-1"}).status_code in (404, 405)
    assert _raw_login(srv, "rm12", "taken-over-1").status_code == 401
    r = adm.post("/admin/users/rm12/reset", json={"reason": "forgot password"})
    assert r.status_code == 202 and r.json()["enrolment"] is None
    assert rm.get("/keys").status_code == 200  # nothing happened yet
    second, _b2, _p2 = login(srv, users, "admin2")
    done = second.post(f"/admin/approvals/{r.json()['approval']['id']}/approve", json={"reason": "called the user"})
    assert done.status_code == 200, done.text
    secret = done.json()["enrolment"]["enrolment_secret"]
    assert rm.get("/keys").status_code == 401  # the user's sessions ended
    # neither the old password, nor the secret, nor anything else signs in before the user enrols
    for password in (users["rm12"]["password"], secret, "taken-over-1"):
        assert _raw_login(srv, "rm12", password).status_code == 401
    assert _enrol(srv, "rm12", secret, "the-users-own-pw").status_code == 204
    own, ob, opriv = login(srv, {"rm12": {"password": "the-users-own-pw"}}, "rm12")
    keys = own.get("/keys").json()["keys"]
    assert keys and keywrap.unwrap_on_device(p.WrappedKey(**keys[0]), opriv, ob["device_id"])


def test_maker_cannot_approve_and_only_the_enrolled_user_reads_the_book(any_bank: Any) -> None:
    srv, users = any_bank
    adm, _b, _p = login(srv, users, "admin")
    second, _b2, _p2 = login(srv, users, "admin2")
    r = adm.post("/admin/users", json={"username": "newrm", "role": "rm", "team": "公司业务一部",
                                       "reason": "new joiner"})
    aid = r.json()["approval"]["id"]
    assert adm.post(f"/admin/approvals/{aid}/approve", json={}).status_code == 403  # not their own
    listed = {a["id"]: a for a in second.get("/admin/approvals", params={"status": "pending"}).json()}
    assert listed[aid]["requested_by"] == "admin" and listed[aid]["reason"] == "new joiner"
    done = second.post(f"/admin/approvals/{aid}/approve", json={})
    assert done.status_code == 200
    out = done.json()
    assert out["approval"]["status"] == "approved" and out["approval"]["decided_by"] == "admin2"
    assert out["user"]["must_change_password"] is True
    secret = out["enrolment"]["enrolment_secret"]
    assert second.post(f"/admin/approvals/{aid}/approve", json={}).status_code == 409  # once only
    # the approving administrator holds the secret but no password: signing in with it fails
    assert _raw_login(srv, "newrm", secret).status_code == 401
    # wrong secret and unknown user give one answer; a too-short password keeps the secret valid
    wrong, unknown = _enrol(srv, "newrm", "x" * 32, "good-password-1"), _enrol(srv, "nobody", secret, "good-pw-123")
    assert wrong.status_code == unknown.status_code == 401 and wrong.json() == unknown.json()
    assert _enrol(srv, "newrm", secret, "short").status_code in (400, 422)
    assert _enrol(srv, "newrm", secret, "newrm-own-password").status_code == 204
    assert _enrol(srv, "newrm", secret, "another-password-1").status_code == 401  # single use
    rm, _rb, _rp = login(srv, {"newrm": {"password": "newrm-own-password"}}, "newrm")
    assert rm.get("/keys").json()["keys"]
    pull_all(rm)
    # the administrators never received client data in any response
    texts = r.text + done.text + second.get("/admin/approvals").text + adm.get("/admin/users").text
    assert not any(name in texts for name in _client_names(srv))
    # the admin log shows who asked, who approved, and the enrolment -- never the secret
    comp, _cb, _cp = login(srv, users, "compliance1")
    log = comp.get("/audit/admin-log").json()
    assert log["chain"]["ok"] is True
    actions = [(e["action"], e["actor_id"]) for e in log["entries"]]
    assert ("approval.request", "admin") in actions and ("approval.approve", "admin2") in actions
    assert ("user.enrol", "newrm") in actions
    assert secret not in str(log)


def test_role_elevation_and_team_lead_change_wait_for_a_second_admin(bank: Any) -> None:
    srv, users = bank
    adm, _b, _p = login(srv, users, "admin")
    second, _b2, _p2 = login(srv, users, "admin2")
    r = adm.post("/admin/users/rm11/role", json={"role": "team_lead", "reason": "promotion"})
    assert r.status_code == 202
    assert adm.post(f"/admin/approvals/{r.json()['approval']['id']}/approve", json={}).status_code == 403

    def role(name: str) -> str:
        return next(u["role"] for u in adm.get("/admin/users").json() if u["username"] == name)

    assert role("rm11") == "rm"
    assert second.post(f"/admin/approvals/{r.json()['approval']['id']}/approve", json={}).status_code == 200
    assert role("rm11") == "team_lead"

    lead = adm.post("/admin/teams/公司业务一部/lead", json={"user": "rm11", "reason": "new lead"})
    assert lead.status_code == 202
    lid = lead.json()["approval"]["id"]
    assert second.post(f"/admin/approvals/{lid}/reject", json={"reason": ""}).status_code == 422  # needs a reason
    rej = second.post(f"/admin/approvals/{lid}/reject", json={"reason": "not yet"})
    assert rej.status_code == 200 and rej.json()["status"] == "rejected"
    assert second.post(f"/admin/approvals/{lid}/approve", json={}).status_code == 409
    teams = {t["name"]: t for t in adm.get("/admin/teams").json()}
    assert teams["公司业务一部"]["lead_id"] == users["lead1"]["id"]
    lid = adm.post("/admin/teams/公司业务一部/lead", json={"user": "rm11"}).json()["approval"]["id"]
    assert second.post(f"/admin/approvals/{lid}/approve", json={}).status_code == 200
    teams = {t["name"]: t for t in adm.get("/admin/teams").json()}
    assert teams["公司业务一部"]["lead_id"] == users["rm11"]["id"]


def test_no_one_approves_an_action_on_their_own_account_and_requests_expire(bank: Any) -> None:
    srv, users = bank
    adm, _b, _p = login(srv, users, "admin")
    second, _b2, _p2 = login(srv, users, "admin2")
    # admin asks to reset admin2 (who would receive their own secret and so a second identity)
    aid = adm.post("/admin/users/admin2/reset", json={}).json()["approval"]["id"]
    assert second.post(f"/admin/approvals/{aid}/approve", json={}).status_code == 403
    # an expired request is refused and listed as expired
    old = adm.post("/admin/users/rm13/reset", json={}).json()["approval"]["id"]
    with srv.state.store.write() as conn:
        conn.execute(update(st.approvals).where(st.approvals.c.id == old).values(expires_at=1.0))
    assert second.post(f"/admin/approvals/{old}/approve", json={}).status_code == 409
    assert {a["id"]: a["status"] for a in second.get("/admin/approvals").json()}[old] == "expired"
    assert _raw_login(srv, "rm13", users["rm13"]["password"]).status_code == 200  # nothing was reset
    # an expired enrolment secret does not enrol
    aid = adm.post("/admin/users/rm13/reset", json={}).json()["approval"]["id"]
    secret = second.post(f"/admin/approvals/{aid}/approve", json={}).json()["enrolment"]["enrolment_secret"]
    with srv.state.store.write() as conn:
        conn.execute(update(st.enrolments).values(expires_at=1.0))
    assert _enrol(srv, "rm13", secret, "rm13-own-password").status_code == 401
    # non-administrators cannot see or decide requests
    rm, _rb, _rp = login(srv, users, "rm11")
    assert rm.get("/admin/approvals").status_code == 403
    assert rm.post(f"/admin/approvals/{aid}/approve", json={}).status_code == 403


def test_wrong_secrets_spend_the_secret_and_are_throttled_per_source(bank: Any) -> None:
    from kamdesk.server import approvals, enrolment

    srv, _users = bank
    policy = srv.state.policy
    with srv.state.store.write() as conn:
        aid = approvals.reset_user(conn, policy, "rm12", actor="admin").approval.id
        secret = approvals.approve(conn, policy, aid, actor="admin2").enrolment.enrolment_secret
    for _ in range(enrolment.MAX_FAILURES):
        with srv.state.store.write() as conn:
            assert enrolment.enrol(conn, "rm12", "guess-" + new_id(), "rm12-own-password") is False
    with srv.state.store.write() as conn:  # spent: the right secret no longer works
        assert enrolment.enrol(conn, "rm12", secret, "rm12-own-password") is False
    # over HTTP the attempts are throttled like logins (counters in the database): from the
    # threshold on, 429 with Retry-After and no secret check, whatever the secret
    limit = srv.state.settings.login_failures_per_source_account
    for _ in range(limit):
        assert _enrol(srv, "rm12", "guess-" + new_id(), "rm12-own-password").status_code == 401
    r = _enrol(srv, "rm12", secret, "rm12-own-password")
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
