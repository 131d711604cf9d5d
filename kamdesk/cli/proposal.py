"""`kamdesk proposal`: a proposal PDF from the command line, recommended when no products are given."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

from kamdesk.cli.common import add_file_arg, add_json_arg, emit_json, open_book_from_args
from kamdesk.common.errors import KamdeskError, ValidationError
from kamdesk.common.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("proposal", help="build, check and render a proposal PDF (方案/建议书)")
    add_file_arg(p)
    add_json_arg(p)
    p.add_argument("--client", required=True, help="client id")
    p.add_argument("--products", help="CODE[=AMOUNT],… (default: recommended from needs, holdings and suitability)")
    p.add_argument("--out", type=Path, required=True, help="PDF file to write")
    p.add_argument("--issue", action="store_true", help="issue the proposal (runs the checks first)")
    p.add_argument("--exception", action="append", default=[], metavar="CODE:REASON",
                   help="file a suitability exception request for an above-tolerance product (an approver "
                        "decides it: `kamdesk approvals`; --issue fails until it is approved)")
    p.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    p.set_defaults(handler=cmd_proposal)


def _parse_products(spec: str) -> list[tuple[str, Decimal | None]]:
    out = []
    for part in filter(None, (x.strip() for x in spec.split(","))):
        code, _sep, amount = part.partition("=")
        try:
            out.append((code.strip(), Decimal(amount) if amount else None))
        except ArithmeticError:
            raise ValidationError("--products", _("金额格式无效：{a}").format(a=amount)) from None
    if not out:
        raise ValidationError("--products", _("请至少给出一个产品代码"))
    return out


def cmd_proposal(args: argparse.Namespace) -> int:
    from kamdesk.services import proposals, suitability

    book = open_book_from_args(args)
    try:
        today = args.today or dt.date.today()
        recs = proposals.recommend(book, args.client, today=today)
        if args.products:
            lines = []
            for code, amount in _parse_products(args.products):
                pid = proposals.product_by_code(book, code)
                rec = next((r for r in recs if r.product_id == pid), None)
                lines.append(proposals.LineInput(pid, amount or (rec.amount if rec else Decimal("1000000")),
                                                 rec.reason if rec else _("客户经理选配")))
        else:
            if not recs:
                raise KamdeskError(_("没有与客户需求和适当性相符的在售产品，请用 --products 指定"))
            lines = [proposals.LineInput(r.product_id, r.amount, r.reason) for r in recs]
        info = proposals.create(book, args.client, lines, today=today)
        for ov in args.exception:
            code, _sep, reason = ov.partition(":")
            req = suitability.request_exception(book, args.client, proposals.product_by_code(book, code.strip()),
                                                reason, proposal_id=info.id, today=today)
            print(_("已提交适当性例外申请 {id}（{s}）").format(id=req.batch_id, s=req.status_label), file=sys.stderr)
        check = proposals.check(book, info.id, today=today)
        if args.issue:
            info = proposals.issue(book, info.id, today=today)
        result = proposals.render(book, info.id, purpose="export", out=args.out)
    finally:
        book.close()
    if args.json:
        emit_json({"proposal_id": info.id, "version": info.version, "status": info.status, "out": str(args.out),
                   "sha256": result.sha256, "pages": result.pages, "lines": list(info.lines),
                   "issues": [i.__dict__ for i in check.issues]})
    else:
        print(_("方案 {id} v{v}（{s}）已写入 {o}，共 {n} 页，SHA-256 {h}").format(
            id=info.id, v=info.version, s=info.status, o=args.out, n=result.pages, h=result.sha256))
        for i in check.issues:
            print("  ! " + i.message, file=sys.stderr)
    return 0
