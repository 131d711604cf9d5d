"""The embedded CJK font, registered with reportlab once per process.

WenQuanYi Micro Hei (Apache-2.0, `resources/fonts/wqy-microhei.ttc`, face 0) is a TrueType
font, so reportlab embeds it as a subset and keeps the text extractable. It has no bold or
italic face; the family maps those to the regular face so a stray <b> never falls back to
an unembedded Helvetica. Registration parses a 5 MB file (~0.15 s), hence the cache.
"""
from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kamdesk.proposals.outlines import GlyphOutlines

__all__ = ["FONT_FILE", "FONT_NAME", "SUBSET_LOCK", "ensure_font", "glyph_outlines"]

FONT_NAME = "KAMDeskSans"
FONT_FILE = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "wqy-microhei.ttc"

_lock = threading.Lock()
# reportlab's TTF face makes subsets by seeking and reading through one shared cursor, so
# two PDFs being written at once from different threads corrupt each other's subsets. Hold
# this lock while a PDF that uses the font is written (layout may run in parallel).
SUBSET_LOCK = threading.Lock()
_outlines: GlyphOutlines | None = None


def ensure_font() -> str:
    """Register the CJK font (first call only) and return its reportlab name."""
    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return FONT_NAME
    with _lock:
        if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_FILE), subfontIndex=0))
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FONT_NAME, bold, italic, FONT_NAME)
    return FONT_NAME


def glyph_outlines() -> GlyphOutlines:
    """Outlines of the CJK font's glyphs (for text drawn as shapes), shared per process."""
    global _outlines
    if _outlines is None:
        face = pdfmetrics.getFont(ensure_font()).face
        with _lock:
            if _outlines is None:
                _outlines = GlyphOutlines(face)
    return _outlines
