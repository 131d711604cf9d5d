"""The permission matrix, generated from kamdesk/resources/policy.json and the field dictionary.

A cell is (role, table, field, action) with the outcome the policy prescribes:
- read: "clear" (the stored value arrives), "masked" (a mask column arrives), "none" (absent);
- write: True/False (a pushed change of that field on a record of the table is accepted).

Columns come from kamdesk/resources/field_dictionary.json when it exists (it classifies every
field: data class, key domain, part, may-carry-name, type, enum), otherwise from the client models
and policy.json's `sensitive_columns`. Nothing here talks to the server (see test_matrix.py).
"""
from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from importlib import resources
from typing import Any

from kamdesk.security.policy import Policy, default_policy

LOCAL_ONLY = {"audit_events", "conflicts", "change_log", "meta", "outbox", "domain_keys"}
META = {"id", "clock", "server_seq", "created_at", "updated_at"}
SUFFIX_PART = {"_ct": "ciphertext", "_bi": "blind_index", "_mask": "mask"}


@dataclass(frozen=True)
class Column:
    table: str
    name: str
    type: str  # str, int, bool, date, datetime, decimal, json, bytes-envelope
    domain: str | None = None  # C2 key domain of a sensitive column
    part: str | None = None  # ciphertext, blind_index, mask
    field: str | None = None  # the logical C2 field (phone for phone_ct)
    mask: str | None = None  # mask kind
    enum: tuple[str, ...] = ()
    may_carry_name: bool = False
    json_shape: str = ""  # list or dict, for json columns
    pattern: str = ""  # the shape of an id (UUID) or hash column in the field dictionary


# the fields that may carry a client's name (used until the field dictionary exists; it says so per column)
NAME_BEARING = {
    "clients": {"address", "established_on", "name", "notes", "short_name"},
    "contacts": {"birthday", "email", "name", "preferences", "title"},
    "opportunities": {"closed_reason", "name"}, "opportunity_stages": {"note"},
    "proposals": {"change_summary", "data", "title"}, "questionnaire_responses": {"answers"}, "risk_notes": {"text"},
    "service_request_events": {"note"}, "service_requests": {"detail", "resolution", "title"},
    "tasks": {"detail", "title"}, "visits": {"agenda", "attendees", "notes", "outcome", "place"},
}


def _dictionary() -> dict[str, Any] | None:
    f = resources.files("kamdesk") / "resources" / "field_dictionary.json"
    return json.loads(f.read_text("utf-8")) if f.is_file() else None


_MODEL_TYPES = {"String": "str", "Text": "str", "Integer": "int", "Boolean": "bool", "Date": "date",
                "DateTime": "datetime", "Money": "decimal", "JSON": "json", "LargeBinary": "bytes-envelope"}


def columns(policy: Policy | None = None) -> dict[str, list[Column]]:
    """Every synced table's data columns."""
    policy = policy or default_policy()
    entities = {t for r in policy.roles.values() for t in r.entities} - LOCAL_ONLY
    out: dict[str, list[Column]] = {}
    fd = _dictionary()
    if fd is not None:
        for table, spec in fd["tables"].items():
            if table in LOCAL_ONLY:
                continue
            out[table] = [Column(table, name, e["type"], e.get("domain"), e.get("part"), e.get("field"), e.get("mask"),
                                 tuple(e.get("enum") or ()), bool(e.get("may_carry_name")),
                                 e.get("json_shape") or "", e.get("pattern") or "" if not e.get("part") else "")
                          for name, e in sorted(spec["columns"].items()) if name not in META]
        return out
    from kamdesk.models import client, org, product, visit, work  # noqa: F401  (register the tables)
    from kamdesk.models.base import Base
    from kamdesk.server.demo import SENSITIVE_FIELDS

    for table in sorted(entities & set(Base.metadata.tables)):
        cols = []
        for c in Base.metadata.tables[table].columns:
            if c.name in META:
                continue
            domain = policy.sensitive_domain(table, c.name)
            part = next((v for s, v in SUFFIX_PART.items() if c.name.endswith(s)), None) if domain else None
            field = c.name.rsplit("_", 1)[0] if part else None
            kind = SENSITIVE_FIELDS.get(table, {}).get(field or "", (None, None))[1]
            cols.append(Column(table, c.name, _MODEL_TYPES.get(type(c.type).__name__, "str"), domain, part, field, kind,
                               may_carry_name=c.name in NAME_BEARING.get(table, set())))
        out[table] = cols
    return out


def sees_partition(policy: Policy, role: str, table: str) -> bool:
    """Whether the role sees the test partition: a corporate client of rm11 (team 1, the branch);
    agenda states are rm11's own."""
    if table == "agenda_states":
        return role == "rm"
    return policy.role(role).scope in ("own_book", "team_book", "branch_corporate", "all")


def expected_read(policy: Policy, role: str, col: Column) -> str:
    if not policy.can_read(role, col.table) or not policy.can(role, "sync"):
        return "none"
    if col.table not in ("products", "users", "teams") and not sees_partition(policy, role, col.table):
        return "none"
    if col.domain and col.part == "mask":
        return "masked" if policy.display_mode(role, col.domain) != "none" else "none"
    if col.domain:
        return "clear" if policy.holds_key(role, col.domain) else "none"
    return "clear"


def expected_write(policy: Policy, role: str, col: Column) -> bool:
    if not policy.can(role, "sync") or not policy.can_write(role, col.table):
        return False
    if not policy.can_write_field(role, col.table, col.name):
        return False
    if col.table == "agenda_states" or not sees_partition(policy, role, col.table):
        return col.table == "agenda_states" and role == "rm"
    if col.domain and not policy.holds_key(role, col.domain):
        return False
    return True


def sample_value(col: Column, *, n: int = 0) -> Any:
    """A valid wire value for a plain column (C2 columns are built with keys by the caller)."""
    if col.enum:
        return col.enum[0]
    if col.pattern and col.type == "str":
        if "{64}" in col.pattern:
            return f"{n:064x}"
        return str(uuid.UUID(int=n + 1))
    if col.type == "json":
        return [] if col.json_shape == "list" or col.name in ("attendees", "product_ids", "questions") else {}
    return {"str": f"m{n}", "int": 1, "bool": False, "date": dt.date(2024, 1, 2).isoformat(),
            "datetime": dt.datetime(2024, 1, 2, 3, 4, 5).isoformat(), "decimal": "1.00", "json": {},
            "bytes-envelope": None}.get(col.type, f"m{n}")
