"""Maker-checker (双人复核) between administrators.

The actions that could let an administrator reach client data are never carried out by the
administrator who asks for them:

- creating an account whose role reaches client data or holds a key domain or may approve
  (`guarded_role`: today every role), `user.create`;
- changing a user's role to such a role, `user.role`;
- making someone a team's lead, `team.lead`;
- resetting such an account (a new enrolment secret), `user.reset`.

Each becomes a pending request (who, what, why, when; it expires after `APPROVAL_TTL`) that a
DIFFERENT administrator approves or rejects; only the approval carries it out, and the enrolment
secret it makes goes to the approving administrator, to hand to the user. The maker can never
approve their own request, and nobody approves an action on their own account. Every request,
approval and rejection is written to the hash-chained admin log (`storage.log_admin`).

The HTTP API names the administrator by the signed-in account; `kamdesk-server admin` names them
with `--as USERNAME` and the account's password (see `cli_approvals`). The rule holds in both
paths because both come here with that identity. Bootstrap: while fewer than two active
administrator accounts exist, the server operator (`--as` omitted) may create administrators
directly; nothing else is direct.
"""
from __future__ import annotations

import datetime as dt
import time
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from kamdesk.common.errors import KamdeskError, NotFound, PermissionDenied, ValidationError
from kamdesk.common.i18n import _
from kamdesk.common.ids import new_id
from kamdesk.security.policy import Policy
from kamdesk.server import admin as adm
from kamdesk.server import storage as st
from kamdesk.sync import protocol as p

APPROVAL_TTL = 7 * 24 * 3600
OPERATOR = "cli"  # the server operator acting without an administrator identity (bootstrap only)
APPROVER_ACTION = "admin.users"


class ApprovalClosed(KamdeskError):
    """The request was already decided or has expired (HTTP 409)."""

    code = "approval_closed"


def guarded_role(policy: Policy, role: str) -> bool:
    """A role whose account a single administrator may not create, elevate to or reset."""
    r = policy.role(role)
    return bool(r.key_domains) or r.scope != "none" or APPROVER_ACTION in r.actions


def _iso(ts: float | None) -> str | None:
    return None if ts is None else dt.datetime.fromtimestamp(ts, dt.UTC).isoformat()


def _public(row: Any, now: float | None = None) -> p.ApprovalPublic:
    now = time.time() if now is None else now
    status = "expired" if row.status == "pending" and row.expires_at <= now else row.status
    return p.ApprovalPublic(id=row.id, kind=row.kind, target=row.target, detail=dict(row.payload),
                            reason=row.reason or "", requested_by=row.requested_by,
                            requested_at=_iso(row.requested_at) or "", expires_at=_iso(row.expires_at) or "",
                            status=status, decided_by=row.decided_by, decided_at=_iso(row.decided_at),
                            decision_reason=row.decision_reason or "")


def require_administrator(conn: Connection, policy: Policy, username: str) -> Any:
    """The named account exists, is active, has set its own password and may administer users."""
    row = conn.execute(select(st.users).where(st.users.c.username == username)).first()
    if (row is None or not row.active or row.must_change_password
            or not policy.can(row.role, APPROVER_ACTION)):
        raise PermissionDenied(_("{u} 不是可用的管理员账户。").format(u=username))
    return row


def _bootstrap_open(conn: Connection) -> bool:
    n = conn.execute(select(func.count()).select_from(st.users)
                     .where(st.users.c.role == "admin", st.users.c.active.is_(True))).scalar()
    return int(n or 0) < 2


def _request(conn: Connection, *, kind: str, target: str, payload: dict[str, Any], reason: str,
             actor: str) -> p.AdminOutcome:
    if actor == OPERATOR:
        raise PermissionDenied(_("此操作需要两位管理员：请用 --as 指明发起的管理员。"))
    now = time.time()
    aid = new_id()
    conn.execute(st.approvals.insert().values(
        id=aid, kind=kind, target=target, payload=payload, reason=reason.strip(), requested_by=actor,
        requested_at=now, expires_at=now + APPROVAL_TTL, status="pending", decision_reason=""))
    st.log_admin(conn, actor, "approval.request", {"approval_id": aid, "kind": kind, "target": target,
                                                   "payload": payload, "reason": reason.strip()})
    row = conn.execute(select(st.approvals).where(st.approvals.c.id == aid)).one()
    return p.AdminOutcome(status="pending", approval=_public(row, now))


# -- the guarded actions: request (or, where nothing is guarded, do) -------------------------------

def create_user(conn: Connection, policy: Policy, *, actor: str, username: str, role: str,
                team: str | None = None, display_name: str = "", branch: str = "",
                reason: str = "") -> p.AdminOutcome:
    adm.check_new_user(conn, username, role)
    payload = {"username": username, "role": role, "team": team, "display_name": display_name, "branch": branch}
    bootstrap = actor == OPERATOR and role == "admin" and _bootstrap_open(conn)
    if guarded_role(policy, role) and not bootstrap:
        return _request(conn, kind="user.create", target=username, payload=payload, reason=reason, actor=actor)
    user, issued = adm.create_user(conn, actor=actor, **payload)  # type: ignore[arg-type]
    return p.AdminOutcome(status="done", user=user, enrolment=issued)


