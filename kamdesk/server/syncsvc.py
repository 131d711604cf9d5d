"""Push, pull, evict and checksums over the generic record store (DESIGN.md §4).

Visibility: a record belongs to a client partition (`client_id`; a client is its own partition),
to a user (`p_user`, for per-user rows such as agenda states and tasks without a client) or to
nobody (organisation and product tables). The policy's scope of the user's role decides which
client partitions are visible; entity and field rules decide what of them is sent or accepted.

Evictions: each device has a ledger of the partitions it was sent (`partitions`), tagged with
the pull generation of the response that carried them. The client echoes the generation of its
last durably applied page (`since_gen`), so a grant or eviction the device never committed is
simply sent again: the ledger never believes a device holds what it did not store.
"""
from __future__ import annotations

import time
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from sqlalchemy import and_, delete, false, func, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select

from kamdesk.common.errors import DecryptError, KamdeskError
from kamdesk.common.hlc import HybridClock, Stamp, is_later, parse as parse_stamp
from kamdesk.common.ids import new_id
from kamdesk.security.audit import verify_chain
from kamdesk.security.fieldcrypto import parse_envelope
from kamdesk.security.fielddict import field_dictionary, mask_free_text
from kamdesk.security.policy import Policy
from kamdesk.server import approvalrules, clientrules, issuerules
from kamdesk.server import storage as st
from kamdesk.server.auth import Principal
from kamdesk.server.pullfilter import conflicts_out, records_out
from kamdesk.sync import protocol as p

GLOBAL_TABLES = frozenset({"products", "questionnaire_templates", "users", "teams"})
USER_FIELD = {"relationship_team": "user_id", "tasks": "owner_id", "agenda_states": "user_id"}
USER_ONLY_TABLES = frozenset({"agenda_states"})  # never shared through the client partition
META_FIELDS = frozenset({"id", "clock", "server_seq", "created_at", "updated_at"})
SENSITIVE_SUFFIXES = ("_ct", "_bi", "_mask")

FIELDS = field_dictionary()
server_clock = HybridClock("server")
MAX_STAMP_AHEAD_MS = 24 * 3600 * 1000  # a pushed stamp may not be more than a day ahead of the server


def partition_of(table: str, record_id: str, fields: dict[str, Any]) -> str | None:
    if table == "clients":
        return record_id
    if table in GLOBAL_TABLES or table in USER_ONLY_TABLES:
        return None
    return fields.get("client_id")


def _denormalised(table: str, record_id: str, fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"client_id": partition_of(table, record_id, fields),
                           "p_user": fields.get(USER_FIELD[table]) if table in USER_FIELD else None,
                           "deleted": bool(fields.get("deleted"))}
    if table == "clients":
        out.update(p_owner=fields.get("owner_id"), p_team=fields.get("team_id"), p_branch=fields.get("branch"),
                   p_kind=fields.get("kind"))
    return out


def _device_tag(device_id: str) -> str:
    return device_id.replace("-", "")


# -- visibility ------------------------------------------------------------------------------------

def visible_clients_query(policy: Policy, who: Principal) -> Select[Any] | None:
    r = st.records
    scope = policy.role(who.role).scope
    base = select(r.c.record_id).where(r.c.tbl == "clients")
    if scope == "none":
        return None
    if scope == "all":
        return base
    if scope == "branch_corporate":
        return base.where(r.c.p_branch == who.branch, r.c.p_kind == "corporate")
    m = r.alias("m")
    member_of = select(m.c.client_id).where(m.c.tbl == "relationship_team", m.c.p_user == who.user_id,
                                            m.c.deleted == false())
    own = or_(r.c.p_owner == who.user_id, r.c.record_id.in_(member_of))
    if scope == "team_book" and who.team_id:
        return base.where(or_(own, r.c.p_team == who.team_id))
    return base.where(own)


