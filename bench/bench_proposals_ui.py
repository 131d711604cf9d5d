"""Proposal preview and printing in the app (offscreen): pypdfium2 rasterization per page at
screen (96 dpi) and print (300 dpi) resolution on a worker, the preview widget end to end with the
longest GUI event-loop stall while it works, and printing at 300 dpi onto a PDF-format QPrinter
(rasterize + paint on a worker) with the longest GUI stall meanwhile.

    .venv/bin/python -m bench proposals_ui
Env: KAMDESK_BENCH_RASTER (repeats, default 5).
"""
from __future__ import annotations

import os

from bench.common import median, report, timer

REPEATS = int(os.environ.get("KAMDESK_BENCH_RASTER", "5"))


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    from bench.bench_ui import StallMeter, wait_until
    from kamdesk.proposals import render_proposal
    from kamdesk.proposals.samples import sample_proposal
    from kamdesk.ui.app import make_app
    from kamdesk.ui.ops import runner
    from kamdesk.ui.ops import Op
    from kamdesk.ui.proposals.output import paint_pages
    from kamdesk.ui.proposals.preview import PdfPreview
    from kamdesk.ui.proposals.raster import iter_pages, page_count, rasterize
    from kamdesk.ui.qt import print_support

    app = make_app(["bench"])
    pdf = render_proposal(sample_proposal(products=6))
    pages = page_count(pdf)
    print(f"  ({pages}-page proposal, {len(pdf) // 1024} KB, {REPEATS} repeats)")
    for key, dpi in (("preview", 96), ("print", 300)):
        samples = []
        for _ in range(REPEATS):
            with timer() as t:
                rasterize(pdf, dpi=dpi)
            samples.append(t() / pages)
        report(f"proposals_ui.{key}_raster_ms_per_page", median(samples) * 1000, "ms")

    runner().inline = False
    preview = PdfPreview()
    preview.resize(1000, 700)
    preview.show()
    meter = StallMeter()
    meter.start("preview")
    totals = []
    for _ in range(REPEATS):
        done: list[int] = []
        preview.rendered.connect(done.append)
        with timer() as t:
            preview.set_pdf(pdf)
            wait_until(app, lambda: bool(done))
        preview.rendered.disconnect(done.append)
        totals.append(t())
    report("proposals_ui.preview_5_pages_ms", median(totals) * 1000, "ms")
    report("proposals_ui.preview_longest_stall_ms", meter.worst * 1000, "ms")
    meter.timer.stop()

    ps = print_support()
    with tempfile.TemporaryDirectory() as tmp:
        printer = ps.QPrinter(ps.QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(ps.QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(os.path.join(tmp, "out.pdf"))
        meter = StallMeter()
        meter.start("print")
        finished: list[int] = []
        with timer() as t:
            Op(lambda job: paint_pages(printer, iter_pages(pdf, dpi=300, job=job, copy=False), job), job=True).success(
                finished.append).run()
            wait_until(app, lambda: bool(finished))
        meter.timer.stop()
    report("proposals_ui.print_300dpi_ms_per_page", t() / pages * 1000, "ms")
    report("proposals_ui.print_longest_stall_ms", meter.worst * 1000, "ms")
    preview.close()
    runner().wait_for_done(10000)


if __name__ == "__main__":
    main()
