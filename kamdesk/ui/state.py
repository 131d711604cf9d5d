"""The running app's shared state: the open book, the change signal and the lock state.
Screens get this object, never a global."""
from __future__ import annotations

from typing import Any

from kamdesk.ui.changes import Changes
from kamdesk.ui.qt import QObject, Signal


class AppState(QObject):
    changed = Signal(object)  # Changes: each view refreshes only what it shows
    lock_changed = Signal(bool)  # True: locked, every client value hidden

    def __init__(self, book: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.locked = False
        self.online = False
        self.window: Any = None  # the main window in use (a language switch replaces it)

    def notify(self, changes: Changes) -> None:
        if changes.any():
            self.changed.emit(changes)

    def set_locked(self, locked: bool) -> None:
        if locked != self.locked:
            self.locked = locked
            self.lock_changed.emit(locked)
            self.changed.emit(Changes(lock=True))

    @property
    def policy(self) -> Any:
        return self.book.policy

    @property
    def role(self) -> str:
        return self.book.user.role

    def role_label(self) -> str:
        from kamdesk.common.i18n import language

        r = self.book.policy.role(self.role)
        return r.label if language().startswith("zh") else r.label_en
