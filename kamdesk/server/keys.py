"""The key service: a master key behind an adapter, per-domain data-encryption keys with
versions, and wrapping of domain keys for one device's X25519 public key.

`MasterKey` is the adapter interface (wrap/unwrap of small secrets). `KeyFileMasterKey` keeps a
256-bit key in a file (mode 0600) -- the embedded default; a KMS or HSM adapter implements the
same two methods. Domain keys (C2-ID, C2-FIN ...) are stored wrapped under the master key; a
rotation adds a new version and keeps the old ones, so old ciphertext stays readable.
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Protocol

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select
from sqlalchemy.engine import Connection

from kamdesk.common.errors import KamdeskError
from kamdesk.common.i18n import _
from kamdesk.security.fieldcrypto import DomainKey, KeyRing, generate_domain_key
from kamdesk.security.policy import Policy
from kamdesk.server import storage as st
from kamdesk.sync.keywrap import unwrap_on_device, wrap_for_device  # noqa: F401  (re-exported)

class MasterKey(Protocol):
    def wrap(self, secret: bytes, aad: bytes) -> bytes: ...

    def unwrap(self, blob: bytes, aad: bytes) -> bytes: ...


class KeyFileMasterKey:
    """A 256-bit master key in a local file, created on first use."""

    def __init__(self, path: Path | str, *, create: bool = True) -> None:
        from kamdesk.server.files import private_dir, private_file

        self.path = Path(path)
        if not self.path.exists():
            if not create:
                raise KamdeskError(_("找不到主密钥文件：{p}").format(p=self.path))
            private_dir(self.path.parent, tighten=False)
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(os.urandom(32))
        private_file(self.path)  # re-checked on every start: a looser mode is tightened
        key = self.path.read_bytes()
        if len(key) != 32:
            raise KamdeskError(_("主密钥文件格式无效：{p}").format(p=self.path))
        self._aead = AESGCM(key)

    def wrap(self, secret: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(12)
        return nonce + self._aead.encrypt(nonce, secret, aad)

    def unwrap(self, blob: bytes, aad: bytes) -> bytes:
        return self._aead.decrypt(blob[:12], blob[12:], aad)


def _aad(domain: str, version: int) -> bytes:
    return f"kamdesk-domain-key|{domain}|{version}".encode()


class KeyService:
    def __init__(self, master: MasterKey, policy: Policy) -> None:
        self.master = master
        self.policy = policy

    def ensure_keys(self, conn: Connection) -> None:
        """Create version 1 of every policy key domain that has none yet."""
        have = {r[0] for r in conn.execute(select(st.domain_keys.c.domain))}
        for domain in self.policy.key_domains:
            if domain not in have:
                self._store(conn, generate_domain_key(domain, 1))

    def _store(self, conn: Connection, key: DomainKey) -> None:
        conn.execute(st.domain_keys.insert().values(
            domain=key.domain, version=key.version, created_at=time.time(),
            wrapped=self.master.wrap(key.key + key.index_key, _aad(key.domain, key.version))))

    def all_keys(self, conn: Connection, domains: set[str] | None = None) -> list[DomainKey]:
        out = []
        for r in conn.execute(select(st.domain_keys).order_by(st.domain_keys.c.domain, st.domain_keys.c.version)):
            if domains is not None and r.domain not in domains:
                continue
            raw = self.master.unwrap(r.wrapped, _aad(r.domain, r.version))
            out.append(DomainKey(r.domain, r.version, raw[:32], raw[32:]))
        return out

    def keyring(self, conn: Connection, domains: set[str] | None = None) -> KeyRing:
        return KeyRing(self.all_keys(conn, domains))

    def rotate(self, conn: Connection, domain: str) -> int:
        """Add a new version of the domain's data key (the index key stays that of version 1, so
        blind indexes remain stable); old versions are kept."""
        if domain not in self.policy.key_domains:
            raise KamdeskError(_("未知密钥域：{d}").format(d=domain))
        keys = [k for k in self.all_keys(conn, {domain})]
        version = max((k.version for k in keys), default=0) + 1
        index_key = keys[0].index_key if keys else os.urandom(32)
        self._store(conn, DomainKey(domain, version, os.urandom(32), index_key))
        return version

    def keys_for_role(self, conn: Connection, role: str) -> list[DomainKey]:
        domains = {d for d in self.policy.key_domains if self.policy.holds_key(role, d)}
        return self.all_keys(conn, domains) if domains else []
