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
from typing import Annotated, Any

from pydantic import BaseModel, Field

PROTOCOL_VERSION = 1
API_PREFIX = "/api/v1"

# -- bounded integers ----------------------------------------------------------------------------
# Every integer on the wire is strict (JSON `true` is not 1) and bounded, so no caller can push a
# value past what the databases (BIGINT) or a JavaScript number can hold.
MAX_SEQ = 2**53 - 1
MAX_PAGE = 10_000
Seq = Annotated[int, Field(strict=True, ge=0, le=MAX_SEQ)]
Count = Annotated[int, Field(strict=True, ge=0, le=MAX_SEQ)]
PageLimit = Annotated[int, Field(strict=True, ge=1, le=MAX_PAGE)]
KeyVersion = Annotated[int, Field(strict=True, ge=1, le=1_000_000)]
Seconds = Annotated[int, Field(strict=True, ge=0, le=10 * 365 * 86_400)]

# -- bounded strings -----------------------------------------------------------------------------
# Every string a push carries is bounded by the server column that stores it (kamdesk/server/
# storage.py), so an overlong value answers 422 instead of reaching the database (VARCHAR(n) on
# PostgreSQL raises, SQLite stores it as is).
TableName = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]{0,63}$")]
ColumnName = Annotated[str, Field(min_length=1, max_length=64)]
RecordId = Annotated[str, Field(min_length=1, max_length=36, pattern=r"^[0-9A-Za-z-]{1,36}$")]
IdemKey = Annotated[str, Field(min_length=1, max_length=64)]
StampText = Annotated[str, Field(max_length=64)]
Id36 = Annotated[str, Field(max_length=36)]
Hash64 = Annotated[str, Field(max_length=64)]
AUDIT_DETAIL_MAX = 100_000


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
    protocol: Count = PROTOCOL_VERSION
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
    device_id: str | None = Field(default=None, max_length=36,
                                  description="a device id the server issued to this user; omitted, the login "
                                              "registers a new device and the server issues its id")
    device_name: str = ""
    device_public_key: str | None = Field(default=None, description="X25519 public key, base64 (registration)")


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"
    expires_in: Seconds
    user: "UserPublic"
    device_id: str = Field(description="the device's server-issued id (new on a registration)")


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
    version: KeyVersion
    ephemeral_public_key: str
    nonce: str
    ciphertext: str


class KeysResponse(BaseModel):
    keys: list[WrappedKey]


# -- sync -----------------------------------------------------------------------------------------

class Change(BaseModel):
    """One record's changed fields, each with its HLC stamp."""

    table: TableName
    id: RecordId
    fields: dict[ColumnName, Any]
    stamps: dict[ColumnName, StampText]
    base_seq: Seq | None = Field(default=None, description="server seq the device last saw of this record")


class AuditEntry(BaseModel):
    seq: Seq
    id: Id36
    at: Annotated[str, Field(max_length=32)]
    actor_id: Id36
    device_id: Id36
    action: Annotated[str, Field(max_length=64)]
    entity: Annotated[str, Field(max_length=64)] = ""
    entity_id: Id36 = ""
    detail: Annotated[str, Field(max_length=AUDIT_DETAIL_MAX)] = "{}"
    prev_hash: Hash64
    hash: Hash64


class PushRequest(BaseModel):
    idempotency_key: IdemKey
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
    seq: Seq = 0


class PushResponse(BaseModel):
    accepted: Count = 0
    rejected: list[Rejection] = Field(default_factory=list)
    conflicts: list[ConflictInfo] = Field(default_factory=list)
    audit_accepted: Count = 0
    audit_error: str | None = None
    replayed: bool = False
    seq: Seq = 0


class Record(BaseModel):
    table: str
    id: str
    fields: dict[str, Any]
    stamps: dict[str, str]
    seq: Seq


class PullRequest(BaseModel):
    since_seq: Seq = 0
    since_gen: Seq = 0
    limit: PageLimit = 1000
    repair_tables: list[TableName] = Field(default_factory=list, max_length=200)


class PullResponse(BaseModel):
    records: list[Record] = Field(default_factory=list)
    evict_clients: list[str] = Field(default_factory=list)
    conflicts: list[ConflictInfo] = Field(default_factory=list)
    next_seq: Seq
    next_gen: Seq
    has_more: bool = False
    wipe: bool = False


class AuditChainStatus(BaseModel):
    device_id: str
    ok: bool
    checked: Count
    first_bad_seq: Seq | None = None
    problem: str = ""


class TableChecksum(BaseModel):
    count: Count
    checksum: str


class ChecksumResponse(BaseModel):
    tables: dict[str, TableChecksum]
    seq: Seq


TokenPair.model_rebuild()


def table_checksum(count: int, seq_sum: int | None, seq_max: int | None) -> "TableChecksum":
    """Per-table drift detector over the records of the user's partition, computed by both sides
    with SQL aggregates: row count, sum and maximum of the server sequence numbers. A missing or
    extra row changes the count; a row that missed a change has an older seq and changes the sum."""
    return TableChecksum(count=int(count), checksum=f"{int(seq_sum or 0)}:{int(seq_max or 0)}")
