"""`kamdesk visits`: visits by planned time (planned by default); `kamdesk tasks`: the task list
by due date (open by default); `kamdesk tasks complete ID` marks one done."""
from __future__ import annotations

import argparse

from kamdesk.cli.common import add_file_arg, add_json_arg, emit_json, open_book_from_args
from kamdesk.common.errors import ValidationError
from kamdesk.common.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("visits", help="visits (拜访) by planned time; --status planned/done/cancelled/all")
    add_file_arg(p)
    add_json_arg(p)
    p.add_argument("--status", default="planned", choices=("planned", "done", "cancelled", "all"))
    p.add_argument("--client", default=None, help="only this client's visits (client id)")
    p.add_argument("--limit", type=int, default=200)
    p.set_defaults(handler=cmd_visits)
    t = sub.add_parser("tasks", help="tasks (任务) by due date; --status open/done/cancelled/all; complete ID")
    add_file_arg(t)
    add_json_arg(t)
    t.add_argument("action", nargs="?", choices=("complete",), help="mark a task done")
    t.add_argument("id", nargs="?", help="task id (complete)")
    t.add_argument("--status", default="open", choices=("open", "done", "cancelled", "all"))
    t.add_argument("--mine", action="store_true", help="only the signed-in user's tasks")
    t.set_defaults(handler=cmd_tasks)


def cmd_visits(args: argparse.Namespace) -> int:
    from kamdesk.services import visits

    book = open_book_from_args(args)
    try:
        status = None if args.status == "all" else args.status
        rows = visits.list_visits(book, status=status, client_id=args.client, limit=max(1, args.limit),
                                  descending=status != "planned")
    finally:
        book.close()
    if args.json:
        emit_json([r.as_dict() for r in rows])
        return 0
    for r in rows:
        print(f"{r.planned_at:%Y-%m-%d %H:%M}  {visits.status_label(r.status)}  {visits.kind_label(r.kind)}  "
              f"{r.client_name}  {r.place}  {r.id}")
    print(_("共 {n} 次拜访").format(n=len(rows)))
    return 0


def cmd_tasks(args: argparse.Namespace) -> int:
    from kamdesk.services import tasks

    if args.action == "complete" and not args.id:
        raise ValidationError("complete", _("用法：kamdesk tasks complete ID"))
    book = open_book_from_args(args)
    try:
        if args.action == "complete":
            done = tasks.complete(book, args.id)
            if args.json:
                emit_json(done.as_dict())
            else:
                print(_("已完成：{t}").format(t=done.title))
            return 0
        rows = tasks.list_tasks(book, status=None if args.status == "all" else args.status,
                                owner_id=book.user.id if args.mine else None)
    finally:
        book.close()
    if args.json:
        emit_json([r.as_dict() for r in rows])
        return 0
    for r in rows:
        due = r.due_on.isoformat() if r.due_on else "-"
        flag = _("逾期") if r.overdue else (_("今天") if r.due_today else "")
        print(f"{due:10}  {flag:4}  {tasks.status_label(r.status)}  {r.title}  {r.client_name}  {r.id}")
    print(_("共 {n} 项，逾期 {o} 项").format(n=len(rows), o=sum(1 for r in rows if r.overdue)))
    return 0
