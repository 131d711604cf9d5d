"""`kamdesk` command line. Bare `kamdesk` starts the desktop app; subcommands work headless.

Each module in this package that defines `register(subparsers)` adds its subcommands
(discovered automatically), and each handler is `handler(args) -> int`. Shared helpers live in
`kamdesk.cli.common`: opening the book from --file and KAMDESK_PASSPHRASE, --json output, and
turning domain errors into one clear line on stderr with a non-zero exit code.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from kamdesk import __version__
from kamdesk.cli.common import run_handler


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kamdesk", description="KAMDesk 大客户经理工作台")
    parser.add_argument("--version", action="version", version=f"kamdesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", help="start the desktop app (the default)")
    gui.add_argument("--file", help="client file to open (default: the demo book)")
    gui.set_defaults(handler=_run_gui)
    for mod in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if mod.name == "common" or mod.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{mod.name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    from kamdesk.cli.common import ensure_display

    ensure_display()
    from kamdesk.ui.app import run_app

    return run_app(file=getattr(args, "file", None))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv or ["gui"])
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    return run_handler(args.handler, args)


if __name__ == "__main__":
    raise SystemExit(main())
