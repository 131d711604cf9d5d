"""The client sync engine: one round = push the outbox in batches, pull pages, apply them,
store conflicts, compare checksums (and repair drifted tables).

Guarantees:
- Resumable: outbox entries get their batch id (the push idempotency key) in a durable local
  commit before they are sent, so a resend after a crash is the same batch and the server applies
  it once. A pulled page, its evictions and the new checkpoint commit in one local transaction, so
  the checkpoint never moves past data that is not stored.
- Remote changes are applied with `applying_remote=True` (no outbox entries) by per-field HLC
  merge; a field edited locally later than the remote stamp keeps the local value.
- Refuses plain HTTP except to loopback; retries transient failures with exponential back-off;
  says clearly when the server is unreachable; wipes the file when the server revokes the device.

The engine takes an open `kamdesk.services.book.Book`; it does not import the services package.
"""
from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
from sqlalchemy.exc import IntegrityError
from sqlalchemy import (Boolean, Date, DateTime, Integer, LargeBinary, delete, func, insert, inspect, select, text,
                        update)

from kamdesk.common.errors import KamdeskError
from kamdesk.common.hlc import HybridClock, Stamp, is_later, later, parse as parse_stamp
from kamdesk.common.i18n import _
from kamdesk.common.ids import new_id
from kamdesk.models import AuditEvent, ChangeLog, Conflict, Meta, Outbox, syncable_tables
from kamdesk.models.base import Money
from kamdesk.models.session import history_client_id, history_entries, sensitive_field_of, write_history
from kamdesk.sync import keywrap, quarantine
from kamdesk.sync import protocol as p

log = logging.getLogger("kamdesk.sync")

META_SERVER = "sync_server"
META_USERNAME = "sync_username"
META_CHECKPOINT = "sync_checkpoint"
META_DEVICE_KEY = "sync_device_key"
META_REFRESH = "sync_refresh_token"
META_LAST = "sync_last_round"
META_REPAIR = "sync_repair_tables"
META_PASSWORD_CHANGE = "sync_password_change_required"  # the server withholds the keys until the user's own password
META_DEVICE_REGISTERED = "sync_device_registered"  # the device id was issued by the server (a local book that signed in)

Progress = Callable[[str, int, int | None], None]


class SyncError(KamdeskError):
    code = ""  # the server's error code, when it answered with one


class Offline(SyncError):
    def __init__(self) -> None:
        super().__init__(_("无法连接同步服务器：请检查网络或稍后再试。本地修改已保存，联网后会自动同步。"))


class NeedLogin(SyncError):
    def __init__(self) -> None:
        super().__init__(_("需要重新登录同步服务器（输入口令）。"))


class SyncCancelled(SyncError):
    def __init__(self) -> None:
        super().__init__(_("同步已取消；已完成的部分已保存，下次同步会从中断处继续。"))


class DeviceWiped(SyncError):
    def __init__(self) -> None:
        super().__init__(_("此设备已被管理员吊销：本地客户文件及其密钥已清除。"))


class InsecureServer(SyncError):
    def __init__(self, url: str) -> None:
        super().__init__(_("拒绝以明文 HTTP 连接服务器 {u}：请使用 HTTPS（仅本机地址允许 HTTP）。").format(u=url))


@dataclass
class RoundResult:
    pushed: int = 0
    rejected: list[p.Rejection] = field(default_factory=list)
    pulled: int = 0
    evicted: int = 0
    conflicts: int = 0
    repaired: list[str] = field(default_factory=list)
    audit_uploaded: int = 0
    seq: int = 0
    seconds: float = 0.0


def check_url(url: str, plain_hosts: list[str] | None = None) -> str:
    u = urlparse(url)
    hosts = set(plain_hosts or ["127.0.0.1", "localhost", "::1"])
    if u.scheme == "https":
        return url.rstrip("/")
    if u.scheme == "http" and (u.hostname or "") in hosts:
        return url.rstrip("/")
    raise InsecureServer(url)


# -- value decoding by column type ---------------------------------------------------------------------

