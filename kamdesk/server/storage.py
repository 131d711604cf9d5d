"""The server's own storage: SQLAlchemy Core tables on PostgreSQL (psycopg 3) or SQLite, with
Alembic migrations under kamdesk/server/migrations.

Records of every syncable table live in one generic store, `records`: (table, record id) ->
fields JSON, per-field HLC stamps, per-field sequence numbers, tombstone and the record's
latest sequence number, plus a few denormalised columns used to decide visibility
(client partition, owner, team, branch, kind, user).

Sequence numbers and commit order
----------------------------------
A pull asks for records with seq > its checkpoint, so a seq must never become visible after a
higher one. Every transaction that allocates sequence numbers (push, administration) first
takes one global write lock -- `pg_advisory_xact_lock` on PostgreSQL, `BEGIN IMMEDIATE` on
SQLite -- then reads and advances the `counters` row and commits before releasing it. Writers
therefore commit in seq order: the committed seqs are always a prefix 1..H of the counter, and a
pull that reads the counter (H) and then records with S < seq <= H can never miss a change
committed later (it will have a seq > H). Pulls take no global lock.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import (JSON, BigInteger, Boolean, Column, Float, Integer, LargeBinary, MetaData, String, Table,
                        Text, UniqueConstraint, create_engine, event, select, text, update)
from sqlalchemy.engine import Connection, Engine, make_url

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

users = Table(
    "users", metadata,
    Column("id", String(36), primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", String(64), nullable=False, default=""),
    Column("role", String(32), nullable=False),
    Column("team_id", String(36), index=True),
    Column("branch", String(100), nullable=False, default=""),
    Column("password_hash", String(200), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", Float, nullable=False),
    # set by an administrator's password reset; /keys is withheld until the user sets their own
    Column("must_change_password", Boolean, nullable=False, default=False, server_default="0"),
    Column("totp_last_step", BigInteger),  # the last accepted TOTP time step (no code is used twice)
    Column("totp_sealed", LargeBinary),  # the TOTP secret under the master key (kamdesk.server.totp)
)

teams = Table(
    "teams", metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("branch", String(100), nullable=False, default=""),
    Column("lead_id", String(36)),
    UniqueConstraint("branch", "name"),  # team names repeat across branches
)

devices = Table(
    "devices", metadata,
    Column("id", String(36), primary_key=True),
    Column("user_id", String(36), nullable=False, index=True),
    Column("name", String(100), nullable=False, default=""),
    Column("public_key", String(100)),
    Column("registered_at", Float, nullable=False),
    Column("last_seen_at", Float),
    Column("revoked_at", Float),
    Column("pull_gen", BigInteger, nullable=False, default=0),
    Column("audit_seq", BigInteger, nullable=False, default=0),
    Column("audit_hash", String(64), nullable=False, default="0" * 64),
)

tokens = Table(
    "tokens", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("kind", String(8), nullable=False),  # access/refresh
    Column("user_id", String(36), nullable=False),
    Column("device_id", String(36), nullable=False, index=True),
    Column("expires_at", Float, nullable=False),
)

domain_keys = Table(
    "domain_keys", metadata,
    Column("domain", String(16), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("wrapped", LargeBinary, nullable=False),  # data key + index key under the master key
    Column("created_at", Float, nullable=False),
)

records = Table(
    "records", metadata,
    Column("tbl", String(64), primary_key=True),
    Column("record_id", String(36), primary_key=True),
    Column("client_id", String(36), index=True),  # partition: the client this record belongs to
    Column("p_owner", String(36), index=True),
    Column("p_team", String(36), index=True),
    Column("p_branch", String(100)),
    Column("p_kind", String(16)),
    Column("p_user", String(36), index=True),
    Column("fields", JSON, nullable=False),
    Column("stamps", JSON, nullable=False),
    Column("fseq", JSON, nullable=False),
    Column("deleted", Boolean, nullable=False, default=False),
    Column("seq", BigInteger, nullable=False, index=True),
)

partitions = Table(
    "partitions", metadata,
    Column("device_id", String(36), primary_key=True),
    Column("client_id", String(36), primary_key=True),
    Column("granted_gen", BigInteger, nullable=False),
    Column("granted_seq", BigInteger, nullable=False, default=0),  # records up to this seq were sent
    Column("evicted_gen", BigInteger),
)

conflicts = Table(
    "conflicts", metadata,
    Column("id", String(36), primary_key=True),
    Column("tbl", String(64), nullable=False),
    Column("record_id", String(36), nullable=False),
    Column("field", String(64), nullable=False),
    Column("winner_value", JSON),
    Column("loser_value", JSON),
    Column("winner_hlc", String(64), nullable=False),
    Column("loser_hlc", String(64), nullable=False),
    Column("device_a", String(36), nullable=False, index=True),
    Column("device_b", String(36), nullable=False, index=True),
    Column("seq", BigInteger, nullable=False, index=True),
)

push_batches = Table(
    "push_batches", metadata,
    Column("device_id", String(36), primary_key=True),
    Column("idempotency_key", String(64), primary_key=True),
    Column("response", JSON, nullable=False),
    Column("created_at", Float, nullable=False),
)

audit_events = Table(
    "audit_events", metadata,
    Column("device_id", String(36), primary_key=True),
    Column("seq", BigInteger, primary_key=True),
    Column("id", String(36), nullable=False),
    Column("at", String(32), nullable=False),
    Column("actor_id", String(36), nullable=False),
    Column("action", String(64), nullable=False),
    Column("entity", String(64), nullable=False, default=""),
    Column("entity_id", String(36), nullable=False, default=""),
    Column("detail", Text, nullable=False, default="{}"),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("received_at", Float, nullable=False),
)

admin_log = Table(
    "admin_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", Float, nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(64), nullable=False),
    Column("detail", JSON, nullable=False),
    Column("prev_hash", String(64)),  # a hash chain over the administrators' actions (compliance)
    Column("hash", String(64)),
)

login_throttle = Table(  # failed-attempt counters of kamdesk.server.throttle (keys are HMACs)
    "login_throttle", metadata,
    Column("key", String(64), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("blocked_until", Float, nullable=False),
    Column("last_at", Float, nullable=False),
)

enrolments = Table(  # one-time enrolment secrets (kamdesk.server.enrolment): only their hash is kept
    "enrolments", metadata,
    Column("user_id", String(36), primary_key=True),
    Column("secret_hash", String(64), nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False),
    Column("failures", Integer, nullable=False, default=0),
)

approvals = Table(  # maker-checker requests between administrators (kamdesk.server.approvals)
    "approvals", metadata,
    Column("id", String(36), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("target", String(64), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("requested_by", String(64), nullable=False),
    Column("requested_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False),
    Column("status", String(16), nullable=False, index=True),
    Column("decided_by", String(64)),
    Column("decided_at", Float),
    Column("decision_reason", Text, nullable=False, default=""),
)

counters = Table(
    "counters", metadata,
    Column("name", String(32), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

MIGRATIONS = Path(__file__).with_name("migrations")
VERSION_TABLE = "kamdesk_server_version"
_ADVISORY_LOCK_ID = 0x4B414D44  # "KAMD"


def make_engine(url: str) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            from kamdesk.server.files import private_sqlite

            private_sqlite(u.database)
        engine = create_engine(url, connect_args={"check_same_thread": False, "isolation_level": None,
                                                  "timeout": 30})

        @event.listens_for(engine, "connect")
        def _configure(dbapi_conn: Any, _rec: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
            cur.execute("PRAGMA busy_timeout = 30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("kd_write") else "BEGIN")

        return engine
    if u.get_backend_name() == "postgresql" and u.drivername == "postgresql":
        u = u.set(drivername="postgresql+psycopg")
    return create_engine(u, pool_size=10, max_overflow=20, pool_pre_ping=True)


def alembic_config(connection: Connection | None = None, master: Any = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    if master is not None:  # revisions that seal secrets (s0004: TOTP) need the master key
        cfg.attributes["master_key"] = master
    return cfg


def upgrade(engine: Engine, master: Any = None) -> None:
    """Bring the database to the newest schema revision."""
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn, master), "head")


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE}).get_current_revision()


class Store:
    """The engine plus units of work. `write()` serialises sequence allocation (see module doc)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.is_sqlite = engine.dialect.name == "sqlite"
        self._sqlite_lock = threading.Lock()

    @classmethod
    def open(cls, url: str, *, migrate: bool = True, master: Any = None) -> "Store":
        engine = make_engine(url)
        if migrate:
            upgrade(engine, master)
        return cls(engine)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            with conn.begin():
                yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction holding the global write lock (one sequence allocator at a time)."""
        if self.is_sqlite:
            with self._sqlite_lock, self.engine.connect() as conn:
                conn = conn.execution_options(kd_write=True)
                with conn.begin():
                    yield conn
            return
        with self.engine.connect() as conn:
            with conn.begin():
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ADVISORY_LOCK_ID})
                yield conn

    @contextmanager
    def device_tx(self) -> Iterator[Connection]:
        """A short write transaction that does not allocate sequence numbers (tokens, ledgers)."""
        if self.is_sqlite:
            with self._sqlite_lock, self.engine.connect() as conn:
                conn = conn.execution_options(kd_write=True)
                with conn.begin():
                    yield conn
            return
        with self.engine.begin() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()


def committed_seq(conn: Connection) -> int:
    return int(conn.execute(select(counters.c.value).where(counters.c.name == "seq")).scalar() or 0)


class SeqAllocator:
    """Hands out sequence numbers inside a `Store.write()` transaction; persisted on `flush()`."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        row = conn.execute(select(counters.c.value).where(counters.c.name == "seq")).first()
        if row is None:
            conn.execute(counters.insert().values(name="seq", value=0))
            self.value = 0
        else:
            self.value = int(row[0])
        self.start = self.value

    def next(self) -> int:
        self.value += 1
        return self.value

    def flush(self) -> None:
        if self.value != self.start:
            self.conn.execute(update(counters).where(counters.c.name == "seq").values(value=self.value))
            self.start = self.value


