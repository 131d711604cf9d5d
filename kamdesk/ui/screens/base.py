"""What every screen shares: the app state, a reaction to typed change events, activation."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kamdesk.ui.changes import Changes
from kamdesk.ui.qt import (QAbstractItemView, QHeaderView, QPainter, QPalette, QSplitter, Qt, QTableView, QTextBrowser,
                           QWidget, is_alive)
from kamdesk.ui.state import AppState


class Screen(QWidget):
    key = ""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._loaded_once = False
        self.setObjectName(f"screen_{self.key or type(self).__name__}")
        state.changed.connect(self._on_changes)
        state.lock_changed.connect(self._on_lock)

    # the state outlives a screen (a language switch rebuilds the window): never call into a
    # screen whose C++ side is gone
    def _on_changes(self, changes: Changes) -> None:
        if is_alive(self):
            self.on_changes(changes)

    def _on_lock(self, locked: bool) -> None:
        if is_alive(self):
            self.on_lock(locked)

    def on_lock(self, locked: bool) -> None:
        """Locked: drop every client value this screen shows; unlocked: load again (if it was)."""
        if locked:
            self.clear()
        elif self._loaded_once:
            self.reload()

    def on_changes(self, changes: Changes) -> None:
        """Refresh only what this screen shows. Default: nothing."""

    def activate(self) -> None:
        """Called when the screen becomes visible: the first time, it loads."""
        if not self._loaded_once:
            self._loaded_once = True
            self.reload()

    def reload(self) -> None:
        """Load what the screen shows, off the GUI thread."""

    def clear(self) -> None:
        """Drop every client value the screen shows (locking)."""

    def focus_search(self) -> bool:
        return False


def fit_columns(table: QTableView, widths: Sequence[int]) -> None:
    """Set column widths, never narrower than the header text (English headers are longer)."""
    header = table.horizontalHeader()
    for col, w in enumerate(widths):
        table.setColumnWidth(col, max(w, header.sectionSizeHint(col) + 12))


class RowTableView(QTableView):
    """A table that says why it is empty (`empty_text`, painted over the viewport) instead of
    showing a blank pane."""

    empty_text = ""

    def showing_empty_text(self) -> bool:
        model = self.model()
        return bool(self.empty_text) and model is not None and model.rowCount() == 0

    def paintEvent(self, event: Any) -> None:  # noqa: N802
        super().paintEvent(event)
        if self.showing_empty_text():
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect().adjusted(24, 24, -24, -24),
                             int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.empty_text)
            painter.end()


def row_table_view(name: str, model: Any, widths: Sequence[int] = (), *, multi: bool = False,
                   stretch: int | None = None, alternating: bool = True, empty: str = "") -> RowTableView:
    """A read-only table of whole rows as the screens show them: rows selected whole, no vertical
    header, no word wrap, fixed row heights (no per-row size query on big models), columns at least
    as wide as their header; the last column (or column `stretch`) takes the spare width; `empty`
    says what to do when there are no rows."""
    view = RowTableView()
    view.empty_text = empty
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                          else QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(alternating)
    view.setWordWrap(False)
    vh = view.verticalHeader()
    vh.setVisible(False)
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vh.setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    fit_columns(view, list(widths))
    return view


def with_side_pane(main: QWidget, name: str, *, min_width: int, main_width: int) -> tuple[QSplitter, QTextBrowser]:
    """`main` beside a read-only text pane on its right (a preview, the context of a visit), the
    main part taking three quarters of any extra width."""
    pane = QTextBrowser()
    pane.setObjectName(name)
    pane.setOpenLinks(False)
    pane.setMinimumWidth(min_width)
    split = QSplitter()
    split.addWidget(main)
    split.addWidget(pane)
    split.setStretchFactor(0, 3)
    split.setStretchFactor(1, 1)
    split.setSizes([main_width, 300])
    return split, pane
