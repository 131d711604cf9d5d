"""结束拜访: the outcome plus follow-up tasks, pre-filled from the notes (`suggest_follow_ups`)
and editable; OK ends the visit and creates the tasks in one unit of work."""
from __future__ import annotations

import datetime as dt
from typing import Any

from kamdesk.common.errors import ValidationError
from kamdesk.common.i18n import _
from kamdesk.ui.changes import Changes
from kamdesk.ui.dialogs import ok_cancel
from kamdesk.ui.errors import error_text
from kamdesk.ui.ops import Op
from kamdesk.ui.qt import (
    QAbstractItemView,
    QDate,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kamdesk.ui.state import AppState

NO_DATE = QDate(2000, 1, 1)


class FinishVisitDialog(QDialog):
    finished_visit = Signal(object)  # list[TaskInfo]

    def __init__(self, state: AppState, visit: Any, notes: str, parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        from kamdesk.services.visits import suggest_follow_ups

        super().__init__(parent)
        self.state = state
        self.visit = visit
        self.notes = notes
        self.today = today or dt.date.today()
        self.setObjectName("finishVisitDialog")
        self.setWindowTitle(_("结束拜访 — {c}").format(c=visit.client_name))
        self.setMinimumSize(620, 480)
        self.outcome = QPlainTextEdit()
        self.outcome.setObjectName("finishOutcome")
        self.outcome.setPlaceholderText(_("本次拜访的成果：客户需求、达成的共识、存在的问题"))
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("finishFollowUps")
        self.table.setHorizontalHeaderLabels([_("跟进任务"), _("截止日期")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        add = QPushButton(_("添加任务"))
        add.setObjectName("finishAdd")
        add.clicked.connect(lambda: self.add_follow_up("", None, edit=True))
        remove = QPushButton(_("删除所选"))
        remove.setObjectName("finishRemove")
        remove.clicked.connect(self.remove_selected)
        hint = QLabel(_("已按纪要中“跟进：”“待办：”等行预填，可修改；到期日可留空。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(mid);")
        self.error = QLabel("")
        self.error.setObjectName("finishError")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.buttons = ok_cancel(self, _("结束拜访并创建任务"), self.submit)
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(add)
        row.addWidget(remove)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(_("拜访成果")))
        lay.addWidget(self.outcome, 2)
        lay.addWidget(QLabel(_("跟进任务")))
        lay.addWidget(self.table, 3)
        lay.addLayout(row)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        for f in suggest_follow_ups(notes, today=self.today):
            self.add_follow_up(f.title, f.due_on)
        self.op: Op[Any] | None = None

    def add_follow_up(self, title: str, due: dt.date | None, *, edit: bool = False) -> int:
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setItem(r, 0, QTableWidgetItem(title))
        d = QDateEdit()
        d.setCalendarPopup(True)
        d.setDisplayFormat("yyyy-MM-dd")
        d.setMinimumDate(NO_DATE)
        d.setSpecialValueText(_("无期限"))
        d.setDate(QDate(due.year, due.month, due.day) if due else NO_DATE)
        self.table.setCellWidget(r, 1, d)
        if edit:
            self.table.setCurrentCell(r, 0)
            self.table.editItem(self.table.item(r, 0))
        return r

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for r in rows:
            self.table.removeRow(r)

    def follow_ups(self) -> list[Any]:
        from kamdesk.services.visits import FollowUp

        out = []
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            title = (item.text() if item else "").strip()
            if not title:
                continue
            qd = self.table.cellWidget(r, 1).date()
            due = None if qd == NO_DATE else dt.date(qd.year(), qd.month(), qd.day())
            out.append(FollowUp(title, due))
        return out

    def submit(self) -> Op[Any] | None:
        from kamdesk.services.visits import finish

        outcome = self.outcome.toPlainText().strip()
        if not outcome:
            self.error.setText(_("请填写拜访成果"))
            self.outcome.setFocus()
            return None
        follow, book, vid, notes = self.follow_ups(), self.state.book, self.visit.id, self.notes
        self.buttons.setEnabled(False)

        def done(created: list[Any]) -> None:
            self.state.notify(Changes(visits=True, tasks=True, agenda=True, outbox=True, clients=True,
                                      client_ids=frozenset({self.visit.client_id})))
            self.finished_visit.emit(created)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            self.error.setText(exc.reason if isinstance(exc, ValidationError) else error_text(exc))

        self.op = Op(lambda: finish(book, vid, outcome, follow, notes=notes), write=True, parent=self,
                     name="visit_finish").success(done).failure(failed).run()
        return self.op
