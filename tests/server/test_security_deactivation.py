"""Security review, finding 4: a deactivated user's devices are told to wipe."""
from __future__ import annotations

from typing import Any

import httpx

from kamdesk.server import admin
from tests.server.test_api import API, login


def _wipe(r: httpx.Response) -> bool:
    return r.status_code == 403 and r.json().get("wipe") is True


def test_deactivation_revokes_devices_and_every_entry_point_answers_wipe(bank: Any) -> None:
    srv, users = bank
    rm, rb, _ = login(srv, users, "rm11")
    _rm2, rb2, _ = login(srv, users, "rm11")
    adm, _b, _ = login(srv, users, "admin")
    assert adm.post("/admin/users/rm11/deactivate").status_code == 204
    assert all(d["revoked"] for d in adm.get("/admin/devices", params={"user": "rm11"}).json())
    assert _wipe(httpx.post(srv.url + API + "/auth/refresh",
                            json={"refresh_token": rb2["refresh_token"], "device_id": rb2["device_id"]}))
    r = httpx.post(srv.url + API + "/auth/login", json={"username": "rm11", "password": users["rm11"]["password"],
                                                         "device_id": rb["device_id"]})
    assert _wipe(r)
    # a wrong password learns nothing about the account's state
    r = httpx.post(srv.url + API + "/auth/login", json={"username": "rm11", "password": "not-the-password",
                                                         "device_id": rb["device_id"]})
    assert r.status_code == 401 and r.json()["wipe"] is False


def test_inactive_user_with_a_live_token_is_told_to_wipe(bank: Any) -> None:
    """Deactivation through the table alone (no device revocation): authenticate and refresh check
    the user's state themselves."""
    srv, users = bank
    rm, rb, _ = login(srv, users, "rm11")
    from sqlalchemy import update

    from kamdesk.server import storage as st
    with srv.state.store.write() as conn:
        conn.execute(update(st.users).where(st.users.c.username == "rm11").values(active=False))
    assert _wipe(rm.post("/sync/pull", json={"since_seq": 0, "since_gen": 0}))
    assert _wipe(httpx.post(srv.url + API + "/auth/refresh",
                            json={"refresh_token": rb["refresh_token"], "device_id": rb["device_id"]}))


def test_cli_deactivation_revokes_devices_too(bank: Any) -> None:
    srv, users = bank
    rm, rb, _ = login(srv, users, "rm12")
    with srv.state.store.write() as conn:
        admin.set_active(conn, "rm12", False)
    assert rm.post("/sync/pull", json={"since_seq": 0, "since_gen": 0}).status_code == 401  # sessions ended
    # the client's refresh names its device: it learns it must wipe
    assert _wipe(httpx.post(srv.url + API + "/auth/refresh",
                            json={"refresh_token": rb["refresh_token"], "device_id": rb["device_id"]}))
