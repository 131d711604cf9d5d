"""The visit notes editor with autosave.

Every keystroke restarts a debounce timer (3 s by default); when it fires, the notes are written
to the encrypted file off the GUI thread (`services.visits.save_notes` through `ops.Op(write=True)`),
and the status line shows "已自动保存 HH:MM:SS". Someone who types without a pause is saved too: the
first unsaved keystroke starts a deadline (three debounce intervals) that keystrokes do not restart. Leaving the editor (focus-out) and closing the
workspace save at once. Saves never overlap: a save requested while one is in flight runs right
after it, with the newest text. A crash or power loss loses at most what was typed after the last
"saved" — the file itself is never half-written (one SQLite transaction per save).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from kamdesk.common.i18n import _
from kamdesk.ui.changes import Changes
from kamdesk.ui.errors import error_text
from kamdesk.ui.ops import Op
from kamdesk.ui.qt import (
    QEvent,
    QKeySequence,
    QLabel,
    QObject,
    QPlainTextEdit,
    QShortcut,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kamdesk.ui.state import AppState

DEFAULT_AUTOSAVE_MS = 3000
MAX_WAIT_INTERVALS = 3


class NotesEditor(QWidget):
    saved = Signal(object)  # the save time (aware datetime) after a successful autosave
    save_failed = Signal(str)

    def __init__(self, state: AppState, visit_id: str, *, autosave_ms: int = DEFAULT_AUTOSAVE_MS,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.visit_id = visit_id
        self.setObjectName("visitNotes")
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("notesEdit")
        self.edit.setPlaceholderText(_(
            "在此记录拜访纪要。每行以“跟进：”“待办：”或“- [ ]”开头的内容，结束拜访时会建议为跟进任务，"
            "可写明期限，如“跟进：11月30日前提供授信方案”。"))
        self.edit.installEventFilter(self)
        self.status = QLabel(_("尚未保存"))
        self.status.setObjectName("autosaveStatus")
        self.status.setStyleSheet("color: palette(mid);")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.status)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(autosave_ms)
        self.timer.timeout.connect(self.save_now)
        self.deadline = QTimer(self)  # the longest typed text may wait unsaved, however fast one types
        self.deadline.setSingleShot(True)
        self.deadline.setInterval(autosave_ms * MAX_WAIT_INTERVALS)
        self.deadline.timeout.connect(self.save_now)
        self.dirty = False
        self.last_saved_at: dt.datetime | None = None
        self._in_flight: Op[Any] | None = None
        self._again = False
        self._loading = False
        self.closing = False
        self.edit.textChanged.connect(self._typed)
        save = QShortcut(QKeySequence.StandardKey.Save, self.edit)  # Ctrl+S: the habit of every writer
        save.setContext(Qt.ShortcutContext.WidgetShortcut)
        save.activated.connect(self.flush)

    # -- content -----------------------------------------------------------------------------
    def set_notes(self, text: str, saved_at: dt.datetime | None = None) -> None:
        """Show the stored notes (not a change to save)."""
        self._loading = True
        try:
            self.edit.setPlainText(text)
        finally:
            self._loading = False
        self.dirty = False
        self.last_saved_at = saved_at
        if saved_at is not None:
            self.status.setText(_("上次保存 {t}").format(t=saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")))

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_autosave_interval(self, msecs: int) -> None:
        self.timer.setInterval(msecs)
        self.deadline.setInterval(msecs * MAX_WAIT_INTERVALS)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)

    # -- autosave ----------------------------------------------------------------------------
    def _typed(self) -> None:
        if self._loading or self.edit.isReadOnly():
            return
        self.dirty = True
        self.status.setText(_("正在输入…"))
        self.timer.start()  # restart the debounce
        if not self.deadline.isActive():
            self.deadline.start()  # not restarted by the next keystrokes

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.edit and event.type() == QEvent.Type.FocusOut and self.dirty:
            self.save_now()
        return super().eventFilter(obj, event)

    @property
    def saving(self) -> bool:
        return self._in_flight is not None

    def save_now(self, *, force: bool = False) -> Op[Any] | None:
        """Write the current notes now (off the GUI thread). Returns the op, or None when there is
        nothing to save or a save is already running (it will run again right after). `force`
        queues another save behind the running one (writes run one at a time, in order)."""
        self.timer.stop()
        self.deadline.stop()
        if not self.dirty:
            return None
        if self._in_flight is not None and not force:
            self._again = True
            return None
        from kamdesk.services.visits import save_notes

        book, visit_id, text = self.state.book, self.visit_id, self.text()
        self.status.setText(_("正在保存…"))
        op = Op(lambda: save_notes(book, visit_id, text), write=True, parent=self, name="visit_save_notes")
        op.success(lambda at: self._saved(text, at)).failure(self._failed)
        self._in_flight = op
        return op.run()

    def _saved(self, text: str, at: dt.datetime) -> None:
        if self.closing:  # the workspace is gone (its widgets may be deleted): only tell the app
            self.state.notify(Changes(outbox=True, visits=True))
            return
        self._in_flight = None
        if self.text() == text:
            self.dirty = False
        self.last_saved_at = at
        self.status.setStyleSheet("color: palette(mid);")
        self.status.setText(_("已自动保存 {t}").format(t=at.astimezone().strftime("%H:%M:%S")))
        # while typing only the pending-changes count moves; the visit lists refresh once, on close
        self.state.notify(Changes(outbox=True, visits=self.closing))
        self.saved.emit(at)
        if self._again or (self.dirty and not self.timer.isActive()):
            self._again = False
            self.save_now()

    def _failed(self, exc: BaseException) -> None:
        if self.closing:
            from kamdesk.ui.errors import show_error

            show_error(None, exc, title=_("拜访纪要未能保存"))
            return
        self._in_flight = None
        self._again = False
        msg = error_text(exc)
        self.status.setStyleSheet("color: #c62828;")
        self.status.setText(_("自动保存失败：{m}").format(m=msg))
        self.save_failed.emit(msg)
        if self.dirty:
            self.timer.start()  # try again after the next pause

    def flush(self) -> Op[Any] | None:
        """Save whatever is unsaved now (closing the workspace, finishing the visit)."""
        return self.save_now(force=True)
