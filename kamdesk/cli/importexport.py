"""`kamdesk import FILE` (dry run first, then all-or-nothing) and `kamdesk export clients|calendar`."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from kamdesk.cli.common import add_file_arg, add_json_arg, emit_json, open_book_from_args
from kamdesk.common.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import clients, contacts or holdings from .xlsx/.csv (all or nothing)")
    add_file_arg(p)
    add_json_arg(p)
    p.add_argument("path", type=Path, metavar="FILE", help=".xlsx or .csv with Chinese headers (客户名称, …)")
    p.add_argument("--dry-run", action="store_true", help="only check and report every bad row")
    p.add_argument("--mapping", type=Path, default=None, help='JSON {"表头": "field"} for unusual headers')
    p.add_argument("--entity", choices=("clients", "contacts", "holdings"), default=None,
                   help="what the file holds (default: detected from the headers)")
    p.set_defaults(handler=cmd_import)

    e = sub.add_parser("export", help="export clients (.xlsx, masked; --reveal with an approved request: encrypted) "
                                      "or the calendar (.ics)")
    add_file_arg(e)
    add_json_arg(e)
    e.add_argument("what", choices=("clients", "calendar"))
    e.add_argument("--out", type=Path, required=True, help="F.xlsx for clients, F.ics for the calendar")
    e.add_argument("--tier", choices=("strategic", "core", "key", "general"), default=None)
    e.add_argument("--reveal", action="store_true",
                   help="C2 fields in clear: needs --approval (an approved `kamdesk approvals request-export`); "
                        "the file is encrypted with a password shown once")
    e.add_argument("--approval", default=None, metavar="ID", help="the approved export request (with --reveal)")
    e.add_argument("--days", type=int, default=30, help="calendar: days ahead (default 30)")
    e.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    e.set_defaults(handler=cmd_export)


def cmd_import(args: argparse.Namespace) -> int:
    from kamdesk.services import importexport as ie

    book = open_book_from_args(args)
    try:
        try:
            rep = ie.import_file(book, args.path, entity=args.entity, mapping=args.mapping, dry_run=args.dry_run)
        except ie.ImportRejected as exc:
            rep = exc.report
            if args.json:
                emit_json(rep.as_dict())
            else:
                _print_errors(rep)
            print(f"kamdesk: {exc}", file=sys.stderr)
            return exc.exit_code
    finally:
        book.close()
    if args.json:
        emit_json(rep.as_dict())
        return 0 if rep.ok else 2
    if rep.dry_run:
        print(_("检查完成：{n} 行，{v} 行有效，{e} 个错误").format(n=rep.rows, v=rep.valid, e=len(rep.errors)))
        _print_errors(rep)
        return 0 if rep.ok else 2
    print(_("已导入 {n} 条{e}记录（{s:.1f} 秒）").format(n=rep.imported, e=rep.entity, s=rep.seconds))
    return 0


def _print_errors(rep) -> None:  # noqa: ANN001
    for e in rep.errors:
        print("  " + str(e))
    if rep.ignored_columns:
        print(_("  未识别的列（已忽略）：{c}").format(c="、".join(rep.ignored_columns)))


def cmd_export(args: argparse.Namespace) -> int:
    from kamdesk.services import importexport as ie

    book = open_book_from_args(args)
    try:
        if args.what == "clients" and (args.reveal or args.approval):
            return _export_clear(book, args)
        if args.what == "clients":
            res = ie.export_clients(book, args.out, tier=args.tier)
        else:
            res = ie.export_calendar(book, args.out, today=args.today, days=args.days)
    finally:
        book.close()
    if args.json:
        emit_json({"path": res.path, "rows": res.rows, "sha256": res.sha256, "revealed": list(res.revealed)})
    else:
        print(_("已导出 {n} 条到 {p}（SHA-256 {h}，已记录审计）").format(n=res.rows, p=res.path, h=res.sha256))
    return 0


def _export_clear(book, args: argparse.Namespace) -> int:  # noqa: ANN001
    from kamdesk.common.errors import ValidationError
    from kamdesk.services import clearexport

    if not (args.reveal and args.approval):
        raise ValidationError("approval", _("明文导出需要 --reveal 和已批准的导出申请 --approval ID"
                                            "（先用 kamdesk approvals request-export 提交申请）"))
    if args.tier:
        raise ValidationError("tier", _("明文导出只包含审批通过的客户，不能再加筛选条件"))
    res = clearexport.export_clients_clear(book, args.approval, args.out)
    # the password goes to the terminal once and nowhere else (not to the log, not to the audit)
    if args.json:
        emit_json({"path": res.path, "rows": res.rows, "sha256": res.sha256, "approval": res.approval_id,
                   "revealed": list(res.in_clear), "password": res.password})
    else:
        print(_("已导出 {n} 条到 {p}（已加密，SHA-256 {h}，已记录审计）").format(n=res.rows, p=res.path, h=res.sha256))
        print(_("文件密码（只显示这一次，请妥善保管）：{pw}").format(pw=res.password))
    return 0
