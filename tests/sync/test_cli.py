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
