"""PDF pages to QImages with pypdfium2 (Qt PDF is not in our PySide6 wheels).

Runs on a worker thread: QImage (unlike QPixmap) may be built off the GUI thread.
"""
from __future__ import annotations

from collections.abc import Iterator
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


def iter_pages(pdf: bytes, *, dpi: float = 96.0, job: Any = None, copy: bool = True) -> Iterator[QImage]:
    """Render each page at `dpi` into a QImage, one at a time (a 300 dpi A4 page is ~35 MB:
    printing never holds them all). `job` (ops.Job) gets progress per page and may cancel between pages.

    With `copy=False` each image is a view of pdfium's bitmap, valid only until the next page is
    requested (printing paints it and moves on). That matters on a worker thread: pdfium renders
    without holding the GIL, but a 35 MB copy inside PySide holds it (measured 40–90 ms of frozen
    GUI per page on a busy machine). The bitmap is allocated by pdfium (`new_foreign`), not zeroed
    by Python under the GIL as `new_native` does."""
    scale = max(0.1, min(float(dpi), MAX_DPI)) / POINTS_PER_INCH
    dpm = round(scale * POINTS_PER_INCH / 0.0254)
    doc = pdfium.PdfDocument(pdf)
    try:
        n = len(doc)
        for i in range(n):
            if job is not None:
                job.progress(i, n)
            page = doc[i]
            try:
                bm = page.render(scale=scale, rev_byteorder=True, force_bitmap_format=pdfium.raw.FPDFBitmap_BGRA,
                                 bitmap_maker=pdfium.PdfBitmap.new_foreign)
            finally:
                page.close()
            img = QImage(memoryview(bm.buffer).cast("B"), bm.width, bm.height, bm.stride,
                         QImage.Format.Format_RGBA8888)
            if copy:
                img = img.copy()
            img.setDotsPerMeterX(dpm)
            img.setDotsPerMeterY(dpm)
            yield img
            img = None  # noqa: F841 - drop the view before pdfium frees its memory
            del bm  # pdfium frees the bitmap (its finalizer)
        if job is not None:
            job.progress(n, n)
    finally:
        doc.close()


def rasterize(pdf: bytes, *, dpi: float = 96.0, job: Any = None) -> list[QImage]:
    """Every page as a QImage (the preview)."""
    return list(iter_pages(pdf, dpi=dpi, job=job))
