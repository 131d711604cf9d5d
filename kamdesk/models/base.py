"""Declarative base, the sync metadata mixin and sensitive-field declarations.

Every syncable table mixes in `Syncable`: a UUIDv7 id, per-field hybrid-logical-clock stamps
(`clock`), a tombstone flag and the last server sequence seen. Sensitive fields are declared
once with `Sensitive(domain, mask=...)` beside three columns `<name>_ct` (AEAD ciphertext),
`<name>_mask` (the display mask, readable by roles without the key) and optionally `<name>_bi`
(a keyed blind index for exact lookup). Encryption, stamps and the outbox entry are written in
the session's before_flush hook (see `kamdesk.models.session`), so a row and its outbox entry
always commit together.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import JSON, Boolean, DateTime, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, object_session
from sqlalchemy.types import TypeDecorator

from kamdesk.common.ids import new_id

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Money(TypeDecorator[Decimal]):
    """Exact decimal amounts in 元, stored as text on SQLite (no float rounding)."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {
        dict[str, Any]: JSON,
        list[Any]: JSON,
        Decimal: Money,
        dt.datetime: DateTime(),
    }


class Syncable:
    """Sync metadata shared by every table that travels between devices and the server.

    Syncable tables reference each other by id without FOREIGN KEY constraints: records arrive
    from the server in any order and a parent may be evicted before its children.
    """

    __syncable__: ClassVar[bool] = True
    # Column names that never sync (local-only bookkeeping).
    __local_columns__: ClassVar[frozenset[str]] = frozenset({"server_seq"})

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    clock: Mapped[dict[str, Any]] = mapped_column(default=dict)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    server_seq: Mapped[int | None] = mapped_column(Integer, default=None)

    def __init__(self, **kw: Any) -> None:
        kw.setdefault("id", new_id())
        super().__init__(**kw)


@dataclass(frozen=True)
class SensitiveSpec:
    table: str
    name: str
    domain: str
    mask: str
    blind_index: bool
    data_class: str = "C2"

    @property
    def ct(self) -> str:
        return f"{self.name}_ct"

    @property
    def mask_col(self) -> str:
        return f"{self.name}_mask"

    @property
    def bi(self) -> str:
        return f"{self.name}_bi"


SENSITIVE: dict[str, dict[str, SensitiveSpec]] = {}


class Sensitive:
    """A plaintext view of an encrypted column.

    Reading returns the decrypted value when the session holds the domain key, otherwise None
    (absent — never ciphertext). Writing stages the plaintext; the flush hook encrypts it with
    the record id bound as associated data, and fills the mask and blind-index columns.
    """

    def __init__(self, domain: str, *, mask: str, blind_index: bool = False) -> None:
        self.domain = domain
        self.mask = mask
        self.blind_index = blind_index

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        table = owner.__dict__.get("__tablename__")
        if table is None:
            raise TypeError(f"Sensitive field {name} needs __tablename__ declared before it")
        self.spec = SensitiveSpec(table, name, self.domain, self.mask, self.blind_index)
        SENSITIVE.setdefault(table, {})[name] = self.spec

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        pending = obj.__dict__.get("_kd_pending")
        if pending and self.name in pending:
            return pending[self.name]
        blob = getattr(obj, self.spec.ct)
        if blob is None:
            return None
        session = object_session(obj)
        ctx = session.info.get("ctx") if session is not None else None
        if ctx is None or not ctx.keyring.has(self.domain):
            return None
        from kamdesk.security.fieldcrypto import decrypt_value
        from kamdesk.common.errors import DecryptError, KeyUnavailable
        try:
            return decrypt_value(ctx.keyring, blob, table=self.spec.table, column=self.spec.ct, record_id=obj.id)
        except (DecryptError, KeyUnavailable):
            return None

    def __set__(self, obj: Any, value: str | Decimal | None) -> None:
        pending = obj.__dict__.setdefault("_kd_pending", {})
        pending[self.name] = None if value is None or value == "" else str(value)
        # touch the ciphertext column so the unit of work sees the object as dirty
        setattr(obj, self.spec.ct, getattr(obj, self.spec.ct, None))
        from sqlalchemy.orm.attributes import flag_modified
        try:
            flag_modified(obj, self.spec.ct)
        except Exception:  # transient object not yet initialised by the mapper
            pass


def syncable_tables() -> dict[str, type]:
    return {
        m.class_.__tablename__: m.class_
        for m in Base.registry.mappers
        if getattr(m.class_, "__syncable__", False)
    }
