"""Desktop UI on a 20,000-client demo book (offscreen): open the book to a usable client list,
type a search as a user would, open a client 360 — and the longest stall of the GUI event loop
(a 5 ms heartbeat timer on the GUI thread; a gap beyond that is a stall), reported apart for
building and first painting the main window and for everything after it.

    .venv/bin/python -m bench ui            (KAMDESK_BENCH_CLIENTS overrides 20000)
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import report

CLIENTS = int(os.environ.get("KAMDESK_BENCH_CLIENTS", "20000"))
PASSPHRASE = "kamdesk-demo"


class StallMeter:
    """Heartbeat on the GUI thread: the longest gap between ticks minus the interval."""

    def __init__(self, interval_ms: int = 5) -> None:
        from kamdesk.ui.qt import QTimer

        self.interval = interval_ms / 1000
        self.last = time.perf_counter()
        self.worst = 0.0
        self.where = ""
        self.phase = ""
        self.gaps: list[tuple[str, float]] = []  # every stall over 50 ms: (phase, ms)
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)

    def start(self, phase: str) -> None:
        self.phase = phase
        self.last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = now - self.last - self.interval
        if gap > self.worst:
            self.worst, self.where = gap, self.phase
        if gap > 0.05:
            self.gaps.append((self.phase, round(gap * 1000, 1)))
        self.last = now


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
    from kamdesk.ui.app import make_app, preload
    from kamdesk.ui.ops import runner

    app = make_app(["bench"])
    report("ui.startup_preload_s", preload(), "s")  # as run_app does, before the first window
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
    Op(lambda: open_book(path, PASSPHRASE)).success(holder.append).failure(holder.append).run()
    wait_until(app, lambda: bool(holder), timeout=600)  # a pending migration backs the file up first
    if isinstance(holder[0], BaseException):
        raise holder[0]
    unlocked = time.perf_counter() - start
    book = holder[0]
    meter.phase = "construct main window"
    win = MainWindow(AppState(book), ask_unlock=False)
    win.resize(1366, 768)
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

    # 3. open a client 360
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
    meter.timer.stop()
    report("ui.first_window_paint_stall_ms", first_show_stall * 1000, "ms")
    report("ui.longest_event_loop_stall_ms", meter.worst * 1000, "ms")
    print(f"(longest stall after the first paint during: {meter.where}; stalls over 50 ms: {meter.gaps})", flush=True)
    w360.close()
    win.close()
    runner().wait_for_done(10000)
    book.close()
    tmp.cleanup()


if __name__ == "__main__":
    main()
