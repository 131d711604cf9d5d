"""Typed change events: each operation returns a small frozen `Changes`; one app signal carries it
and each view refreshes only what it shows (Anki's OpChanges)."""
from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class Changes:
    clients: bool = False  # client rows added/edited/removed
    client_ids: frozenset[str] = field(default_factory=frozenset)  # which clients, when known
    agenda: bool = False
    visits: bool = False
    tasks: bool = False
    opportunities: bool = False
    requests: bool = False
    proposals: bool = False
    approvals: bool = False  # maker-checker requests filed or decided
    audit: bool = False
    outbox: bool = False  # pending changes count
    sync: bool = False
    lock: bool = False  # the book was locked/unlocked: hide or show client values

    def __or__(self, other: "Changes") -> "Changes":
        kw = {}
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            kw[f.name] = (a | b) if isinstance(a, frozenset) else (a or b)
        return Changes(**kw)

    def any(self) -> bool:
        return any(bool(getattr(self, f.name)) for f in fields(self))


NOTHING = Changes()
