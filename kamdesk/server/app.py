"""The FastAPI application: one router per resource, dependency aliases, wire schemas from
`kamdesk.sync.protocol`. Blocking database work runs in plain `def` endpoints (thread pool)."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from sqlalchemy import select, text

from kamdesk import __version__
from kamdesk.common.errors import KamdeskError, NotFound, PermissionDenied, ValidationError
from kamdesk.common.i18n import _
from kamdesk.security.policy import Policy, default_policy
from kamdesk.server import admin as adm
from kamdesk.server import approvals, enrolment
from kamdesk.server import storage as st
from kamdesk.server import syncsvc
from kamdesk.server.auth import (Authenticator, AuthError, DeviceKeyMismatch, DeviceRevoked, PasswordChangeRequired,
                                 Principal, RateLimited)
from kamdesk.server.keys import KeyFileMasterKey, KeyService, MasterKey, wrap_for_device
from kamdesk.server.logs import setup_logging
from kamdesk.server.settings import Settings
from kamdesk.sync import protocol as p

log = logging.getLogger("kamdesk.server")


@dataclass
class ServerState:
    settings: Settings
    store: st.Store
    policy: Policy
    keys: KeyService
    auth: Authenticator


def build_state(settings: Settings, *, master: MasterKey | None = None, store: st.Store | None = None) -> ServerState:
    from kamdesk.server.files import private_dir

    if settings.data_dir.exists():  # re-checked on every start (files 0600 in a 0700 directory)
        private_dir(settings.data_dir)
    master = master or KeyFileMasterKey(settings.master_key_file)
    store = store or st.Store.open(settings.db_url, master=master)
    policy = default_policy()
    keys = KeyService(master, policy)
    with store.write() as conn:
        keys.ensure_keys(conn)
    return ServerState(settings, store, policy, keys, Authenticator(settings, master))


def _state(request: Request) -> ServerState:
    return request.app.state.kd


StateDep = Annotated[ServerState, Depends(_state)]


def _principal(request: Request, state: StateDep, authorization: Annotated[str | None, Header()] = None) -> Principal:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise AuthError(code="no_token")
    with state.store.read() as conn:
        who = state.auth.authenticate(conn, authorization[7:].strip())
    request.state.user_id, request.state.device_id = who.user_id, who.device_id
    return who


CurrentUser = Annotated[Principal, Depends(_principal)]


def _admin(who: CurrentUser, state: StateDep) -> Principal:
    if not state.policy.can(who.role, "admin.users"):
        raise PermissionDenied("admin")
    return who


AdminUser = Annotated[Principal, Depends(_admin)]

# Every status an endpoint can answer is documented with the one error body (schemathesis checks it).
def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {c: {"model": p.ErrorBody} for c in codes}


ERRORS = _errors(400, 401, 403, 404, 409, 422, 423, 429)

# -- routers ---------------------------------------------------------------------------------------

meta = APIRouter(tags=["meta"])


@meta.get("/health", response_model=p.Health)
def health(state: StateDep) -> p.Health:
    with state.store.read() as conn:
        conn.execute(text("SELECT 1"))
    return p.Health()


@meta.get("/version", response_model=p.VersionInfo)
def version(state: StateDep) -> p.VersionInfo:
    return p.VersionInfo(server=__version__, schema_revision=st.current_revision(state.store.engine))


auth = APIRouter(prefix="/auth", tags=["auth"], responses=ERRORS)


def _token_pair(state: ServerState, conn: Any, access: str, refresh: str, user: Any, device_id: str) -> p.TokenPair:
    return p.TokenPair(access_token=access, refresh_token=refresh, expires_in=state.settings.access_ttl_seconds,
                       user=adm.user_public(conn, user), device_id=device_id)


@auth.post("/login", response_model=p.TokenPair)
def login(body: p.LoginRequest, request: Request, state: StateDep) -> p.TokenPair:
    """Sign in; without `device_id` the server registers a new device and issues its id."""
    try:
        r = state.auth.sign_in(state.store, username=body.username, password=body.password, totp=body.totp,
                               device_id=body.device_id, device_name=body.device_name,
                               public_key=body.device_public_key, address=_address(request))
    except (AuthError, RateLimited) as exc:
        log.info("login refused", extra={"event": "login_failed", "code": exc.code})
        raise
    with state.store.read() as conn:
        return _token_pair(state, conn, r.access, r.refresh, r.user, r.device_id)


def _address(request: Request) -> str:
    return request.client.host if request.client else ""


@auth.post("/refresh", response_model=p.TokenPair)
def refresh(body: p.RefreshRequest, state: StateDep) -> p.TokenPair:
    with state.store.device_tx() as conn:
        access, new_refresh, user_id, device_id = state.auth.refresh(conn, body.refresh_token, body.device_id)
        user = adm.find_user(conn, user_id)
        return _token_pair(state, conn, access, new_refresh, user, device_id)


@auth.post("/logout", status_code=204)
def logout(who: CurrentUser, state: StateDep) -> None:
    with state.store.device_tx() as conn:
        state.auth.logout(conn, who.device_id)


@auth.post("/password", status_code=204)
def change_password(body: p.PasswordChange, request: Request, who: CurrentUser, state: StateDep) -> None:
    """The signed-in user sets their own password (required after an administrator's reset);
    throttled like a login; ends the sessions of the user's other devices."""
    state.auth.change_password(state.store, who, body.old_password, body.new_password, _address(request))


@auth.post("/enrol", status_code=204, responses={401: {"model": p.ErrorBody}, 429: {"model": p.ErrorBody}})
def enrol(body: p.EnrolRequest, request: Request, state: StateDep) -> None:
    """The user turns the enrolment secret an administrator handed over into their own password."""
    # throttled like a login (kamdesk.server.throttle, counters in the database): every attempt is
    # counted before the secret is checked; the account's own failure count spends the secret
    ticket = state.auth.throttle.admit(state.store, "enrol\x1f" + body.username, _address(request))
    with state.store.write() as conn:  # a failure is counted and committed, then answered
        ok = enrolment.enrol(conn, body.username, body.enrolment_secret, body.new_password)
    if not ok:
        raise enrolment.EnrolmentFailed()
    state.auth.throttle.passed(state.store, ticket)


@auth.get("/me", response_model=p.UserPublic)
def me(who: CurrentUser, state: StateDep) -> p.UserPublic:
    with state.store.read() as conn:
        return adm.user_public(conn, adm.find_user(conn, who.user_id))


keys = APIRouter(prefix="/keys", tags=["keys"], responses=ERRORS)


@keys.get("", response_model=p.KeysResponse)
def device_keys(who: CurrentUser, state: StateDep) -> p.KeysResponse:
    """The domain keys the user's role may hold, every version, wrapped for this device only."""
    with state.store.read() as conn:
        if adm.find_user(conn, who.user_id).must_change_password:
            raise PasswordChangeRequired()
        dev = conn.execute(select(st.devices.c.public_key).where(st.devices.c.id == who.device_id)).scalar()
        if not dev:
            raise ValidationError("device_public_key", "device has no registered public key")
        ring = state.keys.keys_for_role(conn, who.role)
    return p.KeysResponse(keys=[wrap_for_device(k, dev, who.device_id) for k in ring])


sync = APIRouter(prefix="/sync", tags=["sync"], responses=ERRORS)


@sync.post("/push", response_model=p.PushResponse)
def push(body: p.PushRequest, who: CurrentUser, state: StateDep) -> p.PushResponse:
    state.policy.require(who.role, "sync")
    resp = syncsvc.push(state.store, state.policy, who, body)
    log.info("push", extra={"event": "push", "user_id": who.user_id, "device_id": who.device_id,
                            "changes": len(body.changes), "accepted": resp.accepted, "rejected": len(resp.rejected),
                            "conflicts": len(resp.conflicts), "replayed": resp.replayed})
    return resp


@sync.post("/pull", response_model=p.PullResponse)
def pull(body: p.PullRequest, who: CurrentUser, state: StateDep) -> p.PullResponse:
    state.policy.require(who.role, "sync")
    return syncsvc.pull(state.store, state.policy, who, body)


@sync.get("/checksums", response_model=p.ChecksumResponse)
def checksums(who: CurrentUser, state: StateDep) -> p.ChecksumResponse:
    state.policy.require(who.role, "sync")
    return syncsvc.checksums(state.store, state.policy, who)


audit = APIRouter(prefix="/audit", tags=["audit"], responses=ERRORS)


def _auditor(who: CurrentUser, state: StateDep) -> Principal:
    if not state.policy.can(who.role, "audit.read_all"):
        raise PermissionDenied("audit.read_all")
    return who


Auditor = Annotated[Principal, Depends(_auditor)]


@audit.get("/events", response_model=list[p.AuditEntry])
def audit_events(_who: Auditor, state: StateDep, device_id: str | None = None, action: str | None = None,
                 limit: Annotated[int, Query(strict=True, ge=1, le=5000)] = 200) -> list[p.AuditEntry]:
    """The uploaded audit log (compliance): newest first."""
    a = st.audit_events
    q = select(a).order_by(a.c.received_at.desc(), a.c.seq.desc()).limit(limit)
    if device_id:
        q = q.where(a.c.device_id == device_id)
    if action:
        q = q.where(a.c.action == action)
    with state.store.read() as conn:
        return [p.AuditEntry(**{k: getattr(r, k) for k in p.AuditEntry.model_fields}) for r in conn.execute(q)]


@audit.get("/verify", response_model=list[p.AuditChainStatus])
def audit_verify(_who: Auditor, state: StateDep) -> list[p.AuditChainStatus]:
    """Re-check every device's stored hash chain from its first entry."""
    from kamdesk.security.audit import verify_chain

    a = st.audit_events
    out = []
    with state.store.read() as conn:
        for (device_id,) in conn.execute(select(a.c.device_id).distinct().order_by(a.c.device_id)):
            rows = conn.execute(select(a).where(a.c.device_id == device_id).order_by(a.c.seq))
            rep = verify_chain({k: getattr(r, k) for k in p.AuditEntry.model_fields} for r in rows)
            out.append(p.AuditChainStatus(device_id=device_id, ok=rep.ok, checked=rep.checked,
                                          first_bad_seq=rep.first_bad_seq, problem=rep.problem))
    return out


@audit.get("/admin-log")
def audit_admin_log(_who: Auditor, state: StateDep,
                    limit: Annotated[int, Query(strict=True, ge=1, le=5000)] = 1000) -> dict[str, Any]:
    """The administrators' actions (user, device, key and reassignment changes), newest first, and
    the check of their hash chain from the first hashed entry."""
    from kamdesk.security.audit import GENESIS, verify_chain

    a = st.admin_log
    with state.store.read() as conn:
        rows = [st.admin_log_entry(r) for r in conn.execute(select(a).where(a.c.hash.is_not(None)).order_by(a.c.id))]
    rep = verify_chain(rows, start_prev=GENESIS, start_seq=rows[0]["seq"] if rows else 1)
    chain = p.AuditChainStatus(device_id=st.ADMIN_LOG_DEVICE, ok=rep.ok, checked=rep.checked,
                               first_bad_seq=rep.first_bad_seq, problem=rep.problem)
    return {"chain": chain.model_dump(), "entries": rows[::-1][:limit]}


admin = APIRouter(prefix="/admin", tags=["admin"], responses=ERRORS)


@admin.get("/users", response_model=list[p.UserPublic])
def admin_users(_who: AdminUser, state: StateDep) -> list[p.UserPublic]:
    with state.store.read() as conn:
        return adm.list_users(conn)


@admin.post("/users", response_model=p.AdminOutcome, status_code=201, responses={202: {"model": p.AdminOutcome}})
def admin_add_user(body: p.UserCreate, who: AdminUser, state: StateDep, response: Response) -> p.AdminOutcome:
    """201 with the one-time enrolment secret, or 202 pending a second administrator's approval."""
    with state.store.write() as conn:
        out = approvals.create_user(conn, state.policy, actor=who.username, username=body.username, role=body.role,
                                    team=body.team, display_name=body.display_name, branch=body.branch,
                                    reason=body.reason)
    response.status_code = 202 if out.status == "pending" else 201
    return out


@admin.post("/users/{ref}/reset", response_model=p.AdminOutcome, status_code=201,
            responses={202: {"model": p.AdminOutcome}})
def admin_reset_user(ref: str, body: p.AdminReason, who: AdminUser, state: StateDep,
                     response: Response) -> p.AdminOutcome:
    """A reset makes a new enrolment secret (never a password); 202 pending approval."""
    with state.store.write() as conn:
        out = approvals.reset_user(conn, state.policy, ref, actor=who.username, reason=body.reason)
    response.status_code = 202 if out.status == "pending" else 201
    return out


@admin.post("/users/{ref}/role", response_model=p.AdminOutcome, responses={202: {"model": p.AdminOutcome}})
def admin_change_role(ref: str, body: p.RoleChange, who: AdminUser, state: StateDep,
                      response: Response) -> p.AdminOutcome:
    with state.store.write() as conn:
        out = approvals.change_role(conn, state.policy, ref, body.role, actor=who.username, reason=body.reason)
    response.status_code = 202 if out.status == "pending" else 200
    return out


@admin.post("/teams/{ref}/lead", response_model=p.AdminOutcome, status_code=202)
def admin_change_team_lead(ref: str, body: p.TeamLeadChange, who: AdminUser, state: StateDep) -> p.AdminOutcome:
    with state.store.write() as conn:
        return approvals.change_team_lead(conn, state.policy, ref, body.user, actor=who.username, reason=body.reason)


@admin.get("/approvals", response_model=list[p.ApprovalPublic])
def admin_approvals(_who: AdminUser, state: StateDep, status: str | None = None) -> list[p.ApprovalPublic]:
    with state.store.read() as conn:
        return approvals.list_approvals(conn, status)


@admin.post("/approvals/{approval_id}/approve", response_model=p.AdminOutcome, responses={409: {"model": p.ErrorBody}})
def admin_approve(approval_id: str, body: p.AdminReason, who: AdminUser, state: StateDep) -> p.AdminOutcome:
    """A different administrator carries the request out; the enrolment secret (if any) is theirs to hand over."""
    with state.store.write() as conn:
        return approvals.approve(conn, state.policy, approval_id, actor=who.username, reason=body.reason)


@admin.post("/approvals/{approval_id}/reject", response_model=p.ApprovalPublic, responses={409: {"model": p.ErrorBody}})
def admin_reject(approval_id: str, body: p.AdminReason, who: AdminUser, state: StateDep) -> p.ApprovalPublic:
    with state.store.write() as conn:
        return approvals.reject(conn, state.policy, approval_id, actor=who.username, reason=body.reason)


@admin.post("/users/{ref}/deactivate", status_code=204)
def admin_deactivate(ref: str, who: AdminUser, state: StateDep) -> None:
    with state.store.write() as conn:
        adm.set_active(conn, ref, False, actor=who.username)
        Authenticator.logout_user(conn, adm.find_user(conn, ref).id)


@admin.post("/users/{ref}/activate", status_code=204)
def admin_activate(ref: str, who: AdminUser, state: StateDep) -> None:
    with state.store.write() as conn:
        adm.set_active(conn, ref, True, actor=who.username)


@admin.get("/teams", response_model=list[p.TeamPublic])
def admin_teams(_who: AdminUser, state: StateDep) -> list[p.TeamPublic]:
    with state.store.read() as conn:
        return adm.list_teams(conn)


@admin.post("/teams", response_model=p.TeamPublic, status_code=201)
def admin_add_team(body: p.TeamCreate, who: AdminUser, state: StateDep) -> p.TeamPublic:
    with state.store.write() as conn:
        return adm.ensure_team(conn, body.name, body.branch, actor=who.username)


@admin.get("/devices", response_model=list[p.DevicePublic])
def admin_devices(_who: AdminUser, state: StateDep, user: str | None = None) -> list[p.DevicePublic]:
    with state.store.read() as conn:
        return adm.list_devices(conn, user)


@admin.post("/devices/{device_id}/revoke", status_code=204)
def admin_revoke(device_id: str, who: AdminUser, state: StateDep) -> None:
    with state.store.write() as conn:
        adm.revoke_device(conn, device_id, actor=who.username)


@admin.post("/clients/reassign", status_code=204)
def admin_reassign(body: p.ReassignRequest, who: CurrentUser, state: StateDep) -> None:
    """Reassignment is a book decision (`client.reassign`: team leads), not an administrator's:
    an administrator who could move a client into an account they control would read its C2 data.
    A lead moves only clients of their own book to members of their own team."""
    state.policy.require(who.role, "client.reassign")
    with state.store.write() as conn:
        if body.client_id not in syncsvc.visible_clients(conn, state.policy, who):
            raise NotFound(_("找不到客户：{c}").format(c=body.client_id))
        owner = adm.find_user(conn, body.owner)
        if state.policy.role(who.role).scope != "all" and (not who.team_id or owner.team_id != who.team_id):
            raise PermissionDenied("client.reassign")
        adm.reassign_client(conn, body.client_id, owner.id, actor=who.username)


@admin.post("/keys/{domain}/rotate")
def admin_rotate(domain: str, who: AdminUser, state: StateDep) -> dict[str, Any]:
    with state.store.write() as conn:
        return {"domain": domain, "version": adm.rotate_key(conn, state.keys, domain, actor=who.username)}


# -- application -----------------------------------------------------------------------------------

def _error(status: int, code: str, message: str, *, wipe: bool = False) -> JSONResponse:
    return JSONResponse(status_code=status, content=p.ErrorBody(code=code, message=message, wipe=wipe).model_dump())


def create_app(settings: Settings | None = None, *, state: ServerState | None = None) -> FastAPI:
    settings = settings or (state.settings if state else Settings.load())
    setup_logging(settings.log_level)
    state = state or build_state(settings)
    app = FastAPI(title="KAMDesk sync server", version=__version__, openapi_url=f"{p.API_PREFIX}/openapi.json",
                  docs_url=f"{p.API_PREFIX}/docs", redoc_url=None)
    app.state.kd = state
    for router in (meta, auth, keys, sync, audit, admin):
        app.include_router(router, prefix=p.API_PREFIX)

    @app.exception_handler(KamdeskError)
    def _kamdesk_error(_request: Request, exc: KamdeskError) -> JSONResponse:
        if isinstance(exc, DeviceRevoked):  # also UserInactive: the device must wipe
            return _error(403, exc.code, str(exc), wipe=True)
        if isinstance(exc, (DeviceKeyMismatch, PasswordChangeRequired)):
            return _error(403, exc.code, str(exc))
        if isinstance(exc, (syncsvc.AuditChainBroken, approvals.ApprovalClosed)):
            return _error(409, exc.code, str(exc))
        if isinstance(exc, RateLimited):
            resp = _error(429, exc.code, str(exc))
            resp.headers["Retry-After"] = str(exc.retry_after)
            return resp
        if isinstance(exc, AuthError):
            return _error(401, exc.code, str(exc))
        if isinstance(exc, PermissionDenied):
            return _error(403, "forbidden", str(exc))
        if isinstance(exc, ValidationError):
            return _error(422, "invalid", str(exc))
        if isinstance(exc, NotFound):
            return _error(404, "not_found", str(exc))
        return _error(400, "error", str(exc))

    @app.exception_handler(StarletteHTTPException)
    def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # the framework's own errors (unparsable body, unknown path, wrong method) in the one error body
        codes = {400: "bad_request", 404: "not_found", 405: "method_not_allowed"}
        return _error(exc.status_code, codes.get(exc.status_code, "error"), str(exc.detail)[:200])

    @app.exception_handler(RequestValidationError)
    def _invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # one line naming the fields, never the values (which may be C2 data)
        where = sorted({".".join(str(x) for x in e.get("loc", ())) for e in exc.errors()})
        return _error(422, "invalid", _("请求格式不正确：{f}").format(f=", ".join(where)[:500]))

    @app.middleware("http")
    async def _access_log(request: Request, call_next: Any) -> Any:
        start = time.perf_counter()
        response = await call_next(request)
        log.info("request", extra={"event": "http", "method": request.method, "path": request.url.path,
                                   "status": response.status_code,
                                   "ms": round((time.perf_counter() - start) * 1000, 1),
                                   "device_id": getattr(request.state, "device_id", None)})
        return response

    return app
