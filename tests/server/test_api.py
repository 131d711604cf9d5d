"""The sync server over raw HTTP: auth, administration, visibility and field filtering, push rules."""
from __future__ import annotations

import json
import time
from typing import Any

import httpx
import pyotp
import pytest
from sqlalchemy import select, text

from kamdesk.common.hlc import HybridClock
from kamdesk.common.ids import new_id
from kamdesk.security.audit import GENESIS, entry_hash
from kamdesk.security.fieldcrypto import KeyRing, decrypt_value
from kamdesk.server import admin
from kamdesk.server import storage as st
from kamdesk.server.settings import Settings
from kamdesk.sync import keywrap
from kamdesk.sync import protocol as p

API = p.API_PREFIX


def login(srv: Any, users: dict[str, Any], name: str, *, device_id: str | None = None,
          totp: str | None = None) -> tuple[httpx.Client, dict[str, Any], Any]:
    """Sign in over HTTP; without `device_id` this registers a new device (the server issues its id)."""
    priv, pub = keywrap.new_device_key()
    client = httpx.Client(base_url=srv.url + API, timeout=30)
    r = client.post("/auth/login", json={"username": name, "password": users[name]["password"], "totp": totp,
                                         "device_id": device_id, "device_public_key": pub})
    assert r.status_code == 200, r.text
    body = r.json()
    client.headers["Authorization"] = f"Bearer {body['access_token']}"
    return client, body, priv


def pull_all(client: httpx.Client) -> tuple[list[dict[str, Any]], str]:
    """Every page of a first pull; also the raw response text of all pages."""
    since_seq = since_gen = 0
    records: list[dict[str, Any]] = []
    raw = []
    while True:
        r = client.post("/sync/pull", json={"since_seq": since_seq, "since_gen": since_gen, "limit": 100})
        assert r.status_code == 200, r.text
        raw.append(r.text)
        body = r.json()
        records += body["records"]
        since_seq, since_gen = body["next_seq"], body["next_gen"]
        if not body["has_more"]:
            return records, "\n".join(raw)


def server_records(srv: Any, table: str) -> list[Any]:
    with srv.state.store.read() as conn:
        return list(conn.execute(select(st.records).where(st.records.c.tbl == table)))


def test_health_version_and_openapi(bank: Any) -> None:
    srv, _users = bank
    assert httpx.get(srv.url + API + "/health").json()["status"] == "ok"
    v = httpx.get(srv.url + API + "/version").json()
    assert v["protocol"] == p.PROTOCOL_VERSION and v["schema_revision"]
    spec = httpx.get(srv.url + API + "/openapi.json").json()
    assert "/api/v1/sync/push" in spec["paths"] and "PushRequest" in spec["components"]["schemas"]


def test_settings_refuse_default_secret_outside_dev_mode(tmp_path: Any) -> None:
    from kamdesk.common.errors import KamdeskError

    with pytest.raises(KamdeskError):
        Settings.load(data_dir=tmp_path).check()
    with pytest.raises(KamdeskError):  # no TLS on a public address
        Settings.load(data_dir=tmp_path, token_secret="x" * 32, host="0.0.0.0").check()
    Settings.load(data_dir=tmp_path, token_secret="x" * 32).check()
    Settings.load(data_dir=tmp_path, dev_mode=True).check()
    assert "password" not in json.dumps(Settings.load(db_url="postgresql://u:secretpw@h/db").public())
    assert "secretpw" not in json.dumps(Settings.load(db_url="postgresql://u:secretpw@h/db").public())


def test_stored_hash_is_argon2id(bank: Any) -> None:
    srv, _users = bank
    with srv.state.store.read() as conn:
        h = conn.execute(select(st.users.c.password_hash).where(st.users.c.username == "rm11")).scalar()
    assert h.startswith("$argon2id$")


def test_totp_second_factor(bank: Any) -> None:
    srv, users = bank
    with srv.state.store.write() as conn:
        secret = admin.enable_totp(conn, "rm12", master=srv.state.keys.master)
    c = httpx.Client(base_url=srv.url + API)
    base = {"username": "rm12", "password": users["rm12"]["password"]}
    assert c.post("/auth/login", json=base).status_code == 401
    assert c.post("/auth/login", json={**base, "totp": "000000"}).status_code in (401,)
    assert c.post("/auth/login", json={**base, "totp": pyotp.TOTP(secret).now()}).status_code == 200


def test_refresh_and_logout_end_the_devices_tokens(bank: Any) -> None:
    srv, users = bank
    client, body, _priv = login(srv, users, "rm11")
    assert client.get("/auth/me").json()["username"] == "rm11"
    r = client.post("/auth/refresh", json={"refresh_token": body["refresh_token"]})
    assert r.status_code == 200
    assert client.post("/auth/refresh", json={"refresh_token": body["refresh_token"]}).status_code == 401  # single use
    client.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
    assert client.post("/auth/logout").status_code == 204
    assert client.get("/auth/me").status_code == 401
    assert client.post("/auth/refresh", json={"refresh_token": r.json()["refresh_token"]}).status_code == 401


