"""Wire schemas shared by the sync server and the client engine (pydantic v2).

Field values travel as JSON: text, numbers and booleans as is, dates and datetimes as ISO-8601
text, Decimal amounts as text, and bytes (C2 ciphertext) as {"$b64": "..."} (see
`encode_value` / `decode_bytes`). Per-field stamps are hybrid-logical-clock strings
(`kamdesk.common.hlc`). Nothing here is Qt or database specific.
"""
from __future__ import annotations

import base64
import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

PROTOCOL_VERSION = 1
API_PREFIX = "/api/v1"


# -- value codec -------------------------------------------------------------------------------

def encode_value(value: Any) -> Any:
    """A JSON-able form of a column value."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return value


def decode_bytes(value: Any) -> bytes | None:
    if value is None:
        return None
    if isinstance(value, dict) and "$b64" in value:
        return base64.b64decode(value["$b64"])
    raise ValueError("not an encoded bytes value")


def is_bytes(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"$b64"}


# -- health ---------------------------------------------------------------------------------------

class Health(BaseModel):
    status: str = "ok"
    database: str = "ok"


class VersionInfo(BaseModel):
    server: str
    protocol: int = PROTOCOL_VERSION
    schema_revision: str | None = None


class ErrorBody(BaseModel):
    code: str
    message: str
    wipe: bool = False


# -- authentication -------------------------------------------------------------------------------

class LoginRequest(BaseModel):
    username: str
    password: str
    totp: str | None = None
    device_id: str = Field(description="the device's id (UUIDv7); first login registers it")
    device_name: str = ""
    device_public_key: str | None = Field(default=None, description="X25519 public key, base64 (registration)")


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"
    expires_in: int
    user: "UserPublic"
    device_id: str


class RefreshRequest(BaseModel):
    refresh_token: str
    device_id: str | None = Field(default=None, description="lets a revoked device learn it must wipe")


# -- organisation / administration ------------------------------------------------------------------

class UserPublic(BaseModel):
    id: str
    username: str
    display_name: str
    role: str
    team_id: str | None = None
    team_name: str = ""
    branch: str = ""
    active: bool = True
    totp_enabled: bool = False
    must_change_password: bool = False


class UserCreate(BaseModel):
    """No password: the account gets a one-time enrolment secret that only the user turns into a
    password (`POST /auth/enrol`); roles that reach client data wait for a second administrator."""

    username: str
    display_name: str = ""
    role: str
    team: str | None = None
    branch: str = ""
    reason: str = Field(default="", max_length=500, description="why (shown to the approving administrator)")


class TeamPublic(BaseModel):
    id: str
    name: str
    branch: str = ""
    lead_id: str | None = None


class TeamCreate(BaseModel):
    name: str
    branch: str = ""


class DevicePublic(BaseModel):
    id: str
    user_id: str
    name: str = ""
    registered_at: str
    last_seen_at: str | None = None
    revoked: bool = False


class ReassignRequest(BaseModel):
    client_id: str
    owner: str = Field(description="username or user id of the new owner")


class AdminReason(BaseModel):
    """A password reset or a rejection: the reason goes into the approval and the admin log."""

    reason: str = Field(default="", max_length=500)


class RoleChange(BaseModel):
    role: str
    reason: str = Field(default="", max_length=500)


class TeamLeadChange(BaseModel):
    user: str = Field(description="username or user id of the new team lead")
    reason: str = Field(default="", max_length=500)


class EnrolmentIssued(BaseModel):
    """Shown once to the administrator who completes the action, to hand to the user out of band."""

    username: str
    enrolment_secret: str
    expires_at: str


class EnrolRequest(BaseModel):
    """Unauthenticated: the user turns their enrolment secret into a password of their own."""

    username: str = Field(max_length=64)
    enrolment_secret: str = Field(max_length=200)
    new_password: str = Field(max_length=1024)


class ApprovalPublic(BaseModel):
    id: str
    kind: str = Field(description="user.create, user.role, user.reset or team.lead")
    target: str
    detail: dict[str, Any] = {}
    reason: str = ""
    requested_by: str
    requested_at: str
    expires_at: str
    status: str = Field(description="pending, approved, rejected or expired")
    decided_by: str | None = None
    decided_at: str | None = None
    decision_reason: str = ""


class AdminOutcome(BaseModel):
    """An administrative action's result: done (with the enrolment secret where one was made) or
    pending a second administrator's approval."""

    status: str = Field(description="done or pending")
    user: UserPublic | None = None
    approval: ApprovalPublic | None = None
    enrolment: EnrolmentIssued | None = None


