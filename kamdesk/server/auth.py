"""Authentication: Argon2id password hashes, optional TOTP (the secret sealed under the master
key), throttled password checks (kamdesk.server.throttle), server-issued device ids and
short-lived access tokens bound to the device.

Device ids are issued by the server: a login without a device id registers a new device (a
UUIDv7 the server makes) with the device's public key and returns its id; a login naming a
device id signs in as that device only if it is registered to the same user. A client never
chooses an id, so it cannot take another device's HLC tag (the id without dashes).

Tokens are random 256-bit strings; only their keyed hash (HMAC-SHA256 with the server's token
secret) is stored, each row bound to one user and one device. Logout deletes the device's
tokens; a revoked device is refused (and told to wipe) on every request.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection

from kamdesk.common.errors import KamdeskError, PermissionDenied
from kamdesk.common.i18n import _
from kamdesk.common.ids import new_id
from kamdesk.server import storage as st
from kamdesk.server.keys import MasterKey
from kamdesk.server.settings import Settings
from kamdesk.server.throttle import RateLimited, Throttle  # noqa: F401  (RateLimited re-exported)
from kamdesk.server.totp import open_totp_secret

_hasher = PasswordHasher()  # Argon2id with the library's recommended parameters


class AuthError(KamdeskError):
    """Login or token failure (HTTP 401). The message never says which part was wrong."""

    def __init__(self, message: str | None = None, code: str = "auth_failed") -> None:
        super().__init__(message or _("用户名、口令或动态码不正确。"))
        self.code = code


class DeviceRevoked(PermissionDenied):
    """The device was revoked by an administrator: the client must wipe its local file."""

    def __init__(self) -> None:
        KamdeskError.__init__(self, _("此设备已被管理员吊销，本地数据将被清除。"))
        self.code = "device_revoked"


class UserInactive(DeviceRevoked):
    """The user was deactivated: every device of theirs must wipe its local file."""

    def __init__(self) -> None:
        KamdeskError.__init__(self, _("此账户已被停用，本设备上的数据将被清除。"))
        self.code = "user_inactive"


class DeviceKeyMismatch(PermissionDenied):
    """A login for a registered device presented another public key (HTTP 403, no wipe): the
    device's key is only replaced through a new registration (after an administrator's reset)."""

    def __init__(self) -> None:
        KamdeskError.__init__(self, _("此设备已登记了另一把设备密钥，登录被拒绝。如确需更换设备密钥，请联系管理员。"))
        self.code = "device_key_mismatch"


class PasswordChangeRequired(PermissionDenied):
    """An administrator reset the password: the domain keys wait for the user's own password
    (HTTP 403, no wipe; a device keeps the keys it already stored)."""

    def __init__(self) -> None:
        KamdeskError.__init__(self, _("管理员重置了口令：请先设置您自己的新口令，然后才能获取密钥。"))
        self.code = "password_change_required"


def hash_password(password: str) -> str:
    if len(password) < 8:
        raise KamdeskError(_("口令至少需要 8 个字符。"))
    return _hasher.hash(password)


def verify_password(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def new_totp_secret() -> str:
    return pyotp.random_base32()


@dataclass(frozen=True)
class Principal:
    user_id: str
    username: str
    role: str
    team_id: str | None
    branch: str
    device_id: str


@dataclass(frozen=True)
class SignIn:
    access: str
    refresh: str
    user: Any
    device_id: str


class Authenticator:
    def __init__(self, settings: Settings, master: MasterKey | None = None) -> None:
        self.settings = settings
        self.master = master
        self.throttle = Throttle(settings)

    def _hash_token(self, token: str) -> str:
        return hmac.new(self.settings.token_secret.encode(), token.encode(), hashlib.sha256).hexdigest()

    def issue(self, conn: Connection, user_id: str, device_id: str) -> tuple[str, str]:
        now = time.time()
        access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        conn.execute(st.tokens.insert(), [
            {"token_hash": self._hash_token(access), "kind": "access", "user_id": user_id, "device_id": device_id,
             "expires_at": now + self.settings.access_ttl_seconds},
            {"token_hash": self._hash_token(refresh), "kind": "refresh", "user_id": user_id, "device_id": device_id,
             "expires_at": now + self.settings.refresh_ttl_seconds},
        ])
        conn.execute(delete(st.tokens).where(st.tokens.c.expires_at < now))
        return access, refresh

    def sign_in(self, store: st.Store, *, username: str, password: str, totp: str | None,
                device_id: str | None, device_name: str, public_key: str | None, address: str = "") -> SignIn:
        """A throttled login (kamdesk.server.throttle): the attempt is counted before the password
        is checked; the check and the device registration run in one transaction."""
        with self.throttle.attempt(store, username, address), store.device_tx() as conn:
            return self._login(conn, username=username, password=password, totp=totp, device_id=device_id,
                               device_name=device_name, public_key=public_key)

    def login(self, conn: Connection, *, username: str, password: str, totp: str | None, device_id: str | None,
              device_name: str, public_key: str | None, address: str = "") -> tuple[str, str, st.Table]:
        """Check the credentials (unthrottled: callers facing the network use `sign_in`), register
        the device on first use, and issue a token pair."""
        r = self._login(conn, username=username, password=password, totp=totp, device_id=device_id,
                        device_name=device_name, public_key=public_key)
        return r.access, r.refresh, r.user

    def _login(self, conn: Connection, *, username: str, password: str, totp: str | None, device_id: str | None,
               device_name: str, public_key: str | None) -> SignIn:
        now = time.time()
        user = conn.execute(select(st.users).where(st.users.c.username == username)).first()
        if user is None:
            verify_password(_DUMMY_HASH, password)  # same cost and the same answer either way
            raise AuthError()
        ok = verify_password(user.password_hash, password)
        if ok and user.totp_sealed:
            ok = self._accept_totp(conn, user, totp, now)
        if not ok:
            raise AuthError()
        if not user.active:  # told only with the right credentials: the device must wipe
            raise UserInactive()
        if not device_id:  # registration: the server issues the id
            device_id = new_id()
            conn.execute(st.devices.insert().values(id=device_id, user_id=user.id, name=device_name[:100],
                                                    public_key=public_key, registered_at=now, last_seen_at=now))
        else:
            dev = conn.execute(select(st.devices).where(st.devices.c.id == device_id)).first()
            if dev is None or dev.user_id != user.id:  # never registered on a client's word
                raise AuthError(_("此设备未登记给该用户，请不带设备号重新登录以登记本设备。"), code="device_mismatch")
            if dev.revoked_at is not None:
                raise DeviceRevoked()
            vals: dict[str, object] = {"last_seen_at": now}
            if public_key and dev.public_key and public_key != dev.public_key:
                raise DeviceKeyMismatch()
            if public_key and not dev.public_key:  # first key, or re-registration after a reset
                vals["public_key"] = public_key
            conn.execute(update(st.devices).where(st.devices.c.id == device_id).values(**vals))
        access, refresh = self.issue(conn, user.id, device_id)
        return SignIn(access, refresh, user, device_id)

    def _accept_totp(self, conn: Connection, user: Any, code: str | None, now: float) -> bool:
        """Check a TOTP code (one step of clock skew either way) and use it up: a code, or one of an
        earlier step, is never accepted twice (the last accepted step is stored per user)."""
        if not code:
            return False
        if self.master is None:
            raise KamdeskError(_("服务器未加载主密钥，无法校验动态码。"))
        t = pyotp.TOTP(open_totp_secret(self.master, user.id, user.totp_sealed))
        cur = t.timecode(now)
        step = next((s for s in (cur - 1, cur, cur + 1) if hmac.compare_digest(t.generate_otp(s), code)), None)
        if step is None:
            return False
        last = st.users.c.totp_last_step
        res = conn.execute(update(st.users).where(st.users.c.id == user.id, (last.is_(None)) | (last < step))
                           .values(totp_last_step=step))
        return res.rowcount == 1

    def change_password(self, store: st.Store, who: "Principal", old_password: str, new_password: str,
                        address: str = "") -> None:
        """The signed-in user's own password change, throttled like a login (a wrong old password
        counts). On success every other device's session ends: their access and refresh tokens
        are deleted (they sign in again with the new password); this device keeps its tokens."""
        from kamdesk.server import admin as adm

        with self.throttle.attempt(store, who.username, address), store.write() as conn:
            adm.change_own_password(conn, who.user_id, old_password, new_password)
            conn.execute(delete(st.tokens).where(st.tokens.c.user_id == who.user_id,
                                                 st.tokens.c.device_id != who.device_id))

    def refresh(self, conn: Connection, refresh_token: str, device_id: str | None = None) -> tuple[str, str, str, str]:
        if device_id:
            dev = conn.execute(select(st.devices.c.revoked_at).where(st.devices.c.id == device_id)).first()
            if dev is not None and dev.revoked_at is not None:
                raise DeviceRevoked()
        h = self._hash_token(refresh_token)
        row = conn.execute(select(st.tokens).where(st.tokens.c.token_hash == h, st.tokens.c.kind == "refresh")).first()
        if row is None or row.expires_at < time.time():
            raise AuthError(_("登录已过期，请重新登录。"), code="token_expired")
        if device_id and device_id != row.device_id:
            raise AuthError(_("刷新令牌不属于此设备。"), code="device_mismatch")
        self._check_device(conn, row.device_id)
        user = conn.execute(select(st.users.c.active).where(st.users.c.id == row.user_id)).first()
        if user is None or not user.active:
            raise UserInactive()
        conn.execute(delete(st.tokens).where(st.tokens.c.token_hash == h))  # refresh tokens are single-use
        access, refresh = self.issue(conn, row.user_id, row.device_id)
        return access, refresh, row.user_id, row.device_id

    def _check_device(self, conn: Connection, device_id: str) -> None:
        dev = conn.execute(select(st.devices.c.revoked_at).where(st.devices.c.id == device_id)).first()
        if dev is None:
            raise AuthError(_("设备未登记。"), code="unknown_device")
        if dev.revoked_at is not None:
            raise DeviceRevoked()

    def authenticate(self, conn: Connection, access_token: str) -> Principal:
        row = conn.execute(select(st.tokens).where(st.tokens.c.token_hash == self._hash_token(access_token),
                                                   st.tokens.c.kind == "access")).first()
        if row is None or row.expires_at < time.time():
            raise AuthError(_("登录已过期，请重新登录。"), code="token_expired")
        self._check_device(conn, row.device_id)
        user = conn.execute(select(st.users).where(st.users.c.id == row.user_id)).first()
        if user is None or not user.active:
            raise UserInactive()
        return Principal(user.id, user.username, user.role, user.team_id, user.branch, row.device_id)

    @staticmethod
    def logout(conn: Connection, device_id: str) -> None:
        conn.execute(delete(st.tokens).where(st.tokens.c.device_id == device_id))

    @staticmethod
    def logout_user(conn: Connection, user_id: str) -> None:
        conn.execute(delete(st.tokens).where(st.tokens.c.user_id == user_id))


_DUMMY_HASH = _hasher.hash("kamdesk-dummy-password")
