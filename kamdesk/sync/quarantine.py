"""Quarantine of pulled records the client cannot apply (DESIGN.md §4b, issue #10 hole 4).

The server validates every pushed value against the field dictionary, but a record stored
before that (or written around it) could still hold a value this client cannot decode — and one
such value used to fail every sync round of every colleague who could see the record. Now the
engine checks each pulled record first (`problem`): a record with a value that fails the field
dictionary or the column's decoder, or with a malformed stamp, is not applied; it is held here
(table, id, server sequence, the names of the bad fields and the reason — never a value), the
rest of the page is applied and the checkpoint moves on. A later valid version of the record
replaces it and releases it. The list lives in the file's `meta` table (`sync_quarantine`) and
is shown by `kamdesk sync status` and on the sync screen.

Checksums: the server counts a quarantined record; `adjust_checksums` counts it locally too (at
the server's sequence), so the drift check does not re-download the table every round for it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import InvalidOperation
from typing import Any

from sqlalchemy import select

from kamdesk.common.hlc import Stamp
from kamdesk.models import Meta
from kamdesk.security.fielddict import field_dictionary
from kamdesk.sync import protocol as p

META_QUARANTINE = "sync_quarantine"
MAX_HELD = 10_000  # entries kept (the oldest go first); a count beyond that still shows


@dataclass(frozen=True)
class Held:
    table: str
    record_id: str
    seq: int
    fields: tuple[str, ...]
    reason: str
    client_id: str | None = None
    at: str = ""


def problem(codec: Any, rec: p.Record) -> tuple[list[str], str] | None:
    """(bad field names, first reason) when the record cannot be applied, else None."""
    fd = field_dictionary()
    bad: list[str] = []
    reason = ""
    for name, value in rec.fields.items():
        if name not in codec.columns:
            continue  # a column this client does not have is ignored, as before
        why = fd.check(rec.table, name, value)
        if why is None:
            try:
                codec.decoders[name](value)
            except (ValueError, TypeError, InvalidOperation, OverflowError):
                why = "value cannot be decoded"
        if why is None and name in rec.stamps:
            try:
                Stamp.decode(rec.stamps[name])
            except ValueError:
                why = "malformed HLC stamp"
        if why is not None:
            bad.append(name)
            reason = reason or f"{name}: {why}"
    return (bad, reason) if bad else None


class Quarantine:
    """The held records of one file, loaded and saved within the page's transaction."""

    def __init__(self, s: Any) -> None:
        self.s = s
        row = s.get(Meta, META_QUARANTINE)
        self.entries: dict[tuple[str, str], dict[str, Any]] = {
            (e["table"], e["record_id"]): e for e in (row.value if row and isinstance(row.value, list) else [])}
        self.dirty = False

    def hold(self, rec: p.Record, fields: list[str], reason: str) -> None:
        client_id = rec.id if rec.table == "clients" else rec.fields.get("client_id")
        self.entries[(rec.table, rec.id)] = {
            "table": rec.table, "record_id": rec.id, "seq": rec.seq, "fields": sorted(fields), "reason": reason,
            "client_id": client_id if isinstance(client_id, str) else None,
            "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
        self.dirty = True

    def release(self, table: str, record_id: str) -> None:
        if self.entries.pop((table, record_id), None) is not None:
            self.dirty = True

    def evict(self, client_id: str) -> None:
        for key, e in list(self.entries.items()):
            if e.get("client_id") == client_id or (e["table"] == "clients" and e["record_id"] == client_id):
                del self.entries[key]
                self.dirty = True

    def save(self) -> None:
        if self.dirty:
            value = sorted(self.entries.values(), key=lambda e: e["seq"])[-MAX_HELD:]
            self.s.merge(Meta(key=META_QUARANTINE, value=value))


def held(s: Any) -> list[Held]:
    row = s.get(Meta, META_QUARANTINE)
    out = []
    for e in (row.value if row and isinstance(row.value, list) else []):
        out.append(Held(table=e["table"], record_id=e["record_id"], seq=int(e["seq"]), fields=tuple(e["fields"]),
                        reason=str(e["reason"]), client_id=e.get("client_id"), at=str(e.get("at", ""))))
    return out


def adjust_checksums(s: Any, tables: dict[str, Any], sums: dict[str, list[int]]) -> None:
    """Count the held records as the server does: `sums` is {table: [count, seq_sum, seq_max]}."""
    for h in held(s):
        codec = tables.get(h.table)
        if codec is None:
            continue
        n, total, top = sums.setdefault(h.table, [0, 0, 0])
        local = s.scalar(select(codec.cls.server_seq).where(codec.cls.id == h.record_id))
        if local is None and s.scalar(select(codec.cls.id).where(codec.cls.id == h.record_id)) is None:
            n += 1
            total += h.seq
        else:
            total += h.seq - int(local or 0)
        sums[h.table] = [n, total, max(top, h.seq)]
