"""Screenshots of every screen at 1366×768, in Chinese and in English, offscreen.

    QT_QPA_PLATFORM=offscreen python -m kamdesk.ui.screenshots --out screenshots [--clients 2000]

(`scripts/screenshots.sh` runs this.) Builds a demo book in a temporary folder (or uses --file
with KAMDESK_PASSPHRASE), then saves `<out>/<lang>/NN-<screen>.png`."""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SIZE = (1366, 768)
CHEAP_KDF = {"name": "scrypt", "n": 2**12, "r": 8, "p": 1}  # a throwaway file: no need for the slow KDF


def settle(app: Any, seconds: float = 0.3, timeout: float = 60.0) -> None:
    """Run the event loop until background work is done and the UI has repainted."""
    from kamdesk.ui.ops import runner

    end = time.monotonic() + timeout
    quiet_since: float | None = None
    while time.monotonic() < end:
        app.processEvents()
        if runner().active == 0:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since >= seconds:
                break
        else:
            quiet_since = None
        time.sleep(0.01)
    app.processEvents()


def grab(widget: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(path))
    os.chmod(path, 0o600)  # a screenshot of a real book (--file) shows client data
    print(path, flush=True)


def _showcase_client(book: Any, by_assets: list[str]) -> str:
    """A large client whose 360 has something in every tab (requests and proposals are the rarest)."""
    from kamdesk.services.proposals import list_for_client
    from kamdesk.services.requests import list_requests

    with_requests = {r.client_id for r in list_requests(book, status="active")}  # the 360 shows open ones
    for cid in by_assets[:50]:
        if cid in with_requests and list_for_client(book, cid):
            return cid
    return next((cid for cid in by_assets if cid in with_requests), by_assets[0])


def shoot(book: Any, out: Path, lang: str, app: Any) -> None:
    from kamdesk.services.clients import client_ids
    from kamdesk.ui.app import apply_language
    from kamdesk.ui.firstrun import FirstRunDialog
    from kamdesk.ui.mainwindow import MainWindow
    from kamdesk.ui.state import AppState
    from kamdesk.ui.unlock import UnlockDialog

    apply_language(app, lang)
    folder = out / lang
    dlg: Any = UnlockDialog(book.path, try_keyring=False)
    dlg.show()
    settle(app)
    grab(dlg, folder / "00-unlock.png")
    dlg.close()
    dlg = FirstRunDialog(Path(tempfile.gettempdir()) / "kamdesk-none.kdb")
    dlg.show()
    settle(app)
    grab(dlg, folder / "00-first-run.png")
    dlg.pages.setCurrentIndex(1)
    settle(app)
    grab(dlg, folder / "00-first-run-server.png")
    dlg.close()

    win = MainWindow(AppState(book), ask_unlock=False)
    win.resize(*SIZE)
    win.show()
    settle(app)
    for i, spec in enumerate(win.specs, start=1):
        win.show_screen(spec.key)
        settle(app)
        grab(win, folder / f"{i:02d}-{spec.key}.png")
    win.show_screen("clients")
    settle(app)
    ids = client_ids(book, sort="total_assets", descending=True)
    if ids:
        w360 = win.open_client(_showcase_client(book, ids))
        w360.resize(*SIZE)
        settle(app)
        for t in range(w360.tabs.count()):
            w360.tabs.setCurrentIndex(t)
            settle(app, 0.1)
            grab(w360, folder / f"20-client360-{t:02d}.png")
        w360.close()
        wiz = win.screen("proposals").new_proposal(ids[0])  # client, needs, products: nothing is saved yet
        wiz.resize(*SIZE)
        settle(app)
        for page in range(3):
            grab(wiz, folder / f"25-proposal-wizard-{page + 1}.png")
            if page < 2:
                wiz.next()
                settle(app)
        wiz.reject()
    visits_screen = win.screen("visits")  # the visit workspace: notes and the questionnaire
    if getattr(visits_screen, "model", None) is not None and visits_screen.model.rowCount():
        from kamdesk.ui.visits.workspace import shoot_workspace

        shoot_workspace(visits_screen, visits_screen.model.rows[0].id, folder, app, SIZE)
    about = win.about()
    settle(app)
    grab(about, folder / "29-about.png")
    about.close()
    prefs = win.preferences()
    settle(app)
    grab(prefs, folder / "29-settings.png")
    passphrase = prefs.change_passphrase()
    settle(app)
    grab(passphrase, folder / "29-settings-passphrase.png")
    passphrase.close()
    prefs.close()
    win.lock()
    settle(app)
    grab(win, folder / "30-locked.png")
    win.state.set_locked(False)
    win.close()
    settle(app)


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--out", default="screenshots")
    p.add_argument("--clients", type=int, default=2000)
    p.add_argument("--file", default=None, help="an existing client file (passphrase from KAMDESK_PASSPHRASE)")
    p.add_argument("--lang", action="append", help="zh_CN and/or en (default both)")
    args = p.parse_args(argv)
    tmp = tempfile.TemporaryDirectory(prefix="kamdesk-shots-")
    os.environ["KAMDESK_CONFIG_DIR"] = str(Path(tmp.name) / "config")  # never touch the user's preferences
    from kamdesk.ui.app import make_app

    app = make_app([sys.argv[0]])
    if args.file:
        from kamdesk.services.book import open_book

        book = open_book(args.file, os.environ["KAMDESK_PASSPHRASE"])
    else:
        from kamdesk.services.demo import build_demo_book

        book = build_demo_book(Path(tmp.name) / "demo.kdb", "kamdesk-demo", clients=args.clients, kdf=CHEAP_KDF)
    out = Path(args.out)
    try:
        for lang in args.lang or ["zh_CN", "en"]:
            shoot(book, out, lang, app)
    finally:
        from kamdesk.ui.ops import runner

        runner().wait_for_done(10000)
        book.close()
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
