"""Administration: users, roles, teams, devices, client reassignment, password reset and key
rotation. Used by the admin HTTP API and by `kamdesk-server admin ...`. Nothing here returns
client data: administrators manage the organisation, never the book. The actions that could give
someone client data (accounts, roles, team leads, resets) are reached through
`kamdesk.server.approvals` (maker-checker), never directly from a route or a command."""
from __future__ import annotations

import time
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.engine import Connection

from kamdesk.common.errors import NotFound, ValidationError
from kamdesk.common.i18n import _
from kamdesk.common.ids import new_id
from kamdesk.security.policy import ROLES, Policy
from kamdesk.server import enrolment
from kamdesk.server import storage as st
from kamdesk.server.auth import Authenticator, hash_password, new_totp_secret
from kamdesk.server.keys import KeyService
from kamdesk.server.syncsvc import server_write
from kamdesk.sync import protocol as p


RESERVED_NAMES = frozenset({"cli", "demo", "-", "server"})


def _team_public(row: Any) -> p.TeamPublic:
    return p.TeamPublic(id=row.id, name=row.name, branch=row.branch, lead_id=row.lead_id)


def user_public(conn: Connection, row: Any) -> p.UserPublic:
    team_name = ""
    if row.team_id:
        team_name = conn.execute(select(st.teams.c.name).where(st.teams.c.id == row.team_id)).scalar() or ""
    return p.UserPublic(id=row.id, username=row.username, display_name=row.display_name, role=row.role,
                        team_id=row.team_id, team_name=team_name, branch=row.branch, active=row.active,
                        totp_enabled=row.totp_sealed is not None,
                        must_change_password=bool(getattr(row, "must_change_password", False)))


def ensure_team(conn: Connection, name: str, branch: str = "", *, actor: str = "cli") -> p.TeamPublic:
    q = select(st.teams).where(st.teams.c.name == name)
    if branch:
        q = q.where(st.teams.c.branch == branch)
    row = conn.execute(q.order_by(st.teams.c.branch)).first()
    if row is not None:
        return _team_public(row)
    tid = new_id()
    conn.execute(st.teams.insert().values(id=tid, name=name, branch=branch))
    alloc = st.SeqAllocator(conn)
    server_write(conn, alloc, "teams", tid, {"name": name, "branch": branch, "lead_id": None, "deleted": False})
    alloc.flush()
    st.log_admin(conn, actor, "team.create", {"team_id": tid})
    return p.TeamPublic(id=tid, name=name, branch=branch)


def find_user(conn: Connection, ref: str) -> Any:
    row = conn.execute(select(st.users).where(or_(st.users.c.username == ref, st.users.c.id == ref))).first()
    if row is None:
        raise NotFound(_("找不到用户：{u}").format(u=ref))
    return row


def create_user(conn: Connection, *, username: str, role: str, team: str | None = None, display_name: str = "",
                branch: str = "", actor: str = "cli",
                user_id: str | None = None) -> tuple[p.UserPublic, p.EnrolmentIssued]:
    """Create an account pending enrolment and return it with its one-time enrolment secret. Callers
    outside this module go through `kamdesk.server.approvals`, which decides whether a second
    administrator must approve first; nobody chooses the user's password but the user."""
    check_new_user(conn, username, role)
    team_row = ensure_team(conn, team, branch, actor=actor) if team else None
    uid = user_id or new_id()
    conn.execute(st.users.insert().values(
        id=uid, username=username, display_name=display_name or username, role=role,
        team_id=team_row.id if team_row else None, branch=branch or (team_row.branch if team_row else ""),
        password_hash=enrolment.unusable_hash(), must_change_password=True, active=True, created_at=time.time()))
    alloc = st.SeqAllocator(conn)
    server_write(conn, alloc, "users", uid, {
        "username": username, "display_name": display_name or username, "role": role,
        "team_id": team_row.id if team_row else None, "branch": branch, "title": "", "phone": "", "email": "",
        "active": True, "deleted": False})
    if team_row and role == "team_lead":
        conn.execute(update(st.teams).where(st.teams.c.id == team_row.id).values(lead_id=uid))
        server_write(conn, alloc, "teams", team_row.id, {"lead_id": uid})
    alloc.flush()
    st.log_admin(conn, actor, "user.create", {"user_id": uid, "role": role})
    issued = enrolment.issue(conn, uid, actor=actor)
    return user_public(conn, find_user(conn, uid)), issued


