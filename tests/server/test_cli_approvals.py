"""`kamdesk-server admin approvals` and the maker-checker rule on the command line: the acting
administrator is named with --as and proved by their password; the maker never approves their
own request; only the bootstrap of the first two administrators is possible without --as."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kamdesk.server import enrolment
from kamdesk.server.cli import main
from kamdesk.server.settings import Settings
from kamdesk.server.storage import Store

ADMIN_PW = "KAMDESK_ADMIN_PASSWORD"


def _json(capsys: pytest.CaptureFixture[str]) -> Any:
    return json.loads(capsys.readouterr().out)


def _enrol(db: str, username: str, secret: str, password: str) -> bool:
    store = Store.open(db)
    try:
        with store.write() as conn:
            return enrolment.enrol(conn, username, secret, password)
    finally:
        store.close()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    """A fresh server database with two enrolled administrators, boss and checker (bootstrap)."""
    url = f"sqlite:///{tmp_path / 'srv.db'}"
    monkeypatch.setenv("KAMDESK_SERVER_DATA_DIR", str(tmp_path))
    for name in ("boss", "checker"):
        assert main(["admin", "add-user", name, "--role", "admin", "--db", url, "--json"]) == 0
        out = _json(capsys)
        assert out["status"] == "done"
        assert _enrol(url, name, out["enrolment"]["enrolment_secret"], f"{name}-own-password")
    return url


def test_bootstrap_ends_after_two_administrators_and_nothing_else_is_direct(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["admin", "add-user", "third", "--role", "admin", "--db", db]) != 0
    assert main(["admin", "add-user", "zhang", "--role", "rm", "--team", "公司业务一部", "--db", db]) != 0
    assert "--as" in capsys.readouterr().err
    assert main(["admin", "users", "--db", db, "--json"]) == 0
    assert {u["username"] for u in _json(capsys)} == {"boss", "checker"}


def test_cli_request_approve_reject_and_the_maker_cannot_approve(
        db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(ADMIN_PW, "boss-own-password")
    assert main(["admin", "add-user", "zhang", "--role", "rm", "--team", "公司业务一部", "--as", "boss",
                 "--reason", "new joiner", "--db", db, "--json"]) == 0
    pending = _json(capsys)
    assert pending["status"] == "pending" and pending["enrolment"] is None
    aid = pending["approval"]["id"]
    # the maker, with their own valid password, cannot approve
    assert main(["admin", "approvals", "approve", aid, "--as", "boss", "--db", db]) != 0
    assert "双人复核" in capsys.readouterr().err
    # naming the other administrator without their password does not work either
    assert main(["admin", "approvals", "approve", aid, "--as", "checker", "--db", db]) != 0
    # nor without --as at all
    assert main(["admin", "approvals", "approve", aid, "--db", db]) != 0
    capsys.readouterr()
    assert main(["admin", "approvals", "list", "--status", "pending", "--db", db, "--json"]) == 0
    listed = _json(capsys)
    assert [(a["id"], a["requested_by"], a["reason"]) for a in listed] == [(aid, "boss", "new joiner")]

    monkeypatch.setenv(ADMIN_PW, "checker-own-password")
    assert main(["admin", "approvals", "approve", aid, "--as", "checker", "--db", db, "--json"]) == 0
    done = _json(capsys)
    assert done["approval"]["decided_by"] == "checker" and done["user"]["username"] == "zhang"
    secret = done["enrolment"]["enrolment_secret"]
    assert _enrol(db, "zhang", secret, "zhang-own-password")
    assert not _enrol(db, "zhang", secret, "again-password-1")  # single use

    # a reset of zhang, rejected with a reason (the reason is required)
    assert main(["admin", "reset-password", "zhang", "--as", "checker", "--db", db, "--json"]) == 0
    rid = _json(capsys)["approval"]["id"]
    monkeypatch.setenv(ADMIN_PW, "boss-own-password")
    with pytest.raises(SystemExit):
        main(["admin", "approvals", "reject", rid, "--as", "boss", "--db", db])
    assert main(["admin", "approvals", "reject", rid, "--as", "boss", "--reason", "not asked by the user",
                 "--db", db]) == 0
    capsys.readouterr()
    assert main(["admin", "approvals", "approve", rid, "--as", "checker", "--db", db]) != 0  # decided
    assert main(["admin", "approvals", "list", "--db", db, "--json"]) == 0
    statuses = {a["id"]: (a["status"], a["decided_by"]) for a in _json(capsys)}
    assert statuses == {aid: ("approved", "checker"), rid: ("rejected", "boss")}


def test_cli_actions_are_in_the_hash_chained_admin_log(db: str, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from kamdesk.security.audit import GENESIS, verify_chain
    from kamdesk.server import storage as st

    monkeypatch.setenv(ADMIN_PW, "boss-own-password")
    assert main(["admin", "set-role", "checker", "rm", "--as", "boss", "--db", db, "--json"]) == 0
    aid = _json(capsys)["approval"]["id"]
    monkeypatch.setenv(ADMIN_PW, "checker-own-password")
    assert main(["admin", "approvals", "approve", aid, "--as", "checker", "--db", db]) != 0  # their own account
    store = Store.open(Settings.load(db_url=db).db_url)
    try:
        with store.read() as conn:
            rows = [st.admin_log_entry(r) for r in conn.execute(st.admin_log.select().order_by(st.admin_log.c.id))]
    finally:
        store.close()
    assert verify_chain(rows, start_prev=GENESIS, start_seq=rows[0]["seq"]).ok
    assert ("approval.request", "boss") in [(r["action"], r["actor_id"]) for r in rows]


def test_the_operator_identity_cannot_be_taken_as_a_user_name(db: str, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(ADMIN_PW, "boss-own-password")
    for name in ("cli", "demo"):  # an administrator named "cli" would act as the bootstrap operator
        assert main(["admin", "add-user", name, "--role", "admin", "--as", "boss", "--db", db]) != 0
    assert "用户名已存在" in capsys.readouterr().err


def test_an_administrator_with_totp_proves_it_on_the_command_line(
        db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """--as checks the acting administrator's TOTP as a login does: missing or wrong refused, a
    code used once is not accepted again."""
    import pyotp

    assert main(["admin", "enable-totp", "checker", "--db", db, "--json"]) == 0
    secret = _json(capsys)["result"]
    monkeypatch.setenv(ADMIN_PW, "boss-own-password")
    assert main(["admin", "add-user", "zhang", "--role", "rm", "--team", "公司业务一部", "--as", "boss",
                 "--reason", "new joiner", "--db", db, "--json"]) == 0
    aid = _json(capsys)["approval"]["id"]
    monkeypatch.setenv(ADMIN_PW, "checker-own-password")
    monkeypatch.delenv("KAMDESK_ADMIN_TOTP", raising=False)
    assert main(["admin", "approvals", "approve", aid, "--as", "checker", "--db", db]) != 0  # no code
    assert "KAMDESK_ADMIN_TOTP" in capsys.readouterr().err
    monkeypatch.setenv("KAMDESK_ADMIN_TOTP", "000000" if pyotp.TOTP(secret).now() != "000000" else "111111")
    assert main(["admin", "approvals", "approve", aid, "--as", "checker", "--db", db]) != 0  # wrong code
    monkeypatch.setenv("KAMDESK_ADMIN_TOTP", pyotp.TOTP(secret).now())
    assert main(["admin", "approvals", "approve", aid, "--as", "checker", "--db", db, "--json"]) == 0
    assert _json(capsys)["approval"]["decided_by"] == "checker"
