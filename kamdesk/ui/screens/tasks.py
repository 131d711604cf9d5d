"""任务 Tasks: the task list by due date (overdue in red, due today in bold), with complete,
reschedule, cancel, reopen (a done or cancelled task), a new task, and opening the client; the
same actions on the table's context menu."""
from __future__ import annotations

import datetime as dt
from typing import Any

from kamdesk.common.i18n import _
from kamdesk.ui import labels
from kamdesk.ui.changes import Changes
from kamdesk.ui.dialogs import ok_cancel
from kamdesk.ui.errors import error_text, show_error
from kamdesk.ui.ops import Op
from kamdesk.ui.screens.table_model import RowTableModel
from kamdesk.ui.qt import (
    QBrush,
    QCheckBox,
    QColor,
    QComboBox,
    QDate,
    QDateEdit,
    QDialog,
    QFont,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QObject,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kamdesk.ui.screens.base import Screen, row_table_view
from kamdesk.ui.state import AppState

OVERDUE = "#c62828"
NO_DATE = QDate(2000, 1, 1)


def _date(qd: QDate) -> dt.date | None:
    return None if qd == NO_DATE else dt.date(qd.year(), qd.month(), qd.day())


class TaskModel(RowTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cols = [
            (lambda: _("截止日期"), lambda r: self.due_text(r)),
            (lambda: _("任务", "column"), lambda r: r.title),
            (lambda: _("客户", "column"), lambda r: r.client_name),
            (lambda: _("来源"), lambda r: _source(r.source)),
            (lambda: _("负责人"), lambda r: r.owner_name),
            (lambda: _("状态"), lambda r: _status(r.status)),
        ]

    @staticmethod
    def due_text(r: Any) -> str:
        if r.due_on is None:
            return _("无期限")
        if r.overdue:
            return _("{d}（逾期）").format(d=labels.date(r.due_on))
        if r.due_today:
            return _("{d}（今天）").format(d=labels.date(r.due_on))
        return labels.date(r.due_on)

    def role_data(self, r: Any, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.detail or None
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.overdue:
                return QBrush(QColor(OVERDUE))
            if r.status != "open":
                return QBrush(QColor("#9e9e9e"))
        if role == Qt.ItemDataRole.FontRole and r.due_today:
            f = QFont()
            f.setBold(True)
            return f
        return None


def _source(code: str) -> str:
    from kamdesk.services.tasks import source_label

    return source_label(code)


def _status(code: str) -> str:
    from kamdesk.services.tasks import status_label

    return status_label(code)


class DateDialog(QDialog):
    """Pick a due date (or none)."""

    def __init__(self, title: str, current: dt.date | None, parent: QWidget | None = None, *,
                 with_title: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("taskDateDialog")
        self.setWindowTitle(title)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("taskTitle")
        self.title_edit.setMaxLength(200)
        self.date = QDateEdit()
        self.date.setObjectName("taskDue")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMinimumDate(NO_DATE)
        self.date.setSpecialValueText(_("无期限"))
        d = current or dt.date.today()
        self.date.setDate(QDate(d.year, d.month, d.day))
        form = QFormLayout()
        if with_title:
            form.addRow(_("任务内容"), self.title_edit)
        form.addRow(_("截止日期"), self.date)
        self.buttons = ok_cancel(self, _("确定"))
        if with_title:  # a task needs its content: 确定 waits for it (nothing typed is lost)
            ok = self.buttons.button(self.buttons.StandardButton.Ok)
            ok.setEnabled(False)
            self.title_edit.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.buttons)

    def value(self) -> dt.date | None:
        return _date(self.date.date())


class TasksScreen(Screen):
    key = "tasks"
    open_client = Signal(str)
    loaded = Signal(int)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.model = TaskModel(self)
        self.filter = QComboBox()
        self.filter.setObjectName("taskFilter")
        self.filter.addItem(_("待办"), "open")
        self.filter.addItem(_("已完成"), "done")
        self.filter.addItem(_("全部"), None)
        self.filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.mine = QCheckBox(_("只看我的任务"))
        self.mine.setObjectName("taskMine")
        self.mine.setChecked(state.role == "rm")
        self.mine.toggled.connect(lambda _c: self.reload())
        self.count = QLabel("")
        self.count.setObjectName("taskCount")
        self.new_button = QPushButton(_("新建任务…"))
        self.new_button.setObjectName("taskNew")
        self.new_button.clicked.connect(lambda: self.new_task())
        self.new_button.setShortcut("Ctrl+N")
        self.new_button.setToolTip(_("新建任务（Ctrl+N）"))
        self.complete_button = QPushButton(_("完成"))
        self.complete_button.setObjectName("taskComplete")
        self.complete_button.setShortcut("Ctrl+Return")
        self.complete_button.setToolTip(_("标记所选任务完成（Ctrl+Enter）"))
        self.complete_button.clicked.connect(lambda: self.complete_selected())
        self.reschedule_button = QPushButton(_("改期…"))
        self.reschedule_button.setObjectName("taskReschedule")
        self.reschedule_button.clicked.connect(lambda: self.reschedule_selected())
        self.cancel_button = QPushButton(_("取消任务"))
        self.cancel_button.setObjectName("taskCancel")
        self.cancel_button.clicked.connect(lambda: self.cancel_selected())
        self.reopen_button = QPushButton(_("重新打开"))
        self.reopen_button.setObjectName("taskReopen")
        self.reopen_button.setToolTip(_("把已完成或已取消的任务改回待办"))
        self.reopen_button.clicked.connect(lambda: self.reopen_selected())
        self.client_button = QPushButton(_("打开客户"))
        self.client_button.setObjectName("taskClient")
        self.client_button.clicked.connect(self._open_client)
        can_write = state.policy.can_write(state.role, "tasks")
        self.new_button.setEnabled(can_write)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("显示")))
        top.addWidget(self.filter)
        top.addWidget(self.mine)
        top.addWidget(self.count, 1)
        for b in (self.client_button, self.reopen_button, self.reschedule_button, self.cancel_button,
                  self.complete_button, self.new_button):
            top.addWidget(b)
        self.table = row_table_view("taskTable", self.model, (150, 0, 260, 110, 80, 70), stretch=1)
        self.table.doubleClicked.connect(lambda _i: self._open_client())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.empty = QLabel("")
        self.empty.setObjectName("taskEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: palette(mid);")
        self.empty.setVisible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 4)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.empty)
        self.dialog: Any = None
        self._update_buttons()

    def clear(self) -> None:
        self.model.set_rows([])

    def reload(self) -> Op[Any]:
        from kamdesk.services.tasks import list_tasks

        book, status = self.state.book, self.filter.currentData()
        owner = book.user.id if self.mine.isChecked() else None
        return Op(lambda: list_tasks(book, status=status, owner_id=owner), parent=self, name="tasks_list").success(
            self._show).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self.model.set_rows([])
        self.count.setText("")
        self.empty.setText(error_text(exc))
        self.empty.setVisible(True)
        self.loaded.emit(0)

    def _show(self, rows: list[Any]) -> None:
        if self.state.locked:
            return
        keep = self.selected()
        self.model.set_rows(rows)
        overdue = sum(1 for r in rows if r.overdue)
        today = sum(1 for r in rows if r.due_today)
        text = _("共 {n} 项").format(n=len(rows))
        if overdue or today:
            text += _("，逾期 {o} 项，今天到期 {t} 项").format(o=overdue, t=today)
        self.count.setText(text)
        self.empty.setText(_("没有任务。结束拜访时记录的跟进事项会出现在这里。"))
        self.empty.setVisible(not rows)
        if keep is not None:
            self.select(keep.id)
        self._update_buttons()
        self.loaded.emit(len(rows))

    def selected(self) -> Any:
        idx = self.table.currentIndex()
        return self.model.row_at(idx.row()) if idx.isValid() else None

    def select(self, task_id: str) -> bool:
        for i, r in enumerate(self.model.rows):
            if r.id == task_id:
                self.table.selectRow(i)
                return True
        return False

    def _update_buttons(self) -> None:
        r = self.selected()
        can_write = self.state.policy.can_write(self.state.role, "tasks")
        is_open = r is not None and r.status == "open" and can_write
        self.complete_button.setEnabled(is_open)
        self.reschedule_button.setEnabled(is_open)
        self.cancel_button.setEnabled(is_open)
        self.reopen_button.setEnabled(r is not None and r.status != "open" and can_write)
        self.client_button.setEnabled(r is not None and bool(r.client_id))

    def context_menu(self) -> QMenu:
        """The selected task's actions, as the buttons offer them (enabled alike)."""
        menu = QMenu(self)
        for b in (self.client_button, self.complete_button, self.reschedule_button, self.cancel_button,
                  self.reopen_button):
            act = menu.addAction(b.text())
            act.setEnabled(b.isEnabled())
            act.triggered.connect(b.click)
        return menu

    def _context_menu(self, pos: Any) -> None:
        idx = self.table.indexAt(pos)
        if idx.isValid():
            self.table.selectRow(idx.row())
            self.context_menu().popup(self.table.viewport().mapToGlobal(pos))

    def _open_client(self) -> None:
        r = self.selected()
        if r is not None and r.client_id:
            self.open_client.emit(r.client_id)

    # -- actions -----------------------------------------------------------------------------
    def _write(self, fn: Any, name: str) -> Op[Any]:
        def done(_info: Any) -> None:
            self.state.notify(Changes(tasks=True, agenda=True, outbox=True))

        return Op(fn, write=True, parent=self, name=name).success(done).failure(
            lambda exc: show_error(self, exc)).run()

    def complete_selected(self) -> Op[Any] | None:
        from kamdesk.services.tasks import complete

        r, book = self.selected(), self.state.book
        if r is None or r.status != "open":
            return None
        return self._write(lambda: complete(book, r.id), "task_complete")

    def cancel_selected(self) -> Op[Any] | None:
        from kamdesk.services.tasks import cancel

        r, book = self.selected(), self.state.book
        if r is None or r.status != "open":
            return None
        return self._write(lambda: cancel(book, r.id), "task_cancel")

    def reopen_selected(self) -> Op[Any] | None:
        from kamdesk.services.tasks import reopen

        r, book = self.selected(), self.state.book
        if r is None or r.status == "open":
            return None
        return self._write(lambda: reopen(book, r.id), "task_reopen")

    def reschedule_selected(self, due_on: dt.date | None | str = "ask") -> Op[Any] | None:
        from kamdesk.services.tasks import reschedule

        r, book = self.selected(), self.state.book
        if r is None or r.status != "open":
            return None
        if due_on == "ask":
            dlg = DateDialog(_("改期 — {t}").format(t=r.title), r.due_on, self)
            self.dialog = dlg
            dlg.accepted.connect(lambda: self.reschedule_selected(dlg.value()))
            dlg.open()
            return None
        return self._write(lambda: reschedule(book, r.id, due_on), "task_reschedule")  # type: ignore[arg-type]

    def new_task(self, title: str | None = None, due_on: dt.date | None = None) -> Op[Any] | None:
        from kamdesk.services.tasks import create

        book = self.state.book
        if title is None:
            dlg = DateDialog(_("新建任务"), dt.date.today() + dt.timedelta(days=7), self, with_title=True)
            self.dialog = dlg
            dlg.accepted.connect(lambda: self.new_task(dlg.title_edit.text(), dlg.value()))
            dlg.open()
            return None
        return self._write(lambda: create(book, title, due_on=due_on), "task_create")

    def on_changes(self, changes: Changes) -> None:
        if self._loaded_once and (changes.tasks or changes.clients) and not self.state.locked:
            self.reload()