def visible_clients(conn: Connection, policy: Policy, who: Principal) -> set[str]:
    q = visible_clients_query(policy, who)
    return set() if q is None else {row[0] for row in conn.execute(q)}


def readable_tables(policy: Policy, role: str) -> list[str]:
    return sorted(t for t, mode in policy.role(role).entities.items() if "r" in mode)


def visible_condition(policy: Policy, who: Principal) -> Any:
    r = st.records
    vq = visible_clients_query(policy, who)
    per_user = and_(r.c.client_id.is_(None), r.c.p_user == who.user_id)
    global_rows = and_(r.c.client_id.is_(None), r.c.tbl.in_(sorted(GLOBAL_TABLES)))
    options = [per_user, global_rows]
    if vq is not None:
        options.append(r.c.client_id.in_(vq))
    return and_(r.c.tbl.in_(readable_tables(policy, who.role)), or_(*options))


class FieldFilter:
    """Which fields of a record a role receives: C2 ciphertext and blind index only with the key
    domain; the mask unless the role's display mode for the domain is `none`. The domain is the
    column's (policy `sensitive_columns`), never the one written in the ciphertext envelope.
    Roles that see individual names masked get every field the field dictionary marks "may carry
    a name" masked or withheld in records of an individual client (`individual`)."""

    def __init__(self, policy: Policy, role: str) -> None:
        self.policy = policy
        self.role = role
        self.mask_individuals = policy.masks_individual_names(role)

    def apply(self, fields: dict[str, Any], stamps: dict[str, str], table: str = "",
              individual: bool | None = None) -> tuple[dict[str, Any], dict[str, str]]:
        out: dict[str, Any] = {}
        if individual is None:
            individual = table == "clients" and fields.get("kind") == "individual"
        names = FIELDS.name_fields(table) if self.mask_individuals and individual else {}
        for name, value in fields.items():
            if name.endswith(SENSITIVE_SUFFIXES) and not self._allowed(table, name, fields):
                continue
            mode = names.get(name)
            if mode == "withhold":
                continue
            if mode == "mask":
                value = mask_free_text(value)
            out[name] = value
        return out, {k: v for k, v in stamps.items() if k in out}

    def _allowed(self, table: str, name: str, fields: dict[str, Any]) -> bool:
        base, suffix = name.rsplit("_", 1)
        ct = fields.get(f"{base}_ct")
        domain = self.policy.sensitive_domain(table, name)
        if domain is None:
            # not a declared sensitive column: pass only what is not a stored ciphertext triple
            return not p.is_bytes(ct) and (f"{base}_ct" not in fields or fields.get(name) is None)
        if suffix == "mask":
            return self.policy.display_mode(self.role, domain) != "none"
        if not self.policy.holds_key(self.role, domain):
            return False
        # a stored envelope naming another domain (written before the push check) is never sent
        return not p.is_bytes(ct) or _envelope_domain(ct["$b64"]) == domain


@lru_cache(maxsize=256)
def _header_domain(head_b64: str) -> str | None:
    import base64

    try:
        head = base64.b64decode(head_b64)
        dlen = head[3]
        if head[:2] != b"KF" or len(head) < 4 + dlen:
            return None
        return head[4:4 + dlen].decode("ascii")
    except (ValueError, IndexError, UnicodeDecodeError):
        return None


def _envelope_domain(b64: str) -> str | None:
    """The key domain named in a ciphertext envelope's header, decoding only the header."""
    domain = _header_domain(b64[:32])
    if domain is None:  # fall back to the full parse (short or unusual envelopes)
        try:
            domain = parse_envelope(p.decode_bytes({"$b64": b64}) or b"")[1]
        except (DecryptError, ValueError):
            return None
    return domain


# -- push ------------------------------------------------------------------------------------------

