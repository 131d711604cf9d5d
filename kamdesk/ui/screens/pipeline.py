"""商机 Pipeline: a board by stage with drag-and-drop between stages, a "next stage" button,
per-stage and weighted totals. Moves go through `services.pipeline.move` (a lost deal asks for
its reason)."""
from __future__ import annotations

from typing import Any

from kamdesk.common.i18n import _
from kamdesk.ui import labels
from kamdesk.ui.changes import Changes
from kamdesk.ui.errors import show_error
from kamdesk.ui.ops import Op
from kamdesk.ui.qt import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QKeySequence,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPushButton,
    QRect,
    QShortcut,
    QSize,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kamdesk.ui.screens.base import Screen
from kamdesk.ui.state import AppState

MIME = "application/x-kamdesk-opportunity"
STAGES = ("lead", "qualified", "proposal", "negotiation", "won", "lost")
NEXT = {"lead": "qualified", "qualified": "proposal", "proposal": "negotiation", "negotiation": "won"}


class CardDelegate(QStyledItemDelegate):
    """Cards as tall as their wrapped text at the list's current width (Qt's own estimate wraps at
    the width before the scroll bar appears and cuts the last line)."""

    PAD = 10  # the style's text margins and the focus frame, both sides

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        view = self.parent()
        width = max(60, view.viewport().width() - 2 * view.spacing() - self.PAD)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        rect = option.fontMetrics.boundingRect(QRect(0, 0, width, 100_000),
                                               int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), text)
        return QSize(width, rect.height() + self.PAD)


class StageList(QListWidget):
    """One stage's column. Dragging carries the opportunity id; dropping asks the screen to move."""

    dropped = Signal(str, str)  # opportunity id, to stage

    def __init__(self, stage: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.setObjectName(f"stage_{stage}")
        self.setDragEnabled(stage not in ("won", "lost"))
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap the cards when the column's width changes
        self.setItemDelegate(CardDelegate(self))
        self.setSpacing(3)
        self.setAlternatingRowColors(False)

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]

    def mimeData(self, items: list[QListWidgetItem]) -> QMimeData:  # noqa: N802
        md = QMimeData()
        if items:
            md.setData(MIME, items[0].data(Qt.ItemDataRole.UserRole).encode("ascii"))
        return md

    def accepts(self, md: QMimeData) -> str | None:
        if not md.hasFormat(MIME):
            return None
        opp_id = bytes(md.data(MIME).data()).decode("ascii", "replace")
        for i in range(self.count()):
            if self.item(i).data(Qt.ItemDataRole.UserRole) == opp_id:
                return None  # already in this stage
        return opp_id

    def dragEnterEvent(self, e: Any) -> None:  # noqa: N802
        if self.accepts(e.mimeData()):
            e.acceptProposedAction()
        else:
            e.ignore()

    def dragMoveEvent(self, e: Any) -> None:  # noqa: N802
        if self.accepts(e.mimeData()):
            e.acceptProposedAction()
        else:
            e.ignore()

    def dropEvent(self, e: Any) -> None:  # noqa: N802
        opp_id = self.accepts(e.mimeData())
        if opp_id:
            e.setDropAction(Qt.DropAction.CopyAction)  # the board reloads; Qt must not delete the source item
            e.accept()
            self.dropped.emit(opp_id, self.stage)
        else:
            e.ignore()


