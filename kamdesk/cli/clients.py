"""`kamdesk clients search|list` and `kamdesk client show|history`: the client list, search,
client 360 and a client's change history from the command line. C2 values are masked; `--reveal FIELD
--reason WHY` shows one in clear (only for roles allowed to reveal; the reason is required and audited)."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from kamdesk.cli.common import add_file_arg, add_json_arg, emit_json, open_book_from_args
from kamdesk.common.i18n import _


def _csv(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def cmd_search(args: argparse.Namespace) -> int:
    from kamdesk.services import search
    from kamdesk.services.dto import to_jsonable

    book = open_book_from_args(args)
    try:
        hits = search.search(book, args.query, limit=args.limit)
    finally:
        book.close()
    if args.json:
        emit_json(to_jsonable(hits))
    elif not hits:
        print(_("没有找到匹配的客户"))
    else:
        for h in hits:
            print(f"{h.client_id}  {h.name}  [{h.kind_of_match}: {h.matched}]")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from kamdesk.services import clients
    from kamdesk.services.dto import ClientFilter, to_jsonable

    filters = ClientFilter(tiers=_csv(args.tier), industries=_csv(args.industry), kinds=_csv(args.kind),
                           lifecycle_stages=_csv(args.stage), owner_ids=_csv(args.owner))
    book = open_book_from_args(args)
    try:
        page = clients.list_clients(book, query=args.query, filters=filters, sort=args.sort,
                                    descending=args.desc, offset=args.offset, limit=args.limit)
    finally:
        book.close()
    if args.json:
        emit_json(to_jsonable(page))
        return 0
    for r in page.rows:
        label = _(clients.TIER_LABELS.get(r.tier, r.tier))
        print(f"{r.id}  {r.name}  {label}  {r.industry}  {r.owner_name}  {r.credit_code_display or ''}")
    print(_("共 {n} 位客户，显示 {k} 位").format(n=page.total, k=len(page.rows)), file=sys.stderr)
    return 0


def _print_360(v: Any) -> None:
    p = v.profile
    print(f"{p.name}（{p.short_name}）" if p.short_name else p.name)
    print(f"  ID: {p.id}")
    print(f"  {_('客户分层')}: {v.grade.tier_label}  {_('行业')}: {p.industry}  {_('主办客户经理')}: {p.owner_name}")
    for name, sv in p.sensitive.items():
        if sv.display is not None:
            print(f"  {name}: {sv.display}")
    if v.group is not None:
        g = v.group
        print(f"{_('集团')}: {g.root_name}  {_('合计敞口')}: {g.combined_exposure}")
        for m in g.members:
            print("  " + "  " * m.depth + m.name + (" *" if m.is_current else ""))
    if v.contacts:
        print(_("联系人") + ":")
        for c in v.contacts:
            print(f"  {c.name} {c.title} {c.phone_display or ''}")
    if v.maturing_soon:
        print(_("90 天内到期") + ":")
        for h in v.maturing_soon:
            print(f"  {h.product_name} {h.amount} {h.maturity_on}")
    print(f"{_('近 12 个月贡献')}: {v.contribution.total}")
    for r in v.requests:
        print(f"  [{r.sla_state}] {r.title}")


def cmd_show(args: argparse.Namespace) -> int:
    from kamdesk.services import clients
    from kamdesk.services.client360 import client_360
    from kamdesk.services.dto import to_jsonable

    book = open_book_from_args(args)
    try:
        revealed = {f: clients.reveal(book, args.id, f, reason=args.reason) for f in args.reveal}
        view = client_360(book, args.id)
    finally:
        book.close()
    if args.json:
        doc = to_jsonable(view)
        if revealed:
            doc["revealed"] = revealed
        emit_json(doc)
        return 0
    _print_360(view)
    for f, value in revealed.items():
        print(f"{f} ({_('明文，已记录审计')}): {value}")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from kamdesk.services.dto import to_jsonable
    from kamdesk.services.history import change_text, client_history, source_label

    book = open_book_from_args(args)
    try:
        page = client_history(book, args.id, limit=args.limit, offset=args.offset)
    finally:
        book.close()
    if args.json:
        emit_json(to_jsonable(page))
        return 0
    if not page.entries:
        print(_("暂无变更记录。"))
    for e in page.entries:
        when = e.at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"{when}  {e.who or '-'}  {e.what}  {change_text(e)}  [{source_label(e.source)}]")
    if page.has_more:
        print(_("还有更早的记录：--offset {n}").format(n=page.offset + len(page.entries)), file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("clients", help="search and list the clients in your book")
    csub = p.add_subparsers(dest="clients_command", metavar="ACTION", required=True)
    s = csub.add_parser("search", help="as-you-type search: names, pinyin, initials, contacts, codes")
    s.add_argument("query")
    s.add_argument("--limit", type=int, default=20)
    add_file_arg(s)
    add_json_arg(s)
    s.set_defaults(handler=cmd_search)
    ls = csub.add_parser("list", help="the client list with filters (comma-separated values)")
    ls.add_argument("--query", default="", help="the same matching as search")
    ls.add_argument("--tier", default="", help="strategic,core,key,general")
    ls.add_argument("--industry", default="")
    ls.add_argument("--kind", default="", help="corporate,individual")
    ls.add_argument("--stage", default="", help="startup,growth,mature,decline")
    ls.add_argument("--owner", default="", help="owner user ids")
    ls.add_argument("--sort", default="name")
    ls.add_argument("--desc", action="store_true")
    ls.add_argument("--offset", type=int, default=0)
    ls.add_argument("--limit", type=int, default=200)
    add_file_arg(ls)
    add_json_arg(ls)
    ls.set_defaults(handler=cmd_list)

    c = sub.add_parser("client", help="one client")
    ccsub = c.add_subparsers(dest="client_command", metavar="ACTION", required=True)
    show = ccsub.add_parser("show", help="client 360 (C2 masked; --reveal FIELD is audited)")
    show.add_argument("id")
    show.add_argument("--reveal", action="append", default=[], metavar="FIELD",
                      help="show one sensitive field in clear (audited); repeatable")
    show.add_argument("--reason", default="", help="why the value is revealed (required with --reveal; kept in the audit log)")
    add_file_arg(show)
    add_json_arg(show)
    show.set_defaults(handler=cmd_show)
    hist = ccsub.add_parser("history", help="the client's change history and audit events, newest first (C2 values never shown)")
    hist.add_argument("id")
    hist.add_argument("--limit", type=int, default=50)
    hist.add_argument("--offset", type=int, default=0)
    add_file_arg(hist)
    add_json_arg(hist)
    hist.set_defaults(handler=cmd_history)
