"""The main window: a thin host for the navigation, the screens, the status bar, the idle lock
and the actions registry. Screens, actions and operations live in their own modules."""
from __future__ import annotations

import logging
from typing import Any

from kamdesk.common.i18n import _
from kamdesk.ui import settings
from kamdesk.ui.actions import Actions
from kamdesk.ui.app import nav_icon
from kamdesk.ui.idlelock import IdleWatcher
from kamdesk.ui.qt import (
    QCloseEvent,
    is_alive,
    QKeySequence,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSize,
    QSplitter,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
)
from kamdesk.ui.screens.base import Screen
from kamdesk.ui.screens.placeholder import PlaceholderScreen
from kamdesk.ui.screens.registry import ScreenSpec, specs
from kamdesk.ui.settings import WindowState
from kamdesk.ui.state import AppState
from kamdesk.ui.statusbar import StatusBar

log = logging.getLogger("kamdesk.ui")


class LockCover(QWidget):
    """Shown instead of every screen while locked: no client value stays on screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockCover")
        lay = QVBoxLayout(self)
        label = QLabel(_("工作台已锁定\n\n客户信息已隐藏。请输入口令解锁（Ctrl+L 可随时锁定）。"))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        lay.addWidget(label)


class MainWindow(QMainWindow):
    def __init__(self, state: AppState, *, idle_timeout_ms: int | None = None, ask_unlock: bool = True) -> None:
        super().__init__()
        self.state = state
        self.ask_unlock = ask_unlock  # tests drive the unlock dialog themselves
        self.setObjectName("mainWindow")
        self.setWindowTitle(_("KAMDesk 大客户经理工作台 — {name}").format(name=state.book.user.display_name))
        self.setMinimumSize(QSize(1024, 640))
        self.actions = Actions(self)
        self.specs: list[ScreenSpec] = specs()
        self.screens: dict[str, Screen] = {}
        self.client_windows: dict[str, QWidget] = {}
        self.unlock_dialog: Any = None

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setSpacing(2)
        self.nav.setIconSize(QSize(20, 20))
        f = self.nav.font()
        f.setPointSizeF(f.pointSizeF() * 1.15)
        self.nav.setFont(f)
        self.stack = QStackedWidget()
        self.stack.setObjectName("screens")
        for i, spec in enumerate(self.specs):
            text = spec.title() + (f"    Ctrl+{i + 1}" if i < 9 else "")
            item = QListWidgetItem(nav_icon(spec.key), spec.title())
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(text)
            item.setSizeHint(QSize(100, 34))
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._show_row)
        # wide enough for the longest title in the current language, beside its icon
        longest = max(self.nav.fontMetrics().horizontalAdvance(spec.title()) for spec in self.specs)
        self.nav.setFixedWidth(min(240, max(120, longest + self.nav.iconSize().width() + 48)))

        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.outer = QStackedWidget()
        self.outer.addWidget(self.splitter)
        self.cover = LockCover()
        self.outer.addWidget(self.cover)
        self.setCentralWidget(self.outer)
        self.status = StatusBar(state)
        self.setStatusBar(self.status)

        self._build_actions()

        self._restore_layout()
        start = settings.START_SCREEN.get()
        self.show_screen(start if start in {sp.key for sp in self.specs} else "clients")
        # last: its filter sees every event of the application, and each call into Python waits for the
        # GIL while the first screen's query runs on a worker (~1,400 events while building the window)
        minutes = IdleWatcher.minutes_from_policy(state.policy)
        self.idle = IdleWatcher(idle_timeout_ms if idle_timeout_ms is not None else int(minutes * 60_000), self.lock,
                                self)
        state.lock_changed.connect(self._lock_changed)

    # -- navigation --------------------------------------------------------------------------
    def show_screen(self, key: str) -> None:
        for row, spec in enumerate(self.specs):
            if spec.key == key:
                self.nav.setCurrentRow(row)
                self._show_row(row)
                return

    def screen(self, key: str) -> Screen:
        """The screen for `key`, built on first use (start-up builds only the first one shown)."""
        screen = self.screens.get(key)
        if screen is None:
            spec = next(s for s in self.specs if s.key == key)
            screen = spec.factory(self.state) if spec.factory else None
            if screen is None:
                screen = PlaceholderScreen(self.state, spec.key, spec.title(), spec.planned())
            if hasattr(screen, "open_client"):
                screen.open_client.connect(self.open_client)
            self.screens[key] = screen
            self.stack.addWidget(screen)
        return screen

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self.specs):
            return
        screen = self.screen(self.specs[row].key)
        self.stack.setCurrentWidget(screen)
        screen.activate()

    def current_screen(self) -> Screen:
        return self.stack.currentWidget()  # type: ignore[return-value]

    def _build_actions(self) -> None:
        a = self.actions
        a.bind("search", self.focus_search)
        a.bind("lock", self.lock)
        a.bind("refresh", lambda: self.current_screen().reload())
        a.bind("quit", self.close)
        a.bind("about", self.about)
        a.bind("preferences", self.preferences)
        a.bind("lang_zh", lambda: self.set_language("zh_CN"))
        a.bind("lang_en", lambda: self.set_language("en"))
        for act in a.all():
            self.addAction(act)
        menu = self.menuBar()
        file_menu = menu.addMenu(_("文件"))
        file_menu.addAction(a["preferences"])
        file_menu.addAction(a["lock"])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        view_menu = menu.addMenu(_("视图"))
        for i, spec in enumerate(self.specs):
            act = view_menu.addAction(spec.title())
            if i < 9:
                act.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            elif i == 9:
                act.setShortcut(QKeySequence("Ctrl+0"))
            act.triggered.connect(lambda _c=False, k=spec.key: self.show_screen(k))
        view_menu.addSeparator()
        view_menu.addAction(a["refresh"])
        view_menu.addAction(a["search"])
        lang = view_menu.addMenu(_("界面语言"))
        lang.addAction(a["lang_zh"])
        lang.addAction(a["lang_en"])
        help_menu = menu.addMenu(_("帮助"))
        help_menu.addAction(a["about"])

    def focus_search(self) -> None:
        if not self.current_screen().focus_search():
            self.show_screen("clients")
            self.current_screen().focus_search()

    # -- client windows ----------------------------------------------------------------------
    def open_client(self, client_id: str) -> QWidget:
        from kamdesk.ui.client360 import Client360Window

        win = self.client_windows.get(client_id)
        if win is None:
            win = Client360Window(self.state, client_id)
            win.destroyed.connect(lambda *_a, cid=client_id: self.client_windows.pop(cid, None))
            self.client_windows[client_id] = win
        win.show()
        win.raise_()
        win.activateWindow()
        return win

    # -- locking -----------------------------------------------------------------------------
    def lock(self) -> None:
        if self.state.locked:
            return
        self.state.set_locked(True)

    def _lock_changed(self, locked: bool) -> None:
        if not is_alive(self):
            return
        if locked:
            self.idle.pause()
            self.outer.setCurrentWidget(self.cover)
            for w in list(self.client_windows.values()):
                w.close()  # a 360 window holds client values: close it
            self._close_dialogs()
            if self.ask_unlock:
                self.ask_for_unlock()
        else:
            self.outer.setCurrentWidget(self.splitter)
            self.idle.resume()

    @staticmethod
    def _close_dialogs() -> None:
        """Every open dialog may show client values (a merge, a visit plan, a question): reject it.
        Progress dialogs stay: closing one would cancel the work it shows (a sync keeps running)."""
        from kamdesk.ui.qt import QApplication, QDialog, QProgressDialog

        for w in QApplication.topLevelWidgets():
            if isinstance(w, QDialog) and not isinstance(w, QProgressDialog) and w.isVisible() and is_alive(w):
                w.reject()

    def ask_for_unlock(self) -> Any:
        from kamdesk.ui.unlock import UnlockDialog

        dlg = UnlockDialog(self.state.book.path, self, book=self.state.book)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.accepted.connect(lambda: self.state.set_locked(False))
        dlg.rejected.connect(self.close)
        self.unlock_dialog = dlg
        dlg.open()
        return dlg

    # -- misc --------------------------------------------------------------------------------
    def preferences(self) -> QWidget:
        from kamdesk.ui.preferences import PreferencesDialog

        dlg = PreferencesDialog(self.state, self)
        dlg.accepted.connect(lambda: self.set_language(dlg.chosen_language()))
        self.preferences_dialog = dlg
        dlg.open()
        return dlg

    def about(self) -> QWidget:
        from kamdesk.ui.about import AboutDialog

        self.about_dialog = AboutDialog(self)
        self.about_dialog.open()
        return self.about_dialog

    def set_language(self, lang: str) -> "MainWindow":
        """Switch the language now: save it, then rebuild the window in the new language (the open
        book, the lock state and the layout carry over). Returns the window now in use."""
        from kamdesk.common.i18n import language
        from kamdesk.ui.app import apply_language
        from kamdesk.ui.qt import QApplication

        settings.LANGUAGE.set(lang)
        if language() == lang:
            return self
        current = self.current_screen().key
        self.save_layout()
        apply_language(QApplication.instance(), lang)
        new = MainWindow(self.state, ask_unlock=self.ask_unlock)
        new.restoreGeometry(self.saveGeometry())
        new.show_screen(current)
        new.show()
        self.state.window = new  # the app keeps the window in use reachable from its state
        self.close()
        self.deleteLater()
        return new

    def _restore_layout(self) -> None:
        geo = WindowState.load("main/geometry")
        if geo is not None:
            self.restoreGeometry(geo)
        else:
            self.resize(1366, 768)
        split = WindowState.load("main/splitter")
        if split is not None:
            self.splitter.restoreState(split)
        else:
            self.splitter.setSizes([130, 1236])

    def save_layout(self) -> None:
        WindowState.save("main/geometry", self.saveGeometry())
        WindowState.save("main/splitter", self.splitter.saveState())
        for s in self.screens.values():
            if hasattr(s, "save_state"):
                s.save_state()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_layout()
        self.idle.stop()
        for w in list(self.client_windows.values()):
            w.close()
        super().closeEvent(event)
