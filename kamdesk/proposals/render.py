"""Render a `ProposalDoc` to PDF with reportlab platypus.

    pdf = render_proposal(doc)                         # bytes
    render_proposal(doc, out=Path("方案.pdf"))          # also written to a file (atomically)

The PDF embeds a subset of the CJK font (no other font appears, not even the canvas's
Helvetica default), keeps every word extractable, carries a watermark and page numbers on
every page, masks sensitive client fields when the template's recipient policy says so, and
has an outline (bookmarks) of its sections. Rendering is CPU-bound (about 0.1 s of CPU for a
five-page proposal): call it from a worker, never on the GUI thread. Renders may run on
several threads at once.
"""
from __future__ import annotations

import io
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate

from kamdesk.common.files import write_private
from kamdesk.proposals.document import ProposalDoc
from kamdesk.proposals.fonts import ensure_font
from kamdesk.proposals.page import PageFurniture, ProposalCanvas
from kamdesk.proposals.sections import body_sections, cover
from kamdesk.proposals.styles import styles_for
from kamdesk.proposals.template import Template, default_template

__all__ = ["CREATOR", "render_proposal"]

CREATOR = "KAMDesk"
PAGE_SIZE = A4
MARGIN = 20 * mm
TOP_MARGIN = 24 * mm
BOTTOM_MARGIN = 22 * mm


class _ProposalDocTemplate(BaseDocTemplate):
    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 (reportlab's name)
        key = getattr(flowable, "outline_key", None)
        if key:
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.title, key, level=flowable.level)


def render_proposal(
    doc: ProposalDoc,
    *,
    template: Template | None = None,
    out: Path | BinaryIO | None = None,
) -> bytes:
    """Render `doc` to PDF and return the bytes; also write them to `out` when given
    (a path is written atomically; a binary stream is written at its position)."""
    template = template or default_template()
    styles = styles_for(template)
    font = ensure_font()
    bank = doc.bank or template.bank
    width, _ = PAGE_SIZE
    content_width = width - 2 * MARGIN
    furniture = PageFurniture(
        template=template,
        styles=styles,
        bank=bank,
        watermark=doc.watermark_now(),
        header_right=f"{template.cover.kicker} · {doc.proposal_id}",
        margin=MARGIN,
    )

    buffer = io.BytesIO()
    pdf = _ProposalDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=doc.title,
        author=f"{bank.name} {doc.rm.name}",
        subject=f"{template.cover.kicker} {doc.proposal_id} 第{doc.version}版",
        creator=CREATOR,
        lang="zh-CN",
        displayDocTitle=True,
        initialFontName=font,
        initialFontSize=9,
    )
    _, height = PAGE_SIZE
    cover_frame = Frame(MARGIN, BOTTOM_MARGIN, content_width, height - BOTTOM_MARGIN - 22 * mm, id="cover")
    body_frame = Frame(MARGIN, BOTTOM_MARGIN, content_width, height - BOTTOM_MARGIN - TOP_MARGIN, id="body")
    pdf.addPageTemplates([
        PageTemplate(id="cover", frames=[cover_frame], onPage=furniture.cover_page),
        PageTemplate(id="body", frames=[body_frame], onPage=furniture.body_page),
    ])
    story = [
        *cover(doc, template, styles, content_width),
        NextPageTemplate("body"),
        PageBreak(),
        *body_sections(doc, template, styles, content_width),
    ]
    with _plain_flate_streams():
        pdf.build(story, canvasmaker=partial(ProposalCanvas, furniture=furniture))
    data = buffer.getvalue()
    if out is not None:
        _write(data, out)
    return data


_a85_lock = threading.Lock()
_a85_renders = 0
_a85_saved = rl_config.useA85


@contextmanager
def _plain_flate_streams() -> Iterator[None]:
    """Turn off reportlab's ASCII85 layer on streams while proposals render.

    By default reportlab ASCII85-encodes every compressed stream (`rl_config.useA85`), in
    pure Python unless the optional `rl_accel` is installed: a quarter more bytes, and for
    the embedded font subsets most of the render time. Plain flate streams are ordinary
    PDF. The switch is process-wide in reportlab, so it is counted across concurrent renders
    and restored when the last one ends.
    """
    global _a85_renders, _a85_saved
    with _a85_lock:
        if _a85_renders == 0:
            _a85_saved = rl_config.useA85
            rl_config.useA85 = 0
        _a85_renders += 1
    try:
        yield
    finally:
        with _a85_lock:
            _a85_renders -= 1
            if _a85_renders == 0:
                rl_config.useA85 = _a85_saved


def _write(data: bytes, out: Path | BinaryIO) -> None:
    if isinstance(out, (str, os.PathLike)):
        write_private(out, data)  # 0600: a proposal holds client data
    else:
        out.write(data)
