"""`kamdesk-server`: serve the sync API, and administer users, teams, devices and keys.

    kamdesk-server serve --db URL --host H --port P [--tls-cert F --tls-key F] [--dev]
    kamdesk-server admin add-user NAME --role ROLE --team TEAM --as ADMIN [--reason R] --db URL
    kamdesk-server admin reset-password NAME --as ADMIN [--reason R]    (a new enrolment secret)
    kamdesk-server admin set-role NAME ROLE --as ADMIN | set-team-lead TEAM NAME --as ADMIN
    kamdesk-server admin approvals list [--status S] | approve ID --as ADMIN | reject ID --reason R --as ADMIN
    kamdesk-server admin demo --clients N --seed S --db URL --json
    kamdesk-server admin users|teams|devices [--user U] --db URL
    kamdesk-server admin revoke-device ID | reassign CLIENT_ID OWNER | enable-totp NAME | rotate-key DOMAIN --db URL

`--as ADMIN` names the administrator acting (their password from KAMDESK_ADMIN_PASSWORD or a
prompt, and their TOTP code from KAMDESK_ADMIN_TOTP or a prompt when they have TOTP): maker-checker actions are requested by one administrator and approved by another, on
the command line as over HTTP (kamdesk.server.approvals). Without `--as` only the bootstrap of the
first two administrator accounts is possible.
"""
from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import time
from dataclasses import fields
from typing import Any, Callable

from kamdesk.common.errors import KamdeskError
from kamdesk.common.i18n import _
from kamdesk.server.settings import Settings

ADMIN_PASSWORD_ENV = "KAMDESK_ADMIN_PASSWORD"
ADMIN_TOTP_ENV = "KAMDESK_ADMIN_TOTP"  # the acting administrator's TOTP code, when they have TOTP


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.load(db_url=getattr(args, "db", None), data_dir=getattr(args, "data_dir", None),
                         host=getattr(args, "host", None), port=getattr(args, "port", None),
                         tls_cert=getattr(args, "tls_cert", None), tls_key=getattr(args, "tls_key", None),
                         dev_mode=True if getattr(args, "dev", False) else None,
                         master_key_file=getattr(args, "master_key", None))


def _state(args: argparse.Namespace) -> Any:
    from kamdesk.server.app import build_state

    return build_state(_settings(args))


def _emit(args: argparse.Namespace, doc: Any, text: str) -> None:
    if getattr(args, "json", False):
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=1, default=str)
        sys.stdout.write("\n")
    else:
        print(text)


