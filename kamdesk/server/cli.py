"""`kamdesk-server`: serve the sync API, and administer users, teams, devices and keys.

    kamdesk-server serve --db URL --host H --port P [--tls-cert F --tls-key F] [--dev]
    kamdesk-server admin add-user NAME --role ROLE --team TEAM --db URL   (KAMDESK_NEW_PASSWORD or prompt)
    kamdesk-server admin demo --clients N --seed S --db URL --json
    kamdesk-server admin users|teams|devices [--user U] --db URL
    kamdesk-server admin revoke-device ID | reassign CLIENT_ID OWNER | reset-password NAME
                         | enable-totp NAME | rotate-key DOMAIN  --db URL
"""
from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from dataclasses import fields
from typing import Any, Callable

from kamdesk.common.errors import KamdeskError
from kamdesk.common.i18n import _
from kamdesk.server.settings import Settings

NEW_PASSWORD_ENV = "KAMDESK_NEW_PASSWORD"


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


def _new_password() -> str:
    value = os.environ.get(NEW_PASSWORD_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise KamdeskError(_("未提供口令：请设置环境变量 {e} 或在终端中运行。").format(e=NEW_PASSWORD_ENV))
    first = getpass.getpass(_("新口令: "))
    if first != getpass.getpass(_("再次输入: ")):
        raise KamdeskError(_("两次输入的口令不一致。"))
    return first


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
              "ssl_keyfile": settings.tls_key, "log_level": "warning", "access_log": False}
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
    store = Store.open(settings.db_url, master=KeyFileMasterKey(settings.master_key_file))  # s0003_C seals TOTP
    print(current_revision(store.engine))
    store.close()
    return 0


def cmd_add_user(args: argparse.Namespace) -> int:
    state = _state(args)
    from kamdesk.server import admin

    with state.store.write() as conn:
        u = admin.add_user(conn, username=args.name, role=args.role, team=args.team, password=_new_password(),
                           display_name=args.display_name or args.name, branch=args.branch)
    _emit(args, u.model_dump(), _("已添加用户 {u}（{r}）").format(u=u.username, r=u.role))
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


def _reset(conn: Any, state: Any, args: argparse.Namespace) -> Any:
    from kamdesk.server import admin

    return admin.reset_password(conn, args.name, _new_password())


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
    p = admin.add_parser("add-user", help="add a user (password from KAMDESK_NEW_PASSWORD or a prompt)")
    p.add_argument("name")
    p.add_argument("--role", required=True)
    p.add_argument("--team")
    p.add_argument("--display-name")
    p.add_argument("--branch", default="")
    _common(p)
    p.set_defaults(handler=cmd_add_user)
    p = admin.add_parser("demo", help="seed a demo bank and print its users and passwords")
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
    p = admin.add_parser("reset-password", help="set a new password (KAMDESK_NEW_PASSWORD or a prompt)")
    p.add_argument("name")
    _common(p)
    p.set_defaults(handler=_simple(_reset, _("口令已重置。")))
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
