"""Throttling of password checks (login and password change), kept in the database.

Every attempt is counted *before* the password is verified, in its own committed transaction, on
three counters: (account, source address), account, and source address. Each counter has its own
threshold; from the threshold on, every further attempt sets a delay that doubles (30 s, 60 s,
120 s ... from `login_first_delay_seconds` up to `login_max_delay_seconds`) during which that counter refuses attempts with 429 and a
Retry-After. A counter starts over after `login_window_seconds` without attempts.

The count is one UPDATE per counter that only matches an unblocked row (the row lock on
PostgreSQL, the single writer on SQLite), so parallel guesses cannot all pass: at most the
threshold's number of attempts reach the password check. The counters live in the
`login_throttle` table, so every server process behind a load balancer shares them.

A successful check resets the (account, source) and account counters and takes back its own
attempt from the source counter (a shared NAT of honest users is not throttled by their
successes). Counter keys are HMACs of the typed user name and the address under the server's
token secret: the table does not hold typed names (which are sometimes passwords typed in the
wrong box), and unknown and existing user names are counted alike, so the answers (401 or 429)
never tell whether an account exists.
"""
from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import case, delete, select, update
from sqlalchemy.engine import Connection

from kamdesk.common.errors import KamdeskError
from kamdesk.common.i18n import _
from kamdesk.server import storage as st
from kamdesk.server.settings import Settings


class RateLimited(KamdeskError):
    """Too many recent failures for this account or source (HTTP 429 with Retry-After)."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(_("尝试过于频繁，请在 {s} 秒后重试。").format(s=max(1, math.ceil(retry_after))))
        self.code = "rate_limited"
        self.retry_after = max(1, math.ceil(retry_after))


@dataclass(frozen=True)
class Ticket:
    """The counters one admitted attempt was counted on: key -> threshold, and the source key."""

    keys: tuple[tuple[str, int], ...]
    source_key: str


class Throttle:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def _key(self, kind: str, *parts: str) -> str:
        msg = "\x1f".join((kind, *parts)).encode()
        return hmac.new(self.settings.token_secret.encode(), msg, hashlib.sha256).hexdigest()

    def _delay(self, n: int, threshold: int) -> float:
        first = self.settings.login_first_delay_seconds
        return float(min(first * 2 ** min(n - threshold, 30), self.settings.login_max_delay_seconds))

    def admit(self, store: st.Store, username: str, address: str, *, now: float | None = None) -> Ticket:
        """Count one attempt on the three counters (committed before the caller checks the
        password), or raise RateLimited if any of them is in its delay."""
        s = self.settings
        src = self._key("src", address)
        keys = tuple(sorted([(self._key("pair", username, address), s.login_failures_per_source_account),
                             (self._key("acct", username), s.login_failures_per_account),
                             (src, s.login_failures_per_source)]))  # a fixed order: no deadlock
        now = time.time() if now is None else now
        with store.device_tx() as conn:
            for key, threshold in keys:
                self._count(conn, key, threshold, now)
        if secrets.randbelow(64) == 0:  # now and then, forget counters that have started over anyway
            t = st.login_throttle
            with store.device_tx() as conn:
                conn.execute(delete(t).where(t.c.last_at < now - s.login_window_seconds, t.c.blocked_until <= now))
        return Ticket(keys, src)

    def _count(self, conn: Connection, key: str, threshold: int, now: float) -> None:
        t = st.login_throttle
        _ensure_row(conn, key)
        fresh = t.c.last_at < now - self.settings.login_window_seconds
        n = conn.execute(update(t).where(t.c.key == key, t.c.blocked_until <= now)
                         .values(failures=case((fresh, 1), else_=t.c.failures + 1), last_at=now)
                         .returning(t.c.failures)).scalar()
        if n is None:  # in its delay: refused without a password check (the transaction rolls back)
            until = conn.execute(select(t.c.blocked_until).where(t.c.key == key)).scalar() or now
            raise RateLimited(until - now)
        if n >= threshold:  # still in this transaction: a parallel attempt waits for it, then is refused
            conn.execute(update(t).where(t.c.key == key).values(blocked_until=now + self._delay(n, threshold)))

    def passed(self, store: st.Store, ticket: Ticket) -> None:
        """The password was right: reset the account counters, take the attempt back from the source's."""
        t = st.login_throttle
        with store.device_tx() as conn:
            for key, threshold in ticket.keys:
                if key == ticket.source_key:
                    n = conn.execute(update(t).where(t.c.key == key, t.c.failures > 0)
                                     .values(failures=t.c.failures - 1).returning(t.c.failures)).scalar()
                    if n is not None and n < threshold:
                        conn.execute(update(t).where(t.c.key == key).values(blocked_until=0.0))
                else:
                    conn.execute(update(t).where(t.c.key == key).values(failures=0, blocked_until=0.0))

    @contextmanager
    def attempt(self, store: st.Store, username: str, address: str) -> Iterator[Ticket]:
        """`with throttle.attempt(...)`: counted before the body runs; the body's success (or any
        error other than a wrong credential) resets the counters."""
        from kamdesk.server.auth import AuthError

        ticket = self.admit(store, username, address)
        try:
            yield ticket
        except AuthError as exc:
            if exc.code != "auth_failed":
                self.passed(store, ticket)
            raise
        except KamdeskError:  # refused after the right credentials (device revoked, user inactive ...)
            self.passed(store, ticket)
            raise
        self.passed(store, ticket)


def _ensure_row(conn: Connection, key: str) -> None:
    t = st.login_throttle
    values = {"key": key, "failures": 0, "blocked_until": 0.0, "last_at": 0.0}
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    conn.execute(insert(t).values(**values).on_conflict_do_nothing(index_elements=["key"]))