def reset_user(conn: Connection, policy: Policy, ref: str, *, actor: str, reason: str = "") -> p.AdminOutcome:
    user = adm.find_user(conn, ref)
    if guarded_role(policy, user.role):
        return _request(conn, kind="user.reset", target=user.username, payload={"user_id": user.id},
                        reason=reason, actor=actor)
    return p.AdminOutcome(status="done", enrolment=adm.reset_user(conn, user.id, actor=actor))


def change_role(conn: Connection, policy: Policy, ref: str, role: str, *, actor: str,
                reason: str = "") -> p.AdminOutcome:
    user = adm.find_user(conn, ref)
    policy.role(role)  # unknown roles are refused before anyone is asked
    if guarded_role(policy, role):
        return _request(conn, kind="user.role", target=user.username, payload={"user_id": user.id, "role": role},
                        reason=reason, actor=actor)
    return p.AdminOutcome(status="done", user=adm.set_role(conn, user.id, role, actor=actor))


def change_team_lead(conn: Connection, policy: Policy, team_ref: str, user_ref: str, *, actor: str,
                     reason: str = "") -> p.AdminOutcome:
    team, user = adm.find_team(conn, team_ref), adm.find_user(conn, user_ref)
    return _request(conn, kind="team.lead", target=user.username, payload={"team_id": team.id, "user_id": user.id},
                    reason=reason, actor=actor)


# -- deciding -------------------------------------------------------------------------------------

def list_approvals(conn: Connection, status: str | None = None) -> list[p.ApprovalPublic]:
    rows = conn.execute(select(st.approvals).order_by(st.approvals.c.requested_at.desc()))
    now = time.time()
    out = [_public(r, now) for r in rows]
    return [a for a in out if status is None or a.status == status]


def _open(conn: Connection, policy: Policy, approval_id: str, actor: str) -> Any:
    row = conn.execute(select(st.approvals).where(st.approvals.c.id == approval_id)).first()
    if row is None:
        raise NotFound(_("找不到审批请求：{a}").format(a=approval_id))
    if row.status != "pending":
        raise ApprovalClosed(_("该请求已处理（{s}）。").format(s=row.status))
    if row.expires_at <= time.time():  # stays "pending" in the table; shown and treated as expired
        raise ApprovalClosed(_("该请求已过期，请重新发起。"))
    require_administrator(conn, policy, actor)
    return row


def approve(conn: Connection, policy: Policy, approval_id: str, *, actor: str, reason: str = "") -> p.AdminOutcome:
    """A second administrator approves: the action is carried out now, in this transaction."""
    row = _open(conn, policy, approval_id, actor)
    if actor == row.requested_by:
        raise PermissionDenied(_("发起人不能审批自己的请求（双人复核）。"))
    if row.target == actor:
        raise PermissionDenied(_("不能审批针对自己账户的请求。"))
    outcome = _carry_out(conn, row, actor)
    now = time.time()
    conn.execute(update(st.approvals).where(st.approvals.c.id == row.id).values(
        status="approved", decided_by=actor, decided_at=now, decision_reason=reason.strip()))
    st.log_admin(conn, actor, "approval.approve", {"approval_id": row.id, "kind": row.kind, "target": row.target,
                                                   "requested_by": row.requested_by, "reason": reason.strip()})
    decided = conn.execute(select(st.approvals).where(st.approvals.c.id == row.id)).one()
    return outcome.model_copy(update={"approval": _public(decided, now)})


def _carry_out(conn: Connection, row: Any, actor: str) -> p.AdminOutcome:
    d = dict(row.payload)
    if row.kind == "user.create":
        user, issued = adm.create_user(conn, actor=actor, username=d["username"], role=d["role"], team=d.get("team"),
                                       display_name=d.get("display_name", ""), branch=d.get("branch", ""))
        return p.AdminOutcome(status="done", user=user, enrolment=issued)
    if row.kind == "user.reset":
        issued = adm.reset_user(conn, d["user_id"], actor=actor)
        return p.AdminOutcome(status="done", user=adm.user_public(conn, adm.find_user(conn, d["user_id"])),
                              enrolment=issued)
    if row.kind == "user.role":
        return p.AdminOutcome(status="done", user=adm.set_role(conn, d["user_id"], d["role"], actor=actor))
    if row.kind == "team.lead":
        adm.set_team_lead(conn, d["team_id"], d["user_id"], actor=actor)
        return p.AdminOutcome(status="done", user=adm.user_public(conn, adm.find_user(conn, d["user_id"])))
    raise ValidationError("kind", f"unknown approval kind {row.kind}")


def reject(conn: Connection, policy: Policy, approval_id: str, *, actor: str, reason: str) -> p.ApprovalPublic:
    """Another administrator (or the maker, withdrawing it) rejects the request with a reason."""
    if not reason.strip():
        raise ValidationError("reason", _("驳回需要填写理由。"))
    row = _open(conn, policy, approval_id, actor)
    now = time.time()
    conn.execute(update(st.approvals).where(st.approvals.c.id == row.id).values(
        status="rejected", decided_by=actor, decided_at=now, decision_reason=reason.strip()))
    st.log_admin(conn, actor, "approval.reject", {"approval_id": row.id, "kind": row.kind, "target": row.target,
                                                  "requested_by": row.requested_by, "reason": reason.strip()})
    return _public(conn.execute(select(st.approvals).where(st.approvals.c.id == row.id)).one(), now)