class _Pusher:
    def __init__(self, conn: Connection, policy: Policy, who: Principal) -> None:
        self.conn = conn
        self.policy = policy
        self.who = who
        self.alloc = st.SeqAllocator(conn)
        self._visible: set[str] | None = None
        self.resp = p.PushResponse()

    @property
    def visible(self) -> set[str]:
        if self._visible is None:
            self._visible = visible_clients(self.conn, self.policy, self.who)
        return self._visible

    def reject(self, ch: p.Change, fields: Iterable[str], reason: str) -> None:
        for f in fields:
            self.resp.rejected.append(p.Rejection(table=ch.table, id=ch.id, field=f, reason=reason))

    def _in_scope(self, table: str, record_id: str, fields: dict[str, Any], existing: bool) -> bool:
        part = partition_of(table, record_id, fields)
        if part is not None:
            if part in self.visible:
                return True
            if table == "clients" and not existing:  # a new client of one's own book
                scope = self.policy.role(self.who.role).scope
                if fields.get("owner_id") == self.who.user_id:
                    return True
                return scope == "team_book" and bool(self.who.team_id) and fields.get("team_id") == self.who.team_id
            return False
        if table in GLOBAL_TABLES:
            return True  # table-level write permission already checked
        return (fields.get(USER_FIELD.get(table, "")) == self.who.user_id) if table in USER_FIELD else False

    def _field_allowed(self, ch: p.Change, name: str, value: Any, is_new: bool,
                       current: str | None = None) -> str | None:
        if name in META_FIELDS:
            return "not a data field"
        why = FIELDS.check(ch.table, name, value)  # declared column; type, length, enum, envelope, mask
        if why:
            return why
        if name not in ch.stamps:
            return "missing HLC stamp"
        try:
            stamp = Stamp.decode(ch.stamps[name])
        except ValueError:
            return "malformed HLC stamp"
        if ch.stamps[name] != current:  # (echoing the stored stamp back is a no-op, whoever wrote it)
            if stamp.device != _device_tag(self.who.device_id):
                return "HLC stamp of another device"
            if stamp.ms > time.time() * 1000 + MAX_STAMP_AHEAD_MS:
                return "HLC stamp too far in the future"
        if not self.policy.can_write_field(self.who.role, ch.table, name):
            if is_new and ch.table == "clients":
                # a new client of one's own: its owner, team and branch are the creator's; the kind
                # is chosen once, at creation (both read-only afterwards for an RM)
                defaults = {"owner_id": self.who.user_id, "team_id": self.who.team_id, "tier": "general",
                            "branch": self.who.branch}
                if value is None or defaults.get(name, object()) == value:
                    return None
                if name == "kind" and value in ("individual", "corporate"):
                    return None
            return f"field is read-only for role {self.who.role}"
        declared = self.policy.sensitive_domain(ch.table, name) if name.endswith(SENSITIVE_SUFFIXES) else None
        if declared is not None and not self.policy.holds_key(self.who.role, declared):
            return f"role {self.who.role} may not write {declared} data"
        return None

    def apply(self, ch: p.Change) -> None:
        r = st.records
        if not self.policy.can_write(self.who.role, ch.table):
            self.reject(ch, ch.fields, f"no write permission on {ch.table}")
            return
        row = self.conn.execute(select(r).where(r.c.tbl == ch.table, r.c.record_id == ch.id)).first()
        old_fields: dict[str, Any] = dict(row.fields) if row else {}
        if row is not None and not self._in_scope(ch.table, ch.id, old_fields, True):
            self.reject(ch, ch.fields, "record is outside your book")
            return
        allowed: dict[str, Any] = {}
        cur_stamps: dict[str, str] = dict(row.stamps) if row else {}
        for name, value in ch.fields.items():
            why = (self._field_allowed(ch, name, value, row is None, cur_stamps.get(name))
                   or approvalrules.field_error(self.policy, self.who, ch.table, name, value, old_fields, ch.fields)
                   or issuerules.field_error(self.conn, self.policy, ch.table, name, value, old_fields, ch.fields)
                   or clientrules.field_error(self.conn, self.who, ch.table, name, value, old_fields))
            if why:
                self.reject(ch, [name], why)
            else:
                allowed[name] = value
        if not allowed:
            return
        missing = FIELDS.required(ch.table) - set(old_fields) - set(allowed) if row is None else set()
        if missing:
            self.reject(ch, allowed, "a new record needs " + ", ".join(sorted(missing)))
            return
        proposed = {**old_fields, **allowed}
        if not self._in_scope(ch.table, ch.id, proposed, row is not None):
            self.reject(ch, allowed, "record is outside your book")
            return
        fields = dict(old_fields)
        stamps: dict[str, str] = dict(row.stamps) if row else {}
        fseq: dict[str, int] = dict(row.fseq) if row else {}
        base = ch.base_seq or 0
        me = _device_tag(self.who.device_id)
        changed = False
        for name, value in allowed.items():
            stamp = ch.stamps[name]
            cur = stamps.get(name)
            if cur == stamp:
                continue  # the same edit again (a retried batch)
            cur_stamp = parse_stamp(cur)  # a stored malformed stamp (before strict parsing) loses
            other = cur_stamp.device if cur_stamp else ""
            concurrent = (cur_stamp is not None and int(fseq.get(name, 0)) > base
                          and other != me and fields.get(name) != value)
            if is_later(stamp, cur):
                if concurrent:
                    self._conflict(ch, name, value, stamp, fields.get(name), cur, other)
                fields[name], stamps[name] = value, stamp
                changed = True
            elif concurrent:
                self._conflict(ch, name, fields.get(name), cur, value, stamp, other)
            server_clock.observe(stamp)
        if not changed:
            return
        seq = self.alloc.next()
        for name, value in allowed.items():
            if stamps.get(name) == ch.stamps[name]:
                fseq[name] = seq
        values = {"fields": fields, "stamps": stamps, "fseq": fseq, "seq": seq, **_denormalised(ch.table, ch.id, fields)}
        if row is None:
            self.conn.execute(r.insert().values(tbl=ch.table, record_id=ch.id, **values))
        else:
            self.conn.execute(update(r).where(r.c.tbl == ch.table, r.c.record_id == ch.id).values(**values))
        self.resp.accepted += 1

    def _conflict(self, ch: p.Change, name: str, win_v: Any, win_h: str, lose_v: Any, lose_h: str, other: str) -> None:
        seq = self.alloc.next()
        cid = new_id()
        self.conn.execute(st.conflicts.insert().values(
            id=cid, tbl=ch.table, record_id=ch.id, field=name, winner_value=win_v, loser_value=lose_v,
            winner_hlc=win_h, loser_hlc=lose_h, device_a=_device_tag(self.who.device_id), device_b=other, seq=seq))
        self.resp.conflicts.append(p.ConflictInfo(id=cid, table=ch.table, record_id=ch.id, field=name,
                                                  winner_value=win_v, loser_value=lose_v, winner_hlc=win_h,
                                                  loser_hlc=lose_h, seq=seq))

    def audit(self, entries: list[p.AuditEntry]) -> None:
        if not entries:
            return
        dev = self.conn.execute(select(st.devices).where(st.devices.c.id == self.who.device_id)).first()
        fresh = sorted((e for e in entries if e.seq > dev.audit_seq), key=lambda e: e.seq)
        if any(e.device_id != self.who.device_id or e.actor_id != self.who.user_id for e in fresh):
            self.resp.audit_error = "audit entries of another device or user"
            return
        report = verify_chain([e.model_dump() for e in fresh], start_prev=dev.audit_hash, start_seq=dev.audit_seq + 1)
        if not report.ok:
            self.resp.audit_error = report.message()
            return
        now = time.time()
        if fresh:
            self.conn.execute(st.audit_events.insert(), [
                {**e.model_dump(), "device_id": self.who.device_id, "received_at": now} for e in fresh])
            self.conn.execute(update(st.devices).where(st.devices.c.id == self.who.device_id)
                              .values(audit_seq=fresh[-1].seq, audit_hash=fresh[-1].hash))
        self.resp.audit_accepted = len(entries)


