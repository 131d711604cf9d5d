"""Security review, finding 2: a device's registered key and a refresh token stay bound to the device."""
from __future__ import annotations

from typing import Any

import httpx

from kamdesk.common.ids import new_id
from kamdesk.sync import keywrap
from kamdesk.sync import protocol as p
from tests.server.test_api import API, login


def test_login_with_another_public_key_for_a_registered_device_is_refused(bank: Any) -> None:
    srv, users = bank
    legit, lb, legit_priv = login(srv, users, "rm11")
    dev = lb["device_id"]
    _evil_priv, evil_pub = keywrap.new_device_key()
    r = httpx.post(srv.url + API + "/auth/login", json={"username": "rm11", "password": users["rm11"]["password"],
                                                         "device_id": dev, "device_public_key": evil_pub})
    assert r.status_code == 403 and r.json()["code"] == "device_key_mismatch" and r.json()["wipe"] is False
    # the legitimate device still unwraps its keys
    wrapped = legit.get("/keys").json()["keys"][0]
    assert keywrap.unwrap_on_device(p.WrappedKey(**wrapped), legit_priv, dev)
    # signing in again with its own key still works
    r = httpx.post(srv.url + API + "/auth/login", json={"username": "rm11", "password": users["rm11"]["password"],
                                                         "device_id": dev,
                                                         "device_public_key": keywrap.public_b64(legit_priv)})
    assert r.status_code == 200


def test_refresh_with_another_device_id_is_refused(bank: Any) -> None:
    srv, users = bank
    _a, ab, _ = login(srv, users, "rm11")
    r = httpx.post(srv.url + API + "/auth/refresh", json={"refresh_token": ab["refresh_token"], "device_id": new_id()})
    assert r.status_code == 401 and r.json()["code"] == "device_mismatch"
    r = httpx.post(srv.url + API + "/auth/refresh", json={"refresh_token": ab["refresh_token"],
                                                           "device_id": ab["device_id"]})
    assert r.status_code == 200 and r.json()["device_id"] == ab["device_id"]
