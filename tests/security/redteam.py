"""A small red-team harness: act as an outside caller against the real server over raw HTTP.

Other regression tests reuse it:

    from tests.security.redteam import Attacker, as_role
    rm = as_role(bank, "rm")                       # logs in rm11 with a fresh device
    r = rm.push_record("clients", cid, {"name": "x"})
    recs, raw = rm.pull_all()

Nothing here goes through the client engine: every request is what an attacker could send.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

from kamdesk.common.hlc import HybridClock
from kamdesk.common.ids import new_id
from kamdesk.security.fieldcrypto import KeyRing
from kamdesk.sync import keywrap
from kamdesk.sync import protocol as p

API = p.API_PREFIX

# the seeded demo user (kamdesk.server.demo.seed) that plays each policy role
ROLE_USERS = {"rm": "rm11", "team_lead": "lead1", "risk_officer": "risk1", "compliance_officer": "compliance1",
              "admin": "admin"}
ROLES = tuple(ROLE_USERS)


@dataclass
class Attacker:
    """A logged-in device of one user: raw push/pull helpers and the keys it received."""

    http: httpx.Client
    username: str
    user: dict[str, Any]
    device_id: str
    private_key: Any
    login_body: dict[str, Any] = field(repr=False, default_factory=dict)

    @property
    def role(self) -> str:
        return str(self.login_body["user"]["role"])

    @property
    def user_id(self) -> str:
        return str(self.login_body["user"]["id"])

    @property
    def team_id(self) -> str | None:
        return self.login_body["user"].get("team_id")

    @property
    def token(self) -> str:
        return str(self.login_body["access_token"])

    def stamp(self) -> str:
        """A fresh, well-formed HLC stamp carrying this device's own tag."""
        return HybridClock(self.device_id.replace("-", "")).now()

    # -- push ----------------------------------------------------------------------------------
    def push(self, changes: list[dict[str, Any]], *, audit: list[dict[str, Any]] | None = None,
             idempotency_key: str | None = None) -> httpx.Response:
        return self.http.post("/sync/push", json={"idempotency_key": idempotency_key or new_id(),
                                                  "changes": changes, "audit": audit or []})

    def push_record(self, table: str, record_id: str, fields: dict[str, Any], *, base_seq: int | None = None,
                    stamp: str | None = None) -> httpx.Response:
        """One record's fields, each stamped now (or with `stamp`)."""
        s = stamp or self.stamp()
        return self.push([{"table": table, "id": record_id, "fields": fields, "stamps": {k: s for k in fields},
                           "base_seq": base_seq}])

    # -- pull ----------------------------------------------------------------------------------
    def pull_raw(self, since_seq: Any = 0, since_gen: Any = 0, limit: Any = 100, **extra: Any) -> httpx.Response:
        return self.http.post("/sync/pull", json={"since_seq": since_seq, "since_gen": since_gen, "limit": limit,
                                                  **extra})

    def pull_all(self) -> tuple[list[dict[str, Any]], str]:
        """Every page from the start: the records (and conflicts as records of table `$conflict`)
        and the raw text of all pages."""
        since_seq = since_gen = 0
        records: list[dict[str, Any]] = []
        raw: list[str] = []
        while True:
            r = self.pull_raw(since_seq, since_gen, 500)
            if r.status_code != 200:
                raise AssertionError(f"pull as {self.username}: HTTP {r.status_code}")
            raw.append(r.text)
            body = r.json()
            records += body["records"]
            records += [{"table": "$conflict", "id": c["id"], "fields": c, "stamps": {}, "seq": c.get("seq", 0)}
                        for c in body.get("conflicts", [])]
            since_seq, since_gen = body["next_seq"], body["next_gen"]
            if not body["has_more"]:
                return records, "\n".join(raw)

    def record(self, table: str, record_id: str) -> dict[str, Any] | None:
        """The record as this user receives it (None: not delivered)."""
        recs, _raw = self.pull_all()
        return next((r for r in recs if r["table"] == table and r["id"] == record_id), None)

    # -- keys ----------------------------------------------------------------------------------
    def keyring(self) -> KeyRing:
        r = self.http.get("/keys")
        if r.status_code != 200:
            return KeyRing()
        return KeyRing([keywrap.unwrap_on_device(p.WrappedKey(**k), self.private_key, self.device_id)
                        for k in r.json()["keys"]])

    def close(self) -> None:
        self.http.close()


def login(srv: Any, users: dict[str, Any], username: str, *, device_id: str | None = None,
          password: str | None = None) -> Attacker:
    """Log `username` in with a new device key; the device id the server answers is the one used."""
    priv, pub = keywrap.new_device_key()
    http = httpx.Client(base_url=srv.url + API, timeout=30)
    body_in = {"username": username, "password": password or users[username]["password"],
               "device_public_key": pub, "device_name": f"redteam-{username}"}
    if device_id:  # a registered device signing in again (the server issues new devices' ids)
        body_in["device_id"] = device_id
    r = http.post("/auth/login", json=body_in)
    if r.status_code != 200:
        http.close()
        raise AssertionError(f"login {username}: HTTP {r.status_code} {r.json().get('code')}")
    body = r.json()
    http.headers["Authorization"] = f"Bearer {body['access_token']}"
    return Attacker(http, username, users[username], body["device_id"], priv, body)


def as_role(bank: tuple[Any, dict[str, Any]], role: str) -> Attacker:
    """Log in the seeded user who plays `role` (see ROLE_USERS)."""
    srv, users = bank
    return login(srv, users, ROLE_USERS[role])


def client_of(attacker: Attacker) -> dict[str, Any]:
    """Some client record this user receives (the first in seq order)."""
    recs, _raw = attacker.pull_all()
    return next(r for r in recs if r["table"] == "clients")
