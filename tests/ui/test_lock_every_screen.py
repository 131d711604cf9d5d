"""Locking empties every screen's lists of client data (not just covers them); unlocking loads the
screens that were loaded again."""
from __future__ import annotations

import pytest

from kamdesk.ui.qt import QAbstractItemModel, QAbstractItemView, QComboBox, QModelIndex

NOT_CLIENT_DATA = {"products"}  # the product shelf


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    from kamdesk.services.demo import build_demo_book
    from tests.support import FAST_KDF

    book = build_demo_book(tmp_path_factory.mktemp("lock") / "demo.kdb", "kamdesk-demo", clients=40, kdf=FAST_KDF)
    yield book
    book.close()


def _in_combo(view) -> bool:  # noqa: ANN001
    w = view.parent()
    while w is not None:
        if isinstance(w, QComboBox) or "ComboBox" in type(w).__name__:
            return True
        w = w.parent()
    return False


def _rows(screen) -> int:  # noqa: ANN001
    """Rows of the screen's lists and tables (not the filter choices of its combo boxes)."""
    models = {id(v.model()): v.model() for v in screen.findChildren(QAbstractItemView)
              if v.model() is not None and not _in_combo(v)}
    return sum(m.rowCount(QModelIndex()) for m in models.values() if isinstance(m, QAbstractItemModel))


def test_locking_empties_every_screen_and_unlocking_reloads(qtbot, demo_book, window_in, wait_idle) -> None:  # noqa: ANN001
    win = window_in(demo_book)
    shown = {}
    for spec in win.specs:
        win.show_screen(spec.key)
        wait_idle(60000)
        shown[spec.key] = _rows(win.current_screen())
    assert all(shown[k] > 0 for k in ("today", "clients", "visits", "tasks", "requests", "proposals")), shown
    win.lock()
    wait_idle(60000)
    left = {k: _rows(win.screen(k)) for k in shown if k not in NOT_CLIENT_DATA}
    assert all(n == 0 for n in left.values()), left
    win.state.set_locked(False)
    wait_idle(60000)
    qtbot.wait(50)
    wait_idle(60000)
    again = {k: _rows(win.screen(k)) for k in shown}
    assert all(again[k] == shown[k] for k in ("today", "visits", "tasks", "requests", "proposals")), (shown, again)


def test_locking_closes_every_dialog_but_a_progress_one(qtbot, demo_book, window_in, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.ui.qt import QInputDialog, QProgressDialog

    win = window_in(demo_book)
    win.show_screen("visits")
    wait_idle(60000)
    plan = win.current_screen().plan_visit()
    question = QInputDialog(win)
    question.setLabelText("张三 …")
    question.show()
    progress = QProgressDialog("同步", "取消", 0, 0, win)
    progress.show()
    assert plan.isVisible() and question.isVisible()
    win.lock()
    assert not plan.isVisible() and not question.isVisible()
    assert progress.isVisible() and not progress.wasCanceled()  # a running sync goes on behind the lock
    progress.close()
    win.state.set_locked(False)
    wait_idle(60000)


def test_f5_reloads_the_current_screen(qtbot, demo_book, window_in, wait_idle, monkeypatch) -> None:  # noqa: ANN001
    win = window_in(demo_book)
    win.show_screen("tasks")
    wait_idle(60000)
    calls = []
    monkeypatch.setattr(win.current_screen(), "reload", lambda: calls.append(1))
    view = [m for m in win.menuBar().actions() if m.text() == "视图"][0].menu()
    refresh = next(a for a in view.actions() if a.shortcut().toString() == "F5")
    assert refresh.isEnabled()
    refresh.trigger()
    assert calls == [1]
