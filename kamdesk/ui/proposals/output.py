"""Print a proposal through the system print dialog, or save it as PDF.

Both render with `proposals.render(purpose="print"|"export")`, so every paper copy and every file
is audited with the PDF's SHA-256. Rendering and rasterizing at the printer's resolution run on a
worker; painting onto the printer happens on the GUI thread, one page per event-loop turn.
The dialogs are injectable (`OutputDialogs`) so tests print to a PDF-format QPrinter without UI.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kamdesk.common.i18n import _
from kamdesk.ui.changes import Changes
from kamdesk.ui.errors import show_error
from kamdesk.ui.ops import Op
from kamdesk.ui.proposals.raster import MAX_DPI, rasterize
from kamdesk.ui.qt import QDialog, QFileDialog, QPainter, QRectF, QTimer, QWidget, print_support
from kamdesk.ui.state import AppState


class OutputDialogs:
    """The system dialogs; replace the methods (or pass another object) in tests."""

    def choose_printer(self, parent: QWidget | None) -> Any:
        ps = print_support()
        printer = ps.QPrinter(ps.QPrinter.PrinterMode.HighResolution)
        dlg = ps.QPrintDialog(printer, parent)
        dlg.setWindowTitle(_("打印方案"))
        return printer if dlg.exec() == QDialog.DialogCode.Accepted else None

    def choose_save_path(self, parent: QWidget | None, suggested: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(parent, _("另存为 PDF"), suggested, _("PDF 文件 (*.pdf)"))
        return path or None


DIALOGS = OutputDialogs()


def suggested_filename(info: Any) -> str:
    safe = "".join(ch for ch in f"{info.client_name}-{info.title}" if ch not in '\\/:*?"<>|').strip()
    return f"{safe[:80]}-v{info.version}.pdf"


class PagePainter:
    """Paints page images onto a printer on the GUI thread, one page per event-loop turn."""

    def __init__(self, printer: Any, images: list[Any], done: Callable[[int], Any]) -> None:
        self.printer = printer
        self.images = images
        self.done = done
        self.painter: QPainter | None = None
        self.index = 0

    def start(self) -> None:
        self.printer.setFullPage(True)  # the PDF page carries its own margins
        self.painter = QPainter()
        if not self.painter.begin(self.printer):
            from kamdesk.common.errors import KamdeskError

            raise KamdeskError(_("无法连接打印机"))
        QTimer.singleShot(0, self._next)

    def _next(self) -> None:
        assert self.painter is not None
        if self.index >= len(self.images):
            self.painter.end()
            self.done(len(self.images))
            return
        if self.index > 0:
            self.printer.newPage()
        img = self.images[self.index]
        area = self.painter.viewport()
        scale = min(area.width() / img.width(), area.height() / img.height())
        w, h = img.width() * scale, img.height() * scale
        target = QRectF(area.x() + (area.width() - w) / 2, area.y() + (area.height() - h) / 2, w, h)
        self.painter.drawImage(target, img)
        self.index += 1
        QTimer.singleShot(0, self._next)


def print_proposal(state: AppState, proposal_id: str, parent: QWidget | None = None, *,
                   dialogs: OutputDialogs | None = None, on_done: Callable[[Any], Any] | None = None) -> Op[Any] | None:
    """Ask for a printer, then render (audited), rasterize and print. `on_done(RenderResult)`."""
    from kamdesk.services import proposals

    printer = (dialogs or DIALOGS).choose_printer(parent)
    if printer is None:
        return None
    dpi = min(printer.resolution(), MAX_DPI)
    book = state.book

    def work(job: Any) -> tuple[Any, list[Any]]:
        result = proposals.render(book, proposal_id, purpose="print")
        job.check()
        return result, rasterize(result.pdf, dpi=dpi, job=job)

    def paint(res: tuple[Any, list[Any]]) -> None:
        result, images = res
        state.notify(Changes(proposals=True, audit=True, outbox=True))

        def finished(_pages: int) -> None:
            if on_done is not None:
                on_done(result)

        PagePainter(printer, images, finished).start()

    return Op(work, write=True, job=True, parent=parent, name="proposal_print").with_progress(
        _("正在准备打印…")).success(paint).failure(lambda exc: show_error(parent, exc)).run()


def save_proposal_pdf(state: AppState, info: Any, parent: QWidget | None = None, *,
                      dialogs: OutputDialogs | None = None, on_done: Callable[[Any], Any] | None = None) -> Op[Any] | None:
    """Ask for a file name, then write exactly the rendered bytes (audited as an export)."""
    from kamdesk.services import proposals

    path = (dialogs or DIALOGS).choose_save_path(parent, suggested_filename(info))
    if not path:
        return None
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    book, pid = state.book, info.id

    def saved(result: Any) -> None:
        state.notify(Changes(proposals=True, audit=True, outbox=True))
        if on_done is not None:
            on_done(result)

    return Op(lambda _job: proposals.render(book, pid, purpose="export", out=Path(path)), write=True, parent=parent,
              name="proposal_export").with_progress(_("正在导出 PDF…")).success(saved).failure(
        lambda exc: show_error(parent, exc)).run()
