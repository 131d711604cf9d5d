"""Units of work on a client file, and the flush hook that keeps rows, field ciphertext,
per-field clock stamps, the outbox and the client change history in one transaction."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import delete, event, func, insert, inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from kamdesk.common.errors import KeyUnavailable
from kamdesk.common.hlc import HybridClock
from kamdesk.common.i18n import _
from kamdesk.models.base import SENSITIVE, Syncable
from kamdesk.models.base import utcnow
from kamdesk.models.local import CHANGE_LOG_CAP_PER_CLIENT, CHANGE_LOG_RETENTION_DAYS, ChangeLog, Outbox
from kamdesk.security.fieldcrypto import KeyRing, blind_index, encrypt_value
from kamdesk.security.masking import mask

# Columns that are bookkeeping, not user data: they never mark a field as changed.
_META_COLUMNS = frozenset({"clock", "updated_at", "created_at", "server_seq", "id"})
# Rows whose changes are not part of a client's history (per-user agenda bookkeeping).
_NO_HISTORY = frozenset({"agenda_states"})
HISTORY_TEXT_MAX = 200  # longer values are cut in the history (notes, documents)
PRUNE_CLIENTS_MAX = 50  # a write touching more clients than this skips the per-client cap


@dataclass
class SessionContext:
    """Who is working and with which keys; attached to every session as session.info['ctx']."""

    keyring: KeyRing
    clock: HybridClock
    user_id: str
    role: str
    device_id: str
    extra: dict[str, Any] = field(default_factory=dict)


def sync_columns(cls: type) -> list[str]:
    """The columns of a syncable model that travel (user data plus the tombstone)."""
    cols = [c.key for c in inspect(cls).column_attrs]
    return [c for c in cols if c not in _META_COLUMNS and c not in cls.__local_columns__]


def sensitive_columns(ctx: SessionContext | None, table: str, record_id: str, name: str, value: str | None) -> dict[str, Any]:
    """The stored columns (ciphertext, mask, blind index) for one sensitive field's plaintext.
    Used by the flush hook and by bulk writers (demo book, import) that insert without the ORM."""
    spec = SENSITIVE[table][name]
    if value is None:
        out: dict[str, Any] = {spec.ct: None, spec.mask_col: None}
        if spec.blind_index:
            out[spec.bi] = None
        return out
    if ctx is None or not ctx.keyring.has(spec.domain):
        raise KeyUnavailable(_("当前角色无权写入此类数据（缺少 {d} 密钥）。").format(d=spec.domain))
    out = {
        spec.ct: encrypt_value(ctx.keyring, spec.domain, value, table=table, column=spec.ct, record_id=record_id),
        spec.mask_col: mask(spec.mask, value),
    }
    if spec.blind_index:
        out[spec.bi] = blind_index(ctx.keyring, spec.domain, spec.mask, value)
    return out


def _encrypt_pending(obj: Any, ctx: SessionContext | None) -> None:
    pending: dict[str, str | None] | None = obj.__dict__.pop("_kd_pending", None)
    for name, value in (pending or {}).items():
        for col, stored in sensitive_columns(ctx, obj.__tablename__, obj.id, name, value).items():
            setattr(obj, col, stored)


def _changed_fields(obj: Any, is_new: bool) -> list[str]:
    state = inspect(obj)
    out = []
    for col in sync_columns(type(obj)):
        if is_new:
            if getattr(obj, col) is not None:
                out.append(col)
        elif state.attrs[col].history.has_changes():
            out.append(col)
    return out


# -- change history ---------------------------------------------------------------------------------

def history_client_id(table: str, row: Any) -> str | None:
    """The client a row's history belongs to (its own id for a client), or None for rows outside
    any client's history (products, users, agenda bookkeeping)."""
    if table in _NO_HISTORY:
        return None
    if table == "clients":
        return row.id
    return getattr(row, "client_id", None)


@lru_cache(maxsize=64)
def sensitive_field_of(table: str) -> dict[str, str]:
    """{stored column (ciphertext, mask, blind index): sensitive field name} of one table."""
    out: dict[str, str] = {}
    for name, spec in SENSITIVE.get(table, {}).items():
        out[spec.ct] = out[spec.mask_col] = out[spec.bi] = name
    return out


