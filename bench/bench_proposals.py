"""Proposal rendering benchmark: a typical five-page proposal with an allocation chart.

Prints the one-off cost of loading the CJK font (parsed once per process, so excluded from
the per-proposal figures), the first render after it (style and glyph caches warming), then
the median wall and CPU time per proposal over N renders, pages per second, and the PDF's
size.
Env: KAMDESK_BENCH_PROPOSALS (renders, default 30).
"""
from __future__ import annotations

import os
import time

import pypdfium2 as pdfium
from bench.common import median, percentile, report, timer
from reportlab.pdfbase.ttfonts import TTFont

from kamdesk.proposals import render_proposal
from kamdesk.proposals.fonts import FONT_FILE, ensure_font
from kamdesk.proposals.samples import sample_proposal
from kamdesk.proposals.template import default_template

RENDERS = int(os.environ.get("KAMDESK_BENCH_PROPOSALS", "30"))
TYPICAL_PRODUCTS = 6  # five pages with the default template


def page_count(pdf: bytes) -> int:
    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def bench_font_load() -> None:
    """Parse the font file the way the first render does (measured even if already cached)."""
    with timer() as t:
        TTFont("KAMDeskBenchFont", str(FONT_FILE), subfontIndex=0)
    report("proposals.font_load_ms", t() * 1000, "ms")
    ensure_font()


def bench_render() -> None:
    doc = sample_proposal(products=TYPICAL_PRODUCTS)
    template = default_template()
    with timer() as t:
        pdf = render_proposal(doc, template=template)
    report("proposals.first_render_ms", t() * 1000, "ms")
    pages = page_count(pdf)
    samples, cpu = [], []
    for _ in range(RENDERS):
        cpu_start = time.process_time()
        with timer() as t:
            render_proposal(doc, template=template)
        samples.append(t())
        cpu.append(time.process_time() - cpu_start)
    per_proposal = median(samples)
    print(f"  ({pages} pages, {len(doc.products)} products, {RENDERS} renders, "
          f"p90 {percentile(samples, 90) * 1000:.1f} ms)")
    report("proposals.render_ms_per_proposal", per_proposal * 1000, "ms")
    # CPU time: steadier than wall time on a shared machine; rendering is CPU-bound.
    report("proposals.render_cpu_ms_per_proposal", median(cpu) * 1000, "ms")
    report("proposals.pages_per_s", pages / per_proposal, "pages/s", lower_is_better=False)
    report("proposals.pdf_kb", len(pdf) / 1024, "KB")


def main() -> None:
    bench_font_load()
    bench_render()


if __name__ == "__main__":
    main()
