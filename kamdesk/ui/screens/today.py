"""今日 Today: the service agenda (maturities, birthdays, expiries, overdue follow-ups, SLA
breaches, touchpoints due) grouped into overdue / today / this week / later, most pressing first
(the order and the groups are the agenda service's); filters by kind (with counts) and client name;
each item opens its client; done / snooze / dismiss on one or several selected items.

The view is one table of group header rows and item rows over a plain list (no widget per row;
folding a group removes its rows), so a book with tens of thousands of items stays smooth; the
filters run over the list in memory."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kamdesk.common.i18n import _
from kamdesk.ui import labels
from kamdesk.ui.changes import Changes
from kamdesk.ui.errors import show_error
from kamdesk.ui.ops import Op
from kamdesk.ui.qt import (
    QBrush,
    QButtonGroup,
    QCheckBox,
    QColor,
    QComboBox,
    QFont,
    QHBoxLayout,
    QItemSelection,
    QItemSelectionModel,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMenu,
    QModelIndex,
    QObject,
    QPushButton,
    QShortcut,
    Qt,
    QTimer,
    QToolButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kamdesk.ui.screens.base import Screen, row_table_view
from kamdesk.ui.screens.table_model import Index, RowTableModel
from kamdesk.ui.state import AppState



def kind_label(kind: str) -> str:
    return {
        "maturity": _("产品到期"), "birthday": _("生日"), "anniversary": _("成立周年"), "kyc": _("KYC 到期"),
        "risk_assessment": _("风险评估到期"), "task": _("待办任务"), "sla": _("服务时限"),
        "plan_visit": _("计划拜访"), "plan_review": _("定期回顾"), "no_contact": _("久未联系"),
    }.get(kind, kind)


def filter_label(key: str) -> str:
    """The kind filter's button texts (agenda.KIND_FILTERS keys)."""
    return {"maturity": _("到期"), "birthday": _("生日"), "kyc": _("证件"), "risk_assessment": _("风评"),
            "task": _("任务"), "sla": _("服务时限"), "plan": _("接触计划")}.get(key, key)


def group_label(group: str) -> str:
    return {"overdue": _("逾期"), "today": _("今天"), "week": _("本周（7 天内）"), "later": _("稍后")}.get(group, group)


def severity_label(sev: str) -> str:
    return {"high": _("紧急"), "medium": _("重要"), "low": _("一般")}.get(sev, sev)


SEVERITY_COLOURS = {"high": "#fde7e9", "medium": "#fff4e5"}
GROUP_COLOUR = "#eef2f7"
AMOUNT_COLUMN, OWNER_COLUMN = 5, 8


MAX_REMOVAL_RUNS = 8


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs of adjacent rows."""
    out: list[tuple[int, int]] = []
    for r in rows:
        if out and out[-1][1] == r - 1:
            out[-1] = (out[-1][0], r)
        else:
            out.append((r, r))
    return out


@dataclass(frozen=True)
class GroupRow:
    """A group's header row: its name, how many items it holds, whether they are hidden."""
    group: str
    count: int
    collapsed: bool = False