def test_device_bound_to_one_user(bank: Any) -> None:
    srv, users = bank
    _c, body, _priv = login(srv, users, "rm11")
    dev = body["device_id"]
    r = httpx.post(srv.url + API + "/auth/login", json={"username": "rm12", "password": users["rm12"]["password"],
                                                        "device_id": dev})
    assert r.status_code == 401 and r.json()["code"] == "device_mismatch"


def test_admin_api_and_admin_never_receives_client_data(bank: Any) -> None:
    srv, users = bank
    client, _body, _priv = login(srv, users, "admin")
    assert {u["username"] for u in client.get("/admin/users").json()} >= {"rm11", "lead1", "admin"}
    r = client.post("/admin/users", json={"username": "newrm", "role": "rm", "team": "公司业务一部"})
    assert r.status_code == 202 and r.json()["approval"]["kind"] == "user.create"  # maker-checker
    second, _b2, _p2 = login(srv, users, "admin2")
    done = second.post(f"/admin/approvals/{r.json()['approval']['id']}/approve", json={})
    assert done.status_code == 200 and done.json()["user"]["team_name"] == "公司业务一部"
    assert client.post("/admin/users", json={"username": "x", "role": "king"}).status_code == 422
    assert client.post("/admin/keys/C2-ID/rotate").json()["version"] == 2
    assert client.get("/keys").json()["keys"] == []  # no class keys for administrators
    # administrators do not sync at all (no `sync` action; security review 8)
    assert client.post("/sync/pull", json={"since_seq": 0, "since_gen": 0}).status_code == 403
    assert client.get("/sync/checksums").status_code == 403
    rm, _b, _p = login(srv, users, "rm11")
    assert rm.get("/admin/users").status_code == 403
    assert client.post("/admin/users/rm12/deactivate").status_code == 204
    r = httpx.post(srv.url + API + "/auth/login", json={"username": "rm12", "password": users["rm12"]["password"]})
    assert r.status_code == 403 and r.json()["wipe"] is True  # deactivated: told to wipe (security review 4)
    assert client.post("/admin/users/rm12/activate").status_code == 204
    login(srv, users, "rm12")
    assert rm.post("/admin/clients/reassign", json={"client_id": new_id(), "owner": "rm12"}).status_code == 403


def test_rm_raw_responses_hold_only_own_book(bank: Any) -> None:
    srv, users = bank
    client, _body, _priv = login(srv, users, "rm11")
    records, raw = pull_all(client)
    clients = [r for r in records if r["table"] == "clients"]
    assert clients and all(r["fields"]["owner_id"] == users["rm11"]["id"] for r in clients)
    own = {r["id"] for r in clients}
    others = [r for r in server_records(srv, "clients") if r.record_id not in own]
    assert others
    for other in others:  # no id, no name of anybody else's client anywhere in the raw responses
        assert other.record_id not in raw and other.fields["name"] not in json.loads(json.dumps(raw))
    assert all(r["fields"]["client_id"] in own for r in records if r["table"] in ("contacts", "contributions"))
    # an RM holds both C2 domains: ciphertext and blind index arrive
    assert all(r["fields"]["credit_code_ct"] and r["fields"]["credit_code_bi"] for r in clients)


def test_risk_and_compliance_get_only_their_c2_classes(bank: Any) -> None:
    srv, users = bank
    risk, rb, priv = login(srv, users, "risk1")
    keys = risk.get("/keys").json()["keys"]
    assert {k["domain"] for k in keys} == {"C2-FIN"}
    records, raw = pull_all(risk)
    clients = [r for r in records if r["table"] == "clients"]
    assert len(clients) == 12  # the branch's corporate clients
    for r in clients:
        f = r["fields"]
        assert "credit_code_ct" not in f and "credit_code_bi" not in f and "phone_ct" not in f
        assert f["credit_code_mask"] and f["net_worth_ct"]
    contacts = [r for r in records if r["table"] == "contacts"]
    assert contacts and all("phone_ct" not in r["fields"] and r["fields"]["phone_mask"] for r in contacts)
    comp, _b, _p = login(srv, users, "compliance1")
    assert comp.get("/keys").json()["keys"] == []
    records, raw = pull_all(comp)
    assert len([r for r in records if r["table"] == "clients"]) == 12
    assert all(v is None for r in records for k, v in r["fields"].items() if k.endswith(("_ct", "_bi")))
    assert any(r["fields"].get("credit_code_mask") for r in records)
    # the class keys a role lacks never travel: the wrapped keys unwrap only for this device
    fin = keywrap.unwrap_on_device(p.WrappedKey(**keys[0]), priv, rb["device_id"])
    assert fin.domain == "C2-FIN"