class PasswordChange(BaseModel):
    """The signed-in user's own password change (also ends an administrator's forced reset)."""

    old_password: str
    new_password: str


# -- keys ---------------------------------------------------------------------------------------

class WrappedKey(BaseModel):
    """A domain key (data key + index key, 64 bytes) wrapped for one device's X25519 key:
    ECDH(ephemeral, device) -> HKDF-SHA256 -> AES-256-GCM, AAD = device|domain|version."""

    domain: str
    version: int
    ephemeral_public_key: str
    nonce: str
    ciphertext: str


class KeysResponse(BaseModel):
    keys: list[WrappedKey]


# -- sync -----------------------------------------------------------------------------------------

class Change(BaseModel):
    """One record's changed fields, each with its HLC stamp."""

    table: str
    id: str
    fields: dict[str, Any]
    stamps: dict[str, str]
    base_seq: int | None = Field(default=None, description="server seq the device last saw of this record")


class AuditEntry(BaseModel):
    seq: int
    id: str
    at: str
    actor_id: str
    device_id: str
    action: str
    entity: str = ""
    entity_id: str = ""
    detail: str = "{}"
    prev_hash: str
    hash: str


class PushRequest(BaseModel):
    idempotency_key: str
    changes: list[Change] = Field(default_factory=list)
    audit: list[AuditEntry] = Field(default_factory=list)


class Rejection(BaseModel):
    table: str
    id: str
    field: str
    reason: str


class ConflictInfo(BaseModel):
    id: str
    table: str
    record_id: str
    field: str
    winner_value: Any = None
    loser_value: Any = None
    winner_hlc: str
    loser_hlc: str
    seq: int = 0


class PushResponse(BaseModel):
    accepted: int = 0
    rejected: list[Rejection] = Field(default_factory=list)
    conflicts: list[ConflictInfo] = Field(default_factory=list)
    audit_accepted: int = 0
    audit_error: str | None = None
    replayed: bool = False
    seq: int = 0


class Record(BaseModel):
    table: str
    id: str
    fields: dict[str, Any]
    stamps: dict[str, str]
    seq: int


class PullRequest(BaseModel):
    since_seq: int = 0
    since_gen: int = 0
    limit: int = 1000
    repair_tables: list[str] = Field(default_factory=list)


class PullResponse(BaseModel):
    records: list[Record] = Field(default_factory=list)
    evict_clients: list[str] = Field(default_factory=list)
    conflicts: list[ConflictInfo] = Field(default_factory=list)
    next_seq: int
    next_gen: int
    has_more: bool = False
    wipe: bool = False


class AuditChainStatus(BaseModel):
    device_id: str
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str = ""


class TableChecksum(BaseModel):
    count: int
    checksum: str


class ChecksumResponse(BaseModel):
    tables: dict[str, TableChecksum]
    seq: int


TokenPair.model_rebuild()


def table_checksum(count: int, seq_sum: int | None, seq_max: int | None) -> "TableChecksum":
    """Per-table drift detector over the records of the user's partition, computed by both sides
    with SQL aggregates: row count, sum and maximum of the server sequence numbers. A missing or
    extra row changes the count; a row that missed a change has an older seq and changes the sum."""
    return TableChecksum(count=int(count), checksum=f"{int(seq_sum or 0)}:{int(seq_max or 0)}")
