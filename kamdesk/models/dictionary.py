"""The field dictionary, generated from the models (DESIGN.md §4b): every syncable table and
column with its wire type, nullability, length, enum values, data class, key domain and mask,
and whether free text can carry a client's name (or other C2/C3 content).

The server must not import the models, so the dictionary is written to
`kamdesk/resources/field_dictionary.json` and read there through `kamdesk.security.fielddict`.
Regenerate it after a model change and commit the file (a test checks that it matches):

    python -m kamdesk.models.dictionary          # rewrite the file
    python -m kamdesk.models.dictionary --check  # exit 1 when it differs from the models
"""
from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, LargeBinary, String, Text, inspect

from kamdesk.models import syncable_tables
from kamdesk.models.base import SENSITIVE, Money
from kamdesk.models.client import CLIENT_KINDS, LIFECYCLE_STAGES, RISK_TOLERANCES, TIERS
from kamdesk.models.product import PRODUCT_TYPES, RISK_LEVELS
from kamdesk.models.session import sync_columns
from kamdesk.models.approval import APPROVAL_KINDS, APPROVAL_STATUSES
from kamdesk.models.visit import VISIT_KINDS, VISIT_STATUSES
from kamdesk.models.work import (OPPORTUNITY_STAGES, PROPOSAL_STATUSES, REQUEST_CHANNELS, REQUEST_EVENT_ACTIONS,
                                 REQUEST_KINDS, REQUEST_PRIORITIES, REQUEST_STATUSES)

FILE_NAME = "field_dictionary.json"
# Contact roles (the labels in kamdesk/ui/labels.py and the demo data use the same codes).
CONTACT_ROLES = ("decision_maker", "finance", "operations", "other")
DICTIONARY_VERSION = 1

# Values the models constrain (the module-level tuples the services validate against).
ENUMS: dict[str, tuple[str, ...]] = {
    "clients.kind": CLIENT_KINDS, "clients.tier": TIERS, "clients.lifecycle_stage": LIFECYCLE_STAGES,
    "clients.risk_tolerance": RISK_TOLERANCES, "products.product_type": PRODUCT_TYPES,
    "products.risk_level": RISK_LEVELS, "opportunities.stage": OPPORTUNITY_STAGES,
    "opportunity_stages.from_stage": OPPORTUNITY_STAGES, "opportunity_stages.to_stage": OPPORTUNITY_STAGES,
    "service_requests.status": REQUEST_STATUSES, "service_requests.kind": REQUEST_KINDS,
    "service_requests.priority": REQUEST_PRIORITIES, "service_requests.channel": REQUEST_CHANNELS,
    "service_request_events.action": REQUEST_EVENT_ACTIONS,
    "approvals.kind": APPROVAL_KINDS, "approvals.status": APPROVAL_STATUSES,
    "visits.kind": VISIT_KINDS, "visits.status": VISIT_STATUSES, "proposals.status": PROPOSAL_STATUSES,
    "contacts.role": CONTACT_ROLES,
}

