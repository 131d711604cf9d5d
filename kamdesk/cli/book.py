"""Client-file commands: passwd, audit verify, verify (integrity), backup."""
from __future__ import annotations

import argparse
import os
import sys

from kamdesk.cli.common import add_file_arg, add_json_arg, book_path, emit_json, open_book_from_args, read_passphrase
from kamdesk.common.errors import KamdeskError
from kamdesk.common.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("passwd", help="change the passphrase of a client file (re-wraps its key)")
    add_file_arg(p)
    p.set_defaults(handler=cmd_passwd)

    audit = sub.add_parser("audit", help="the audit log")
    asub = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = asub.add_parser("verify", help="check the hash chain; report the first tampered, reordered or missing entry")
    add_file_arg(v)
    add_json_arg(v)
    v.set_defaults(handler=cmd_audit_verify)
    ls = asub.add_parser("list", help="the newest audit events")
    add_file_arg(ls)
    add_json_arg(ls)
    ls.add_argument("--action")
    ls.add_argument("--limit", type=int, default=50)
    ls.set_defaults(handler=cmd_audit_list)

    chk = sub.add_parser("verify", help="check the client file's integrity (SQLCipher page HMACs and SQLite)")
    add_file_arg(chk)
    add_json_arg(chk)
    chk.set_defaults(handler=cmd_verify)

    bk = sub.add_parser("backup", help="write an encrypted backup copy beside the client file")
    add_file_arg(bk)
    bk.set_defaults(handler=cmd_backup)


def cmd_passwd(args: argparse.Namespace) -> int:
    from kamdesk.services.book import make_vault

    path = book_path(args)
    old = read_passphrase(_("当前口令: "))
    new = read_passphrase(_("新口令: "), env="KAMDESK_NEW_PASSPHRASE")
    if "KAMDESK_NEW_PASSPHRASE" not in os.environ and sys.stdin.isatty():
        if read_passphrase(_("再次输入新口令: "), env="KAMDESK_NEW_PASSPHRASE_CONFIRM") != new:
            raise KamdeskError(_("两次输入的新口令不一致。"))
    make_vault(path).change_passphrase(old, new)
    print(_("口令已更改。"))
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from kamdesk.services import audit

    book = open_book_from_args(args)
    try:
        with book.session_scope() as s:
            report = audit.verify(s)
    finally:
        book.close()
    if args.json:
        emit_json({"ok": report.ok, "checked": report.checked, "first_bad_seq": report.first_bad_seq,
                   "problem": report.problem})
    else:
        print(report.message(), file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 5


def cmd_audit_list(args: argparse.Namespace) -> int:
    from kamdesk.services import audit

    book = open_book_from_args(args)
    try:
        if not (book.policy.can(book.user.role, "audit.read_all") or book.user.role in ("rm", "team_lead")):
            raise KamdeskError(_("权限不足：查看审计日志"))
        with book.session_scope() as s:
            rows = audit.events(s, action=args.action, limit=args.limit)
    finally:
        book.close()
    if args.json:
        emit_json(rows)
    else:
        for r in rows:
            print(f"{r['seq']:>6} {r['at']} {r['action']:<24} {r['entity']} {r['entity_id']}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    book = open_book_from_args(args)
    try:
        problems = book.integrity_check()
    finally:
        book.close()
    if args.json:
        emit_json({"ok": not problems, "problems": problems})
    elif problems:
        print(_("客户文件完整性检查失败："), file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
    else:
        print(_("客户文件完整性检查通过。"))
    return 0 if not problems else 5


def cmd_backup(args: argparse.Namespace) -> int:
    book = open_book_from_args(args)
    try:
        path = book.backup()
    finally:
        book.close()
    print(path)
    return 0
