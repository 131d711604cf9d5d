"""Desktop UI on a 20,000-client demo book (offscreen): open the book to a usable client list,
type a search as a user would, open a client 360 — and the longest stall of the GUI event loop
(a 5 ms heartbeat timer on the GUI thread; a gap beyond that is a stall), reported apart for
building and first painting the main window and for everything after it, then per phase
(`ui.stall_<phase>_ms`), then the 3 longest with what caused them: the GUI thread's innermost
frames (only `wait_until` means Qt's own work: layout, paint, or waiting for the GIL), the
frames of workers running Python at that moment, and any garbage collection.

    KAMDESK_BENCH_FILE=/tmp/demo20k.kdb   reuse (or build once) the book there
    KAMDESK_BENCH_PROFILE=1               cProfile the GUI thread from the client 360 on
    KAMDESK_BENCH_NO_FREEZE=1             without gc.freeze (as before it was used)
    KAMDESK_BENCH_NO_WARM=1               without the client 360 warm-up at unlock

    .venv/bin/python -m bench ui            (KAMDESK_BENCH_CLIENTS overrides 20000)
"""
from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.common import report

CLIENTS = int(os.environ.get("KAMDESK_BENCH_CLIENTS", "20000"))
PASSPHRASE = "kamdesk-demo"


class StallMeter:
    """Heartbeat on the GUI thread: the longest gap between ticks minus the interval, per phase.

    A watchdog thread looks at the GUI thread's Python stack while a tick is overdue, so each stall
    is reported with the code it was spent in (the innermost frames of the project, or the Qt
    call they were inside)."""

    def __init__(self, interval_ms: int = 5, report_over_ms: float = 20.0) -> None:
        from kamdesk.ui.qt import QTimer

        self.interval = interval_ms / 1000
        self.report_over = report_over_ms / 1000
        self.last = time.perf_counter()
        self.worst = 0.0
        self.where = ""
        self.phase = ""
        self.by_phase: dict[str, float] = {}
        self.gaps: list[tuple[str, float, str]] = []  # every stall over report_over_ms: (phase, ms, cause)
        self._samples: list[str] = []
        self._collections: list[tuple[float, float, int, str]] = []  # garbage collections: start, end, gen, thread
        self._gc_start = 0.0
        import gc

        gc.callbacks.append(self._gc)
        self._gui = threading.get_ident()
        self._stop = threading.Event()
        self._watch = threading.Thread(target=self._watchdog, name="stall-watchdog", daemon=True)
        self._watch.start()
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)

    def start(self, phase: str) -> None:
        self.phase = phase
        self.last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        import gc

        self.timer.stop()
        self._stop.set()
        gc.callbacks.remove(self._gc)

    def _gc(self, phase: str, info: dict[str, int]) -> None:
        now = time.perf_counter()
        if phase == "start":
            self._gc_start = now
        elif now - self._gc_start > 0.005:
            self._collections.append((self._gc_start, now, info["generation"], threading.current_thread().name))

    def _watchdog(self) -> None:

        me = threading.get_ident()
        while not self._stop.wait(0.005):
            if time.perf_counter() - self.last > self.interval + 0.015:  # overdue: what are the threads doing?
                frames = sys._current_frames()
                gui = frames.pop(self._gui, None)
                frames.pop(me, None)
                # the GUI thread's Python frame, or (when it is only waiting in Qt, perhaps for the GIL)
                # what the busy workers run
                where = _where(gui) if gui is not None else "?"
                busy = [_where(f) for f in frames.values() if _busy(f)]
                self._samples.append(where + (" | workers: " + ", ".join(busy) if busy else ""))

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = now - self.last - self.interval
        samples, self._samples = self._samples, []
        collections = [c for c in self._collections if c[1] >= self.last]
        self._collections = []
        if gap > self.worst:
            self.worst, self.where = gap, self.phase
        if gap > self.by_phase.get(self.phase, 0.0):
            self.by_phase[self.phase] = gap
        if gap > self.report_over:
            top = sorted(set(samples), key=lambda w: -samples.count(w))[:2]
            cause = "; ".join(f"{samples.count(w)}× {w}" for w in top) if samples else "?"
            if collections:  # a garbage collection holds the GIL, whichever thread runs it
                cause = "; ".join(f"gc gen{g} {1000 * (e - b):.0f} ms on {t}" for b, e, g, t in collections) \
                    + f"; {cause}"
            self.gaps.append((self.phase, round(gap * 1000, 1), cause))
        self.last = now

    def longest(self, n: int = 3) -> list[tuple[str, float, str]]:
        return sorted(self.gaps, key=lambda g: -g[1])[:n]