def _decoder(col_type: Any) -> Callable[[Any], Any]:
    if isinstance(col_type, Money):
        return lambda v: None if v is None else Decimal(str(v))
    if isinstance(col_type, LargeBinary):
        return p.decode_bytes
    if isinstance(col_type, DateTime):
        return lambda v: None if v is None else (v if isinstance(v, dt.datetime) else dt.datetime.fromisoformat(v))
    if isinstance(col_type, Date):
        return lambda v: None if v is None else (v if isinstance(v, dt.date) else dt.date.fromisoformat(v))
    if isinstance(col_type, Boolean):
        return lambda v: None if v is None else bool(v)
    if isinstance(col_type, Integer):
        return lambda v: None if v is None else int(v)
    return lambda v: v


class _TableCodec:
    def __init__(self, cls: type) -> None:
        from kamdesk.models.session import sync_columns

        self.cls = cls
        self.columns = set(sync_columns(cls))
        mapper = inspect(cls)
        self.decoders = {c.key: _decoder(c.columns[0].type) for c in mapper.column_attrs if c.key in self.columns}
        self.has_client = "client_id" in self.columns
        self.table = cls.__table__
        self._defaults = {c.key: c.default for c in self.table.columns if c.default is not None}

    def new_row(self, rec: p.Record) -> dict[str, Any]:
        """Column values for a record not yet in the file (inserted in bulk, bypassing the ORM)."""
        row: dict[str, Any] = {}
        for key, default in self._defaults.items():
            row[key] = default.arg(None) if callable(default.arg) else default.arg
        for key in self.table.columns.keys():
            row.setdefault(key, None)
        clock = {}
        for name, value in rec.fields.items():
            if name in self.columns:
                row[name] = self.decoders[name](value)
                if name in rec.stamps:
                    clock[name] = rec.stamps[name]
        row.update(id=rec.id, clock=clock, server_seq=rec.seq)
        return row


def _sync_history(codec: _TableCodec, row: Any, rec: p.Record,
                  changed: list[tuple[str, Any, Any]]) -> list[dict[str, Any]]:
    """Change-history entries for remote changes applied to a row already in the file, stamped
    with the remote clock (its time and device)."""
    table = codec.table.name
    client_id = history_client_id(table, row)
    if client_id is None:
        return []
    stamp = ""
    for name, _old, _new in changed:
        stamp = later(stamp or None, rec.stamps.get(name)) or ""
    try:
        remote = Stamp.decode(stamp)
        at, device = dt.datetime.fromtimestamp(remote.ms / 1000, dt.UTC).replace(tzinfo=None), remote.device
    except ValueError:
        at, device = dt.datetime.now(dt.UTC).replace(tzinfo=None), ""
    return history_entries(table, client_id, row.id, changed, user_id="", device_id=device[:36], hlc=stamp, at=at,
                           source="sync")


# -- the engine --------------------------------------------------------------------------------------

