"""The operation runner: results on the GUI thread, failures, progress, cancel, one writer."""
from __future__ import annotations

import threading

import pytest

from kamdesk.common.errors import KamdeskError
from kamdesk.ui.changes import Changes
from kamdesk.ui.ops import Latest, Op, runner


def test_success_is_delivered_on_the_gui_thread(qtbot, wait_idle) -> None:
    main = threading.get_ident()
    seen: dict[str, int] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    got: list[int] = []

    def ok(v: int) -> None:
        seen["callback"] = threading.get_ident()
        got.append(v)

    Op(work).success(ok).run()
    qtbot.waitUntil(lambda: got == [42])
    assert seen["worker"] != main
    assert seen["callback"] == main
    wait_idle()


def test_failure_goes_to_failure_callback(qtbot) -> None:
    errs: list[BaseException] = []

    def boom() -> None:
        raise KamdeskError("不行")

    Op(boom).failure(errs.append).run()
    qtbot.waitUntil(lambda: len(errs) == 1)
    assert str(errs[0]) == "不行"


def test_progress_and_cancel_drop_the_result(qtbot) -> None:
    started = threading.Event()
    release = threading.Event()
    progress: list[tuple[int, int | None, str]] = []
    results: list[str] = []

    def work(job) -> str:  # noqa: ANN001
        job.progress(1, 2, "half")
        started.set()
        release.wait(5)
        return "done"

    op = Op(work, job=True).on_progress(lambda d, t, s: progress.append((d, t, s))).success(results.append).run()
    qtbot.waitUntil(lambda: progress == [(1, 2, "half")])
    assert started.wait(5)
    op.cancel()
    release.set()
    qtbot.waitUntil(lambda: op.done)
    assert results == []


def test_writes_run_one_at_a_time(qtbot, wait_idle) -> None:
    lock = threading.Lock()
    overlaps: list[bool] = []

    def write() -> None:
        got = lock.acquire(blocking=False)
        overlaps.append(not got)
        if got:
            threading.Event().wait(0.01)
            lock.release()

    for _ in range(5):
        Op(write, write=True).run()
    wait_idle()
    assert overlaps == [False] * 5


def test_inline_mode_runs_synchronously() -> None:
    r = runner()
    r.inline = True
    try:
        got: list[int] = []
        Op(lambda: 7).success(got.append).run()
        assert got == [7]
    finally:
        r.inline = False


def test_latest_drops_stale_results(qtbot) -> None:
    gate = threading.Event()
    shown: list[str] = []
    latest = Latest(delay_ms=0)

    def slow() -> str:
        gate.wait(5)
        return "old"

    latest.submit(slow, shown.append, immediate=True)
    latest.submit(lambda: "new", shown.append, immediate=True)
    gate.set()  # the old query finishes first; its result is stale and never shown
    qtbot.waitUntil(lambda: shown == ["new"] and runner().active == 0, timeout=10000)
    assert shown == ["new"]


def test_changes_merge() -> None:
    a = Changes(clients=True, client_ids=frozenset({"a"}))
    b = Changes(agenda=True, client_ids=frozenset({"b"}))
    m = a | b
    assert m.clients and m.agenda and m.client_ids == {"a", "b"}
    assert not Changes().any()


def test_results_for_a_closed_widget_are_dropped(qtbot) -> None:  # noqa: ANN001
    from kamdesk.ui.qt import QWidget

    gate = threading.Event()
    w = QWidget()
    got: list[int] = []
    op = Op(lambda: gate.wait(5) and 1, parent=w).success(got.append).failure(lambda e: got.append(-1)).run()
    w.deleteLater()
    qtbot.waitUntil(lambda: not __import__("kamdesk.ui.qt", fromlist=["is_alive"]).is_alive(w), timeout=5000)
    gate.set()
    qtbot.waitUntil(lambda: op.done, timeout=5000)
    assert got == []


def test_latest_runs_one_query_at_a_time(qtbot) -> None:  # noqa: ANN001
    gate = threading.Event()
    running = {"now": 0, "max": 0}
    shown: list[str] = []
    lock = threading.Lock()

    def query(v: str):  # noqa: ANN202
        def run() -> str:
            with lock:
                running["now"] += 1
                running["max"] = max(running["max"], running["now"])
            gate.wait(5)
            with lock:
                running["now"] -= 1
            return v
        return run

    latest = Latest(delay_ms=0)
    for v in ("a", "ab", "abc"):
        latest.submit(query(v), shown.append, immediate=True)
    gate.set()
    qtbot.waitUntil(lambda: shown == ["abc"] and runner().active == 0, timeout=10000)
    assert running["max"] == 1


def test_cancel_callback_runs_whether_the_worker_raises_or_returns(qtbot) -> None:  # noqa: ANN001
    for raise_it in (True, False):
        gate = threading.Event()
        events: list[str] = []

        def work(job, raise_it=raise_it):  # noqa: ANN001, ANN202
            gate.wait(5)
            if raise_it:
                raise RuntimeError("stopped by the cancel event")  # e.g. a service's own "cancelled" error
            return 1

        op = (Op(work, job=True).success(lambda _r: events.append("ok")).failure(lambda _e: events.append("fail"))
              .on_cancel(lambda: events.append("cancelled")).run())
        op.cancel()
        gate.set()
        qtbot.waitUntil(lambda: op.done, timeout=5000)
        assert events == ["cancelled"]


def test_a_validation_error_speaks_without_the_field_key() -> None:
    from kamdesk.common.errors import ValidationError
    from kamdesk.ui.errors import error_text

    exc = ValidationError("title", "请填写任务内容")
    assert error_text(exc) == "请填写任务内容" and str(exc) == "title: 请填写任务内容"  # the CLI keeps the key
