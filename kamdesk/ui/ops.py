"""The operation runner: run a plain function on a worker thread and deliver its result, failure
and progress back on the GUI thread (Anki's CollectionOp/QueryOp, Picard's run_task).

    Op(lambda: clients.get_client(book, cid)).success(show).failure(err).run()

* Reads run on a shared pool; writes to the client file (`write=True`) run one at a time on a
  single-thread pool, so the UI never queues two writers against SQLite.
* `job=True` passes a `Job` to the function: `job.progress(done, total, text)`, `job.cancelled`,
  `job.check()` (raises `Cancelled`). A cancelled op drops its result.
* `set_inline(True)` (tests, screenshots) runs everything synchronously on the calling thread.
* Widgets are never touched from workers: the worker only emits signals of a relay object that
  lives on the GUI thread.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from kamdesk.common.errors import KamdeskError
from kamdesk.common.i18n import _
from kamdesk.ui.qt import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot, is_alive

T = TypeVar("T")
log = logging.getLogger("kamdesk.ui.ops")


class Cancelled(KamdeskError):
    def __init__(self) -> None:
        super().__init__(_("操作已取消。"))


class Job:
    """Handed to a worker function that asked for it: progress and cancellation."""

    def __init__(self, relay: "_Relay") -> None:
        self._relay = relay
        self._cancel = threading.Event()
        self._last = 0.0

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancel_event(self) -> threading.Event:
        """For services that take a `threading.Event` to stop cooperatively (the sync engine)."""
        return self._cancel

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def progress(self, done: int, total: int | None = None, text: str = "") -> None:
        now = time.monotonic()
        if total is not None and done < total and now - self._last < 0.05:
            return  # at most ~20 updates a second reach the GUI thread
        self._last = now
        self._relay.progressed.emit((done, total, text))
        self.check()


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from a worker are queued to it."""

    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)


