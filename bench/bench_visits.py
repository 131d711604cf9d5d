"""Visits and tasks on a 20,000-client demo book: the autosave write (p50/p95 over 200 saves of
growing notes), the Visits screen's list, the workspace's questionnaire, finishing a visit with
three follow-up tasks, the open task list, and follow-up extraction from long notes; then, offscreen,
the Visits screen's load and typing notes in the workspace with autosave on, with the longest stall
of the GUI event loop (bench_ui's 5 ms heartbeat).

    .venv/bin/python -m bench visits        (KAMDESK_BENCH_CLIENTS overrides 20000)

The demo book is cached in /tmp/kamdesk-bench/ (cheap KDF: the KDF is not what is measured);
writes happen on a copy.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from bench.common import median, percentile, report, timer

CLIENTS = int(os.environ.get("KAMDESK_BENCH_CLIENTS", "20000"))
PASSPHRASE = "kamdesk-bench"
CACHE = Path("/tmp/kamdesk-bench")
FAST_KDF = {"name": "scrypt", "n": 2**10, "r": 8, "p": 1}
TODAY = dt.date(2026, 6, 15)
SAVES = 200


def _cached_book() -> Path:
    from kamdesk.services.demo import build_demo_book

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"visits-{CLIENTS}-{TODAY.isoformat()}.kdb"
    if not path.exists():
        tmp = path.with_name(path.name + ".building")
        for p in tmp.parent.glob(tmp.name + "*"):
            p.unlink()
        with timer() as t:
            build_demo_book(tmp, PASSPHRASE, clients=CLIENTS, seed=11, today=TODAY, kdf=FAST_KDF).close()
        for p in tmp.parent.glob(tmp.name + "*"):
            p.rename(p.with_name(p.name.replace(tmp.name, path.name)))
        print(f"  (built the {CLIENTS}-client demo book in {t():.1f} s: {path})", flush=True)
    return path


def _ms(samples: list[float]) -> list[float]:
    return [s * 1000 for s in samples]


def main() -> None:
    from kamdesk.services import tasks, visits
    from kamdesk.services.book import open_book

    src = _cached_book()
    with tempfile.TemporaryDirectory(prefix="kamdesk-bench-visits-") as tmp:
        for p in src.parent.glob(src.name + "*"):
            if not p.name.endswith(".building"):
                shutil.copy2(p, Path(tmp) / p.name)
        book = open_book(Path(tmp) / src.name, PASSPHRASE)
        try:
            samples = []
            for _ in range(5):
                with timer() as t:
                    planned = visits.list_visits(book, status="planned")
                samples.append(t())
            report("visits.list_planned_ms", median(_ms(samples)), "ms")
            print(f"  ({len(planned)} planned visits in the RM's book)", flush=True)
            v = planned[0]
            samples = []
            for _ in range(5):
                with timer() as t:
                    visits.questionnaire_for(book, v.client_id)
                samples.append(t())
            report("visits.questionnaire_for_ms", median(_ms(samples)), "ms")

            line = "客户介绍明年扩产计划，预计新增固定资产投资 2.5 亿元，关注融资成本与期限匹配。\n"
            notes = ""
            samples = []
            for i in range(SAVES):  # an hour-long meeting: the notes grow with each autosave
                notes += line if i % 10 else f"跟进：{(i % 28) + 1}日内回复第 {i} 项\n"
                with timer() as t:
                    visits.save_notes(book, v.id, notes)
                samples.append(t())
            ms = _ms(samples)
            report("visits.autosave_p50_ms", median(ms), "ms")
            report("visits.autosave_p95_ms", percentile(ms, 95), "ms")
            print(f"  ({SAVES} autosaves, notes grew to {len(notes)} characters)", flush=True)

            samples = []
            for _ in range(20):
                with timer() as t:
                    found = visits.suggest_follow_ups(notes, today=TODAY)
                samples.append(t())
            report("visits.suggest_follow_ups_ms", median(_ms(samples)), "ms")
            print(f"  ({len(found)} follow-ups found in {len(notes)} characters)", flush=True)

            samples = []
            for w in planned[1:6]:
                fus = [visits.FollowUp(f"跟进事项 {k}", TODAY + dt.timedelta(days=k)) for k in range(3)]
                with timer() as t:
                    visits.finish(book, w.id, "客户同意推进", fus, today=TODAY)
                samples.append(t())
            report("visits.finish_ms", median(_ms(samples)), "ms")

            samples = []
            for _ in range(5):
                with timer() as t:
                    open_tasks = tasks.list_tasks(book, owner_id=book.user.id)
                samples.append(t())
            report("tasks.list_open_ms", median(_ms(samples)), "ms")
            print(f"  ({len(open_tasks)} open tasks)", flush=True)
            _ui(book)
        finally:
            book.close()


def _ui(book: object) -> None:
    """The Visits screen and the notes editor, offscreen, with the event-loop stall meter."""
    import time

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench.bench_ui import StallMeter, wait_until
    from kamdesk.ui.app import make_app
    from kamdesk.ui.ops import runner
    from kamdesk.ui.qt import QApplication, QEvent, QKeyEvent, Qt
    from kamdesk.ui.screens.visits import VisitsScreen
    from kamdesk.ui.state import AppState

    app = make_app(["bench"])
    from kamdesk.ui.app import preload

    preload()  # as the app does before its first window
    meter = StallMeter()
    screen = VisitsScreen(AppState(book), autosave_ms=500)
    screen.resize(1366, 768)
    screen.show()
    loaded: list[int] = []
    screen.loaded.connect(loaded.append)
    meter.start("visits screen load")
    with timer() as t:
        screen.activate()
        wait_until(app, lambda: bool(loaded))
    report("visits_ui.screen_load_ms", t() * 1000, "ms")
    ws = screen.open_workspace(screen.model.rows[0].id)
    wait_until(app, lambda: ws.visit is not None)
    saves: list[object] = []
    ws.notes.saved.connect(saves.append)
    meter.start("typing notes with autosave")
    text = ("客户介绍明年扩产计划，关注融资成本。跟进：11月30日前提供授信方案。\n" * 12)[:400]
    last_key = time.perf_counter()
    for i, ch in enumerate(text):  # ~25 characters a second, with a pause every 80 characters
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(ws.notes.edit, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))
        last_key = time.perf_counter()
        end = last_key + (0.8 if i % 80 == 79 and i < len(text) - 1 else 0.04)
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.002)
    wait_until(app, lambda: not ws.notes.dirty and not ws.notes.saving)
    # from the last keystroke to the notes being on disk: the 500 ms debounce plus the write
    report("visits_ui.autosave_latency_ms", (time.perf_counter() - last_key) * 1000, "ms")
    report("visits_ui.longest_stall_ms", meter.worst * 1000, "ms")
    print(f"  ({len(saves)} autosaves while typing {len(text)} characters; worst stall during: {meter.where})",
          flush=True)
    meter.timer.stop()
    ws.close()
    runner().wait_for_done(20000)
    app.processEvents()
