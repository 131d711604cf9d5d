"""Paragraph and table styles of a proposal, derived from a template's colours.

Built once per template (cached) and shared by every render. All styles use the embedded
CJK font and CJK line breaking, so long Chinese names wrap inside their cell or line.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

from kamdesk.proposals.fonts import ensure_font
from kamdesk.proposals.template import Template

__all__ = ["Palette", "Styles", "css", "data_table", "para", "styles_for", "table"]


@dataclass(frozen=True)
class Palette:
    primary: Color
    accent: Color
    text: Color
    muted: Color
    rule: Color
    header_background: Color
    header_text: Color
    stripe: Color
    total_background: Color
    warning: Color
    watermark: Color
    chart: tuple[Color, ...]


@dataclass(frozen=True)
class Styles:
    font: str
    palette: Palette
    body: ParagraphStyle
    muted: ParagraphStyle
    subheading: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_header: ParagraphStyle
    cell_header_right: ParagraphStyle
    label: ParagraphStyle
    cover_bank: ParagraphStyle
    cover_branch: ParagraphStyle
    cover_kicker: ParagraphStyle
    cover_title: ParagraphStyle
    cover_client: ParagraphStyle
    cover_note: ParagraphStyle
    numbered: ParagraphStyle
    warning: ParagraphStyle
    heading_size: float


@lru_cache(maxsize=8)
def styles_for(template: Template) -> Styles:
    font = ensure_font()
    c = template.colors
    palette = Palette(
        primary=HexColor(c.primary),
        accent=HexColor(c.accent),
        text=HexColor(c.text),
        muted=HexColor(c.muted),
        rule=HexColor(c.rule),
        header_background=HexColor(c.table_header_background),
        header_text=HexColor(c.table_header_text),
        stripe=HexColor(c.table_stripe),
        total_background=HexColor(c.total_background),
        warning=HexColor(c.warning),
        watermark=HexColor(c.watermark),
        chart=tuple(HexColor(x) for x in c.chart),
    )

    def style(name: str, size: float, leading: float, **kw) -> ParagraphStyle:
        kw.setdefault("textColor", palette.text)
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **kw)

    body = style("body", 9.5, 15.5, spaceAfter=5)
    return Styles(
        font=font,
        palette=palette,
        body=body,
        muted=style("muted", 8, 12, textColor=palette.muted),
        subheading=style("subheading", 10.5, 15, textColor=palette.primary, spaceBefore=8, spaceAfter=4, keepWithNext=1),
        cell=style("cell", 8.5, 12),
        cell_right=style("cell_right", 8.5, 12, alignment=TA_RIGHT),
        cell_header=style("cell_header", 8.5, 12, textColor=palette.header_text),
        cell_header_right=style("cell_header_right", 8.5, 12, textColor=palette.header_text, alignment=TA_RIGHT),
        label=style("label", 8.5, 12, textColor=palette.muted),
        cover_bank=style("cover_bank", 17, 22, textColor=palette.primary),
        cover_branch=style("cover_branch", 9.5, 14, textColor=palette.muted),
        cover_kicker=style("cover_kicker", 12, 18, textColor=palette.accent, spaceAfter=6),
        cover_title=style("cover_title", 24, 33, textColor=palette.primary, spaceAfter=16),
        cover_client=style("cover_client", 14, 21, spaceAfter=4),
        cover_note=style("cover_note", 8.5, 13.5, textColor=palette.muted, alignment=TA_LEFT),
        numbered=style("numbered", 9.5, 15.5, leftIndent=16, firstLineIndent=-16, spaceAfter=4),
        warning=style("warning", 9.5, 15.5, textColor=palette.warning, spaceAfter=4),
        heading_size=14,
    )


def css(color: Color) -> str:
    """A colour as "#rrggbb" for reportlab's <font color=...> markup."""
    return "#" + color.hexval()[2:]


class WrapOnceParagraph(Paragraph):
    """A Paragraph that remembers its line breaks for the last width it was wrapped to.

    Platypus wraps the same paragraph several times (a table measures its cells, a
    KeepTogether measures its content, then the frame wraps again before drawing); line
    breaking depends on the width alone, and CJK breaking in pure Python is the largest
    cost of a render.
    """

    _wrapped_width: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # (split() drops blPara when it gives up on a page: then break the lines again.)
        if availWidth == self._wrapped_width and "blPara" in self.__dict__:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_width = availWidth
        return size


def para(text: str, style: ParagraphStyle, *, markup: str = "") -> Paragraph:
    """A Paragraph of plain `text` (escaped, so '&' or '<' in a company name print as
    written), optionally followed by trusted reportlab `markup`."""
    return WrapOnceParagraph(escape(text) + markup, style)


def table(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    styles: Styles,
    commands: Sequence[tuple],
    **kwargs: object,
) -> Table:
    """A left-aligned Table whose cells use the CJK font. (A cell's font applies even to
    cells holding flowables or nothing; left at reportlab's default it would put an
    unembedded Helvetica into the PDF.)"""
    kwargs.setdefault("hAlign", "LEFT")
    return Table(
        rows,
        colWidths=list(widths),
        style=TableStyle([
            ("FONT", (0, 0), (-1, -1), styles.font, 8.5, 12),
            ("TEXTCOLOR", (0, 0), (-1, -1), styles.palette.text),
            *commands,
        ]),
        **kwargs,
    )


def data_table(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    styles: Styles,
    *,
    total_row: bool = False,
    centred: Sequence[int] = (),
    numeric: Sequence[int] = (),
) -> Table:
    """A data table in the house style: a coloured header row repeated on each page,
    striped body rows, thin rules, and optionally a shaded totals row at the bottom.
    Short cells (numbers, terms) may be plain strings, which are much cheaper to lay out
    than Paragraphs; the `numeric` columns' strings are right-aligned, `centred` centred."""
    p = styles.palette
    commands: list[tuple] = [
        ("BACKGROUND", (0, 0), (-1, 0), p.header_background),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, p.rule),
        ("ROWBACKGROUNDS", (0, 1), (-1, -2 if total_row else -1), [None, p.stripe]),
    ]
    if total_row:
        commands += [
            ("BACKGROUND", (0, -1), (-1, -1), p.total_background),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, p.primary),
        ]
    commands += [("ALIGN", (c, 1), (c, -1), "RIGHT") for c in numeric]
    commands += [("ALIGN", (c, 1), (c, -1), "CENTER") for c in centred]
    return table(rows, widths, styles, commands, repeatRows=1)