def _admin_password() -> str:
    value = os.environ.get(ADMIN_PASSWORD_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise KamdeskError(_("未提供管理员口令：请设置环境变量 {e} 或在终端中运行。").format(e=ADMIN_PASSWORD_ENV))
    return getpass.getpass(_("管理员口令: "))


def _operator(conn: Any, state: Any, args: argparse.Namespace) -> str:
    """The administrator acting (`--as`, proved by their password), or the bare operator."""
    from kamdesk.server import approvals
    from kamdesk.server.auth import AuthError, verify_password

    name = getattr(args, "as_user", None)
    if not name:
        return approvals.OPERATOR
    row = approvals.require_administrator(conn, state.policy, name)
    if not verify_password(row.password_hash, _admin_password()):
        raise AuthError()
    if row.totp_sealed and not state.auth._accept_totp(conn, row, _admin_totp(), time.time()):
        raise AuthError()  # an administrator with TOTP proves it here as at a login (single use)
    return str(row.username)


def _admin_totp() -> str:
    value = os.environ.get(ADMIN_TOTP_ENV)
    if value:
        return value.strip()
    if not sys.stdin.isatty():
        raise KamdeskError(_("未提供管理员动态码：请设置环境变量 {e} 或在终端中运行。").format(e=ADMIN_TOTP_ENV))
    return input(_("管理员动态码: ")).strip()


def _outcome(args: argparse.Namespace, out: Any) -> int:
    if out.status == "pending":
        a = out.approval
        text = _("已提交审批请求 {i}（{k} {t}），需由另一位管理员批准：\n  kamdesk-server admin approvals approve {i} "
                 "--as 另一位管理员").format(i=a.id, k=a.kind, t=a.target)
    else:
        text = _("已完成。") + (f" {out.user.username}（{out.user.role}）" if out.user else "")
        if out.enrolment:
            text += "\n" + _("一次性注册码（只显示这一次，请线下交给用户本人，{e} 前有效）：").format(
                e=out.enrolment.expires_at) + f"\n  {out.enrolment.enrolment_secret}"
    _emit(args, out.model_dump(), text)
    return 0


# -- handlers ----------------------------------------------------------------------------------------

def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from kamdesk.server.app import create_app
    from kamdesk.server.logs import setup_logging

    settings = _settings(args)
    settings.check()
    setup_logging(settings.log_level)
    import logging

    logging.getLogger("kamdesk.server").info("starting", extra={"event": "start", "workers": args.workers,
                                                                 **settings.public()})
    common = {"host": settings.host, "port": settings.port, "ssl_certfile": settings.tls_cert,
              "ssl_keyfile": settings.tls_key, "log_level": "warning", "access_log": False,
              **settings.uvicorn_proxy_options()}
    if args.workers <= 1:
        uvicorn.run(create_app(settings), **common)
        return 0
    # several worker processes (the server is stateless; state lives in the database): migrate and
    # create keys once here, then hand each worker the same settings through the environment
    from kamdesk.server.app import build_state

    build_state(settings).store.close()
    for f in fields(settings):
        value = getattr(settings, f.name)
        if value is not None:
            os.environ[f"KAMDESK_SERVER_{f.name.upper()}"] = str(value)
    uvicorn.run("kamdesk.server.app:create_app", factory=True, workers=args.workers, **common)
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from kamdesk.server.storage import Store, current_revision

    from kamdesk.server.keys import KeyFileMasterKey

    settings = _settings(args)
    store = Store.open(settings.db_url, master=KeyFileMasterKey(settings.master_key_file))  # s0004 seals TOTP
    print(current_revision(store.engine))
    store.close()
    return 0


def _request(args: argparse.Namespace, make: Any) -> int:
    """An account action as the operator named by --as: carried out, or filed for a second
    administrator's approval (kamdesk.server.approvals decides which)."""
    state = _state(args)
    with state.store.write() as conn:
        out = make(conn, state.policy, _operator(conn, state, args))
    return _outcome(args, out)


def cmd_add_user(args: argparse.Namespace) -> int:
    from kamdesk.server import approvals

    return _request(args, lambda conn, policy, actor: approvals.create_user(
        conn, policy, actor=actor, username=args.name, role=args.role, team=args.team,
        display_name=args.display_name or args.name, branch=args.branch, reason=args.reason))


def cmd_reset(args: argparse.Namespace) -> int:
    from kamdesk.server import approvals

    return _request(args, lambda conn, policy, actor: approvals.reset_user(conn, policy, args.name, actor=actor,
                                                                           reason=args.reason))


def cmd_set_role(args: argparse.Namespace) -> int:
    from kamdesk.server import approvals

    return _request(args, lambda conn, policy, actor: approvals.change_role(conn, policy, args.name, args.role,
                                                                            actor=actor, reason=args.reason))


def cmd_set_team_lead(args: argparse.Namespace) -> int:
    from kamdesk.server import approvals

    return _request(args, lambda conn, policy, actor: approvals.change_team_lead(
        conn, policy, args.team, args.name, actor=actor, reason=args.reason))


def cmd_approvals(args: argparse.Namespace) -> int:
    state = _state(args)
    from kamdesk.server import approvals

    if args.approval_command == "list":
        with state.store.read() as conn:
            rows = approvals.list_approvals(conn, args.status)
        _emit(args, [a.model_dump() for a in rows], "\n".join(
            f"{a.id} {a.status:<9} {a.kind:<12} {a.target:<14} {a.requested_by:<12} {a.requested_at[:16]} {a.reason}"
            for a in rows) or _("没有审批请求。"))
        return 0
    with state.store.write() as conn:
        actor = _operator(conn, state, args)
        if actor == approvals.OPERATOR:
            raise KamdeskError(_("审批需要用 --as 指明审批的管理员（不能是发起人）。"))
        if args.approval_command == "approve":
            return _outcome(args, approvals.approve(conn, state.policy, args.id, actor=actor, reason=args.reason))
        decided = approvals.reject(conn, state.policy, args.id, actor=actor, reason=args.reason)
    _emit(args, decided.model_dump(), _("已驳回 {i}。").format(i=decided.id))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    state = _state(args)
    from kamdesk.server import demo

    with state.store.write() as conn:
        try:
            out = demo.seed_bank(conn, state.keys, clients=args.clients, seed_value=args.seed)
        except ImportError:  # the realistic generator is not installed: the small built-in one
            out = demo.seed(conn, state.keys, clients=args.clients, seed_value=args.seed)
    lines = [_("演示银行已创建：{n} 个客户。用户与口令：").format(n=out["clients"])]
    lines += [f"  {u['username']:<14} {u['role']:<20} {u['password']}" for u in out["users"]]
    _emit(args, out, "\n".join(lines))
    return 0


def cmd_users(args: argparse.Namespace) -> int:
    state = _state(args)
    from kamdesk.server import admin

    with state.store.read() as conn:
        users = admin.list_users(conn)
    _emit(args, [u.model_dump() for u in users],
          "\n".join(f"{u.username:<14} {u.role:<20} {u.team_name} {'' if u.active else _('(停用)')}" for u in users))
    return 0


def cmd_teams(args: argparse.Namespace) -> int:
    state = _state(args)
    from kamdesk.server import admin

    with state.store.read() as conn:
        teams = admin.list_teams(conn)
    _emit(args, [t.model_dump() for t in teams], "\n".join(f"{t.id} {t.name} {t.branch}" for t in teams))
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    state = _state(args)
    from kamdesk.server import admin

    with state.store.read() as conn:
        devs = admin.list_devices(conn, args.user)
    _emit(args, [d.model_dump() for d in devs],
          "\n".join(f"{d.id} {d.user_id} {d.name} {'revoked' if d.revoked else ''}" for d in devs))
    return 0


def _simple(action: Callable[[Any, Any, argparse.Namespace], Any], message: str) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        state = _state(args)
        with state.store.write() as conn:
            result = action(conn, state, args)
        _emit(args, {"ok": True, "result": result}, message.format(result=result))
        return 0

    return handler


def _revoke(conn: Any, state: Any, args: argparse.Namespace) -> Any:
    from kamdesk.server import admin

    return admin.revoke_device(conn, args.device_id)


def _reassign(conn: Any, state: Any, args: argparse.Namespace) -> Any:
    from kamdesk.server import admin

    return admin.reassign_client(conn, args.client_id, args.owner)


def _totp(conn: Any, state: Any, args: argparse.Namespace) -> Any:
    from kamdesk.server import admin

    return admin.enable_totp(conn, args.name, master=state.keys.master)


def _rotate(conn: Any, state: Any, args: argparse.Namespace) -> Any:
    from kamdesk.server import admin

    return admin.rotate_key(conn, state.keys, args.domain)


# -- parser ------------------------------------------------------------------------------------------

def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="database URL (default: SQLite in the data directory)")
    p.add_argument("--data-dir", help="server data directory")
    p.add_argument("--master-key", help="master key file (default: DATA_DIR/master.key)")
    p.add_argument("--json", action="store_true", help="print JSON")