def display_value(value: Any) -> str | None:
    """A short, readable text of a (non-sensitive) field value for the change history."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat(sep=" ", timespec="minutes") if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    text = str(value)
    return text if len(text) <= HISTORY_TEXT_MAX else text[:HISTORY_TEXT_MAX - 1] + "…"


def history_entries(table: str, client_id: str, record_id: str, changes: Iterable[tuple[str, Any, Any]],
                    **common: Any) -> list[dict[str, Any]]:
    """Change-history rows (as dicts) for (column, old, new) changes of one row: one per field,
    the stored columns of a sensitive field folded into that field, which keeps no value."""
    sens = sensitive_field_of(table)
    out: dict[str, dict[str, Any]] = {}
    for col, old, new in changes:
        name = sens.get(col)
        if name is not None:
            out[name] = dict(field=name, old_value=None, new_value=None, sensitive=True)
        else:
            out[col] = dict(field=col, old_value=display_value(old), new_value=display_value(new), sensitive=False)
    return [dict(client_id=client_id, table_name=table, record_id=record_id, action="update", **e, **common)
            for e in out.values()]


def _row_label(obj: Any) -> str | None:
    for attr in ("name", "title", "subject", "month"):
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value:
            return display_value(value)
    return None


def _old_new(state: Any, col: str) -> tuple[Any, Any]:
    hist = state.attrs[col].history
    old = hist.deleted[0] if hist.deleted else None
    new = hist.added[0] if hist.added else None
    return old, new


def _local_history(obj: Any, is_new: bool, changed: list[str], ctx: SessionContext, stamp: str,
                   now: dt.datetime) -> list[dict[str, Any]]:
    table = obj.__tablename__
    client_id = history_client_id(table, obj)
    if client_id is None:
        return []
    common = dict(user_id=ctx.user_id, device_id=ctx.device_id, hlc=stamp, at=now, source="local")
    if is_new:
        return [dict(client_id=client_id, table_name=table, record_id=obj.id, action="create", field="",
                     old_value=None, new_value=_row_label(obj), sensitive=False, **common)]
    state = inspect(obj)
    return history_entries(table, client_id, obj.id, ((c, *_old_new(state, c)) for c in changed), **common)


def prune_history(session: Session, client_ids: Iterable[str], cap: int = CHANGE_LOG_CAP_PER_CLIENT) -> None:
    """Keep only the newest `cap` history entries of each of these clients: one statement per 500
    clients over the (client_id, seq) index, on the connection (no autoflush)."""
    table = ChangeLog.__table__
    ids = sorted(set(client_ids))
    conn = session.connection()
    for i in range(0, len(ids), 500):
        ranked = select(table.c.seq, func.row_number().over(partition_by=table.c.client_id,
                                                            order_by=table.c.seq.desc()).label("rn")) \
            .where(table.c.client_id.in_(ids[i:i + 500])).subquery()
        conn.execute(delete(table).where(table.c.seq.in_(select(ranked.c.seq).where(ranked.c.rn > cap))))


def write_history(session: Session, entries: list[dict[str, Any]]) -> None:
    """Store change-history entries (bulk insert) and keep the history bounded: entries past the
    retention go; when few clients are touched (interactive edits) each keeps at most the cap.
    (A per-client cap on a bulk write would walk up to the cap's entries of every client touched.)"""
    if not entries:
        return
    conn = session.connection()
    table = ChangeLog.__table__
    conn.execute(insert(table), entries)
    cutoff = utcnow() - dt.timedelta(days=CHANGE_LOG_RETENTION_DAYS)
    conn.execute(delete(table).where(table.c.at < cutoff))
    touched = {e["client_id"] for e in entries}
    if len(touched) <= PRUNE_CLIENTS_MAX:
        prune_history(session, touched)


def _before_flush(session: Session, _flush_context: Any, _instances: Any) -> None:
    ctx: SessionContext | None = session.info.get("ctx")
    applying_remote = session.info.get("applying_remote", False)
    new = set(session.new)
    history: list[dict[str, Any]] = []
    now = utcnow()
    for obj in list(session.new) + list(session.dirty):
        if not isinstance(obj, Syncable):
            continue
        _encrypt_pending(obj, ctx)
        if applying_remote:
            continue
        changed = _changed_fields(obj, obj in new)
        if not changed:
            continue
        if ctx is None:
            raise RuntimeError("a syncable change needs a SessionContext (session.info['ctx'])")
        stamp = ctx.clock.now()
        clock = dict(obj.clock or {})
        for f in changed:
            clock[f] = stamp
        obj.clock = clock
        session.add(Outbox(table_name=obj.__tablename__, record_id=obj.id, fields=changed, hlc=stamp))
        history += _local_history(obj, obj in new, changed, ctx, stamp, now)
    write_history(session, history)
    for obj in session.deleted:
        if isinstance(obj, Syncable) and not applying_remote:
            raise RuntimeError("syncable rows are never hard-deleted locally: set deleted=True")


class BookSessionFactory:
    """Hands out sessions bound to one client file, each carrying the session context."""

    def __init__(self, engine: Engine, ctx: SessionContext | None) -> None:
        self.engine = engine
        self.ctx = ctx
        self._maker = sessionmaker(bind=engine, expire_on_commit=False, future=True)
        event.listen(self._maker, "before_flush", _before_flush)

    @contextmanager
    def session_scope(self, *, write: bool = False, applying_remote: bool = False) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any exception. `write=True` takes
        the file's write lock at the start (one writer at a time)."""
        session = self._maker(info={"ctx": self.ctx, "applying_remote": applying_remote})
        try:
            if write or applying_remote:
                session.connection(execution_options={"kd_write": True})
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
