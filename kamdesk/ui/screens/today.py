"""今日 Today: the service agenda (maturities, birthdays, expiries, overdue follow-ups, SLA
breaches, touchpoints due); each item opens its client; done / snooze / dismiss."""
from __future__ import annotations

import datetime as dt
from typing import Any

from kamdesk.common.i18n import _
from kamdesk.ui import labels
from kamdesk.ui.changes import Changes
from kamdesk.ui.errors import show_error
from kamdesk.ui.ops import Op
from kamdesk.ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QBrush,
    QCheckBox,
    QColor,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QMenu,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPushButton,
    QShortcut,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kamdesk.ui.screens.base import Screen, fit_columns
from kamdesk.ui.state import AppState


def kind_label(kind: str) -> str:
    return {
        "maturity": _("产品到期"), "birthday": _("生日"), "anniversary": _("成立周年"), "kyc": _("KYC 到期"),
        "risk_assessment": _("风险评估到期"), "task": _("待办任务"), "sla": _("服务时限"),
        "plan_visit": _("计划拜访"), "plan_review": _("定期回顾"), "no_contact": _("久未联系"),
    }.get(kind, kind)


def severity_label(sev: str) -> str:
    return {"high": _("紧急"), "medium": _("重要"), "low": _("一般")}.get(sev, sev)


SEVERITY_COLOURS = {"high": "#fde7e9", "medium": "#fff4e5"}


