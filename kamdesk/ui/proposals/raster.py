"""PDF pages to QImages with pypdfium2 (Qt PDF is not in our PySide6 wheels).

Runs on a worker thread: QImage (unlike QPixmap) may be built off the GUI thread.
"""
from __future__ import annotations

from typing import Any

import pypdfium2 as pdfium

from kamdesk.ui.qt import QImage

POINTS_PER_INCH = 72.0
MAX_DPI = 300  # printing: enough for text and charts; 1200 dpi would be ~550 MB per A4 page


def page_count(pdf: bytes) -> int:
    doc = pdfium.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def rasterize(pdf: bytes, *, dpi: float = 96.0, job: Any = None, first: int = 0, last: int | None = None) -> list[QImage]:
    """Render pages [first, last) at `dpi` into independent QImages. `job` (ops.Job) gets progress
    per page and may cancel between pages."""
    scale = max(0.1, min(float(dpi), MAX_DPI)) / POINTS_PER_INCH
    doc = pdfium.PdfDocument(pdf)
    try:
        n = len(doc)
        end = n if last is None else min(last, n)
        out: list[QImage] = []
        for i in range(first, end):
            if job is not None:
                job.progress(i - first, end - first)
            page = doc[i]
            try:
                bm = page.render(scale=scale, rev_byteorder=True, force_bitmap_format=pdfium.raw.FPDFBitmap_BGRA)
                data = bytes(bm.buffer)
                img = QImage(data, bm.width, bm.height, bm.stride, QImage.Format.Format_RGBA8888).copy()
                img.setDotsPerMeterX(round(dpi / 0.0254))
                img.setDotsPerMeterY(round(dpi / 0.0254))
                bm.close()
            finally:
                page.close()
            out.append(img)
        if job is not None:
            job.progress(end - first, end - first)
        return out
    finally:
        doc.close()
