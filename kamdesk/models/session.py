"""Units of work on a client file, and the flush hook that keeps rows, field ciphertext,
per-field clock stamps and the outbox in one transaction."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from kamdesk.common.errors import KeyUnavailable
from kamdesk.common.hlc import HybridClock
from kamdesk.common.i18n import _
from kamdesk.models.base import SENSITIVE, Syncable
from kamdesk.models.local import Outbox
from kamdesk.security.fieldcrypto import KeyRing, blind_index, encrypt_value
from kamdesk.security.masking import mask

# Columns that are bookkeeping, not user data: they never mark a field as changed.
_META_COLUMNS = frozenset({"clock", "updated_at", "created_at", "server_seq", "id"})


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


def _before_flush(session: Session, _flush_context: Any, _instances: Any) -> None:
    ctx: SessionContext | None = session.info.get("ctx")
    applying_remote = session.info.get("applying_remote", False)
    new = set(session.new)
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