class AuditChainBroken(KamdeskError):
    """A push whose audit entries do not continue the device's hash chain (HTTP 409): the whole
    batch is refused, so the device keeps its changes queued until the chain is sorted out."""

    code = "audit_chain_broken"


def push(store: st.Store, policy: Policy, who: Principal, req: p.PushRequest) -> p.PushResponse:
    """Apply one batch: idempotent per (device, idempotency key), one transaction."""
    with store.write() as conn:
        prior = conn.execute(select(st.push_batches.c.response).where(
            st.push_batches.c.device_id == who.device_id, st.push_batches.c.idempotency_key == req.idempotency_key)).first()
        if prior is not None:
            resp = p.PushResponse.model_validate(prior[0])
            resp.replayed = True
            return resp
        pusher = _Pusher(conn, policy, who)
        pusher.audit(req.audit)  # first: data is not taken from a device whose audit chain is broken
        if pusher.resp.audit_error and req.changes:
            raise AuditChainBroken(pusher.resp.audit_error)  # nothing of the batch is committed
        for ch in req.changes:
            pusher.apply(ch)
        pusher.alloc.flush()
        pusher.resp.seq = pusher.alloc.value
        conn.execute(st.push_batches.insert().values(device_id=who.device_id, idempotency_key=req.idempotency_key,
                                                     response=pusher.resp.model_dump(mode="json"),
                                                     created_at=time.time()))
        return pusher.resp


