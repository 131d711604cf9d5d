"""Domain keys handed to a device, wrapped for the device's X25519 public key (shared by the
server's key service and the client engine)."""
from __future__ import annotations

import base64
import os

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kamdesk.security.fieldcrypto import DomainKey
from kamdesk.sync.protocol import WrappedKey

WRAP_INFO = b"kamdesk-device-key-wrap-v1"


def new_device_key() -> tuple[X25519PrivateKey, str]:
    """A fresh device key pair: (private key, public key as base64)."""
    priv = X25519PrivateKey.generate()
    return priv, public_b64(priv)


def public_b64(priv: X25519PrivateKey) -> str:
    return _b64(priv.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def private_bytes(priv: X25519PrivateKey) -> bytes:
    return priv.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                              serialization.NoEncryption())


def load_private(raw: bytes) -> X25519PrivateKey:
    return X25519PrivateKey.from_private_bytes(raw)


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def _derive(shared: bytes, device_id: str, domain: str, version: int) -> bytes:
    info = WRAP_INFO + f"|{device_id}|{domain}|{version}".encode()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(shared)


def wrap_for_device(key: DomainKey, device_public_key_b64: str, device_id: str) -> WrappedKey:
    """ECDH(ephemeral X25519, device key) -> HKDF-SHA256 -> AES-256-GCM of data key + index key."""
    peer = X25519PublicKey.from_public_bytes(base64.b64decode(device_public_key_b64))
    eph = X25519PrivateKey.generate()
    kek = _derive(eph.exchange(peer), device_id, key.domain, key.version)
    nonce = os.urandom(12)
    aad = f"{device_id}|{key.domain}|{key.version}".encode()
    ct = AESGCM(kek).encrypt(nonce, key.key + key.index_key, aad)
    eph_pub = eph.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return WrappedKey(domain=key.domain, version=key.version, ephemeral_public_key=_b64(eph_pub),
                      nonce=_b64(nonce), ciphertext=_b64(ct))


def unwrap_on_device(wrapped: WrappedKey, private_key: X25519PrivateKey, device_id: str) -> DomainKey:
    """The device side of `wrap_for_device` (used by the client engine)."""
    eph = X25519PublicKey.from_public_bytes(base64.b64decode(wrapped.ephemeral_public_key))
    kek = _derive(private_key.exchange(eph), device_id, wrapped.domain, wrapped.version)
    aad = f"{device_id}|{wrapped.domain}|{wrapped.version}".encode()
    raw = AESGCM(kek).decrypt(base64.b64decode(wrapped.nonce), base64.b64decode(wrapped.ciphertext), aad)
    return DomainKey(wrapped.domain, wrapped.version, raw[:32], raw[32:])
