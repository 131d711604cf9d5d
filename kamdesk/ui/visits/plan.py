"""计划拜访: choose the client (search as you type), time, duration, kind, place, attendees and
agenda. The dialog checks its fields before it submits; the service checks them again."""
from __future__ import annotations

import datetime as dt
from typing import Any

from kamdesk.common.errors import ValidationError
from kamdesk.common.i18n import _
from kamdesk.ui.changes import Changes
from kamdesk.ui.dialogs import ok_cancel
from kamdesk.ui.errors import error_text
from kamdesk.ui.ops import Latest, Op
from kamdesk.ui.qt import (
    QDateTime,
    QDateTimeEdit,
    QDialog,
    QEvent,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kamdesk.ui.state import AppState


def kinds() -> list[tuple[str, str]]:
    from kamdesk.services.visits import KINDS, kind_label

    return [(k, kind_label(k)) for k in KINDS]


def default_start(now: dt.datetime | None = None) -> dt.datetime:
    """Tomorrow at 10:00 — the usual slot for a client visit."""
    now = now or dt.datetime.now()
    return dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(10, 0))


class PlanVisitDialog(QDialog):
    planned = Signal(object)  # VisitInfo

    def __init__(self, state: AppState, parent: QWidget | None = None, *, client_id: str | None = None,
                 client_name: str = "") -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("planVisitDialog")
        self.setWindowTitle(_("计划拜访"))
        self.setMinimumWidth(520)
        self.client_id: str | None = client_id
        self.search = QLineEdit(client_name)
        self.search.setObjectName("planClientSearch")
        self.search.setPlaceholderText(_("输入客户名称、简称或拼音首字母"))
        self.hits = QListWidget()
        self.hits.setObjectName("planClientHits")
        self.hits.setMaximumHeight(120)
        self.hits.setVisible(False)
        self.chosen = QLabel(_("已选客户：{n}").format(n=client_name) if client_id else _("尚未选择客户"))
        self.chosen.setObjectName("planClientChosen")
        self.when = QDateTimeEdit(QDateTime(default_start()))
        self.when.setObjectName("planWhen")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.duration = QSpinBox()
        self.duration.setObjectName("planDuration")
        self.duration.setRange(5, 720)
        self.duration.setSingleStep(15)
        self.duration.setValue(60)
        self.duration.setSuffix(_(" 分钟"))
        self.kind = QComboBox()
        self.kind.setObjectName("planKind")
        for code, label in kinds():
            self.kind.addItem(label, code)
        self.place = QLineEdit()
        self.place.setObjectName("planPlace")
        self.place.setMaxLength(200)
        self.place.setPlaceholderText(_("如：客户办公室、我行贵宾室"))
        self.attendees = QLineEdit()
        self.attendees.setObjectName("planAttendees")
        self.attendees.setPlaceholderText(_("多人用逗号或顿号分隔"))
        self.agenda = QPlainTextEdit()
        self.agenda.setObjectName("planAgenda")
        self.agenda.setPlaceholderText(_("本次拜访要谈的事项"))
        self.agenda.setFixedHeight(80)
        self.error = QLabel("")
        self.error.setObjectName("planError")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("客户"), self.search)
        form.addRow("", self.hits)
        form.addRow("", self.chosen)
        form.addRow(_("时间"), self.when)
        form.addRow(_("时长"), self.duration)
        form.addRow(_("方式"), self.kind)
        form.addRow(_("地点"), self.place)
        form.addRow(_("参加人员"), self.attendees)
        form.addRow(_("议程"), self.agenda)
        self.buttons = ok_cancel(self, _("保存计划"), self.submit)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self._latest = Latest(150, owner=self)
        self.search.textEdited.connect(self._search)
        self.search.installEventFilter(self)
        self.hits.itemActivated.connect(self._choose)
        self.hits.itemClicked.connect(self._choose)
        self.op: Op[Any] | None = None

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802
        """Down arrow in the search box moves into the hits."""
        if obj is self.search and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down \
                and self.hits.isVisible() and self.hits.count():
            self.hits.setFocus()
            self.hits.setCurrentRow(0)
            return True
        return super().eventFilter(obj, event)

    # -- client search -----------------------------------------------------------------------
    def _search(self, text: str) -> None:
        from kamdesk.services.search import search

        self.client_id = None
        self.chosen.setText(_("尚未选择客户"))
        text = text.strip()
        if not text:
            self._latest.cancel()
            self.hits.clear()
            self.hits.setVisible(False)
            return
        book = self.state.book
        self._latest.submit(lambda: search(book, text, limit=10), self._show_hits,
                            lambda exc: self.error.setText(error_text(exc)))

    def _show_hits(self, hits: list[Any]) -> None:
        self.hits.clear()
        for h in hits:
            it = QListWidgetItem(h.name if h.matched in ("", h.name) else f"{h.name}（{h.matched}）")
            it.setData(Qt.ItemDataRole.UserRole, h.client_id)
            it.setData(Qt.ItemDataRole.UserRole + 1, h.name)
            self.hits.addItem(it)
        if not hits:
            it = QListWidgetItem(_("没有找到匹配的客户"))
            it.setFlags(Qt.ItemFlag.NoItemFlags)
            self.hits.addItem(it)
        self.hits.setVisible(True)
        if len(hits) == 1:
            self._choose(self.hits.item(0))

    def _choose(self, item: QListWidgetItem) -> None:
        cid = item.data(Qt.ItemDataRole.UserRole)
        if not cid:
            return
        self.client_id = cid
        name = item.data(Qt.ItemDataRole.UserRole + 1)
        self.chosen.setText(_("已选客户：{n}").format(n=name))
        self.search.setText(name)
        self.hits.setVisible(False)
        self.error.setText("")

    # -- submit ------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        qdt = self.when.dateTime()
        d, t = qdt.date(), qdt.time()
        return dict(planned_at=dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()),
                    duration_minutes=self.duration.value(), place=self.place.text().strip(),
                    attendees=self.attendees.text(), agenda=self.agenda.toPlainText().strip(),
                    kind=self.kind.currentData())

    def validate(self) -> str | None:
        """A message for the first problem, or None."""
        from kamdesk.services.visits import check_plan

        if not self.client_id:
            return _("请先搜索并选择客户")
        v = self.values()
        try:
            check_plan(v["planned_at"], v["duration_minutes"], v["place"], v["kind"])
        except ValidationError as exc:
            return exc.reason
        if v["planned_at"] < dt.datetime.now() - dt.timedelta(days=365):
            return _("拜访时间不能早于一年前")
        return None

    def submit(self) -> Op[Any] | None:
        from kamdesk.services.visits import plan

        if self.client_id is None and self.hits.isVisible() and self.hits.count():
            first = self.hits.item(0)
            if first.flags() & Qt.ItemFlag.ItemIsEnabled:  # Enter in the search box takes the top hit
                self._choose(first)
                return None
        problem = self.validate()
        if problem:
            self.error.setText(problem)
            return None
        self.error.setText("")
        self.buttons.setEnabled(False)
        book, cid, v = self.state.book, self.client_id, self.values()

        def done(info: Any) -> None:
            self.state.notify(Changes(visits=True, agenda=True, outbox=True))
            self.planned.emit(info)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            self.error.setText(exc.reason if isinstance(exc, ValidationError) else error_text(exc))

        self.op = Op(lambda: plan(book, cid, **v), write=True, parent=self, name="visit_plan").success(done).failure(
            failed).run()
        return self.op