class SyncEngine:
    def __init__(self, book: Any, server_url: str | None = None, *, transport: httpx.BaseTransport | None = None,
                 batch_size: int = 500, page_size: int = 5000, progress: Progress | None = None,
                 cancel: threading.Event | None = None, max_retries: int = 4, backoff: float = 0.5,
                 timeout: float = 60.0, sleep: Callable[[float], None] = time.sleep) -> None:
        self.book = book
        url = server_url or book.meta(META_SERVER)
        if not url:
            raise SyncError(_("尚未配置同步服务器地址。"))
        self.url = check_url(url, book.policy.security.get("plain_http_hosts"))
        self.http = httpx.Client(base_url=self.url + p.API_PREFIX, transport=transport, timeout=timeout)
        self.batch_size = batch_size
        self.page_size = page_size
        self.progress = progress or (lambda phase, done, total: None)
        self.cancel = cancel or threading.Event()
        self.max_retries = max_retries
        self.backoff = backoff
        self.sleep = sleep
        self.access_token: str | None = None
        self.tables = {name: _TableCodec(cls) for name, cls in syncable_tables().items()}
        self.device_tag = book.device_id.replace("-", "")

    def close(self) -> None:
        self.http.close()

    # -- transport ------------------------------------------------------------------------------------
    def _request(self, method: str, path: str, *, json: Any = None, auth: bool = True, params: Any = None) -> Any:
        attempt = 0
        refreshed = False
        while True:
            self._check_cancel()
            headers = {"Authorization": f"Bearer {self.access_token}"} if auth and self.access_token else {}
            try:
                resp = self.http.request(method, path, json=json, headers=headers, params=params)
            except httpx.TransportError:
                resp = None
            if resp is not None and resp.status_code < 400:
                return resp.json() if resp.content else None
            if resp is not None and resp.status_code == 403 and _body(resp).get("wipe"):
                self.wipe()
                raise DeviceWiped()
            # a wrong current password (`auth_failed`) is an answer, not an expired token: retrying
            # it after a refresh would count one mistake twice against the throttle
            if resp is not None and resp.status_code == 401 and auth and not refreshed \
                    and _body(resp).get("code") != "auth_failed":
                refreshed = True
                self._refresh()
                continue
            if resp is not None and resp.status_code not in (429, 500, 502, 503, 504):
                err = SyncError(_body(resp).get("message") or f"HTTP {resp.status_code}")
                err.code = str(_body(resp).get("code") or "")
                raise err
            attempt += 1
            if attempt > self.max_retries:
                if resp is None:
                    raise Offline()
                raise SyncError(_body(resp).get("message") or f"HTTP {resp.status_code}")
            self.sleep(self.backoff * 2 ** (attempt - 1))

    def _check_cancel(self) -> None:
        if self.cancel.is_set():
            raise SyncCancelled()

    def online(self) -> bool:
        try:
            return self.http.get("/health", timeout=5).status_code == 200
        except httpx.TransportError:
            return False

    # -- authentication ---------------------------------------------------------------------------------
    def _device_key(self) -> Any:
        raw = self.book.meta(META_DEVICE_KEY)
        if raw:
            return keywrap.load_private(bytes.fromhex(raw))
        priv, _pub = keywrap.new_device_key()
        self.book.set_meta(META_DEVICE_KEY, keywrap.private_bytes(priv).hex())
        return priv

    def login(self, username: str, password: str, totp: str | None = None) -> p.TokenPair:
        """Sign in as this device. The server issues device ids: a book made from the server
        (`create_book_from_server`) names its id; a book the server never registered (a local
        demo book) signs in without one and adopts the id the server issues (and its HLC tag)."""
        import platform

        priv = self._device_key()
        registered = self.book.meta("source") == "server" or bool(self.book.meta(META_DEVICE_REGISTERED))
        body = p.LoginRequest(username=username, password=password, totp=totp,
                              device_id=self.book.device_id if registered else None,
                              device_name=platform.node()[:100], device_public_key=keywrap.public_b64(priv))
        pair = p.TokenPair.model_validate(self._request("POST", "/auth/login", json=body.model_dump(), auth=False))
        if pair.user.id != self.book.user.id:
            raise SyncError(_("此客户文件属于其他用户，不能用 {u} 同步。").format(u=username))
        if pair.device_id != self.book.device_id:
            adopt_device_id(self.book, pair.device_id)
            self.device_tag = self.book.device_id.replace("-", "")
        self.access_token = pair.access_token
        self.book.set_meta(META_REFRESH, pair.refresh_token)
        self.book.set_meta(META_SERVER, self.url)
        self.book.set_meta(META_USERNAME, username)
        return pair

    def change_password(self, old_password: str, new_password: str) -> None:
        """Set the user's own password on the server (required after an administrator's reset)."""
        self._request("POST", "/auth/password", json=p.PasswordChange(old_password=old_password,
                                                                       new_password=new_password).model_dump())

    def _refresh(self) -> None:
        token = self.book.meta(META_REFRESH)
        if not token:
            raise NeedLogin()
        try:
            resp = self.http.post("/auth/refresh", json={"refresh_token": token, "device_id": self.book.device_id})
        except httpx.TransportError:
            raise Offline() from None
        if resp.status_code == 403 and _body(resp).get("wipe"):
            self.wipe()
            raise DeviceWiped()
        if resp.status_code != 200:
            raise NeedLogin()
        pair = p.TokenPair.model_validate(resp.json())
        self.access_token = pair.access_token
        self.book.set_meta(META_REFRESH, pair.refresh_token)

    def logout(self) -> None:
        self._request("POST", "/auth/logout")
        self.access_token = None
        self.book.set_meta(META_REFRESH, None)

    def fetch_keys(self) -> int:
        """Receive the domain keys of this user's role, unwrap them with the device key, store them.
        After an administrator's password reset the server withholds them until the user has set
        their own password (`change_password`); the round goes on with the keys already stored."""
        try:
            resp = p.KeysResponse.model_validate(self._request("GET", "/keys"))
        except SyncError as exc:
            if exc.code != "password_change_required":
                raise
            log.warning("domain keys withheld until the user sets their own password")
            if not self.book.meta(META_PASSWORD_CHANGE):
                self.book.set_meta(META_PASSWORD_CHANGE, True)
            return 0
        if self.book.meta(META_PASSWORD_CHANGE):
            self.book.set_meta(META_PASSWORD_CHANGE, None)
        priv = self._device_key()
        keys = [keywrap.unwrap_on_device(w, priv, self.book.device_id) for w in resp.keys]
        if keys:
            self.book.store_domain_keys(keys, source="server")
        return len(keys)

    # -- a round ----------------------------------------------------------------------------------------
    def sync_round(self) -> RoundResult:
        start = time.perf_counter()
        result = RoundResult()
        if not self.access_token:
            self._refresh()
        self.fetch_keys()
        self.push(result)
        self.pull(result)
        self.verify(result)
        result.seconds = time.perf_counter() - start
        self.book.set_meta(META_LAST, {"at": dt.datetime.now(dt.UTC).isoformat(), "pushed": result.pushed,
                                       "pulled": result.pulled, "conflicts": result.conflicts,
                                       "rejected": len(result.rejected), "seq": result.seq})
        return result

    # push
    def _assign_batch(self) -> tuple[str, list[int]] | None:
        """The next batch: a batch id already assigned (a resend after a crash) or a new one,
        assigned in a durable commit before anything is sent."""
        with self.book.session_scope(write=True) as s:
            pending = s.scalar(select(Outbox.batch_id).where(Outbox.batch_id.is_not(None)).order_by(Outbox.seq).limit(1))
            if pending is None:
                seqs = list(s.scalars(select(Outbox.seq).where(Outbox.batch_id.is_(None)).order_by(Outbox.seq)
                                      .limit(self.batch_size)))
                if not seqs:
                    return None
                pending = new_id()
                s.execute(update(Outbox).where(Outbox.seq.in_(seqs)).values(batch_id=pending))
            seqs = list(s.scalars(select(Outbox.seq).where(Outbox.batch_id == pending)))
        return pending, seqs

    def _batch_changes(self, s: Any, batch_id: str) -> list[p.Change]:
        wanted: dict[tuple[str, str], set[str]] = {}
        for ob in s.scalars(select(Outbox).where(Outbox.batch_id == batch_id).order_by(Outbox.seq)):
            wanted.setdefault((ob.table_name, ob.record_id), set()).update(ob.fields)
        changes = []
        for (table, rid), names in wanted.items():
            codec = self.tables.get(table)
            row = s.get(codec.cls, rid) if codec else None
            if row is None:
                continue
            clock = row.clock or {}
            fields = {f: p.encode_value(getattr(row, f)) for f in sorted(names) if f in codec.columns and f in clock}
            changes.append(p.Change(table=table, id=rid, fields=fields, stamps={f: clock[f] for f in fields},
                                    base_seq=row.server_seq))
        return changes

    def push(self, result: RoundResult | None = None) -> RoundResult:
        result = result or RoundResult()
        with self.book.session_scope() as s:
            total = s.query(Outbox).count()
        done = 0
        first = True
        while True:
            self._check_cancel()
            batch = self._assign_batch()
            audit: list[AuditEvent] = []
            if first:
                with self.book.session_scope() as s:
                    audit = list(s.scalars(select(AuditEvent).where(AuditEvent.uploaded.is_(False))
                                           .order_by(AuditEvent.seq).limit(5000)))
            if batch is None and not audit:
                break
            batch_id, seqs = batch if batch else (new_id(), [])
            with self.book.session_scope() as s:
                changes = self._batch_changes(s, batch_id) if batch else []
            req = p.PushRequest(idempotency_key=batch_id, changes=changes,
                                audit=[p.AuditEntry(**{k: getattr(e, k) for k in p.AuditEntry.model_fields}) for e in audit])
            resp = p.PushResponse.model_validate(self._request("POST", "/sync/push", json=req.model_dump(mode="json")))
            with self.book.session_scope(write=True) as s:
                s.execute(delete(Outbox).where(Outbox.batch_id == batch_id))
                if audit and resp.audit_error is None:
                    s.execute(update(AuditEvent).where(AuditEvent.seq.in_([e.seq for e in audit])).values(uploaded=True))
                new_conflicts = self._store_conflicts(s, resp.conflicts)
                if resp.rejected:
                    tables = set(self.book_meta_list(s, META_REPAIR)) | {r.table for r in resp.rejected}
                    s.merge(Meta(key=META_REPAIR, value=sorted(tables)))
            if resp.audit_error:
                log.warning("audit upload refused by the server")
            result.pushed += resp.accepted
            result.rejected += resp.rejected
            result.conflicts += new_conflicts
            result.audit_uploaded += resp.audit_accepted
            done += len(seqs)
            self.progress("push", done, total)
            first = False
            if batch is None:
                break
        return result

    @staticmethod
    def book_meta_list(s: Any, key: str) -> list[str]:
        row = s.get(Meta, key)
        return list(row.value or []) if row else []

    def _store_conflicts(self, s: Any, conflicts: list[p.ConflictInfo]) -> int:
        """Keep the conflicts not seen before (the server reports one to the pusher and again in its
        pulls). Returns how many fields of a record became conflicted: what the user will resolve
        (a sensitive field's ciphertext, mask and blind index are one)."""
        fresh: set[tuple[str, str, str]] = set()
        for c in conflicts:
            if s.get(Conflict, c.id) is not None:
                continue
            key = conflict_key(c.table, c.record_id, c.field)
            if key not in fresh and not _open_conflict_of(s, *key):
                fresh.add(key)
            winner = parse_stamp(c.winner_hlc)
            mine_won = winner is not None and winner.device == self.device_tag
            s.add(Conflict(id=c.id, table_name=c.table, record_id=c.record_id, field=c.field,
                           local_value=c.winner_value if mine_won else c.loser_value,
                           remote_value=c.loser_value if mine_won else c.winner_value,
                           local_hlc=c.winner_hlc if mine_won else c.loser_hlc,
                           remote_hlc=c.loser_hlc if mine_won else c.winner_hlc, status="open"))
            s.flush()
        return len(fresh)

    # pull
    def checkpoint(self) -> tuple[int, int]:
        cp = self.book.meta(META_CHECKPOINT) or {}
        return int(cp.get("seq", 0)), int(cp.get("gen", 0))

    def pull(self, result: RoundResult | None = None, *, repair: list[str] | None = None) -> RoundResult:
        result = result or RoundResult()
        repair = repair if repair is not None else (self.book.meta(META_REPAIR) or [])
        while True:
            self._check_cancel()
            seq, gen = self.checkpoint()
            req = p.PullRequest(since_seq=seq, since_gen=gen, limit=self.page_size, repair_tables=repair)
            resp = p.PullResponse.model_validate(self._request("POST", "/sync/pull", json=req.model_dump()))
            if resp.wipe:
                self.wipe()
                raise DeviceWiped()
            result.conflicts += self.apply_page(resp, repair_tables=repair)
            result.pulled += len(resp.records)
            result.evicted += len(resp.evict_clients)
            result.repaired += repair
            result.seq = resp.next_seq
            self.progress("pull", result.pulled, None)
            repair = []
            if not resp.has_more:
                break
        return result

    def apply_page(self, resp: p.PullResponse, *, repair_tables: list[str] | None = None) -> int:
        """Apply one page and move the checkpoint, in one local transaction. Returns the number of
        newly conflicted fields."""
        ctx = self.book.ctx
        with self.book.session_scope(applying_remote=True) as s:
            held = quarantine.Quarantine(s)
            for cid in resp.evict_clients:
                self._evict(s, cid)
                held.evict(cid)
            if repair_tables:
                keep: dict[str, set[str]] = {}
                for rec in resp.records:
                    keep.setdefault(rec.table, set()).add(rec.id)
                for table in repair_tables:
                    codec = self.tables.get(table)
                    if codec is None:
                        continue
                    pending = set(s.scalars(select(Outbox.record_id).where(Outbox.table_name == table)))
                    ids = [i for i in s.scalars(select(codec.cls.id)) if i not in keep.get(table, set()) and i not in pending]
                    for i in range(0, len(ids), 500):
                        s.execute(delete(codec.cls).where(codec.cls.id.in_(ids[i:i + 500])))
                s.merge(Meta(key=META_REPAIR, value=[]))
            force = set(repair_tables or [])
            history: list[dict[str, Any]] = []  # changes of rows already here (new rows are not history)
            by_table: dict[str, list[p.Record]] = {}
            for rec in resp.records:
                by_table.setdefault(rec.table, []).append(rec)
            with s.no_autoflush:
                for table, recs in by_table.items():
                    codec = self.tables.get(table)
                    if codec is None:
                        continue
                    existing: dict[str, Any] = {}
                    ids = [rec.id for rec in recs]
                    for i in range(0, len(ids), 500):
                        existing.update((row.id, row) for row in
                                        s.scalars(select(codec.cls).where(codec.cls.id.in_(ids[i:i + 500]))))
                    top = ""
                    fresh: dict[str, dict[str, Any]] = {}
                    for rec in recs:
                        bad = quarantine.problem(codec, rec)
                        if bad is not None:  # not applied; the rest of the page is
                            held.hold(rec, *bad)
                            fresh.pop(rec.id, None)
                            log.warning("sync: %s record quarantined (%s)", table, bad[1])
                            continue
                        held.release(table, rec.id)
                        if rec.id in existing:
                            self._apply_record(s, codec, existing, rec, force=table in force, history=history)
                        else:
                            fresh[rec.id] = codec.new_row(rec)  # a later page entry of the same id wins
                        for stamp in rec.stamps.values():
                            top = later(top or None, stamp) or ""
                    if fresh:
                        self._insert_new(s, codec, list(fresh.values()))
                    if top:
                        ctx.clock.observe(top)
            write_history(s, history)
            held.save()
            new_conflicts = self._store_conflicts(s, resp.conflicts)
            s.merge(Meta(key=META_CHECKPOINT, value={"seq": resp.next_seq, "gen": resp.next_gen}))
        return new_conflicts

    @staticmethod
    def _insert_new(s: Any, codec: _TableCodec, rows: list[dict[str, Any]]) -> None:
        """Bulk insert; if a local unique constraint refuses a row (a duplicate made elsewhere),
        insert the rest one by one and skip the refused rows instead of blocking every later sync."""
        try:
            with s.begin_nested():
                s.execute(insert(codec.table), rows)
            return
        except IntegrityError:
            pass
        skipped = 0
        for row in rows:
            try:
                with s.begin_nested():
                    s.execute(insert(codec.table), [row])
            except IntegrityError:
                skipped += 1
        log.warning("sync: %d %s record(s) refused by a local unique constraint", skipped, codec.table.name)

    def _apply_record(self, s: Any, codec: _TableCodec, existing: dict[str, Any], rec: p.Record, *,
                      force: bool = False, history: list[dict[str, Any]] | None = None) -> None:
        row = existing.get(rec.id)
        if row is None:
            row = existing[rec.id] = codec.cls(id=rec.id)
            s.add(row)
        clock = dict(row.clock or {})
        changed: list[tuple[str, Any, Any]] = []
        for name, value in rec.fields.items():
            if name not in codec.columns:
                continue
            remote = rec.stamps.get(name)
            local = clock.get(name)
            if force or local is None or is_later(remote, local):
                old, new = getattr(row, name), codec.decoders[name](value)
                if old != new:
                    changed.append((name, old, new))
                setattr(row, name, new)
                if remote is not None:
                    clock[name] = remote
        row.clock = clock
        row.server_seq = rec.seq
        if changed and history is not None:
            history += _sync_history(codec, row, rec, changed)

    def _evict(self, s: Any, client_id: str) -> None:
        for name, codec in self.tables.items():
            if name == "clients":
                ids = [client_id]
            elif codec.has_client and name != "agenda_states":
                ids = list(s.scalars(select(codec.cls.id).where(codec.cls.client_id == client_id)))
            else:
                continue
            if ids:
                s.execute(delete(codec.cls).where(codec.cls.id.in_(ids)))
                s.execute(delete(Outbox).where(Outbox.table_name == name, Outbox.record_id.in_(ids)))
        s.execute(delete(ChangeLog).where(ChangeLog.client_id == client_id))  # its history leaves with it
        # the search index holds the client's and its contacts' names; its delete triggers clear
        # the FTS and bigram companions (same transaction as the eviction)
        s.execute(text("DELETE FROM search_index WHERE client_id = :c"), {"c": client_id})

    # checksums
    def local_checksums(self) -> dict[str, p.TableChecksum]:
        sums: dict[str, list[int]] = {}
        with self.book.session_scope() as s:
            for name, codec in self.tables.items():
                n, total, top = s.execute(select(func.count(), func.sum(codec.cls.server_seq),
                                                 func.max(codec.cls.server_seq))).one()
                sums[name] = [int(n or 0), int(total or 0), int(top or 0)]
            quarantine.adjust_checksums(s, self.tables, sums)
        return {name: p.table_checksum(n, total, top) for name, (n, total, top) in sums.items() if n}

    def verify(self, result: RoundResult | None = None) -> list[str]:
        """Compare per-table counts and checksums with the server; re-download drifted tables."""
        result = result or RoundResult()
        with self.book.session_scope() as s:
            if s.query(Outbox).count():
                return []  # local changes still queued: compare next round
        server = p.ChecksumResponse.model_validate(self._request("GET", "/sync/checksums"))
        if server.seq != self.checkpoint()[0]:
            return []  # the server moved on meanwhile: compare next round
        local = self.local_checksums()
        drift = sorted(t for t in set(server.tables) | set(local)
                       if t in self.tables and server.tables.get(t) != local.get(t))
        if drift:
            log.warning("sync drift detected; repairing tables %s", ",".join(drift))
            self.pull(result, repair=drift)
        return drift

    # wipe
    def wipe(self) -> None:
        """Destroy the file key and delete the client file (the device was revoked)."""
        book = self.book
        path = Path(book.path)
        try:
            book.vault.destroy()
        except KamdeskError:
            pass
        book.close()
        for f in [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
                  *path.parent.glob(path.name + ".bak-*")]:
            f.unlink(missing_ok=True)


