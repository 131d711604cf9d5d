"""The key hierarchy of a client file (DESIGN.md §2).

A random 256-bit file key opens the SQLCipher database as a raw key. It is stored only
wrapped, in a sidecar `<file>.keys` (JSON): by a key derived from the user's passphrase
(scrypt, parameters stored beside it) and, when the user asks, in the OS keyring
("remember on this device"). A wrong passphrase costs a growing delay; after the policy's
number of failures the wrapped key is destroyed and the data comes back with the next sync.
The failure state is also kept in a ledger outside the sidecar (`kamdesk.security.failures`),
so copying an old sidecar back neither resets the count nor undoes a lockout.
Changing the passphrase re-wraps the key; the database is not rewritten.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from kamdesk.common.errors import FileMissing, KamdeskError, LockedOut, RetryLater, WrongPassphrase
from kamdesk.common.i18n import _
from kamdesk.security.failures import FailureLedger, FailureState

KEYRING_SERVICE = "KAMDesk"
SIDECAR_VERSION = 1
# ~0.3 s on the reference machine (2 cores); `bench_vault` measures it.
DEFAULT_KDF = {"name": "scrypt", "n": 2**17, "r": 8, "p": 1}
MIN_PASSPHRASE = 8


def b64e(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def b64d(s: str) -> bytes:
    return base64.b64decode(s.encode("ascii"))


def sidecar_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".keys")


def derive_kek(passphrase: str, kdf: dict[str, Any]) -> bytes:
    if kdf.get("name") != "scrypt":
        raise KamdeskError(_("不支持的密钥派生算法。"))
    return Scrypt(salt=b64d(kdf["salt"]), length=32, n=int(kdf["n"]), r=int(kdf["r"]), p=int(kdf["p"])).derive(
        passphrase.encode("utf-8")
    )


def subkey(file_key: bytes, purpose: str) -> bytes:
    """A key derived from the file key for one purpose (e.g. wrapping domain keys)."""
    return HKDF(algorithm=SHA256(), length=32, salt=None, info=f"kamdesk:{purpose}".encode()).derive(file_key)


def key_check(file_key: bytes) -> str:
    """A short public fingerprint of the file key, to tell a wrong cached key from a corrupt file."""
    return hmac.new(file_key, b"kamdesk-key-check", hashlib.sha256).hexdigest()[:16]


def wrap(kek: bytes, secret: bytes, aad: bytes) -> str:
    nonce = os.urandom(12)
    return b64e(nonce + AESGCM(kek).encrypt(nonce, secret, aad))


def unwrap(kek: bytes, blob: str, aad: bytes) -> bytes:
    raw = b64d(blob)
    return AESGCM(kek).decrypt(raw[:12], raw[12:], aad)


def check_passphrase_strength(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise KamdeskError(_("口令至少需要 {n} 个字符。").format(n=MIN_PASSPHRASE))


@dataclass
class SecurityPolicy:
    max_failures: int = 5
    delay_base: float = 1.0
    delay_max: float = 60.0

    @classmethod
    def from_policy(cls, security: dict[str, Any]) -> "SecurityPolicy":
        return cls(
            max_failures=int(security.get("max_passphrase_failures", 5)),
            delay_base=float(security.get("retry_delay_base_seconds", 1)),
            delay_max=float(security.get("retry_delay_max_seconds", 60)),
        )


class KeyringCache:
    """"Remember on this device": the file key in the OS secret store, never in a plain file."""

    def __init__(self) -> None:
        import keyring  # imported lazily: backend discovery costs start-up time

        self._keyring = keyring

    def backend_name(self) -> str | None:
        try:
            backend = self._keyring.get_keyring()
        except Exception:
            return None
        name = f"{type(backend).__module__}.{type(backend).__name__}"
        if "fail" in name.lower() or "null" in name.lower() or "keyrings.alt" in name:
            return None  # no secure backend (headless Linux) or a plaintext one: never use it
        return name

    def available(self) -> bool:
        return self.backend_name() is not None

    def store(self, account: str, secret: bytes) -> None:
        self._keyring.set_password(KEYRING_SERVICE, account, secret.hex())

    def load(self, account: str) -> bytes | None:
        try:
            value = self._keyring.get_password(KEYRING_SERVICE, account)
        except Exception:
            return None
        if not value:
            return None
        try:
            return bytes.fromhex(value)
        except ValueError:
            return None

    def forget(self, account: str) -> None:
        try:
            self._keyring.delete_password(KEYRING_SERVICE, account)
        except Exception:
            pass


class Vault:
    """The wrapped file key of one client file."""

    def __init__(
        self,
        db_path: Path,
        *,
        policy: SecurityPolicy | None = None,
        keyring_cache: KeyringCache | None = None,
        clock: Callable[[], float] = time.time,
        ledger: FailureLedger | None = None,
    ) -> None:
        self.db_path = Path(db_path)
        self.path = sidecar_path(self.db_path)
        self.policy = policy or SecurityPolicy()
        self._keyring = keyring_cache
        self._clock = clock
        self._ledger = ledger if ledger is not None else FailureLedger(keyring_cache=keyring_cache)

    # -- sidecar ---------------------------------------------------------------------------
    def exists(self) -> bool:
        return self.path.exists()

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise FileMissing(_("找不到客户文件的密钥文件：{p}").format(p=self.path)) from None
        except (ValueError, UnicodeDecodeError):
            raise KamdeskError(_("密钥文件已损坏：{p}").format(p=self.path)) from None
        if data.get("version") != SIDECAR_VERSION:
            raise KamdeskError(_("密钥文件版本不受支持：{p}").format(p=self.path))
        return data

    def _write(self, data: dict[str, Any]) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)

    @property
    def file_id(self) -> str:
        return self._read()["file_id"]

    def _aad(self, data: dict[str, Any]) -> bytes:
        return f"kamdesk-file-key|{data['file_id']}".encode()

    # -- lifecycle -------------------------------------------------------------------------
    def create(self, passphrase: str, *, kdf: dict[str, Any] | None = None, file_key: bytes | None = None) -> bytes:
        """Make a new file key, wrap it under the passphrase, and return it."""
        check_passphrase_strength(passphrase)
        file_key = file_key or os.urandom(32)
        params = dict(kdf or DEFAULT_KDF)
        params["salt"] = b64e(os.urandom(16))
        data: dict[str, Any] = {
            "version": SIDECAR_VERSION,
            "file_id": b64e(os.urandom(12)),
            "kdf": params,
            "failures": 0,
            "not_before": 0.0,
        }
        data["wrapped"] = wrap(derive_kek(passphrase, params), file_key, self._aad(data))
        data["key_check"] = key_check(file_key)
        self._write(data)
        return file_key

    def _merged(self) -> dict[str, Any]:
        """The sidecar with the worst failure state of the sidecar and the ledger (a restored
        sidecar that still holds a key the ledger saw destroyed is destroyed again)."""
        data = self._read()
        mine = FailureState(int(data.get("failures", 0)), float(data.get("not_before", 0)), not data.get("wrapped"))
        state = mine.worst(self._ledger.read(data["file_id"]))
        if state.destroyed and data.get("wrapped"):
            self.destroy(data)
        data["failures"], data["not_before"] = state.failures, state.not_before
        return data

    def _save_failures(self, data: dict[str, Any]) -> None:
        self._ledger.write(data["file_id"], FailureState(int(data.get("failures", 0)),
                                                         float(data.get("not_before", 0)), not data.get("wrapped")))
        self._write(data)

    def unlock(self, passphrase: str) -> bytes:
        """The file key, or WrongPassphrase / RetryLater / LockedOut."""
        data = self._merged()
        if not data.get("wrapped"):
            raise LockedOut()
        wait = float(data.get("not_before", 0)) - self._clock()
        if wait > 0:
            raise RetryLater(wait)
        try:
            key = unwrap(derive_kek(passphrase, data["kdf"]), data["wrapped"], self._aad(data))
        except InvalidTag:
            self._record_failure(data)
            raise AssertionError("unreachable")  # _record_failure always raises
        if data.get("failures") or self._ledger.read(data["file_id"]).failures:
            data["failures"], data["not_before"] = 0, 0.0
            self._save_failures(data)
        return key

    def _record_failure(self, data: dict[str, Any]) -> None:
        failures = int(data.get("failures", 0)) + 1
        data["failures"] = failures
        if failures >= self.policy.max_failures:
            self.destroy(data)
            raise LockedOut()
        delay = min(self.policy.delay_base * 2 ** (failures - 1), self.policy.delay_max)
        data["not_before"] = self._clock() + delay
        self._save_failures(data)
        raise WrongPassphrase(self.policy.max_failures - failures, delay)

    def destroy(self, data: dict[str, Any] | None = None) -> None:
        """Destroy every local copy of the wrapped file key (lockout, remote wipe)."""
        data = data or self._read()
        data["wrapped"] = None
        data.pop("keyring", None)
        self._save_failures(data)
        if self._keyring is not None:
            self._keyring.forget(self._account(data))

    def change_passphrase(self, old: str, new: str, *, kdf: dict[str, Any] | None = None) -> None:
        check_passphrase_strength(new)
        key = self.unlock(old)
        data = self._read()
        params = dict(kdf or {k: v for k, v in data["kdf"].items() if k != "salt"})
        params["salt"] = b64e(os.urandom(16))
        data["kdf"] = params
        data["wrapped"] = wrap(derive_kek(new, params), key, self._aad(data))
        self._write(data)

    def failures(self) -> int:
        return int(self._merged().get("failures", 0))

    # -- keyring ("remember on this device") -------------------------------------------------
    def _account(self, data: dict[str, Any]) -> str:
        return f"filekey:{data['file_id']}"

    def remember(self, file_key: bytes) -> None:
        if self._keyring is None or not self._keyring.available():
            raise KamdeskError(_("此设备没有可用的系统密钥环，无法“在此设备上记住”。"))
        data = self._read()
        self._keyring.store(self._account(data), file_key)
        data["keyring"] = {"backend": self._keyring.backend_name()}
        self._write(data)

    def forget(self) -> None:
        data = self._read()
        if self._keyring is not None:
            self._keyring.forget(self._account(data))
        data.pop("keyring", None)
        self._write(data)

    def remembered(self) -> bool:
        return bool(self._read().get("keyring"))

    def keyring_available(self) -> bool:
        return self._keyring is not None and self._keyring.available()

    def unlock_from_keyring(self) -> bytes | None:
        """The file key from the OS keyring, or None: then ask for the passphrase. If the backend
        that held it changed or vanished, never make a new key: the passphrase still opens it."""
        data = self._merged()
        rec = data.get("keyring")
        if not rec or self._keyring is None or not data.get("wrapped"):
            return None
        if self._keyring.backend_name() != rec.get("backend"):
            return None
        key = self._keyring.load(self._account(data))
        if key is None or not hmac.compare_digest(key_check(key), data.get("key_check", "")):
            return None
        return key
