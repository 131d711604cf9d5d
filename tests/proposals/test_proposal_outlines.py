"""Glyph outlines (the watermark's shapes) read from the embedded TrueType font."""
from __future__ import annotations

import re

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from kamdesk.proposals.fonts import ensure_font, glyph_outlines

OPERATOR = re.compile(r"-?\d+(\.\d)?|[mlch]|q|Q|cm|f")


@pytest.mark.parametrize("text", ["李晓雯 2026-11-28 15:04 P-2026-000123", "欧阳娜娜 @&Qg", " "])
def test_outline_advance_matches_the_font_metrics(text: str) -> None:
    outline = glyph_outlines().text(text)
    assert outline.width(13) == pytest.approx(stringWidth(text, ensure_font(), 13), abs=0.01)


def test_every_printable_ascii_and_common_cjk_glyph_reads() -> None:
    outlines = glyph_outlines()
    chars = [chr(c) for c in range(0x21, 0x7F)] + [chr(c) for c in range(0x4E00, 0x4E00 + 1000)]
    for char in chars:
        operators = outlines.text(char).operators
        assert operators, f"U+{ord(char):04X} has no outline"
        tokens = operators.split()
        assert all(OPERATOR.fullmatch(t) for t in tokens), char
        assert tokens.count("m") == tokens.count("h"), char  # every contour is closed