def _body(resp: httpx.Response) -> dict[str, Any]:
    try:
        body = resp.json()
        return body if isinstance(body, dict) else {}
    except ValueError:
        return {}


def create_book_from_server(path: Path | str, passphrase: str, server_url: str, username: str, password: str,
                            totp: str | None = None, *, kdf: dict[str, Any] | None = None,
                            transport: httpx.BaseTransport | None = None, sync: bool = True) -> Any:
    """First run ("connect to the bank's server"): sign in, create the local file for the
    server's user (no local keys), receive the domain keys and run a first round."""
    from kamdesk.services.book import UserInfo, create_book

    url = check_url(server_url)
    priv, pub = keywrap.new_device_key()
    with httpx.Client(base_url=url + p.API_PREFIX, transport=transport, timeout=60) as http:
        try:  # no device id: this login registers the device and the server issues its id
            resp = http.post("/auth/login", json=p.LoginRequest(
                username=username, password=password, totp=totp, device_id=None, device_name="",
                device_public_key=pub).model_dump())
        except httpx.TransportError:
            raise Offline() from None
        if resp.status_code != 200:
            raise SyncError(_body(resp).get("message") or f"HTTP {resp.status_code}")
        pair = p.TokenPair.model_validate(resp.json())
    u = pair.user
    user = UserInfo(id=u.id, username=u.username, display_name=u.display_name, role=u.role, team_id=u.team_id,
                    branch=u.branch)
    book = create_book(path, passphrase, user=user, team_name=u.team_name, kdf=kdf, local_keys=False,
                       device_id=pair.device_id)
    with book.session_scope(write=True) as s:
        s.merge(Meta(key=META_DEVICE_KEY, value=keywrap.private_bytes(priv).hex()))
        s.merge(Meta(key=META_DEVICE_REGISTERED, value=True))
        s.merge(Meta(key=META_REFRESH, value=pair.refresh_token))
        s.merge(Meta(key=META_SERVER, value=url))
        s.merge(Meta(key=META_USERNAME, value=username))
    engine = SyncEngine(book, url, transport=transport)
    engine.access_token = pair.access_token
    try:
        engine.fetch_keys()
        if sync:
            engine.sync_round()
    finally:
        engine.close()
    return book


