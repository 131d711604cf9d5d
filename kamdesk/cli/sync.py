"""`kamdesk sync`: synchronise a client file with the bank's server; `kamdesk sync status`.

    kamdesk sync --file F --server URL --user NAME   (password: KAMDESK_PASSWORD or a prompt)
    kamdesk sync --enrol --server URL --user NAME    (first use or after a reset: the enrolment
                 secret from KAMDESK_ENROLMENT_SECRET or a prompt becomes your own password)
    kamdesk sync status --file F [--json]

The first sync of a new file registers this device and creates the file from the server.
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from kamdesk.cli.common import add_file_arg, add_json_arg, book_path, emit_json, read_passphrase
from kamdesk.common.errors import KamdeskError
from kamdesk.common.i18n import _

PASSWORD_ENV = "KAMDESK_PASSWORD"
ENROLMENT_ENV = "KAMDESK_ENROLMENT_SECRET"


def register(sub: Any) -> None:
    p = sub.add_parser("sync", help="synchronise with the bank's server / 与服务器同步")
    p.add_argument("action", nargs="?", choices=["run", "status"], default="run")
    add_file_arg(p)
    add_json_arg(p)
    p.add_argument("--server", help="server URL (https://..., or http:// to loopback)")
    p.add_argument("--user", help="user name on the server")
    p.add_argument("--enrol", action="store_true",
                   help="first set your own password with the administrator's enrolment secret")
    p.set_defaults(handler=handle)


def _password() -> str:
    return read_passphrase(_("服务器口令 / server password: "), env=PASSWORD_ENV)


def handle(args: argparse.Namespace) -> int:
    return status(args) if args.action == "status" else run(args)


def _progress(phase: str, done: int, total: int | None) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\r{phase} {done}/{total if total is not None else '?'}   ")
        sys.stderr.flush()


def _enrol(args: argparse.Namespace, path: Any) -> str:
    from kamdesk.sync.enrol import enrol

    server = args.server
    if not server and path.exists():
        from kamdesk.services.book import open_book
        from kamdesk.sync.engine import META_SERVER

        book = open_book(path, read_passphrase())
        try:
            server = book.meta(META_SERVER)
        finally:
            book.close()
    if not (server and args.user):
        raise KamdeskError(_("注册需要 --server 和 --user。"))
    secret = read_passphrase(_("注册码 / enrolment secret: "), env=ENROLMENT_ENV)
    first = _password()
    if not os.environ.get(PASSWORD_ENV) and first != read_passphrase(_("再次输入 / repeat: "), env=PASSWORD_ENV):
        raise KamdeskError(_("两次输入的口令不一致。"))
    enrol(server, args.user, secret, first)
    print(_("已设置您自己的同步口令。"), file=sys.stderr)
    return first  # the sign-in that follows uses the new password


def run(args: argparse.Namespace) -> int:
    from kamdesk.services.book import open_book
    from kamdesk.sync.engine import META_SERVER, SyncEngine, create_book_from_server

    path = book_path(args)
    enrolled = _enrol(args, path) if getattr(args, "enrol", False) else None
    if not path.exists():
        if not (args.server and args.user):
            raise KamdeskError(_("首次同步需要 --server 和 --user。"))
        book = create_book_from_server(path, read_passphrase(), args.server, args.user, enrolled or _password())
        result: dict[str, Any] = {"created": str(path)}
    else:
        book = open_book(path, read_passphrase())
        engine = None
        try:
            engine = SyncEngine(book, args.server or book.meta(META_SERVER), progress=_progress)
            if enrolled or args.user or os.environ.get(PASSWORD_ENV):
                engine.login(args.user or book.meta("sync_username") or book.user.username, enrolled or _password())
            r = engine.sync_round()
            result = {"pushed": r.pushed, "pulled": r.pulled, "evicted": r.evicted, "conflicts": r.conflicts,
                      "rejected": [x.model_dump() for x in r.rejected], "repaired": r.repaired, "seq": r.seq,
                      "seconds": round(r.seconds, 3)}
        except BaseException:
            if path.exists():
                book.close()
            raise
        finally:
            if engine is not None:
                engine.close()
    try:
        if getattr(args, "json", False):
            emit_json(result)
        elif "created" in result:
            print(_("已从服务器创建客户文件：{p}").format(p=result["created"]))
        else:
            print(_("同步完成：上传 {a} 项，下载 {b} 项，冲突 {c} 项，被拒绝 {d} 项。").format(
                a=result["pushed"], b=result["pulled"], c=result["conflicts"], d=len(result["rejected"])))
    finally:
        if book is not None and path.exists():
            book.close()
    return 0


def status(args: argparse.Namespace) -> int:
    from kamdesk.services.book import open_book
    from kamdesk.sync.engine import sync_status

    book = open_book(book_path(args), read_passphrase())
    try:
        doc = sync_status(book)
    finally:
        book.close()
    if getattr(args, "json", False):
        emit_json(doc)
    else:
        print(_("服务器：{s}  用户：{u}").format(s=doc["server"] or "-", u=doc["user"] or "-"))
        print(_("待上传修改：{n}  未解决冲突：{c}").format(n=doc["pending_changes"], c=doc["open_conflicts"]))
        if doc["quarantined"]:
            print(_("已隔离记录：{n}（含无法应用的取值，其余数据照常同步）").format(n=doc["quarantined"]))
            for h in doc["quarantined_records"]:
                print(f"  {h['table']} {h['record_id']} [{', '.join(h['fields'])}] {h['reason']}")
        last = doc["last_round"]
        print(_("上次同步：{t}").format(t=last["at"] if last else _("从未同步")))
    return 0
