"""The desktop application: `run_app(file)` sets up logging, fonts and language once, unlocks
(or creates, on first run) the client file and shows the main window."""
from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs

from kamdesk import __version__
from kamdesk.common.i18n import set_language
from kamdesk.ui import settings
from kamdesk.ui.qt import QApplication, QFont, QFontDatabase, QIcon, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger("kamdesk.ui")
CJK_FAMILY = "WenQuanYi Micro Hei"
_logging_ready = False
_translators: list[QTranslator] = []


def data_dir() -> Path:
    return Path(os.environ.get("KAMDESK_HOME") or platformdirs.user_data_dir("kamdesk", "KAMDesk"))


def default_book_path() -> Path:
    return data_dir() / "demo.kdb"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files only the user can read (tracebacks may name records)."""

    def _open(self):  # noqa: ANN202
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(self.baseFilename, 0o600)
        return os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)


def setup_logging() -> Path:
    """A rotating log file, set up once per process. No C2 value or secret is ever logged."""
    global _logging_ready
    folder = Path(os.environ.get("KAMDESK_LOG_DIR") or platformdirs.user_log_dir("kamdesk", "KAMDesk"))
    path = folder / "kamdesk.log"
    if _logging_ready:
        return path
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    handler = PrivateRotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("kamdesk")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _logging_ready = True
    return path


def ensure_cjk_font(app: QApplication) -> str:
    """Use WenQuanYi Micro Hei: the system's when installed, else the bundled copy, so Chinese
    renders on machines without a CJK font. Returns the family in use."""
    families = set(QFontDatabase.families())
    if CJK_FAMILY not in families:
        font_file = resources.files("kamdesk.resources").joinpath("fonts", "wqy-microhei.ttc")
        with resources.as_file(font_file) as p:
            fid = QFontDatabase.addApplicationFont(str(p))
        if fid < 0:
            log.warning("the bundled CJK font could not be loaded; Chinese text may not render")
            return app.font().family()
    font = QFont(CJK_FAMILY, 10)
    app.setFont(font)
    return CJK_FAMILY


def apply_language(app: QApplication | None, lang: str | None = None) -> str:
    """Chinese by default; English from the preferences. Core strings use `_()` catalogues;
    Qt's own (standard buttons, context menus) use Qt's bundled translations."""
    lang = lang or settings.LANGUAGE.get() or "zh_CN"
    set_language(lang)
    if app is not None:
        for t in _translators:
            app.removeTranslator(t)
        _translators.clear()
        if lang.startswith("zh"):
            qt_tr = QTranslator()
            if qt_tr.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                          QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                app.installTranslator(qt_tr)
                _translators.append(qt_tr)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if lang.startswith("zh")
                           else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return lang


# Every call from Qt into Python (a model's data(), a slot) takes the GIL. While a worker runs
# Python, each such take can wait a whole switch interval (5 ms by default), and a repaint makes
# thousands of them. 1 ms keeps the event loop fluid while services work in the background
# (measured: worst stall 21 ms -> 5 ms with a client-360 load running on a worker).
GIL_SWITCH_INTERVAL = 0.001


def make_app(argv: list[str] | None = None) -> QApplication:
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("KAMDesk")
    app.setOrganizationName("KAMDesk")
    app.setApplicationVersion(__version__)
    ensure_cjk_font(app)
    apply_language(app)
    app.setWindowIcon(app_icon())
    return app  # type: ignore[return-value]


def svg_icon(*path: str) -> QIcon:
    """An icon from `kamdesk/resources/icons` (SVG: drawn sharp at any size and device pixel ratio)."""
    icon_file = resources.files("kamdesk.resources").joinpath("icons", *path)
    with resources.as_file(icon_file) as p:
        return QIcon(str(p))


def app_icon() -> QIcon:
    """The application icon."""
    return svg_icon("kamdesk.svg")


def nav_icon(screen_key: str) -> QIcon:
    """The navigation icon of a screen (`icons/nav/<key>.svg`)."""
    return svg_icon("nav", f"{screen_key}.svg")


SERVICE_MODULES = ("kamdesk.services.book", "kamdesk.services.clients", "kamdesk.services.search",
                   "kamdesk.services.client360", "kamdesk.services.agenda", "kamdesk.services.status",
                   "kamdesk.services.dto", "kamdesk.services.requests", "kamdesk.ui.screens.requests",
                   "kamdesk.services.pipeline", "kamdesk.ui.screens.pipeline", "kamdesk.ui.mainwindow",
                   "kamdesk.ui.screens.clients",
                   "kamdesk.ui.screens.today", "kamdesk.ui.client360", "kamdesk.ui.editclient",
                   "kamdesk.sync.engine", "kamdesk.ui.screens.sync",
                   "kamdesk.services.grading", "kamdesk.services.dashboard", "kamdesk.ui.screens.dashboard",
                   "kamdesk.services.visits", "kamdesk.services.tasks", "kamdesk.ui.screens.visits",
                   "kamdesk.ui.screens.tasks",
                   # imported when a client 360 tab is first shown (proposals: ~40-100 ms with the
                   # PDF preview's pypdfium2), so on the GUI thread unless done here
                   "kamdesk.services.history", "kamdesk.services.proposals", "kamdesk.ui.screens.proposals",
                   "kamdesk.services.products", "kamdesk.ui.screens.products", "kamdesk.ui.visits.plan",
                   "kamdesk.services.password", "kamdesk.ui.password")


def preload() -> float:
    """Import the services and screens before any window is shown. Some imports are slow and hold
    the GIL in C (pypinyin decodes a 0.5 s JSON dictionary): done on a worker or later, they would
    freeze the event loop; done here, they only delay the first window. Returns seconds spent."""
    import importlib
    import time

    start = time.perf_counter()
    for name in SERVICE_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:  # a service not in this build: its screen shows a placeholder
            log.info("module %s not available", name)
    from kamdesk.ui.qt import QApplication, QImage, QPainter, charts

    charts()
    if QApplication.instance() is not None:  # load the CJK font's glyphs before the first paint
        img = QImage(400, 40, QImage.Format.Format_ARGB32)
        p = QPainter(img)
        sample = "客户今日拜访任务商机服务请求方案产品仪表盘同步名称行业层级生命周期经理城市资产风险信用代码联系有限公司集团上海北京"
        for scale, bold in ((1.0, False), (1.15, False), (1.2, True), (1.5, True)):  # the sizes screens use
            f = QApplication.font()
            f.setPointSizeF(f.pointSizeF() * scale)
            f.setBold(bold)
            p.setFont(f)
            p.drawText(0, 30, sample)
        p.end()
    return time.perf_counter() - start


def freeze_heap() -> None:
    """Move every object alive now out of the garbage collector's reach: after preload (modules, the
    pinyin dictionary: ~360,000 objects) and once the book and main window are up. A full collection
    over them takes 50-200 ms here and holds the GIL on whichever thread triggers it, a stall of the
    event loop at a random moment; frozen, collections walk only the objects made since. (Cyclic
    garbage among frozen objects is never freed: call it only for what lives as long as the app.)"""
    import gc

    gc.freeze()


def obtain_book(path: Path) -> Any:
    """Unlock the file, or on first run offer the demo book / a server; None when cancelled."""
    from kamdesk.ui.firstrun import FirstRunDialog
    from kamdesk.ui.unlock import UnlockDialog

    dlg: Any = UnlockDialog(path) if path.exists() else FirstRunDialog(path)
    if dlg.exec() and dlg.book is not None:
        return dlg.book
    return None


def run_app(file: str | None = None) -> int:
    setup_logging()
    app = make_app()
    path = Path(file) if file else Path(settings.LAST_FILE.get() or default_book_path())
    if not path.exists() and file is None:
        path = default_book_path()
    log.info("KAMDesk %s starting", __version__)
    preload()
    freeze_heap()
    book = obtain_book(path)
    if book is None:
        return 0
    settings.LAST_FILE.set(str(path))
    from kamdesk.ui.mainwindow import MainWindow
    from kamdesk.ui.state import AppState

    state = AppState(book)
    state.window = MainWindow(state)
    state.window.show()
    freeze_heap()  # the book and the window live as long as the app
    try:
        return app.exec()
    finally:
        from kamdesk.ui.ops import runner

        runner().wait_for_done(10000)
        book.close()
