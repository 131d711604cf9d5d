"""What every page carries besides its content: header, footer with "第 x 页 / 共 y 页",
and the diagonal watermark.

`ProposalCanvas` holds each finished page back until the document is complete, so the
footer knows the page count in a single layout pass. Bookmarks made while a page is held
are also held and set when the page is written; otherwise they would all point at page 1.

The diagonal watermark is drawn as glyph outlines (see `outlines.py`) once per document in
a form XObject that every page shows; its words are also printed, horizontally and small,
in the footer, so `pdftotext`, search and screen readers get them once and in order.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kamdesk.proposals.document import BankBlock, Watermark
from kamdesk.proposals.fonts import SUBSET_LOCK, glyph_outlines
from kamdesk.proposals.styles import Styles
from kamdesk.proposals.template import Template

__all__ = ["PageFurniture", "ProposalCanvas", "page_label"]

WATERMARK_FORM = "KAMDeskWatermark"
WATERMARK_ANGLE = 30
WATERMARK_SIZE = 13
WATERMARK_ALPHA = 0.11
# Watermark centres as fractions of the page (staggered tiles, so cropping cannot remove it).
WATERMARK_TILES = ((0.30, 0.18), (0.74, 0.30), (0.30, 0.44), (0.74, 0.56), (0.30, 0.70), (0.74, 0.82))

HEADER_RULE_FROM_TOP = 17 * mm
FOOTER_RULE_Y = 15 * mm
FOOTER_TEXT_Y = 10.5 * mm


def page_label(number: int, total: int) -> str:
    return f"第 {number} 页 / 共 {total} 页"


@dataclass(frozen=True)
class PageFurniture:
    template: Template
    styles: Styles
    bank: BankBlock
    watermark: Watermark
    header_right: str
    margin: float

    # -- drawn while the page is laid out (platypus onPage callbacks) ---------------------

    def cover_page(self, canvas: Canvas, _doc: Any) -> None:
        width, height = canvas._pagesize
        p = self.styles.palette
        canvas.saveState()
        canvas.setFillColor(p.primary)
        canvas.rect(0, height - 7 * mm, width, 7 * mm, stroke=0, fill=1)
        canvas.setFillColor(p.accent)
        canvas.rect(0, height - 8.2 * mm, width, 1.2 * mm, stroke=0, fill=1)
        canvas.restoreState()

    def body_page(self, canvas: Canvas, _doc: Any) -> None:
        width, height = canvas._pagesize
        s, p = self.styles, self.styles.palette
        baseline = height - HEADER_RULE_FROM_TOP + 2.6 * mm
        logo = 5.5 * mm
        canvas.saveState()
        canvas.drawImage(str(self.template.logo_path), self.margin, baseline - 1.2 * mm, logo, logo, mask="auto")
        canvas.setFillColor(p.primary)
        canvas.setFont(s.font, 9.5)
        canvas.drawString(self.margin + logo + 2 * mm, baseline, self.bank.name)
        canvas.setFillColor(p.muted)
        canvas.setFont(s.font, 8)
        canvas.drawRightString(width - self.margin, baseline, self.header_right)
        canvas.setStrokeColor(p.primary)
        canvas.setLineWidth(0.8)
        rule_y = height - HEADER_RULE_FROM_TOP
        canvas.line(self.margin, rule_y, width - self.margin, rule_y)
        canvas.restoreState()

    # -- drawn when the page count is known (ProposalCanvas.save) -------------------------

    def finish_page(self, canvas: Canvas, number: int, total: int) -> None:
        width, _ = canvas._pagesize
        s, p = self.styles, self.styles.palette
        canvas.saveState()
        canvas.setStrokeColor(p.rule)
        canvas.setLineWidth(0.5)
        canvas.line(self.margin, FOOTER_RULE_Y, width - self.margin, FOOTER_RULE_Y)
        canvas.setFont(s.font, 7.5)
        canvas.setFillColor(p.muted)
        canvas.drawString(self.margin, FOOTER_TEXT_Y, self.template.cover.confidentiality)
        canvas.drawCentredString(width / 2, FOOTER_TEXT_Y, self.watermark.text)
        canvas.setFillColor(p.text)
        canvas.setFont(s.font, 8)
        canvas.drawRightString(width - self.margin, FOOTER_TEXT_Y, page_label(number, total))
        # Colour and transparency are set here and inherited by the form: reportlab does
        # not write a form's own ExtGState (alpha) into its resources.
        canvas.setFillColor(p.watermark)
        canvas.setFillAlpha(WATERMARK_ALPHA)
        canvas.doForm(WATERMARK_FORM)
        canvas.restoreState()

    def define_watermark(self, canvas: Canvas) -> None:
        """Define the watermark form (after the last page: forms may be defined late)."""
        width, height = canvas._pagesize
        outline = glyph_outlines().text(self.watermark.text)
        scale = WATERMARK_SIZE / outline.units_per_em
        half = outline.width(WATERMARK_SIZE) / 2
        canvas.beginForm(WATERMARK_FORM)
        for fx, fy in WATERMARK_TILES:
            canvas.saveState()
            canvas.translate(fx * width, fy * height)
            canvas.rotate(WATERMARK_ANGLE)
            canvas.translate(-half, 0)
            canvas.scale(scale, scale)
            canvas.addLiteral(outline.operators)
            canvas.restoreState()
        canvas.endForm()


class ProposalCanvas(Canvas):
    """A canvas that writes its pages at the end, with the page count and watermark."""

    def __init__(self, *args: Any, furniture: PageFurniture, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._held_pages: list[dict[str, Any]] = []
        self._held_bookmarks: list[tuple[str, dict[str, Any]]] = []

    def bookmarkPage(self, key: str, **kwargs: Any) -> None:  # noqa: N802 (reportlab's name)
        self._held_bookmarks.append((key, kwargs))

    def showPage(self) -> None:  # noqa: N802
        self._held_pages.append(dict(self.__dict__))
        self._held_bookmarks = []
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, 1):
            self.__dict__.update(state)
            for key, kwargs in self._held_bookmarks:
                super().bookmarkPage(key, **kwargs)
            self._furniture.finish_page(self, number, total)
            super().showPage()
        self._furniture.define_watermark(self)
        with SUBSET_LOCK:
            super().save()
