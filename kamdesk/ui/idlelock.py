"""Idle lock: after the policy's `idle_lock_minutes` without keyboard or mouse input the
workstation locks (every client value hidden; the passphrase unlocks it)."""
from __future__ import annotations

from collections.abc import Callable

from kamdesk.ui.qt import QApplication, QEvent, QObject, QTimer

_INPUT = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride,
}


class IdleWatcher(QObject):
    def __init__(self, timeout_ms: int, on_idle: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_idle = on_idle
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, int(timeout_ms)))
        self.timer.timeout.connect(self._fire)
        self.paused = False
        self._active = False
        self._poll = QTimer(self)
        self._poll.setInterval(min(1000, max(1, int(timeout_ms) // 4)))
        self._poll.timeout.connect(self._check)
        self._poll.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    @staticmethod
    def minutes_from_policy(policy: object) -> float:
        sec = getattr(policy, "security", {}) or {}
        return float(sec.get("idle_lock_minutes", 10))

    def set_timeout(self, ms: int) -> None:
        self.timer.setInterval(max(1, int(ms)))
        self._poll.setInterval(min(1000, max(1, int(ms) // 4)))
        if not self.paused:
            self.timer.start()

    def pause(self) -> None:
        self.paused = True
        self.timer.stop()

    def resume(self) -> None:
        self.paused = False
        self.timer.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        # called for every event of the application: keep it minimal
        if not self.paused and event.type() in _INPUT:
            self._active = True
        return False

    def _check(self) -> None:
        """Every second: restart the countdown if there was input (cheaper than restarting a
        timer on every mouse move)."""
        if self._active:
            self._active = False
            if not self.paused:
                self.timer.start()

    def _fire(self) -> None:
        if not self.paused:
            self._on_idle()

    def stop(self) -> None:
        self.timer.stop()
        self._poll.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