class AgendaModel(QAbstractTableModel):
    """The agenda items (a few hundred at most: held in full)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items: list[Any] = []
        self.today = dt.date.today()
        self._headers = [lambda: _("到期时间"), lambda: _("紧急程度"), lambda: _("类型"), lambda: _("客户名称"),
                         lambda: _("事项"), lambda: _("说明")]

    @property
    def show_owner(self) -> bool:
        return len(self._headers) == 7

    @show_owner.setter
    def show_owner(self, on: bool) -> None:
        if on != self.show_owner:
            self.beginResetModel()
            if on:
                self._headers.append(lambda: _("客户经理"))
            else:
                self._headers.pop()
            self.endResetModel()

    def set_items(self, items: list[Any], today: dt.date) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.today = today
        self.endResetModel()

    def remove_key(self, key: str) -> None:
        for i, it in enumerate(self.items):
            if it.key == key:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self.items[i]
                self.endRemoveRows()
                return

    def item_at(self, row: int) -> Any:
        return self.items[row] if 0 <= row < len(self.items) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self._headers):
            return self._headers[section]()
        return None

    def _due_text(self, due: dt.date) -> str:
        days = (due - self.today).days
        if days == 0:
            return _("今天")
        if days < 0:
            return _("逾期 {n} 天").format(n=-days)
        if days == 1:
            return _("明天")
        return _("{d}（{n} 天后）").format(d=due.strftime("%m-%d"), n=days)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items) or index.column() >= len(self._headers):
            return None
        it = self.items[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [self._due_text(it.due), severity_label(it.severity), kind_label(it.kind), it.client_name,
                    it.title, it.detail, it.owner_name][col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return labels.date(it.due) if col == 0 else (it.detail or None)
        if role == Qt.ItemDataRole.BackgroundRole and it.severity in SEVERITY_COLOURS:
            return QBrush(QColor(SEVERITY_COLOURS[it.severity]))
        if role == Qt.ItemDataRole.UserRole:
            return it.key
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class TodayScreen(Screen):
    key = "today"
    open_client = Signal(str)
    loaded = Signal(int)

    def __init__(self, state: AppState, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(state, parent)
        self._today = today
        self._loaded_once = False
        self.model = AgendaModel(self)
        self.heading = QLabel("")
        self.heading.setObjectName("todayHeading")
        f = self.heading.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.heading.setFont(f)
        self.horizon = QComboBox()
        self.horizon.setObjectName("agendaHorizon")
        for days, text in ((7, _("未来 7 天")), (30, _("未来 30 天")), (90, _("未来 90 天"))):
            self.horizon.addItem(text, days)
        self.horizon.setCurrentIndex(1)
        self.horizon.currentIndexChanged.connect(lambda _i: self.reload())
        self.team = QCheckBox(_("显示整个团队"))
        self.team.setObjectName("agendaTeam")
        self.team.setVisible(state.policy.can(state.role, "team.view"))
        self.team.toggled.connect(lambda _c: self.reload())

        self.table = QTableView()
        self.table.setObjectName("agendaTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        hh = self.table.horizontalHeader()
        hh.setStretchLastSection(True)
        fit_columns(self.table, (130, 72, 150, 240, 260))
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(lambda idx: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        self.done_button = QPushButton(_("完成"))
        self.done_button.setObjectName("agendaDone")
        self.done_button.clicked.connect(lambda: self.mark_selected("done"))
        self.snooze_button = QPushButton(_("推迟"))
        self.snooze_button.setObjectName("agendaSnooze")
        menu = QMenu(self.snooze_button)
        for days, text in ((1, _("推迟到明天")), (3, _("推迟 3 天")), (7, _("推迟一周"))):
            menu.addAction(text).triggered.connect(lambda _c=False, d=days: self.mark_selected("snoozed", d))
        self.snooze_button.setMenu(menu)
        self.dismiss_button = QPushButton(_("忽略"))
        self.dismiss_button.setObjectName("agendaDismiss")
        self.dismiss_button.clicked.connect(lambda: self.mark_selected("dismissed"))
        self.open_button = QPushButton(_("打开客户"))
        self.open_button.setObjectName("agendaOpen")
        self.open_button.clicked.connect(self.open_selected)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.team)
        top.addWidget(self.horizon)
        buttons = QHBoxLayout()
        for b in (self.open_button, self.done_button, self.snooze_button, self.dismiss_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.empty = QLabel(_("太好了，近期没有需要处理的事项。"))
        self.empty.setObjectName("agendaEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 4)
        lay.addLayout(top)
        lay.addLayout(buttons)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.empty)
        for keys, fn, button in (("Return", self.open_selected, self.open_button),
                                 ("Ctrl+D", lambda: self.mark_selected("done"), self.done_button),
                                 ("Ctrl+T", lambda: self.mark_selected("snoozed", 1), self.snooze_button),
                                 ("Delete", lambda: self.mark_selected("dismissed"), self.dismiss_button)):
            sc = QShortcut(QKeySequence(keys), self.table, fn)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            button.setToolTip(QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText))
        self._update_buttons()

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def on_lock(self, locked: bool) -> None:
        if locked:
            self.model.set_items([], self.today())
        elif self._loaded_once:
            self.reload()

    def activate(self) -> None:
        if not self._loaded_once:
            self._loaded_once = True
            self.reload()

    def reload(self) -> None:
        from kamdesk.services.agenda import agenda

        book, today, horizon = self.state.book, self.today(), int(self.horizon.currentData() or 30)
        team = not self.team.isHidden() and self.team.isChecked()
        self.model.show_owner = team
        self.heading.setText(_("今日服务日程 · {d}").format(d=today.isoformat()))
        Op(lambda: agenda(book, today=today, horizon_days=horizon, team=team), parent=self, name="agenda") \
            .success(self._arrived).failure(lambda exc: show_error(self, exc)).run()

    def _arrived(self, items: list[Any]) -> None:
        if self.state.locked:
            return
        self.model.set_items(items, self.today())
        self.heading.setText(_("今日服务日程 · {d} · 共 {n} 项").format(d=self.today().isoformat(), n=len(items)))
        self.empty.setVisible(not items)
        self.table.setVisible(bool(items))
        self._update_buttons()
        self.loaded.emit(len(items))

    def on_changes(self, changes: Changes) -> None:
        if self._loaded_once and (changes.agenda or changes.clients or changes.tasks or changes.requests
                                  or changes.visits):
            self.reload()

    def selected(self) -> Any:
        idx = self.table.currentIndex()
        return self.model.item_at(idx.row()) if idx.isValid() else None

    def _update_buttons(self) -> None:
        it = self.selected()
        for b in (self.done_button, self.snooze_button, self.dismiss_button):
            b.setEnabled(it is not None)
        self.open_button.setEnabled(it is not None and bool(it.client_id))

    def open_selected(self) -> None:
        it = self.selected()
        if it is not None and it.client_id:
            self.open_client.emit(it.client_id)

    def mark_selected(self, state: str, days: int = 1) -> Op[None] | None:
        from kamdesk.services.agenda import mark

        it = self.selected()
        if it is None:
            return None
        book, today = self.state.book, self.today()
        until = today + dt.timedelta(days=days) if state == "snoozed" else None

        def done(_r: Any) -> None:
            self.model.remove_key(it.key)
            self._update_buttons()
            self.state.notify(Changes(outbox=True))

        return Op(lambda: mark(book, it.key, state, until, client_id=it.client_id, today=today), write=True,
                  parent=self, name="agenda_mark").success(done).failure(lambda exc: show_error(self, exc)).run()