def test_server_db_holds_c2_only_as_ciphertext(any_bank: Any) -> None:
    import os

    srv, users = any_bank
    with srv.state.store.read() as conn:
        ring: KeyRing = srv.state.keys.keyring(conn)
        dump = "\n".join(str(v) for row in conn.execute(text("SELECT * FROM records")) for v in row)
    rows = server_records(srv, "clients")
    raw = b""
    if srv.settings.db_url.startswith("sqlite:///"):
        db_path = srv.settings.db_url.removeprefix("sqlite:///")
        raw = b"".join(open(db_path + s, "rb").read() for s in ("", "-wal") if os.path.exists(db_path + s))
    for row in rows[:5]:
        code = decrypt_value(ring, p.decode_bytes(row.fields["credit_code_ct"]), table="clients",
                             column="credit_code_ct", record_id=row.record_id)
        assert len(code) == 18
        assert code not in dump and code.encode() not in raw
        assert "credit_code" not in row.fields and row.fields["credit_code_mask"].endswith("*" * 10)


def _change(table: str, rid: str, clock: HybridClock, base_seq: int | None = None, **fields: Any) -> dict[str, Any]:
    stamp = clock.now()
    return {"table": table, "id": rid, "fields": fields, "stamps": {k: stamp for k in fields}, "base_seq": base_seq}


def test_push_checks_every_field_and_applies_the_rest(bank: Any) -> None:
    srv, users = bank
    client, body, _priv = login(srv, users, "rm11")
    clock = HybridClock(body["device_id"].replace("-", ""))
    own = next(r for r in server_records(srv, "clients") if r.fields["owner_id"] == users["rm11"]["id"])
    other = next(r for r in server_records(srv, "clients") if r.fields["owner_id"] != users["rm11"]["id"])
    key = new_id()
    req = {"idempotency_key": key, "changes": [
        _change("clients", own.record_id, clock, own.seq, notes="新备注", tier="strategic", credit_limit_ct=None),
        _change("clients", other.record_id, clock, other.seq, notes="越权修改"),
        _change("products", new_id(), clock, None, code="X", name="私自上架"),
        _change("contacts", new_id(), clock, None, client_id=other.record_id, name="越权联系人"),
        _change("clients", own.record_id, clock, own.seq, phone_ct="plaintext-13800138000"),
    ]}
    r = client.post("/sync/push", json=req).json()
    assert r["accepted"] == 1
    reasons = {(x["id"], x["field"]): x["reason"] for x in r["rejected"]}
    assert reasons[(own.record_id, "tier")] == "field is read-only for role rm"
    assert reasons[(own.record_id, "credit_limit_ct")] == "field is read-only for role rm"
    assert reasons[(other.record_id, "notes")] == "record is outside your book"
    assert reasons[(own.record_id, "phone_ct")] == "C2 field must be ciphertext"
    assert any(v == "no write permission on products" for v in reasons.values())
    assert len(reasons) == 8  # every rejected field is named (products and contacts: two each)
    row = next(x for x in server_records(srv, "clients") if x.record_id == own.record_id)
    assert row.fields["notes"] == "新备注" and row.fields["tier"] == own.fields["tier"]
    # the same batch again is answered from the record, not applied twice
    seq = row.seq
    again = client.post("/sync/push", json=req).json()
    assert again["replayed"] and again["accepted"] == 1
    assert next(x for x in server_records(srv, "clients") if x.record_id == own.record_id).seq == seq


def test_concurrent_field_edits_become_a_conflict_for_both_devices(bank: Any) -> None:
    srv, users = bank
    d1, b1, _ = login(srv, users, "rm11")
    d2, b2, _ = login(srv, users, "lead1")
    c1, c2 = HybridClock(b1["device_id"].replace("-", "")), HybridClock(b2["device_id"].replace("-", ""))
    own = next(r for r in server_records(srv, "clients") if r.fields["owner_id"] == users["rm11"]["id"])
    e1 = _change("clients", own.record_id, c1, own.seq, notes="一号设备")
    e2 = _change("clients", own.record_id, c2, own.seq, notes="二号设备")
    assert d1.post("/sync/push", json={"idempotency_key": new_id(), "changes": [e1]}).json()["conflicts"] == []
    r2 = d2.post("/sync/push", json={"idempotency_key": new_id(), "changes": [e2]}).json()
    assert len(r2["conflicts"]) == 1
    conflict = r2["conflicts"][0]
    assert {conflict["winner_value"], conflict["loser_value"]} == {"一号设备", "二号设备"}
    seq = gen = 0
    seen = []
    while True:  # the other device receives the conflict with its next pull
        page = d1.post("/sync/pull", json={"since_seq": seq, "since_gen": gen}).json()
        seen += [c["id"] for c in page["conflicts"]]
        seq, gen = page["next_seq"], page["next_gen"]
        if not page["has_more"]:
            break
    assert seen == [conflict["id"]]


