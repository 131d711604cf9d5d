"""`kamdesk demo`: build a demo client file full of fictional, deterministic data.

    kamdesk demo [--file F] [--clients N] [--seed S] [--today YYYY-MM-DD] [--force] [--json]
                 [--passphrase-prompt]

The passphrase comes from KAMDESK_PASSPHRASE; without it (and without --passphrase-prompt) the
file gets the documented demo passphrase `kamdesk-demo`, which the command prints once.
"""
from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
import time

from kamdesk.cli.common import PASSPHRASE_ENV, add_file_arg, add_json_arg, book_path, emit_json
from kamdesk.common.errors import KamdeskError
from kamdesk.common.i18n import _

MAX_CLIENTS = 200_000


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("demo", help="build a demo client file with fictional data (演示客户簿)")
    add_file_arg(p)
    p.add_argument("--clients", type=int, default=2000, help="number of clients (default 2000)")
    p.add_argument("--seed", type=int, default=7, help="random seed: the same seed gives the same book (default 7)")
    p.add_argument("--today", type=dt.date.fromisoformat, default=None,
                   help="reference date YYYY-MM-DD for due dates and history (default: today)")
    p.add_argument("--force", action="store_true", help="replace the file if it exists")
    p.add_argument("--passphrase-prompt", action="store_true",
                   help="ask for a passphrase instead of using the demo passphrase")
    add_json_arg(p)
    p.set_defaults(handler=run)


def _passphrase(args: argparse.Namespace) -> tuple[str, bool]:
    """(passphrase, is_the_demo_passphrase)."""
    from kamdesk.services.demo import DEMO_PASSPHRASE

    env = os.environ.get(PASSPHRASE_ENV)
    if env:
        return env, env == DEMO_PASSPHRASE
    if not args.passphrase_prompt:
        return DEMO_PASSPHRASE, True
    if not sys.stdin.isatty():
        raise KamdeskError(_("未提供口令：请设置环境变量 {e} 或在终端中运行。").format(e=PASSPHRASE_ENV))
    first = getpass.getpass(_("新口令 / new passphrase: "))
    if getpass.getpass(_("再次输入 / repeat: ")) != first:
        raise KamdeskError(_("两次输入的口令不一致。"))
    return first, False


def run(args: argparse.Namespace) -> int:
    from kamdesk.services.demo import STAGE_LABELS, build_demo_book, remove_book_files

    if not 1 <= args.clients <= MAX_CLIENTS:
        raise KamdeskError(_("客户数量应在 1 到 {n} 之间。").format(n=MAX_CLIENTS))
    path = book_path(args)
    if path.exists():
        if not args.force:
            raise KamdeskError(_("文件已存在：{p}（使用 --force 覆盖）").format(p=path))
        remove_book_files(path)
    passphrase, is_demo = _passphrase(args)

    show = not args.json and sys.stderr.isatty()
    last = [""]

    def progress(done: int, total: int, stage: str) -> None:
        if not show:
            return
        line = _("正在生成：{s} {d}/{t}").format(s=STAGE_LABELS.get(stage, stage), d=done, t=total)
        if line != last[0]:
            print("\r" + line.ljust(60), end="", file=sys.stderr, flush=True)
            last[0] = line

    started = time.perf_counter()
    book = build_demo_book(path, passphrase, clients=args.clients, seed=args.seed, today=args.today,
                           progress=progress)
    seconds = time.perf_counter() - started
    if show:
        print(file=sys.stderr)
    try:
        info = book.meta("demo") or {}
        user = book.user
    finally:
        book.close()
    counts = info.get("counts", {})
    if args.json:
        doc = {"file": str(path), "clients": args.clients, "seed": args.seed, "today": info.get("today"),
               "user": {"username": user.username, "display_name": user.display_name, "role": user.role,
                        "branch": user.branch},
               "counts": counts, "seconds": round(seconds, 2)}
        if is_demo:
            doc["passphrase"] = passphrase  # the documented demo passphrase, never a user's own
        emit_json(doc)
        return 0
    print(_("演示客户簿已生成：{p}").format(p=path))
    print(_("客户经理：{n}（{u}，{b}）").format(n=user.display_name, u=user.username, b=user.branch))
    print(_("随机种子：{s}，基准日期：{d}").format(s=args.seed, d=info.get("today")))
    for table, n in counts.items():
        print(_("  {l}（{t}）：{n}").format(l=STAGE_LABELS.get(table, table), t=table, n=n))
    print(_("用时：{s:.1f} 秒").format(s=seconds))
    if is_demo:
        print(_("口令：{pw}（演示口令，仅用于虚构的演示数据）").format(pw=passphrase))
    return 0