def check_new_user(conn: Connection, username: str, role: str) -> None:
    if role not in ROLES:
        raise ValidationError("role", _("未知角色，可选：{r}").format(r=", ".join(ROLES)))
    if not username or len(username) > 64:
        raise ValidationError("username", _("用户名不能为空且不超过 64 个字符。"))
    if username in RESERVED_NAMES:  # the actor names of the server operator and the demo in the admin log
        raise ValidationError("username", _("用户名已存在。"))
    if conn.execute(select(st.users.c.id).where(st.users.c.username == username)).first():
        raise ValidationError("username", _("用户名已存在。"))


def set_role(conn: Connection, ref: str, role: str, *, actor: str = "cli") -> p.UserPublic:
    """Change a user's role (elevations to a role that reaches client data are approved first)."""
    if role not in ROLES:
        raise ValidationError("role", _("未知角色，可选：{r}").format(r=", ".join(ROLES)))
    user = find_user(conn, ref)
    conn.execute(update(st.users).where(st.users.c.id == user.id).values(role=role))
    alloc = st.SeqAllocator(conn)
    server_write(conn, alloc, "users", user.id, {"role": role})
    alloc.flush()
    st.log_admin(conn, actor, "user.role", {"user_id": user.id, "from": user.role, "to": role})
    return user_public(conn, find_user(conn, user.id))


def find_team(conn: Connection, ref: str) -> Any:
    row = conn.execute(select(st.teams).where(or_(st.teams.c.id == ref, st.teams.c.name == ref))
                       .order_by(st.teams.c.branch)).first()
    if row is None:
        raise NotFound(_("找不到团队：{t}").format(t=ref))
    return row


def set_team_lead(conn: Connection, team_ref: str, user_ref: str, *, actor: str = "cli") -> p.TeamPublic:
    """Make a team lead of their own team the team's lead (always approved first)."""
    team, user = find_team(conn, team_ref), find_user(conn, user_ref)
    if user.team_id != team.id or user.role != "team_lead":
        raise ValidationError("user", _("团队负责人必须是该团队中角色为团队负责人的用户。"))
    conn.execute(update(st.teams).where(st.teams.c.id == team.id).values(lead_id=user.id))
    alloc = st.SeqAllocator(conn)
    server_write(conn, alloc, "teams", team.id, {"lead_id": user.id})
    alloc.flush()
    st.log_admin(conn, actor, "team.lead", {"team_id": team.id, "from": team.lead_id, "to": user.id})
    return _team_public(find_team(conn, team.id))


def list_users(conn: Connection) -> list[p.UserPublic]:
    return [user_public(conn, r) for r in conn.execute(select(st.users).order_by(st.users.c.username))]


def list_teams(conn: Connection) -> list[p.TeamPublic]:
    return [_team_public(r) for r in conn.execute(select(st.teams).order_by(st.teams.c.name))]


def reset_user(conn: Connection, ref: str, *, actor: str = "cli") -> p.EnrolmentIssued:
    """A reset: the password stops working, the user's sessions end, their devices' key
    registrations are cleared (each signs in again and re-registers, without a wipe), and a new
    enrolment secret is issued. Nobody signs in as the user until the user set their own password."""
    user = find_user(conn, ref)
    st.log_admin(conn, actor, "user.password_reset", {"user_id": user.id})
    return enrolment.issue(conn, user.id, actor=actor)


