"""TOTP secrets at rest: sealed under the server's master key (AES-GCM, the user id bound as
associated data), so a copy of the database alone yields no second factor, and a sealed secret
moved to another user's row does not open."""
from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.engine import Connection

from kamdesk.server import storage as st


def _aad(user_id: str) -> bytes:
    return f"kamdesk-totp|{user_id}".encode()


def seal_totp_secret(master: Any, user_id: str, secret: str) -> bytes:
    return master.wrap(secret.encode(), _aad(user_id))


def open_totp_secret(master: Any, user_id: str, sealed: bytes) -> str:
    return master.unwrap(bytes(sealed), _aad(user_id)).decode()


def store_totp_secret(conn: Connection, master: Any, user_id: str, secret: str) -> None:
    conn.execute(update(st.users).where(st.users.c.id == user_id)
                 .values(totp_sealed=seal_totp_secret(master, user_id, secret), totp_last_step=None))