def test_audit_chain_checked_on_arrival(bank: Any) -> None:
    srv, users = bank
    client, body, _ = login(srv, users, "rm11")
    dev, uid = body["device_id"], body["user"]["id"]

    def entry(seq: int, prev: str, action: str) -> dict[str, Any]:
        e = {"seq": seq, "id": new_id(), "at": "2026-11-28T10:00:00.000000Z", "actor_id": uid, "device_id": dev,
             "action": action, "entity": "clients", "entity_id": "", "detail": "{}"}
        return {**e, "prev_hash": prev, "hash": entry_hash(prev, e)}

    e1 = entry(1, GENESIS, "reveal")
    e2 = entry(2, e1["hash"], "export")
    r = client.post("/sync/push", json={"idempotency_key": new_id(), "audit": [e1, e2]}).json()
    assert r["audit_error"] is None and r["audit_accepted"] == 2
    bad = entry(3, e2["hash"], "print")
    bad["action"] = "nothing-to-see"  # tampered after hashing
    r = client.post("/sync/push", json={"idempotency_key": new_id(), "audit": [bad]}).json()
    assert r["audit_error"]
    gap = entry(5, e2["hash"], "print")
    assert client.post("/sync/push", json={"idempotency_key": new_id(), "audit": [gap]}).json()["audit_error"]
    with srv.state.store.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_events")).scalar() == 2
    assert client.get("/audit/events").status_code == 403  # an RM does not read the whole log
    comp, _b, _p = login(srv, users, "compliance1")
    events = comp.get("/audit/events").json()
    assert [e["action"] for e in events] == ["export", "reveal"]
    assert comp.get("/audit/verify").json() == [{"device_id": dev, "ok": True, "checked": 2, "first_bad_seq": None,
                                                 "problem": ""}]
    with srv.state.store.write() as conn:  # tampering in the server database is detected too
        conn.execute(text("UPDATE audit_events SET action = 'nothing' WHERE seq = 1"))
    report = comp.get("/audit/verify").json()[0]
    assert not report["ok"] and report["first_bad_seq"] == 1


def test_key_rotation_keeps_old_versions(bank: Any) -> None:
    srv, users = bank
    with srv.state.store.write() as conn:
        assert admin.rotate_key(conn, srv.state.keys, "C2-FIN") == 2
    client, body, priv = login(srv, users, "rm11")
    keys = [keywrap.unwrap_on_device(p.WrappedKey(**k), priv, body["device_id"]) for k in client.get("/keys").json()["keys"]]
    assert sorted((k.domain, k.version) for k in keys) == [("C2-FIN", 1), ("C2-FIN", 2), ("C2-ID", 1)]
    fin = {k.version: k for k in keys if k.domain == "C2-FIN"}
    assert fin[1].index_key == fin[2].index_key and fin[1].key != fin[2].key  # blind indexes stay stable
    # a key wrapped for one device does not open on another
    other_priv, _pub = keywrap.new_device_key()
    with pytest.raises(Exception):
        keywrap.unwrap_on_device(p.WrappedKey(**client.get("/keys").json()["keys"][0]), other_priv, body["device_id"])


def test_cli_add_user_and_demo(tmp_path: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from kamdesk.server.cli import main

    db = f"sqlite:///{tmp_path / 'srv.db'}"
    monkeypatch.setenv("KAMDESK_SERVER_DATA_DIR", str(tmp_path))
    assert main(["admin", "demo", "--clients", "5", "--seed", "2", "--db", db, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["clients"] == 5 and {u["role"] for u in out["users"]} >= {"rm", "team_lead", "risk_officer", "admin"}
    assert all(len(u["password"]) >= 8 for u in out["users"])
    admin = next(u for u in out["users"] if u["role"] == "admin")
    monkeypatch.setenv("KAMDESK_ADMIN_PASSWORD", admin["password"])
    assert main(["admin", "add-user", "zhang", "--role", "rm", "--team", "公司业务一部", "--as", admin["username"],
                 "--db", db]) == 0
    assert admin["password"] not in capsys.readouterr().out
    assert main(["admin", "approvals", "list", "--db", db, "--json"]) == 0
    assert "zhang" in capsys.readouterr().out
    assert main(["admin", "add-user", "li", "--role", "boss", "--db", db]) != 0
    assert main(["admin", "reassign", new_id(), "zhang", "--db", db]) == 4
    assert main(["serve", "--db", db, "--port", "1"]) != 0  # refuses the default secret outside --dev
    time.sleep(0)
