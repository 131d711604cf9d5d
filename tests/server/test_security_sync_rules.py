"""Security review, finding 8: sync needs the `sync` action, TOTP codes are single-use, and a push
with a broken audit chain is refused whole."""
from __future__ import annotations

import time
from typing import Any

import httpx
import pyotp

from kamdesk.common.hlc import HybridClock
from kamdesk.common.ids import new_id
from kamdesk.security.audit import GENESIS, entry_hash
from kamdesk.server import admin
from tests.server.test_api import API, login, server_records


def test_pull_and_checksums_need_the_sync_action(bank: Any) -> None:
    srv, users = bank
    adm, _b, _p = login(srv, users, "admin")
    r = adm.post("/sync/pull", json={"since_seq": 0, "since_gen": 0})
    assert r.status_code == 403 and r.json()["code"] == "forbidden"
    assert adm.get("/sync/checksums").status_code == 403
    rm, _rb, _ = login(srv, users, "rm11")
    assert rm.post("/sync/pull", json={"since_seq": 0, "since_gen": 0}).status_code == 200
    assert rm.get("/sync/checksums").status_code == 200


def test_a_totp_code_is_accepted_once(bank: Any) -> None:
    srv, users = bank
    with srv.state.store.write() as conn:
        secret = admin.enable_totp(conn, "rm12", master=srv.state.keys.master)
    totp = pyotp.TOTP(secret)
    # wait for a fresh step if this one is about to end (the next step's code would then differ)
    if totp.interval - time.time() % totp.interval < 3:
        time.sleep(4)
    code = totp.now()
    base = {"username": "rm12", "password": users["rm12"]["password"], "totp": code}
    assert httpx.post(srv.url + API + "/auth/login", json=base).status_code == 200
    r = httpx.post(srv.url + API + "/auth/login", json=base)
    assert r.status_code == 401
    # nor a code of an earlier step still inside the skew window
    prev = totp.at(time.time() - totp.interval)
    assert httpx.post(srv.url + API + "/auth/login", json={**base, "totp": prev}).status_code == 401


def test_a_push_with_a_broken_audit_chain_commits_nothing(bank: Any) -> None:
    srv, users = bank
    client, body, _ = login(srv, users, "rm11")
    dev, uid = body["device_id"], body["user"]["id"]
    e = {"seq": 1, "id": new_id(), "at": "2026-11-28T10:00:00.000000Z", "actor_id": uid, "device_id": dev,
         "action": "reveal", "entity": "clients", "entity_id": "", "detail": "{}"}
    bad = {**e, "prev_hash": GENESIS, "hash": entry_hash(GENESIS, e)}
    bad["action"] = "nothing-to-see"  # tampered after hashing
    own = next(r for r in server_records(srv, "clients") if r.fields["owner_id"] == users["rm11"]["id"])
    stamp = HybridClock(dev.replace("-", "")).now()
    change = {"table": "clients", "id": own.record_id, "fields": {"notes": "with a forged log"},
              "stamps": {"notes": stamp}, "base_seq": own.seq}
    r = client.post("/sync/push", json={"idempotency_key": new_id(), "changes": [change], "audit": [bad]})
    assert r.status_code == 409 and r.json()["code"] == "audit_chain_broken"
    row = next(x for x in server_records(srv, "clients") if x.record_id == own.record_id)
    assert row.fields.get("notes") != "with a forged log"
    # with the chain repaired the same change goes through
    good = {**e, "prev_hash": GENESIS, "hash": entry_hash(GENESIS, e)}
    r = client.post("/sync/push", json={"idempotency_key": new_id(), "changes": [change], "audit": [good]}).json()
    assert r["accepted"] == 1 and r["audit_error"] is None, r