# Free text (and personal facts) that can carry a client's name or other C2/C3 content. For roles
# whose policy masks individual names (`mask_individual_names`), fields of records that belong to
# an individual client are sent masked (`mask`: surname kept, as a name) or withheld (`withhold`:
# the field is not sent at all; long free text, personal facts). A text column not listed here
# must be listed in NO_NAME_TEXT (a test keeps every text column classified).
MAY_CARRY_NAME: dict[str, str] = {
    "clients.name": "mask", "clients.short_name": "mask", "clients.address": "withhold",
    "clients.established_on": "withhold", "clients.notes": "withhold",
    "contacts.name": "mask", "contacts.title": "withhold", "contacts.birthday": "withhold",
    "contacts.email": "withhold", "contacts.preferences": "withhold",
    "visits.place": "withhold", "visits.attendees": "withhold", "visits.agenda": "withhold",
    "visits.notes": "withhold", "visits.outcome": "withhold",
    "questionnaire_responses.answers": "withhold",
    "tasks.title": "mask", "tasks.detail": "withhold",
    "opportunities.name": "mask", "opportunities.closed_reason": "withhold",
    "opportunity_stages.note": "withhold",
    "service_requests.title": "mask", "service_requests.detail": "withhold",
    "service_requests.resolution": "withhold", "service_request_events.note": "withhold",
    "proposals.title": "mask", "proposals.data": "withhold", "proposals.change_summary": "withhold",
    "risk_notes.text": "mask",
    # an approval's reasons are the requester's and the approver's own words: withheld on rows of an
    # individual client (the approver still sees kind, product, requester and dates)
    "approvals.reason": "withhold", "approvals.decision_reason": "withhold",
    # free JSON written by the requester's client (product name, levels, filters): any text fits
    "approvals.detail": "withhold",
    # configured data (resources/sla_policy.json), but the stored values are not a closed list (older
    # categories, imports): free text, masked like a title
    "service_requests.category": "mask",
}
# Text columns that hold codes, ids or organisation data, never a client's name.
NO_NAME_TEXT = frozenset({
    "approvals.kind", "approvals.status", "approvals.decided_by",
    "clients.industry", "clients.lifecycle_stage", "clients.tier", "clients.kind", "clients.branch",
    "clients.status", "clients.city", "clients.risk_tolerance", "clients.owner_id", "clients.team_id",
    "clients.parent_id", "contacts.role", "relationship_team.role", "contributions.month",
    "risk_notes.severity", "visits.kind", "visits.status", "questionnaire_templates.code",
    "questionnaire_templates.name", "questionnaire_templates.for_kind", "questionnaire_templates.questions",
    "tasks.status", "tasks.source", "agenda_states.key", "agenda_states.state", "opportunities.stage",
    "opportunity_members.role", "opportunity_stages.from_stage", "opportunity_stages.to_stage",
    "service_requests.kind", "service_requests.channel",
    "service_requests.priority", "service_requests.status", "service_request_events.action",
    "proposals.status", "proposals.pdf_sha256", "products.code", "products.name", "products.product_type",
    "products.risk_level", "products.fee", "products.currency", "products.for_kind", "products.description",
    "products.disclosure", "holdings.status", "teams.name", "teams.branch", "users.username",
    "users.display_name", "users.role", "users.branch", "users.title", "users.phone", "users.email",
    "opportunities.product_ids",
})

# Mask shapes by mask kind: a fixed number of kept characters around at least one star, so a mask
# never holds a whole value; or stars only (a value too short to keep anything).
MASK_PATTERNS: dict[str, str] = {
    "id_number": r"[0-9A-Za-z]{6}\*+[0-9A-Za-z]{4}|\*{1,10}",
    "credit_code": r"[0-9A-Za-z]{8}\*+|\*{1,8}",
    "phone": r"[0-9+]{3}\*+[0-9]{4}|\*{1,7}",
    "account": r"[0-9]{6}\*+[0-9]{4}|\*{1,10}",
    "rating": r"\*{3}",
    "amount": "@bands",  # one of the amount band labels (kamdesk.security.masking.BAND_LABELS) or ****
}
BLIND_INDEX_PATTERN = r"[0-9a-f]{64}"
# Columns that hold a record id (`*_id`, batch/series ids, decided_by) accept a UUID only, hashes 64
# lowercase hex characters, so no such column can carry text (a name) past the push check.
UUID_PATTERN = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
SHA256_PATTERN = r"[0-9a-f]{64}"
ID_COLUMNS_EXTRA = frozenset({"approvals.decided_by"})
HASH_COLUMNS = frozenset({"proposals.pdf_sha256"})
# JSON lists of ids: every item must be a UUID
ID_LISTS = frozenset({"opportunities.product_ids"})


