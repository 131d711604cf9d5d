"""One-time enrolment secrets: how a new or reset account gets a password only its user knows.

An administrator never chooses a password. Creating or resetting an account (after a second
administrator's approval where `kamdesk.server.approvals` asks for one) makes the account
unusable for sign-in -- its password hash is the hash of a random value nobody knows -- and
issues a random 192-bit enrolment secret, valid once and for `ENROLMENT_TTL` seconds, stored only
as its SHA-256 digest. The administrator hands the secret to the user out of band; the user
turns it into a password of their own through `POST /auth/enrol` (username + secret + new
password). Until then no password signs in and `/keys` is refused (`must_change_password`).

Throttling: failures per source in a sliding window (in process), and per account a failure count in the
database; after `MAX_FAILURES` wrong secrets the secret is spent and must be issued again.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import time
from functools import lru_cache

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection

from kamdesk.common.errors import KamdeskError, NotFound
from kamdesk.common.i18n import _
from kamdesk.server import storage as st
from kamdesk.server.auth import AuthError, Authenticator, hash_password
from kamdesk.sync import protocol as p

ENROLMENT_TTL = 72 * 3600
MAX_FAILURES = 10


class EnrolmentFailed(AuthError):
    """Unknown user, wrong, spent or expired secret: one answer for all (HTTP 401)."""

    def __init__(self) -> None:
        super().__init__(_("用户名或注册码不正确，或注册码已失效。请联系管理员重新签发。"), code="enrol_failed")


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@lru_cache(maxsize=1)
def unusable_hash() -> str:
    """An Argon2id hash of a random value that is thrown away: verifying any password against it
    fails, at the same cost as a real check (no timing difference for a pending account)."""
    return hash_password(secrets.token_urlsafe(32))


def issue(conn: Connection, user_id: str, *, actor: str) -> p.EnrolmentIssued:
    """Make the account pending enrolment and return its new secret (shown once). Ends the user's
    sessions and clears their devices' key registrations (each registers anew, without a wipe)."""
    user = conn.execute(select(st.users.c.id, st.users.c.username).where(st.users.c.id == user_id)).first()
    if user is None:
        raise NotFound(_("找不到用户：{u}").format(u=user_id))
    secret = secrets.token_urlsafe(24)
    now = time.time()
    expires = now + ENROLMENT_TTL
    conn.execute(update(st.users).where(st.users.c.id == user.id).values(
        password_hash=unusable_hash(), must_change_password=True))
    conn.execute(update(st.devices).where(st.devices.c.user_id == user.id, st.devices.c.revoked_at.is_(None))
                 .values(public_key=None))
    Authenticator.logout_user(conn, user.id)
    conn.execute(delete(st.enrolments).where(st.enrolments.c.user_id == user.id))
    conn.execute(st.enrolments.insert().values(user_id=user.id, secret_hash=_digest(secret), created_by=actor,
                                               created_at=now, expires_at=expires, failures=0))
    st.log_admin(conn, actor, "user.enrolment_issue", {"user_id": user.id, "expires_at": round(expires)})
    return p.EnrolmentIssued(username=user.username, enrolment_secret=secret,
                             expires_at=dt.datetime.fromtimestamp(expires, dt.UTC).isoformat())


def enrol(conn: Connection, username: str, secret: str, new_password: str) -> bool:
    """The user sets their own password with the secret. Returns False (and counts the failure in
    this transaction, which the caller commits) when the user, the secret or its expiry is wrong;
    raises KamdeskError when the new password breaks the rules (the secret stays valid)."""
    now = time.time()
    user = conn.execute(select(st.users).where(st.users.c.username == username)).first()
    row = None if user is None else conn.execute(
        select(st.enrolments).where(st.enrolments.c.user_id == user.id)).first()
    ok = (row is not None and hmac.compare_digest(row.secret_hash, _digest(secret))
          and row.expires_at > now and bool(user.active))
    if not ok:
        if row is not None:
            failures = row.failures + 1
            if failures >= MAX_FAILURES or row.expires_at <= now:
                conn.execute(delete(st.enrolments).where(st.enrolments.c.user_id == row.user_id))
                st.log_admin(conn, "-", "user.enrolment_spent", {"user_id": row.user_id, "failures": failures})
            else:
                conn.execute(update(st.enrolments).where(st.enrolments.c.user_id == row.user_id)
                             .values(failures=failures))
        return False
    conn.execute(update(st.users).where(st.users.c.id == user.id).values(
        password_hash=hash_password(new_password), must_change_password=False))
    conn.execute(delete(st.enrolments).where(st.enrolments.c.user_id == user.id))
    st.log_admin(conn, user.username, "user.enrol", {"user_id": user.id})
    return True
