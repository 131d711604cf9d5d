"""The conflict inbox: open conflicts as the user reviews them (one row per field: a sensitive
field's ciphertext, mask and blind-index conflicts are one row, shown by their masks) and the three
ways to resolve one (keep local, keep the server's value, or a typed, validated merge)."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from kamdesk.common.errors import DecryptError, KeyUnavailable, NotFound, PermissionDenied, ValidationError
from kamdesk.common.i18n import _
from kamdesk.models import SENSITIVE, Client, Conflict, syncable_tables
from kamdesk.models.base import SensitiveSpec
from kamdesk.security.fieldcrypto import decrypt_value
from kamdesk.security.masking import localize
from kamdesk.services.scope import client_clause, require_client_visible

MERGEABLE = ("name", "short_name", "industry", "city", "address", "notes")  # free-text client fields


@dataclass(frozen=True)
class ConflictView:
    """One inbox row: every open conflict of one field of one record. For a sensitive field the
    displays are its masks (plaintext only for a role that sees the domain in clear), never
    ciphertext; `ids` are resolved together."""

    ids: tuple[str, ...]
    table: str
    record_id: str
    record_label: str  # the client's name when the record is (or belongs to) a visible client
    field: str  # the field as the user knows it ("phone", not "phone_ct")
    local_display: str
    remote_display: str
    sensitive: bool
    detected_at: dt.datetime | None

    @property
    def id(self) -> str:
        return self.ids[0]

    @property
    def mergeable(self) -> bool:
        return self.table == "clients" and not self.sensitive and self.field in MERGEABLE


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)[:200]
    return str(value)[:200]


def _spec_of(table: str, column: str) -> SensitiveSpec | None:
    for spec in SENSITIVE.get(table, {}).values():
        if column in (spec.ct, spec.mask_col, spec.bi):
            return spec
    return None


class _SensitiveDisplay:
    """Both sides of one sensitive field, as the role may see them."""

    def __init__(self, book: Any, s: Any, spec: SensitiveSpec, record_id: str) -> None:
        self.book, self.s, self.spec, self.record_id = book, s, spec, record_id

    def sides(self, by_column: dict[str, Conflict]) -> tuple[str, str]:
        mode = self.book.policy.display_mode(self.book.user.role, self.spec.domain)
        if mode == "none":
            return "", ""
        ct = by_column.get(self.spec.ct)
        if mode == "plain" and ct is not None and self.book.ctx.keyring.has(self.spec.domain):
            clear = (self._clear(ct.local_value), self._clear(ct.remote_value))
            if None not in clear:
                return clear[0] or "", clear[1] or ""
        mask = by_column.get(self.spec.mask_col)
        if mask is not None:
            return localize(mask.local_value) or "", localize(mask.remote_value) or ""
        same = localize(self._current_mask()) or ""  # the masks did not differ: both sides show it
        return same, same

    def _clear(self, wire: Any) -> str | None:
        from kamdesk.sync.protocol import decode_bytes

        try:
            blob = decode_bytes(wire)
            if blob is None:
                return ""
            return decrypt_value(self.book.ctx.keyring, blob, table=self.spec.table, column=self.spec.ct,
                                 record_id=self.record_id)
        except (ValueError, DecryptError, KeyUnavailable):
            return None

    def _current_mask(self) -> str | None:
        cls = syncable_tables().get(self.spec.table)
        row = self.s.get(cls, self.record_id) if cls is not None else None
        return getattr(row, self.spec.mask_col, None) if row is not None else None


def _inbox_key(table: str, record_id: str, column: str) -> tuple[str, str, str]:
    """The inbox row a stored conflict belongs to: a sensitive field's columns share one."""
    spec = _spec_of(table, column)
    return table, record_id, spec.name if spec else column


def count_open(s: Any) -> int:
    """Open conflicts as the inbox counts them (one per field of a record)."""
    rows = s.execute(select(Conflict.table_name, Conflict.record_id, Conflict.field)
                     .where(Conflict.status == "open").distinct()).all()
    return len({_inbox_key(*r) for r in rows})


def _group(book: Any, s: Any, rows: list[Conflict], names: dict[str, str]) -> list[ConflictView]:
    groups: dict[tuple[str, str, str], list[Conflict]] = {}
    for c in rows:  # newest first: the first of a group places it in the list
        groups.setdefault(_inbox_key(c.table_name, c.record_id, c.field), []).append(c)
    out = []
    for (table, record_id, field), members in groups.items():
        spec = SENSITIVE.get(table, {}).get(field)
        newest = members[0]
        if spec is not None:
            by_column = {c.field: c for c in reversed(members)}  # the newest conflict of each column
            local, remote = _SensitiveDisplay(book, s, spec, record_id).sides(by_column)
        else:
            local, remote = _display(newest.local_value), _display(newest.remote_value)
        out.append(ConflictView(
            ids=tuple(c.id for c in reversed(members)), table=table, record_id=record_id,
            record_label=names.get(record_id, ""), field=field, local_display=local, remote_display=remote,
            sensitive=spec is not None, detected_at=newest.detected_at))
    return out


def open_conflicts(book: Any, limit: int = 500) -> list[ConflictView]:
    """Open conflicts, newest first, one row per field of a record, labelled with the client they
    concern when the user may see it."""
    with book.session_scope() as s:
        rows = list(s.scalars(select(Conflict).where(Conflict.status == "open")
                              .order_by(Conflict.detected_at.desc(), Conflict.id).limit(limit)))
        client_ids = {c.record_id for c in rows if c.table_name == "clients"}
        names = dict(s.execute(select(Client.id, Client.name).where(Client.id.in_(client_ids), client_clause(book))).all()) \
            if client_ids else {}
        return _group(book, s, rows, names)


def resolve(book: Any, ids: tuple[str, ...] | list[str], *, keep: str) -> None:
    """Resolve one inbox row (all its conflicts, oldest first) by keeping the local or the server's
    values, in one transaction."""
    from kamdesk.sync.engine import resolve_conflicts

    resolve_conflicts(book, list(ids), keep=keep)


def merge(book: Any, conflict_id: str, value: Any) -> None:
    """Resolve a free-text client field's conflict with a value the user typed. The value is
    validated first; the field is written and the conflict closed in one transaction, so on a bad
    value nothing changes and the conflict stays open. The write is an ordinary edit (it syncs)."""
    from kamdesk.services.clients import clean_field, editable_fields, field_label
    from kamdesk.services.search import refresh_index

    with book.session_scope(write=True) as s:
        c = s.get(Conflict, conflict_id)
        if c is None or c.status != "open":
            raise NotFound(_("找不到冲突记录。"))
        if c.table_name != "clients" or c.field not in MERGEABLE:
            raise ValidationError(c.field, _("此字段不能合并编辑"))
        if c.field not in editable_fields(book):
            raise PermissionDenied(_("修改「{f}」").format(f=field_label(c.field)))
        client = require_client_visible(s, book, c.record_id)
        setattr(client, c.field, clean_field(s, book, client, c.field, value))
        flag_modified(client, c.field)  # a new stamp even when the merged value equals the current one
        c.status = "resolved"
    refresh_index(book)