def _is_id_column(full: str, key: str, entry: dict[str, Any]) -> bool:
    return entry["type"] == "str" and entry.get("max_length") == 36 and (key.endswith("_id") or full in ID_COLUMNS_EXTRA)


def _wire_type(col: Any) -> dict[str, Any]:
    t = col.type
    if isinstance(t, Money):
        return {"type": "decimal", "max_length": 40}
    if isinstance(t, LargeBinary):
        return {"type": "bytes-envelope"}
    if isinstance(t, DateTime):
        return {"type": "datetime"}
    if isinstance(t, Date):
        return {"type": "date"}
    if isinstance(t, Boolean):
        return {"type": "bool"}
    if isinstance(t, Integer):
        return {"type": "int"}
    if isinstance(t, JSON):
        return {"type": "json"}
    if isinstance(t, Text):
        return {"type": "str", "max_length": None}
    if isinstance(t, String):
        return {"type": "str", "max_length": t.length}
    raise TypeError(f"column type {t!r} has no wire type in the field dictionary")


def _json_shape(cls: type, key: str) -> str:
    ann = str(cls.__annotations__.get(key, "")) if key in getattr(cls, "__annotations__", {}) else ""
    if not ann:
        for base in cls.__mro__:
            ann = str(getattr(base, "__annotations__", {}).get(key, ""))
            if ann:
                break
    return "list" if "list" in ann else "dict"


def build() -> dict[str, Any]:
    enums = ENUMS
    tables: dict[str, Any] = {}
    for table, cls in sorted(syncable_tables().items()):
        mapper = inspect(cls)
        specs = SENSITIVE.get(table, {})
        parts = {}
        for name, spec in specs.items():
            parts[spec.ct] = ("ciphertext", spec)
            parts[spec.mask_col] = ("mask", spec)
            if spec.blind_index:
                parts[spec.bi] = ("blind_index", spec)
        cols: dict[str, Any] = {}
        for key in sync_columns(cls):
            col = mapper.column_attrs[key].columns[0]
            entry: dict[str, Any] = {**_wire_type(col), "nullable": bool(col.nullable),
                                     "required": not col.nullable and col.default is None and col.server_default is None}
            if entry["type"] == "json":
                entry["json_shape"] = _json_shape(cls, key)
            full = f"{table}.{key}"
            if full in enums:
                entry["enum"] = list(enums[full])
            if _is_id_column(full, key, entry):
                entry["pattern"] = UUID_PATTERN
            elif full in HASH_COLUMNS:
                entry["pattern"] = SHA256_PATTERN
            if full in ID_LISTS:
                entry["items_pattern"] = UUID_PATTERN
            if key in parts:
                part, spec = parts[key]
                entry.update(data_class=spec.data_class, domain=spec.domain, field=spec.name, part=part)
                if part == "ciphertext":
                    entry.update(mask_column=spec.mask_col, mask=spec.mask,
                                 blind_index_column=spec.bi if spec.blind_index else None)
                elif part == "mask":
                    entry.update(mask=spec.mask, pattern=MASK_PATTERNS[spec.mask])
                else:
                    entry.update(pattern=BLIND_INDEX_PATTERN)
            else:
                entry["data_class"] = "C1"
            entry["may_carry_name"] = full in MAY_CARRY_NAME
            if full in MAY_CARRY_NAME:
                entry["masked_roles"] = MAY_CARRY_NAME[full]
            cols[key] = entry
        tables[table] = {"columns": cols}
    return {"version": DICTIONARY_VERSION,
            "note": "generated by `python -m kamdesk.models.dictionary` from kamdesk/models; do not edit",
            "tables": tables}


def render() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def resource_path() -> Path:
    return Path(str(resources.files("kamdesk.resources").joinpath(FILE_NAME)))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = resource_path()
    text = render()
    if "--check" in args:
        same = path.exists() and path.read_text(encoding="utf-8") == text
        print("field dictionary up to date" if same else f"field dictionary out of date: run python -m {__name__}")
        return 0 if same else 1
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
