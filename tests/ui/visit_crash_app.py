"""Run by tests/ui/test_visits_ui.py::test_crash_after_autosave_loses_nothing_saved, as a separate
process: open the book, open the visit workspace, type notes, wait until the autosave has written
them, print "saved", then keep typing without saving and sleep until killed (SIGKILL).

    KAMDESK_PASSPHRASE=... python tests/ui/visit_crash_app.py FILE VISIT_ID SAVED_TEXT TAIL_TEXT
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> int:
    from PySide6.QtTest import QTest

    from kamdesk.services.book import open_book
    from kamdesk.ui.app import make_app
    from kamdesk.ui.state import AppState
    from kamdesk.ui.visits.workspace import VisitWorkspace

    path, visit_id, saved_text, tail = sys.argv[1:5]
    app = make_app([sys.argv[0]])
    book = open_book(path, os.environ["KAMDESK_PASSPHRASE"])
    ws = VisitWorkspace(AppState(book), visit_id, autosave_ms=100)
    loaded: list[object] = []
    saved: list[object] = []
    ws.loaded.connect(loaded.append)
    ws.notes.saved.connect(saved.append)
    ws.show()
    ws.load()
    _wait(app, lambda: bool(loaded))
    ws.notes.edit.setFocus()
    QTest.keyClicks(ws.notes.edit, saved_text)  # typed as a user would, key by key
    _wait(app, lambda: bool(saved) and not ws.notes.dirty)
    print("saved", flush=True)
    ws.notes.set_autosave_interval(3_600_000)  # from here on nothing is saved: the tail must be lost
    QTest.keyClicks(ws.notes.edit, tail)
    app.processEvents()
    print("typed-tail", flush=True)
    while True:  # the test kills us
        time.sleep(1)


def _wait(app: object, cond: object, timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while not cond():  # type: ignore[operator]
        if time.monotonic() > end:
            print("timeout", flush=True)
            raise SystemExit(2)
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.005)


if __name__ == "__main__":
    raise SystemExit(main())
