"""Field-level AEAD for sensitive (C2) values, and keyed blind indexes for exact lookup.

Envelope (bytes): b"KF" | suite (1 byte) | key-domain length (1) | key domain (ascii) |
key version (4, big endian) | nonce (12) | ciphertext+tag. The associated data binds the
envelope header to table, field and record id, so ciphertext copied into another row or
field fails authentication. Suite 1 is AES-256-GCM; suite 2 is reserved for SM4-GCM, for
deployments that must use the national cipher (the envelope names its suite).
"""
from __future__ import annotations

import hashlib
import hmac
import os
import struct
import threading
import unicodedata
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kamdesk.common.errors import DecryptError, KeyUnavailable
from kamdesk.common.i18n import _

MAGIC = b"KF"
SUITE_AES256_GCM = 1
SUITE_SM4_GCM = 2  # reserved: needs a provider that implements SM4-GCM


@dataclass(frozen=True)
class DomainKey:
    """One version of a key domain's data-encryption key, plus its blind-index key."""

    domain: str
    version: int
    key: bytes = field(repr=False)
    index_key: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.key) != 32 or len(self.index_key) != 32:
            raise ValueError("domain keys are 256-bit")


class KeyRing:
    """The domain keys this session holds. A role without a domain simply has none of its keys."""

    def __init__(self, keys: list[DomainKey] | None = None) -> None:
        self._keys: dict[tuple[str, int], DomainKey] = {}
        self._current: dict[str, int] = {}
        self._lock = threading.Lock()
        for k in keys or []:
            self.add(k)

    def add(self, key: DomainKey) -> None:
        with self._lock:
            self._keys[(key.domain, key.version)] = key
            if key.version >= self._current.get(key.domain, 0):
                self._current[key.domain] = key.version

    def has(self, domain: str) -> bool:
        return domain in self._current

    def domains(self) -> set[str]:
        return set(self._current)

    def current(self, domain: str) -> DomainKey:
        try:
            return self._keys[(domain, self._current[domain])]
        except KeyError:
            raise KeyUnavailable(_("当前角色无权读取此类数据（缺少 {d} 密钥）。").format(d=domain)) from None

    def get(self, domain: str, version: int) -> DomainKey:
        try:
            return self._keys[(domain, version)]
        except KeyError:
            raise KeyUnavailable(_("缺少 {d} 第 {v} 版密钥。").format(d=domain, v=version)) from None

    def all(self) -> list[DomainKey]:
        return list(self._keys.values())

    def restricted_to(self, domains: set[str]) -> "KeyRing":
        return KeyRing([k for k in self._keys.values() if k.domain in domains])


def generate_domain_key(domain: str, version: int = 1) -> DomainKey:
    return DomainKey(domain, version, os.urandom(32), os.urandom(32))


def _header(suite: int, domain: str, version: int) -> bytes:
    d = domain.encode("ascii")
    return MAGIC + bytes([suite, len(d)]) + d + struct.pack(">I", version)


def _aad(header: bytes, table: str, column: str, record_id: str) -> bytes:
    return header + b"|" + f"{table}|{column}|{record_id}".encode("utf-8")


def parse_envelope(blob: bytes) -> tuple[int, str, int, int]:
    """(suite, domain, version, header length) of an envelope, or DecryptError."""
    if not blob or blob[:2] != MAGIC or len(blob) < 8:
        raise DecryptError(_("密文格式无效。"))
    suite, dlen = blob[2], blob[3]
    end = 4 + dlen
    if len(blob) < end + 4 + 12 + 16:
        raise DecryptError(_("密文格式无效。"))
    domain = blob[4:end].decode("ascii", "replace")
    (version,) = struct.unpack(">I", blob[end : end + 4])
    return suite, domain, version, end + 4


def encrypt_value(ring: KeyRing, domain: str, plaintext: str, *, table: str, column: str, record_id: str) -> bytes:
    key = ring.current(domain)
    header = _header(SUITE_AES256_GCM, domain, key.version)
    nonce = os.urandom(12)
    ct = AESGCM(key.key).encrypt(nonce, plaintext.encode("utf-8"), _aad(header, table, column, record_id))
    return header + nonce + ct


def decrypt_value(ring: KeyRing, blob: bytes, *, table: str, column: str, record_id: str) -> str:
    suite, domain, version, hlen = parse_envelope(blob)
    if suite != SUITE_AES256_GCM:
        raise DecryptError(_("不支持的加密套件 {s}。").format(s=suite))
    key = ring.get(domain, version)
    header, nonce, ct = blob[:hlen], blob[hlen : hlen + 12], blob[hlen + 12 :]
    try:
        pt = AESGCM(key.key).decrypt(nonce, ct, _aad(header, table, column, record_id))
    except InvalidTag:
        raise DecryptError(_("密文校验失败（数据被篡改或不属于此记录）。")) from None
    return pt.decode("utf-8")


def needs_rotation(ring: KeyRing, blob: bytes) -> bool:
    """True when the value was written under an older key version (re-encrypt lazily)."""
    _suite, domain, version, _h = parse_envelope(blob)
    return ring.has(domain) and version < ring.current(domain).version


def normalize_for_index(kind: str, value: str) -> str:
    v = unicodedata.normalize("NFKC", value).strip().upper()
    return "".join(ch for ch in v if not ch.isspace() and ch not in "-")


def blind_index(ring: KeyRing, domain: str, kind: str, value: str) -> str:
    """HMAC-SHA256 of the normalized value under the domain's index key (stable across rotations:
    the index key of version 1 is kept for indexing)."""
    versions = sorted(v for (d, v) in ring._keys if d == domain)
    if not versions:
        raise KeyUnavailable(_("当前角色无权按此字段查询。"))
    idx_key = ring.get(domain, versions[0]).index_key
    msg = f"{kind}:{normalize_for_index(kind, value)}".encode("utf-8")
    return hmac.new(idx_key, msg, hashlib.sha256).hexdigest()