ADMIN_LOG_DEVICE = "server-admin"  # the `device_id` of the administrators' hash chain


def admin_log_entry(row: Any) -> dict[str, Any]:
    """An admin_log row in the audit-entry shape of kamdesk.security.audit (seq = row id)."""
    from kamdesk.security.audit import canonical_detail

    return {"seq": row.id, "id": str(row.id), "at": f"{row.at:.6f}", "actor_id": row.actor,
            "device_id": ADMIN_LOG_DEVICE, "action": row.action, "entity": "admin", "entity_id": "",
            "detail": canonical_detail(row.detail), "prev_hash": row.prev_hash, "hash": row.hash}


def log_admin(conn: Connection, actor: str, action: str, detail: dict[str, Any]) -> None:
    """Record an administrative action, chained to the previous one (entry_hash of
    kamdesk.security.audit) so compliance can verify nothing was removed or altered. Called inside
    `Store.write()` transactions (the global write lock orders the chain)."""
    from kamdesk.security.audit import GENESIS, entry_hash

    last = conn.execute(select(admin_log.c.id, admin_log.c.hash).order_by(admin_log.c.id.desc()).limit(1)).first()
    row_id = (last.id if last else 0) + 1
    prev = (last.hash if last and last.hash else GENESIS)
    at = round(time.time(), 6)
    entry = admin_log_entry(type("Row", (), {"id": row_id, "at": at, "actor": actor, "action": action,
                                             "detail": detail, "prev_hash": prev, "hash": ""})())
    conn.execute(admin_log.insert().values(id=row_id, at=at, actor=actor, action=action, detail=detail,
                                           prev_hash=prev, hash=entry_hash(prev, entry)))