class Runner(QObject):
    """One per application. `active` counts ops in flight (tests wait on `idle`)."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None, *, inline: bool = False) -> None:
        super().__init__(parent)
        self.inline = inline
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(3)
        self.writer = QThreadPool(self)
        self.writer.setMaxThreadCount(1)  # one writer at a time on the client file
        self.active = 0

    def wait_for_done(self, msecs: int = 30000) -> bool:
        ok = self.pool.waitForDone(msecs) and self.writer.waitForDone(msecs)
        return ok

    def _started(self) -> None:
        self.active += 1

    def _ended(self) -> None:
        self.active -= 1
        if self.active == 0:
            self.idle.emit()


_runner: Runner | None = None


def runner() -> Runner:
    global _runner
    if _runner is None:
        _runner = Runner()
    return _runner


def set_inline(inline: bool) -> None:
    runner().inline = inline


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._relay = relay

    def run(self) -> None:  # worker thread: never touch widgets here
        try:
            try:
                result = self._fn()
            except BaseException as exc:  # noqa: BLE001 - delivered to the failure callback
                self._relay.failed.emit(exc)
            else:
                self._relay.finished.emit(result)
        except RuntimeError:  # the app is shutting down and the relay is gone: nobody to tell
            log.debug("result of %s dropped at shutdown", getattr(self._fn, "__name__", "op"))


class Op(Generic[T]):
    """A background operation. Configure with the chained methods, then `run()`."""

    def __init__(self, fn: Callable[..., T], *, write: bool = False, job: bool = False, parent: Any = None,
                 name: str = "") -> None:
        self._fn = fn
        self._write = write
        self._wants_job = job
        self._parent = parent
        self._name = name or getattr(fn, "__name__", "op")
        self._on_success: Callable[[T], Any] | None = None
        self._on_failure: Callable[[BaseException], Any] | None = None
        self._on_progress: Callable[[int, int | None, str], Any] | None = None
        self._on_cancel: Callable[[], Any] | None = None
        self._progress_label: str | None = None
        self._dialog: Any = None
        self._relay: _Relay | None = None
        self.job: Job | None = None
        self.done = False

    def success(self, cb: Callable[[T], Any]) -> "Op[T]":
        self._on_success = cb
        return self

    def failure(self, cb: Callable[[BaseException], Any]) -> "Op[T]":
        self._on_failure = cb
        return self

    def on_cancel(self, cb: Callable[[], Any]) -> "Op[T]":
        """Called on the GUI thread when the op ends cancelled (so the UI can offer it again)."""
        self._on_cancel = cb
        return self

    def on_progress(self, cb: Callable[[int, int | None, str], Any]) -> "Op[T]":
        self._on_progress = cb
        self._wants_job = True
        return self

    def with_progress(self, label: str) -> "Op[T]":
        """Show a cancellable progress dialog while the op runs."""
        self._progress_label = label
        self._wants_job = True
        return self

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    @property
    def cancelled(self) -> bool:
        return self.job is not None and self.job.cancelled

    # -- running ----------------------------------------------------------------------------
    def run(self) -> "Op[T]":
        r = runner()
        relay = _Relay()
        self._relay = relay
        self.job = Job(relay)
        relay.finished.connect(self._finished)
        relay.failed.connect(self._failed)
        relay.progressed.connect(self._progressed)
        fn = self._fn
        call: Callable[[], Any] = (lambda: fn(self.job)) if self._wants_job else fn
        if self._progress_label:
            self._show_dialog()
        r._started()
        _KEEP.add(self)  # keep Python objects alive until the result is delivered
        if r.inline:
            _Task(call, relay).run()
            return self
        (r.writer if self._write else r.pool).start(_Task(call, relay))
        return self

    def _show_dialog(self) -> None:
        from kamdesk.ui.qt import QProgressDialog, Qt

        dlg = QProgressDialog(self._progress_label or "", _("取消"), 0, 0, self._parent)
        dlg.setObjectName("opProgress")
        dlg.setWindowTitle(_("请稍候"))
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(300)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.canceled.connect(self.cancel)
        self._dialog = dlg

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    def _end(self) -> None:
        self.done = True
        self._close_dialog()
        _KEEP.discard(self)
        # the relay may still be delivering; let Qt delete it later
        if self._relay is not None:
            self._relay.deleteLater()
            self._relay = None
        runner()._ended()

    def _orphaned(self) -> bool:
        """The widget that asked is gone (window closed meanwhile): its callbacks must not run."""
        return self._parent is not None and not is_alive(self._parent)

    @Slot(object)
    def _finished(self, result: Any) -> None:
        orphaned = self._orphaned()
        cancelled = self.cancelled or orphaned
        try:
            if not cancelled and self._on_success is not None:
                self._on_success(result)
            elif self.cancelled and not orphaned and self._on_cancel is not None:
                self._on_cancel()
        except Exception as exc:  # a bug in the callback: report like any failure
            self._deliver_failure(exc)
        finally:
            self._end()

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        try:
            if self._orphaned():
                pass
            elif isinstance(exc, Cancelled) or self.cancelled:
                if self._on_cancel is not None:
                    self._on_cancel()
            else:
                self._deliver_failure(exc)
        finally:
            self._end()

    def _deliver_failure(self, exc: BaseException) -> None:
        if self._on_failure is not None:
            self._on_failure(exc)
            return
        from kamdesk.ui.errors import show_error

        show_error(self._parent, exc)

    @Slot(object)
    def _progressed(self, value: tuple[int, int | None, str]) -> None:
        done, total, text = value
        dlg = self._dialog
        if dlg is not None:
            if text:
                dlg.setLabelText(text)
            if total:
                dlg.setMaximum(total)
                dlg.setValue(min(done, total))  # may process events (modal): the op can end in here
        if self._on_progress is not None:
            self._on_progress(done, total, text)


_KEEP: set[Op[Any]] = set()


class Latest:
    """Debounced, latest-wins background queries (search as you type): results of an older
    request than the newest are dropped, never shown."""

    def __init__(self, delay_ms: int = 150, *, owner: QObject | None = None) -> None:
        # the widget whose callbacks receive results: once it is deleted (window closed or rebuilt
        # by a language switch) nothing more is delivered to it
        self._owner = owner
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._fire)
        self._pending: tuple[Callable[[], Any], Callable[[Any], Any], Callable[[BaseException], Any] | None] | None = None
        self._generation = 0
        self._in_flight = False  # one query at a time: a newer one waits, older pending ones are dropped

    def submit(self, fn: Callable[[], T], on_result: Callable[[T], Any],
               on_error: Callable[[BaseException], Any] | None = None, *, immediate: bool = False) -> None:
        self._generation += 1
        self._pending = (fn, on_result, on_error)
        if immediate or runner().inline:
            self._timer.stop()
            self._fire()
        else:
            self._timer.start()

    def cancel(self) -> None:
        self._generation += 1
        self._pending = None
        self._timer.stop()

    @property
    def generation(self) -> int:
        return self._generation

    def _fire(self) -> None:
        if self._owner is not None and not is_alive(self._owner):
            self._pending = None
            return
        if self._pending is None or (self._in_flight and not runner().inline):
            return  # runs when the query in flight ends
        fn, on_result, on_error = self._pending
        self._pending = None
        gen = self._generation

        def ok(result: Any) -> None:
            if gen == self._generation:  # stale results are dropped
                on_result(result)

        def bad(exc: BaseException) -> None:
            if gen == self._generation:
                if on_error is not None:
                    on_error(exc)
                else:
                    log.warning("query failed: %s", type(exc).__name__)

        def ended() -> None:
            self._in_flight = False
            if self._pending is not None and not self._timer.isActive():
                self._fire()

        def ok_then(result: Any) -> None:
            try:
                ok(result)
            finally:
                ended()

        def bad_then(exc: BaseException) -> None:
            try:
                bad(exc)
            finally:
                ended()

        self._in_flight = True
        Op(fn, parent=self._owner).success(ok_then).failure(bad_then).run()
