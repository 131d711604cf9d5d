"""`kamdesk approvals`: maker-checker requests (双人复核) — list, approve, reject, and file a
clear-text export request. Suitability exceptions are filed with `kamdesk proposal --exception`.
Everything is written locally and syncs with `kamdesk sync`."""
from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from kamdesk.cli.common import add_file_arg, add_json_arg, emit_json, open_book_from_args
from kamdesk.common.i18n import _


def _csv(value: str | None) -> list[str] | None:
    return None if value is None else [v.strip() for v in value.split(",") if v.strip()]


def _doc(i: Any) -> dict[str, Any]:
    return {"id": i.batch_id, "kind": i.kind, "status": i.status, "requester_id": i.requester_id,
            "requester": i.requester_name, "requested_at": i.requested_at.isoformat(), "reason": i.reason,
            "clients": len(i.client_ids), "client_ids": list(i.client_ids), "subject": i.subject,
            "decided_by": i.decided_by, "decided_at": i.decided_at.isoformat() if i.decided_at else None,
            "decision_reason": i.decision_reason, "can_decide": i.can_decide}


def _local(when: Any) -> str:
    """A stored time (UTC, naive) as this computer's local wall time."""
    return when.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _print(i: Any) -> None:
    when = _local(i.requested_at)
    print(f"{i.batch_id}  [{i.status_label}] {i.kind_label}  {i.subject}  {i.requester_name} {when}  {i.reason}")
    if i.decided_by:
        print("    " + _("{who} 于 {when}：{r}").format(who=i.decider_name, when=_local(i.decided_at),
                                                      r=i.decision_reason))


def cmd_list(args: argparse.Namespace) -> int:
    from kamdesk.services import approvals

    book = open_book_from_args(args)
    try:
        rows = approvals.list_approvals(book, pending_only=args.pending)
    finally:
        book.close()
    if args.json:
        emit_json([_doc(i) for i in rows])
        return 0
    if not rows:
        print(_("没有审批申请。"))
    for i in rows:
        _print(i)
    return 0


def _decide(args: argparse.Namespace, approve: bool) -> int:
    from kamdesk.services import approvals

    book = open_book_from_args(args)
    try:
        info = approvals.decide(book, args.id, approve, args.reason)
    finally:
        book.close()
    if args.json:
        emit_json(_doc(info))
    else:
        _print(info)
    return 0


def cmd_request_export(args: argparse.Namespace) -> int:
    from kamdesk.services import approvals

    book = open_book_from_args(args)
    try:
        info = approvals.request_bulk_export(book, args.reason, client_ids=_csv(args.ids), tier=args.tier)
    finally:
        book.close()
    if args.json:
        emit_json(_doc(info))
    else:
        print(_("已提交明文导出申请 {id}（{n} 位客户），待审批后用 kamdesk export clients --reveal --approval {id}")
              .format(id=info.batch_id, n=len(info.client_ids)))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("approvals", help="maker-checker requests: suitability exceptions, clear-text exports")
    asub = p.add_subparsers(dest="approvals_command", metavar="ACTION", required=True)
    ls = asub.add_parser("list", help="requests on the clients you may see (yours and those you may decide)")
    ls.add_argument("--pending", action="store_true", help="only the pending ones")
    add_file_arg(ls)
    add_json_arg(ls)
    ls.set_defaults(handler=cmd_list)
    for name, approve in (("approve", True), ("reject", False)):
        d = asub.add_parser(name, help=f"{name} a pending request (never your own; audited)")
        d.add_argument("id", help="the request id (from `kamdesk approvals list`)")
        d.add_argument("--reason", required=True, help="your decision's reason (kept in the audit log)")
        add_file_arg(d)
        add_json_arg(d)
        d.set_defaults(handler=lambda a, approve=approve: _decide(a, approve))
    r = asub.add_parser("request-export", help="ask to export clients with C2 values in clear")
    r.add_argument("--reason", required=True, help="why the clear-text export is needed")
    r.add_argument("--ids", default=None, help="comma-separated client ids (default: your whole visible book)")
    r.add_argument("--tier", choices=("strategic", "core", "key", "general"), default=None)
    add_file_arg(r)
    add_json_arg(r)
    r.set_defaults(handler=cmd_request_export)