def adopt_device_id(book: Any, device_id: str) -> None:
    """Take the id the server issued as this book's device id; its HLC tag (the id without
    dashes) stamps every later change."""
    with book.session_scope(write=True) as s:
        s.merge(Meta(key="device_id", value=device_id))
        s.merge(Meta(key=META_DEVICE_REGISTERED, value=True))
    book.ctx.device_id = device_id
    book.ctx.clock = HybridClock(device_id.replace("-", ""))


def resolve_conflict(book: Any, conflict_id: str, *, keep: str) -> None:
    """Resolve a stored conflict by keeping the local or the remote value. The choice is an
    ordinary edit (a new stamp, an outbox entry), so it syncs to every replica."""
    resolve_conflicts(book, [conflict_id], keep=keep)


def resolve_conflicts(book: Any, conflict_ids: list[str], *, keep: str) -> None:
    """Resolve several conflicts (a sensitive field's ciphertext, mask and blind index) in one
    transaction, in the given order, all the same way: either all of them or none change."""
    from kamdesk.common.errors import NotFound, ValidationError

    if keep not in ("local", "remote"):
        raise ValidationError("keep", "local | remote")
    from sqlalchemy.orm.attributes import flag_modified

    with book.session_scope(write=True) as s:
        for conflict_id in conflict_ids:
            c = s.get(Conflict, conflict_id)
            if c is None:
                raise NotFound(_("找不到冲突记录。"))
            codec = _TableCodec(syncable_tables()[c.table_name])
            row = s.get(codec.cls, c.record_id)
            if row is not None and c.field in codec.columns:
                value = codec.decoders[c.field](c.local_value if keep == "local" else c.remote_value)
                setattr(row, c.field, value)
                flag_modified(row, c.field)  # a new stamp even when the value is already the chosen one
            c.status = "resolved"