class AgendaModel(RowTableModel):
    """One table of group header rows, each followed by its items unless collapsed. The rows are
    a plain list (no widget, no per-row object beyond the service's items), and the view asks only
    for the rows it paints, so tens of thousands of items cost a list copy."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.groups: list[tuple[str, list[Any]]] = []
        self.collapsed: set[str] = set()
        self.today = dt.date.today()
        self._brushes = {k: QBrush(QColor(v)) for k, v in SEVERITY_COLOURS.items()}
        self._group_brush = QBrush(QColor(GROUP_COLOUR))
        self._bold = QFont()
        self._bold.setBold(True)
        self._cols = [
            (lambda: _("到期时间"), lambda it: self._due_text(it)),
            (lambda: _("紧急程度"), lambda it: severity_label(it.severity)),
            (lambda: _("类型"), lambda it: kind_label(it.kind)),
            (lambda: _("客户名称"), lambda it: it.client_name),
            (lambda: _("层级"), lambda it: labels.tier(it.tier)),
            (lambda: _("金额（万元）"), lambda it: "" if it.amount is None else labels.wan(it.amount)),
            (lambda: _("事项"), lambda it: it.title),
            (lambda: _("说明"), lambda it: it.detail),
        ]

    @property
    def show_owner(self) -> bool:
        return len(self._cols) == OWNER_COLUMN + 1

    @show_owner.setter
    def show_owner(self, on: bool) -> None:
        if on != self.show_owner:
            self.beginResetModel()
            if on:
                self._cols.append((lambda: _("客户经理"), lambda it: it.owner_name))
            else:
                self._cols.pop()
            self.endResetModel()

    def set_groups(self, groups: list[tuple[str, list[Any]]], today: dt.date) -> None:
        self.groups = [(g, list(items)) for g, items in groups]
        self.today = today
        self.set_rows(self._layout())

    def _layout(self) -> list[Any]:
        rows: list[Any] = []
        for g, items in self.groups:
            folded = g in self.collapsed
            rows.append(GroupRow(g, len(items), folded))
            if not folded:
                rows.extend(items)
        return rows

    def header_rows(self) -> list[int]:
        """Where the group header rows are (a handful: computed from the groups, not the rows)."""
        out, at = [], 0
        for g, items in self.groups:
            out.append(at)
            at += 1 + (0 if g in self.collapsed else len(items))
        return out

    def counts(self) -> dict[str, int]:
        return {g: len(items) for g, items in self.groups}

    def items(self) -> list[Any]:
        return [it for _g, items in self.groups for it in items]

    def is_header(self, row: int) -> bool:
        return isinstance(self.row_at(row), GroupRow)

    def toggle(self, group: str) -> None:
        """Fold or unfold a group: its item rows are removed or inserted under the header."""
        gi = next((i for i, (g, _items) in enumerate(self.groups) if g == group), -1)
        if gi < 0:
            return
        at, items = self.header_rows()[gi], self.groups[gi][1]
        folding = group not in self.collapsed
        if items:
            (self.beginRemoveRows if folding else self.beginInsertRows)(QModelIndex(), at + 1, at + len(items))
            if folding:
                del self.rows[at + 1:at + 1 + len(items)]
            else:
                self.rows[at + 1:at + 1] = items
        if items:
            (self.endRemoveRows if folding else self.endInsertRows)()
        (self.collapsed.add if folding else self.collapsed.discard)(group)
        self.rows[at] = GroupRow(group, len(items), folding)
        self._header_changed(at)

    def remove_keys(self, keys: set[str]) -> None:
        """Drop items: their rows go (a run of adjacent rows at a time; a reset past a few runs,
        each removal costs the view ~20 ms at 35,000 rows), group counts follow, an emptied group
        goes."""
        gone = [i for i, r in enumerate(self.rows) if not isinstance(r, GroupRow) and r.key in keys]
        self.groups = [(g, kept) for g, items in self.groups if (kept := [it for it in items if it.key not in keys])]
        runs = _runs(gone)
        if len(runs) > MAX_REMOVAL_RUNS:
            self.set_rows(self._layout())
            return
        for first, last in reversed(runs):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self.rows[first:last + 1]
            self.endRemoveRows()
        counts = self.counts()
        for i in range(len(self.rows) - 1, -1, -1):
            r = self.rows[i]
            if isinstance(r, GroupRow) and counts.get(r.group, 0) != r.count:
                if r.group not in counts:
                    self.beginRemoveRows(QModelIndex(), i, i)
                    del self.rows[i]
                    self.endRemoveRows()
                else:
                    self.rows[i] = GroupRow(r.group, counts[r.group], r.collapsed)
                    self._header_changed(i)

    def _header_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def _due_text(self, it: Any) -> str:
        days = (it.due - self.today).days
        if it.overdue and days >= 0:  # a deadline already passed (contact gap, SLA breached today)
            return _("已逾期")
        if days == 0:
            return _("今天")
        if days < 0:
            return _("逾期 {n} 天").format(n=-days)
        if days == 1:
            return _("明天")
        return _("{d}（{n} 天后）").format(d=it.due.strftime("%m-%d"), n=days)

    @staticmethod
    def row_key(r: Any) -> Any:
        return r.key

    def _group_data(self, r: GroupRow, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            mark = "▶" if r.collapsed else "▼"
            return f"{mark} " + _("{g} · {n} 项").format(g=group_label(r.group), n=r.count) if col == 0 else None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._group_brush
        if role == Qt.ItemDataRole.UserRole:
            return f"group:{r.group}"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self._row(index)
        if isinstance(r, GroupRow):
            return self._group_data(r, index.column(), role)
        return super().data(index, role)

    def role_data(self, it: Any, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return labels.date(it.due) if col == 0 else (it.detail or None)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._brushes.get(it.severity)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == AMOUNT_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if isinstance(self._row(index), GroupRow):
            return Qt.ItemFlag.ItemIsEnabled  # a header: not selectable, so actions apply to items only
        return super().flags(index)


class TodayScreen(Screen):
    key = "today"
    open_client = Signal(str)
    loaded = Signal(int)

    def __init__(self, state: AppState, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(state, parent)
        self._today = today
        self.all_items: list[Any] = []  # what the service gave, before the screen's filters
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
        self.team.setToolTip(_("不勾选时只显示我的客户"))
        self.team.setVisible(state.policy.can(state.role, "team.view"))
        self.team.toggled.connect(lambda _c: self.reload())
        self.search = QLineEdit()
        self.search.setObjectName("agendaSearch")
        self.search.setPlaceholderText(_("按客户名称筛选"))
        self.search.setClearButtonEnabled(True)
        self._refilter = QTimer(self)
        self._refilter.setSingleShot(True)
        self._refilter.setInterval(150)
        self._refilter.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._refilter.start())
        self.kind_buttons = self._kind_buttons()

        self.table = self._make_table()
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
        self.selection_label = QLabel("")
        self.selection_label.setObjectName("agendaSelection")
        self.empty = QLabel(_("太好了，近期没有需要处理的事项。"))
        self.empty.setObjectName("agendaEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        self._lay_out()
        for keys, fn, button in (("Return", self.activate_current, self.open_button),
                                 ("Ctrl+D", lambda: self.mark_selected("done"), self.done_button),
                                 ("Ctrl+T", lambda: self.mark_selected("snoozed", 1), self.snooze_button),
                                 ("Delete", lambda: self.mark_selected("dismissed"), self.dismiss_button)):
            sc = QShortcut(QKeySequence(keys), self.table, fn)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            button.setToolTip(QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText))
        self._update_buttons()

    def _kind_buttons(self) -> dict[str | None, QToolButton]:
        from kamdesk.services.agenda import KIND_FILTERS

        self.kind_group = QButtonGroup(self)
        self.kind_group.setExclusive(True)
        buttons: dict[str | None, QToolButton] = {}
        for key in (None, *KIND_FILTERS):
            b = QToolButton()
            b.setObjectName(f"agendaKind_{key or 'all'}")
            b.setCheckable(True)
            b.setAutoRaise(True)
            b.setChecked(key is None)
            b.toggled.connect(lambda on, _k=key: on and self.apply_filters())
            self.kind_group.addButton(b)
            buttons[key] = b
        return buttons

    def _make_table(self) -> QTableView:
        table = row_table_view("agendaTable", self.model, (130, 70, 150, 210, 72, 90, 240), multi=True,
                               alternating=False)
        table.clicked.connect(lambda idx: self.model.is_header(idx.row()) and self.toggle_group(idx.row()))
        table.doubleClicked.connect(lambda idx: not self.model.is_header(idx.row()) and self.open_selected())
        self.model.modelReset.connect(self._apply_spans)
        table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        return table

    def _apply_spans(self) -> None:
        """Each group header row spans the table (a handful of spans)."""
        self.table.clearSpans()
        for row in self.model.header_rows():
            self.table.setSpan(row, 0, 1, self.model.columnCount())

    def toggle_group(self, row: int) -> None:
        r = self.model.row_at(row)
        if isinstance(r, GroupRow):
            self.model.toggle(r.group)
            self._apply_spans()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.team)
        top.addWidget(self.horizon)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(_("类型：")))
        for b in self.kind_buttons.values():
            filters.addWidget(b)
        filters.addStretch(1)
        filters.addWidget(self.search)
        self.search.setMinimumWidth(200)
        buttons = QHBoxLayout()
        for b in (self.open_button, self.done_button, self.snooze_button, self.dismiss_button):
            buttons.addWidget(b)
        buttons.addWidget(self.selection_label, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 4)
        lay.addLayout(top)
        lay.addLayout(filters)
        lay.addLayout(buttons)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.empty)

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def clear(self) -> None:
        self.all_items = []
        self.model.set_groups([], self.today())

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
        self.all_items = list(items)
        self.apply_filters()
        self.loaded.emit(len(items))

    # -- filters -----------------------------------------------------------------------------
    def kind(self) -> str | None:
        return next((k for k, b in self.kind_buttons.items() if b.isChecked()), None)

    def set_kind(self, kind: str | None) -> None:
        self.kind_buttons[kind].setChecked(True)

    def apply_filters(self) -> None:
        """Show the items passing the kind and name filters, grouped, and refresh the counts."""
        from kamdesk.services.agenda import grouped, matches

        kind = self.kind()
        by_name = self._by_name()
        self._show_counts(by_name)
        shown = [it for it in by_name if matches(it, kind)] if kind else by_name
        self.model.set_groups(grouped(shown, self.today()), self.today())
        self.empty.setVisible(not shown)
        self.table.setVisible(bool(shown))
        self._update_buttons()

    def _by_name(self) -> list[Any]:
        """The items whose client name holds the search text (all without one)."""
        from kamdesk.services.agenda import matches

        text = self.search.text().strip()
        return [it for it in self.all_items if matches(it, None, text)] if text else self.all_items

    def _show_counts(self, items: list[Any]) -> None:
        """Counts per kind (of the items the name filter leaves) on the kind buttons; the total in
        the heading."""
        from kamdesk.services.agenda import kind_counts

        counts = kind_counts(items)
        self.kind_buttons[None].setText(_("全部 {n}").format(n=len(items)))
        for key, b in self.kind_buttons.items():
            if key is not None:
                b.setText(f"{filter_label(key)} {counts.get(key, 0)}")
        self.heading.setText(_("今日服务日程 · {d} · 共 {n} 项").format(d=self.today().isoformat(),
                                                                    n=len(self.all_items)))

    def on_changes(self, changes: Changes) -> None:
        if self._loaded_once and (changes.agenda or changes.clients or changes.tasks or changes.requests
                                  or changes.visits):
            self.reload()

    # -- selection and actions ---------------------------------------------------------------
    def selected_items(self) -> list[Any]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [r for r in map(self.model.row_at, rows) if r is not None and not isinstance(r, GroupRow)]

    def selected(self) -> Any:
        """The current item (the one the keyboard is on) if selected, else the first selected."""
        cur = self.model.row_at(self.table.currentIndex().row())
        sel = self.selected_items()
        return cur if cur is not None and cur in sel else (sel[0] if sel else None)

    def select_keys(self, keys: set[str]) -> None:
        """Select the rows of these items (what a click with Ctrl does)."""
        sel = QItemSelection()
        last = self.model.columnCount() - 1
        for i, r in enumerate(self.model.rows):
            if not isinstance(r, GroupRow) and r.key in keys:
                sel.select(self.model.index(i, 0), self.model.index(i, last))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().select(sel, flags)
        if not sel.isEmpty():
            self.table.selectionModel().setCurrentIndex(sel.indexes()[0], QItemSelectionModel.SelectionFlag.NoUpdate)

    def activate_current(self) -> None:
        """Return: folds/unfolds a group header, opens the client of an item."""
        row = self.table.currentIndex().row()
        if self.model.is_header(row):
            self.toggle_group(row)
        else:
            self.open_selected()

    def _update_buttons(self) -> None:
        sel = self.selected_items()
        for b in (self.done_button, self.snooze_button, self.dismiss_button):
            b.setEnabled(bool(sel))
        it = self.selected()
        self.open_button.setEnabled(it is not None and bool(it.client_id))
        self.selection_label.setText(_("已选 {n} 项").format(n=len(sel)) if len(sel) > 1 else "")

    def open_selected(self) -> None:
        it = self.selected()
        if it is not None and it.client_id:
            self.open_client.emit(it.client_id)

    def mark_selected(self, state: str, days: int = 1) -> Op[None] | None:
        from kamdesk.services.agenda import mark_many

        chosen = self.selected_items()
        if not chosen:
            return None
        book, today = self.state.book, self.today()
        until = today + dt.timedelta(days=days) if state == "snoozed" else None
        pairs = [(it.key, it.client_id) for it in chosen]
        return Op(lambda: mark_many(book, pairs, state, until, today=today), write=True, parent=self,
                  name="agenda_mark").success(self._marked({k for k, _c in pairs})).failure(
            lambda exc: show_error(self, exc)).run()

    def _marked(self, keys: set[str]) -> Callable[[Any], None]:
        def done(_r: Any) -> None:
            self.all_items = [it for it in self.all_items if it.key not in keys]
            self.model.remove_keys(keys)
            self._apply_spans()
            self._show_counts(self._by_name())
            self.empty.setVisible(not self.model.groups)
            self.table.setVisible(bool(self.model.groups))
            self._update_buttons()
            self.state.notify(Changes(outbox=True))

        return done