def change_own_password(conn: Connection, user_id: str, old_password: str, new_password: str) -> None:
    """The user's own password change: needs the current password; clears `must_change_password`."""
    from kamdesk.server.auth import AuthError, verify_password

    user = find_user(conn, user_id)
    if not verify_password(user.password_hash, old_password):
        raise AuthError()
    if new_password == old_password:
        raise ValidationError("new_password", _("新口令不能与当前口令相同。"))
    conn.execute(update(st.users).where(st.users.c.id == user.id).values(
        password_hash=hash_password(new_password), must_change_password=False))
    st.log_admin(conn, user.username, "user.password_change", {"user_id": user.id})


def enable_totp(conn: Connection, ref: str, *, master: Any, actor: str = "cli") -> str:
    """Turn on the TOTP second factor; returns the secret to enrol in an authenticator app (stored
    sealed under the master key, kamdesk.server.totp)."""
    from kamdesk.server.totp import store_totp_secret

    user = find_user(conn, ref)
    secret = new_totp_secret()
    store_totp_secret(conn, master, user.id, secret)
    st.log_admin(conn, actor, "user.totp_enable", {"user_id": user.id})
    return secret


def set_active(conn: Connection, ref: str, active: bool, *, actor: str = "cli") -> None:
    """Activate or deactivate a user. Deactivation revokes every device of the user (each is told
    to wipe on its next request) and ends their sessions; a reactivated user registers anew."""
    user = find_user(conn, ref)
    conn.execute(update(st.users).where(st.users.c.id == user.id).values(active=active))
    if not active:
        conn.execute(update(st.devices).where(st.devices.c.user_id == user.id, st.devices.c.revoked_at.is_(None))
                     .values(revoked_at=time.time()))
        Authenticator.logout_user(conn, user.id)
    alloc = st.SeqAllocator(conn)
    server_write(conn, alloc, "users", user.id, {"active": active})
    alloc.flush()
    st.log_admin(conn, actor, "user.active" if active else "user.deactivate", {"user_id": user.id})


def reassign_client(conn: Connection, client_id: str, owner_ref: str, *, actor: str = "cli") -> None:
    """Move a client (and so its whole partition) to another RM's book."""
    owner = find_user(conn, owner_ref)
    r = st.records
    row = conn.execute(select(r.c.record_id).where(r.c.tbl == "clients", r.c.record_id == client_id)).first()
    if row is None:
        raise NotFound(_("找不到客户：{c}").format(c=client_id))
    alloc = st.SeqAllocator(conn)
    server_write(conn, alloc, "clients", client_id, {"owner_id": owner.id, "team_id": owner.team_id})
    alloc.flush()
    st.log_admin(conn, actor, "client.reassign", {"client_id": client_id, "owner_id": owner.id})


def list_devices(conn: Connection, user_ref: str | None = None) -> list[p.DevicePublic]:
    q = select(st.devices).order_by(st.devices.c.registered_at)
    if user_ref:
        q = q.where(st.devices.c.user_id == find_user(conn, user_ref).id)
    return [p.DevicePublic(id=d.id, user_id=d.user_id, name=d.name, registered_at=_iso(d.registered_at),
                           last_seen_at=_iso(d.last_seen_at) if d.last_seen_at else None,
                           revoked=d.revoked_at is not None) for d in conn.execute(q)]


def revoke_device(conn: Connection, device_id: str, *, actor: str = "cli") -> None:
    res = conn.execute(update(st.devices).where(st.devices.c.id == device_id).values(revoked_at=time.time()))
    if res.rowcount == 0:
        raise NotFound(_("找不到设备：{d}").format(d=device_id))
    Authenticator.logout(conn, device_id)
    st.log_admin(conn, actor, "device.revoke", {"device_id": device_id})


def rotate_key(conn: Connection, keys: KeyService, domain: str, *, actor: str = "cli") -> int:
    version = keys.rotate(conn, domain)
    st.log_admin(conn, actor, "key.rotate", {"domain": domain, "version": version})
    return version


def _iso(ts: float) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat()


def policy_roles(policy: Policy) -> list[dict[str, Any]]:
    return [{"name": r.name, "label": r.label, "scope": r.scope, "key_domains": sorted(r.key_domains)}
            for r in policy.roles.values()]