def conflict_key(table: str, record_id: str, column: str) -> tuple[str, str, str]:
    """The field of a record a stored conflict is about: a sensitive field's ciphertext, mask and
    blind index conflicts are one field (the inbox shows and resolves them together)."""
    return table, record_id, sensitive_field_of(table).get(column, column)


def _open_conflict_of(s: Any, table: str, record_id: str, field: str) -> bool:
    columns = [col for col, name in sensitive_field_of(table).items() if name == field] or [field]
    return s.scalar(select(func.count()).select_from(Conflict).where(
        Conflict.table_name == table, Conflict.record_id == record_id, Conflict.field.in_(columns),
        Conflict.status == "open")) > 0


def sync_status(book: Any) -> dict[str, Any]:
    """What a status line or `kamdesk sync status` shows: server, user, device, checkpoint, last
    round, changes waiting to be sent and open conflicts."""
    with book.session_scope() as s:
        pending = s.scalar(select(func.count()).select_from(Outbox)) or 0
        open_conflicts = len({conflict_key(*r) for r in s.execute(
            select(Conflict.table_name, Conflict.record_id, Conflict.field).where(Conflict.status == "open"))})
        meta = {m.key: m.value for m in s.scalars(select(Meta).where(Meta.key.in_(
            [META_SERVER, META_USERNAME, META_CHECKPOINT, META_LAST])))}
        held = [{"table": h.table, "record_id": h.record_id, "seq": h.seq, "fields": list(h.fields),
                 "reason": h.reason} for h in quarantine.held(s)]
    return {"server": meta.get(META_SERVER), "user": meta.get(META_USERNAME), "device_id": book.device_id,
            "checkpoint": meta.get(META_CHECKPOINT), "last_round": meta.get(META_LAST),
            "pending_changes": pending, "open_conflicts": open_conflicts,
            "quarantined": len(held), "quarantined_records": held}
