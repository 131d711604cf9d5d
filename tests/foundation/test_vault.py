"""The key hierarchy: wrong passphrase, growing delay, lockout, passphrase change, keyring."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import func, select

from kamdesk.common.errors import CorruptFile, FileMissing, LockedOut, RetryLater, WrongPassphrase
from kamdesk.models import Client
from kamdesk.models.db import is_plain_sqlite
from kamdesk.security.vault import KeyringCache, SecurityPolicy, Vault
from kamdesk.services.book import open_book

from tests.support import FAST_KDF, PASSPHRASE


class FakeClock:
    def __init__(self) -> None:
        self.t = 1_000_000.0

    def __call__(self) -> float:
        return self.t


def _vault(path: Path, clock: FakeClock, max_failures: int = 3, cache: KeyringCache | None = None) -> Vault:
    return Vault(path, policy=SecurityPolicy(max_failures=max_failures, delay_base=2, delay_max=30), clock=clock,
                 keyring_cache=cache)


def _add_clients(book, n: int) -> None:
    with book.session_scope(write=True) as s:
        for i in range(n):
            c = Client(kind="corporate", name=f"测试客户{i}", owner_id=book.user.id)
            c.phone = f"1380000{i:04d}"
            s.add(c)


def test_file_is_not_readable_without_the_key(book):
    _add_clients(book, 3)
    book.close()
    assert not is_plain_sqlite(book.path)
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(book.path).execute("SELECT * FROM sqlite_master").fetchall()


def test_wrong_passphrase_delay_grows_then_lockout_destroys_key(book):
    path = book.path
    book.close()
    clock = FakeClock()
    vault = _vault(path, clock)
    with pytest.raises(WrongPassphrase) as e1:
        vault.unlock("not the passphrase")
    assert e1.value.remaining == 2 and e1.value.retry_after == 2
    assert "还可尝试 2 次" in str(e1.value)
    with pytest.raises(RetryLater):  # too soon: refused without even trying
        vault.unlock(PASSPHRASE)
    clock.t += 2
    with pytest.raises(WrongPassphrase) as e2:
        vault.unlock("still wrong")
    assert e2.value.retry_after == 4  # the delay grows
    clock.t += 4
    with pytest.raises(LockedOut) as e3:
        vault.unlock("wrong again")
    assert "同步" in str(e3.value)
    # the wrapped key is gone: even the right passphrase no longer opens the file
    clock.t += 100
    with pytest.raises(LockedOut):
        vault.unlock(PASSPHRASE)
    assert "wrapped" in vault.path.read_text() and '"wrapped": null' in vault.path.read_text()


def test_success_resets_the_failure_count(book):
    path = book.path
    book.close()
    clock = FakeClock()
    vault = _vault(path, clock)
    with pytest.raises(WrongPassphrase):
        vault.unlock("nope-nope")
    clock.t += 10
    assert len(vault.unlock(PASSPHRASE)) == 32
    assert vault.failures() == 0


def test_passphrase_change_keeps_every_record_and_rewraps_only(book):
    _add_clients(book, 25)
    path = book.path
    book.close()
    before = path.read_bytes()
    vault = Vault(path)
    vault.change_passphrase(PASSPHRASE, "a-new-passphrase", kdf=FAST_KDF)
    assert path.read_bytes() == before  # the database is not rewritten
    b2 = open_book(path, "a-new-passphrase", vault=Vault(path))
    with b2.session_scope() as s:
        assert s.scalar(select(func.count()).select_from(Client)) == 25
        assert sorted(c.phone for c in s.scalars(select(Client)))[0] == "13800000000"
    b2.close()
    with pytest.raises(WrongPassphrase):
        Vault(path).unlock(PASSPHRASE)


def test_missing_file_and_sidecar_give_clear_messages(tmp_path):
    with pytest.raises(FileMissing):
        open_book(tmp_path / "nothing.kdb", PASSPHRASE)
    (tmp_path / "x.kdb").write_bytes(b"")
    with pytest.raises(FileMissing, match="密钥文件"):
        open_book(tmp_path / "x.kdb", PASSPHRASE)


@pytest.mark.parametrize("damage", ["truncate", "garble"])
def test_corrupt_file_is_reported_with_the_backup(book, damage):
    _add_clients(book, 50)
    backup = book.backup()
    path = book.path
    book.close()
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[:1000])
    else:
        path.write_bytes(data[:16] + bytes(4096) + data[16 + 4096:])
    with pytest.raises(CorruptFile) as exc:
        open_book(path, PASSPHRASE, vault=Vault(path))
    assert str(backup) in str(exc.value)
    # the backup is a full encrypted copy that opens with the same key, private to the user
    assert not is_plain_sqlite(backup)
    assert backup.stat().st_mode & 0o077 == 0


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


class OtherKeyring(MemoryKeyring):
    pass


def test_remember_on_device_uses_the_os_keyring_and_never_makes_a_new_key(book):
    mem = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(mem)
    try:
        path = book.path
        book.vault = Vault(path, keyring_cache=KeyringCache())
        book.remember_on_device()
        assert any(k[0] == "KAMDesk" for k in mem.store)
        assert PASSPHRASE not in str(mem.store)
        book.close()
        vault = Vault(path, keyring_cache=KeyringCache())
        b2 = open_book(path, None, vault=vault)  # no passphrase asked
        b2.close()
        # a different backend: ask for the passphrase, do not invent a key
        keyring.set_keyring(OtherKeyring())
        assert Vault(path, keyring_cache=KeyringCache()).unlock_from_keyring() is None
        # a wrong key in the keyring is not trusted either
        keyring.set_keyring(mem)
        for k in mem.store:
            mem.store[k] = "00" * 32
        assert Vault(path, keyring_cache=KeyringCache()).unlock_from_keyring() is None
    finally:
        keyring.set_keyring(previous)


def test_no_keyring_backend_says_so(book, monkeypatch):
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        cache = KeyringCache()
        assert not cache.available()
        book.vault = Vault(book.path, keyring_cache=cache)
        with pytest.raises(Exception, match="密钥环"):
            book.remember_on_device()
    finally:
        keyring.set_keyring(previous)


def test_failing_migration_is_not_reported_as_corruption(book, monkeypatch):
    from sqlalchemy.exc import OperationalError

    import kamdesk.services.book as book_mod

    path = book.path
    book.close()

    def failing_upgrade(engine, db_path):
        raise OperationalError("ALTER TABLE clients ADD x", {}, Exception("duplicate column name: x"))

    monkeypatch.setattr(book_mod, "upgrade", failing_upgrade)
    with pytest.raises(Exception) as exc:
        open_book(path, PASSPHRASE, vault=Vault(path))
    assert not isinstance(exc.value, CorruptFile) and "升级失败" in str(exc.value)


def test_copying_an_old_sidecar_back_does_not_reset_the_failure_count(book):
    """Hole 13c: the failure count lived only in the writable `.keys` sidecar."""
    path = book.path
    book.close()
    clock = FakeClock()
    vault = _vault(path, clock)
    saved = vault.path.read_bytes()  # the attacker keeps a copy with no failures recorded
    with pytest.raises(WrongPassphrase):
        vault.unlock("guess one")
    clock.t += 100
    with pytest.raises(WrongPassphrase):
        vault.unlock("guess two")
    vault.path.write_bytes(saved)  # ... and copies it back
    assert vault.failures() == 2
    clock.t += 100
    with pytest.raises(LockedOut):  # the third failure still locks out
        vault.unlock("guess three")


def test_restoring_the_sidecar_after_a_lockout_does_not_bring_the_key_back(book):
    path = book.path
    book.close()
    clock = FakeClock()
    vault = _vault(path, clock, max_failures=1)
    saved = vault.path.read_bytes()
    with pytest.raises(LockedOut):
        vault.unlock("a wrong guess")
    vault.path.write_bytes(saved)
    with pytest.raises(LockedOut):
        vault.unlock(PASSPHRASE)
    assert '"wrapped": null' in vault.path.read_text()


def test_restored_sidecar_cannot_skip_the_delay(book):
    path = book.path
    book.close()
    clock = FakeClock()
    vault = _vault(path, clock)
    saved = vault.path.read_bytes()
    with pytest.raises(WrongPassphrase):
        vault.unlock("a wrong guess")
    vault.path.write_bytes(saved)
    with pytest.raises(RetryLater):
        vault.unlock(PASSPHRASE)


def test_the_failure_ledger_also_lives_in_the_os_keyring(book, tmp_path):
    from kamdesk.security.failures import FailureLedger

    path = book.path
    book.close()
    clock = FakeClock()
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        cache = KeyringCache()
        ledger_dir = tmp_path / "ledger"
        vault = Vault(path, policy=SecurityPolicy(max_failures=3, delay_base=2, delay_max=30), clock=clock,
                      keyring_cache=cache, ledger=FailureLedger(ledger_dir, cache))
        saved = vault.path.read_bytes()
        with pytest.raises(WrongPassphrase):
            vault.unlock("a wrong guess")
        # the sidecar and the ledger file are both put back: the keyring entry still counts
        vault.path.write_bytes(saved)
        for f in ledger_dir.iterdir():
            f.unlink()
        assert vault.failures() == 1
    finally:
        keyring.set_keyring(previous)
