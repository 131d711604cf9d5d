"""`kamdesk grade`: grade the book with the client-grading model (客户分类分级)."""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from kamdesk.cli.common import add_file_arg, add_json_arg, emit_json, open_book_from_args
from kamdesk.common.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("grade", help="grade every client with the scoring model; --apply writes the new tiers")
    add_file_arg(p)
    add_json_arg(p)
    p.add_argument("--model", type=Path, default=None, help="a grading model JSON file (default: the packaged model)")
    p.add_argument("--apply", action="store_true", help="write the new tiers (synced and audited; team leads)")
    p.add_argument("--explain", metavar="CLIENT_ID", default=None, help="explain one client's score instead")
    p.add_argument("--clients", action="store_true", help="with --json: include every client's score")
    p.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    p.set_defaults(handler=cmd_grade)


def cmd_grade(args: argparse.Namespace) -> int:
    from kamdesk.services import grading

    model = grading.load_model(args.model)  # validate before asking for the passphrase
    book = open_book_from_args(args)
    try:
        if args.explain:
            ex = grading.explain(book, args.explain, model=model, as_of=args.today)
            if args.json:
                emit_json({"client_id": ex.client_id, "name": ex.client_name, "score": ex.score, "tier": ex.tier,
                           "current_tier": ex.current_tier, "model_version": ex.model_version, "summary": ex.summary,
                           "factors": [f.__dict__ for f in ex.factors], "notes": list(ex.notes)})
            else:
                print(f"{ex.client_name}：{ex.summary}")
                for f in ex.factors:
                    print(f"  {f.label:<6} {f.points:5.1f} × {f.weight:g}% = {f.weighted:5.1f}  {f.reason}")
                for n in ex.notes:
                    print("  * " + n)
            return 0
        rep = grading.grade_book(book, model=model, apply=args.apply, as_of=args.today)
    finally:
        book.close()
    if args.json:
        emit_json(rep.as_dict(with_clients=args.clients))
        return 0
    print(_("模型 {v}（{n}），共 {c} 户客户").format(v=rep.model_version, n=rep.model_name, c=len(rep.grades)))
    print("  " + "  ".join(f"{grading.tier_label(t)} {n}" for t, n in rep.tier_counts.items()))
    print(_("  前 20% 客户（{k} 户）贡献占比 {s:.1%}").format(k=rep.pareto.top_count, s=rep.pareto.top_share))
    up = sum(1 for m in rep.moves if m.direction == "up")
    print(_("  建议上调 {u} 户，下调 {d} 户").format(u=up, d=len(rep.moves) - up))
    for m in rep.moves[:20]:
        arrow = "↑" if m.direction == "up" else "↓"
        print(f"    {arrow} {m.name}: {grading.tier_label(m.from_tier)} → {grading.tier_label(m.to_tier)} ({m.score:.1f})")
    if rep.applied:
        print(_("  已写入 {n} 户的新分级（已记录审计）").format(n=rep.applied_count))
    for n in rep.notes:
        print("  * " + n)
    return 0
