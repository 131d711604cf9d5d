"""In-app PDF preview: pages rasterized by pypdfium2 on a worker, shown in a scroll area with zoom.

(Qt PDF's QPdfView would do this, but QtPdf is not in our PySide6 wheels.)"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kamdesk.common.i18n import _
from kamdesk.ui.errors import show_error
from kamdesk.ui.ops import Op
from kamdesk.ui.proposals.raster import rasterize
from kamdesk.ui.qt import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPixmap,
    QProgressBar,
    QPushButton,
    QScrollArea,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
SCREEN_DPI = 96.0


class PdfPreview(QWidget):
    """`load(source)` runs `source()` (e.g. proposals.render(..., purpose="preview").pdf) and the
    rasterization off the GUI thread, with progress and cancel; `rendered(pages)` fires when shown."""

    rendered = Signal(int)
    failed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.pdf: bytes | None = None
        self.images: list[Any] = []
        self.zoom = 1.0
        self._op: Op[Any] | None = None
        self._generation = 0
        self.zoom_out = QPushButton(_("缩小"))
        self.zoom_out.setObjectName("previewZoomOut")
        self.zoom_in = QPushButton(_("放大"))
        self.zoom_in.setObjectName("previewZoomIn")
        self.zoom_label = QLabel("100%")
        self.zoom_label.setObjectName("previewZoom")
        self.zoom_label.setMinimumWidth(48)
        self.info = QLabel("")
        self.info.setObjectName("previewInfo")
        self.progress = QProgressBar()
        self.progress.setObjectName("previewProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(_("取消"))
        self.cancel_button.setObjectName("previewCancel")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.zoom_out.clicked.connect(lambda: self._step_zoom(-1))
        self.zoom_in.clicked.connect(lambda: self._step_zoom(1))
        bar = QHBoxLayout()
        bar.addWidget(self.zoom_out)
        bar.addWidget(self.zoom_label)
        bar.addWidget(self.zoom_in)
        bar.addWidget(self.info, 1)
        bar.addWidget(self.progress)
        bar.addWidget(self.cancel_button)
        self.pages = QWidget()
        self.pages.setObjectName("previewPages")
        self.pages.setStyleSheet("#previewPages { background: #7a7a7a; }")
        self._pages_layout = QVBoxLayout(self.pages)
        self._pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._pages_layout.setSpacing(12)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("previewScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.pages)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(self.scroll, 1)
        self._update_zoom_buttons()

    # -- loading ------------------------------------------------------------------------------
    def load(self, source: Callable[[], bytes]) -> Op[Any]:
        """Render (source) and rasterize on a worker; show the pages when done."""
        return self._start(source, _("正在生成预览…"))

    def set_pdf(self, pdf: bytes) -> Op[Any]:
        return self._start(lambda: pdf, _("正在排版页面…"))

    def _start(self, source: Callable[[], bytes], text: str) -> Op[Any]:
        self.cancel()
        self._generation += 1
        gen = self._generation
        dpi = SCREEN_DPI * self.zoom * max(1.0, self.devicePixelRatioF())

        def work(job: Any) -> tuple[bytes, list[Any]]:
            pdf = source()
            job.check()
            return pdf, rasterize(pdf, dpi=dpi, job=job)

        self.info.setText(text)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        op: Op[Any] = Op(work, job=True, parent=self, name="proposal_preview")
        op.on_progress(lambda done, total, _t: self._progressed(gen, done, total))
        op.success(lambda res: self._arrived(gen, res)).failure(lambda exc: self._failed(gen, exc))
        self._op = op
        return op.run()

    def cancel(self) -> None:
        if self._op is not None and not self._op.done:
            self._op.cancel()
            self._generation += 1
            self.info.setText(_("已取消预览"))
        self._op = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)

    def _progressed(self, gen: int, done: int, total: int | None) -> None:
        if gen == self._generation and total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.info.setText(_("正在排版第 {i} / {n} 页…").format(i=min(done + 1, total), n=total))

    def _arrived(self, gen: int, result: tuple[bytes, list[Any]]) -> None:
        if gen != self._generation:
            return
        self._op = None
        self.pdf, self.images = result
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self._show_images()
        self.info.setText(_("共 {n} 页").format(n=len(self.images)))
        self.rendered.emit(len(self.images))

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen != self._generation:
            return
        self._op = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.info.setText(_("预览失败"))
        self.failed.emit(exc)
        show_error(self, exc)

    def clear(self) -> None:
        self.cancel()
        self.pdf, self.images = None, []
        self._show_images()
        self.info.setText("")

    def _show_images(self) -> None:
        while self._pages_layout.count():
            item = self._pages_layout.takeAt(0)
            w = item.widget()
            if w is not None:
                w.deleteLater()
        ratio = max(1.0, self.devicePixelRatioF())
        for i, img in enumerate(self.images):
            label = QLabel()
            label.setObjectName(f"previewPage{i + 1}")
            pix = QPixmap.fromImage(img)
            pix.setDevicePixelRatio(ratio)
            label.setPixmap(pix)
            label.setFixedSize(round(img.width() / ratio) + 2, round(img.height() / ratio) + 2)  # + the frame
            label.setFrameShape(QFrame.Shape.Box)
            label.setAccessibleName(_("第 {i} 页").format(i=i + 1))
            self._pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)

    def page_labels(self) -> list[QLabel]:
        return [self._pages_layout.itemAt(i).widget() for i in range(self._pages_layout.count())]

    # -- zoom ---------------------------------------------------------------------------------
    def set_zoom(self, zoom: float) -> Op[Any] | None:
        self.zoom = zoom
        self._update_zoom_buttons()
        if self.pdf is not None:
            return self.set_pdf(self.pdf)
        return None

    def _step_zoom(self, step: int) -> None:
        i = min(range(len(ZOOMS)), key=lambda k: abs(ZOOMS[k] - self.zoom))
        j = max(0, min(len(ZOOMS) - 1, i + step))
        if j != i:
            self.set_zoom(ZOOMS[j])

    def _update_zoom_buttons(self) -> None:
        self.zoom_label.setText(f"{round(self.zoom * 100)}%")
        self.zoom_out.setEnabled(self.zoom > ZOOMS[0])
        self.zoom_in.setEnabled(self.zoom < ZOOMS[-1])
