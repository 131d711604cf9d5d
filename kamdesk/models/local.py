"""Local-only bookkeeping of a client file: settings, the outbox, sync conflicts, wrapped domain
keys, the hash-chained audit log and the per-client change history."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kamdesk.models.base import Base, utcnow


class Meta(Base):
    """Key/value facts about this file: schema info, device id, signed-in user, sync checkpoint."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class Outbox(Base):
    """A local change waiting to be pushed. Written in the same transaction as the row."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    fields: Mapped[list[Any]]
    hlc: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    batch_id: Mapped[str | None] = mapped_column(String(36), index=True)


class Conflict(Base):
    """Concurrent edits of one field, kept for the user to review (nothing silently lost)."""

    __tablename__ = "conflicts"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(64))
    local_value: Mapped[Any] = mapped_column(JSON)
    remote_value: Mapped[Any] = mapped_column(JSON)
    local_hlc: Mapped[str] = mapped_column(String(64))
    remote_hlc: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="open")  # open/resolved
    detected_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class DomainKeyRecord(Base):
    """A data-encryption key of one key domain and version, wrapped under the file's key-wrap key."""

    __tablename__ = "domain_keys"
    domain: Mapped[str] = mapped_column(String(16), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    source: Mapped[str] = mapped_column(String(16), default="local")  # local/server


class AuditEvent(Base):
    """Append-only, hash-chained: each entry holds the hash of the one before."""

    __tablename__ = "audit_events"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    at: Mapped[str] = mapped_column(String(32))  # ISO-8601 UTC, as hashed
    actor_id: Mapped[str] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(64), index=True)
    entity: Mapped[str] = mapped_column(String(64), default="")
    entity_id: Mapped[str] = mapped_column(String(36), default="")
    detail: Mapped[str] = mapped_column(Text, default="{}")  # canonical JSON, as hashed
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    uploaded: Mapped[bool] = mapped_column(default=False)


# Bounds on the change history: entries older than the retention go (checked on every write, over
# the index on `at`); a client edited interactively keeps at most the cap (oldest go first).
CHANGE_LOG_RETENTION_DAYS = 730
CHANGE_LOG_CAP_PER_CLIENT = 500


class ChangeLog(Base):
    """One entry of a client's change history (local only, never synced): a field of a syncable
    row changed here or by sync, or a row was created. C2 fields keep no value at all (neither
    plaintext nor ciphertext): only that they changed (`sensitive`)."""

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_client_seq", "client_id", "seq"), Index("ix_change_log_at", "at"))
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(String(36))
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(16))  # create / update
    field: Mapped[str] = mapped_column(String(64), default="")
    old_value: Mapped[str | None] = mapped_column(Text, default=None)
    new_value: Mapped[str | None] = mapped_column(Text, default=None)
    sensitive: Mapped[bool] = mapped_column(default=False)
    user_id: Mapped[str] = mapped_column(String(36), default="")
    device_id: Mapped[str] = mapped_column(String(36), default="")
    hlc: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    source: Mapped[str] = mapped_column(String(8), default="local")  # local / sync
