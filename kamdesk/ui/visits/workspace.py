"""The visit workspace (拜访工作区): the plan at the top, the notes editor (autosaved) and the needs
questionnaire in tabs, and the actions: finish the visit, cancel it, open the client."""
from __future__ import annotations

from typing import Any

from kamdesk.common.i18n import _
from kamdesk.ui import labels
from kamdesk.ui.changes import Changes
from kamdesk.ui.errors import show_error
from kamdesk.ui.ops import Op
from kamdesk.ui.qt import (
    QCloseEvent,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kamdesk.ui.screens.base import with_side_pane
from kamdesk.ui.state import AppState
from kamdesk.ui.visits.notes import DEFAULT_AUTOSAVE_MS, NotesEditor
from kamdesk.ui.visits.questionnaire import QuestionnaireForm


class VisitWorkspace(QWidget):
    loaded = Signal(object)  # VisitInfo
    open_client = Signal(str)
    visit_finished = Signal(object)  # list[TaskInfo]

    def __init__(self, state: AppState, visit_id: str, *, autosave_ms: int = DEFAULT_AUTOSAVE_MS,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.state = state
        self.visit_id = visit_id
        self.visit: Any = None
        self.setObjectName("visitWorkspace")
        self.setWindowTitle(_("拜访工作区"))
        self.resize(1100, 700)
        self.header = QLabel(_("正在载入拜访…"))
        self.header.setObjectName("visitHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.status_label = QLabel("")
        self.status_label.setObjectName("visitStatus")
        self.notes = NotesEditor(state, visit_id, autosave_ms=autosave_ms)
        self.questionnaire: QuestionnaireForm | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("visitTabs")
        self.tabs.addTab(self.notes, _("拜访纪要"))
        self._q_holder = QWidget()
        QVBoxLayout(self._q_holder).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self._q_holder, _("大客户调研表"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.finish_button = QPushButton(_("结束拜访…"))
        self.finish_button.setObjectName("visitFinish")
        self.finish_button.clicked.connect(lambda: self.finish())
        self.cancel_button = QPushButton(_("取消拜访"))
        self.cancel_button.setObjectName("visitCancel")
        self.cancel_button.clicked.connect(lambda: self.cancel_visit())
        self.client_button = QPushButton(_("打开客户"))
        self.client_button.clicked.connect(lambda: self.visit and self.open_client.emit(self.visit.client_id))
        for b in (self.finish_button, self.cancel_button, self.client_button):
            b.setEnabled(False)
        split, self.context = with_side_pane(self.tabs, "visitContext", min_width=240, main_width=820)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        side = QVBoxLayout()
        side.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignRight)
        side.addStretch(1)
        top.addLayout(side)
        buttons = QHBoxLayout()
        buttons.addWidget(self.client_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.finish_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addLayout(buttons)
        self.finish_dialog: Any = None
        state.lock_changed.connect(self._locked)

    # -- loading -----------------------------------------------------------------------------
    def load(self) -> Op[Any]:
        book, vid = self.state.book, self.visit_id
        return Op(lambda: load_workspace(book, vid), parent=self, name="visit_get").success(self._loaded).failure(
            lambda exc: show_error(self, exc)).run()

    def _loaded(self, loaded: tuple[Any, list[Any], list[Any]]) -> None:
        v, recent, open_tasks = loaded
        self._show_context(recent, open_tasks)
        self._show(v)

    def _show_context(self, recent: list[Any], open_tasks: list[Any]) -> None:
        parts = [_("<h4>本客户待办任务</h4>")]
        if open_tasks:
            items = []
            for t in open_tasks[:8]:
                due = labels.date(t.due_on) if t.due_on else _("无期限")
                colour = " style='color:#c62828'" if t.overdue else ""
                items.append(f"<li{colour}>{_esc(t.title)}（{due}）</li>")
            parts.append("<ul>" + "".join(items) + "</ul>")
        else:
            parts.append(_("<p style='color:gray'>没有待办任务</p>"))
        parts.append(_("<h4>最近拜访</h4>"))
        if recent:
            for r in recent:
                parts.append(_("<p><b>{d}</b> {k}<br>{o}</p>").format(
                    d=r.planned_at.strftime("%Y-%m-%d"), k=_esc(r.place),
                    o=_esc(r.outcome or _("（未记录成果）")).replace("\n", "<br>")))
        else:
            parts.append(_("<p style='color:gray'>这是与该客户的第一次拜访</p>"))
        self.context.setHtml("".join(parts))

    def _show(self, v: Any) -> None:
        from kamdesk.services.visits import kind_label, status_label

        self.visit = v
        self.setWindowTitle(_("拜访工作区 — {c}").format(c=v.client_name))
        people = "、".join(v.attendees) or _("（未填写）")
        agenda = _esc(v.agenda or _("（未填写）")).replace("\n", "<br>")
        self.header.setText(_(
            "<b style='font-size:14pt'>{c}</b><br>{kind} · {start}–{end} · {place}<br>"
            "参加人员：{people}<br>议程：{agenda}").format(
            c=_esc(v.client_name), kind=kind_label(v.kind), start=labels.date(v.planned_at),
            end=v.ends_at.strftime("%H:%M"), place=_esc(v.place or _("地点未定")), people=_esc(people),
            agenda=agenda))
        self.status_label.setText(status_label(v.status))
        if not self.notes.dirty:
            self.notes.set_notes(v.notes, v.notes_saved_at)
        can_write = self.state.policy.can_write(self.state.role, "visits")
        self.notes.set_read_only(v.status == "cancelled" or not can_write)
        planned = v.status == "planned" and can_write
        self.finish_button.setEnabled(planned)
        self.cancel_button.setEnabled(planned)
        self.client_button.setEnabled(True)
        self.loaded.emit(v)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self._q_holder:
            self.show_questionnaire()

    def show_questionnaire(self) -> QuestionnaireForm | None:
        if self.visit is None:
            return None
        if self.questionnaire is None:
            self.questionnaire = QuestionnaireForm(self.state, self.visit.client_id, visit_id=self.visit_id)
            self._q_holder.layout().addWidget(self.questionnaire)
            self.questionnaire.load()
        self.tabs.setCurrentWidget(self._q_holder)
        return self.questionnaire

    # -- actions -----------------------------------------------------------------------------
    def finish(self) -> Any:
        from kamdesk.ui.visits.finish import FinishVisitDialog

        if self.visit is None or self.visit.status != "planned":
            return None
        self.notes.flush()
        dlg = FinishVisitDialog(self.state, self.visit, self.notes.text(), self)
        dlg.finished_visit.connect(self._finished)
        self.finish_dialog = dlg
        dlg.open()
        return dlg

    def _finished(self, created: list[Any]) -> None:
        self.notes.dirty = False  # the finish wrote the notes too
        self.visit_finished.emit(created)
        self.load()

    def cancel_visit(self, reason: str | None = None) -> Op[Any] | None:
        from kamdesk.services.visits import cancel

        if self.visit is None:
            return None
        if reason is None:
            reason, ok = QInputDialog.getText(self, _("取消拜访"), _("取消原因（可不填）："))
            if not ok:
                return None
        book, vid = self.state.book, self.visit_id

        def done(v: Any) -> None:
            self.state.notify(Changes(visits=True, agenda=True, outbox=True))
            self._show(v)

        return Op(lambda: cancel(book, vid, reason or ""), write=True, parent=self, name="visit_cancel").success(
            done).failure(lambda exc: show_error(self, exc)).run()

    def _locked(self, locked: bool) -> None:
        if locked:
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.notes.closing = True
        if self.notes.flush() is None:  # nothing typed is left behind
            self.state.notify(Changes(visits=True))
        super().closeEvent(event)


def load_workspace(book: Any, visit_id: str) -> tuple[Any, list[Any], list[Any]]:
    """Worker: the visit, the client's three latest finished visits and its open tasks."""
    from kamdesk.common.errors import PermissionDenied
    from kamdesk.services import tasks, visits

    v = visits.get(book, visit_id)
    recent = [r for r in visits.list_visits(book, client_id=v.client_id, status="done", descending=True, limit=4)
              if r.id != v.id][:3]
    try:
        open_tasks = tasks.list_tasks(book, client_id=v.client_id)
    except PermissionDenied:
        open_tasks = []
    return v, recent, open_tasks


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def shoot_workspace(screen: Any, visit_id: str, folder: Any, app: Any, size: tuple[int, int]) -> None:
    """Screenshots of the workspace (notes) and its questionnaire, for `kamdesk.ui.screenshots`."""
    from kamdesk.ui.screenshots import grab, settle

    ws = screen.open_workspace(visit_id)
    ws.resize(*size)
    settle(app)
    grab(ws, folder / "27-visit-workspace.png")
    ws.show_questionnaire()
    settle(app)
    grab(ws, folder / "28-visit-questionnaire.png")
    ws.close()
    settle(app)
