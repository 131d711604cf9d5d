"""Issue 10, holes 1 (login side), 5 and 10: server-issued device ids, login throttling that
neither enumerates users nor locks anyone out, password changes throttled and ending the other
sessions. Every attack is made over raw HTTP against the real server."""
from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from kamdesk.common.ids import new_id
from kamdesk.server import auth as server_auth
from kamdesk.server import storage as st
from kamdesk.server.app import build_state
from kamdesk.server.testing import run_server
from kamdesk.sync import keywrap
from tests.server.test_api import API, login

WRONG = "wrong-password-1"


def _post_login(srv: Any, body: dict[str, Any], *, source: str = "127.0.0.1") -> httpx.Response:
    with httpx.Client(base_url=srv.url + API, transport=httpx.HTTPTransport(local_address=source),
                      timeout=60) as c:
        return c.post("/auth/login", json=body)


@contextmanager
def counted_password_checks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Count the real Argon2 checks the (in-process) server makes."""
    calls: list[int] = []
    real = server_auth.verify_password
    lock = threading.Lock()

    def counting(stored: str, password: str) -> bool:
        with lock:
            calls.append(1)
        return real(stored, password)

    monkeypatch.setattr(server_auth, "verify_password", counting)
    yield calls


def _device_ids(srv: Any, user_id: str) -> set[str]:
    with srv.state.store.read() as conn:
        return set(conn.scalars(select(st.devices.c.id).where(st.devices.c.user_id == user_id)))


# -- hole 1: device ids are issued by the server -----------------------------------------------------

def test_login_naming_a_device_id_not_registered_to_the_user_is_refused(bank: Any) -> None:
    srv, users = bank
    _victim, vb, _ = login(srv, users, "rm11")
    victim_dev = vb["device_id"]
    _pk, pub = keywrap.new_device_key()
    rm12 = {"username": "rm12", "password": users["rm12"]["password"], "device_public_key": pub}
    before = _device_ids(srv, users["rm12"]["id"])
    # another user's device tag (the id without dashes), the id itself, and an id nobody issued
    for chosen in (victim_dev.replace("-", ""), victim_dev, new_id(), "made-up"):
        r = _post_login(srv, {**rm12, "device_id": chosen})
        assert r.status_code == 401 and r.json()["code"] == "device_mismatch", (chosen, r.text)
        assert "access_token" not in r.json()
    assert _device_ids(srv, users["rm12"]["id"]) == before  # nothing registered on the client's word
    with srv.state.store.read() as conn:
        assert conn.execute(select(st.devices.c.user_id).where(st.devices.c.id == victim_dev)).scalar() == \
            users["rm11"]["id"]


def test_registrations_get_distinct_server_issued_uuid7_ids(bank: Any) -> None:
    srv, users = bank
    issued: list[str] = []
    lock = threading.Lock()

    def register(i: int) -> None:  # from distinct sources: in-flight attempts count on their (account, source)
        _pk, pub = keywrap.new_device_key()
        r = _post_login(srv, {"username": "rm11", "password": users["rm11"]["password"], "device_public_key": pub},
                        source=f"127.0.0.{10 + i}")
        with lock:
            issued.append(r.json()["device_id"] if r.status_code == 200 else r.text)

    threads = [threading.Thread(target=register, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(issued) == 8 and len(set(issued)) == 8
    assert all(uuid.UUID(d).version == 7 for d in issued)
    assert set(issued) <= _device_ids(srv, users["rm11"]["id"])
    # a registered id signs in again as that device (no new registration)
    c, body, _ = login(srv, users, "rm11")
    again = _post_login(srv, {"username": "rm11", "password": users["rm11"]["password"],
                              "device_id": body["device_id"]})
    assert again.status_code == 200 and again.json()["device_id"] == body["device_id"]


# -- hole 5: no enumeration, no lockout anyone can trigger, atomic counting, shared counters -----------

def test_unknown_and_existing_users_get_the_same_answers(bank: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    srv, _users = bank
    threshold = srv.settings.login_failures_per_source_account
    answers: dict[str, list[tuple[int, str, str]]] = {}
    checks: dict[str, int] = {}
    with counted_password_checks(monkeypatch) as calls:
        for name in ("rm11", "nobody-here"):
            seen = []
            before = len(calls)
            for _ in range(threshold + 2):
                r = _post_login(srv, {"username": name, "password": WRONG, "device_id": new_id()})
                body = r.json()
                seen.append((r.status_code, body["code"], body["message"] if r.status_code == 401 else ""))
            answers[name] = seen
            checks[name] = len(calls) - before
    # one real Argon2 check per admitted attempt, known user or not (the same time either way)
    assert checks == {"rm11": threshold, "nobody-here": threshold}
    assert answers["rm11"] == answers["nobody-here"]
    assert [s for s, _c, _m in answers["rm11"]] == [401] * threshold + [429, 429]
    assert 423 not in [s for s, _c, _m in answers["rm11"]]


def test_failures_from_one_source_do_not_stop_the_user_from_another(bank: Any) -> None:
    srv, users = bank
    for _ in range(srv.settings.login_failures_per_source_account):
        assert _post_login(srv, {"username": "rm11", "password": WRONG, "device_id": new_id()}).status_code == 401
    r = _post_login(srv, {"username": "rm11", "password": users["rm11"]["password"], "device_id": new_id()})
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1  # the failing source waits
    ok = _post_login(srv, {"username": "rm11", "password": users["rm11"]["password"]}, source="127.0.0.2")
    assert ok.status_code == 200, ok.text


def test_parallel_guesses_get_at_most_the_threshold_of_password_checks(
        any_bank: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    srv, _users = any_bank
    threshold = srv.settings.login_failures_per_source_account
    statuses: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(20)

    def guess(i: int) -> None:
        start.wait()
        r = _post_login(srv, {"username": "rm11", "password": f"guess-{i:04d}", "device_id": new_id()})
        with lock:
            statuses.append(r.status_code)

    with counted_password_checks(monkeypatch) as calls:
        threads = [threading.Thread(target=guess, args=(i,)) for i in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert len(calls) <= threshold
    assert len(statuses) == 20 and set(statuses) <= {401, 429} and statuses.count(401) == len(calls)


def test_counters_are_shared_by_two_server_instances(any_bank: Any) -> None:
    srv, users = any_bank
    second_settings = replace(srv.settings, port=0)
    with run_server(second_settings, state=build_state(second_settings)) as srv2:
        for i in range(srv.settings.login_failures_per_source_account):
            target = srv if i % 2 else srv2
            assert _post_login(target, {"username": "rm12", "password": WRONG, "device_id": new_id()}).status_code == 401
        for target in (srv, srv2):
            r = _post_login(target, {"username": "rm12", "password": users["rm12"]["password"], "device_id": new_id()})
            assert r.status_code == 429 and r.json()["code"] == "rate_limited"


# -- hole 10: password change ----------------------------------------------------------------------

def test_password_change_is_throttled_and_ends_the_other_devices_sessions(bank: Any) -> None:
    srv, users = bank
    a, ab, _ = login(srv, users, "rm11")
    b, bb, _ = login(srv, users, "rm11")
    threshold = srv.settings.login_failures_per_source_account
    new_password = "a-new-password-1"
    codes = [a.post("/auth/password", json={"old_password": f"guess-{i}", "new_password": new_password}).status_code
             for i in range(threshold + 1)]
    assert codes == [401] * threshold + [429]
    # the counter is the login's: a login from that source now waits too
    assert _post_login(srv, {"username": "rm11", "password": users["rm11"]["password"]}).status_code == 429
    assert a.get("/auth/me").status_code == 200 and b.get("/auth/me").status_code == 200  # nothing changed yet

    # from another source (the throttled one waits), the right old password changes it
    a2 = httpx.Client(base_url=srv.url + API, transport=httpx.HTTPTransport(local_address="127.0.0.2"),
                      headers=dict(a.headers), timeout=60)
    r = a2.post("/auth/password", json={"old_password": users["rm11"]["password"], "new_password": new_password})
    assert r.status_code == 204, r.text
    assert a.get("/auth/me").status_code == 200  # this device keeps its session
    assert a.post("/auth/refresh", json={"refresh_token": ab["refresh_token"],
                                         "device_id": ab["device_id"]}).status_code == 200
    assert b.get("/auth/me").status_code == 401  # every other device signs in again
    assert b.post("/auth/refresh", json={"refresh_token": bb["refresh_token"],
                                         "device_id": bb["device_id"]}).status_code == 401
    again = _post_login(srv, {"username": "rm11", "password": new_password, "device_id": bb["device_id"]},
                        source="127.0.0.2")
    assert again.status_code == 200
