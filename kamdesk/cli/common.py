"""Helpers shared by the CLI subcommands."""
from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, Callable

import platformdirs

from kamdesk.common.errors import KamdeskError
from kamdesk.common.i18n import _

PASSPHRASE_ENV = "KAMDESK_PASSPHRASE"


def data_dir() -> Path:
    return Path(os.environ.get("KAMDESK_HOME") or platformdirs.user_data_dir("kamdesk", "KAMDesk"))


def default_book_path() -> Path:
    return data_dir() / "demo.kdb"


def add_file_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--file", type=Path, default=None, help="client file (default: the demo book in the user data dir)")


def add_json_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print one JSON document on stdout")


def read_passphrase(prompt: str = "口令 / passphrase: ", *, env: str = PASSPHRASE_ENV) -> str:
    """From the environment for scripts, otherwise a no-echo prompt. Never from argv."""
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise KamdeskError(_("未提供口令：请设置环境变量 {e} 或在终端中运行。").format(e=env))
    return getpass.getpass(prompt)


def book_path(args: argparse.Namespace) -> Path:
    return Path(args.file) if getattr(args, "file", None) else default_book_path()


def open_book_from_args(args: argparse.Namespace):  # noqa: ANN201
    from kamdesk.services.book import open_book

    path = book_path(args)
    if not path.exists():
        raise KamdeskError(_("客户文件不存在：{p}（先运行 kamdesk demo 创建演示文件）").format(p=path))
    return open_book(path, read_passphrase())


def emit_json(doc: Any) -> None:
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=1, default=str)
    sys.stdout.write("\n")


def run_handler(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a subcommand: domain errors become one line on stderr and a non-zero exit, no traceback."""
    try:
        return int(handler(args) or 0)
    except KamdeskError as exc:
        print(f"kamdesk: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(_("kamdesk: 已取消"), file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 — silence the flush at exit
        except OSError:
            pass
        return 0
    except Exception as exc:  # a bug: log the traceback to the log file, show one line
        logging.getLogger("kamdesk").exception("unexpected error in %s", getattr(args, "command", "?"))
        print(f"kamdesk: {_('内部错误')}: {type(exc).__name__}", file=sys.stderr)
        return 70


def ensure_display() -> None:
    """Refuse, in one line, to start the GUI where there is no display (instead of Qt aborting)."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")
    ):
        raise KamdeskError(
            _("没有图形显示：请在桌面环境中运行，或使用 QT_QPA_PLATFORM=offscreen / xvfb-run kamdesk。")
        )
