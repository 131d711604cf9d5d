"""Print a proposal through the system print dialog, or save it as PDF.

Both render with `proposals.render(purpose="print"|"export")`, so every paper copy and every file
is audited with the PDF's SHA-256. Only the dialogs run on the GUI thread: rendering, rasterizing
at the printer's resolution (pypdfium2, capped at 300 dpi) and painting onto the QPrinter run on a
worker, page by page, with progress and cancel (see `paint_pages` for why not the GUI thread).
The dialogs are injectable (`OutputDialogs`) so tests print to a PDF-format QPrinter without UI.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kamdesk.common.i18n import _
from kamdesk.ui.changes import Changes
from kamdesk.ui.errors import show_error
from kamdesk.common.errors import KamdeskError
from kamdesk.ui.ops import Cancelled, Op
from kamdesk.ui.proposals.raster import MAX_DPI, iter_pages
from kamdesk.ui.qt import QDialog, QFileDialog, QPainter, QRectF, QWidget, print_support
from kamdesk.ui.state import AppState


BANDS = 48  # strips per printed page (see paint_pages)


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


def paint_pages(printer: Any, images: Iterable[Any], job: Any = None) -> int:
    """Paint page images onto `printer`, each scaled to fit the paper, centred. Runs on the worker:
    Qt supports QPainter on a QPrinter outside the GUI thread, and painting is the slow part
    (measured ~0.6 s per 300 dpi A4 page: the print engine compresses the image), so doing it on
    the GUI thread page by page would stall the window for that long each page. PySide6 holds the
    GIL inside one drawImage call, so a page is drawn in `BANDS` horizontal bands: measured, the
    longest pause of other Python threads drops from ~580 ms to ~25 ms."""
    printer.setFullPage(True)  # the PDF page carries its own margins
    painter = QPainter()
    if not painter.begin(printer):
        raise KamdeskError(_("无法连接打印机"))
    count = 0
    try:
        for img in images:
            if job is not None and job.cancelled:
                printer.abort()
                raise Cancelled()
            if count:
                printer.newPage()
            area = painter.viewport()
            scale = min(area.width() / img.width(), area.height() / img.height())
            w, h = img.width() * scale, img.height() * scale
            x0, y0 = area.x() + (area.width() - w) / 2, area.y() + (area.height() - h) / 2
            band = max(1, -(-img.height() // BANDS))
            for y in range(0, img.height(), band):  # in bands: each call holds the GIL only briefly
                rows = min(band, img.height() - y)
                painter.drawImage(QRectF(x0, y0 + y * scale, w, rows * scale), img, QRectF(0, y, img.width(), rows))
            count += 1
    finally:
        if painter.isActive():
            painter.end()
    return count


def print_proposal(state: AppState, proposal_id: str, parent: QWidget | None = None, *,
                   dialogs: OutputDialogs | None = None, on_done: Callable[[Any], Any] | None = None) -> Op[Any] | None:
    """Ask for a printer, then render (audited), rasterize and print. `on_done(RenderResult)`."""
    from kamdesk.services import proposals

    printer = (dialogs or DIALOGS).choose_printer(parent)
    if printer is None:
        return None
    dpi = min(printer.resolution(), MAX_DPI)
    book = state.book

    def work(job: Any) -> Any:
        result = proposals.render(book, proposal_id, purpose="print")
        job.check()
        paint_pages(printer, iter_pages(result.pdf, dpi=dpi, job=job, copy=False), job)
        return result

    def printed(result: Any) -> None:
        state.notify(Changes(proposals=True, audit=True, outbox=True))
        if on_done is not None:
            on_done(result)

    return Op(work, write=True, job=True, parent=parent, name="proposal_print").with_progress(
        _("正在打印…")).success(printed).failure(lambda exc: show_error(parent, exc)).run()


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