def _busy(frame: Any) -> bool:
    """A worker thread that is running Python rather than waiting for work."""
    return frame.f_code.co_name not in ("wait", "_wait_for_tstate_lock", "select", "get", "run") \
        and "threading" not in frame.f_code.co_filename


def _where(frame: Any, depth: int = 3) -> str:
    """The innermost frame, then the innermost frames of the project (kamdesk/, bench/) on a stack:
    module.function:line (a stall under bench_ui.wait_until alone is Qt's own work: layout, paint)."""
    out: list[str] = []
    leaf = True
    while frame is not None and len(out) < depth:
        path = frame.f_code.co_filename
        if leaf or "/kamdesk/" in path or "/bench/" in path:
            out.append(f"{Path(path).stem}.{frame.f_code.co_name}:{frame.f_lineno}")
        leaf = False
        frame = frame.f_back
    return " < ".join(out) or "?"


def wait_until(app: Any, cond: Any, timeout: float = 120.0) -> float:
    start = time.perf_counter()
    while not cond():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("condition not met")
        app.processEvents()
        time.sleep(0.001)
    return time.perf_counter() - start


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = tempfile.TemporaryDirectory(prefix="kamdesk-bench-ui-")
    os.environ["KAMDESK_CONFIG_DIR"] = str(Path(tmp.name) / "config")
    from kamdesk.services.book import open_book
    from kamdesk.services.demo import build_demo_book
    from kamdesk.ui.app import freeze_heap, make_app, preload
    from kamdesk.ui.ops import runner

    app = make_app(["bench"])
    if os.environ.get("KAMDESK_BENCH_NO_FREEZE"):  # measure as before the heap was frozen
        import gc

        gc.freeze = lambda: None
    report("ui.startup_preload_s", preload(), "s")  # as run_app does, before the first window
    freeze_heap()
    # KAMDESK_BENCH_FILE: reuse (or create once) a demo book there instead of a fresh temporary one
    path = Path(os.environ.get("KAMDESK_BENCH_FILE") or Path(tmp.name) / "demo.kdb")
    if not path.exists():
        t0 = time.perf_counter()
        build_demo_book(path, PASSPHRASE, clients=CLIENTS).close()
        print(f"(built a {CLIENTS}-client demo book in {time.perf_counter() - t0:.1f} s)", flush=True)

    meter = StallMeter()
    # 1. open the file (passphrase KDF on a worker, as the unlock dialog does) to a usable list
    from kamdesk.ui.mainwindow import MainWindow
    from kamdesk.ui.ops import Op
    from kamdesk.ui.state import AppState

    meter.start("open")
    start = time.perf_counter()
    holder: list[Any] = []
    def open_it() -> Any:  # as the unlock dialog's worker does (KAMDESK_BENCH_NO_WARM=1: without the warm-up)
        book = open_book(path, PASSPHRASE)
        if not os.environ.get("KAMDESK_BENCH_NO_WARM"):
            from kamdesk.ui.unlock import warm

            warm(book)
        return book

    Op(open_it).success(holder.append).failure(holder.append).run()
    wait_until(app, lambda: bool(holder), timeout=600)  # a pending migration backs the file up first
    if isinstance(holder[0], BaseException):
        raise holder[0]
    unlocked = time.perf_counter() - start
    book = holder[0]
    meter.phase = "construct main window"
    win = MainWindow(AppState(book), ask_unlock=False)
    win.resize(1366, 768)
    freeze_heap()  # as run_app does
    app.processEvents()  # the construction's stall is counted as such
    meter.phase = "first show"
    win.show()
    app.processEvents()
    meter.phase = "load client list"
    first_show_stall = meter.worst
    meter.worst, meter.where = 0.0, ""  # from here on: stalls while the window is in use
    screen = win.screens["clients"]
    wait_until(app, lambda: screen.model.rowCount() == CLIENTS and screen.model.cached(screen.model.id_at(0)) is not None)
    first_page = time.perf_counter() - start
    report("ui.unlock_s", unlocked, "s")
    report("ui.open_to_client_list_s", first_page, "s")

    # scroll to the middle and the end: rows arrive without blocking
    meter.phase = "scroll"
    for frac in (0.5, 1.0):
        row = min(CLIENTS - 1, int(CLIENTS * frac))
        t = time.perf_counter()
        screen.table.scrollTo(screen.model.index(row, 0))
        wait_until(app, lambda r=row: screen.model.cached(screen.model.id_at(r)) is not None)
        report(f"ui.scroll_{int(frac * 100)}pct_rows_s", time.perf_counter() - t, "s")

    # 2. type a search as a user would (a key every 120 ms), then wait for the list
    wait_until(app, lambda: runner().active == 0)
    meter.phase = "search"
    from kamdesk.services.clients import rows_for_ids

    name = rows_for_ids(book, [screen.model.id_at(CLIENTS // 3)])[screen.model.id_at(CLIENTS // 3)].name
    from pypinyin import Style, lazy_pinyin

    query = "".join(p[0] for p in lazy_pinyin(name[:4], style=Style.FIRST_LETTER)).lower()
    loaded: list[int] = []
    screen.ids_loaded.connect(loaded.append)
    for ch in query:
        screen.search.setText(screen.search.text() + ch)
        key_at = time.perf_counter()
        wait_until(app, lambda k=key_at: time.perf_counter() - k >= 0.12)
    after_last_key = time.perf_counter()
    wait_until(app, lambda: bool(loaded) and runner().active == 0 and screen.model.rowCount() > 0
               and screen.model.cached(screen.model.id_at(0)) is not None)
    report("ui.search_last_key_to_rows_s", time.perf_counter() - after_last_key, "s")
    print(f"(query {query!r}: {screen.model.rowCount()} clients)", flush=True)

    # 3. open a client 360 (KAMDESK_BENCH_PROFILE=1: cProfile the GUI thread from here on)
    prof = None
    if os.environ.get("KAMDESK_BENCH_PROFILE"):
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    meter.phase = "client360"
    cid = screen.model.id_at(0)
    t = time.perf_counter()
    w360 = win.open_client(cid)
    wait_until(app, lambda: w360.data is not None)
    app.processEvents()
    report("ui.client360_open_s", time.perf_counter() - t, "s")
    meter.phase = "client360 tabs"
    for i in range(w360.tabs.count()):
        w360.tabs.setCurrentIndex(i)
        app.processEvents()
    wait_until(app, lambda: runner().active == 0)
    meter.stop()
    if prof is not None:
        import pstats

        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
    report("ui.first_window_paint_stall_ms", first_show_stall * 1000, "ms")
    report("ui.longest_event_loop_stall_ms", meter.worst * 1000, "ms")
    for phase, gap in meter.by_phase.items():  # open, construct main window, first show, load client list, ...
        report(f"ui.stall_{phase.replace(' ', '_')}_ms", gap * 1000, "ms")
    over_50 = sum(1 for g in meter.gaps if g[1] > 50)
    print(f"(longest stall after the first paint during: {meter.where}; stalls over 50 ms: {over_50}; the 3 longest:)",
          flush=True)
    for phase, ms, cause in meter.longest(3):
        print(f"  {ms:7.1f} ms during {phase}: {cause}", flush=True)
    w360.close()
    win.close()
    runner().wait_for_done(10000)
    book.close()
    tmp.cleanup()


if __name__ == "__main__":
    main()
