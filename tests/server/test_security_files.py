"""Issue 10, holes 6 and 13b: the server's files are 0600 in a 0700 directory, TOTP secrets are
sealed under the master key, and development mode runs only on loopback."""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import httpx
import pyotp
import pytest
from sqlalchemy import select

from kamdesk.common.errors import KamdeskError
from kamdesk.server import storage as st
from kamdesk.server.cli import main
from kamdesk.server.keys import KeyFileMasterKey
from kamdesk.server.settings import Settings
from tests.server.test_api import API, login


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_server_files_are_private_after_the_server_ran_and_wrote(bank: Any) -> None:
    srv, _users = bank
    client, _b, _ = login(srv, _users, "rm11")  # the server writes (device, tokens) through the WAL
    assert client.get("/auth/me").status_code == 200
    data = Path(srv.settings.data_dir)
    db = data / "kamdesk-server.db"
    files = [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"), Path(srv.settings.master_key_file)]
    assert all(f.exists() for f in files)
    assert _mode(data) == 0o700
    assert {f.name: _mode(f) for f in files} == {f.name: 0o600 for f in files}


def test_looser_modes_are_tightened_on_start(tmp_path: Path) -> None:
    from kamdesk.server.app import build_state

    settings = Settings.load(data_dir=tmp_path / "srv", dev_mode=True)
    build_state(settings).store.close()
    db = tmp_path / "srv" / "kamdesk-server.db"
    os.chmod(tmp_path / "srv", 0o755)
    os.chmod(db, 0o644)
    os.chmod(settings.master_key_file, 0o644)
    build_state(settings).store.close()
    assert _mode(tmp_path / "srv") == 0o700 and _mode(db) == 0o600 and _mode(Path(settings.master_key_file)) == 0o600


def test_totp_secret_is_stored_sealed_and_totp_login_still_works(bank: Any, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    srv, users = bank
    db_url = srv.settings.db_url
    rc = main(["admin", "enable-totp", "rm12", "--db", db_url, "--data-dir", str(srv.settings.data_dir)])
    secret = capsys.readouterr().out.strip().split()[-1]
    assert rc == 0 and len(secret) >= 16
    with srv.state.store.read() as conn:
        sealed = conn.execute(select(st.users.c.totp_sealed).where(st.users.c.username == "rm12")).scalar()
    assert sealed and secret.encode() not in bytes(sealed)
    db = Path(srv.settings.data_dir) / "kamdesk-server.db"
    raw = b"".join(p.read_bytes() for p in (db, db.with_name(db.name + "-wal")) if p.exists())
    assert secret.encode() not in raw
    base = {"username": "rm12", "password": users["rm12"]["password"]}
    assert httpx.post(srv.url + API + "/auth/login", json=base).status_code == 401
    assert httpx.post(srv.url + API + "/auth/login", json={**base, "totp": pyotp.TOTP(secret).now()}).status_code == 200


def test_migration_seals_clear_totp_secrets(tmp_path: Path) -> None:
    """A database at s0002 with a clear secret: the upgrade needs the master key and seals it."""
    from alembic import command
    from sqlalchemy import text

    from kamdesk.server.totp import open_totp_secret

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = st.make_engine(url)
    with engine.begin() as conn:
        command.upgrade(st.alembic_config(conn), "s0002")
        conn.execute(text("INSERT INTO users (id, username, display_name, role, branch, password_hash, totp_secret, "
                          "active, failed_logins, locked_until, created_at, must_change_password) VALUES "
                          "('u1', 'rm', '', 'rm', '', 'x', 'JBSWY3DPEHPK3PXP', 1, 0, 0, 0, 0)"))
    with pytest.raises(RuntimeError, match="master key"):
        st.upgrade(engine)
    assert st.current_revision(engine) == "s0002"  # nothing changed
    master = KeyFileMasterKey(tmp_path / "master.key")
    st.upgrade(engine, master)
    with engine.connect() as conn:
        sealed = conn.execute(select(st.users.c.totp_sealed).where(st.users.c.id == "u1")).scalar()
    assert b"JBSWY3DPEHPK3PXP" not in bytes(sealed) and open_totp_secret(master, "u1", sealed) == "JBSWY3DPEHPK3PXP"
    engine.dispose()


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "kamdesk.example.com"])
def test_dev_mode_is_refused_off_loopback(tmp_path: Path, host: str) -> None:
    with pytest.raises(KamdeskError, match="开发模式"):
        Settings.load(data_dir=tmp_path, dev_mode=True, host=host).check()


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_dev_mode_runs_on_loopback(tmp_path: Path, host: str) -> None:
    Settings.load(data_dir=tmp_path, dev_mode=True, host=host).check()


def test_serve_dev_on_a_public_interface_exits_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    import uvicorn

    def never(*_a: Any, **_k: Any) -> None:
        raise AssertionError("the server started in development mode on a public interface")

    monkeypatch.setattr(uvicorn, "run", never)
    monkeypatch.setenv("KAMDESK_SERVER_DEV_MODE", "1")
    rc = main(["serve", "--host", "0.0.0.0", "--port", "8443", "--data-dir", str(tmp_path)])
    err = capsys.readouterr().err.strip()
    assert rc != 0 and len(err.splitlines()) == 1 and "0.0.0.0" in err