class PipelineScreen(Screen):
    key = "pipeline"
    open_client = Signal(str)
    loaded = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.board: Any = None
        self.summary = QLabel("")
        self.summary.setObjectName("pipelineSummary")
        f = self.summary.font()
        f.setPointSizeF(f.pointSizeF() * 1.2)
        f.setBold(True)
        self.summary.setFont(f)
        self.next_button = QPushButton(_("推进到下一阶段"))
        self.next_button.setObjectName("pipelineNext")
        self.next_button.clicked.connect(self.advance_selected)
        self.next_button.setToolTip("Ctrl+Right")
        sc = QShortcut(QKeySequence("Ctrl+Right"), self, self.advance_selected)
        sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.open_button = QPushButton(_("打开客户"))
        self.open_button.clicked.connect(self._open_selected)
        hint = QLabel(_("拖动卡片到其他阶段即可变更阶段；输单需填写原因。"))
        hint.setStyleSheet("color: palette(mid);")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(hint)
        top.addWidget(self.open_button)
        top.addWidget(self.next_button)
        cols = QHBoxLayout()
        cols.setSpacing(6)
        self.lists: dict[str, StageList] = {}
        self.heads: dict[str, QLabel] = {}
        for st in STAGES:
            box = QFrame()
            box.setFrameShape(QFrame.Shape.StyledPanel)
            v = QVBoxLayout(box)
            v.setContentsMargins(4, 4, 4, 4)
            head = QLabel("")
            head.setObjectName(f"head_{st}")
            head.setWordWrap(True)
            lst = StageList(st)
            lst.dropped.connect(self.move)
            lst.itemDoubleClicked.connect(lambda it: self.open_client.emit(it.data(Qt.ItemDataRole.UserRole + 1)))
            lst.currentItemChanged.connect(lambda cur, _prev, lst=lst: self._selected(lst, cur))
            v.addWidget(head)
            v.addWidget(lst, 1)
            self.lists[st] = lst
            self.heads[st] = head
            cols.addWidget(box, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 4)
        lay.addLayout(top)
        lay.addLayout(cols, 1)
        self._current: tuple[str, str, str] | None = None  # opp id, stage, client id
        self._update_buttons()

    def reload(self) -> None:
        from kamdesk.services.pipeline import board

        book = self.state.book
        Op(lambda: board(book), parent=self, name="pipeline_board").success(self._show).failure(
            lambda exc: show_error(self, exc)).run()

    def clear(self) -> None:
        for lst in self.lists.values():
            lst.clear()

    def _show(self, b: Any) -> None:
        if self.state.locked:
            return
        self.board = b
        self.summary.setText(_("在谈商机 {a} 万元 · 加权 {w} 万元").format(a=labels.wan(b.open_amount),
                                                                       w=labels.wan(b.open_weighted)))
        for st in STAGES:
            lst = self.lists[st]
            lst.clear()
            tot = b.totals.get(st)
            title = tot.label if tot else st
            if tot:
                self.heads[st].setText(_("<b>{t}</b>（{n}）<br>{a} 万元 · 加权 {w}").format(
                    t=title, n=tot.count, a=labels.wan(tot.amount), w=labels.wan(tot.weighted)))
            for o in b.columns.get(st, ()):
                it = QListWidgetItem(_("{name}\n{client}\n{a} 万元 · {p}%").format(
                    name=o.name, client=o.client_name, a=labels.wan(o.amount), p=o.probability))
                it.setData(Qt.ItemDataRole.UserRole, o.id)
                it.setData(Qt.ItemDataRole.UserRole + 1, o.client_id)
                it.setToolTip(_("客户经理：{o}\n预计成交：{d}").format(o=o.owner_name, d=labels.date(o.expected_close_on)))
                lst.addItem(it)
        self._current = None
        self._update_buttons()
        self.loaded.emit()

    def _selected(self, lst: StageList, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        for other in self.lists.values():
            if other is not lst:
                other.clearSelection()
        self._current = (item.data(Qt.ItemDataRole.UserRole), lst.stage, item.data(Qt.ItemDataRole.UserRole + 1))
        self._update_buttons()

    def _update_buttons(self) -> None:
        cur = self._current
        self.next_button.setEnabled(cur is not None and cur[1] in NEXT)
        self.open_button.setEnabled(cur is not None)

    def _open_selected(self) -> None:
        if self._current:
            self.open_client.emit(self._current[2])

    def select(self, opp_id: str) -> bool:
        for lst in self.lists.values():
            for i in range(lst.count()):
                if lst.item(i).data(Qt.ItemDataRole.UserRole) == opp_id:
                    lst.setCurrentRow(i)
                    return True
        return False

    def advance_selected(self) -> Op[Any] | None:
        if not self._current or self._current[1] not in NEXT:
            return None
        return self.move(self._current[0], NEXT[self._current[1]])

    def move(self, opp_id: str, to_stage: str, reason: str | None = None) -> Op[Any] | None:
        from kamdesk.services.pipeline import move

        if to_stage == "lost" and reason is None:
            reason, ok = QInputDialog.getText(self, _("输单原因"), _("请填写输单原因："))
            if not ok or not reason.strip():
                return None
        book = self.state.book

        def moved(_row: Any) -> None:
            self.state.notify(Changes(opportunities=True, outbox=True))

        return Op(lambda: move(book, opp_id, to_stage, reason=reason or ""), write=True, parent=self,
                  name="pipeline_move").success(moved).failure(lambda exc: show_error(self, exc)).run()

    def on_changes(self, changes: Changes) -> None:
        if self._loaded_once and (changes.opportunities or changes.clients):
            self.reload()
