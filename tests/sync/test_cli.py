"""`kamdesk sync` and `kamdesk sync status` against a real server."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kamdesk.cli import main


def test_sync_cli_first_run_then_rounds_and_status(bank: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    srv, users = bank
    path = tmp_path / "rm11.kdb"
    monkeypatch.setenv("KAMDESK_PASSPHRASE", "test-passphrase-1")
    monkeypatch.setenv("KAMDESK_PASSWORD", users["rm11"]["password"])
    assert main(["sync", "--file", str(path), "--server", srv.url, "--user", "rm11"]) == 0
    assert path.exists()
    capsys.readouterr()
    assert main(["sync", "--file", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["pushed"] == 0 and out["rejected"] == []
    assert main(["sync", "status", "--file", str(path), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["user"] == "rm11" and status["pending_changes"] == 0 and status["last_round"]
    assert users["rm11"]["password"] not in json.dumps(status)
    assert main(["sync", "status", "--file", str(path)]) == 0
    assert "rm11" in capsys.readouterr().out
    # plain HTTP to a non-loopback host is refused in one line
    assert main(["sync", "--file", str(path), "--server", "http://sync.bank.example"]) != 0
    assert "HTTPS" in capsys.readouterr().err
    monkeypatch.setenv("KAMDESK_PASSWORD", "wrong-password")
    assert main(["sync", "--file", str(tmp_path / "new.kdb"), "--server", srv.url, "--user", "rm11"]) != 0
    assert not (tmp_path / "new.kdb").exists()


def test_sync_cli_enrols_a_new_user_with_the_secret_then_creates_the_file(
        bank: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from kamdesk.server import approvals

    srv, _users = bank
    policy = srv.state.policy
    with srv.state.store.write() as conn:
        aid = approvals.create_user(conn, policy, actor="admin", username="newrm", role="rm",
                                    team="公司业务一部").approval.id
        secret = approvals.approve(conn, policy, aid, actor="admin2").enrolment.enrolment_secret
    path = tmp_path / "newrm.kdb"
    monkeypatch.setenv("KAMDESK_PASSPHRASE", "test-passphrase-1")
    monkeypatch.setenv("KAMDESK_PASSWORD", "newrm-own-password")
    monkeypatch.setenv("KAMDESK_ENROLMENT_SECRET", "not-the-secret")
    assert main(["sync", "--enrol", "--file", str(path), "--server", srv.url, "--user", "newrm"]) != 0
    assert "注册码" in capsys.readouterr().err and not path.exists()
    monkeypatch.setenv("KAMDESK_ENROLMENT_SECRET", secret)
    assert main(["sync", "--enrol", "--file", str(path), "--server", srv.url, "--user", "newrm"]) == 0
    assert path.exists() and secret not in capsys.readouterr().out
    # the secret is spent; the user's own password signs in from now on
    assert main(["sync", "--enrol", "--file", str(tmp_path / "again.kdb"), "--server", srv.url,
                 "--user", "newrm"]) != 0
    assert main(["sync", "--file", str(path), "--user", "newrm", "--json"]) == 0
