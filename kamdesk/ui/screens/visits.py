"""拜访 Visits: upcoming and past visits in a table, a preview of the selected one, "计划拜访",
and the visit workspace (notes with autosave, questionnaire, finish)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from kamdesk.common.i18n import _
from kamdesk.ui import labels
from kamdesk.ui.changes import Changes
from kamdesk.ui.ops import Op
from kamdesk.ui.qt import (
    QBrush,
    QColor,
    QComboBox,
    QFont,
    QHBoxLayout,
    QLabel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kamdesk.ui.screens.base import Screen, row_table_view, with_side_pane
from kamdesk.ui.screens.table_model import RowTableModel
from kamdesk.ui.state import AppState
from kamdesk.ui.visits.notes import DEFAULT_AUTOSAVE_MS

FILTERS = (("upcoming", lambda: _("计划中")), ("past", lambda: _("已结束")), ("all", lambda: _("全部")))


class VisitModel(RowTableModel):
    """Visit rows (frozen VisitInfo values); planned visits whose time has passed are marked."""

    _ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
                        Qt.ItemDataRole.FontRole, Qt.ItemDataRole.UserRole})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.now = dt.datetime.now()
        self._cache: dict[int, tuple[list[str], Any, Any]] = {}
        self._grey, self._red = QBrush(QColor("#9e9e9e")), QBrush(QColor("#c62828"))
        self._bold = QFont()
        self._bold.setBold(True)
        self._cols = [
            (lambda: _("时间"), lambda r: labels.date(r.planned_at)),
            (lambda: _("客户", "column"), lambda r: r.client_name),
            (lambda: _("方式"), lambda r: _kind(r.kind)),
            (lambda: _("地点"), lambda r: r.place),
            (lambda: _("参加人员"), lambda r: "、".join(r.attendees)),
            (lambda: _("议程"), lambda r: r.agenda.replace("\n", " ")),
            (lambda: _("状态"), lambda r: self.status_text(r)),
        ]

    def set_rows(self, rows: list[Any], now: dt.datetime | None = None) -> None:
        self.now = now or dt.datetime.now()
        super().set_rows(rows)

    def _rows_changed(self) -> None:
        self._cache.clear()

    def status_text(self, r: Any) -> str:
        from kamdesk.services.visits import status_label

        if r.status == "planned" and r.ends_at < self.now:
            return _("待记录")
        return status_label(r.status)

    def _cell_style(self, row: int) -> tuple[list[str], Any, Any]:
        """The row's texts, foreground and font, computed on first paint and cached (a view asks
        for seven roles of every visible cell on every repaint)."""
        hit = self._cache.get(row)
        if hit is None:
            r = self.rows[row]
            texts = [fn(r) for _h, fn in self._cols]
            fg = None
            if r.status == "cancelled":
                fg = self._grey
            elif r.status == "planned" and r.ends_at < self.now:
                fg = self._red
            font = self._bold if r.status == "planned" and r.planned_at.date() == self.now.date() else None
            hit = self._cache[row] = (texts, fg, font)
        return hit

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in self._ROLES:
            return None
        r = self._row(index)
        if r is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return (r.agenda or None) if index.column() == 5 else None
        texts, fg, font = self._cell_style(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return texts[index.column()]
        return fg if role == Qt.ItemDataRole.ForegroundRole else font


def _kind(code: str) -> str:
    from kamdesk.services.visits import kind_label

    return kind_label(code)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


class VisitsScreen(Screen):
    key = "visits"
    open_client = Signal(str)
    loaded = Signal(int)
    workspace_opened = Signal(object)

    def __init__(self, state: AppState, parent: QWidget | None = None, *,
                 autosave_ms: int = DEFAULT_AUTOSAVE_MS) -> None:
        super().__init__(state, parent)
        self.autosave_ms = autosave_ms
        self.model = VisitModel(self)
        self.filter = QComboBox()
        self.filter.setObjectName("visitFilter")
        for code, label in FILTERS:
            self.filter.addItem(label(), code)
        self.filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.count = QLabel("")
        self.count.setObjectName("visitCount")
        self.plan_button = QPushButton(_("计划拜访…"))
        self.plan_button.setObjectName("visitPlan")
        self.plan_button.clicked.connect(lambda: self.plan_visit())
        self.plan_button.setShortcut("Ctrl+N")
        self.plan_button.setToolTip(_("计划拜访（Ctrl+N）"))
        self.plan_button.setEnabled(state.policy.can(state.role, "visit.plan"))
        self.open_button = QPushButton(_("打开拜访工作区"))
        self.open_button.setObjectName("visitOpen")
        self.open_button.clicked.connect(lambda: self.open_selected())
        self.client_button = QPushButton(_("打开客户"))
        self.client_button.clicked.connect(self._open_client)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("显示")))
        top.addWidget(self.filter)
        top.addWidget(self.count, 1)
        top.addWidget(self.client_button)
        top.addWidget(self.open_button)
        top.addWidget(self.plan_button)
        # the agenda (column 5) takes what is left
        self.table = row_table_view("visitTable", self.model, (125, 190, 130, 130, 100, 120, 70), stretch=5,
                                    empty=_("没有符合条件的拜访。点击「计划拜访」安排一次拜访。"))
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._preview(cur.row()))
        split, self.preview = with_side_pane(self.table, "visitPreview", min_width=260, main_width=900)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 4)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        self.workspaces: dict[str, Any] = {}
        self.plan_dialog: Any = None
        self._update_buttons()

    # -- loading -----------------------------------------------------------------------------
    def reload(self) -> Op[Any]:
        from kamdesk.services.visits import list_visits

        book, which = self.state.book, self.filter.currentData()

        def load() -> list[Any]:
            if which == "upcoming":
                return list_visits(book, status="planned")
            if which == "past":
                return list_visits(book, status=("done", "cancelled"), descending=True, limit=500)
            return list_visits(book, descending=True, limit=1000)

        return Op(load, parent=self, name="visits_list").success(self._show).failure(
            lambda exc: self._failed(exc)).run()

    def _failed(self, exc: BaseException) -> None:
        from kamdesk.ui.errors import error_text

        self.model.set_rows([])
        self.count.setText(error_text(exc))
        self.loaded.emit(0)

    def clear(self) -> None:
        self.model.set_rows([])
        self.preview.clear()

    def _show(self, rows: list[Any]) -> None:
        if self.state.locked:
            return
        keep = self.selected()
        self.model.set_rows(rows)
        overdue = sum(1 for r in rows if r.status == "planned" and r.ends_at < self.model.now)
        text = _("共 {n} 次拜访").format(n=len(rows))
        if overdue:
            text += _("，{k} 次已过时间待记录").format(k=overdue)
        self.count.setText(text)
        if keep is not None and not self.select(keep.id) or keep is None:
            if rows:
                self.table.selectRow(0)
            else:
                self._preview(-1)
        self._update_buttons()
        self.loaded.emit(len(rows))

    def selected(self) -> Any:
        idx = self.table.currentIndex()
        return self.model.row_at(idx.row()) if idx.isValid() else None

    def select(self, visit_id: str) -> bool:
        for i, r in enumerate(self.model.rows):
            if r.id == visit_id:
                self.table.selectRow(i)
                return True
        return False

    def _preview(self, row: int) -> None:
        from kamdesk.services.visits import status_label

        r = self.model.row_at(row)
        self._update_buttons()
        if r is None:
            self.preview.setHtml(_("<p style='color:gray'>没有拜访记录。点击“计划拜访…”安排一次拜访。</p>"))
            return
        parts = [f"<h3>{_esc(r.client_name)}</h3>",
                 _("<p>{kind} · {t}（{m} 分钟）<br>地点：{p}<br>参加人员：{a}<br>状态：{s}</p>").format(
                     kind=_kind(r.kind), t=labels.date(r.planned_at), m=r.duration_minutes,
                     p=_esc(r.place or "—"), a=_esc("、".join(r.attendees) or "—"), s=status_label(r.status))]
        if r.agenda:
            parts.append(_("<p><b>议程</b><br>{a}</p>").format(a=_esc(r.agenda)))
        if r.outcome:
            parts.append(_("<p><b>成果</b><br>{o}</p>").format(o=_esc(r.outcome)))
        if r.notes:
            notes = r.notes if len(r.notes) < 1500 else r.notes[:1500] + "…"
            parts.append(_("<p><b>纪要</b><br>{n}</p>").format(n=_esc(notes)))
        self.preview.setHtml("".join(parts))

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.open_button.setEnabled(has)
        self.client_button.setEnabled(has)

    # -- actions -----------------------------------------------------------------------------
    def plan_visit(self, client_id: str | None = None, client_name: str = "") -> Any:
        from kamdesk.ui.visits.plan import PlanVisitDialog

        dlg = PlanVisitDialog(self.state, self, client_id=client_id, client_name=client_name)
        dlg.planned.connect(lambda v: self._planned(v))
        self.plan_dialog = dlg
        dlg.open()
        return dlg

    def _planned(self, v: Any) -> None:
        if self.filter.currentData() == "past":
            self.filter.setCurrentIndex(0)

        def pick(_n: int) -> None:
            self.loaded.disconnect(pick)
            self.select(v.id)

        self.loaded.connect(pick)

    def open_selected(self) -> Any:
        r = self.selected()
        return self.open_workspace(r.id) if r is not None else None

    def open_workspace(self, visit_id: str) -> Any:
        from kamdesk.ui.visits.workspace import VisitWorkspace

        w = self.workspaces.get(visit_id)
        if w is None:
            w = VisitWorkspace(self.state, visit_id, autosave_ms=self.autosave_ms)
            w.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            w.open_client.connect(self.open_client)
            w.destroyed.connect(lambda *_a, vid=visit_id: self.workspaces.pop(vid, None))
            self.workspaces[visit_id] = w
            w.load()
        w.show()
        w.raise_()
        w.activateWindow()
        self.workspace_opened.emit(w)
        return w

    def _open_client(self) -> None:
        r = self.selected()
        if r is not None:
            self.open_client.emit(r.client_id)

    def on_changes(self, changes: Changes) -> None:
        if self._loaded_once and (changes.visits or changes.clients) and not self.state.locked:
            self.reload()

    def save_state(self) -> None:
        for w in list(self.workspaces.values()):
            w.notes.flush()
