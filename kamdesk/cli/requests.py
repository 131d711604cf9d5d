"""`kamdesk requests`: service requests and complaints with their SLA state."""
from __future__ import annotations

import argparse

from kamdesk.cli.common import add_file_arg, add_json_arg, emit_json, open_book_from_args
from kamdesk.common.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("requests", help="service requests and complaints (服务请求/投诉) with SLA state")
    add_file_arg(p)
    add_json_arg(p)
    p.add_argument("--status", default=None, help="open/in_progress/escalated/resolved/closed or 'active'")
    p.add_argument("--kind", choices=("request", "complaint"), default=None)
    p.add_argument("--escalate-overdue", action="store_true", help="first escalate breached requests automatically")
    p.set_defaults(handler=cmd_requests)


def cmd_requests(args: argparse.Namespace) -> int:
    from kamdesk.services import requests

    book = open_book_from_args(args)
    try:
        bumped = requests.escalate_overdue(book) if args.escalate_overdue else []
        rows = requests.list(book, status=args.status, kind=args.kind)
    finally:
        book.close()
    if args.json:
        emit_json({"escalated": [r.id for r in bumped], "requests": [r.as_dict() for r in rows]})
        return 0
    if bumped:
        print(_("已自动升级 {n} 条超时请求").format(n=len(bumped)))
    if not rows:
        print(_("没有服务请求。"))
    for r in rows:
        due = r.sla_due_at.strftime("%Y-%m-%d %H:%M") if r.sla_due_at else "-"
        print(f"{r.sla_label:<5} {r.status_label:<4} {due}  [{r.category}] {r.title}（{r.client_name}）  {r.id}")
    return 0
