"""What every screen shares: the app state, a reaction to typed change events, activation."""
from __future__ import annotations

from kamdesk.ui.changes import Changes
from kamdesk.ui.qt import QTableView, QWidget, is_alive
from kamdesk.ui.state import AppState


class Screen(QWidget):
    key = ""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
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
        """Locked: drop every client value this screen shows; unlocked: load again."""

    def on_changes(self, changes: Changes) -> None:
        """Refresh only what this screen shows. Default: nothing."""

    def activate(self) -> None:
        """Called when the screen becomes visible (load lazily here)."""

    def focus_search(self) -> bool:
        return False


def fit_columns(table: QTableView, widths: tuple[int, ...] | list[int]) -> None:
    """Set column widths, never narrower than the header text (English headers are longer)."""
    header = table.horizontalHeader()
    for col, w in enumerate(widths):
        table.setColumnWidth(col, max(w, header.sectionSizeHint(col) + 12))
