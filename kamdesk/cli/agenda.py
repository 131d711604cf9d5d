"""`kamdesk agenda`: the service agenda; `kamdesk agenda done|snooze|dismiss KEY` records what you did."""
from __future__ import annotations

import argparse
import datetime as dt

from kamdesk.cli.common import add_file_arg, add_json_arg, emit_json, open_book_from_args
from kamdesk.common.errors import ValidationError
from kamdesk.common.i18n import _

_SEV = {"high": "!!", "medium": "! ", "low": "  "}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("agenda", help="the service agenda (服务日程); done|snooze|dismiss KEY marks an item")
    add_file_arg(p)
    add_json_arg(p)
    p.add_argument("action", nargs="?", choices=("done", "snooze", "dismiss"), help="mark an item")
    p.add_argument("key", nargs="?", help="the item's key (shown with --keys or in --json)")
    p.add_argument("--days", type=int, default=30, help="look this many days ahead (default 30)")
    p.add_argument("--team", action="store_true", help="the whole team's agenda (team leads)")
    p.add_argument("--until", type=dt.date.fromisoformat, default=None, help="snooze until this date (default tomorrow)")
    p.add_argument("--keys", action="store_true", help="show each item's key")
    p.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    p.set_defaults(handler=cmd_agenda)


def cmd_agenda(args: argparse.Namespace) -> int:
    from kamdesk.services import agenda

    today = args.today or dt.date.today()
    if args.action and not args.key:
        raise ValidationError("KEY", _("请给出日程条目的标识"))
    book = open_book_from_args(args)
    try:
        if args.action:
            state = {"done": "done", "snooze": "snoozed", "dismiss": "dismissed"}[args.action]
            agenda.mark(book, args.key, state, args.until, today=today)
            if args.json:
                emit_json({"key": args.key, "state": state})
            else:
                print(_("已标记：{k} → {s}").format(k=args.key, s=state))
            return 0
        items = agenda.agenda(book, today=today, horizon_days=args.days, team=args.team)
    finally:
        book.close()
    if args.json:
        emit_json([i.as_dict() for i in items])
        return 0
    if not items:
        print(_("未来 {d} 天没有待办日程。").format(d=args.days))
    for i in items:
        who = f"[{i.owner_name}] " if args.team and i.owner_name else ""
        line = f"{_SEV.get(i.severity, '  ')} {i.due.isoformat()}  {who}{i.title}"
        if i.client_name and i.client_name not in i.title:
            line += f"（{i.client_name}）"
        print(line)
        if args.keys:
            print(f"      {i.key}")
    return 0
