"""`kamdesk pipeline`: the opportunity pipeline; `kamdesk pipeline move ID STAGE` moves one."""
from __future__ import annotations

import argparse

from kamdesk.cli.common import add_file_arg, add_json_arg, emit_json, open_book_from_args
from kamdesk.common.errors import ValidationError
from kamdesk.common.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("pipeline", help="opportunity pipeline (商机) by stage; move ID STAGE; rollup for team leads")
    add_file_arg(p)
    add_json_arg(p)
    p.add_argument("action", nargs="?", choices=("move", "rollup"), help="move an opportunity / team roll-up")
    p.add_argument("id", nargs="?", help="opportunity id (move)")
    p.add_argument("stage", nargs="?", help="lead/qualified/proposal/negotiation/won/lost (move)")
    p.add_argument("--note", default="", help="note for the stage history")
    p.add_argument("--reason", default="", help="reason (required for lost)")
    p.set_defaults(handler=cmd_pipeline)


def cmd_pipeline(args: argparse.Namespace) -> int:
    from kamdesk.services import pipeline

    if args.action == "move" and not (args.id and args.stage):
        raise ValidationError("move", _("用法：kamdesk pipeline move ID STAGE"))
    book = open_book_from_args(args)
    try:
        if args.action == "move":
            row = pipeline.move(book, args.id, args.stage, note=args.note, reason=args.reason)
            if args.json:
                emit_json(row.as_dict())
            else:
                print(_("{n} → {s}（赢单概率 {p}%）").format(n=row.name, s=row.stage_label, p=row.probability))
            return 0
        if args.action == "rollup":
            roll = pipeline.rollup(book)
            if args.json:
                emit_json([dict(r.__dict__, win_rate=r.win_rate) for r in roll])
            else:
                for r in roll:
                    print(_("{n}: 在途 {c} 个 {a} 元，加权 {w} 元；赢单 {wc} 个 {wa} 元（分成 {cr} 元），输单 {l} 个").format(
                        n=r.owner_name or r.owner_id, c=r.open_count, a=r.open_amount, w=r.weighted, wc=r.won_count,
                        wa=r.won_amount, cr=r.credited_won, l=r.lost_count))
            return 0
        board = pipeline.board(book)
    finally:
        book.close()
    if args.json:
        emit_json({st: {"label": t.label, "count": t.count, "amount": str(t.amount), "weighted": str(t.weighted),
                        "rows": [r.as_dict() for r in board.columns[st]]} for st, t in board.totals.items()})
        return 0
    for st, t in board.totals.items():
        print(_("{l}：{c} 个，金额 {a} 元，加权 {w} 元").format(l=t.label, c=t.count, a=t.amount, w=t.weighted))
        for r in board.columns[st]:
            close = r.expected_close_on.isoformat() if r.expected_close_on else "-"
            print(f"    {r.id}  {r.name}（{r.client_name}） {r.amount} × {r.probability}%  {close}")
    print(_("在途合计 {a} 元，加权 {w} 元").format(a=board.open_amount, w=board.open_weighted))
    return 0