def _acting(p: argparse.ArgumentParser, *, reason_required: bool = False) -> None:
    p.add_argument("--as", dest="as_user", metavar="ADMIN",
                   help=f"the administrator acting (password from {ADMIN_PASSWORD_ENV} or a prompt)")
    p.add_argument("--reason", required=reason_required, default="", help="why (kept in the request and the admin log)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kamdesk-server", description="KAMDesk sync server")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    serve = sub.add_parser("serve", help="run the HTTP(S) API")
    _common(serve)
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--tls-cert")
    serve.add_argument("--tls-key")
    serve.add_argument("--dev", action="store_true", help="development mode (allows default secrets)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (PostgreSQL recommended)")
    serve.set_defaults(handler=cmd_serve)
    mig = sub.add_parser("migrate", help="create or upgrade the database schema")
    _common(mig)
    mig.set_defaults(handler=cmd_migrate)

    admin = sub.add_parser("admin", help="administration").add_subparsers(dest="admin_command", metavar="ACTION")
    p = admin.add_parser("add-user", help="add a user: prints a one-time enrolment secret, or files an approval")
    p.add_argument("name")
    p.add_argument("--role", required=True)
    p.add_argument("--team")
    p.add_argument("--display-name")
    p.add_argument("--branch", default="")
    _acting(p)
    _common(p)
    p.set_defaults(handler=cmd_add_user)
    p = admin.add_parser("reset-password", help="reset an account: a new enrolment secret (approved by a second admin)")
    p.add_argument("name")
    _acting(p)
    _common(p)
    p.set_defaults(handler=cmd_reset)
    p = admin.add_parser("set-role", help="change a user's role (approved by a second admin)")
    p.add_argument("name")
    p.add_argument("role")
    _acting(p)
    _common(p)
    p.set_defaults(handler=cmd_set_role)
    p = admin.add_parser("set-team-lead", help="make a team lead the team's lead (approved by a second admin)")
    p.add_argument("team")
    p.add_argument("name")
    _acting(p)
    _common(p)
    p.set_defaults(handler=cmd_set_team_lead)
    approvals = admin.add_parser("approvals", help="maker-checker requests: list, approve, reject").add_subparsers(
        dest="approval_command", metavar="ACTION", required=True)
    p = approvals.add_parser("list", help="list requests")
    p.add_argument("--status", choices=("pending", "approved", "rejected", "expired"))
    _common(p)
    p.set_defaults(handler=cmd_approvals)
    for verb in ("approve", "reject"):
        p = approvals.add_parser(verb, help=f"{verb} a request (as another administrator than its maker)")
        p.add_argument("id")
        _acting(p, reason_required=verb == "reject")
        _common(p)
        p.set_defaults(handler=cmd_approvals)
    p = admin.add_parser("demo", help="seed a demo bank, enrol its users and print their passwords (demo only)")
    p.add_argument("--clients", type=int, default=200)
    p.add_argument("--seed", type=int, default=1)
    _common(p)
    p.set_defaults(handler=cmd_demo)
    for name, fn in (("users", cmd_users), ("teams", cmd_teams)):
        p = admin.add_parser(name, help=f"list {name}")
        _common(p)
        p.set_defaults(handler=fn)
    p = admin.add_parser("devices", help="list devices")
    p.add_argument("--user")
    _common(p)
    p.set_defaults(handler=cmd_devices)
    p = admin.add_parser("revoke-device", help="revoke a device (it wipes its file on next contact)")
    p.add_argument("device_id")
    _common(p)
    p.set_defaults(handler=_simple(_revoke, _("设备已吊销。")))
    p = admin.add_parser("reassign", help="move a client to another RM")
    p.add_argument("client_id")
    p.add_argument("owner")
    _common(p)
    p.set_defaults(handler=_simple(_reassign, _("客户已转移。")))
    p = admin.add_parser("enable-totp", help="turn on TOTP and print the secret to enrol")
    p.add_argument("name")
    _common(p)
    p.set_defaults(handler=_simple(_totp, "TOTP: {result}"))
    p = admin.add_parser("rotate-key", help="add a new version of a key domain's data key")
    p.add_argument("domain")
    _common(p)
    p.set_defaults(handler=_simple(_rotate, _("新密钥版本：{result}")))
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return int(handler(args) or 0)
    except KamdeskError as exc:
        print(f"kamdesk-server: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