# -- pull ------------------------------------------------------------------------------------------

def _known_partitions(conn: Connection, device_id: str, since_gen: int) -> set[str]:
    t = st.partitions
    q = select(t.c.client_id).where(t.c.device_id == device_id, t.c.granted_gen <= since_gen,
                                     or_(t.c.evicted_gen.is_(None), t.c.evicted_gen > since_gen))
    return {row[0] for row in conn.execute(q)}


def _chunks(items: list[str], n: int) -> Iterable[list[str]]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def pull(store: st.Store, policy: Policy, who: Principal, req: p.PullRequest) -> p.PullResponse:
    r = st.records
    ff = FieldFilter(policy, who.role)
    limit = max(1, min(req.limit, 10_000))
    readable = readable_tables(policy, who.role)
    with store.device_tx() as conn:
        dev = conn.execute(select(st.devices).where(st.devices.c.id == who.device_id)).first()
        gen = int(dev.pull_gen) + 1
        conn.execute(update(st.devices).where(st.devices.c.id == who.device_id)
                     .values(pull_gen=gen, last_seen_at=time.time()))
        t = st.partitions
        conn.execute(delete(t).where(t.c.device_id == who.device_id, t.c.evicted_gen.is_not(None),
                                     t.c.evicted_gen <= req.since_gen))
        visible = visible_clients(conn, policy, who)
        known = _known_partitions(conn, who.device_id, req.since_gen)
        evict = sorted(known - visible)
        for chunk in _chunks(evict, 500):
            conn.execute(update(t).where(t.c.device_id == who.device_id, t.c.client_id.in_(chunk)).values(evicted_gen=gen))
        resp = p.PullResponse(next_seq=req.since_seq, next_gen=gen, evict_clients=evict)

        if req.repair_tables:
            tables = [x for x in req.repair_tables if x in readable]
            rows = conn.execute(select(r).where(r.c.tbl.in_(tables), r.c.seq <= st.committed_seq(conn),
                                                visible_condition(policy, who)))
            resp.records = records_out(conn, rows.all(), ff)
            resp.has_more = True
            return resp

        new = sorted(visible - known)
        if new:
            per_page = max(1, limit // 6)  # a client partition holds a handful of records
            chunk = new[:per_page]
            head = st.committed_seq(conn)  # read first: every record up to head is in this page
            rows = conn.execute(select(r).where(r.c.client_id.in_(chunk), r.c.tbl.in_(readable)).order_by(r.c.seq))
            resp.records = records_out(conn, rows.all(), ff)
            conn.execute(delete(t).where(t.c.device_id == who.device_id, t.c.client_id.in_(chunk)))
            conn.execute(t.insert(), [{"device_id": who.device_id, "client_id": cid, "granted_gen": gen,
                                       "granted_seq": head, "evicted_gen": None} for cid in chunk])
            resp.has_more = True
            return resp

        head = st.committed_seq(conn)
        # skip what a partition grant already delivered (granted after since_seq, up to its seq)
        sent = select(t.c.client_id).where(t.c.device_id == who.device_id, t.c.client_id == r.c.client_id,
                                           t.c.granted_seq >= r.c.seq, t.c.evicted_gen.is_(None))
        rows = conn.execute(select(r).where(r.c.seq > req.since_seq, r.c.seq <= head, visible_condition(policy, who),
                                            ~sent.exists())
                            .order_by(r.c.seq).limit(limit)).all()
        resp.records = records_out(conn, rows, ff)
        if len(rows) == limit:
            resp.next_seq, resp.has_more = rows[-1].seq, True
        else:
            resp.next_seq = max(head, req.since_seq)
        resp.conflicts = conflicts_out(conn, policy, who, ff, visible_condition(policy, who),
                                       _device_tag(who.device_id), req.since_seq, resp.next_seq)
        return resp


def checksums(store: st.Store, policy: Policy, who: Principal) -> p.ChecksumResponse:
    r = st.records
    with store.read() as conn:
        head = st.committed_seq(conn)
        rows = conn.execute(select(r.c.tbl, func.count(), func.sum(r.c.seq), func.max(r.c.seq))
                            .where(r.c.seq <= head, visible_condition(policy, who)).group_by(r.c.tbl))
        tables = {tbl: p.table_checksum(n, total, top) for tbl, n, total, top in rows}
    return p.ChecksumResponse(seq=head, tables=tables)


# -- server-side writes (administration, demo) -------------------------------------------------------

def server_write(conn: Connection, alloc: st.SeqAllocator, table: str, record_id: str, changes: dict[str, Any]) -> None:
    """Write fields of a record as the server (administration: org tables, reassignment, seeding)."""
    r = st.records
    row = conn.execute(select(r).where(r.c.tbl == table, r.c.record_id == record_id)).first()
    fields = dict(row.fields) if row else {}
    stamps = dict(row.stamps) if row else {}
    fseq = dict(row.fseq) if row else {}
    seq = alloc.next()
    stamp = server_clock.now()
    for k, v in changes.items():
        fields[k] = p.encode_value(v)
        stamps[k] = stamp
        fseq[k] = seq
    values = {"fields": fields, "stamps": stamps, "fseq": fseq, "seq": seq, **_denormalised(table, record_id, fields)}
    if row is None:
        conn.execute(r.insert().values(tbl=table, record_id=record_id, **values))
    else:
        conn.execute(update(r).where(r.c.tbl == table, r.c.record_id == record_id).values(**values))


def bulk_insert(conn: Connection, alloc: st.SeqAllocator, items: list[tuple[str, str, dict[str, Any]]]) -> None:
    """Insert many new records as the server (demo seeding); values already wire-encoded."""
    stamp = server_clock.now()
    rows = []
    for table, rid, fields in items:
        seq = alloc.next()
        rows.append({"tbl": table, "record_id": rid, "fields": fields, "stamps": {k: stamp for k in fields},
                     "fseq": {k: seq for k in fields}, "seq": seq, "p_owner": None, "p_team": None,
                     "p_branch": None, "p_kind": None, **_denormalised(table, rid, fields)})
    for i in range(0, len(rows), 1000):
        conn.execute(st.records.insert(), rows[i:i + 1000])
