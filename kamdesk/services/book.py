"""Opening, creating and closing a client file: the vault, the engine, migrations, the domain
keys this user's role may hold, and the session context every unit of work carries."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from kamdesk.common.errors import CorruptFile, FileMissing, KamdeskError
from kamdesk.common.hlc import HybridClock
from kamdesk.common.i18n import _
from kamdesk.common.ids import new_id
from kamdesk.models import DomainKeyRecord, Meta, Team, User
from kamdesk.models.db import make_engine
from kamdesk.models.migrate import backup, backup_paths, upgrade
from kamdesk.models.session import BookSessionFactory, SessionContext
from kamdesk.security.fieldcrypto import DomainKey, KeyRing, generate_domain_key
from kamdesk.security.policy import Policy, default_policy
from kamdesk.security.vault import MIN_PASSPHRASE, KeyringCache, SecurityPolicy, Vault, subkey, unwrap, wrap


@dataclass(frozen=True)
class UserInfo:
    id: str
    username: str
    display_name: str
    role: str
    team_id: str | None
    branch: str

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class Book:
    """An open client file. Hand `session_scope()` units of work to services; close when done."""

    def __init__(self, path: Path, engine: Any, ctx: SessionContext, user: UserInfo, policy: Policy, vault: Vault,
                 file_key: bytes) -> None:
        self.path = path
        self.engine = engine
        self.ctx = ctx
        self.user = user
        self.policy = policy
        self.vault = vault
        self._file_key = file_key
        self.factory = BookSessionFactory(engine, ctx)

    def session_scope(self, *, write: bool = False, applying_remote: bool = False):  # noqa: ANN201
        return self.factory.session_scope(write=write, applying_remote=applying_remote)

    @property
    def device_id(self) -> str:
        return self.ctx.device_id

    def meta(self, key: str, default: Any = None) -> Any:
        with self.session_scope() as s:
            row = s.get(Meta, key)
            return default if row is None else row.value

    def set_meta(self, key: str, value: Any) -> None:
        with self.session_scope(write=True) as s:
            s.merge(Meta(key=key, value=value))

    # -- the passphrase and "remember on this device" (the settings dialog, `kamdesk passwd`) ----
    def change_passphrase(self, old: str, new: str) -> None:
        """Re-wrap the file key under a new passphrase (the data is not rewritten). A wrong current
        passphrase counts as a failed unlock, as at the unlock dialog."""
        self.vault.change_passphrase(old, new)

    def remember_on_device(self) -> None:
        self.vault.remember(self._file_key)

    def forget_on_device(self) -> None:
        self.vault.forget()

    def remembered_on_device(self) -> bool:
        return self.vault.remembered()

    def can_remember_on_device(self) -> bool:
        """A secure OS keyring is there (never a plaintext one)."""
        return self.vault.keyring_available()

    def store_domain_keys(self, keys: list[DomainKey], source: str) -> None:
        """Keep domain keys wrapped inside the file (server-issued ones replace local ones)."""
        kek = subkey(self._file_key, "domain-keys")
        with self.session_scope(write=True) as s:
            for k in keys:
                blob = wrap(kek, k.key + k.index_key, f"{k.domain}|{k.version}".encode()).encode("ascii")
                s.merge(DomainKeyRecord(domain=k.domain, version=k.version, wrapped=blob, source=source))
        for k in keys:
            if self.policy.holds_key(self.user.role, k.domain):
                self.ctx.keyring.add(k)

    def backup(self) -> Path:
        return backup(self.engine, self.path)

    def integrity_check(self) -> list[str]:
        """SQLCipher's page HMAC check plus SQLite's own; empty list when the file is sound."""
        problems: list[str] = []
        with self.engine.connect() as conn:
            problems += [r[0] for r in conn.exec_driver_sql("PRAGMA cipher_integrity_check").fetchall()]
            res = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
            problems += [r for r in res if r != "ok"]
        return problems

    def close(self) -> None:
        self.engine.dispose()
        self._file_key = b""


def _load_keyring(s: Any, file_key: bytes, policy: Policy, role: str) -> KeyRing:
    kek = subkey(file_key, "domain-keys")
    ring = KeyRing()
    for rec in s.scalars(select(DomainKeyRecord)):
        if not policy.holds_key(role, rec.domain):
            continue
        raw = unwrap(kek, rec.wrapped.decode("ascii"), f"{rec.domain}|{rec.version}".encode())
        ring.add(DomainKey(rec.domain, rec.version, raw[:32], raw[32:]))
    return ring


def _is_corruption(exc: DatabaseError) -> bool:
    text_ = str(getattr(exc, "orig", exc)).lower()
    return "malformed" in text_ or "not a database" in text_ or "disk i/o" in text_


def _open_engine(path: Path, file_key: bytes) -> Any:
    engine = make_engine(path, file_key)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
    except DatabaseError:
        engine.dispose()
        backups = backup_paths(path)
        raise CorruptFile(str(path), str(backups[0]) if backups else None) from None
    return engine


def unlock_key(path: Path, passphrase: str | None, *, vault: Vault) -> bytes:
    if passphrase is None:
        key = vault.unlock_from_keyring()
        if key is None:
            raise KamdeskError(_("需要输入口令才能打开客户文件。"))
        return key
    return vault.unlock(passphrase)


def make_vault(path: Path, policy: Policy | None = None, *, use_keyring: bool = True,
               clock: Callable[[], float] | None = None) -> Vault:
    policy = policy or default_policy()
    kw: dict[str, Any] = {"policy": SecurityPolicy.from_policy(policy.security),
                          "keyring_cache": KeyringCache() if use_keyring else None}
    if clock is not None:
        kw["clock"] = clock
    return Vault(path, **kw)


def open_book(path: Path | str, passphrase: str | None = None, *, file_key: bytes | None = None,
              vault: Vault | None = None, policy: Policy | None = None) -> Book:
    """Open an existing client file with the passphrase (or, when None, the key remembered in the
    OS keyring). Raises WrongPassphrase/RetryLater/LockedOut/CorruptFile/FileMissing."""
    path = Path(path)
    policy = policy or default_policy()
    if not path.exists():
        raise FileMissing(_("客户文件不存在：{p}").format(p=path))
    vault = vault or make_vault(path, policy)
    key = file_key or unlock_key(path, passphrase, vault=vault)
    engine = _open_engine(path, key)
    try:
        upgrade(engine, path)
    except DatabaseError as exc:
        engine.dispose()
        backups = backup_paths(path)
        newest = str(backups[0]) if backups else None
        if _is_corruption(exc):
            raise CorruptFile(str(path), newest) from None
        # a migration that fails rolls back whole: the file is as it was, so restoring cannot help
        raise KamdeskError(_("客户文件结构升级失败，文件保持原样未被修改。请联系技术支持（升级前备份：{b}）。")
                           .format(b=newest or _("无"))) from None
    factory = BookSessionFactory(engine, None)
    with factory.session_scope() as s:
        meta = {m.key: m.value for m in s.scalars(select(Meta))}
        if "user" not in meta or "device_id" not in meta:
            engine.dispose()
            raise CorruptFile(str(path), None)
        user = UserInfo(**meta["user"])
        ring = _load_keyring(s, key, policy, user.role)
    ctx = SessionContext(keyring=ring, clock=HybridClock(meta["device_id"].replace("-", "")), user_id=user.id,
                         role=user.role, device_id=meta["device_id"])
    return Book(path, engine, ctx, user, policy, vault, key)


def create_book(path: Path | str, passphrase: str, *, user: UserInfo, team_name: str = "", kdf: dict[str, Any] | None = None,
                local_keys: bool = True, policy: Policy | None = None, vault: Vault | None = None,
                device_id: str | None = None) -> Book:
    """Create a new client file for `user`. A book not yet connected to a server (the demo) makes
    its domain keys locally and keeps them wrapped in the file. A book made from the server gets
    the device id the server issued (`device_id`): its HLC tag is that id without dashes."""
    path = Path(path)
    if path.exists():
        raise KamdeskError(_("文件已存在：{p}").format(p=path))
    path.parent.mkdir(parents=True, exist_ok=True)
    policy = policy or default_policy()
    vault = vault or make_vault(path, policy)
    key = vault.create(passphrase, kdf=kdf)
    engine = make_engine(path, key)
    upgrade(engine, None)
    device_id = device_id or new_id()
    factory = BookSessionFactory(engine, None)
    with factory.session_scope(write=True) as s:
        s.add(Meta(key="device_id", value=device_id))
        s.add(Meta(key="user", value=user.as_dict()))
        s.add(Meta(key="created_at", value=dt.datetime.now(dt.UTC).isoformat()))
        s.add(Meta(key="source", value="local" if local_keys else "server"))
    ctx = SessionContext(keyring=KeyRing(), clock=HybridClock(device_id.replace("-", "")), user_id=user.id,
                         role=user.role, device_id=device_id)
    book = Book(path, engine, ctx, user, policy, vault, key)
    with book.session_scope(applying_remote=True) as s:  # the organisation comes from the bank, not from this user
        if user.team_id and team_name:
            s.add(Team(id=user.team_id, name=team_name, branch=user.branch))
        s.add(User(id=user.id, username=user.username, display_name=user.display_name, role=user.role,
                   team_id=user.team_id, branch=user.branch))
    if local_keys:
        book.store_domain_keys([generate_domain_key(d) for d in policy.key_domains], source="local")
    os.chmod(path, 0o600)
    return book
